//! `crm-contract example [-o FILE]`: the built-in example draft.

use std::path::Path;

use super::{Failure, write_output};
use crate::draft::Draft;
use crate::playbook::{self, Side};

use crate::draft::example::example_draft;

/// The example as drafted by `side`: the buyer's draft as shipped, or with every negotiable
/// term at the supplier's (or a neutral) position of the playbook.
pub fn example_drafted_by(side: Side) -> Draft {
    let mut draft = example_draft();
    if side != Side::Buyer {
        let party = if side == Side::Supplier { "supplier" } else { "neutral" };
        draft.set("meta.drafting_party", serde_json::Value::String(party.to_string()));
        playbook::apply(&mut draft, side);
    }
    draft
}

/// Writes the example to `output`, or to standard output. An existing file is never
/// replaced unless `force` (as `new`): it may be a draft someone edited.
pub fn example(output: Option<&Path>, force: bool, side: Side) -> Result<Option<String>, Failure> {
    let text = example_drafted_by(side).to_json();
    match output {
        None => write_output(Path::new("-"), text.as_bytes()).map(|()| None),
        Some(path) if path == Path::new("-") => write_output(path, text.as_bytes()).map(|()| None),
        Some(path) => {
            let is_file = std::fs::metadata(path).is_ok_and(|m| m.is_file());
            if is_file && !force {
                let shown = crate::terminal_text::path(path);
                return Err(Failure::cannot_run(crate::commands::Said::new(
                    format!("{shown}：文件已存在，示例只写入新文件（请换一个 -o，确要替换请加 --force）"),
                    format!(
                        "{shown}: already exists; the example is written only to a new file (choose another -o, or add --force to replace it)"
                    ),
                )));
            }
            write_output(path, text.as_bytes()).map(|()| Some(crate::terminal_text::path(path)))
        }
    }
}
