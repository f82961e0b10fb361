//! Article, paragraph and annex numbers, counted as the contract renders, the parts of the
//! document, and cross-references generated from them. Each call records a structure tag
//! and prints its mark (`document::marks`), from which the document tree numbers the
//! article 第一条 (`{{ num.article("标题") }}`), the paragraph 1.1 (`{{ num.para() }}`), the
//! annex 附件一 (`{{ num.annex("付款计划") }}`) and starts a part (`{{ num.part("parties") }}`),
//! so clauses that do not apply leave no gaps. A clause
//! another one refers to gets a key — `{{ num.para("acceptance.review") }}`,
//! `{{ num.article("验收", "acceptance") }}` — and the referring clause writes
//! `{{ num.ref("acceptance.review") }}` (第8.2款, 第八条), which is resolved once the whole
//! contract is rendered, so a reference may come before the clause it names and always
//! names the clause that holds what it refers to however the switches number them.
//! Native methods rather than template macros: a macro call costs several times more.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use minijinja::value::{Object, from_args};
use minijinja::{Error, ErrorKind, State, Value};

use crate::document::marks::{self, PartKind, Tag, Target};
use crate::markdown;

/// A reference in the rendered text, until it is resolved: the key between two private-use
/// characters that no value can contain (`markdown::sanitize` replaces them).
const REF_OPEN: char = '\u{e000}';
const REF_CLOSE: char = '\u{e001}';

/// The numbers a render gave its keyed clauses: 第九条 for an article, 第9.2款 for a
/// paragraph; and each keyed article's title.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClauseLabels {
    numbers: HashMap<String, String>,
    titles: HashMap<String, String>,
}

impl ClauseLabels {
    /// The clause's number, if this contract has it.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.numbers.get(key).map(String::as_str)
    }

    /// A keyed article's number and title: 第九条　验收.
    pub fn heading(&self, key: &str) -> Option<String> {
        Some(format!("{}　{}", self.get(key)?, self.titles.get(key)?))
    }

    /// Key → number, sorted by key.
    pub fn into_map(self) -> std::collections::BTreeMap<String, String> {
        self.numbers.into_iter().collect()
    }
}

/// The counters, the keyed clauses and the structure tags of one render.
#[derive(Debug, Default)]
pub(super) struct Numbering {
    article: AtomicU64,
    paragraph: AtomicU64,
    annex: AtomicU64,
    targets: Mutex<HashMap<String, Target>>,
    titles: Mutex<HashMap<String, String>>,
    tags: Mutex<Vec<Tag>>,
}

fn locked<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A counter's value as the tags hold it (no document numbers four billion clauses).
fn number(value: u64) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

impl Numbering {
    /// Records a tag; the mark that stands for it in the text.
    fn tag(&self, tag: Tag) -> String {
        let mut tags = locked(&self.tags);
        tags.push(tag);
        marks::tag(tags.len() - 1)
    }

    /// An article's heading: `## ` and the article's tag before its title (the tree numbers
    /// it 第N条), starting the paragraphs again at 1.
    fn article(&self, title: &str, key: Option<&str>) -> String {
        // A render runs on one thread; the atomics only make the object shareable.
        let article = number(self.article.fetch_add(1, Ordering::Relaxed) + 1);
        self.paragraph.store(0, Ordering::Relaxed);
        if let Some(key) = key {
            locked(&self.targets).insert(key.to_string(), Target::Article(article));
            locked(&self.titles).insert(key.to_string(), title.to_string());
        }
        let mark = self.tag(Tag::Article { number: article, key: key.map(str::to_string) });
        format!("## {mark}{}", markdown::escape_text(title))
    }

    /// The next paragraph of the current article: its tag, which the tree numbers N.M.
    fn paragraph(&self, key: Option<&str>) -> String {
        let paragraph = number(self.paragraph.fetch_add(1, Ordering::Relaxed) + 1);
        let article = number(self.article.load(Ordering::Relaxed));
        if let Some(key) = key {
            locked(&self.targets).insert(key.to_string(), Target::Paragraph(article, paragraph));
        }
        self.tag(Tag::Paragraph { article, number: paragraph, key: key.map(str::to_string) })
    }

    /// An annex's heading: `## ` and the annex's tag before its title (附件N, or 附件 when it
    /// is the only one).
    fn annex(&self, title: &str, key: Option<&str>) -> String {
        let annex = number(self.annex.fetch_add(1, Ordering::Relaxed) + 1);
        let mark = self.tag(Tag::Annex { number: annex, key: key.map(str::to_string) });
        format!("## {mark}{}", markdown::escape_text(title))
    }

    /// A paragraph of its own that starts a part of the document.
    fn part(&self, kind: PartKind) -> String {
        format!("\n\n{}\n\n", self.tag(Tag::Part(kind)))
    }

    /// The label of every keyed clause this render numbered.
    pub(super) fn labels(&self) -> ClauseLabels {
        let numbers = locked(&self.targets).iter().map(|(key, target)| (key.clone(), target.label())).collect();
        ClauseLabels { numbers, titles: locked(&self.titles).clone() }
    }

    /// The structure tags, by the index their marks hold.
    pub(super) fn tags(&self) -> Vec<Tag> {
        locked(&self.tags).clone()
    }

    /// Replaces every reference in `text` by the tag of the clause it names; a key no
    /// clause of this render carries is an error (a reference to a clause that a switch
    /// removed).
    pub(super) fn resolve(&self, text: &str) -> Result<String, String> {
        let Some(mut start) = find_char(text, REF_OPEN) else {
            return Ok(text.to_string());
        };
        let targets = locked(&self.targets).clone();
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        loop {
            out.push_str(&rest[..start]);
            let after = &rest[start + REF_OPEN.len_utf8()..];
            let end = find_char(after, REF_CLOSE).ok_or("an unterminated clause reference")?;
            let key = &after[..end];
            let target = *targets
                .get(key)
                .ok_or_else(|| format!("a reference to clause {key:?}, which this contract does not contain"))?;
            out.push_str(&self.tag(Tag::Reference { key: key.to_string(), target }));
            rest = &after[end + REF_CLOSE.len_utf8()..];
            match find_char(rest, REF_OPEN) {
                Some(next) => start = next,
                None => break,
            }
        }
        out.push_str(rest);
        Ok(out)
    }
}

/// Where `c` first occurs. `str::find(char)` looks for the char's last byte, which for the
/// marks (EE 80 80) is a continuation byte common in Chinese text; a substring search on
/// all three bytes skips ahead by the rarest of them.
fn find_char(text: &str, c: char) -> Option<usize> {
    let mut encoded = [0; 4];
    memchr::memmem::find(text.as_bytes(), c.encode_utf8(&mut encoded).as_bytes())
}

impl Object for Numbering {
    fn call_method(self: &Arc<Self>, _state: &mut State<'_, '_>, method: &str, args: &[Value]) -> Result<Value, Error> {
        match method {
            "article" => {
                let (title, key): (&str, Option<&str>) = from_args(args)?;
                Ok(Value::from_safe_string(self.article(title, key)))
            }
            "para" => {
                let (key,): (Option<&str>,) = from_args(args)?;
                Ok(Value::from_safe_string(self.paragraph(key)))
            }
            "annex" => {
                let (title, key): (&str, Option<&str>) = from_args(args)?;
                Ok(Value::from_safe_string(self.annex(title, key)))
            }
            "part" => {
                let (name,): (&str,) = from_args(args)?;
                let kind = PartKind::from_name(name)
                    .ok_or_else(|| Error::new(ErrorKind::InvalidOperation, format!("no part is called {name:?}")))?;
                Ok(Value::from_safe_string(self.part(kind)))
            }
            "ref" => {
                let (key,): (&str,) = from_args(args)?;
                Ok(Value::from_safe_string(format!("{REF_OPEN}{key}{REF_CLOSE}")))
            }
            _ => Err(Error::new(ErrorKind::UnknownMethod, format!("numbering has no method {method}"))),
        }
    }
}

/// The name under which a render's numbering is in the template context.
pub(super) const CONTEXT_KEY: &str = "__numbering";

/// The `numbering()` function templates call once, at the top of the contract: the
/// render's own numbering, whose references are resolved after it.
pub(super) fn numbering(state: &State<'_, '_>) -> Value {
    state.lookup(CONTEXT_KEY).unwrap_or_else(|| Value::from_object(Numbering::default()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles_restart_the_paragraphs() {
        let numbering = Numbering::default();
        assert_eq!(numbering.article("标的", None), format!("## {}标的", marks::tag(0)));
        assert_eq!(numbering.paragraph(None), marks::tag(1));
        numbering.paragraph(None);
        assert_eq!(numbering.article("价款*与*支付", None), format!("## {}价款\\*与\\*支付", marks::tag(3)));
        numbering.paragraph(None);
        let tags = numbering.tags();
        assert_eq!(tags[2], Tag::Paragraph { article: 1, number: 2, key: None });
        assert_eq!(tags[4], Tag::Paragraph { article: 2, number: 1, key: None });
    }

    #[test]
    fn references_name_the_clause_that_carries_the_key_wherever_it_is() {
        let numbering = Numbering::default();
        let early = format!("见{REF_OPEN}b.review{REF_CLOSE}及{REF_OPEN}b{REF_CLOSE}");
        numbering.article("甲", None);
        numbering.article("乙", Some("b"));
        numbering.paragraph(None);
        numbering.paragraph(Some("b.review"));
        let resolved = numbering.resolve(&early).expect("resolves");
        assert_eq!(resolved, format!("见{}及{}", marks::tag(4), marks::tag(5)));
        let tags = numbering.tags();
        assert_eq!(tags[4], Tag::Reference { key: "b.review".into(), target: Target::Paragraph(2, 2) });
        assert_eq!(numbering.labels().get("b"), Some("第二条"));
        let missing = format!("{REF_OPEN}gone{REF_CLOSE}");
        assert!(numbering.resolve(&missing).expect_err("unknown").contains("gone"));
    }
}
