//! The whole term on the site: views of each pledge's course and change log, one report page
//! per reporting date (`reports/YYYY-MM-DD/`) and their index, and `data/history.csv`.

use super::pages::{render_page, Context};
use super::views::{pledge_path, PageView, StatusView};
use super::{value, OutputFile};
use crate::diagnostics::Diagnostic;
use crate::history::{Change, ChangeKind, History, PledgeHistory, Report};
use crate::i18n::Strings;
use crate::model::ContentChange;
use crate::number::PledgeNumber;
pub use crate::urls::report_path;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;

#[derive(Serialize)]
pub struct PointView {
    pub date: Option<String>,
    pub current: bool,
    pub status: StatusView,
    pub progress: f64,
    pub note: String,
    /// The report page of this date, when there is one.
    pub report_path: Option<String>,
}

#[derive(Serialize)]
pub struct ChangeView<'a> {
    pub date: Option<&'a str>,
    pub since: Option<&'a str>,
    /// added, status, progress or content.
    pub kind: &'static str,
    pub number: &'a PledgeNumber,
    pub title: &'a str,
    pub path: String,
    pub from_status: Option<StatusView>,
    pub to_status: Option<StatusView>,
    pub from_progress: Option<f64>,
    pub to_progress: Option<f64>,
    pub note: &'a str,
    pub content: Option<&'a ContentChange>,
}

impl<'a> ChangeView<'a> {
    pub fn new(c: &'a Change, strings: &Strings) -> Self {
        let status = |s| Some(StatusView::new(s, strings));
        let (from_status, to_status, from_progress, to_progress, content) = match &c.kind {
            ChangeKind::Added {
                status: s,
                progress,
            } => (None, status(*s), None, Some(*progress), None),
            ChangeKind::Status {
                from,
                to,
                from_progress,
                to_progress,
            } => (
                status(*from),
                status(*to),
                Some(*from_progress),
                Some(*to_progress),
                None,
            ),
            ChangeKind::Progress { from, to } => (None, None, Some(*from), Some(*to), None),
            ChangeKind::Content(content) => (None, None, None, None, Some(content)),
        };
        ChangeView {
            date: c.date.as_deref(),
            since: c.since.as_deref(),
            kind: c.kind.key(),
            number: &c.number,
            title: &c.title,
            path: pledge_path(&c.slug),
            from_status,
            to_status,
            from_progress,
            to_progress,
            note: &c.note,
            content,
        }
    }
}

/// A pledge's course and change log for its page.
#[derive(Serialize)]
pub struct CourseView<'a> {
    pub points: Vec<PointView>,
    pub changes: Vec<ChangeView<'a>>,
    /// Only the card's `changes:` (공약 변경 이력).
    pub content_changes: Vec<&'a ContentChange>,
}

pub fn course_view<'a>(course: &'a PledgeHistory, strings: &Strings) -> CourseView<'a> {
    CourseView {
        points: course
            .points
            .iter()
            .map(|p| PointView {
                date: p.date.clone(),
                current: p.current,
                status: StatusView::new(p.status, strings),
                progress: p.progress,
                note: p.note.clone(),
                report_path: p.date.as_deref().map(report_path),
            })
            .collect(),
        changes: course
            .changes
            .iter()
            .map(|c| ChangeView::new(c, strings))
            .collect(),
        content_changes: course
            .changes
            .iter()
            .filter_map(|c| match &c.kind {
                ChangeKind::Content(content) => Some(content),
                _ => None,
            })
            .collect(),
    }
}

/// One reporting date's figures for the home page's trend table and the report index.
#[derive(Serialize)]
pub struct ReportSummary<'a> {
    pub date: Option<&'a str>,
    pub current: bool,
    pub path: Option<String>,
    pub figures: &'a crate::dashboard::Dashboard,
    pub changes: usize,
}

pub fn summaries(history: &History) -> Vec<ReportSummary<'_>> {
    history
        .reports
        .iter()
        .map(|r| ReportSummary {
            date: r.date.as_deref(),
            current: r.current,
            path: r.date.as_deref().map(report_path),
            figures: &r.figures,
            changes: r.changes.len(),
        })
        .collect()
}

/// A pledge's row in a report: its state at that date.
#[derive(Serialize)]
struct ReportRow<'a> {
    number: &'a PledgeNumber,
    title: &'a str,
    path: String,
    area: &'a str,
    sub_area: Option<&'a str>,
    status: StatusView,
    progress: f64,
    note: &'a str,
    /// The note corrects what was first published (`정정: …`).
    correction: bool,
}

/// `reports/<date>/index.html` for every dated report, and `reports/index.html`.
pub fn report_pages(cx: &Context, problems: &mut Vec<Diagnostic>) -> Vec<OutputFile> {
    let history = cx.history;
    let dated: Vec<&Report> = history
        .reports
        .iter()
        .filter(|r| r.date.is_some())
        .collect();
    if dated.is_empty() {
        return Vec::new();
    }
    let by_slug = pledges_by_slug(cx);
    // Each report lists every pledge: rendered in parallel, as pledge pages are.
    let rendered: Vec<(Vec<OutputFile>, Vec<Diagnostic>)> = (0..dated.len())
        .into_par_iter()
        .map(|i| {
            let mut found = Vec::new();
            let mut files: Vec<OutputFile> = report_page(cx, &dated, i, &by_slug, &mut found)
                .into_iter()
                .collect();
            files.extend(report_sheets(cx, dated[i], &by_slug));
            (files, found)
        })
        .collect();
    let mut files = Vec::new();
    for (file, found) in rendered {
        files.extend(file);
        problems.extend(found);
    }
    let page = PageView {
        title: cx.strings.get("reports.title"),
        path: "reports/".into(),
        description: cx.strings.get("reports.description").to_string(),
        kind: "reports",
    };
    let extra = minijinja::context! { reports => value(summaries(history)) };
    files.extend(render_page(
        cx,
        "reports.html",
        "reports/index.html".into(),
        page,
        extra,
        problems,
    ));
    files
}

/// The report page of `dated[i]`, linked to its neighbours.
fn report_page(
    cx: &Context,
    dated: &[&Report],
    i: usize,
    by_slug: &HashMap<&str, &crate::model::Pledge>,
    problems: &mut Vec<Diagnostic>,
) -> Option<OutputFile> {
    let report = dated[i];
    let date = report.date.as_deref().unwrap_or_default();
    let path = report_path(date);
    let shown_date = cx.strings.date(date);
    let title = cx.strings.fill("report.title", &[("date", &shown_date)]);
    let rows: Vec<ReportRow> = report
        .marks
        .iter()
        .filter_map(|m| {
            let p = by_slug.get(m.slug.as_str())?;
            Some(ReportRow {
                number: &p.card.number,
                title: &p.card.title,
                path: pledge_path(&p.slug),
                area: &p.card.area,
                sub_area: p.card.sub_area.as_deref(),
                status: StatusView::new(m.status, cx.strings),
                progress: m.progress,
                note: &m.note,
                correction: !report.current && crate::validate::records::is_correction(&m.note),
            })
        })
        .collect();
    let changes: Vec<ChangeView> = report
        .changes
        .iter()
        .map(|c| ChangeView::new(c, cx.strings))
        .collect();
    let page = PageView {
        title: &title,
        path: path.clone(),
        description: cx
            .strings
            .fill("report.description", &[("date", &shown_date)]),
        kind: "report",
    };
    let neighbour = |r: Option<&&Report>| {
        r.and_then(|r| r.date.as_deref())
            .map(|d| minijinja::context! { date => d, path => report_path(d) })
    };
    let extra = minijinja::context! {
        report => minijinja::context! {
            date => date,
            current => report.current,
            figures => value(&report.figures),
            changes => value(&changes),
            rows => value(&rows),
            first => i == 0,
            sheet => sheet_name(date),
        },
        previous => neighbour(i.checked_sub(1).and_then(|j| dated.get(j))),
        next => neighbour(dated.get(i + 1)),
    };
    render_page(
        cx,
        "report.html",
        format!("{path}index.html"),
        page,
        extra,
        problems,
    )
}

/// The report's sheet file name, without extension: `checklist-2026-03-31`.
fn sheet_name(date: &str) -> String {
    format!("checklist-{date}")
}

/// The report as the planning office's sheet, `.xlsx` and `.csv`, beside its page.
fn report_sheets(
    cx: &Context,
    report: &Report,
    by_slug: &HashMap<&str, &crate::model::Pledge>,
) -> Vec<OutputFile> {
    use crate::term::sheet::export::{self, SheetRow};
    let date = report.date.as_deref().unwrap_or_default();
    let english = cx.config.language == "en";
    let rows: Vec<SheetRow> = report
        .marks
        .iter()
        .filter_map(|m| {
            let p = by_slug.get(m.slug.as_str())?;
            Some(SheetRow {
                number: p.card.number.as_str(),
                area: &p.card.area,
                title: &p.card.title,
                department: &p.card.department,
                status: if english {
                    m.status.key()
                } else {
                    m.status.label_ko()
                },
                progress: m.progress,
                note: &m.note,
            })
        })
        .collect();
    let title = cx
        .strings
        .fill("report.sheet_title", &[("site", &cx.config.title)]);
    let base = format!("{}{}", report_path(date), sheet_name(date));
    vec![
        OutputFile::bytes(
            format!("{base}.xlsx"),
            export::xlsx(&title, date, &rows, english),
        ),
        OutputFile::bytes(
            format!("{base}.csv"),
            export::csv(&title, date, &rows, english),
        ),
    ]
}

fn pledges_by_slug<'a>(cx: &Context<'a>) -> HashMap<&'a str, &'a crate::model::Pledge> {
    let pledges = cx.site.pledges.iter();
    pledges.map(|p| (p.slug.as_str(), p)).collect()
}

/// `data/history.csv`: date, number, title, status, progress, note for every reporting date
/// (the present included), UTF-8 with a BOM for Excel.
pub fn history_csv(cx: &Context) -> OutputFile {
    let mut writer = crate::csv_out::Writer::with_bom();
    let header = ["date", "number", "title", "status", "progress", "note"];
    writer.row(header.map(|c| cx.strings.get(&format!("history_csv.{c}")).to_string()));
    let by_slug = pledges_by_slug(cx);
    for report in &cx.history.reports {
        for m in &report.marks {
            let Some(p) = by_slug.get(m.slug.as_str()) else {
                continue;
            };
            writer.row([
                report.date.as_deref().unwrap_or(""),
                p.card.number.as_str(),
                &p.card.title,
                &cx.strings.status(m.status),
                &m.progress.to_string(),
                &m.note,
            ]);
        }
    }
    OutputFile::bytes("data/history.csv", writer.finish())
}
