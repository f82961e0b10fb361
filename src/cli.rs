//! The command line, as product.md fixes it: commands, flags and their help.

use std::path::PathBuf;

pub use crate::formats::Format;
use clap::{Parser, Subcommand, ValueEnum};

use crate::i18n::Lang;

/// Draft, review and export a 新型CRM平台系统合同 (CRM platform contract).
#[derive(Debug, Parser)]
#[command(name = "crm-contract", version, about, long_about = None)]
pub struct Cli {
    /// Language of the interface (the contract is always Chinese).
    #[arg(long, global = true, value_enum)]
    pub lang: Option<Lang>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start the wizard on a new, empty draft saved to FILE (an existing file only with --force).
    New {
        #[arg(value_name = "FILE", default_value = "crm-contract-draft.json")]
        file: PathBuf,
        /// Replace FILE if it exists (its content is kept as FILE.bak).
        #[arg(long)]
        force: bool,
    },
    /// Start the wizard on an existing draft, where you left off.
    Open {
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// Write the built-in example draft (a small e-commerce company buying a CRM).
    Example {
        /// Where to write it; standard output when omitted.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Replace FILE if it exists.
        #[arg(long)]
        force: bool,
        /// The side that drafts it: every negotiable term takes that side's position from
        /// the playbook (the built-in example is the buyer's draft).
        #[arg(long = "as", value_enum, default_value = "buyer", value_name = "SIDE")]
        side: DraftingSide,
    },
    /// Run every validation and legal-risk check and report the findings.
    Check {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Print one JSON object instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Review a contract this tool did not write (.docx, .md or .txt): every clause is read
    /// with the text analysis `check` applies to free text, plus 《民法典》第四百七十条's items.
    Review {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Print one JSON object instead of text.
        #[arg(long)]
        json: bool,
        /// Whose side the review takes.
        #[arg(long = "as", value_enum, default_value = "buyer", value_name = "SIDE")]
        side: ReviewSide,
    },
    /// Render the contract.
    Export(ExportArgs),
    /// Compare two drafts: a 变更对照表 of every change, the changed clauses as a redline, and
    /// the findings the change adds or removes (exit 0 same, 1 different, 2 unreadable).
    Diff {
        #[arg(value_name = "OLD")]
        old: PathBuf,
        #[arg(value_name = "NEW")]
        new: PathBuf,
        /// Output file; default standard output (for docx: NEW with .redline.docx).
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
        /// markdown or html: the table and the redline; docx: the new contract with every
        /// change as a Word tracked change.
        #[arg(long, value_enum, default_value_t = Format::Markdown)]
        format: Format,
        /// A clause folder both drafts are rendered with.
        #[arg(long, value_name = "DIR")]
        clauses: Option<PathBuf>,
    },
    /// Write the contract's key dates as an iCalendar file (.ics) to import into a calendar.
    Dates {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Output file; "-" for standard output. Default: FILE with the extension .ics.
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
        /// Days before each date to remind, comma-separated.
        #[arg(long, value_name = "DAYS", value_delimiter = ',', default_values_t = [30, 7, 1])]
        remind: Vec<u32>,
        /// The clause folder the contract is exported with, so the dates cite its numbers.
        #[arg(long, value_name = "DIR")]
        clauses: Option<PathBuf>,
        /// Write OUT even when it is a draft.
        #[arg(long)]
        force: bool,
    },
    /// Print the JSON Schema of the draft format.
    Schema,
}

/// `crm-contract export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Output file; "-" for standard output. Default: FILE with the extension .md.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Markdown)]
    pub format: Format,
    /// Export even with errors, printing 【待填写：…】 where a value is missing.
    #[arg(long)]
    pub allow_incomplete: bool,
    /// A folder of clause templates replacing the built-in ones of the same name.
    #[arg(long, value_name = "DIR")]
    pub clauses: Option<PathBuf>,
    /// Write OUT even when it is a draft (the input draft included).
    #[arg(long)]
    pub force: bool,
    /// The contract, or a companion document made from the same draft.
    #[arg(long, value_enum, default_value = "contract", value_name = "NAME")]
    pub document: DocumentArg,
    #[command(flatten)]
    pub word: WordArgs,
}

/// What a Word export adds to the document.
#[derive(Debug, clap::Args)]
pub struct WordArgs {
    /// Word: open the document with 修订 (track changes) switched on.
    #[arg(long)]
    pub track_changes: bool,
    /// Word: the internal review copy, every finding of the review a comment (批注) at
    /// its clause (default OUT: FILE with .review.docx).
    #[arg(long)]
    pub with_findings: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }
}

/// The side that drafts (`example --as`).
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum DraftingSide {
    Buyer,
    Supplier,
    Neutral,
}

impl From<DraftingSide> for crate::playbook::Side {
    fn from(side: DraftingSide) -> Self {
        match side {
            DraftingSide::Buyer => crate::playbook::Side::Buyer,
            DraftingSide::Supplier => crate::playbook::Side::Supplier,
            DraftingSide::Neutral => crate::playbook::Side::Neutral,
        }
    }
}

/// The documents `export --document` makes.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum DocumentArg {
    /// The contract itself.
    Contract,
    /// 授权委托书 for the buyer's signatory.
    PoaBuyer,
    /// 授权委托书 for the supplier's signatory.
    PoaSupplier,
    /// 验收确认单, the record of acceptance.
    Acceptance,
    /// 个人信息委托处理协议.
    Dpa,
}

impl From<DocumentArg> for crate::render::DocumentKind {
    fn from(document: DocumentArg) -> Self {
        use crate::render::DocumentKind;
        match document {
            DocumentArg::Contract => DocumentKind::Contract,
            DocumentArg::PoaBuyer => DocumentKind::PoaBuyer,
            DocumentArg::PoaSupplier => DocumentKind::PoaSupplier,
            DocumentArg::Acceptance => DocumentKind::Acceptance,
            DocumentArg::Dpa => DocumentKind::Dpa,
        }
    }
}

/// The side `review --as` takes.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ReviewSide {
    Buyer,
    Supplier,
}

impl From<ReviewSide> for crate::review::Side {
    fn from(side: ReviewSide) -> Self {
        match side {
            ReviewSide::Buyer => crate::review::Side::Buyer,
            ReviewSide::Supplier => crate::review::Side::Supplier,
        }
    }
}
