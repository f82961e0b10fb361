//! LibreOffice, when it is installed: a document's text as LibreOffice reads it, and a Word
//! file with every tracked change accepted (or rejected) as 「接受全部修订」 does, through a
//! Basic macro in a throwaway profile.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A program on the PATH.
pub(crate) fn which(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| std::env::split_paths(&paths).map(|p| p.join(name)).find(|p| p.is_file()))
}

/// The LibreOffice program, or `None` with a message saying how to install it.
pub(crate) fn soffice() -> Option<PathBuf> {
    let found = which("soffice").or_else(|| which("libreoffice"));
    if found.is_none() {
        eprintln!("skipped: LibreOffice is not installed (apt-get install libreoffice-writer-nogui)");
    }
    found
}

const MACRO: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub Resolve(source As String, target As String, command As String)
  Dim load(0) As New com.sun.star.beans.PropertyValue
  load(0).Name = &quot;Hidden&quot;
  load(0).Value = True
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(source), &quot;_blank&quot;, 0, load())
  dispatcher = createUnoService(&quot;com.sun.star.frame.DispatchHelper&quot;)
  dispatcher.executeDispatch(doc.getCurrentController().getFrame(), command, &quot;&quot;, 0, Array())
  Dim store(0) As New com.sun.star.beans.PropertyValue
  store(0).Name = &quot;FilterName&quot;
  store(0).Value = &quot;Text (encoded)&quot;
  doc.storeToURL(ConvertToURL(target), store())
  doc.close(True)
End Sub
</script:module>
"#;

/// A profile of LibreOffice's own in `dir`, with the macro installed.
fn profile(soffice: &Path, dir: &Path) -> Option<String> {
    let profile = dir.join("lo-profile");
    let url = format!("file://{}", profile.display());
    let module = profile.join("user/basic/Standard/Module1.xba");
    if !module.is_file() {
        let out = Command::new(soffice)
            .arg(format!("-env:UserInstallation={url}"))
            .args(["--headless", "--terminate_after_init"])
            .env("HOME", dir)
            .output()
            .ok()?;
        if !module.is_file() {
            eprintln!("skipped: LibreOffice made no user profile ({})", String::from_utf8_lossy(&out.stderr));
            return None;
        }
    }
    std::fs::write(&module, MACRO).ok()?;
    Some(url)
}

/// The text of `docx` after every tracked change is accepted (`accept`) or rejected.
pub(crate) fn resolved_text(soffice: &Path, dir: &Path, docx: &Path, accept: bool) -> Option<String> {
    let url = profile(soffice, dir)?;
    let target = dir.join(if accept { "accepted.txt" } else { "rejected.txt" });
    let command = if accept { ".uno:AcceptAllTrackedChanges" } else { ".uno:RejectAllTrackedChanges" };
    let call =
        format!("macro:///Standard.Module1.Resolve(\"{}\",\"{}\",\"{command}\")", docx.display(), target.display());
    let out = Command::new(soffice)
        .arg(format!("-env:UserInstallation={url}"))
        .arg("--headless")
        .arg(call)
        .env("HOME", dir)
        .output()
        .ok()?;
    let text = std::fs::read_to_string(&target).ok();
    if text.is_none() {
        eprintln!("skipped: the macro wrote nothing ({})", String::from_utf8_lossy(&out.stderr));
    }
    text.map(|t| t.trim_start_matches('\u{feff}').to_string())
}

/// The text of a document as LibreOffice converts it to plain text.
pub(crate) fn text(soffice: &Path, dir: &Path, document: &Path) -> Option<String> {
    let url = profile(soffice, dir)?;
    let out = Command::new(soffice)
        .arg(format!("-env:UserInstallation={url}"))
        .args(["--headless", "--convert-to", "txt:Text (encoded):UTF8", "--outdir"])
        .arg(dir)
        .arg(document)
        .env("HOME", dir)
        .output()
        .ok()?;
    let target = dir.join(document.file_stem()?).with_extension("txt");
    let text = std::fs::read_to_string(&target).ok();
    if text.is_none() {
        eprintln!("skipped: LibreOffice converted nothing ({})", String::from_utf8_lossy(&out.stderr));
    }
    text.map(|t| t.trim_start_matches('\u{feff}').to_string())
}
