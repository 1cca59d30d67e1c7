//! The site-wide pages: home dashboard, one page per area, and 404.

use super::views::{PageView, PledgeSummary, SiteView};
use super::{OutputFile, Templates};
use crate::config::Config;
use crate::dashboard::Dashboard;
use crate::diagnostics::Diagnostic;
use crate::model::Site;
use minijinja::Value;
use serde::Serialize;

pub struct Context<'a> {
    pub site: &'a Site,
    pub config: &'a Config,
    pub site_view: &'a SiteView<'a>,
    pub dashboard: &'a Dashboard,
    pub history: &'a crate::history::History,
    pub charts: &'a [crate::chart::Chart],
    pub summaries: &'a [PledgeSummary<'a>],
    pub templates: &'a Templates,
    pub strings: &'a crate::i18n::Strings,
    /// `areas_value` of the dashboard and summaries.
    pub areas: Value,
    /// Each pledge's rendered list entry, by slug.
    pub items: Value,
}

#[derive(Serialize)]
struct AreaView<'a> {
    #[serde(flatten)]
    figures: &'a crate::dashboard::AreaFigures,
    pledges: Vec<&'a PledgeSummary<'a>>,
    /// The pledges by sub-area in the area's order; pledges without one come first, unnamed.
    groups: Vec<GroupView<'a>>,
}

/// A home-page chart with its standalone file.
#[derive(Serialize)]
struct ChartView<'a> {
    #[serde(flatten)]
    chart: &'a crate::chart::Chart,
    file: String,
}

#[derive(Serialize)]
struct GroupView<'a> {
    name: Option<&'a str>,
    pledges: Vec<&'a PledgeSummary<'a>>,
}

/// The areas with their pledges, converted for templates once: the home page and every area
/// page share it (a minijinja value is reference-counted), which matters with 10,000 pledges.
pub fn areas_value(dashboard: &Dashboard, summaries: &[PledgeSummary]) -> Value {
    super::value(area_views(dashboard, summaries))
}

fn area_views<'a>(
    dashboard: &'a Dashboard,
    summaries: &'a [PledgeSummary<'a>],
) -> Vec<AreaView<'a>> {
    dashboard
        .areas
        .iter()
        .map(|figures| {
            let pledges: Vec<&PledgeSummary> = summaries
                .iter()
                .filter(|p| p.area == figures.name)
                .collect();
            let mut groups = vec![GroupView {
                name: None,
                pledges: pledges
                    .iter()
                    .copied()
                    .filter(|p| p.sub_area.is_none())
                    .collect(),
            }];
            groups.extend(figures.sub_areas.iter().map(|s| {
                GroupView {
                    name: Some(&s.name),
                    pledges: pledges
                        .iter()
                        .copied()
                        .filter(|p| p.sub_area == Some(s.name.as_str()))
                        .collect(),
                }
            }));
            groups.retain(|g| !g.pledges.is_empty());
            AreaView {
                figures,
                pledges,
                groups,
            }
        })
        .collect()
}

pub(super) fn render_page(
    cx: &Context,
    template: &str,
    output: String,
    page: PageView,
    extra: Value,
    problems: &mut Vec<Diagnostic>,
) -> Option<OutputFile> {
    let context = minijinja::context! {
        site => super::value(cx.site_view),
        page => super::value(&page),
        dashboard => super::value(cx.dashboard),
        ..extra
    };
    match cx.templates.render(template, context) {
        Ok(html) => Some(OutputFile::bytes(output, html)),
        Err(d) => {
            problems.push(d);
            None
        }
    }
}

pub fn home(
    cx: &Context,
    problems: &mut Vec<Diagnostic>,
    links: &mut Vec<crate::model::MarkdownLink>,
) -> Option<OutputFile> {
    let home = &cx.site.home;
    let mut body_problems = Vec::new();
    let base_path = cx.config.base_path();
    let body_html = match &home.source {
        Some(source) => {
            let rendered = super::markdown::render(
                &home.body.markdown,
                &super::markdown::Settings {
                    unsafe_html: cx.config.markdown.unsafe_html,
                    base_path: &base_path,
                    min_heading: 2,
                },
                &mut Default::default(),
                &source.path,
                home.body.line_offset,
                &mut |b| {
                    Err(
                        Diagnostic::error(&source.path, msg!("render.block_on_home"))
                            .at(b.line, 1)
                            .hint(msg!("render.block_on_home_hint")),
                    )
                },
                &mut body_problems,
            );
            links.extend(
                rendered
                    .links
                    .into_iter()
                    .map(
                        |(url, line, image, alt_missing)| crate::model::MarkdownLink {
                            source: source.path.clone(),
                            line,
                            page: String::new(),
                            url,
                            image,
                            alt_missing,
                        },
                    ),
            );
            rendered.html
        }
        None => String::new(),
    };
    problems.extend(body_problems);
    let title = home.meta.title.as_deref().unwrap_or(&cx.config.title);
    let page = PageView {
        title,
        path: String::new(),
        description: home
            .meta
            .intro
            .clone()
            .unwrap_or_else(|| cx.config.description.clone()),
        kind: "home",
    };
    let extra = minijinja::context! {
        home => super::value(&home.meta),
        body_html => Value::from_safe_string(body_html),
        departments => departments(cx.summaries),
        sub_areas => sub_areas(cx.dashboard),
        areas => cx.areas.clone(),
        items => cx.items.clone(),
        charts => super::value(cx.charts.iter().map(|chart| ChartView { file: crate::urls::site_chart_path(chart.name), chart }).collect::<Vec<_>>()),
        trend => super::value(super::history::summaries(cx.history)),
        latest => cx.history.present().map(|r| super::value(r.changes.iter().map(|c| super::history::ChangeView::new(c, cx.strings)).collect::<Vec<_>>())),
        previous => cx.history.previous().and_then(|r| r.date.clone()),
    };
    render_page(cx, "index.html", "index.html".into(), page, extra, problems)
}

/// Sub-area names in the order of the areas, for the dashboard filter.
fn sub_areas(dashboard: &Dashboard) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for sub in dashboard.areas.iter().flat_map(|a| &a.sub_areas) {
        if !names.contains(&sub.name) {
            names.push(sub.name.clone());
        }
    }
    names
}

/// Departments of all pledges, sorted, for the dashboard filter.
fn departments(summaries: &[PledgeSummary]) -> Vec<String> {
    let set: std::collections::BTreeSet<&str> = summaries
        .iter()
        .map(|p| p.department)
        .filter(|d| !d.is_empty())
        .collect();
    set.into_iter().map(str::to_string).collect()
}

pub fn areas(cx: &Context, problems: &mut Vec<Diagnostic>) -> Vec<OutputFile> {
    cx.dashboard
        .areas
        .iter()
        .enumerate()
        .filter_map(|(i, figures)| {
            let path = figures.path.clone();
            let page = PageView {
                title: &figures.name,
                path: path.clone(),
                description: cx.strings.fill(
                    "area.description",
                    &[("area", &figures.name), ("count", &figures.count)],
                ),
                kind: "area",
            };
            let area = cx.areas.get_item(&Value::from(i)).unwrap_or_default();
            let extra = minijinja::context! { area => area, items => cx.items.clone() };
            render_page(
                cx,
                "area.html",
                format!("{path}index.html"),
                page,
                extra,
                problems,
            )
        })
        .collect()
}

pub fn not_found(cx: &Context, problems: &mut Vec<Diagnostic>) -> Option<OutputFile> {
    let page = PageView {
        title: cx.strings.get("notfound.title"),
        path: "404.html".into(),
        description: String::new(),
        kind: "404",
    };
    render_page(
        cx,
        "404.html",
        "404.html".into(),
        page,
        minijinja::context! {},
        problems,
    )
}
