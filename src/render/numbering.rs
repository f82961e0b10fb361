//! Article and paragraph numbers, counted as the contract renders, and cross-references
//! generated from them. `{{ num.article("标题") }}` prints `## 第一条　标题` and
//! `{{ num.para() }}` prints `1.1　`, so clauses that do not apply leave no gaps. A clause
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

use super::filters::chinese_numeral;
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

/// The counters and the keyed clauses of one render.
#[derive(Debug, Default)]
pub(super) struct Numbering {
    article: AtomicU64,
    paragraph: AtomicU64,
    labels: Mutex<HashMap<String, String>>,
    titles: Mutex<HashMap<String, String>>,
}

impl Numbering {
    /// `## 第N条　title`, starting the paragraphs again at 1.
    fn article(&self, title: &str, key: Option<&str>) -> String {
        // A render runs on one thread; the atomics only make the object shareable.
        let number = self.article.fetch_add(1, Ordering::Relaxed) + 1;
        self.paragraph.store(0, Ordering::Relaxed);
        if let Some(key) = key {
            self.label(key, format!("第{}条", chinese_numeral(number)));
            self.titles.lock().unwrap_or_else(PoisonError::into_inner).insert(key.to_string(), title.to_string());
        }
        format!("## 第{}条　{}", chinese_numeral(number), markdown::escape_text(title))
    }

    /// `N.M　`: the next paragraph of the current article.
    fn paragraph(&self, key: Option<&str>) -> String {
        let paragraph = self.paragraph.fetch_add(1, Ordering::Relaxed) + 1;
        let number = format!("{}.{paragraph}", self.article.load(Ordering::Relaxed));
        if let Some(key) = key {
            self.label(key, format!("第{number}款"));
        }
        format!("{number}　")
    }

    fn label(&self, key: &str, label: String) {
        self.labels.lock().unwrap_or_else(PoisonError::into_inner).insert(key.to_string(), label);
    }

    /// The label of every keyed clause this render numbered.
    pub(super) fn labels(&self) -> ClauseLabels {
        ClauseLabels {
            numbers: self.labels.lock().unwrap_or_else(PoisonError::into_inner).clone(),
            titles: self.titles.lock().unwrap_or_else(PoisonError::into_inner).clone(),
        }
    }

    /// Replaces every reference in `text` by the label of its clause; a key no clause of
    /// this render carries is an error (a reference to a clause that a switch removed).
    pub(super) fn resolve(&self, text: &str) -> Result<String, String> {
        if !text.contains(REF_OPEN) {
            return Ok(text.to_string());
        }
        let labels = self.labels.lock().unwrap_or_else(PoisonError::into_inner);
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(start) = rest.find(REF_OPEN) {
            out.push_str(&rest[..start]);
            let after = &rest[start + REF_OPEN.len_utf8()..];
            let end = after.find(REF_CLOSE).ok_or("an unterminated clause reference")?;
            let key = &after[..end];
            let label = labels
                .get(key)
                .ok_or_else(|| format!("a reference to clause {key:?}, which this contract does not contain"))?;
            out.push_str(label);
            rest = &after[end + REF_CLOSE.len_utf8()..];
        }
        out.push_str(rest);
        Ok(out)
    }
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
        assert_eq!(numbering.article("标的", None), "## 第一条　标的");
        assert_eq!(numbering.paragraph(None), "1.1　");
        assert_eq!(numbering.paragraph(None), "1.2　");
        assert_eq!(numbering.article("价款*与*支付", None), "## 第二条　价款\\*与\\*支付");
        assert_eq!(numbering.paragraph(None), "2.1　");
    }

    #[test]
    fn references_name_the_clause_that_carries_the_key_wherever_it_is() {
        let numbering = Numbering::default();
        let early = format!("见{REF_OPEN}b.review{REF_CLOSE}及{REF_OPEN}b{REF_CLOSE}");
        numbering.article("甲", None);
        numbering.article("乙", Some("b"));
        numbering.paragraph(None);
        numbering.paragraph(Some("b.review"));
        assert_eq!(numbering.resolve(&early).expect("resolves"), "见第2.2款及第二条");
        let missing = format!("{REF_OPEN}gone{REF_CLOSE}");
        assert!(numbering.resolve(&missing).expect_err("unknown").contains("gone"));
    }
}
