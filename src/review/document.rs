//! A contract document as paragraphs under their headings, read from Word (.docx: the
//! paragraphs of `word/document.xml`), Markdown or plain text.

use std::io::Read;
use std::path::Path;

use quick_xml::events::Event;

/// The largest file and the largest `document.xml` read: a contract is far smaller, and a
/// compressed bomb stops here.
const MAX_BYTES: u64 = 64 * 1024 * 1024;

/// A document's paragraphs, in order.
#[derive(Debug, Clone, Default)]
pub struct Document {
    pub paragraphs: Vec<Paragraph>,
}

/// One paragraph and the heading (第十条　违约责任) it stands under.
#[derive(Debug, Clone)]
pub struct Paragraph {
    pub text: String,
    pub heading: Option<String>,
}

impl Document {
    /// The whole text, paragraphs joined by line breaks.
    pub fn text(&self) -> String {
        self.paragraphs.iter().map(|p| p.text.as_str()).collect::<Vec<_>>().join("\n")
    }
}

/// Why a file could not be reviewed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// The file could not be opened or read: what went wrong, in the system's words.
    Io(std::io::ErrorKind, String),
    /// A folder, a pipe or a device.
    NotAFile,
    TooLarge,
    /// A format this command does not read (PDF, images...), by its extension.
    Unsupported(String),
    NotWord,
    NotUtf8,
    /// Readable, but without text: a scan, or an empty file.
    NoText,
}

impl ReadError {
    /// The problem in English (an input/output error in the system's words).
    pub fn en(&self) -> String {
        match self {
            ReadError::Io(_, why) => why.clone(),
            ReadError::NotAFile => "not a regular file".into(),
            ReadError::TooLarge => "larger than 64 MiB".into(),
            ReadError::Unsupported(extension) => {
                format!(".{extension} files cannot be reviewed; save the contract as .docx, .md or .txt")
            }
            ReadError::NotWord => "not a Word document (.docx)".into(),
            ReadError::NotUtf8 => "not UTF-8 text".into(),
            ReadError::NoText => {
                "no text found: a scanned contract cannot be reviewed; export it as .docx or .txt".into()
            }
        }
    }

    /// The problem in Chinese (an input/output error in the words every command uses).
    pub fn zh(&self) -> String {
        match self {
            ReadError::Io(kind, why) => crate::i18n::io_zh(&std::io::Error::new(*kind, why.clone())),
            ReadError::NotAFile => "这不是普通文件（请给出合同文件本身）".into(),
            ReadError::TooLarge => "文件超过 64 MiB，不予读取".into(),
            ReadError::Unsupported(extension) => {
                format!("不能审阅 .{extension} 文件：请把合同另存为 .docx、.md 或 .txt 后再审阅")
            }
            ReadError::NotWord => "这不是 Word 文档（.docx），或者文件已损坏".into(),
            ReadError::NotUtf8 => "文件不是 UTF-8 编码的文本（请先另存为 UTF-8 编码，或者另存为 .docx）".into(),
            ReadError::NoText => "文件中没有文字：扫描件无法审阅，请导出为 .docx 或 .txt".into(),
        }
    }
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.en())
    }
}

/// Reads a .docx, .md or .txt file.
pub fn read(path: &Path) -> Result<Document, ReadError> {
    let io = |e: std::io::Error| ReadError::Io(e.kind(), e.to_string());
    let meta = std::fs::metadata(path).map_err(io)?;
    if !meta.is_file() {
        return Err(ReadError::NotAFile);
    }
    if meta.len() > MAX_BYTES {
        return Err(ReadError::TooLarge);
    }
    let extension = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    let document = match extension.as_deref() {
        Some("docx") => from_docx(&std::fs::read(path).map_err(io)?)?,
        Some("md" | "markdown" | "txt" | "text") | None => {
            let bytes = std::fs::read(path).map_err(io)?;
            let text = String::from_utf8(bytes).map_err(|_| ReadError::NotUtf8)?;
            from_text(&text)
        }
        Some(other) => return Err(ReadError::Unsupported(other.to_string())),
    };
    if document.paragraphs.iter().all(|p| p.text.trim().is_empty()) {
        return Err(ReadError::NoText);
    }
    Ok(document)
}

/// Whether a line is an article heading: 第十条　违约责任, short and standing alone.
fn article_heading(line: &str) -> bool {
    let rest = line.strip_prefix('第').unwrap_or("");
    let number: String = rest.chars().take_while(|c| "零一二三四五六七八九十百0123456789".contains(*c)).collect();
    !number.is_empty() && rest[number.len()..].starts_with('条') && line.chars().count() <= 30
}

/// Markdown or plain text: each non-empty line is a paragraph; `#` lines and article
/// headings head the paragraphs after them; table rows become their cells' text.
pub fn from_text(text: &str) -> Document {
    let mut document = Document::default();
    let mut heading: Option<String> = None;
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if line.chars().all(|c| "|-: ".contains(c)) {
            continue;
        }
        let unmarked = line.trim_start_matches('#').trim();
        if line.starts_with('#') || article_heading(line) {
            heading = Some(unmarked.to_string());
            continue;
        }
        let text = if line.starts_with('|') {
            line.trim_matches('|').split('|').map(str::trim).collect::<Vec<_>>().join("　")
        } else {
            line.to_string()
        };
        document.paragraphs.push(Paragraph { text, heading: heading.clone() });
    }
    document
}

/// Word: the text of every `w:p` of `word/document.xml`; a paragraph styled as a heading, or
/// one that is an article heading, heads the paragraphs after it.
fn from_docx(bytes: &[u8]) -> Result<Document, ReadError> {
    let not_word = || ReadError::NotWord;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|_| not_word())?;
    let entry = archive.by_name("word/document.xml").map_err(|_| not_word())?;
    let mut xml = String::new();
    entry.take(MAX_BYTES).read_to_string(&mut xml).map_err(|_| not_word())?;
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut document = Document::default();
    let mut heading: Option<String> = None;
    let mut text = String::new();
    let mut styled_heading = false;
    let mut in_text = false;
    loop {
        match reader.read_event().map_err(|_| not_word())? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == b"pStyle" => {
                let style = e
                    .attributes()
                    .flatten()
                    .find(|a| a.key.local_name().as_ref() == b"val")
                    .map(|a| String::from_utf8_lossy(&a.value).to_lowercase())
                    .unwrap_or_default();
                styled_heading = style.contains("heading") || style.contains("title") || style.contains("标题");
            }
            Event::Start(e) if e.local_name().as_ref() == b"p" => {
                text.clear();
                styled_heading = false;
            }
            Event::Start(e) if e.local_name().as_ref() == b"t" => in_text = true,
            Event::End(e) if e.local_name().as_ref() == b"t" => in_text = false,
            Event::Empty(e) if matches!(e.local_name().as_ref(), b"tab" | b"br") => text.push(' '),
            Event::Empty(e) if e.local_name().as_ref() == b"noBreakHyphen" => text.push('-'),
            Event::Text(t) if in_text => text.push_str(&t.decode().map_err(|_| not_word())?),
            Event::GeneralRef(r) if in_text => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    text.push(c);
                } else {
                    let entity = r.decode().map_err(|_| not_word())?;
                    text.push_str(match entity.as_ref() {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        _ => "",
                    });
                }
            }
            Event::End(e) if e.local_name().as_ref() == b"p" => {
                let line = text.trim();
                if line.is_empty() {
                    continue;
                }
                if styled_heading || article_heading(line) {
                    heading = Some(line.to_string());
                } else {
                    document.paragraphs.push(Paragraph { text: line.to_string(), heading: heading.clone() });
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(document)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_paragraphs_under_their_headings() {
        let doc = from_text(
            "# 合同\n\n第一条　标的\n乙方提供系统。\n\n## 第二条　价款\n\n| 序号 | 费用 |\n|---|---|\n| 1 | 实施费 |\n",
        );
        let texts: Vec<(&str, Option<&str>)> =
            doc.paragraphs.iter().map(|p| (p.text.as_str(), p.heading.as_deref())).collect();
        assert_eq!(
            texts,
            [
                ("乙方提供系统。", Some("第一条　标的")),
                ("序号　费用", Some("第二条　价款")),
                ("1　实施费", Some("第二条　价款"))
            ]
        );
    }

    #[test]
    fn a_word_file_is_read_by_its_paragraphs() {
        let xml = r#"<?xml version="1.0"?><w:document xmlns:w="w"><w:body>
            <w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>第十条　违约责任</w:t></w:r></w:p>
            <w:p><w:r><w:t>乙方有权</w:t></w:r><w:r><w:t xml:space="preserve">调整价格 &amp; 费用。</w:t></w:r></w:p>
            </w:body></w:document>"#;
        let mut bytes = Vec::new();
        {
            let mut zip = zip::ZipWriter::new(std::io::Cursor::new(&mut bytes));
            let options = zip::write::SimpleFileOptions::default();
            let _ = zip.start_file("word/document.xml", options);
            let _ = std::io::Write::write_all(&mut zip, xml.as_bytes());
            let _ = zip.finish();
        }
        let doc = from_docx(&bytes).expect("reads");
        assert_eq!(doc.paragraphs.len(), 1);
        assert_eq!(doc.paragraphs[0].text, "乙方有权调整价格 & 费用。");
        assert_eq!(doc.paragraphs[0].heading.as_deref(), Some("第十条　违约责任"));
    }

    #[test]
    fn what_cannot_be_read_says_why() {
        assert_eq!(from_docx(b"not a zip").err(), Some(ReadError::NotWord));
        assert!(from_text("  \n\n").paragraphs.is_empty());
    }
}
