//! The words of the clause analysis: how contracts name the parties, the modal words (may,
//! must, must not, need not, not liable, limited to) and the phrases of consent, denial and
//! fault.

use super::{Modal, Names};

/// Who a modal word binds or frees.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    Buyer,
    Supplier,
    /// 任何一方、双方、一方: both, or whichever.
    Either,
}

/// What a modal word does to its actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Modality {
    /// 有权、可以、保留…权利.
    May,
    /// 应当、应、须、必须.
    Must,
    /// 不得、无权、禁止、不享有.
    MustNot,
    /// 无需、无须、不必.
    NeedNot,
    /// 不承担、免于承担、不对…负责、免除…责任.
    NotLiable,
    /// 以…为限、不超过: liability limited to an amount.
    LimitedTo,
}

/// How a contract names the buyer, the supplier or either of them. A name followed by one of
/// [`NOT_THE_PARTY`] is something of the party's (甲方客户), not the party.
const BUYER: &[&str] = &["甲方", "采购方", "买方", "客户方", "需方"];
const SUPPLIER: &[&str] =
    &["乙方", "供应商", "服务商", "服务提供方", "服务提供商", "卖方", "本公司", "我方", "我司", "供方", "平台方"];
const EITHER: &[&str] = &["任何一方", "任一方", "一方", "双方", "各方", "当事人", "守约方"];
const NOT_THE_PARTY: &[&str] = &["客户", "的客户", "数据", "的数据", "员工", "用户", "人员", "终端"];

/// Modal words, longest first so 不得 is not read as 得 nor 可以 as 可.
const MODAL_WORDS: &[(&str, Modality)] = &[
    ("不承担任何", Modality::NotLiable),
    ("概不负责", Modality::NotLiable),
    ("免于承担", Modality::NotLiable),
    ("无需承担", Modality::NotLiable),
    ("不予赔偿", Modality::NotLiable),
    ("不承担", Modality::NotLiable),
    ("不负责", Modality::NotLiable),
    ("免除", Modality::NotLiable),
    ("免责", Modality::NotLiable),
    ("不负", Modality::NotLiable),
    ("不对", Modality::NotLiable),
    ("不享有", Modality::MustNot),
    ("不可以", Modality::MustNot),
    ("不得", Modality::MustNot),
    ("不能", Modality::MustNot),
    ("不应", Modality::MustNot),
    ("无权", Modality::MustNot),
    ("禁止", Modality::MustNot),
    ("严禁", Modality::MustNot),
    ("无需", Modality::NeedNot),
    ("无须", Modality::NeedNot),
    ("毋需", Modality::NeedNot),
    ("不必", Modality::NeedNot),
    ("不需要", Modality::NeedNot),
    ("有权", Modality::May),
    ("可以", Modality::May),
    ("可将", Modality::May),
    ("可对", Modality::May),
    ("可随时", Modality::May),
    ("可自行", Modality::May),
    ("可根据", Modality::May),
    ("可在", Modality::May),
    ("可向", Modality::May),
    ("享有", Modality::May),
    ("保留", Modality::May),
    ("应当", Modality::Must),
    ("必须", Modality::Must),
    ("应", Modality::Must),
    ("须", Modality::Must),
    ("为限", Modality::LimitedTo),
];

/// Words around 应 that make it part of another word (供应商, 响应, 相应).
const NOT_MODAL_BEFORE_YING: &[char] = &['供', '响', '相', '对', '反', '适', '感', '回', '呼', '答', '效'];
const NOT_MODAL_AFTER_YING: &[char] = &['用', '急', '变'];

/// A requirement of the buyer's consent or of agreement for an act.
pub(super) const CONSENT: &[&str] = &[
    "经甲方",
    "经双方",
    "征得甲方",
    "征得对方",
    "取得甲方",
    "协商一致",
    "甲方书面确认",
    "甲方事先书面同意",
    "双方另行",
    "另行协商",
    "双方书面",
    "双方签署",
];

/// Words that deny what follows them.
pub(super) const DENIALS: &[&str] = &[
    "不得",
    "禁止",
    "不享有",
    "无权",
    "不可",
    "严禁",
    "均不",
    "不能",
    "不应",
    "未经",
    "不属于",
    "不构成",
    "不包括",
    "除外",
];

/// Every modal word of a sentence with the actor it binds: the party named nearest before
/// it (for 以…为限, before the 以 that opens it).
/// The characters modal words begin with, sorted.
static MODAL_FIRSTS: std::sync::LazyLock<Vec<char>> = std::sync::LazyLock::new(|| {
    let mut firsts: Vec<char> = MODAL_WORDS.iter().filter_map(|(w, _)| w.chars().next()).collect();
    firsts.sort_unstable();
    firsts.dedup();
    firsts
});

pub(super) fn modals(plain: &str, names: &Names<'_>) -> Vec<Modal> {
    let mentions = mentions(plain, names);
    let mut found = Vec::new();
    let mut at = 0;
    while at < plain.len() {
        let rest = &plain[at..];
        let first = rest.chars().next();
        // Most characters begin no modal word: one lookup instead of a comparison per word.
        let word = first
            .filter(|c| MODAL_FIRSTS.binary_search(c).is_ok())
            .and_then(|_| MODAL_WORDS.iter().find(|(w, _)| rest.starts_with(w)).copied());
        let Some((word, modality)) = word else {
            at += first.map_or(1, char::len_utf8);
            continue;
        };
        let end = at + word.len();
        if !is_modal(plain, at, word, modality) {
            at = end;
            continue;
        }
        let anchor = if modality == Modality::LimitedTo { plain[..at].rfind('以').unwrap_or(at) } else { at };
        // The subject, not an object: in 「乙方对甲方的损失不承担责任」 甲方 follows 对.
        let subject = mentions.iter().rev().filter(|(pos, _)| *pos < anchor).find(|(pos, _)| !is_object(plain, *pos));
        let nearest = mentions.iter().rev().find(|(pos, _)| *pos < anchor);
        if let Some(actor) = subject.or(nearest).map(|(_, actor)| *actor) {
            found.push(Modal { actor, modality: denied(plain, at, modality), at, end });
        }
        at = end;
    }
    found
}

/// Whether the party named at `at` is the object of a preposition (对甲方, 向乙方, 与甲方).
fn is_object(plain: &str, at: usize) -> bool {
    plain[..at].chars().next_back().is_some_and(|c| matches!(c, '对' | '向' | '与' | '给' | '为' | '就' | '跟'))
}

/// Whether a modal-looking word is one here: 应 inside 供应商, 保留 without a right, 可
/// inside 不可抗力 are not.
fn is_modal(plain: &str, at: usize, word: &str, modality: Modality) -> bool {
    let before = plain[..at].chars().next_back();
    let after = plain[at + word.len()..].chars().next();
    match word {
        "应" => {
            !before.is_some_and(|c| NOT_MODAL_BEFORE_YING.contains(&c))
                && !after.is_some_and(|c| NOT_MODAL_AFTER_YING.contains(&c))
        }
        "保留" => plain[at..].chars().take(24).collect::<String>().contains("权"),
        "享有" => plain[at..].chars().take(16).collect::<String>().contains("权"),
        // 「不免除…责任」 keeps the liability: not an exemption.
        "免除" => before != Some('不') && plain[at..].chars().take(24).collect::<String>().contains("责任"),
        "免责" | "免于承担" => before != Some('不'),
        "不负" => plain[at..].chars().take(16).collect::<String>().contains("责"),
        "不对" => {
            let ahead: String = plain[at..].chars().take(40).collect();
            ["承担", "负责", "赔偿"].iter().any(|w| ahead.contains(w))
        }
        _ => modality != Modality::May || before != Some('不'),
    }
}

/// A permission preceded by 不 or 无 is a denial (不可以 is listed; 并不享有 falls here).
fn denied(plain: &str, at: usize, modality: Modality) -> Modality {
    let before = plain[..at].chars().next_back();
    if modality == Modality::May && matches!(before, Some('不' | '无' | '未')) {
        Modality::MustNot
    } else {
        modality
    }
}

/// Where each party is named in a sentence, in order.
fn mentions(plain: &str, names: &Names<'_>) -> Vec<(usize, Actor)> {
    let mut found: Vec<(usize, Actor)> = Vec::new();
    let mut push_all = |words: &[&str], actor: Actor| {
        for word in words {
            for (at, _) in plain.match_indices(word) {
                let after = &plain[at + word.len()..];
                if actor != Actor::Either && NOT_THE_PARTY.iter().any(|n| after.starts_with(n)) {
                    continue;
                }
                found.push((at, actor));
            }
        }
    };
    push_all(EITHER, Actor::Either);
    push_all(BUYER, Actor::Buyer);
    push_all(SUPPLIER, Actor::Supplier);
    if let Some(name) = names.buyer.filter(|n| n.chars().count() >= 4) {
        push_all(&[name], Actor::Buyer);
    }
    if let Some(name) = names.supplier.filter(|n| n.chars().count() >= 4) {
        push_all(&[name], Actor::Supplier);
    }
    // 任何一方 also contains 一方: keep the longest mention at each place.
    found.sort_by_key(|(at, _)| *at);
    found.dedup_by(|later, earlier| {
        later.0 < earlier.0 + "任何一方".len() && later.1 == Actor::Either && earlier.1 == Actor::Either
    });
    found
}

/// The parties whose own fault a sentence names: 因乙方故意、因甲方的重大过失、因其过错 (其 =
/// the party named before it).
pub(super) fn fault_owner(plain: &str) -> Vec<Actor> {
    const FAULTS: &[&str] = &["故意", "重大过失", "过错", "过失", "原因", "违约"];
    let names = Names::default();
    let mentions = mentions(plain, &names);
    let mut owners = Vec::new();
    for fault in FAULTS {
        for (at, _) in plain.match_indices(fault) {
            // The party named in the 12 bytes before the fault word, or 其.
            let window_start = plain[..at].char_indices().rev().nth(5).map_or(0, |(i, _)| i);
            let window = &plain[window_start..at];
            let nearest = mentions.iter().rev().find(|(pos, _)| *pos >= window_start && *pos < at).map(|(_, a)| *a);
            let owner = nearest.or_else(|| {
                window
                    .contains('其')
                    .then(|| mentions.iter().rev().find(|(pos, _)| *pos < window_start).map(|(_, a)| *a))
                    .flatten()
            });
            if let Some(owner) = owner
                && !owners.contains(&owner)
            {
                owners.push(owner);
            }
        }
    }
    owners
}
