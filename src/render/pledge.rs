//! One pledge page: the card, its sections combined in order with a table of contents, its
//! data tables and charts (see `blocks`), its standalone chart files and its data file.

use super::blocks::Placer;
use super::markdown::{self, Anchors, Block, Heading, Settings};
use super::views::{PageView, PledgeSummary, SiteView};
use super::{Output, OutputFile};
use crate::chart::Chart;
use crate::diagnostics::Diagnostic;
use crate::model::{MarkdownLink, Pledge};
use minijinja::Value;
use serde::Serialize;
use std::path::Path;

#[derive(Serialize)]
struct SectionView<'a> {
    id: String,
    title: &'a str,
    kind: Option<&'a str>,
    html: String,
    headings: Vec<Heading>,
}

pub fn render(
    pledge: &Pledge,
    inputs: &super::Inputs,
    site: &SiteView,
    charts: &[Chart],
) -> Output {
    let (config, dashboard, templates) = (inputs.config, inputs.dashboard, inputs.templates);
    let mut problems = Vec::new();
    let base_path = config.base_path();
    let (unsafe_html, min_heading) = (config.markdown.unsafe_html, 3);
    let settings = Settings {
        unsafe_html,
        base_path: &base_path,
        min_heading,
    };
    let summary = PledgeSummary::new(pledge, config, inputs.strings);
    let path = summary.path.clone();
    let mut placer = Placer::new(
        pledge,
        charts,
        templates,
        inputs.strings,
        format!("{path}charts/"),
    );
    let Bodies {
        lead_html,
        sections,
        links,
    } = bodies(pledge, &settings, &mut placer, &path, &mut problems);
    let appendix = placer.appendix(&pledge.index.path, &mut problems);
    let course = inputs.history.pledges.get(&pledge.slug);
    let history_chart = placer.unplaced_chart("history", &pledge.index.path, &mut problems);
    let course_view = course.map(|c| super::history::course_view(c, inputs.strings));
    let page = PageView {
        title: &pledge.card.title,
        path: path.clone(),
        description: pledge.card.summary.clone(),
        kind: "pledge",
    };
    // The page is its Markdown's HTML and some 5 KB of template around it.
    let html_len = lead_html.len() + appendix.len() + history_chart.len();
    let size_hint = sections.iter().map(|s| s.html.len()).sum::<usize>() + html_len + 8_192;
    let context = minijinja::context! {
        site => super::value(site),
        page => super::value(&page),
        dashboard => super::value(dashboard),
        pledge => super::value(&summary),
        lead_html => Value::from_safe_string(lead_html),
        sections => super::value(&sections),
        appendix_html => Value::from_safe_string(appendix),
        data => super::value(&pledge.data),
        show_history => !inputs.site.snapshots.is_empty()
            && course_view.as_ref().is_some_and(|c| !c.points.is_empty()),
        history => super::value(&course_view),
        history_chart_html => Value::from_safe_string(history_chart),
    };
    let mut files = Vec::new();
    match templates.render_sized("pledge.html", context, size_hint) {
        Ok(html) => files.push(OutputFile::bytes(format!("{path}index.html"), html)),
        Err(d) => problems.push(d),
    }
    files.push(data_file(pledge, &summary, course, &path));
    let chart_file =
        |c: &Chart| OutputFile::bytes(format!("{path}charts/{}.svg", c.name), c.svg.clone());
    files.extend(charts.iter().map(chart_file));
    copy_assets(pledge, &path, &mut files, &mut problems);
    // Its entry in the home and area lists, made once here and reused there.
    let item = minijinja::context! { pledge => super::value(&summary) };
    let list_items = match templates.render("partials/pledge_item.html", item) {
        Ok(html) => std::collections::BTreeMap::from([(pledge.slug.clone(), html)]),
        Err(d) => {
            problems.push(d);
            Default::default()
        }
    };
    Output {
        files,
        problems,
        links,
        list_items,
    }
}

/// `data.json` beside the page: the card, the data sets, the history and the changes.
fn data_file(
    pledge: &Pledge,
    summary: &PledgeSummary,
    course: Option<&crate::history::PledgeHistory>,
    path: &str,
) -> OutputFile {
    #[derive(Serialize)]
    struct HistoryRecord<'a> {
        date: Option<&'a str>,
        status: crate::status::Status,
        progress: f64,
        #[serde(skip_serializing_if = "str::is_empty")]
        note: &'a str,
    }
    #[derive(Serialize)]
    struct DataFile<'a> {
        pledge: &'a PledgeSummary<'a>,
        data: &'a crate::model::PledgeData,
        /// Status and progress at every reporting date, the present last.
        history: Vec<HistoryRecord<'a>>,
        #[serde(skip_serializing_if = "<[_]>::is_empty")]
        changes: &'a [crate::model::ContentChange],
    }
    let history = course.map_or_else(Vec::new, |c| {
        let points = c.points.iter();
        points
            .map(|p| HistoryRecord {
                date: p.date.as_deref(),
                status: p.status,
                progress: p.progress,
                note: &p.note,
            })
            .collect()
    });
    let json = DataFile {
        pledge: summary,
        data: &pledge.data,
        history,
        changes: &pledge.card.changes,
    };
    OutputFile::bytes(
        format!("{path}data.json"),
        serde_json::to_string_pretty(&json).unwrap_or_default(),
    )
}

/// The bundle's own files, copied beside the page; one named like a file pledgesite makes for
/// the page is a problem instead.
fn copy_assets(
    pledge: &Pledge,
    path: &str,
    files: &mut Vec<OutputFile>,
    problems: &mut Vec<Diagnostic>,
) {
    for (abs, rel) in &pledge.assets {
        let rel = rel.to_string_lossy().replace('\\', "/");
        let target = format!("{path}{rel}");
        if files.iter().any(|f| f.path == target) {
            problems.push(
                Diagnostic::error(
                    pledge.index.path.with_file_name(&rel),
                    msg!("render.asset_overwritten", file = &rel),
                )
                .hint(msg!("render.asset_overwritten_hint")),
            );
            continue;
        }
        files.push(OutputFile::copy(target, abs.clone()));
    }
}

/// The pledge's Markdown rendered: its lead, its sections in order, and the links they hold.
struct Bodies<'a> {
    lead_html: String,
    sections: Vec<SectionView<'a>>,
    links: Vec<MarkdownLink>,
}

fn bodies<'a>(
    pledge: &'a Pledge,
    settings: &Settings,
    placer: &mut Placer,
    page: &str,
    problems: &mut Vec<Diagnostic>,
) -> Bodies<'a> {
    let mut anchors = Anchors::default();
    for reserved in [
        "content", "card", "toc", "data", "main", "history", "changes",
    ] {
        anchors.claim(reserved);
    }
    let mut links = Vec::new();
    let mut keep_links = |found: Vec<(String, usize, bool, bool)>, source: &Path| {
        links.extend(
            found
                .into_iter()
                .map(|(url, line, image, alt_missing)| MarkdownLink {
                    source: source.to_path_buf(),
                    line,
                    page: page.to_string(),
                    url,
                    image,
                    alt_missing,
                }),
        );
    };
    let index = &pledge.index.path;
    let lead = markdown::render(
        &pledge.lead.markdown,
        settings,
        &mut anchors,
        index,
        pledge.lead.line_offset,
        &mut |b| placer.place(b, index),
        problems,
    );
    keep_links(lead.links, index);
    let mut sections = Vec::new();
    for section in &pledge.sections {
        let id = anchors.claim(&section.id);
        let path = &section.source.path;
        let rendered = markdown::render(
            &section.body.markdown,
            settings,
            &mut anchors,
            path,
            section.body.line_offset,
            &mut |b: &Block| placer.place(b, path),
            problems,
        );
        keep_links(rendered.links, path);
        sections.push(SectionView {
            id,
            title: &section.meta.title,
            kind: section.meta.kind.as_deref(),
            html: rendered.html,
            headings: rendered.headings,
        });
    }
    Bodies {
        lead_html: lead.html,
        sections,
        links,
    }
}
