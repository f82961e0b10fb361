//! `crm-contract example [-o FILE]`: the built-in example draft.

use std::path::Path;

use super::{Failure, write_output};
use crate::draft::Draft;

/// The example as shipped in `assets/`: a small e-commerce company buying a CRM.
pub const EXAMPLE_JSON: &str = include_str!("../../assets/example-draft.json");

/// The example as a draft.
pub fn example_draft() -> Draft {
    // The asset is checked by tests to load and to be canonical.
    Draft::from_json(EXAMPLE_JSON).unwrap_or_default()
}

/// Writes the example to `output`, or to standard output.
pub fn example(output: Option<&Path>) -> Result<Option<String>, Failure> {
    let text = example_draft().to_json();
    match output {
        None => write_output(Path::new("-"), text.as_bytes()).map(|()| None),
        Some(path) => {
            write_output(path, text.as_bytes()).map(|()| (path != Path::new("-")).then(|| path.display().to_string()))
        }
    }
}
