//! PDF for signing and e-signature platforms, typeset by Typst as a library: A4, the CJK
//! fonts of this machine embedded (subset) with their text extractable, so a platform can
//! place signature fields by keyword; 第 X 页 共 Y 页; the signature page on a page of its own;
//! the annexes as real tables. Typst was chosen over printpdf (drawing primitives only: no
//! line breaking or tables) and genpdf (breaks lines at spaces, which Chinese has none of):
//! it breaks and justifies CJK text, repeats table headers and counts pages. Typst runs in
//! a program of its own, `crm-contract-pdf`: linked into `crm-contract`, its 66,000
//! relocations made every command start 1.9 ms later.

mod markup;
mod world;

use typst_layout::PagedDocument;
use typst_pdf::PdfOptions;

use crate::document::Document;
use world::{Fonts, PdfWorld};

/// The program that typesets: Typst lives there only, so every other command starts
/// without loading it (it doubles a process's start-up). Installed beside `crm-contract`.
pub const TYPESETTER: &str = "crm-contract-pdf";
/// Its exit code when no font covers Chinese.
pub const NO_FONT_EXIT: i32 = 3;

/// Why a PDF could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PdfError {
    /// No installed font covers Chinese.
    NoChineseFont,
    /// The typesetter is not installed beside this program.
    NoTypesetter,
    /// The typesetter is there but could not be run (the system's words).
    TypesetterFailed(String),
    /// Typst could not set the document (a bug: the markup is ours).
    Typesetting(String),
}

impl std::fmt::Display for PdfError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PdfError::NoChineseFont => f.write_str(
                "no installed font covers Chinese; install one (Debian/Ubuntu: apt-get install fonts-noto-cjk; Fedora: dnf install google-noto-serif-cjk-fonts; macOS and Windows have one) and export again",
            ),
            PdfError::NoTypesetter => write!(
                f,
                "the PDF typesetter {TYPESETTER} is not beside this program; it is built and installed with crm-contract (cargo install --path . installs both)"
            ),
            PdfError::TypesetterFailed(why) => write!(f, "the PDF typesetter {TYPESETTER} could not run ({why})"),
            PdfError::Typesetting(message) => write!(f, "the PDF could not be typeset: {message}"),
        }
    }
}

impl PdfError {
    /// The problem in Chinese, for the interface's default language.
    pub fn zh(&self) -> String {
        match self {
            PdfError::NoChineseFont => "没有可以显示中文的字体：请先安装一种中文字体（Debian/Ubuntu：apt-get install fonts-noto-cjk；Fedora：dnf install google-noto-serif-cjk-fonts；macOS 和 Windows 已自带）再导出".to_string(),
            PdfError::NoTypesetter => format!(
                "找不到 PDF 排版程序 {TYPESETTER}：它应与 crm-contract 放在同一文件夹（cargo install --path . 会同时安装两者）"
            ),
            PdfError::TypesetterFailed(why) => format!("PDF 排版程序 {TYPESETTER} 无法运行（{why}）"),
            PdfError::Typesetting(message) => format!("PDF 排版失败：{message}"),
        }
    }
}

impl std::error::Error for PdfError {}

/// The PDF bytes of a document: its Typst source made here, typeset by [`TYPESETTER`].
pub fn document(document: &Document) -> Result<Vec<u8>, PdfError> {
    use std::io::Write as _;
    use std::process::{Command, Stdio};
    let source = markup::source(document);
    let program = typesetter().ok_or(PdfError::NoTypesetter)?;
    let mut child = Command::new(&program)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| PdfError::TypesetterFailed(format!("{}: {e}", program.display())))?;
    // The source is written from a thread of its own, so a typesetter writing its PDF
    // before it has read everything never waits on a full pipe.
    let writer = child.stdin.take().map(|mut stdin| std::thread::spawn(move || stdin.write_all(source.as_bytes())));
    let output = child.wait_with_output().map_err(|e| PdfError::TypesetterFailed(e.to_string()))?;
    if let Some(writer) = writer {
        let _ = writer.join();
    }
    match output.status.code() {
        Some(0) if output.stdout.starts_with(b"%PDF") => Ok(output.stdout),
        Some(NO_FONT_EXIT) => Err(PdfError::NoChineseFont),
        _ => Err(PdfError::Typesetting(String::from_utf8_lossy(&output.stderr).trim().to_string())),
    }
}

/// The typesetter beside the running program (or beside its parent folder, where cargo
/// puts test and benchmark programs).
fn typesetter() -> Option<std::path::PathBuf> {
    let name = format!("{TYPESETTER}{}", std::env::consts::EXE_SUFFIX);
    let exe = std::env::current_exe().ok()?;
    let here = exe.parent()?;
    [Some(here), here.parent()].into_iter().flatten().map(|dir| dir.join(&name)).find(|p| p.is_file())
}

/// Typesets a document's source (from [`document`]) in this process: what [`TYPESETTER`]
/// runs.
pub fn typeset(source: &str) -> Result<Vec<u8>, PdfError> {
    let fonts = Fonts::system();
    let faces = fonts.faces.as_ref().ok_or(PdfError::NoChineseFont)?;
    let world = PdfWorld::new(fonts, format!("{}{source}", faces.rules()));
    let typeset = typst::compile::<PagedDocument>(&world).output.map_err(|errors| {
        PdfError::Typesetting(errors.iter().map(|e| e.message.to_string()).collect::<Vec<_>>().join("; "))
    })?;
    let options =
        PdfOptions { creator: typst::foundations::Smart::Custom(Some("crm-contract".into())), ..PdfOptions::default() };
    typst_pdf::pdf(&typeset, &options).map_err(|errors| {
        PdfError::Typesetting(errors.iter().map(|e| e.message.to_string()).collect::<Vec<_>>().join("; "))
    })
}
