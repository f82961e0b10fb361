//! The `crm-contract` binary: parses the command line, runs one command, and turns its
//! outcome into an exit code (0 success, 1 draft errors, 2 could not run).

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;

use crm_contract::cli::{Cli, Command};
use crm_contract::commands::{self, Failure, export::ExportRequest};
use crm_contract::i18n::Lang;
use crm_contract::json_schema;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = Lang::detect(cli.lang);
    match run(cli.command, lang) {
        Ok(code) => code,
        Err(failure) => failure.report(lang),
    }
}

/// `crm-contract export`: the document in its format, and a line saying where it went.
fn export(args: &crm_contract::cli::ExportArgs, lang: Lang) -> Result<ExitCode, Failure> {
    let document = args.document.into();
    let request = ExportRequest {
        draft: &args.file,
        output: args.output.as_deref(),
        format: args.format,
        allow_incomplete: args.allow_incomplete,
        clauses: args.clauses.as_deref(),
        force: args.force,
        document,
        word: commands::export::WordChoices {
            track_changes: args.word.track_changes,
            with_findings: args.word.with_findings,
        },
    };
    if let Some(exported) = commands::export(&request)? {
        let shown = crm_contract::terminal_text::path(&exported.path);
        let line = match (lang, document) {
            (Lang::Zh, _) => format!("{}已导出：{shown}", document.title_zh()),
            (Lang::En, crm_contract::render::DocumentKind::Contract) => format!("contract written to {shown}"),
            (Lang::En, _) => format!("{} written to {shown}", document.id()),
        };
        commands::print(&format!("{line}\nSHA-256：{}\n", exported.sha256))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn run(command: Option<Command>, lang: Lang) -> Result<ExitCode, Failure> {
    match command {
        None => crm_contract::wizard::start_screen(lang).map(|()| ExitCode::SUCCESS),
        Some(Command::New { file, force }) => {
            crm_contract::wizard::new_draft(&file, force, lang).map(|()| ExitCode::SUCCESS)
        }
        Some(Command::Open { file }) => crm_contract::wizard::open_draft(&file, lang).map(|()| ExitCode::SUCCESS),
        Some(Command::Example { output, force, side }) => {
            if let Some(path) = commands::example(output.as_deref(), force, side.into())? {
                commands::warn(&format!("{}{path}", lang.pick("示例草稿已写入：", "example draft written to ")));
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Check { file, json }) => {
            let width = std::io::stdout()
                .is_terminal()
                .then(|| crossterm::terminal::size().ok())
                .flatten()
                .map(|(w, _)| usize::from(w));
            let report = commands::check(&file, json, lang, width)?;
            commands::print(&report.text)?;
            Ok(if report.has_errors { ExitCode::from(1) } else { ExitCode::SUCCESS })
        }
        Some(Command::Review { file, json, side }) => {
            let report = commands::review(&file, json, side.into(), lang)?;
            commands::print(&report.text)?;
            Ok(if report.has_errors { ExitCode::from(1) } else { ExitCode::SUCCESS })
        }
        Some(Command::Export(args)) => export(&args, lang),
        Some(Command::Diff { old, new, output, format, clauses }) => {
            let request = commands::DiffRequest {
                old: &old,
                new: &new,
                output: output.as_deref(),
                format,
                clauses: clauses.as_deref(),
            };
            let outcome = commands::diff(&request)?;
            if let Some(bytes) = &outcome.printed {
                commands::print(&String::from_utf8_lossy(bytes))?;
            }
            if let Some(path) = &outcome.written {
                let shown = crm_contract::terminal_text::path(path);
                commands::warn(&format!("{}{shown}", lang.pick("变更对照已写出：", "comparison written to ")));
            }
            Ok(if outcome.same { ExitCode::SUCCESS } else { ExitCode::from(1) })
        }
        Some(Command::Dates { file, output, remind, clauses, force }) => {
            let request = commands::DatesRequest {
                draft: &file,
                output: output.as_deref(),
                reminders: &remind,
                clauses: clauses.as_deref(),
                force,
                lang,
            };
            let written = commands::dates(&request)?;
            if let Some(path) = written.path {
                let shown = crm_contract::terminal_text::path(&path);
                let count = written.count;
                commands::print(&format!(
                    "{}\n",
                    match lang {
                        Lang::Zh => format!("已写出{count}个关键日期：{shown}"),
                        Lang::En => format!("{count} key dates written to {shown}"),
                    }
                ))?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Schema) => {
            let mut text = serde_json::to_string_pretty(&json_schema::document()).unwrap_or_default();
            text.push('\n');
            commands::print(&text)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
