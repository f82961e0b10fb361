//! Which risks a text could hold, from the trigger words of each: one pass over the text
//! (spaces removed) marks the words present, and a risk is a candidate when every one of
//! its groups has a word present.

use std::sync::LazyLock;

use std::borrow::Cow;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::RISKS;
use crate::checks::search::Search;

/// Every trigger word, sorted, and for each risk a bit set per group.
struct Triggers {
    words: Vec<&'static str>,
    /// Each character a word begins with, sorted, and the run of `words` that begin with it.
    firsts: Vec<(char, std::ops::Range<usize>)>,
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

    fn is_empty(&self) -> bool {
        self.0.iter().all(|word| *word == 0)
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
    let mut firsts: Vec<(char, std::ops::Range<usize>)> = Vec::new();
    for (index, first) in words.iter().filter_map(|w| w.chars().next()).enumerate() {
        match firsts.last_mut() {
            Some((c, run)) if *c == first => run.end = index + 1,
            _ => firsts.push((first, index..index + 1)),
        }
    }
    Some(Triggers { words, firsts, groups })
});

/// A DFA over the trigger words: its construction costs more than a small draft's whole
/// check (several million instructions), then it is the fastest per byte, which is what a
/// draft of 100,000 module rows pays. Built only when a search asks for it.
static AUTOMATON: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| {
    let triggers = TRIGGERS.as_ref()?;
    AhoCorasick::builder().match_kind(MatchKind::Standard).kind(Some(AhoCorasickKind::DFA)).build(&triggers.words).ok()
});

/// The risks whose trigger words the text holds, as a mask over `RISKS` (bit i for risk i);
/// every risk if the word list could not be built (never in practice: a test builds it).
pub(super) fn candidates(text: &str, search: Search) -> u64 {
    let Some(triggers) = TRIGGERS.as_ref() else { return u64::MAX };
    // Spaces inside a word (「不 承担」) are ignored, as the analysis ignores them.
    let plain = without_spaces(text);
    let present = match search {
        Search::EachWord => by_first_character(&plain, triggers),
        Search::Automaton => match AUTOMATON.as_ref() {
            Some(automaton) => by_automaton(&plain, automaton),
            None => by_first_character(&plain, triggers),
        },
    };
    if present.is_empty() {
        return 0;
    }
    triggers
        .groups
        .iter()
        .enumerate()
        .filter(|(_, groups)| groups.iter().all(|group| group.meets(&present)))
        .fold(0, |mask, (index, _)| mask | (1 << index))
}

fn without_spaces(text: &str) -> Cow<'_, str> {
    if text.contains(char::is_whitespace) {
        Cow::Owned(text.chars().filter(|c| !c.is_whitespace()).collect())
    } else {
        Cow::Borrowed(text)
    }
}

/// Each position of the text against the words that begin with the character there (one
/// run of the sorted list, found by a binary search over the first characters). Nothing to
/// build, so a sentence costs a few hundred instructions.
fn by_first_character(text: &str, triggers: &Triggers) -> Bits {
    let mut present = Bits::default();
    for (at, c) in text.char_indices() {
        let Ok(found) = triggers.firsts.binary_search_by(|(first, _)| first.cmp(&c)) else { continue };
        let (Some((_, run)), Some(rest)) = (triggers.firsts.get(found), text.get(at..)) else { continue };
        for index in run.clone() {
            if triggers.words.get(index).is_some_and(|w| rest.starts_with(w)) {
                present.set(index);
            }
        }
    }
    present
}

fn by_automaton(text: &str, automaton: &AhoCorasick) -> Bits {
    let mut present = Bits::default();
    for found in automaton.find_overlapping_iter(text) {
        present.set(found.pattern().as_usize());
    }
    present
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_automaton_builds_and_admits_by_every_group() {
        assert!(TRIGGERS.is_some() && AUTOMATON.is_some());
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

    proptest::proptest! {
        /// The prefix scan marks exactly the words a plain substring search finds, however
        /// the words overlap or nest, in any surrounding text.
        #[test]
        fn the_prefix_scan_marks_the_words_the_text_contains(
            picks in proptest::collection::vec(0usize..MAX_WORDS, 0..6),
            filler in "[甲乙方的不得，。a-z]{0,12}",
        ) {
            let Some(triggers) = TRIGGERS.as_ref() else { return Err(proptest::test_runner::TestCaseError::fail("no triggers")) };
            let words = &triggers.words;
            let text: String = picks
                .iter()
                .filter_map(|i| words.get(i % words.len()))
                .flat_map(|w| [*w, filler.as_str()])
                .collect();
            let marked = by_first_character(&text, triggers);
            for (index, word) in words.iter().enumerate() {
                let mut alone = Bits::default();
                alone.set(index);
                proptest::prop_assert_eq!(marked.meets(&alone), text.contains(word), "{} in {}", word, text);
            }
        }
    }
}
