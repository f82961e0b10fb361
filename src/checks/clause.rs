//! Clause analysis of free text: sentences, and in each who may, must, need not or is not
//! liable to do what — negated or not, under which condition, with which exception — so the
//! review's rules speak of meaning ("the supplier may change the price without the buyer's
//! consent") and hold for wordings nobody listed.

mod lexicon;

pub use lexicon::{Actor, Modality};

/// One sentence of a text, with its place in the original (byte offsets).
#[derive(Debug, Clone)]
pub struct Sentence<'a> {
    /// The sentence as written.
    pub text: &'a str,
    /// The sentence with spaces removed: what the analysis reads.
    pub plain: String,
    /// Who may, must or is exempt from what: each modal word with the actor before it.
    pub modals: Vec<Modal>,
}

/// A modal word in a sentence and the party it binds or frees.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Modal {
    pub actor: Actor,
    pub modality: Modality,
    /// Byte offset of the modal word in [`Sentence::plain`].
    pub at: usize,
    /// Byte offset just after it: the act and its object follow.
    pub end: usize,
}

/// The sentences of a text: split at 。！？ and line breaks (a ； joins the parts of one
/// sentence: 「…的，乙方应赔偿；其他情形下乙方不承担」 is one rule), each analysed.
pub fn sentences<'a>(text: &'a str, names: &Names<'_>) -> Vec<Sentence<'a>> {
    pieces(text).map(|piece| analyse(piece, names)).collect()
}

/// The sentences of a text before analysis, so a caller can skip the ones it need not read.
pub fn pieces(text: &str) -> impl Iterator<Item = &str> {
    // A set of chars, not a string: `str::contains(char)` searches for the char's bytes as
    // a string, which costs hundreds of instructions for every character split.
    text.split_inclusive(&['。', '！', '？', '!', '?', '\n'][..])
        .map(|piece| piece.trim_matches(|c: char| c.is_whitespace()))
        .filter(|piece| !piece.is_empty())
}

/// The parties' own names, which a contract may use for 甲方 and 乙方.
#[derive(Debug, Default, Clone, Copy)]
pub struct Names<'a> {
    pub buyer: Option<&'a str>,
    pub supplier: Option<&'a str>,
}

/// One sentence analysed: its text without spaces and its modal words.
pub fn analyse<'a>(text: &'a str, names: &Names<'_>) -> Sentence<'a> {
    let plain: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let modals = lexicon::modals(&plain, names);
    Sentence { text, plain, modals }
}

/// Whether `text` holds `word`. The risk tests ask a short sentence about many words, and
/// `str::contains` prepares a two-way search for every word it is given, which costs more
/// than searching a sentence; memchr's one-shot search starts at once.
pub fn holds(text: &str, word: &str) -> bool {
    memchr::memmem::find(text.as_bytes(), word.as_bytes()).is_some()
}

impl Sentence<'_> {
    /// Whether the sentence holds any of the words.
    pub fn has(&self, words: &[&str]) -> bool {
        words.iter().any(|w| holds(&self.plain, w))
    }

    /// Whether it holds a word of every group.
    pub fn has_all(&self, groups: &[&[&str]]) -> bool {
        groups.iter().all(|group| self.has(group))
    }

    /// The modal words of one kind whose actor is `actor`.
    pub fn modal(&self, actor: Actor, modality: Modality) -> impl Iterator<Item = &Modal> {
        self.modals.iter().filter(move |m| m.actor == actor && m.modality == modality)
    }

    /// Whether `actor` is given `modality` over an act named by one of `acts`, written after
    /// the modal word in the same sentence (乙方有权…调整价格).
    pub fn grants(&self, actor: Actor, modality: Modality, acts: &[&str]) -> bool {
        self.modal(actor, modality)
            .any(|m| acts.iter().any(|act| self.plain.get(m.end..).is_some_and(|rest| holds(rest, act))))
    }

    /// The supplier (乙方 by any name) may do one of the acts.
    pub fn supplier_may(&self, acts: &[&str]) -> bool {
        self.grants(Actor::Supplier, Modality::May, acts)
    }

    /// The sentence makes the act depend on the buyer's consent or on agreement — unless it
    /// says that consent is not needed (无需征得甲方同意).
    pub fn needs_consent(&self) -> bool {
        let dispensed = self.has(&["无需", "无须", "不需", "不必", "毋需", "不以"])
            && self.has(&["同意", "确认", "许可", "批准", "通知"]);
        !dispensed && self.has(lexicon::CONSENT)
    }

    /// Whether the sentence names `actor`'s own fault (因乙方故意、乙方的重大过失…).
    pub fn fault_of(&self, actor: Actor) -> bool {
        lexicon::fault_owner(&self.plain).contains(&actor)
    }

    /// Whether the sentence denies the act: 不得、禁止、不享有、无权 before one of the words.
    pub fn forbids(&self, words: &[&str]) -> bool {
        words.iter().any(|w| {
            self.plain.match_indices(w).any(|(at, _)| {
                let before = &self.plain[..at];
                let tail: String = before.chars().rev().take(12).collect::<Vec<_>>().into_iter().rev().collect();
                lexicon::DENIALS.iter().any(|d| holds(&tail, d))
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Sentence<'_> {
        let names = Names {
            buyer: Some("杭州悦购电子商务有限公司"), supplier: Some("上海云策信息科技有限公司")
        };
        sentences(text, &names).into_iter().next().expect("a sentence")
    }

    #[test]
    fn splits_at_sentence_ends_and_keeps_the_original() {
        let names = Names::default();
        let found = sentences("甲方应付款。乙方 应开票；甲方付款\n双方协商", &names);
        let texts: Vec<&str> = found.iter().map(|s| s.text).collect();
        assert_eq!(texts, ["甲方应付款。", "乙方 应开票；甲方付款", "双方协商"]);
        assert_eq!(found[1].plain, "乙方应开票；甲方付款");
    }

    #[test]
    fn finds_who_may_do_what() {
        let s = one("乙方有权根据市场情况调整服务价格。");
        assert!(s.supplier_may(&["调整"]));
        assert!(!s.grants(Actor::Buyer, Modality::May, &["调整"]));
        let vendor_name = one("上海云策信息科技有限公司可以随时调整价格。");
        assert!(vendor_name.supplier_may(&["调整"]), "the supplier's own name is the supplier");
        let provider = one("服务商保留调整价格的权利。");
        assert!(provider.supplier_may(&["调整"]));
        assert!(!one("乙方无权调整价格。").supplier_may(&["调整"]), "无权 denies");
        assert!(!one("乙方不得调整价格。").supplier_may(&["调整"]));
        assert!(!one("甲方客户可以调整订单。").supplier_may(&["调整"]));
    }

    #[test]
    fn consent_and_its_dispensation() {
        assert!(one("经甲方书面同意，乙方可以调整价格。").needs_consent());
        assert!(one("双方协商一致后方可调整。").needs_consent());
        assert!(!one("乙方可以调整，无需征得甲方同意。").needs_consent());
        assert!(!one("乙方可以调整价格。").needs_consent());
    }

    #[test]
    fn whose_fault() {
        assert!(one("因甲方故意或者重大过失导致的损失，乙方不承担责任。").fault_of(Actor::Buyer));
        assert!(!one("因甲方故意或者重大过失导致的损失，乙方不承担责任。").fault_of(Actor::Supplier));
        assert!(one("乙方对因其重大过失造成的泄露免于承担责任。").fault_of(Actor::Supplier));
    }

    #[test]
    fn exemptions_bind_their_actor() {
        let s = one("在任何情况下，乙方均不对甲方的数据丢失承担责任。");
        assert!(s.modal(Actor::Supplier, Modality::NotLiable).next().is_some());
        let s = one("任何一方均不享有本合同的最终解释权。");
        assert!(s.forbids(&["解释权"]));
    }

    proptest::proptest! {
        /// The one-shot search answers as `str::contains` does, whatever the two strings.
        #[test]
        fn holds_is_contains(text in "[甲乙方不得应承担责任a-c。，]{0,20}", word in "[甲乙方不得责任a-c]{0,4}") {
            proptest::prop_assert_eq!(holds(&text, &word), text.contains(word.as_str()));
        }
    }
}
