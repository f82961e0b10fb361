//! The built-in example draft (a small e-commerce company buying a CRM), as shipped in
//! `assets/`: what `crm-contract example`, the start screen and the tests start from.

use super::Draft;

/// The example's file as shipped.
pub const EXAMPLE_JSON: &str = include_str!("../../assets/example-draft.json");

/// The example as a draft.
pub fn example_draft() -> Draft {
    // The asset is checked by tests to load and to be canonical.
    Draft::from_json(EXAMPLE_JSON).unwrap_or_default()
}
