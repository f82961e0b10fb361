//! Article and paragraph numbers, counted as the contract renders: `{{ num.article("标题") }}`
//! prints `## 第一条　标题` and `{{ num.para() }}` prints `1.1　`, so clauses that do not
//! apply leave no gaps. Native methods rather than template macros: a macro call costs the
//! template engine several times more, and a contract makes a hundred of them.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use minijinja::value::{Object, from_args};
use minijinja::{Error, ErrorKind, State, Value};

use super::filters::chinese_numeral;
use crate::markdown;

/// The counters of one render; `numbering()` in a template makes a fresh one.
#[derive(Debug, Default)]
pub(super) struct Numbering {
    article: AtomicU64,
    paragraph: AtomicU64,
}

impl Numbering {
    /// `## 第N条　title`, starting the paragraphs again at 1.
    fn article(&self, title: &str) -> String {
        // A render runs on one thread; the atomics only make the object shareable.
        let number = self.article.fetch_add(1, Ordering::Relaxed) + 1;
        self.paragraph.store(0, Ordering::Relaxed);
        format!("## 第{}条　{}", chinese_numeral(number), markdown::escape_text(title))
    }

    /// `N.M　`: the next paragraph of the current article.
    fn paragraph(&self) -> String {
        let paragraph = self.paragraph.fetch_add(1, Ordering::Relaxed) + 1;
        format!("{}.{paragraph}　", self.article.load(Ordering::Relaxed))
    }
}

impl Object for Numbering {
    fn call_method(self: &Arc<Self>, _state: &mut State<'_, '_>, method: &str, args: &[Value]) -> Result<Value, Error> {
        match method {
            "article" => {
                let (title,): (&str,) = from_args(args)?;
                Ok(Value::from_safe_string(self.article(title)))
            }
            "para" => {
                let (): () = from_args(args)?;
                Ok(Value::from_safe_string(self.paragraph()))
            }
            _ => Err(Error::new(ErrorKind::UnknownMethod, format!("numbering has no method {method}"))),
        }
    }
}

/// The `numbering()` function templates call once, at the top of the contract.
pub(super) fn numbering() -> Value {
    Value::from_object(Numbering::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles_restart_the_paragraphs() {
        let numbering = Numbering::default();
        assert_eq!(numbering.article("标的"), "## 第一条　标的");
        assert_eq!(numbering.paragraph(), "1.1　");
        assert_eq!(numbering.paragraph(), "1.2　");
        assert_eq!(numbering.article("价款*与*支付"), "## 第二条　价款\\*与\\*支付");
        assert_eq!(numbering.paragraph(), "2.1　");
    }
}
