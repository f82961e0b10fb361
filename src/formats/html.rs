//! Print-ready HTML: one self-contained file (inline CSS, no network), A4 pages, a CJK font
//! stack, page breaks before the signature page and the appendices, and blanks
//! (【待填写：…】) drawn as fill-in lines.

use pulldown_cmark::{Options, Parser, html};

use super::revision;

const STYLE: &str = r#"
@page { size: A4; margin: 25mm 22mm 25mm 25mm; }
html { font-family: "SimSun", "Songti SC", "STSong", "Noto Serif CJK SC", "Source Han Serif SC", serif; font-size: 12pt; line-height: 1.75; color: #000; }
body { max-width: 170mm; margin: 2em auto; padding: 0 1em; }
h1 { font-family: "SimHei", "Heiti SC", "STHeiti", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; font-size: 20pt; text-align: center; margin: 0.5em 0 1em; }
h2 { font-family: "SimHei", "Heiti SC", "STHeiti", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; font-size: 13pt; margin: 1.2em 0 0.4em; page-break-after: avoid; }
p { margin: 0.35em 0; text-align: justify; }
table { border-collapse: collapse; width: 100%; margin: 0.6em 0; font-size: 10.5pt; page-break-inside: auto; }
th, td { border: 1px solid #000; padding: 4px 6px; vertical-align: top; }
th { background: #f0f0f0; }
tr { page-break-inside: avoid; }
hr { border: none; margin: 0; page-break-after: always; break-after: page; }
h2.appendix { page-break-before: always; break-before: page; }
h2.appendix ~ h2.appendix { page-break-before: auto; break-before: auto; margin-top: 2em; }
.blank { display: inline-block; min-width: 6em; border-bottom: 1px solid #000; color: #777; font-size: 9pt; line-height: 1.2; }
del { color: #b00; text-decoration: line-through; }
ins { color: #05a; text-decoration: underline; }
@media print { body { margin: 0; max-width: none; padding: 0; } }
"#;

/// The whole HTML document for a contract's Markdown.
pub fn document(markdown: &str) -> String {
    let title = markdown
        .lines()
        .next()
        .and_then(|l| l.strip_prefix("# "))
        .filter(|t| !t.contains("【待填写"))
        .unwrap_or("合同（草稿）");
    let mut body = String::with_capacity(markdown.len() * 2);
    html::push_html(&mut body, Parser::new_ext(markdown, Options::ENABLE_TABLES));
    // The first appendix starts a new page. The text is ours: typed `<` is escaped.
    let body = body.replace("<h2>附件", "<h2 class=\"appendix\">附件");
    // A redline's revision marks (never in a value: sanitizing replaces them).
    let body = if revision::marked(&body) {
        body.replace(revision::DEL_START, "<del>")
            .replace(revision::DEL_END, "</del>")
            .replace(revision::INS_START, "<ins>")
            .replace(revision::INS_END, "</ins>")
    } else {
        body
    };
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{}</body>\n</html>\n",
        escape_title(title),
        blanks(&body)
    )
}

/// The title as plain text: Markdown escapes removed, HTML-escaped.
fn escape_title(title: &str) -> String {
    let mut plain = String::new();
    let mut chars = title.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => plain.extend(chars.next()),
            c => plain.push(c),
        }
    }
    escape_html(&plain)
}

fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// 【待填写：甲方名称】 becomes a fill-in line labelled with the field.
fn blanks(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    for (piece, blank) in super::split_blanks(body) {
        if blank {
            out.push_str("<span class=\"blank\">");
            out.push_str(&piece);
            out.push_str("</span>");
        } else {
            out.push_str(&piece);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blanks_become_fill_in_lines() {
        assert_eq!(blanks("甲方：【待填写：甲方名称】。"), "甲方：<span class=\"blank\">甲方名称</span>。");
        assert_eq!(blanks("【待填写】"), "<span class=\"blank\"></span>");
    }

    #[test]
    fn a_self_contained_page() {
        let html = document(
            "# 合同\\*名\n\n## 第一条　标的\n\n正文\n\n---\n\n## 附件一：功能模块清单\n\n| a |\n|---|\n| b |\n",
        );
        assert!(html.contains("<title>合同*名</title>"));
        assert!(html.contains("<h2 class=\"appendix\">附件一"));
        assert!(html.contains("<table>"));
        assert!(!html.contains("http://") && !html.contains("https://"), "no network");
    }
}
