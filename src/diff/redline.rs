//! The redline between two renderings of the contract: lines (paragraphs, headings, table
//! rows) matched first, then the text of a changed line compared character by character —
//! Chinese has no spaces, so a word-level diff would mark whole sentences. Deleted and
//! inserted text is wrapped in the revision marks of [`crate::formats::revision`], which every
//! format renders its own way (`~~…~~` / `**…**`, `<del>` / `<ins>`, Word's `w:del` / `w:ins`).

use similar::{Algorithm, DiffOp, capture_diff_slices};

use crate::formats::revision::{DEL_END, DEL_START, INS_END, INS_START};

/// The new text with every change marked, and the changed passages alone.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Redline {
    /// The whole new contract, deletions and insertions marked (for Word's tracked changes).
    pub full: String,
    /// Each changed passage: the article heading it falls under and its marked lines.
    pub passages: Vec<Passage>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    pub heading: Option<String>,
    /// For rows of a table: the table's header row, so the rows can be shown as a table.
    pub table_header: Option<String>,
    pub lines: Vec<String>,
}

/// Compares two renderings of the contract.
pub fn redline(old: &str, new: &str) -> Redline {
    let old_lines: Vec<&str> = old.lines().collect();
    let new_lines: Vec<&str> = new.lines().collect();
    let mut full: Vec<String> = Vec::with_capacity(new_lines.len());
    let mut passages: Vec<Passage> = Vec::new();
    let mut heading: Option<String> = None;
    let heading_of = |line: &str| line.strip_prefix("## ").map(str::to_string);
    // The header row of each table, by the index of the line that starts it.
    let header_before = |index: usize| -> Option<String> {
        new_lines[..index.min(new_lines.len())]
            .iter()
            .rev()
            .take_while(|l| l.starts_with('|'))
            .collect::<Vec<_>>()
            .last()
            .map(|l| (*l).to_string())
    };
    for op in capture_diff_slices(Algorithm::Myers, &old_lines, &new_lines) {
        match op {
            DiffOp::Equal { new_index, len, .. } => {
                for line in new_lines.iter().skip(new_index).take(len) {
                    if let Some(h) = heading_of(line) {
                        heading = Some(h);
                    }
                    full.push((*line).to_string());
                }
            }
            DiffOp::Delete { old_index, old_len, .. } => {
                let lines: Vec<String> =
                    old_lines.iter().skip(old_index).take(old_len).map(|l| whole(l, DEL_START, DEL_END)).collect();
                full.extend(lines.iter().cloned());
                push_passage(&mut passages, heading.clone(), header_before(full.len() - lines.len()), lines);
            }
            DiffOp::Insert { new_index, new_len, .. } => {
                let inserted: Vec<&str> = new_lines.iter().skip(new_index).take(new_len).copied().collect();
                let lines: Vec<String> = inserted.iter().map(|l| whole(l, INS_START, INS_END)).collect();
                if let Some(h) = inserted.iter().rev().find_map(|l| heading_of(l)) {
                    heading = Some(h);
                }
                push_passage(&mut passages, heading.clone(), header_before(new_index), lines.clone());
                full.extend(lines);
            }
            DiffOp::Replace { old_index, old_len, new_index, new_len } => {
                let before: Vec<&str> = old_lines.iter().skip(old_index).take(old_len).copied().collect();
                let after: Vec<&str> = new_lines.iter().skip(new_index).take(new_len).copied().collect();
                let mut lines = Vec::new();
                for pair in 0..before.len().max(after.len()) {
                    match (before.get(pair), after.get(pair)) {
                        (Some(b), Some(a)) if same_shape(b, a) && alike(b, a) && same_emphasis(b, a) => {
                            lines.push(within(b, a));
                        }
                        (Some(b), Some(a)) => {
                            lines.push(whole(b, DEL_START, DEL_END));
                            // Two paragraphs, not one with a line break: each is accepted or
                            // rejected on its own. Table rows and headings are blocks already.
                            if !b.trim().is_empty() && !a.trim().is_empty() && !b.starts_with(['|', '#']) {
                                lines.push(String::new());
                            }
                            lines.push(whole(a, INS_START, INS_END));
                        }
                        (Some(b), None) => lines.push(whole(b, DEL_START, DEL_END)),
                        (None, Some(a)) => lines.push(whole(a, INS_START, INS_END)),
                        (None, None) => {}
                    }
                }
                if let Some(h) = after.iter().rev().find_map(|l| heading_of(l)) {
                    heading = Some(h);
                }
                push_passage(&mut passages, heading.clone(), header_before(new_index), lines.clone());
                full.extend(lines);
            }
        }
    }
    let mut text = full.join("\n");
    if new.ends_with('\n') {
        text.push('\n');
    }
    Redline { full: text, passages }
}

/// Adds a changed passage; one under the same heading and table as the last joins it.
fn push_passage(
    passages: &mut Vec<Passage>,
    heading: Option<String>,
    table_header: Option<String>,
    lines: Vec<String>,
) {
    let lines: Vec<String> = lines.into_iter().filter(|l| !l.trim().is_empty()).collect();
    if lines.is_empty() {
        return;
    }
    let is_table = lines.iter().all(|l| l.starts_with('|'));
    let table_header = table_header.filter(|_| is_table);
    match passages.last_mut() {
        Some(last) if last.heading == heading && last.table_header == table_header => last.lines.extend(lines),
        _ => passages.push(Passage { heading, table_header, lines }),
    }
}

/// Lines compared character by character only when they are the same kind of block: two
/// table rows with the same columns, two headings of one level, two paragraphs.
fn same_shape(a: &str, b: &str) -> bool {
    let kind = |line: &str| {
        if line.starts_with('|') {
            (1, cells(line))
        } else if line.starts_with('#') {
            (2, line.chars().take_while(|c| *c == '#').count())
        } else {
            (3, 0)
        }
    };
    kind(a) == kind(b)
}

/// Whether two lines share enough to be read as one changed line (similar's ratio of at
/// least 0.6); otherwise the old one is struck and the new one inserted whole, which reads better
/// than a sentence interleaved character by character.
fn alike(a: &str, b: &str) -> bool {
    let (before, after) = (tokens(a), tokens(b));
    let same: usize = capture_diff_slices(Algorithm::Myers, &before, &after)
        .iter()
        .map(|op| if let DiffOp::Equal { len, .. } = op { *len } else { 0 })
        .sum();
    // 2 × same / total ≥ 0.6
    10 * same >= 3 * (before.len() + after.len())
}

/// Whether the structure of two lines lines up — their `**` and, in a table row, their
/// pipes match in the diff: a change of emphasis or of where a cell ends is shown as the old
/// line struck and the new one inserted, since a mark cannot stand between `**` and its
/// text, nor move a cell's edge.
fn same_emphasis(a: &str, b: &str) -> bool {
    let (before, after) = (tokens(a), tokens(b));
    let in_table = a.starts_with('|') && b.starts_with('|');
    let structural = |tokens: &[&str]| tokens.iter().any(|t| *t == "**" || (in_table && *t == "|"));
    capture_diff_slices(Algorithm::Myers, &before, &after).iter().all(|op| match *op {
        DiffOp::Equal { .. } => true,
        DiffOp::Delete { old_index, old_len, .. } => !structural(&before[old_index..old_index + old_len]),
        DiffOp::Insert { new_index, new_len, .. } => !structural(&after[new_index..new_index + new_len]),
        DiffOp::Replace { old_index, old_len, new_index, new_len } => {
            !structural(&before[old_index..old_index + old_len]) && !structural(&after[new_index..new_index + new_len])
        }
    })
}

/// The cells of a table row (unescaped pipes).
fn cells(line: &str) -> usize {
    tokens(line).iter().filter(|t| **t == "|").count()
}

/// The pieces of Markdown a mark never splits: a backslash escape, a `**` or `~~`, one
/// character.
fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let len = if c == '\\' {
            1 + rest[1..].chars().next().map_or(0, char::len_utf8)
        } else if rest.starts_with("**") || rest.starts_with("~~") {
            2
        } else {
            c.len_utf8()
        };
        out.push(&rest[..len]);
        rest = &rest[len..];
    }
    out
}

/// What a mark must leave outside: a table's pipes, a heading's leading `#`s and space, so
/// the block stays what it is when the change is accepted or rejected; and the `**` of bold
/// text, whose emphasis Markdown no longer sees with a mark beside it.
fn structural(token: &str, at_start: bool, in_table: bool) -> bool {
    (in_table && token == "|") || token == "**" || (at_start && (token == "#" || token == " "))
}

/// A whole line deleted or inserted.
fn whole(line: &str, start: char, end: char) -> String {
    let tokens = tokens(line);
    let mut out = String::with_capacity(line.len() + 8);
    mark(&mut out, &tokens, start, end, Edges { line_start: true, in_table: line.starts_with('|'), trim: true });
    out
}

/// Where a run of marked tokens stands.
#[derive(Clone, Copy)]
struct Edges {
    /// At the start of its line (where a heading's `#`s are).
    line_start: bool,
    in_table: bool,
    /// Keep the spaces at the run's edges outside the mark: a whole cell's padding
    /// (Markdown's `** 7 **` is no emphasis). Only for whole lines, whose leftover spaces are
    /// all a struck row keeps; inside a changed line a space is text.
    trim: bool,
}

/// Writes tokens inside a mark, keeping structural ones outside it.
fn mark(out: &mut String, tokens: &[&str], start: char, end: char, edges: Edges) {
    let mut run: Vec<&str> = Vec::new();
    let mut at_start = edges.line_start;
    for token in tokens {
        let outside = structural(token, at_start, edges.in_table);
        if *token != "#" && *token != " " {
            at_start = false;
        }
        if outside {
            flush(out, &mut run, start, end, edges.trim);
            out.push_str(token);
        } else {
            run.push(token);
        }
    }
    flush(out, &mut run, start, end, edges.trim);
}

fn flush(out: &mut String, run: &mut Vec<&str>, start: char, end: char, trim: bool) {
    let first = if trim { run.iter().position(|t| *t != " ").unwrap_or(run.len()) } else { 0 };
    let last = if trim { run.iter().rposition(|t| *t != " ").map_or(first, |i| i + 1) } else { run.len() };
    run[..first].iter().for_each(|t| out.push_str(t));
    if first < last {
        out.push(start);
        run[first..last].iter().for_each(|t| out.push_str(t));
        out.push(end);
    }
    run[last..].iter().for_each(|t| out.push_str(t));
    run.clear();
}

/// A changed line: what stayed, what went, what came, character by character; an island
/// of one or two unchanged characters between changes is folded into them, so a rewritten
/// phrase reads as one deletion and one insertion.
fn within(old: &str, new: &str) -> String {
    let (before, after) = (tokens(old), tokens(new));
    let in_table = new.starts_with('|');
    // (kept, deleted, inserted) runs, in order.
    let mut pieces: Vec<(Vec<&str>, Vec<&str>, Vec<&str>)> = Vec::new();
    let mut kept: Vec<&str> = Vec::new();
    let mut deleted: Vec<&str> = Vec::new();
    let mut inserted: Vec<&str> = Vec::new();
    let ops = capture_diff_slices(Algorithm::Myers, &before, &after);
    for (index, op) in ops.iter().enumerate() {
        match *op {
            DiffOp::Equal { old_index, new_index, len } => {
                let island = len <= 2 && index > 0 && index + 1 < ops.len();
                let has_structure =
                    before[old_index..old_index + len].iter().any(|t| *t == "**" || (in_table && *t == "|"));
                if island && !has_structure {
                    deleted.extend(&before[old_index..old_index + len]);
                    inserted.extend(&after[new_index..new_index + len]);
                } else {
                    if !deleted.is_empty() || !inserted.is_empty() {
                        pieces.push((
                            std::mem::take(&mut kept),
                            std::mem::take(&mut deleted),
                            std::mem::take(&mut inserted),
                        ));
                    }
                    kept.extend(&after[new_index..new_index + len]);
                }
            }
            DiffOp::Delete { old_index, old_len, .. } => deleted.extend(&before[old_index..old_index + old_len]),
            DiffOp::Insert { new_index, new_len, .. } => inserted.extend(&after[new_index..new_index + new_len]),
            DiffOp::Replace { old_index, old_len, new_index, new_len } => {
                deleted.extend(&before[old_index..old_index + old_len]);
                inserted.extend(&after[new_index..new_index + new_len]);
            }
        }
    }
    pieces.push((kept, deleted, inserted));
    let mut out = String::with_capacity(new.len() + 16);
    for (kept, deleted, inserted) in pieces {
        let at_start = out.is_empty() && kept.is_empty();
        for token in &kept {
            out.push_str(token);
        }
        let edges = Edges { line_start: at_start, in_table, trim: false };
        mark(&mut out, &deleted, DEL_START, DEL_END, edges);
        mark(&mut out, &inserted, INS_START, INS_END, edges);
    }
    out
}

/// The text with every change accepted (`keep` = the insertions) or rejected (the deletions).
pub fn resolve(marked: &str, accept: bool) -> String {
    let (keep_start, keep_end, drop_start, drop_end) =
        if accept { (INS_START, INS_END, DEL_START, DEL_END) } else { (DEL_START, DEL_END, INS_START, INS_END) };
    let mut out = String::with_capacity(marked.len());
    let mut dropping = false;
    for c in marked.chars() {
        match c {
            c if c == drop_start => dropping = true,
            c if c == drop_end => dropping = false,
            c if c == keep_start || c == keep_end => {}
            c if !dropping => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A line left with nothing but its structure once the text in it was dropped.
    fn emptied(line: &str) -> bool {
        line.chars().all(|c| "|#* ".contains(c))
    }

    fn same_text(a: &str, b: &str) -> bool {
        let keep = |t: &str| t.lines().filter(|l| !emptied(l)).map(str::to_string).collect::<Vec<_>>();
        keep(a) == keep(b)
    }

    #[test]
    fn a_changed_figure_is_marked_alone() {
        let line = within("甲方支付合同总价的60%，即¥90,000.00", "甲方支付合同总价的50%，即¥75,000.00");
        assert_eq!(
            line,
            format!(
                "甲方支付合同总价的{DEL_START}6{DEL_END}{INS_START}5{INS_END}0%，即¥{DEL_START}90{DEL_END}{INS_START}75{INS_END},000.00"
            )
        );
    }

    #[test]
    fn escapes_and_table_pipes_stay_whole() {
        let row = whole("| 1 | 客户\\*管理 |", DEL_START, DEL_END);
        assert_eq!(row, format!("| {DEL_START}1{DEL_END} | {DEL_START}客户\\*管理{DEL_END} |"));
        let heading = whole("## 第五条　验收", INS_START, INS_END);
        assert_eq!(heading, format!("## {INS_START}第五条　验收{INS_END}"));
    }

    #[test]
    fn a_moved_cell_edge_is_a_whole_row_change() {
        // Found by the property below: a pipe deleted in one place and inserted in another
        // cannot be marked; the row is struck and inserted whole.
        let (old, new) = ("| ******|\\*\\*", "| **|****");
        let marked = redline(old, new);
        assert!(same_text(&resolve(&marked.full, true), new), "{:?}", marked.full);
        assert!(same_text(&resolve(&marked.full, false), old), "{:?}", marked.full);
    }

    proptest::proptest! {
        /// Accepting every change gives the new text, rejecting every change the old one.
        #[test]
        fn accepting_gives_the_new_text_and_rejecting_the_old(
            // Text as the contract has it: a `*` only escaped, `**` only as emphasis.
            old in proptest::collection::vec("(## |\\| )?(\\\\\\*|\\*\\*|[甲乙方的0-9a|，。]){0,12}", 0..8),
            new in proptest::collection::vec("(## |\\| )?(\\\\\\*|\\*\\*|[甲乙方的0-9a|，。]){0,12}", 0..8),
        ) {
            let (old, new) = (old.join("\n"), new.join("\n"));
            let marked = redline(&old, &new);
            proptest::prop_assert!(same_text(&resolve(&marked.full, true), &new), "accept: {:?}", marked.full);
            proptest::prop_assert!(same_text(&resolve(&marked.full, false), &old), "reject: {:?}", marked.full);
        }
    }
}
