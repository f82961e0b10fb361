//! crm-contract: drafts, reviews and exports a 新型CRM平台系统合同. The library holds every
//! layer so that the binary and the tests in `tests/` reach the same code.

pub mod checks;
pub mod derived;
pub mod draft;
pub mod money;
pub mod schema;
pub mod uscc;
pub mod values;
