//! The documents one draft makes: the contract and the papers signed beside it — a 授权委托书
//! for either side's signatory, the 验收确认单, the 个人信息委托处理协议 — each from its own
//! master template in `clauses/`, replaceable with `--clauses DIR` like the contract's.

use crate::draft::Draft;

/// One document of the draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    Contract,
    PoaBuyer,
    PoaSupplier,
    Acceptance,
    Dpa,
}

impl DocumentKind {
    pub const ALL: [DocumentKind; 5] = [
        DocumentKind::Contract,
        DocumentKind::PoaBuyer,
        DocumentKind::PoaSupplier,
        DocumentKind::Acceptance,
        DocumentKind::Dpa,
    ];

    /// The name on the command line and in default file names (`deal.poa-buyer.md`).
    pub fn id(self) -> &'static str {
        match self {
            DocumentKind::Contract => "contract",
            DocumentKind::PoaBuyer => "poa-buyer",
            DocumentKind::PoaSupplier => "poa-supplier",
            DocumentKind::Acceptance => "acceptance",
            DocumentKind::Dpa => "dpa",
        }
    }

    pub fn title_zh(self) -> &'static str {
        match self {
            DocumentKind::Contract => "合同",
            DocumentKind::PoaBuyer => "甲方授权委托书",
            DocumentKind::PoaSupplier => "乙方授权委托书",
            DocumentKind::Acceptance => "验收确认单",
            DocumentKind::Dpa => "个人信息委托处理协议",
        }
    }

    /// The template that renders it.
    pub fn master(self) -> &'static str {
        match self {
            DocumentKind::Contract => super::MASTER,
            DocumentKind::PoaBuyer => "poa-buyer.md.j2",
            DocumentKind::PoaSupplier => "poa-supplier.md.j2",
            DocumentKind::Acceptance => "acceptance-form.md.j2",
            DocumentKind::Dpa => "dpa.md.j2",
        }
    }

    /// Why this draft has no use for the document (Chinese, English), if it has none: a
    /// power of attorney for a legal representative, a DPA without personal information. An
    /// unanswered switch is no reason: the document is made (with blanks, when allowed).
    pub fn not_needed(self, draft: &Draft) -> Option<(&'static str, &'static str)> {
        match self {
            DocumentKind::PoaBuyer if draft.flag("parties.buyer.signatory.is_legal_rep") == Some(true) => Some((
                "甲方的签约代表是法定代表人，无需授权委托书",
                "the buyer's signatory is its legal representative: no power of attorney is needed",
            )),
            DocumentKind::PoaSupplier if draft.flag("parties.supplier.signatory.is_legal_rep") == Some(true) => Some((
                "乙方的签约代表是法定代表人，无需授权委托书",
                "the supplier's signatory is its legal representative: no power of attorney is needed",
            )),
            DocumentKind::Dpa if draft.flag("data.personal_info") == Some(false) => Some((
                "本草稿约定乙方不处理甲方的个人信息，无需个人信息委托处理协议",
                "the draft says the supplier processes no personal information: no DPA is needed",
            )),
            _ => None,
        }
    }
}
