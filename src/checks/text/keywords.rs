//! Which of the text rules' keywords a text holds, as a bit per keyword,
//! so a phrase's pattern is compiled and run only when every one of its keyword groups
//! appears. Below a few hundred texts each word is looked for in turn; above, one
//! Aho-Corasick automaton finds them all.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use super::PHRASES;
use crate::checks::search::Search;

/// Words that must both appear before DSP-006 looks for a court's place.
const COURT_WORDS: [&str; 2] = ["所在地", "法院"];

/// Every keyword of every phrase and the court words, one bit each, and the masks the
/// phrases need.
struct Keywords {
    words: Vec<&'static str>,
    /// For each phrase, one bit mask per keyword group: the text needs a bit of each.
    phrases: Vec<Vec<u64>>,
    /// The court words: the text needs all of these bits.
    court: u64,
}

/// Which keywords a text holds, one bit per distinct keyword.
#[derive(Clone, Copy)]
pub(super) struct Present(u64);

static KEYWORDS: LazyLock<Option<Keywords>> = LazyLock::new(|| {
    let mut words: Vec<&'static str> =
        PHRASES.iter().flat_map(|p| p.keywords.iter().copied().flatten().copied()).chain(COURT_WORDS).collect();
    words.sort_unstable();
    words.dedup();
    // One bit per word; a test keeps the list within the bits.
    (words.len() <= 64).then_some(())?;
    let mask =
        |group: &[&str]| group.iter().filter_map(|w| words.binary_search(w).ok()).fold(0_u64, |bits, i| bits | 1 << i);
    let phrases = PHRASES.iter().map(|p| p.keywords.iter().map(|group| mask(group)).collect()).collect();
    let court = mask(&COURT_WORDS);
    Some(Keywords { words, phrases, court })
});

/// One automaton finding every keyword in a single pass. Building it takes 0.1–0.4 ms, so
/// it pays only for drafts with many texts (hundreds of module rows).
static AUTOMATON: LazyLock<Option<AhoCorasick>> =
    LazyLock::new(|| KEYWORDS.as_ref().and_then(|k| AhoCorasick::new(&k.words).ok()));

impl Present {
    /// The keywords in a (normalized) text. Should the keyword table be unavailable, every
    /// keyword counts as present: the patterns then decide alone.
    pub(super) fn in_text(text: &str, search: Search) -> Present {
        let Some(keywords) = KEYWORDS.as_ref() else { return Present(u64::MAX) };
        let bit = |index: usize| 1_u64 << index;
        // The automaton is touched (and built) only when asked for.
        let automaton = match search {
            Search::Automaton => AUTOMATON.as_ref(),
            Search::EachWord => None,
        };
        Present(match automaton {
            Some(automaton) => {
                automaton.find_overlapping_iter(text).fold(0, |bits, m| bits | bit(m.pattern().as_usize()))
            }
            None => keywords
                .words
                .iter()
                .enumerate()
                .filter(|(_, w)| text.contains(**w))
                .fold(0, |bits, (i, _)| bits | bit(i)),
        })
    }

    /// Whether the text holds a keyword of every group of the phrase.
    pub(super) fn admits(self, phrase: usize) -> bool {
        KEYWORDS
            .as_ref()
            .and_then(|k| k.phrases.get(phrase))
            .is_none_or(|groups| groups.iter().all(|g| self.0 & g != 0))
    }

    /// Whether the text holds every court word.
    pub(super) fn mentions_a_court(self) -> bool {
        KEYWORDS.as_ref().is_none_or(|k| self.0 & k.court == k.court)
    }
}

#[cfg(test)]
mod tests {
    use super::super::Normalized;
    use super::*;

    #[test]
    fn keyword_search_admits_exactly_the_phrases_whose_words_appear() {
        assert!(KEYWORDS.is_some(), "the keyword table fits 64 bits");
        assert!(AUTOMATON.is_some(), "the keyword automaton builds");
        for search in [Search::EachWord, Search::Automaton] {
            for (index, phrase) in PHRASES.iter().enumerate() {
                let all_groups: String = phrase.keywords.iter().map(|group| group[0]).collect::<Vec<_>>().join("。");
                assert!(Present::in_text(&all_groups, search).admits(index), "{}", phrase.rule);
                let Some(last) = phrase.keywords.last() else { continue };
                let missing_one: String = phrase.keywords[..phrase.keywords.len() - 1].iter().map(|g| g[0]).collect();
                if phrase.keywords.len() > 1 || last.iter().all(|w| !missing_one.contains(w)) {
                    assert!(!Present::in_text(&missing_one, search).admits(index), "{}", phrase.rule);
                }
            }
            assert!(Present::in_text("由某地所在地人民法院", search).mentions_a_court());
            assert!(!Present::in_text("乙方应及时修复缺陷", search).mentions_a_court());
        }
    }

    #[test]
    fn both_keyword_searches_agree_on_every_template_sentence() {
        let words = KEYWORDS.as_ref().map(|k| k.words.join("")).unwrap_or_default();
        let texts = crate::render::built_in().flat_map(|(_, source)| source.split('\n')).chain([words.as_str()]);
        for text in texts {
            let normalized = Normalized::new(text);
            let each = Present::in_text(&normalized.text, Search::EachWord).0;
            assert_eq!(each, Present::in_text(&normalized.text, Search::Automaton).0, "{text}");
        }
    }

    proptest::proptest! {
        #[test]
        fn both_keyword_searches_agree_on_any_text(pieces in proptest::collection::vec(
            proptest::prop_oneof!["仲裁|裁决|违约金|人身|故意|免除|不承担任何|解释权|所在地|法院|甲方数据|乙方有权", "[甲乙方不法院责。，a-z ]{0,4}"],
            0..12,
        )) {
            let text = pieces.concat();
            let each = Present::in_text(&text, Search::EachWord).0;
            proptest::prop_assert_eq!(each, Present::in_text(&text, Search::Automaton).0);
        }
    }
}
