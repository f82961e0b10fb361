//! The baseline for `export`'s whole-process time: a bare minijinja program rendering a
//! contract of the same size as the example's export (~34 KB) from JSON data, with no
//! loading, checks or escaping. With `--clauses` it first compiles the built-in clause
//! templates, rendering nothing from them: what minijinja alone pays for the contract's
//! templates in every process, the floor under any export that uses them.
//! `cargo build --release --example bare_minijinja`, then time it with hyperfine.

use minijinja::{Environment, context};

const TEMPLATE: &str = "# {{ title }}\n{% for a in articles %}\n## 第{{ loop.index }}条 {{ a.title }}\n{% for p in a.paras %}\n{{ loop.index }}. {{ p }}\n{% endfor %}{% endfor %}\n";

/// Articles of four paragraphs: 51 of them render 34 KB, the size of the example's export
/// (34,171 bytes in December 2026). Raise it when the contract grows.
const ARTICLES: usize = 51;

fn main() {
    let mut args = std::env::args().skip(1);
    let output = args.next().unwrap_or_else(|| "/dev/null".into());
    let with_clauses = args.next().as_deref() == Some("--clauses");
    let data: serde_json::Value =
        serde_json::from_str(include_str!("../../assets/example-draft.json")).unwrap_or_default();
    let paragraph =
        "乙方应采取必要的技术和管理措施，保障甲方数据的保密性、完整性和可用性，防止甲方数据泄露、丢失或者被篡改。";
    let articles: Vec<_> =
        (0..ARTICLES).map(|i| context! { title => format!("条款{i}"), paras => vec![paragraph; 4] }).collect();
    let mut env = Environment::new();
    if with_clauses {
        for (name, source) in crm_contract::render::CONTRACT_TEMPLATES {
            if let Err(error) = env.add_template(name, source) {
                eprintln!("{name}: {error}");
                return;
            }
        }
    }
    if env.add_template("contract", TEMPLATE).is_err() {
        return;
    }
    let Ok(template) = env.get_template("contract") else { return };
    let title = data["meta"]["title"].as_str().unwrap_or_default();
    if let Ok(text) = template.render(context! { title, articles }) {
        let _ = std::fs::write(output, text);
    }
}
