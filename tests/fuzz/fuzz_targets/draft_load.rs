//! Fuzz target: any bytes as a draft file. Loading never panics; a draft that loads saves
//! and loads back to the same draft and bytes, and the checks never panic on it.

#![no_main]

use crm_contract::draft::Draft;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(draft) = Draft::from_json(text) else { return };
    let saved = draft.to_json();
    let reloaded = Draft::from_json(&saved).expect("a saved draft loads");
    assert_eq!(reloaded, draft);
    assert_eq!(reloaded.to_json(), saved);
    let _ = crm_contract::checks::run(&draft);
});
