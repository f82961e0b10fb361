//! The parts of a .docx besides the body: content types, relationships, named styles
//! (正文, 标题, 条款标题, 条款, 附件标题, 表格) with outline levels, the multi-level numbering
//! the article and paragraph styles carry (第一条, 1.1; 附件一), settings (修订 on when
//! asked), the page header and footer (第 X 页 共 Y 页), document properties (title,
//! number, parties), and the section: A4 with 25 mm margins. The body is streamed into its
//! part by the caller; everything is deflated.

use std::fmt::Write as _;
use std::io::{Seek, Write};

use zip::write::SimpleFileOptions;

use super::xml;

/// A4 in twentieths of a point, and 25 mm margins all round (the text width between them
/// is `formats::columns::TEXT_WIDTH`).
const A4: (usize, usize) = (11_906, 16_838);
pub(super) const MARGIN: usize = 1_417;

/// What the document properties say.
#[derive(Debug, Default)]
pub(super) struct Properties {
    pub title: String,
    pub number: Option<String>,
    /// The parties' names, buyer first.
    pub parties: Vec<String>,
    /// Opens with 修订 on.
    pub track_changes: bool,
    /// `word/comments.xml`, for the review copy.
    pub comments: Option<String>,
}

fn options() -> SimpleFileOptions {
    SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated)
}

/// Writes every part but the body, then opens the body's part for streaming.
pub(super) fn start<W: Write + Seek>(
    zip: &mut zip::ZipWriter<W>,
    properties: &Properties,
) -> zip::result::ZipResult<()> {
    let with_comments = properties.comments.is_some();
    let parts: [(&str, String); 9] = [
        ("[Content_Types].xml", content_types(with_comments)),
        ("_rels/.rels", ROOT_RELS.to_string()),
        ("docProps/core.xml", core(properties)),
        ("docProps/app.xml", APP.to_string()),
        ("word/_rels/document.xml.rels", document_rels(with_comments)),
        ("word/styles.xml", STYLES.to_string()),
        ("word/settings.xml", settings(properties.track_changes)),
        ("word/numbering.xml", NUMBERING.to_string()),
        ("word/footer1.xml", FOOTER.to_string()),
    ];
    for (name, content) in parts {
        zip.start_file(name, options())?;
        zip.write_all(content.as_bytes())?;
    }
    if let Some(comments) = &properties.comments {
        zip.start_file("word/comments.xml", options())?;
        zip.write_all(comments.as_bytes())?;
    }
    zip.start_file("word/header1.xml", options())?;
    zip.write_all(header(properties.number.as_deref()).as_bytes())?;
    zip.start_file("word/document.xml", options())?;
    zip.write_all(DOCUMENT_START.as_bytes())?;
    Ok(())
}

/// Ends the body with the section (page size, margins, header and footer) and the archive.
pub(super) fn finish<W: Write + Seek>(mut zip: zip::ZipWriter<W>) -> zip::result::ZipResult<W> {
    let section = format!(
        r#"<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader"/><w:footerReference w:type="default" r:id="rIdFooter"/><w:pgSz w:w="{}" w:h="{}"/><w:pgMar w:top="{MARGIN}" w:right="{MARGIN}" w:bottom="{MARGIN}" w:left="{MARGIN}" w:header="851" w:footer="851" w:gutter="0"/><w:cols w:space="425"/><w:docGrid w:linePitch="312"/></w:sectPr></w:body></w:document>"#,
        A4.0, A4.1
    );
    zip.write_all(section.as_bytes())?;
    zip.finish()
}

fn core(properties: &Properties) -> String {
    let mut out = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>"#,
    );
    xml::text(&mut out, &properties.title);
    out.push_str("</dc:title>");
    if let Some(number) = &properties.number {
        out.push_str("<dc:subject>");
        xml::text(&mut out, number);
        out.push_str("</dc:subject>");
    }
    if !properties.parties.is_empty() {
        out.push_str("<cp:keywords>");
        let names: Vec<String> =
            properties.parties.iter().zip(["甲方", "乙方"]).map(|(name, role)| format!("{role}：{name}")).collect();
        xml::text(&mut out, &names.join("；"));
        out.push_str("</cp:keywords>");
    }
    out.push_str("<dc:creator>crm-contract</dc:creator></cp:coreProperties>");
    out
}

fn header(number: Option<&str>) -> String {
    let mut out = String::from(HEADER_START);
    if let Some(number) = number {
        out.push_str(r#"<w:r><w:t xml:space="preserve">"#);
        xml::text(&mut out, &format!("合同编号：{number}"));
        out.push_str("</w:t></w:r>");
    }
    let _ = write!(out, "</w:p></w:hdr>");
    out
}

const DOCUMENT_START: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>"#
);

/// The content types, with the comments part in the review copy.
fn content_types(with_comments: bool) -> String {
    let comments = if with_comments {
        r#"<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>"#
    } else {
        ""
    };
    CONTENT_TYPES.replace("</Types>", &format!("{comments}</Types>"))
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/><Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>"#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>"#;

/// The body's relationships, with the comments part in the review copy.
fn document_rels(with_comments: bool) -> String {
    let comments = if with_comments {
        r#"<Relationship Id="rIdComments" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/>"#
    } else {
        ""
    };
    DOCUMENT_RELS.replace("</Relationships>", &format!("{comments}</Relationships>"))
}

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/><Relationship Id="rIdNumbering" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/><Relationship Id="rIdHeader" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/><Relationship Id="rIdFooter" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/></Relationships>"#;

const APP: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>crm-contract</Application></Properties>"#;

/// The settings: 修订 (trackRevisions) on when asked; punctuation compressed as Chinese
/// documents set it.
fn settings(track_changes: bool) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">{}<w:defaultTabStop w:val="420"/><w:characterSpacingControl w:val="compressPunctuation"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>"#,
        if track_changes { "<w:trackRevisions/>" } else { "" }
    )
}

/// Two lists: articles (第%1条, in Chinese numerals) with their paragraphs (%1.%2, legal
/// numbering so the article's number shows in Arabic digits), and annexes (附件%1：). Each
/// level is linked to its style, so a paragraph given the style is numbered.
const NUMBERING: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
    r#"<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>"#,
    r#"<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:pStyle w:val="ArticleHeading"/><w:suff w:val="nothing"/><w:lvlText w:val="第%1条"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="0"/></w:pPr></w:lvl>"#,
    r#"<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="Clause"/><w:isLgl/><w:suff w:val="nothing"/><w:lvlText w:val="%1.%2"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="0"/></w:pPr></w:lvl>"#,
    r#"</w:abstractNum>"#,
    r#"<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="singleLevel"/>"#,
    r#"<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:pStyle w:val="AnnexHeading"/><w:suff w:val="nothing"/><w:lvlText w:val="附件%1："/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="0"/></w:pPr></w:lvl>"#,
    r#"</w:abstractNum>"#,
    r#"<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#,
    r#"<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>"#,
    r#"</w:numbering>"#
);

const HEADER_START: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr><w:pStyle w:val="HeaderFooter"/><w:jc w:val="right"/></w:pPr>"#
);

/// 第 X 页 共 Y 页, with PAGE and NUMPAGES fields.
const FOOTER: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr><w:pStyle w:val="HeaderFooter"/><w:jc w:val="center"/></w:pPr>"#,
    r#"<w:r><w:t xml:space="preserve">第 </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>"#,
    r#"<w:r><w:t xml:space="preserve"> 页 共 </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> NUMPAGES </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>"#,
    r#"<w:r><w:t xml:space="preserve"> 页</w:t></w:r></w:p></w:ftr>"#
);

/// The named styles: 正文 (the default), 标题, heading 1 and 2 (outline levels 1 and 2, kept
/// with the next paragraph), 条款标题 (an article: heading 1 numbered 第N条), 条款 (a numbered
/// paragraph: N.M, the next paragraph numbered too), 附件标题 (numbered 附件N：) and 附件标题
/// （单一）, 表格 text and the bordered 合同表格 table style.
const STYLES: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
    r#"<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="SimSun" w:cs="Times New Roman"/><w:sz w:val="24"/><w:szCs w:val="24"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="80" w:line="360" w:lineRule="auto"/><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>"#,
    r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>"#,
    r#"<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="240"/><w:jc w:val="center"/></w:pPr><w:rPr><w:rFonts w:eastAsia="SimHei"/><w:b/><w:bCs/><w:sz w:val="36"/><w:szCs w:val="36"/></w:rPr></w:style>"#,
    r#"<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="120"/><w:jc w:val="left"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:rFonts w:eastAsia="SimHei"/><w:b/><w:bCs/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style>"#,
    r#"<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="120" w:after="80"/><w:jc w:val="left"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:rFonts w:eastAsia="SimHei"/><w:b/><w:bCs/></w:rPr></w:style>"#,
    r#"<w:style w:type="paragraph" w:customStyle="1" w:styleId="ArticleHeading"><w:name w:val="条款标题"/><w:basedOn w:val="Heading1"/><w:next w:val="Clause"/><w:qFormat/><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>"#,
    r#"<w:style w:type="paragraph" w:customStyle="1" w:styleId="Clause"><w:name w:val="条款"/><w:basedOn w:val="Normal"/><w:next w:val="Clause"/><w:qFormat/><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr></w:style>"#,
    r#"<w:style w:type="paragraph" w:customStyle="1" w:styleId="AnnexHeading"><w:name w:val="附件标题"/><w:basedOn w:val="Heading1"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>"#,
    r#"<w:style w:type="paragraph" w:customStyle="1" w:styleId="AnnexTitle"><w:name w:val="附件标题（单一）"/><w:basedOn w:val="Heading1"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>"#,
    r#"<w:style w:type="paragraph" w:styleId="CommentText"><w:name w:val="annotation text"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="left"/></w:pPr><w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style>"#,
    r#"<w:style w:type="paragraph" w:customStyle="1" w:styleId="TableText"><w:name w:val="表格"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="left"/></w:pPr><w:rPr><w:sz w:val="21"/><w:szCs w:val="21"/></w:rPr></w:style>"#,
    r#"<w:style w:type="paragraph" w:customStyle="1" w:styleId="HeaderFooter"><w:name w:val="页眉页脚"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style>"#,
    r#"<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>"#,
    r#"<w:style w:type="table" w:customStyle="1" w:styleId="ContractTable"><w:name w:val="合同表格"/><w:basedOn w:val="TableNormal"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tblBorders><w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="80" w:type="dxa"/><w:bottom w:w="40" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/></w:rPr></w:tblStylePr></w:style>"#,
    r#"</w:styles>"#
);
