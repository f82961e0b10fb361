//! WordprocessingML pieces as text: escaping, runs, paragraph and table properties. Every
//! string that reaches the document passes [`text`], which also drops what XML 1.0 forbids,
//! so no value can make the file unreadable.

use std::fmt::Write as _;

/// Escapes text for an element or an attribute value; characters XML 1.0 forbids are
/// dropped (values are sanitized before, this is the last guard).
pub(super) fn text(out: &mut String, value: &str) {
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => {}
            _ => out.push(c),
        }
    }
}

/// How a run looks beyond its paragraph's style.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct RunLook {
    pub bold: bool,
    /// A blank to fill in: underlined, grey.
    pub blank: bool,
}

/// A tracked change a run belongs to: inserted or deleted, with the revision's id (unique in
/// the document).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tracked {
    Inserted(u32),
    Deleted(u32),
}

/// Who made the tracked changes and when (ISO 8601), as Word shows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reviser {
    pub author: String,
    pub date: String,
}

/// A run inside a tracked change: `<w:ins>` or `<w:del>` around it, and deleted text as
/// `w:delText`, which Word, WPS and LibreOffice accept or reject one by one.
pub(super) fn tracked_run(out: &mut String, look: RunLook, value: &str, tracked: Tracked, reviser: &Reviser) {
    let element = revision_start(out, tracked, reviser);
    out.push('>');
    let text_element = if let Tracked::Deleted(_) = tracked { "w:delText" } else { "w:t" };
    run_of(out, look, value, text_element);
    let _ = write!(out, "</{element}>");
}

/// Opens `<w:ins` or `<w:del` with the revision's id, author and date (the tag left open
/// for `>` or `/>`); the element's name.
fn revision_start(out: &mut String, tracked: Tracked, reviser: &Reviser) -> &'static str {
    let (element, id) = match tracked {
        Tracked::Inserted(id) => ("w:ins", id),
        Tracked::Deleted(id) => ("w:del", id),
    };
    let _ = write!(out, r#"<{element} w:id="{id}" w:author=""#);
    text(out, &reviser.author);
    let _ = write!(out, r#"" w:date="{}""#, reviser.date);
    element
}

/// `<w:r>` with text (spaces kept).
pub(super) fn run(out: &mut String, look: RunLook, value: &str) {
    run_of(out, look, value, "w:t");
}

/// A run whose text is in `element` (`w:t`, or `w:delText` for deleted text).
fn run_of(out: &mut String, look: RunLook, value: &str, element: &str) {
    out.push_str("<w:r>");
    if look.bold || look.blank {
        out.push_str("<w:rPr>");
        if look.bold {
            out.push_str("<w:b/><w:bCs/>");
        }
        if look.blank {
            out.push_str(r#"<w:color w:val="777777"/><w:u w:val="single"/>"#);
        }
        out.push_str("</w:rPr>");
    }
    let _ = write!(out, r#"<{element} xml:space="preserve">"#);
    text(out, value);
    let _ = write!(out, "</{element}></w:r>");
}

/// An identifier (an e-mail address, an account number): its hyphens non-breaking, so Word
/// never breaks it across lines.
pub(super) fn identifier_run(out: &mut String, look: RunLook, value: &str) {
    for (index, piece) in value.split('-').enumerate() {
        if index > 0 {
            out.push_str("<w:r><w:noBreakHyphen/></w:r>");
        }
        if !piece.is_empty() {
            run(out, look, piece);
        }
    }
}

/// A line break inside a paragraph.
pub(super) fn line_break(out: &mut String) {
    out.push_str("<w:r><w:br/></w:r>");
}

/// `<w:p>` opening with its style and, where asked, a page break before it; `mark` tracks
/// the paragraph mark itself, for a paragraph wholly deleted or inserted.
pub(super) fn paragraph_start(
    out: &mut String,
    style: &str,
    page_break_before: bool,
    mark: Option<(Tracked, &Reviser)>,
) {
    let _ = write!(out, r#"<w:p><w:pPr><w:pStyle w:val="{style}"/>"#);
    if page_break_before {
        out.push_str("<w:pageBreakBefore/>");
    }
    if let Some(mark) = mark {
        out.push_str("<w:rPr>");
        tracked_mark(out, mark);
        out.push_str("</w:rPr>");
    }
    out.push_str("</w:pPr>");
}

/// `<w:ins/>` or `<w:del/>` on a paragraph mark or a table row, with author and date.
fn tracked_mark(out: &mut String, (tracked, reviser): (Tracked, &Reviser)) {
    revision_start(out, tracked, reviser);
    out.push_str("/>");
}

/// A bookmark around a keyed clause's text, which references point at.
pub(super) fn bookmark_start(out: &mut String, id: u32) {
    let _ = write!(out, r#"<w:bookmarkStart w:id="{id}" w:name="_Ref{id}"/>"#);
}

pub(super) fn bookmark_end(out: &mut String, id: u32) {
    let _ = write!(out, r#"<w:bookmarkEnd w:id="{id}"/>"#);
}

/// A REF field to a bookmark's paragraph number (`\r`, as Word's cross-reference dialog
/// makes it), showing `shown` until Word updates it.
pub(super) fn reference_field(out: &mut String, look: RunLook, bookmark: u32, shown: &str) {
    let properties = |out: &mut String| {
        if look.bold {
            out.push_str("<w:rPr><w:b/><w:bCs/></w:rPr>");
        }
    };
    let field_char = |out: &mut String, kind: &str| {
        out.push_str("<w:r>");
        properties(out);
        let _ = write!(out, r#"<w:fldChar w:fldCharType="{kind}"/></w:r>"#);
    };
    field_char(out, "begin");
    out.push_str("<w:r>");
    properties(out);
    let _ = write!(out, r#"<w:instrText xml:space="preserve"> REF _Ref{bookmark} \r \h </w:instrText></w:r>"#);
    field_char(out, "separate");
    run(out, look, shown);
    field_char(out, "end");
}

pub(super) fn paragraph_end(out: &mut String) {
    out.push_str("</w:p>");
}

/// A table's opening: its style, full width, fixed layout and column grid (twips).
pub(super) fn table_start(out: &mut String, widths: &[usize]) {
    let total: usize = widths.iter().sum();
    let _ = write!(
        out,
        r#"<w:tbl><w:tblPr><w:tblStyle w:val="ContractTable"/><w:tblW w:w="{total}" w:type="dxa"/><w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>"#
    );
    for width in widths {
        let _ = write!(out, r#"<w:gridCol w:w="{width}"/>"#);
    }
    out.push_str("</w:tblGrid>");
}

/// A row's opening: rows never split across pages; the header row repeats on each page;
/// `mark` tracks a row a redline wholly deletes or inserts.
pub(super) fn row_start(out: &mut String, header: bool, mark: Option<(Tracked, &Reviser)>) {
    out.push_str("<w:tr><w:trPr><w:cantSplit/>");
    if header {
        out.push_str("<w:tblHeader/>");
    }
    if let Some(mark) = mark {
        tracked_mark(out, mark);
    }
    out.push_str("</w:trPr>");
}

/// A cell with its width (twips) and one paragraph in the table text style; `keep_whole`
/// cells (numbers, amounts, dates, short codes) never wrap.
pub(super) fn cell_start(out: &mut String, width: usize, keep_whole: bool) {
    let _ = write!(out, r#"<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>"#);
    if keep_whole {
        out.push_str("<w:noWrap/>");
    }
    out.push_str(r#"</w:tcPr><w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr>"#);
}

pub(super) fn cell_end(out: &mut String) {
    out.push_str("</w:p></w:tc>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_forbidden_characters_dropped() {
        let mut out = String::new();
        text(&mut out, "a<b>&\"c\u{ffff}\u{1b}d");
        assert_eq!(out, "a&lt;b&gt;&amp;&quot;cd");
    }
}
