//! Rules on free text (其他约定 and every multi-line field): risky phrases found however
//! they are spaced or punctuated, and quoted in the finding as the user wrote them.

use std::sync::{LazyLock, OnceLock};

use regex::Regex;

mod keywords;

use keywords::Present;

use super::search::Search;

use super::Finding;
use crate::draft::Draft;

/// Text with spaces and punctuation removed. Where a match came from in the original is
/// worked out again only when a finding quotes it, so clean texts cost one pass.
struct Normalized<'a> {
    original: &'a str,
    text: String,
}

/// Spaces and punctuation inside a sentence are ignored; sentence ends are kept, so a
/// phrase is only found within one sentence.
fn ignorable(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_whitespace() || (c.is_ascii_punctuation() && !SENTENCE_ENDS.contains(&c));
    }
    // Chinese punctuation that does not end a sentence, as a match (a jump table): this runs
    // for every character of every text.
    c.is_whitespace()
        || matches!(
            c,
            '，' | '、'
                | '：'
                | '“'
                | '”'
                | '‘'
                | '’'
                | '（'
                | '）'
                | '《'
                | '》'
                | '【'
                | '】'
                | '〔'
                | '〕'
                | '—'
                | '…'
                | '·'
                | '「'
                | '」'
                | '『'
                | '』'
                | '～'
        )
}

const SENTENCE_ENDS: &[char] = &['。', '；', '！', '？', ';', '!', '?'];

impl<'a> Normalized<'a> {
    fn new(original: &'a str) -> Self {
        Normalized { original, text: original.chars().filter(|&c| !ignorable(c)).collect() }
    }

    /// The original text of a match in the normalized text, punctuation and all.
    fn quote(&self, start: usize, end: usize) -> &'a str {
        let mut kept = 0;
        let (mut from, mut to) = (None, self.original.len());
        for (at, c) in self.original.char_indices().filter(|&(_, c)| !ignorable(c)) {
            if kept == start {
                from = Some(at);
            }
            kept += c.len_utf8();
            if kept == end {
                to = at + c.len_utf8();
                break;
            }
        }
        from.map_or("", |from| &self.original[from..to.max(from)])
    }
}

/// A phrase rule: the pattern is matched against normalized text.
struct Phrase {
    rule: &'static str,
    /// Groups of words: the text must contain a word of every group before the pattern is
    /// even compiled. Most drafts pass none, so `check` rarely pays for an automaton.
    keywords: &'static [&'static [&'static str]],
    pattern: &'static str,
    /// Words that, in the same sentence, make the match lawful (a court named to enforce or
    /// set aside an award is the right court).
    unless: &'static [&'static str],
    zh: &'static str,
    en: &'static str,
}

const PHRASES: &[Phrase] = &[
    Phrase {
        rule: "DSP-007",
        keywords: &[&["人民法院"]],
        pattern: r"..(?:区|县|市|中级|高级|铁路|互联网|知识产权)人民法院",
        unless: &["申请撤销", "撤销裁决", "申请执行", "强制执行", "不予执行", "保全"],
        zh: "直接指定某一具体法院可能违反级别管辖（技术合同纠纷一般由中级以上法院管辖），建议写“××住所地有管辖权的人民法院”",
        en: "naming one specific court may break the rules on court level; write “the competent court of … domicile”",
    },
    Phrase {
        rule: "IP-003",
        keywords: &[&["甲方数据", "甲方的数据", "甲方客户信息"], &["归乙方", "乙方可", "乙方有权"]],
        unless: &[],
        pattern: r"甲方(?:的)?数据.{0,10}归乙方|乙方(?:可|可以|有权).{0,10}(?:使用|利用|处理)甲方(?:的)?(?:数据|客户信息)",
        zh: "甲方数据（含导出数据）应归甲方所有，乙方不得用于自身目的",
        en: "the buyer's data (including exports) should stay the buyer's and not be used for the supplier's own ends",
    },
];

/// The phrase rules that fire on a piece of text, with the quoted words; used to check
/// that the clause templates themselves pass the review.
pub fn scan(text: &str) -> Vec<(&'static str, String)> {
    let normalized = Normalized::new(text);
    let mut found: Vec<(&'static str, String)> = candidates(Present::in_text(&normalized.text, Search::EachWord))
        .filter_map(|(phrase, regex)| {
            find_in_sentences(regex, &normalized.text, phrase.unless)
                .map(|m| (phrase.rule, normalized.quote(m.start(), m.end()).to_string()))
        })
        .collect();
    let names = super::clause::Names::default();
    let choices = super::risks::Choices::default();
    found.extend(
        super::risks::scan(text, &names, &choices).into_iter().map(|(risk, quote)| (risk.rule, quote.to_string())),
    );
    let mut courts = Vec::new();
    court_places("", &normalized, &mut courts);
    found.extend(courts.into_iter().map(|f| (f.rule, f.message)));
    found
}

/// A match found within one sentence, with offsets into the whole text.
struct Found {
    start: usize,
    end: usize,
}

impl Found {
    fn start(&self) -> usize {
        self.start
    }

    fn end(&self) -> usize {
        self.end
    }
}

/// The first match of a pattern that lies within one sentence holding none of `unless`.
fn find_in_sentences(regex: &Regex, text: &str, unless: &[&str]) -> Option<Found> {
    let mut offset = 0;
    for sentence in text.split_inclusive(SENTENCE_ENDS) {
        if unless.iter().any(|w| sentence.contains(w)) {
            offset += sentence.len();
            continue;
        }
        if let Some(m) = regex.find(sentence) {
            return Some(Found { start: offset + m.start(), end: offset + m.end() });
        }
        offset += sentence.len();
    }
    None
}

/// Places a court may be agreed at (民事诉讼法第三十五条).
const CONNECTED_PLACES: &[&str] =
    &["甲方", "乙方", "原告", "被告", "合同签订地", "签订地", "合同履行地", "履行地", "标的物", "双方"];

// Patterns are matched sentence by sentence, so `.` never crosses a sentence end. Each is
// compiled the first time a text holds one of its keywords.
static COMPILED: [OnceLock<Option<Regex>>; PHRASES.len()] = [const { OnceLock::new() }; PHRASES.len()];

/// The phrases whose keywords the text contains, with their compiled patterns.
fn candidates(present: Present) -> impl Iterator<Item = (&'static Phrase, &'static Regex)> {
    PHRASES.iter().zip(COMPILED.iter()).enumerate().filter(move |(index, _)| present.admits(*index)).filter_map(
        |(_, (phrase, cell))| {
            cell.get_or_init(|| Regex::new(phrase.pattern).ok()).as_ref().map(|regex| (phrase, regex))
        },
    )
}

/// Compiled on first use; only texts that mention a court (所在地…法院) need it.
static COURT_PLACE: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"(?:由|向|提交)([^由向提交]{1,16}?)所在地(?:有管辖权的)?(?:人民)?法院").ok());

pub(super) fn check(draft: &Draft, findings: &mut Vec<Finding>) {
    let texts = super::risks::free_texts(draft);
    let search = Search::for_texts(texts.len());
    for (at, text) in texts {
        if !may_hold_a_phrase(text) {
            continue;
        }
        let normalized = Normalized::new(text);
        let present = Present::in_text(&normalized.text, search);
        for (phrase, regex) in candidates(present) {
            if let Some(found) = find_in_sentences(regex, &normalized.text, phrase.unless) {
                let quote = normalized.quote(found.start(), found.end());
                findings.push(Finding::of(
                    phrase.rule,
                    at.path(),
                    format!("“{quote}”：{}。", phrase.zh),
                    format!("“{quote}”: {}.", phrase.en),
                ));
            }
        }
        if present.mentions_a_court() {
            court_places(&at.path(), &normalized, findings);
        }
    }
}

/// Whether a text has the characters every phrase here needs (a court: 院; the buyer's data
/// given to the supplier: 甲, 乙 and 数 or 信), so the texts of a large draft that hold none
/// (module descriptions) are never normalized. Characters, not words, as punctuation inside
/// a word (人民 法院) must not hide it.
fn may_hold_a_phrase(text: &str) -> bool {
    text.contains('院') || (text.contains('甲') && text.contains('乙') && (text.contains('数') || text.contains('信')))
}

/// DSP-006: “由第三方所在地法院管辖” — a place with no connection to the dispute.
fn court_places(path: &str, normalized: &Normalized<'_>, findings: &mut Vec<Finding>) {
    let Some(regex) = COURT_PLACE.as_ref() else { return };
    for captures in regex.captures_iter(&normalized.text) {
        let (Some(place), Some(whole)) = (captures.get(1), captures.get(0)) else { continue };
        // The place must be a party's (or the contract's) own: 「乙方母公司所在地」 names
        // another company, though it contains 乙方.
        if !CONNECTED_PLACES.iter().any(|p| place.as_str().ends_with(p)) {
            let quote = normalized.quote(whole.start(), whole.end());
            findings.push(Finding::of(
                "DSP-006",
                path,
                format!("“{quote}”：协议管辖只能选择被告住所地、合同履行地、合同签订地、原告住所地、标的物所在地等与争议有实际联系的地点的法院。"),
                format!("“{quote}”: only a court at a place connected to the dispute may be agreed."),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn rules_for(text: &str) -> Vec<(&'static str, String)> {
        let mut draft = Draft::empty();
        draft.set("other.terms", json!(text));
        let mut findings = Vec::new();
        check(&draft, &mut findings);
        findings.into_iter().map(|f| (f.rule, f.message)).collect()
    }

    #[test]
    fn every_pattern_compiles_with_the_regex_features_we_build() {
        for phrase in PHRASES {
            assert!(Regex::new(phrase.pattern).is_ok(), "{}", phrase.rule);
        }
        assert!(COURT_PLACE.is_some());
    }

    #[test]
    fn quotes_keep_the_original_punctuation() {
        let normalized = Normalized::new("甲，乙 丙。丁");
        assert_eq!(normalized.text, "甲乙丙。丁");
        assert_eq!(normalized.quote(0, "甲乙丙".len()), "甲，乙 丙");
        assert_eq!(normalized.quote("甲".len(), "甲乙".len()), "乙");
        assert_eq!(normalized.quote("甲乙丙。".len(), normalized.text.len()), "丁");
    }

    #[test]
    fn phrases_are_found_however_spaced_or_punctuated() {
        let found = rules_for("争议由杭州市西湖区 人民法院管辖。");
        assert!(
            found.iter().any(|(rule, message)| *rule == "DSP-007" && message.starts_with("“西湖区 人民法院”")),
            "{found:?}"
        );
        assert!(rules_for("乙方可以 使用甲方数据").iter().any(|(r, _)| *r == "IP-003"));
        assert!(
            rules_for("一方可以向仲裁委员会所在地的中级人民法院申请撤销裁决。").iter().all(|(r, _)| *r != "DSP-007"),
            "the court that sets an award aside is the right court"
        );
        assert!(rules_for("由第三方所在地人民法院管辖").iter().any(|(r, _)| *r == "DSP-006"));
        assert!(rules_for("由甲方所在地人民法院管辖").iter().all(|(r, _)| *r != "DSP-006"));
        assert!(rules_for("由乙方母公司所在地有管辖权的人民法院管辖").iter().any(|(r, _)| *r == "DSP-006"));
        assert!(rules_for("提交杭州市西湖区人民法院").iter().any(|(r, _)| *r == "DSP-007"));
        assert!(rules_for("由甲方住所地有管辖权的人民法院管辖").is_empty());
        assert!(rules_for("乙方应及时修复缺陷").is_empty());
    }
}
