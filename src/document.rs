//! The rendered document as a typed tree, which every format renders (Markdown, HTML,
//! Word, PDF): its parts (front matter, parties, recitals, articles, signature page,
//! annexes), articles with their numbered paragraphs, annexes with their tables, and inline
//! text with emphasis, blanks, pending choices, identifiers, generated cross-references and a
//! redline's revision marks. The tree is read from the render's Markdown and the tags its
//! numbering recorded ([`marks`]), never from the wording.

pub mod marks;
mod parse;
mod write_markdown;

pub use marks::{PartKind, Tag, Target};
pub use parse::parse;

use crate::render::filters::chinese_numeral;

/// A whole document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    pub meta: Meta,
    pub parts: Vec<Part>,
}

/// What the document properties and page headers say, from the draft's values.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    /// The contract number, when the draft has one.
    pub contract_no: Option<String>,
    /// The parties' names, buyer first.
    pub parties: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub kind: PartKind,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// The document's title (one per document).
    Title(Vec<Inline>),
    /// A heading that is neither an article nor an annex (the sections of a form).
    Heading {
        level: u8,
        content: Vec<Inline>,
    },
    Article(Article),
    Annex(Annex),
    Paragraph(Paragraph),
    /// A bulleted list, one line per item.
    List(Vec<Vec<Inline>>),
    Table(Table),
    /// What follows starts a new page (the signature page).
    PageBreak,
}

/// 第N条 and its title, with the paragraphs under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    pub number: u32,
    /// The key other clauses refer to it by.
    pub key: Option<String>,
    pub title: Vec<Inline>,
    pub blocks: Vec<Block>,
}

impl Article {
    /// 第九条
    pub fn label(&self) -> String {
        Target::Article(self.number).label()
    }
}

/// 附件N and its title, with its tables and notes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Annex {
    /// `None` when it is the document's only annex (「附件」).
    pub number: Option<u32>,
    pub key: Option<String>,
    pub title: Vec<Inline>,
    pub blocks: Vec<Block>,
}

impl Annex {
    /// 附件二, or 附件 for the only one.
    pub fn label(&self) -> String {
        match self.number {
            Some(number) => format!("附件{}", chinese_numeral(u64::from(number))),
            None => "附件".to_string(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    pub number: Option<ParagraphNumber>,
    pub content: Vec<Inline>,
}

/// 9.2: the second paragraph of the ninth article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParagraphNumber {
    pub article: u32,
    pub paragraph: u32,
    pub key: Option<String>,
}

impl ParagraphNumber {
    /// 9.2
    pub fn label(&self) -> String {
        format!("{}.{}", self.article, self.paragraph)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    pub header: Vec<Vec<Inline>>,
    pub rows: Vec<Vec<Vec<Inline>>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    /// Conspicuous text (加粗): terms a party must have noticed.
    Strong(Vec<Inline>),
    /// A value to fill in, labelled with its field.
    Blank(String),
    /// A choice not made yet: every option, to tick one.
    Choice(Vec<Inline>),
    /// An e-mail address, an account number: never broken across lines.
    Identifier(String),
    /// A generated reference to a clause of the same document.
    Reference {
        key: String,
        target: Target,
    },
    LineBreak,
    /// Where a redline's deletion or insertion starts or ends (they may span pieces).
    Revision(Revision),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Revision {
    DeleteStart,
    DeleteEnd,
    InsertStart,
    InsertEnd,
}

impl Block {
    /// Every inline piece of the block and the blocks inside it, in order, the content of
    /// emphasis and pending choices included.
    pub fn inlines(&self) -> Vec<&Inline> {
        fn content<'a>(pieces: &'a [Inline], out: &mut Vec<&'a Inline>) {
            for piece in pieces {
                out.push(piece);
                if let Inline::Strong(inner) | Inline::Choice(inner) = piece {
                    content(inner, out);
                }
            }
        }
        fn block<'a>(this: &'a Block, out: &mut Vec<&'a Inline>) {
            match this {
                Block::Title(c) | Block::Heading { content: c, .. } => content(c, out),
                Block::Paragraph(p) => content(&p.content, out),
                Block::List(items) => items.iter().for_each(|i| content(i, out)),
                Block::Table(t) => t.header.iter().chain(t.rows.iter().flatten()).for_each(|c| content(c, out)),
                Block::Article(a) => {
                    content(&a.title, out);
                    a.blocks.iter().for_each(|b| block(b, out));
                }
                Block::Annex(a) => {
                    content(&a.title, out);
                    a.blocks.iter().for_each(|b| block(b, out));
                }
                Block::PageBreak => {}
            }
        }
        let mut out = Vec::new();
        block(self, &mut out);
        out
    }
}

impl Document {
    /// The title's text, if the document has one.
    pub fn title(&self) -> Option<String> {
        self.blocks().find_map(|block| match block {
            Block::Title(content) => Some(plain(content)),
            _ => None,
        })
    }

    /// Every top-level block of every part, in order (articles and annexes as one block).
    pub fn blocks(&self) -> impl Iterator<Item = &Block> {
        self.parts.iter().flat_map(|part| part.blocks.iter())
    }

    /// The document as Markdown: the Markdown export, and the text the checks, the preview
    /// and the comparison read.
    pub fn to_markdown(&self) -> String {
        write_markdown::document(self)
    }
}

/// Inline content as plain text, as it prints: blanks as 【待填写：…】, references by their
/// label, deleted text left out.
pub fn plain(content: &[Inline]) -> String {
    let mut out = String::new();
    let mut deleted = false;
    push_plain(&mut out, content, &mut deleted);
    out
}

fn push_plain(out: &mut String, content: &[Inline], deleted: &mut bool) {
    for inline in content {
        match inline {
            Inline::Revision(Revision::DeleteStart) => *deleted = true,
            Inline::Revision(Revision::DeleteEnd) => *deleted = false,
            _ if *deleted => {}
            Inline::Text(text) | Inline::Identifier(text) => out.push_str(text),
            Inline::Strong(inner) => push_plain(out, inner, deleted),
            Inline::Choice(inner) => {
                out.push_str("【待选择】");
                push_plain(out, inner, deleted);
            }
            Inline::Blank(label) => out.push_str(&blank_text(label)),
            Inline::Reference { target, .. } => out.push_str(&target.label()),
            Inline::LineBreak => out.push('\n'),
            Inline::Revision(_) => {}
        }
    }
}

/// 【待填写：label】, or 【待填写】 without a label.
pub fn blank_text(label: &str) -> String {
    if label.is_empty() { "【待填写】".to_string() } else { format!("【待填写：{label}】") }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::example::example_draft;
    use crate::render::{DocumentKind, Renderer, context};

    fn tree(draft: &crate::draft::Draft) -> Document {
        let renderer = Renderer::built_in().expect("compiles");
        renderer.render_tree(DocumentKind::Contract, context::build(draft)).expect("renders")
    }

    fn inlines_of(block: &Block, out: &mut Vec<Inline>) {
        out.extend(block.inlines().into_iter().cloned());
    }

    #[test]
    fn the_contract_reads_as_parts_articles_paragraphs_and_annexes() {
        let document = tree(&example_draft());
        let kinds: Vec<PartKind> = document.parts.iter().map(|p| p.kind).collect();
        let expected = [PartKind::Front, PartKind::Parties, PartKind::Recitals, PartKind::Articles];
        assert_eq!(kinds[..4], expected);
        assert_eq!(kinds[4..], [PartKind::Signature, PartKind::Annexes]);
        assert_eq!(document.title().as_deref(), Some("新型CRM平台系统合同"));
        assert_eq!(document.meta.parties, ["杭州悦购电子商务有限公司", "上海云策信息科技有限公司"]);
        assert_eq!(document.meta.contract_no.as_deref(), Some("YG-CRM-2026-017"));
        let articles: Vec<&Article> = document.parts[3]
            .blocks
            .iter()
            .filter_map(|b| if let Block::Article(a) = b { Some(a) } else { None })
            .collect();
        assert!(articles.len() >= 15);
        let mut keys = std::collections::HashMap::new();
        for (index, article) in articles.iter().enumerate() {
            assert_eq!(article.number as usize, index + 1, "articles numbered in order");
            keys.extend(article.key.clone().map(|k| (k, Target::Article(article.number))));
            let numbers: Vec<&ParagraphNumber> = article
                .blocks
                .iter()
                .filter_map(|b| if let Block::Paragraph(p) = b { p.number.as_ref() } else { None })
                .collect();
            for (index, number) in numbers.iter().enumerate() {
                assert_eq!((number.article, number.paragraph as usize), (article.number, index + 1));
                keys.extend(number.key.clone().map(|k| (k, Target::Paragraph(number.article, number.paragraph))));
            }
        }
        let annexes: Vec<Option<u32>> = document.parts[5]
            .blocks
            .iter()
            .filter_map(|b| if let Block::Annex(a) = b { Some(a.number) } else { None })
            .collect();
        assert_eq!(annexes, [Some(1), Some(2), Some(3), Some(4)]);
        let mut inlines = Vec::new();
        document.blocks().for_each(|b| inlines_of(b, &mut inlines));
        let references: Vec<(&String, &Target)> = inlines
            .iter()
            .filter_map(|i| if let Inline::Reference { key, target } = i { Some((key, target)) } else { None })
            .collect();
        assert!(references.len() >= 5);
        for (key, target) in references {
            assert_eq!(keys.get(key), Some(target), "{key} points at the clause that carries it");
        }
        assert!(inlines.contains(&Inline::Identifier("wanglei@yuegou-shop.cn".into())));
        assert!(!inlines.iter().any(|i| matches!(i, Inline::Blank(_))), "a complete draft has no blank");
    }

    #[test]
    fn an_empty_draft_has_labelled_blanks_and_pending_choices() {
        let document = tree(&crate::draft::Draft::empty());
        let mut inlines = Vec::new();
        document.blocks().for_each(|b| inlines_of(b, &mut inlines));
        assert!(inlines.contains(&Inline::Blank("甲方名称".into())));
        assert!(inlines.iter().any(|i| matches!(i, Inline::Choice(_))), "unanswered yes/no questions");
        let markdown = document.to_markdown();
        assert!(markdown.contains("【待填写：甲方名称】") && markdown.contains("【待选择】☐ "));
        assert_eq!(document.meta, Meta::default(), "no number, no names");
    }
}
