//! Which risks a text could hold, from the trigger words of each: one Aho-Corasick pass over
//! the text (spaces removed) marks the words present, and a risk is a candidate when every
//! one of its groups has a word present.

use std::sync::LazyLock;

use std::borrow::Cow;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::RISKS;
use crate::checks::search::Search;

/// Every trigger word, the automaton over them, and for each risk a bit set per group.
struct Triggers {
    automaton: AhoCorasick,
    /// For each risk (in `RISKS` order), one set of word indices per group.
    groups: Vec<Vec<Bits>>,
}

/// The most trigger words there can be: four 64-bit words of bits (a test keeps the list
/// within them).
const MAX_WORDS: usize = 256;

/// A set of word indices, on the stack.
#[derive(Clone, Copy, Default)]
struct Bits([u64; MAX_WORDS / 64]);

impl Bits {
    fn set(&mut self, index: usize) {
        if let Some(word) = self.0.get_mut(index / 64) {
            *word |= 1 << (index % 64);
        }
    }

    fn meets(&self, other: &Bits) -> bool {
        self.0.iter().zip(&other.0).any(|(a, b)| a & b != 0)
    }
}

fn words() -> Vec<&'static str> {
    let mut words: Vec<&'static str> =
        RISKS.iter().flat_map(|r| r.triggers.iter().copied().flatten().copied()).collect();
    words.sort_unstable();
    words.dedup();
    words
}

static TRIGGERS: LazyLock<Option<Triggers>> = LazyLock::new(|| {
    let words = words();
    (words.len() <= MAX_WORDS).then_some(())?;
    let groups = RISKS
        .iter()
        .map(|risk| {
            risk.triggers
                .iter()
                .map(|group| {
                    let mut bits = Bits::default();
                    group.iter().filter_map(|w| words.binary_search(w).ok()).for_each(|i| bits.set(i));
                    bits
                })
                .collect()
        })
        .collect();
    // A DFA: built once per process (well under a millisecond for these words), then the
    // fastest per byte, which is what a draft of 100,000 module rows pays.
    let automaton =
        AhoCorasick::builder().match_kind(MatchKind::Standard).kind(Some(AhoCorasickKind::DFA)).build(&words).ok()?;
    Some(Triggers { automaton, groups })
});

/// The risks whose trigger words the text holds, as a mask over `RISKS` (bit i for risk i).
pub(super) fn candidates(text: &str, search: Search) -> u64 {
    match search {
        Search::EachWord => by_each_word(text),
        Search::Automaton => by_automaton(text),
    }
}

fn without_spaces(text: &str) -> Cow<'_, str> {
    if text.contains(char::is_whitespace) {
        Cow::Owned(text.chars().filter(|c| !c.is_whitespace()).collect())
    } else {
        Cow::Borrowed(text)
    }
}

fn by_each_word(text: &str) -> u64 {
    let plain = without_spaces(text);
    RISKS
        .iter()
        .enumerate()
        .filter(|(_, risk)| risk.triggers.iter().all(|group| group.iter().any(|w| plain.contains(w))))
        .fold(0, |mask, (index, _)| mask | (1 << index))
}

/// Every risk if the automaton could not be built (never in practice: a test builds it).
fn by_automaton(text: &str) -> u64 {
    let Some(triggers) = TRIGGERS.as_ref() else { return u64::MAX };
    // Spaces inside a word (「不 承担」) are ignored, as the analysis ignores them.
    let plain = without_spaces(text);
    let mut present = Bits::default();
    let mut any = false;
    for found in triggers.automaton.find_overlapping_iter(plain.as_ref()) {
        present.set(found.pattern().as_usize());
        any = true;
    }
    if !any {
        return 0;
    }
    triggers
        .groups
        .iter()
        .enumerate()
        .filter(|(_, groups)| groups.iter().all(|group| group.meets(&present)))
        .fold(0, |mask, (index, _)| mask | (1 << index))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_automaton_builds_and_admits_by_every_group() {
        assert!(TRIGGERS.is_some());
        assert!(words().len() <= MAX_WORDS && RISKS.len() <= 64);
        let rules = |text: &str| {
            let mask = candidates(text, Search::Automaton);
            assert_eq!(mask, candidates(text, Search::EachWord), "both searches agree: {text}");
            RISKS.iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, r)| r.rule).collect::<Vec<_>>()
        };
        assert!(rules("支持客户档案的录入和查询").is_empty(), "a module description costs one pass");
        assert!(rules("定金 与 违约金").contains(&"DEP-002"));
        assert!(!rules("定金").contains(&"DEP-002"), "both groups are needed");
    }
}
