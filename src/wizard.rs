//! The interactive wizard (being built).

use std::path::Path;

use crate::commands::Failure;
use crate::i18n::Lang;

pub fn start_screen(_lang: Lang) -> Result<(), Failure> {
    Err(Failure::cannot_run("the wizard is not available in this build"))
}

pub fn new_draft(_file: &Path, _lang: Lang) -> Result<(), Failure> {
    Err(Failure::cannot_run("the wizard is not available in this build"))
}

pub fn open_draft(_file: &Path, _lang: Lang) -> Result<(), Failure> {
    Err(Failure::cannot_run("the wizard is not available in this build"))
}
