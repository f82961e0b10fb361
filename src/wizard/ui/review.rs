//! The review step: every finding grouped by step (errors first) with its basis, the
//! pre-signing checklist, and the whole contract preview; export from here.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::text::{fit, readable, wrapped};
use crate::checks::{Finding, Severity};
use crate::schema;
use crate::wizard::app::{App, Extent, ReviewTab};
use crate::wizard::outputs;

/// Draws the review step; returns the extent of the contract tab (empty on other tabs).
pub(super) fn draw(frame: &mut Frame<'_>, app: &App, area: Rect) -> Extent {
    let area = Rect { x: area.x + 1, width: area.width.saturating_sub(2), ..area };
    let [tabs, body] = Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(area);
    let checklist = checklist_fields();
    let ticked = checklist.iter().filter(|f| app.draft.flag(f.path) == Some(true)).count();
    let names = [
        // Accepted findings are listed but no longer counted as open problems.
        (
            ReviewTab::Findings,
            format!("{}({})", app.lang.pick("问题", "Findings"), app.findings.iter().filter(|f| f.is_open()).count()),
        ),
        (
            ReviewTab::Checklist,
            format!("{}({ticked}/{})", app.lang.pick("签约前准备", "Before signing"), checklist.len()),
        ),
        (ReviewTab::Preview, app.lang.pick("合同预览", "Contract").to_string()),
    ];
    let spans: Vec<Span<'_>> = names
        .into_iter()
        .flat_map(|(tab, name)| {
            let style = if tab == app.review_tab { app.theme.selected } else { app.theme.muted };
            [Span::styled(format!(" {name} "), style), Span::raw(" ")]
        })
        .collect();
    frame.render_widget(Paragraph::new(Line::from(spans)), tabs);
    match app.review_tab {
        ReviewTab::Findings => findings(frame, app, body),
        ReviewTab::Checklist => checklist_tab(frame, app, body, checklist),
        ReviewTab::Preview => return contract_tab(frame, app, body),
    }
    Extent::default()
}

/// The whole contract as it prints (or a comparison just made, until the tab is left).
fn contract_tab(frame: &mut Frame<'_>, app: &App, area: Rect) -> Extent {
    let width = usize::from(area.width.saturating_sub(2));
    if let (None, None, Some(document)) = (&app.comparison, &app.preview.error, &app.preview.document) {
        let (shown, total) = super::contract::window(app, document, None, width, (app.review_scroll, area.height));
        frame.render_widget(Paragraph::new(shown), area);
        return Extent { lines: total, height: area.height, width };
    }
    let lines: Vec<Line<'_>> = match (&app.comparison, &app.preview.error) {
        (Some(report), _) => wrapped(&readable(report), width).into_iter().map(Line::raw).collect(),
        (None, Some(error)) => vec![Line::styled(error.clone(), app.theme.error)],
        (None, None) => {
            vec![Line::styled(app.lang.pick("正在生成预览…", "rendering the preview…"), app.theme.muted)]
        }
    };
    let extent = Extent { lines: lines.len(), height: area.height, width };
    frame.render_widget(Paragraph::new(lines).scroll((app.review_scroll.min(extent.max_scroll()), 0)), area);
    extent
}

fn checklist_fields() -> &'static [schema::Field] {
    schema::SECTIONS.iter().find(|s| s.id == "checklist").map_or(&[][..], |s| s.fields)
}

/// Findings by step, in step order, errors first within each; then the export line.
fn findings(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let width = usize::from(area.width);
    let mut lines: Vec<Line<'_>> = Vec::new();
    let mut selected_line = 0;
    if app.findings.is_empty() {
        lines.push(Line::styled(app.lang.pick("未发现问题。", "No findings."), app.theme.ok));
    }
    // In the order `update` selects them (its sort), a heading where the section changes:
    // the list reads in the order ↓ walks it.
    let mut current: Option<&str> = None;
    for (position, finding) in app.findings.iter().enumerate() {
        let section = schema::section_of(&finding.field);
        let id = section.map_or("", |s| s.id);
        if current != Some(id) {
            current = Some(id);
            let title =
                section.map_or_else(|| app.lang.pick("其他", "Other"), |s| app.lang.pick(s.title.zh, s.title.en));
            lines.push(Line::styled(title.to_string(), app.theme.label));
        }
        let selected = position == app.review_selected;
        if selected {
            selected_line = lines.len();
        }
        lines.extend(finding_lines(app, finding, selected, width));
    }
    lines.push(Line::default());
    for (index, output) in outputs::AFTER_FINDINGS.iter().enumerate() {
        let text = output.label(app.lang);
        let selected = app.review_selected == app.findings.len() + index;
        if selected {
            selected_line = lines.len();
        }
        lines.push(Line::styled(text, if selected { app.theme.selected } else { app.theme.key }));
    }
    let height = usize::from(area.height);
    let top = (selected_line + 3).saturating_sub(height);
    let visible: Vec<Line<'_>> = lines.into_iter().skip(top).take(height).collect();
    frame.render_widget(Paragraph::new(visible), area);
}

fn finding_lines<'a>(app: &'a App, finding: &'a Finding, selected: bool, width: usize) -> Vec<Line<'a>> {
    let (mark, style) = match finding.severity {
        Severity::Error => (app.lang.pick("✗ 错误", "✗ error"), app.theme.error),
        Severity::Warning => (app.lang.pick("! 警告", "! warning"), app.theme.warning),
        Severity::Info => (app.lang.pick("i 提示", "i info"), app.theme.info),
    };
    let label = schema::field(&finding.field)
        .map_or_else(|| finding.field.clone(), |f| app.lang.pick(f.label.zh, f.label.en).to_string());
    let message = app.lang.pick(&finding.message, &finding.message_en);
    let (mark, style) = if finding.is_open() {
        (mark, style)
    } else {
        (app.lang.pick("✓ 已接受", "✓ accepted"), app.theme.muted)
    };
    let head = format!(" {mark} {} {label}：{message}", finding.rule);
    // The selected finding reads whole however narrow the terminal; the others one line each.
    let mut lines: Vec<Line<'a>> = if selected {
        wrapped(&head, width.saturating_sub(2))
            .into_iter()
            .map(|l| Line::styled(l, style.patch(app.theme.selected)))
            .collect()
    } else {
        vec![Line::styled(fit(&head, width), style)]
    };
    if let Some(reason) = &finding.waived {
        lines.push(Line::styled(
            fit(&format!("      {}{reason}", app.lang.pick("接受理由：", "Reason: ")), width),
            app.theme.muted,
        ));
    }
    if !finding.basis.is_empty() {
        lines.push(Line::styled(
            fit(&format!("      {}{}", app.lang.pick("依据：", "Basis: "), finding.basis), width),
            app.theme.muted,
        ));
    }
    lines
}

fn checklist_tab(frame: &mut Frame<'_>, app: &App, area: Rect, fields: &[schema::Field]) {
    let width = usize::from(area.width);
    let mut lines = vec![
        Line::styled(
            app.lang.pick("签约前逐项确认（不打印在合同中）：", "Tick each before signing (not printed):"),
            app.theme.muted,
        ),
        Line::default(),
    ];
    for (index, field) in fields.iter().enumerate() {
        let mark = if app.draft.flag(field.path) == Some(true) { "[x]" } else { "[ ]" };
        let style = if index == app.review_selected { app.theme.selected } else { app.theme.value };
        lines.push(Line::styled(format!("{mark} {}", app.lang.pick(field.label.zh, field.label.en)), style));
        lines.push(Line::styled(
            fit(&format!("    {}", app.lang.pick(field.help.zh, field.help.en)), width),
            app.theme.muted,
        ));
    }
    // The papers signed with the contract, as this draft needs them: Enter writes one.
    let documents = outputs::documents_needed(&app.draft);
    if !documents.is_empty() {
        lines.push(Line::default());
        lines.push(Line::styled(
            app.lang.pick("签约所需文件（Enter 导出到草稿旁边）：", "Papers to sign with it (Enter writes one):"),
            app.theme.muted,
        ));
    }
    let mut selected_line = 0;
    for (index, output) in documents.iter().enumerate() {
        let selected = app.review_selected == fields.len() + index;
        if selected {
            selected_line = lines.len();
        }
        lines.push(Line::styled(output.label(app.lang), if selected { app.theme.selected } else { app.theme.key }));
    }
    if app.review_selected < fields.len() {
        selected_line = 2 + app.review_selected * 2;
    }
    let height = usize::from(area.height);
    let top = (selected_line + 3).saturating_sub(height);
    let visible: Vec<Line<'_>> = lines.into_iter().skip(top).collect();
    frame.render_widget(Paragraph::new(visible), area);
}
