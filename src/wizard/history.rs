//! Undo and redo (Ctrl-Z / Ctrl-Y) as far back as the wizard has been open: each change is
//! the fields it touched with their values before and after — a field typed in (one change
//! per visit), a choice, a toggle, a list (a deleted row comes back), the defaults a drafting
//! side set. Values, not snapshots of the draft: 10,000 edits of a sitting stay small.

use serde_json::Value;

use crate::draft::Draft;

/// One undoable change: each path with its value before and after (`Null` for absent).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub edits: Vec<(String, Value, Value)>,
}

impl Change {
    /// The field the change is about, to show it again.
    pub fn first_path(&self) -> Option<&str> {
        self.edits.first().map(|(path, _, _)| path.as_str())
    }

    fn apply(&self, draft: &mut Draft, forward: bool) {
        // Backwards in reverse order, so a field changed twice ends where it began.
        let edits: Box<dyn Iterator<Item = &(String, Value, Value)>> =
            if forward { Box::new(self.edits.iter()) } else { Box::new(self.edits.iter().rev()) };
        for (path, before, after) in edits {
            draft.set(path, if forward { after.clone() } else { before.clone() });
        }
    }

    /// Bytes the change holds, roughly (its paths and values as JSON).
    pub fn size(&self) -> usize {
        self.edits.iter().map(|(p, b, a)| p.len() + b.to_string().len() + a.to_string().len()).sum()
    }
}

/// The changes made and the ones undone.
#[derive(Debug, Clone, Default)]
pub struct History {
    done: Vec<Change>,
    undone: Vec<Change>,
}

impl History {
    /// Records a change; a new change forgets what was undone. Nothing for no change.
    pub fn record(&mut self, change: Change) {
        let edits: Vec<_> = change.edits.into_iter().filter(|(_, before, after)| before != after).collect();
        if edits.is_empty() {
            return;
        }
        self.done.push(Change { edits });
        self.undone.clear();
    }

    /// Undoes the last change on `draft`; the change, to show where it was.
    pub fn undo(&mut self, draft: &mut Draft) -> Option<&Change> {
        let change = self.done.pop()?;
        change.apply(draft, false);
        self.undone.push(change);
        self.undone.last()
    }

    /// Redoes the last change undone.
    pub fn redo(&mut self, draft: &mut Draft) -> Option<&Change> {
        let change = self.undone.pop()?;
        change.apply(draft, true);
        self.done.push(change);
        self.done.last()
    }

    /// Bytes the whole history holds, roughly.
    pub fn size(&self) -> usize {
        self.done.iter().chain(&self.undone).map(Change::size).sum()
    }
}

/// A field's value as the history keeps it.
pub fn value_at(draft: &Draft, path: &str) -> Value {
    draft.get(path).cloned().unwrap_or(Value::Null)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(path: &str, before: &str, after: &str) -> Change {
        Change { edits: vec![(path.into(), Value::from(before), Value::from(after))] }
    }

    #[test]
    fn undo_and_redo_walk_the_changes_both_ways() {
        let mut draft = Draft::empty();
        let mut history = History::default();
        draft.set("meta.contract_no", Value::from("A"));
        history.record(change("meta.contract_no", "", "A"));
        draft.set("meta.contract_no", Value::from("AB"));
        history.record(change("meta.contract_no", "A", "AB"));
        history.undo(&mut draft);
        assert_eq!(draft.text("meta.contract_no"), Some("A"));
        history.undo(&mut draft);
        assert_eq!(draft.text("meta.contract_no"), None, "back to empty");
        assert!(history.undo(&mut draft).is_none(), "nothing before the sitting");
        history.redo(&mut draft);
        history.redo(&mut draft);
        assert_eq!(draft.text("meta.contract_no"), Some("AB"));
        // A new change after an undo forgets the undone ones.
        history.undo(&mut draft);
        history.record(change("meta.contract_no", "A", "AC"));
        assert!(history.redo(&mut draft).is_none());
    }

    #[test]
    fn a_long_sitting_stays_small() {
        let mut history = History::default();
        for i in 0..10_000 {
            history.record(change(
                "parties.buyer.name",
                &format!("杭州悦购电子商务有限公司{i}"),
                &format!("杭州悦购电子商务有限公司{}", i + 1),
            ));
        }
        assert!(history.size() < 10 * 1024 * 1024, "{} bytes", history.size());
    }
}
