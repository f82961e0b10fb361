//! Fuzz target: any draft that loads renders (with blanks for what is missing) without a
//! panic or a template error, and nothing typed reaches the contract as raw HTML or an
//! escape sequence.

#![no_main]

use std::sync::LazyLock;

use crm_contract::draft::Draft;
use crm_contract::render::Renderer;
use libfuzzer_sys::fuzz_target;

static RENDERER: LazyLock<Renderer> = LazyLock::new(|| Renderer::built_in().expect("built-in clauses compile"));

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(draft) = Draft::from_json(text) else { return };
    let contract = RENDERER.render(&draft).expect("every loadable draft renders");
    assert!(!contract.contains('\u{1b}'), "an escape sequence reached the contract");
    assert!(!contract.contains("<script"), "raw HTML reached the contract");
});
