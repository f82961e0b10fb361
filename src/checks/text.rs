//! Rules on free text (其他约定 and every multi-line field): risky phrases found however
//! they are spaced or punctuated, and quoted in the finding as the user wrote them.

use std::sync::{LazyLock, OnceLock};

use regex::Regex;

mod keywords;

use keywords::{Present, Search};

use super::{At, Finding};
use crate::derived::cell_text;
use crate::draft::Draft;
use crate::schema::{self, Kind};

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
        return c.is_ascii_whitespace() || (c.is_ascii_punctuation() && !SENTENCE_ENDS.contains(c));
    }
    c.is_whitespace() || IGNORED_PUNCTUATION.contains(c)
}

/// Chinese punctuation that does not end a sentence.
const IGNORED_PUNCTUATION: &str = "，、：“”‘’（）《》【】〔〕—…·「」『』～";

const SENTENCE_ENDS: &str = "。；！？;!?";

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
    zh: &'static str,
    en: &'static str,
}

const PHRASES: &[Phrase] = &[
    Phrase {
        rule: "DSP-001",
        keywords: &[&["仲裁"]],
        pattern: r"仲裁.{0,24}(?:或|或者|也可|也可以|亦可).{0,24}(?:起诉|诉讼|人民法院)|(?:起诉|诉讼|人民法院).{0,24}(?:或|或者|也可|也可以|亦可).{0,24}仲裁",
        zh: "既约定仲裁又约定诉讼的，仲裁协议无效（或裁或诉），请二选一",
        en: "arbitration and litigation both agreed: the arbitration agreement is void; choose one",
    },
    Phrase {
        rule: "DSP-005",
        keywords: &[&["裁决"]],
        pattern: r"不服.{0,10}裁决.{0,24}(?:起诉|诉讼|人民法院)|裁决.{0,10}不服.{0,24}(?:起诉|诉讼|人民法院)",
        zh: "仲裁实行一裁终局，“不服裁决可起诉”与仲裁相矛盾，可能被认定为或裁或诉",
        en: "an award is final; “court action after the award” contradicts arbitration",
    },
    Phrase {
        rule: "LIA-003",
        keywords: &[&["违约金"]],
        pattern: r"违约金.{0,8}(?:不得|不予|不能|不可|均不)(?:调整|调减|减少|变更|酌减)",
        zh: "约定违约金不得调整的，不影响法院依申请调整违约金",
        en: "a penalty declared non-adjustable can still be adjusted by a court",
    },
    Phrase {
        rule: "LIA-004",
        keywords: &[
            &["人身", "故意", "重大过失", "泄露", "泄漏", "丢失"],
            &["不承担", "免除", "免责", "不负责", "不予赔偿"],
        ],
        pattern: r"(?:人身(?:伤害|损害|伤亡)|故意|重大过失).{0,24}(?:不承担|[^不]免除|[^不]免责|概不负责|不负责|不予赔偿)|(?:不承担|(?:^|[^不])免除|(?:^|[^不])免责).{0,12}(?:人身(?:伤害|损害|伤亡)|故意|重大过失)|(?:数据|信息)(?:泄露|泄漏|丢失).{0,16}(?:概不负责|不承担任何责任|一律免责|均不负责)",
        zh: "免除造成人身损害的责任，或免除故意、重大过失造成财产损失的责任的条款无效",
        en: "an exclusion of liability for personal injury, intent or gross negligence is void",
    },
    Phrase {
        rule: "LIA-005",
        keywords: &[&["概不负责", "不承担任何", "解释权"]],
        pattern: r"概不负责|不承担任何(?:责任|赔偿|法律责任)|最终解释权|解释权归(?:乙方|甲方|供应商|本公司)",
        zh: "格式条款不合理地免除一方责任、限制对方主要权利的可能无效；与对方有重大利害关系的条款应以加粗等显著方式提示并说明",
        en: "a standard term excluding liability or limiting the other side's main rights may be void; such terms must be made conspicuous and explained",
    },
    Phrase {
        rule: "LIA-007",
        keywords: &[&["诉讼时效"]],
        pattern: r"诉讼时效(?:期间|期限)?(?:为|是|缩短为|延长为|不超过|约定为|统一为)?[0-9一二三四五六七八九十两半]+(?:个)?(?:年|月|日|天)",
        zh: "诉讼时效期间由法律规定（一般为三年），当事人约定无效",
        en: "limitation periods are set by law (usually three years); an agreed one is void",
    },
    Phrase {
        rule: "DSP-007",
        keywords: &[&["人民法院"]],
        pattern: r"..(?:区|县|市|中级|高级|铁路|互联网|知识产权)人民法院",
        zh: "直接指定某一具体法院可能违反级别管辖（技术合同纠纷一般由中级以上法院管辖），建议写“××住所地有管辖权的人民法院”",
        en: "naming one specific court may break the rules on court level; write “the competent court of … domicile”",
    },
    Phrase {
        rule: "IP-003",
        keywords: &[&["甲方数据", "甲方的数据", "甲方客户信息"], &["归乙方", "乙方可", "乙方有权"]],
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
            regex.find(&normalized.text).map(|m| (phrase.rule, normalized.quote(m.start(), m.end()).to_string()))
        })
        .collect();
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

/// The first match of a pattern that lies within one sentence.
fn find_in_sentences(regex: &Regex, text: &str) -> Option<Found> {
    let mut offset = 0;
    for sentence in text.split_inclusive(|c| SENTENCE_ENDS.contains(c)) {
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

/// Every free-text value of the draft: where it is and its text.
fn free_texts(draft: &Draft) -> Vec<(At, &str)> {
    let mut texts = Vec::new();
    for (_, field) in schema::all_fields() {
        match field.kind {
            Kind::Long => {
                if let Some(text) = draft.text(field.path) {
                    texts.push((At::Field(field.path), text));
                }
            }
            Kind::List(spec) => {
                for (row, cells) in draft.rows(field.path).iter().enumerate() {
                    for column in spec.columns.iter().filter(|c| matches!(c.kind, Kind::Long | Kind::Text)) {
                        if let Some(text) = cells.get(column.path).and_then(cell_text) {
                            texts.push((At::Cell { list: field.path, row, column: column.path }, text));
                        }
                    }
                }
            }
            _ => {}
        }
    }
    texts
}

pub(super) fn check(draft: &Draft, findings: &mut Vec<Finding>) {
    let texts = free_texts(draft);
    let search = Search::for_texts(texts.len());
    for (at, text) in texts {
        let normalized = Normalized::new(text);
        let present = Present::in_text(&normalized.text, search);
        for (phrase, regex) in candidates(present) {
            if let Some(found) = find_in_sentences(regex, &normalized.text) {
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

/// DSP-006: “由第三方所在地法院管辖” — a place with no connection to the dispute.
fn court_places(path: &str, normalized: &Normalized<'_>, findings: &mut Vec<Finding>) {
    let Some(regex) = COURT_PLACE.as_ref() else { return };
    for captures in regex.captures_iter(&normalized.text) {
        let (Some(place), Some(whole)) = (captures.get(1), captures.get(0)) else { continue };
        if !CONNECTED_PLACES.iter().any(|p| place.as_str().contains(p)) {
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
        let found = rules_for("本合同项下违约金，不得 调整。");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, "LIA-003");
        assert!(found[0].1.starts_with("“违约金，不得 调整”"), "{}", found[0].1);
        assert_eq!(rules_for("诉讼时效为 一 年")[0].0, "LIA-007");
        assert_eq!(rules_for("本活动最终 解释权归乙方所有")[0].0, "LIA-005");
        assert_eq!(rules_for("可以向上海仲裁委员会申请仲裁，也可以向人民法院起诉")[0].0, "DSP-001");
        assert_eq!(rules_for("对仲裁裁决不服的，可向法院起诉")[0].0, "DSP-005");
        assert_eq!(rules_for("因数据泄露造成的损失乙方概不负责")[0].0, "LIA-004");
        assert!(rules_for("本合同的任何条款均不免除一方因故意或者重大过失造成对方财产损失的责任。").is_empty());
        assert!(
            rules_for("人身损害。上述情形不受该上限限制。本合同不免除任何责任").iter().all(|(r, _)| *r != "LIA-004")
        );
        assert!(rules_for("由第三方所在地人民法院管辖").iter().any(|(r, _)| *r == "DSP-006"));
        assert!(rules_for("由甲方所在地人民法院管辖").iter().all(|(r, _)| *r != "DSP-006"));
        assert!(rules_for("提交杭州市西湖区人民法院").iter().any(|(r, _)| *r == "DSP-007"));
        assert!(rules_for("由甲方住所地有管辖权的人民法院管辖").is_empty());
        assert!(rules_for("乙方应及时修复缺陷").is_empty());
    }
}
