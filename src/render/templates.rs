//! The clause templates: compiled into the binary from `clauses/`, or read from a user's
//! folder, which can never reach outside itself.

use std::path::{Component, Path};

use minijinja::{Error, ErrorKind};

/// The template rendered for the whole contract.
pub const MASTER: &str = "contract.md.j2";

/// The built-in templates of the contract, by file name.
pub const CONTRACT_TEMPLATES: &[(&str, &str)] = &[
    ("contract.md.j2", include_str!("../../clauses/contract.md.j2")),
    ("_macros.md.j2", include_str!("../../clauses/_macros.md.j2")),
    ("parties.md.j2", include_str!("../../clauses/parties.md.j2")),
    ("definitions.md.j2", include_str!("../../clauses/definitions.md.j2")),
    ("system.md.j2", include_str!("../../clauses/system.md.j2")),
    ("data.md.j2", include_str!("../../clauses/data.md.j2")),
    ("pricing.md.j2", include_str!("../../clauses/pricing.md.j2")),
    ("implementation.md.j2", include_str!("../../clauses/implementation.md.j2")),
    ("acceptance.md.j2", include_str!("../../clauses/acceptance.md.j2")),
    ("service.md.j2", include_str!("../../clauses/service.md.j2")),
    ("breach.md.j2", include_str!("../../clauses/breach.md.j2")),
    ("disputes.md.j2", include_str!("../../clauses/disputes.md.j2")),
    ("term.md.j2", include_str!("../../clauses/term.md.j2")),
    ("general.md.j2", include_str!("../../clauses/general.md.j2")),
    ("signature.md.j2", include_str!("../../clauses/signature.md.j2")),
    ("appendix.md.j2", include_str!("../../clauses/appendix.md.j2")),
];

/// The built-in templates of the companion documents (see `DocumentKind`), by file name.
pub const COMPANION_TEMPLATES: &[(&str, &str)] = &[
    ("poa.md.j2", include_str!("../../clauses/poa.md.j2")),
    ("poa-buyer.md.j2", include_str!("../../clauses/poa-buyer.md.j2")),
    ("poa-supplier.md.j2", include_str!("../../clauses/poa-supplier.md.j2")),
    ("acceptance-form.md.j2", include_str!("../../clauses/acceptance-form.md.j2")),
    ("dpa.md.j2", include_str!("../../clauses/dpa.md.j2")),
];

/// Every built-in template.
pub fn built_in() -> impl Iterator<Item = &'static (&'static str, &'static str)> {
    CONTRACT_TEMPLATES.iter().chain(COMPANION_TEMPLATES)
}

/// Largest custom template we read.
const MAX_TEMPLATE_BYTES: u64 = 1024 * 1024;

/// Loads a template by name: from the folder if it has the file, else built in.
pub(super) fn load(folder: Option<&Path>, name: &str) -> Result<Option<String>, Error> {
    if let Some(folder) = folder {
        let relative = Path::new(name);
        let inside = relative.components().all(|c| matches!(c, Component::Normal(_))) && !name.contains('\\');
        if !inside {
            return Err(Error::new(
                ErrorKind::InvalidOperation,
                format!("template name {name:?} leaves the clause folder"),
            ));
        }
        let path = folder.join(relative);
        if std::fs::symlink_metadata(&path).is_ok() {
            return read_inside(folder, &path, name).map(Some);
        }
    }
    Ok(built_in().find(|(n, _)| *n == name).map(|(_, source)| (*source).to_string()))
}

/// Reads a custom template after resolving links, refusing anything outside the folder.
fn read_inside(folder: &Path, path: &Path, name: &str) -> Result<String, Error> {
    let io_error = |e: std::io::Error| Error::new(ErrorKind::InvalidOperation, format!("{name}: {e}"));
    let real = path.canonicalize().map_err(io_error)?;
    if !real.starts_with(folder) {
        return Err(Error::new(
            ErrorKind::InvalidOperation,
            format!("template {name:?} links outside the clause folder"),
        ));
    }
    // A pipe or a device would block the reader or never end: only regular files are read.
    let meta = std::fs::metadata(&real).map_err(io_error)?;
    if !meta.is_file() {
        return Err(Error::new(ErrorKind::InvalidOperation, format!("template {name:?} is not a regular file")));
    }
    let too_large = || Error::new(ErrorKind::InvalidOperation, format!("template {name:?} is larger than 1 MiB"));
    if meta.len() > MAX_TEMPLATE_BYTES {
        return Err(too_large());
    }
    let mut bytes = Vec::new();
    std::fs::File::open(&real)
        .and_then(|file| std::io::Read::read_to_end(&mut std::io::Read::take(file, MAX_TEMPLATE_BYTES + 1), &mut bytes))
        .map_err(io_error)?;
    if bytes.len() as u64 > MAX_TEMPLATE_BYTES {
        return Err(too_large());
    }
    String::from_utf8(bytes)
        .map_err(|_| Error::new(ErrorKind::InvalidOperation, format!("template {name:?} is not UTF-8")))
}
