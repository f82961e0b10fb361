//! The internal review copy's comments (批注): one per finding of the review — its rule,
//! message, basis and any waiver reason — at the clause it is about: the sentence a free-text
//! finding quotes, else the heading of the article the field prints in, the parties' block
//! for a party's details, the title for what prints nowhere (the checklist).

use std::fmt::Write as _;

use super::xml;
use crate::checks::{Finding, Severity};
use crate::document::{Block, Document, PartKind, plain};

/// Where a comment goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Anchor {
    /// The heading of the article with this key.
    Article(String),
    /// The first paragraph holding this sentence (in the keyed article when it has one).
    Quote { article: Option<String>, quote: String },
    /// The first paragraph of the parties' block.
    Parties,
    /// The title.
    Title,
}

/// One comment: where it goes and its paragraphs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    pub anchor: Anchor,
    pub lines: Vec<String>,
}

/// Who the comments are by and when, as Word shows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reviewer {
    pub author: String,
    /// ISO 8601, the draft's last save (the same draft gives the same file).
    pub date: String,
}

/// The review's findings as comments, in the review's order.
pub fn of_findings(findings: &[Finding]) -> Vec<Comment> {
    findings
        .iter()
        .map(|finding| {
            let article = crate::schema::article_of(&finding.field).map(str::to_string);
            let anchor = match (&finding.quote, &article) {
                (Some(quote), _) => Anchor::Quote { article, quote: quote.clone() },
                (None, Some(key)) => Anchor::Article(key.clone()),
                (None, None) if finding.field.starts_with("parties.") => Anchor::Parties,
                (None, None) => Anchor::Title,
            };
            let severity = match finding.severity {
                Severity::Error => "错误",
                Severity::Warning => "警告",
                Severity::Info => "提示",
            };
            let mut lines = vec![format!("【{severity}】{} {}", finding.rule, finding.message)];
            if !finding.basis.is_empty() {
                lines.push(format!("依据：{}", finding.basis));
            }
            lines.push(format!("字段：{}", finding.field));
            if let Some(reason) = &finding.waived {
                lines.push(format!("已接受（豁免）：{reason}"));
            }
            Comment { anchor, lines }
        })
        .collect()
}

/// Settles each comment on a place the document has: a quote no paragraph holds goes to its
/// article's heading, an article the document lacks to the title.
pub(super) fn settle(document: &Document, comments: &[Comment]) -> Vec<Anchor> {
    let articles: Vec<(Option<&str>, Vec<String>)> = document
        .blocks()
        .filter_map(|block| match block {
            Block::Article(article) => Some((
                article.key.as_deref(),
                article
                    .blocks
                    .iter()
                    .filter_map(|b| if let Block::Paragraph(p) = b { Some(plain(&p.content)) } else { None })
                    .collect(),
            )),
            _ => None,
        })
        .collect();
    let has_article = |key: &str| articles.iter().any(|(k, _)| *k == Some(key));
    let has_parties = document.parts.iter().any(|p| p.kind == PartKind::Parties);
    comments
        .iter()
        .map(|comment| match &comment.anchor {
            Anchor::Quote { article, quote } => {
                let in_article = |key: Option<&str>| {
                    articles
                        .iter()
                        .any(|(k, texts)| (key.is_none() || *k == key) && texts.iter().any(|t| t.contains(quote)))
                };
                if in_article(article.as_deref()) {
                    comment.anchor.clone()
                } else if in_article(None) {
                    Anchor::Quote { article: None, quote: quote.clone() }
                } else {
                    article
                        .as_deref()
                        .filter(|k| has_article(k))
                        .map_or(Anchor::Title, |k| Anchor::Article(k.to_string()))
                }
            }
            Anchor::Article(key) if !has_article(key) => Anchor::Title,
            Anchor::Parties if !has_parties => Anchor::Title,
            other => other.clone(),
        })
        .collect()
}

/// `word/comments.xml`.
pub(super) fn part(comments: &[Comment], reviewer: &Reviewer) -> String {
    let mut out = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#
    ));
    for (id, comment) in comments.iter().enumerate() {
        let _ = write!(out, r#"<w:comment w:id="{id}" w:author=""#);
        xml::text(&mut out, &reviewer.author);
        let _ = write!(out, r#"" w:date="{}" w:initials="审">"#, reviewer.date);
        for line in &comment.lines {
            out.push_str(r#"<w:p><w:pPr><w:pStyle w:val="CommentText"/></w:pPr><w:r><w:t xml:space="preserve">"#);
            xml::text(&mut out, line);
            out.push_str("</w:t></w:r></w:p>");
        }
        out.push_str("</w:comment>");
    }
    out.push_str("</w:comments>");
    out
}

/// Opens the ranges of comments `ids` before a paragraph's runs.
pub(super) fn range_start(out: &mut String, ids: &[u32]) {
    for id in ids {
        let _ = write!(out, r#"<w:commentRangeStart w:id="{id}"/>"#);
    }
}

/// Closes them after the runs, with the reference mark Word shows in the margin.
pub(super) fn range_end(out: &mut String, ids: &[u32]) {
    for id in ids {
        let _ = write!(out, r#"<w:commentRangeEnd w:id="{id}"/><w:r><w:commentReference w:id="{id}"/></w:r>"#);
    }
}
