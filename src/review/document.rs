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
    /// The file could not be opened or read.
    Io(String),
    /// A format this command does not read (PDF, images...).
    Unsupported(String),
    /// Not a Word file, or not text in UTF-8.
    Unreadable(String),
    /// Readable, but without text: a scan, or an empty file.
    NoText,
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Io(why) | ReadError::Unreadable(why) | ReadError::Unsupported(why) => f.write_str(why),
            ReadError::NoText => {
                f.write_str("no text found: a scanned contract cannot be reviewed; export it as .docx or .txt")
            }
        }
    }
}

/// Reads a .docx, .md or .txt file.
pub fn read(path: &Path) -> Result<Document, ReadError> {
    let io = |e: std::io::Error| ReadError::Io(e.to_string());
    let meta = std::fs::metadata(path).map_err(io)?;
    if !meta.is_file() {
        return Err(ReadError::Unreadable("not a regular file".into()));
    }
    if meta.len() > MAX_BYTES {
        return Err(ReadError::Unreadable("larger than 64 MiB".into()));
    }
    let extension = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    let document = match extension.as_deref() {
        Some("docx") => from_docx(&std::fs::read(path).map_err(io)?)?,
        Some("md" | "markdown" | "txt" | "text") | None => {
            let bytes = std::fs::read(path).map_err(io)?;
            let text = String::from_utf8(bytes).map_err(|_| ReadError::Unreadable("not UTF-8 text".into()))?;
            from_text(&text)
        }
        Some(other) => {
            return Err(ReadError::Unsupported(format!(
                ".{other} files cannot be reviewed; save the contract as .docx, .md or .txt"
            )));
        }
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
    let not_word = || ReadError::Unreadable("not a Word document (.docx)".into());
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
        assert_eq!(from_docx(b"not a zip").err(), Some(ReadError::Unreadable("not a Word document (.docx)".into())));
        assert!(from_text("  \n\n").paragraphs.is_empty());
    }
}
