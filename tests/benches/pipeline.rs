//! Benchmarks of the pipeline: loading a draft, the checks, and the export render, on the
//! example and on large drafts. `cargo bench --bench pipeline`.

#![allow(clippy::expect_used, clippy::unwrap_used)] // benchmarks fail loudly by design

#[path = "support/large.rs"]
mod large;

use crm_contract::draft::Draft;
use crm_contract::render::Renderer;

fn main() {
    divan::main();
}

/// Module rows: the example's six, a thousand, a hundred thousand.
const SIZES: &[usize] = &[6, 1_000, 100_000];

#[divan::bench(args = SIZES, sample_count = 20)]
fn load(bencher: divan::Bencher<'_, '_>, modules: usize) {
    let json = large::large(modules, 3).to_json();
    bencher
        .counter(divan::counter::BytesCount::new(json.len()))
        .bench(|| Draft::from_json(divan::black_box(&json)).expect("loads"));
}

#[divan::bench(args = SIZES, sample_count = 20)]
fn check(bencher: divan::Bencher<'_, '_>, modules: usize) {
    let draft = large::large(modules, 3);
    bencher.bench(|| crm_contract::checks::run(divan::black_box(&draft)));
}

#[divan::bench(args = SIZES, sample_count = 20)]
fn render(bencher: divan::Bencher<'_, '_>, modules: usize) {
    let draft = large::large(modules, 3);
    let renderer = Renderer::built_in().expect("compiles");
    bencher.bench(|| renderer.render(divan::black_box(&draft)).expect("renders"));
}

/// Compiling every clause template (once per `export` process).
#[divan::bench(sample_count = 20)]
fn compile_templates() -> Renderer {
    let renderer = Renderer::built_in().expect("builds");
    renderer.compile_all().expect("compiles");
    renderer
}

/// What `export` does with a draft's text, in one thread: load, check, compile, render.
#[divan::bench(args = SIZES, sample_count = 10)]
fn export_in_one_thread(bencher: divan::Bencher<'_, '_>, modules: usize) {
    let json = large::large(modules, 3).to_json();
    bencher.bench(|| {
        let draft = Draft::from_json(divan::black_box(&json)).expect("loads");
        let findings = crm_contract::checks::run(&draft);
        let renderer = Renderer::built_in().expect("builds");
        renderer.compile_all().expect("compiles");
        (findings, renderer.render(&draft).expect("renders"))
    });
}

#[divan::bench(sample_count = 20)]
fn save_json(bencher: divan::Bencher<'_, '_>) {
    let draft = large::large(1_000, 200);
    bencher.bench(|| divan::black_box(&draft).to_json());
}

/// `review` of a contract of about 30 pages (75 KB of Chinese text: the example's contract
/// and a vendor's paper, repeated), once read.
#[divan::bench(sample_count = 20)]
fn review_30_pages(bencher: divan::Bencher<'_, '_>) {
    let draft = Draft::from_json(include_str!("../../assets/example-draft.json")).expect("loads");
    let contract = Renderer::built_in().expect("compiles").render(&draft).expect("renders");
    let vendor = include_str!("../fixtures/review/vendor-paper.txt");
    let mut text = String::new();
    while text.len() < 75 * 1024 {
        text.push_str(&contract);
        text.push_str(vendor);
    }
    let document = crm_contract::review::from_text(&text);
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| crm_contract::review::review(divan::black_box(&document), crm_contract::review::Side::Buyer));
}

/// `diff` of two drafts of 1,000 module rows that differ in ten rows and a fee (budget
/// < 200 ms): both renders, both checks, the table and the redline.
#[divan::bench(sample_count = 10)]
fn diff_1000_rows(bencher: divan::Bencher<'_, '_>) {
    let old = large::large(1_000, 3);
    let mut json: serde_json::Value = serde_json::from_str(&old.to_json()).expect("json");
    for row in 0..10 {
        json["system"]["modules"][row * 97]["description"] = serde_json::json!(format!("改写后的功能描述{row}"));
    }
    json["pricing"]["training_fee"] = serde_json::json!("9000.00");
    let new = Draft::from_json(&json.to_string()).expect("loads");
    let renderer = Renderer::built_in().expect("compiles");
    bencher.bench(|| {
        crm_contract::diff::compare(divan::black_box(&old), divan::black_box(&new), &renderer).expect("compares")
    });
}

/// Each format of the example, render included: Word and HTML are budgeted at 3× the
/// Markdown, the PDF at a second (the machine's fonts are searched on the first run only;
/// the whole process is timed with hyperfine, see the README).
#[divan::bench(args = ["markdown", "html", "docx", "pdf"], sample_count = 10)]
fn format_of_the_example(bencher: divan::Bencher<'_, '_>, format: &str) {
    use clap::ValueEnum;
    use crm_contract::formats::{self, Format, docx};
    let draft = large::large(6, 3);
    let renderer = Renderer::built_in().expect("compiles");
    let format = Format::from_str(format, true).expect("a format");
    let options = docx::Options::default();
    bencher.bench(|| {
        let context = crm_contract::render::context::build(&draft);
        let tree = renderer.render_tree(crm_contract::render::DocumentKind::Contract, context).expect("renders");
        formats::convert(&tree, format, &options).expect("converts")
    });
}
