//! Fuzz target: any draft that loads renders (with blanks for what is missing) without a
//! panic or a template error, in every format, and every output is well-formed: no value
//! adds HTML to the Markdown (so none reaches the HTML export), no escape sequence or
//! XML-forbidden character reaches any format, and every part of the Word file parses.

#![no_main]

use std::io::Read;
use std::sync::LazyLock;

use crm_contract::cli::Format;
use crm_contract::draft::Draft;
use crm_contract::formats;
use crm_contract::render::Renderer;
use libfuzzer_sys::fuzz_target;

static RENDERER: LazyLock<Renderer> = LazyLock::new(|| Renderer::built_in().expect("built-in clauses compile"));

fn forbidden(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{fffe}' | '\u{ffff}')
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(draft) = Draft::from_json(text) else { return };
    let contract = RENDERER.render(&draft).expect("every loadable draft renders");
    assert!(!contract.chars().any(forbidden), "a control or XML-forbidden character reached the contract");
    // Raw HTML in the Markdown is what would reach the HTML export as tags: values never add any.
    for event in pulldown_cmark::Parser::new_ext(&contract, pulldown_cmark::Options::ENABLE_TABLES) {
        assert!(
            !matches!(event, pulldown_cmark::Event::Html(_) | pulldown_cmark::Event::InlineHtml(_)),
            "raw HTML reached the contract: {event:?}"
        );
    }
    let tree = RENDERER
        .render_tree(crm_contract::render::DocumentKind::Contract, crm_contract::render::context::build(&draft))
        .expect("every loadable draft renders");
    let word = formats::docx::Options::default();
    let html = String::from_utf8(formats::convert(&tree, Format::Html, &word).expect("HTML never fails"))
        .expect("HTML is UTF-8");
    assert!(!html.chars().any(forbidden), "a forbidden character reached the HTML");
    let docx = formats::convert(&tree, Format::Docx, &word).expect("Word never fails");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("the .docx is a zip");
    for index in 0..archive.len() {
        let mut part = archive.by_index(index).expect("a part");
        let mut xml = String::new();
        part.read_to_string(&mut xml).expect("a part is UTF-8");
        assert!(!xml.chars().any(forbidden), "{}: a forbidden character", part.name());
        let mut reader = quick_xml::Reader::from_str(&xml);
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(error) => panic!("{} is not well-formed: {error}", part.name()),
            }
        }
    }
});
