//! crm-contract: drafts, reviews and exports a 新型CRM平台系统合同. The library holds every
//! layer so that the binary and the tests in `tests/` reach the same code.

pub mod checks;
pub mod cli;
pub mod commands;
pub mod dates;
pub mod derived;
pub mod diff;
pub mod document;
pub mod draft;
pub mod formats;
pub mod i18n;
pub mod json_schema;
pub mod markdown;
pub mod money;
pub mod playbook;
pub mod render;
pub mod review;
pub mod schema;
pub mod terminal_text;
pub mod uscc;
pub mod values;
pub mod wizard;
