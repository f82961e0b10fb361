//! The world Typst typesets in: one source (the document's markup), the standard library,
//! and the fonts of this machine, found once per process (typst-kit's system search reads
//! their metadata; a font's bytes are read when Typst first needs it). No file, package or
//! clock is reachable: the same draft gives the same PDF.

use std::sync::OnceLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, Source};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_kit::fonts::FontStore;

use super::markup::Faces;

/// The machine's fonts, and the CJK faces among them.
pub(super) struct Fonts {
    store: FontStore,
    pub faces: Option<Faces>,
}

/// Serif families for the body, best first; then sans for headings. Any other family that
/// covers Chinese is taken when none of these is installed.
const SERIF: &[&str] =
    &["Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", "SimSun", "NSimSun", "AR PL UMing CN", "FangSong"];
const SANS: &[&str] =
    &["Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "SimHei", "Microsoft YaHei", "WenQuanYi Zen Hei"];

impl Fonts {
    /// The fonts of this machine, searched once.
    pub(super) fn system() -> &'static Fonts {
        static FONTS: OnceLock<Fonts> = OnceLock::new();
        FONTS.get_or_init(|| {
            let mut store = FontStore::new();
            let mut families: Vec<String> = Vec::new();
            for (path, info) in typst_kit::fonts::system() {
                // 中 and 甲: a face without them cannot set a contract.
                if info.coverage.contains(0x4e2d) && info.coverage.contains(0x7532) {
                    families.push(info.family.clone());
                }
                store.push((path, info));
            }
            let pick = |preferred: &[&str]| {
                preferred
                    .iter()
                    .find(|name| families.iter().any(|f| f.eq_ignore_ascii_case(name)))
                    .map(|n| (*n).to_string())
            };
            let any = families.first().cloned();
            let faces = match (pick(SERIF), pick(SANS)) {
                (Some(body), Some(heading)) => Some(Faces { body, heading }),
                (Some(one), None) | (None, Some(one)) => Some(Faces { body: one.clone(), heading: one }),
                (None, None) => any.map(|one| Faces { body: one.clone(), heading: one }),
            };
            Fonts { store, faces }
        })
    }
}

pub(super) struct PdfWorld {
    library: LazyHash<Library>,
    fonts: &'static Fonts,
    main: Source,
}

impl PdfWorld {
    pub(super) fn new(fonts: &'static Fonts, markup: String) -> Self {
        static LIBRARY: OnceLock<LazyHash<Library>> = OnceLock::new();
        let library = LIBRARY.get_or_init(|| LazyHash::new(Library::default())).clone();
        PdfWorld { library, fonts, main: Source::detached(markup) }
    }
}

impl World for PdfWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.fonts.store.book()
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() { Ok(self.main.clone()) } else { Err(FileError::AccessDenied) }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            Ok(Bytes::from_string(self.main.text().to_string()))
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.store.font(index)
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}
