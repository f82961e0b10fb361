//! The marks a render leaves in its Markdown for the tree to be read from: private-use
//! characters no value can contain (`markdown::sanitize` replaces the whole range), so
//! nothing typed can fake a structure. A structure tag is an index into the tags the
//! numbering recorded as the templates called it; blanks, pending choices and identifiers
//! wrap their own text.

use crate::render::filters::chinese_numeral;

/// `TAG_OPEN` index `TAG_CLOSE`: the tag at that index of the render's [`Tag`]s.
pub const TAG_OPEN: char = '\u{e002}';
pub const TAG_CLOSE: char = '\u{e003}';
/// `BLANK_OPEN` label `BLANK_CLOSE`: a value to fill in (【待填写：label】).
pub const BLANK_OPEN: char = '\u{e004}';
pub const BLANK_CLOSE: char = '\u{e005}';
/// Around a choice the draft has not made: every option printed (【待选择】☐ … ☐ …).
pub const CHOICE_OPEN: char = '\u{e006}';
pub const CHOICE_CLOSE: char = '\u{e007}';
/// Around an identifier (an e-mail address, an account number) that must never break.
pub const IDENT_OPEN: char = '\u{e008}';
pub const IDENT_CLOSE: char = '\u{e009}';

/// Which part of a document the blocks after a [`Tag::Part`] belong to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartKind {
    /// Title, number, place and date of signing.
    Front,
    /// Each party's identity and contacts.
    Parties,
    /// 鉴于: why the parties contract.
    Recitals,
    /// The numbered articles.
    Articles,
    /// The signature page.
    Signature,
    /// The annexes.
    Annexes,
    /// A document without parts (a companion paper, a comparison).
    Body,
}

impl PartKind {
    /// Every part with the name templates give it (`{{ num.part("parties") }}`) and that
    /// formats use for it (an HTML section's class); `Body` has no template name.
    const NAMES: [(PartKind, &'static str); 7] = [
        (PartKind::Front, "front"),
        (PartKind::Parties, "parties"),
        (PartKind::Recitals, "recitals"),
        (PartKind::Articles, "articles"),
        (PartKind::Signature, "signature"),
        (PartKind::Annexes, "annexes"),
        (PartKind::Body, "body"),
    ];

    /// The part a template names.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::NAMES.iter().find(|(kind, n)| *n == name && *kind != PartKind::Body).map(|(kind, _)| *kind)
    }

    /// Its name, as [`PartKind::from_name`] reads it.
    pub fn name(self) -> &'static str {
        Self::NAMES.iter().find(|(kind, _)| *kind == self).map_or("body", |(_, name)| name)
    }
}

/// What a reference points at, as the contract numbers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// 第九条
    Article(u32),
    /// 第9.2款
    Paragraph(u32, u32),
}

impl Target {
    /// The reference as the contract writes it.
    pub fn label(self) -> String {
        match self {
            Target::Article(number) => format!("第{}条", chinese_numeral(u64::from(number))),
            Target::Paragraph(article, paragraph) => format!("第{article}.{paragraph}款"),
        }
    }
}

/// A structure the numbering recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tag {
    /// A paragraph of its own that starts a part.
    Part(PartKind),
    /// At the start of an article's heading, whose text is the title.
    Article { number: u32, key: Option<String> },
    /// At the start of an annex's heading.
    Annex { number: u32, key: Option<String> },
    /// At the start of a numbered paragraph.
    Paragraph { article: u32, number: u32, key: Option<String> },
    /// A generated cross-reference to a keyed clause.
    Reference { key: String, target: Target },
}

/// The mark of the tag at `index`.
pub fn tag(index: usize) -> String {
    format!("{TAG_OPEN}{index}{TAG_CLOSE}")
}

/// Whether a character is one of the marks (or reserved for them).
pub fn is_mark(c: char) -> bool {
    ('\u{e000}'..='\u{e01f}').contains(&c)
}
