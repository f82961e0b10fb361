//! The tree as Markdown: the Markdown export, lint-clean — article and paragraph numbers and
//! references written from the tree, tables whose delimiter row is spaced like their rows,
//! e-mail addresses as autolinks, text escaped so it reads back as the same tree.

use super::{Block, Document, Inline, Revision, Table, blank_text};
use crate::formats::revision::{DEL_END, DEL_START, INS_END, INS_START};
use crate::markdown::escape_piece;

pub(super) fn document(document: &Document) -> String {
    let mut blocks: Vec<String> = Vec::new();
    for block in document.blocks() {
        push_block(&mut blocks, block);
    }
    let mut out = blocks.join("\n\n");
    out.push('\n');
    out
}

fn push_block(blocks: &mut Vec<String>, block: &Block) {
    match block {
        Block::Title(content) => blocks.push(format!("# {}", inline(content, false))),
        Block::Heading { level, content } => {
            blocks.push(format!("{} {}", "#".repeat(usize::from(*level)), inline(content, false)));
        }
        Block::Article(article) => {
            blocks.push(format!("## {}　{}", article.label(), inline(&article.title, false)));
            for block in &article.blocks {
                push_block(blocks, block);
            }
        }
        Block::Annex(annex) => {
            blocks.push(format!("## {}：{}", annex.label(), inline(&annex.title, false)));
            for block in &annex.blocks {
                push_block(blocks, block);
            }
        }
        Block::Paragraph(paragraph) => blocks.push(match &paragraph.number {
            Some(number) => format!("{}　{}", number.label(), inline(&paragraph.content, false)),
            None => inline(&paragraph.content, true),
        }),
        Block::List(items) => {
            let lines: Vec<String> = items.iter().map(|item| format!("- {}", inline(item, false))).collect();
            blocks.push(lines.join("\n"));
        }
        Block::Table(table) => blocks.push(table_text(table)),
        Block::PageBreak => blocks.push("---".to_string()),
    }
}

fn table_text(table: &Table) -> String {
    let row = |cells: &[Vec<Inline>]| {
        let cells: Vec<String> = cells.iter().map(|cell| inline(cell, false)).collect();
        format!("| {} |", cells.join(" | "))
    };
    let columns = table.header.len().max(1);
    let mut lines = vec![row(&table.header), format!("|{}", " --- |".repeat(columns))];
    lines.extend(table.rows.iter().map(|cells| row(cells)));
    lines.join("\n")
}

/// Inline content as Markdown; `at_line_start` when it opens a line (a paragraph without a
/// number), where block openers must be escaped too.
fn inline(content: &[Inline], at_line_start: bool) -> String {
    let mut out = String::new();
    push_inline(&mut out, content, at_line_start);
    out
}

fn push_inline(out: &mut String, content: &[Inline], mut at_line_start: bool) {
    for piece in content {
        match piece {
            Inline::Strong(inner) => {
                out.push_str("**");
                push_inline(out, inner, false);
                out.push_str("**");
            }
            Inline::Blank(label) => out.push_str(&escape_piece(&blank_text(label), false)),
            Inline::Choice(inner) => {
                out.push_str("【待选择】");
                push_inline(out, inner, false);
            }
            Inline::Identifier(text) if is_autolink_email(text) => {
                out.push('<');
                out.push_str(text);
                out.push('>');
            }
            Inline::Text(text) | Inline::Identifier(text) => out.push_str(&escape_piece(text, at_line_start)),
            Inline::Reference { target, .. } => out.push_str(&target.label()),
            Inline::LineBreak => {
                out.push_str("\\\n");
                at_line_start = true;
                continue;
            }
            Inline::Revision(mark) => out.push(match mark {
                Revision::DeleteStart => DEL_START,
                Revision::DeleteEnd => DEL_END,
                Revision::InsertStart => INS_START,
                Revision::InsertEnd => INS_END,
            }),
        }
        at_line_start = false;
    }
}

/// Whether CommonMark reads `<text>` as an e-mail autolink: a local part of the characters
/// it allows, `@`, and labels of letters, digits and hyphens.
fn is_autolink_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else { return false };
    let local_ok =
        !local.is_empty() && local.chars().all(|c| c.is_ascii_alphanumeric() || ".!#$%&'*+/=?^_`{|}~-".contains(c));
    let label_ok = |label: &str| {
        !label.is_empty()
            && label.len() <= 63
            && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && !label.starts_with('-')
            && !label.ends_with('-')
    };
    local_ok && domain.split('.').all(label_ok)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_real_addresses_become_autolinks() {
        assert!(is_autolink_email("wanglei@yuegou-shop.cn"));
        assert!(!is_autolink_email("王磊@公司"));
        assert!(!is_autolink_email("a b@c.cn"));
        assert!(!is_autolink_email("@c.cn"));
    }
}
