//! crm-contract-pdf: typesets the Typst source `crm-contract export --format pdf` writes on
//! standard input into a PDF on standard output. Exit 0 with the PDF, 3 when no installed
//! font covers Chinese, 2 when the source cannot be read or typeset (the reason on stderr).

use std::io::{Read, Write};
use std::process::ExitCode;

use crm_contract::formats::pdf::{self, PdfError};

fn main() -> ExitCode {
    let mut source = String::new();
    if let Err(error) = std::io::stdin().read_to_string(&mut source) {
        eprintln!("error: the document source could not be read: {error}");
        return ExitCode::from(2);
    }
    match pdf::typeset(&source) {
        Ok(bytes) => match std::io::stdout().lock().write_all(&bytes) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("error: the PDF could not be written: {error}");
                ExitCode::from(2)
            }
        },
        Err(PdfError::NoChineseFont) => {
            eprintln!("error: {}", PdfError::NoChineseFont);
            ExitCode::from(u8::try_from(pdf::NO_FONT_EXIT).unwrap_or(3))
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(2)
        }
    }
}
