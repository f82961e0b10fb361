//! Writes a large draft for whole-process measurements: the example with N module rows
//! and M milestones. `cargo run --release --example large_draft -- 100000 3 > big.json`.

#![allow(clippy::expect_used)] // a measuring helper: a broken example draft should fail loudly

#[path = "support/large.rs"]
#[allow(dead_code)] // the benchmarks use the rest
mod large;

use std::io::Write;

fn main() {
    let mut args = std::env::args().skip(1).map(|a| a.parse::<usize>());
    let (Some(Ok(modules)), milestones) = (args.next(), args.next().unwrap_or(Ok(3))) else {
        eprintln!("usage: large_draft MODULES [MILESTONES]");
        std::process::exit(2);
    };
    let json = large::large(modules, milestones.unwrap_or(3)).to_json();
    if std::io::stdout().lock().write_all(json.as_bytes()).is_err() {
        std::process::exit(1);
    }
}
