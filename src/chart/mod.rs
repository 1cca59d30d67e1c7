//! Step 3 of the pipeline: SVG charts from pledge data (plotters' SVG backend). Every chart is
//! deterministic for the same data, scales with its viewBox, and carries `role="img"`, a
//! `<title>` and a `<desc>` sentence with the key numbers; pages put a data table beside it.

mod budget;
pub mod cache;
mod canvas;
mod categories;
mod history;
mod home;
mod narrow;
mod scale;
mod schedule;
mod spending;
mod targets;

use crate::diagnostics::Diagnostic;
use crate::i18n::Strings;
use crate::model::{DataSet, Pledge, Site};
use cache::Input;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    /// e.g. `budget-by-year`; also the standalone file name.
    pub name: &'static str,
    /// The data set it draws; `None` for the card's progress, the history and home-page charts.
    pub data_set: Option<DataSet>,
    pub title: String,
    pub desc: String,
    pub svg: String,
    /// The same chart laid out for phones (`narrow`), shown instead of `svg` on narrow screens;
    /// empty where the wide one is kept (it then scrolls in its frame).
    pub narrow: String,
}

/// Pledge charts by name, with the data set each needs (none: drawn from the card or history).
pub const PLEDGE_CHARTS: [(&str, Option<DataSet>); 8] = [
    ("targets", Some(DataSet::Targets)),
    ("categories", Some(DataSet::Categories)),
    ("budget-by-year", Some(DataSet::Budget)),
    ("budget-sources", Some(DataSet::Budget)),
    ("budget-spending", Some(DataSet::Budget)),
    ("schedule", Some(DataSet::Schedule)),
    ("progress", None),
    ("history", None),
];

/// Colour-blind-safe (Okabe–Ito) series colours, in funding-source order 국비, 시비, 구비, 민자.
pub const PALETTE: [&str; 6] = [
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00",
];
pub const INK: &str = "#1b1f24";
pub const MUTED: &str = "#4a5360";
pub const GRID: &str = "#d5dae1";
/// Text on the dark series colours.
pub const ON_DARK: &str = "#ffffff";
/// The total bar beside the stacked sources.
pub const TOTAL_BAR: &str = "#44546a";
/// The empty track behind a share bar.
pub const TRACK: &str = "#dfe4ea";
/// A group's band in the schedule.
pub const BAND: &str = "#eef1f5";
/// The unfilled part of a progress gauge, its filled part and its outline.
pub const GAUGE_EMPTY: &str = "#e3e7ec";
pub const GAUGE_FILL: &str = "#0b6e4f";
pub const GAUGE_OUTLINE: &str = "#8a94a3";

/// The cache key of charts drawn from `data`: besides the data, they show the pledge's title
/// and the UI strings (by their fingerprint).
fn input<D: Serialize>(cache: &cache::ChartCache, title: &str, tr: &Strings, data: &D) -> Input {
    cache.input(&(title, tr.fingerprint(), data))
}

/// The data set a pledge chart named `name` draws.
fn data_set_of(name: &str) -> Option<DataSet> {
    PLEDGE_CHARTS
        .iter()
        .find(|(n, _)| *n == name)
        .and_then(|(_, set)| *set)
}

/// The home page's charts.
pub fn home(
    site: &Site,
    history: &crate::history::History,
    tr: &Strings,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Chart> {
    let mut drawn = home::all(site, history.figures(), tr);
    if !drawn.is_empty() {
        drawn.push(history::trend(history, tr));
    }
    let (charts, errors) = collect(drawn, std::path::Path::new("content/_index.md"));
    problems.extend(errors);
    charts
}

/// The standard charts of one pledge, for every data set it has.
pub fn pledge(
    p: &Pledge,
    course: Option<&crate::history::PledgeHistory>,
    tr: &Strings,
    cache: &cache::ChartCache,
) -> (Vec<Chart>, Vec<Diagnostic>) {
    let mut drawn = Vec::new();
    let title = &p.card.title;
    if let Some(t) = &p.data.targets {
        let t_input = input(cache, title, tr, t);
        drawn.push(cache.chart("targets", &t_input, || targets::yearly(t, title, tr)));
    }
    if let Some(c) = &p.data.categories {
        let c_input = input(cache, title, tr, c);
        drawn.push(cache.chart("categories", &c_input, || {
            categories::categories(c, title, tr)
        }));
    }
    if let Some(b) = &p.data.budget {
        let b_input = input(cache, title, tr, b);
        drawn.push(cache.chart("budget-by-year", &b_input, || budget::by_year(b, title, tr)));
        drawn.push(cache.chart("budget-sources", &b_input, || budget::sources(b, title, tr)));
        drawn.push(cache.chart("budget-spending", &b_input, || {
            spending::spending(b, title, tr)
        }));
    }
    if let Some(s) = &p.data.schedule {
        let s_input = input(cache, title, tr, s);
        drawn.push(cache.chart("schedule", &s_input, || schedule::gantt(s, title, tr)));
    }
    // The page already shows progress as a bar; the chart is drawn only where a block asks.
    if p.placed_charts().contains("progress") {
        drawn.push(targets::progress(&p.card, tr));
    }
    if let Some(course) = course {
        drawn.push(history::course(course, title, tr));
    }
    let drawn: Vec<Result<Option<Chart>, (&'static str, String)>> = drawn;
    collect(drawn, &p.index.path)
}

fn collect(
    drawn: Vec<Result<Option<Chart>, (&'static str, String)>>,
    path: &std::path::Path,
) -> (Vec<Chart>, Vec<Diagnostic>) {
    let mut charts = Vec::new();
    let mut problems = Vec::new();
    for result in drawn {
        match result {
            Ok(Some(chart)) => charts.push(chart),
            Ok(None) => {}
            Err((name, message)) => problems.push(
                Diagnostic::error(
                    path,
                    msg!("chart.draw_failed", name = name, reason = message),
                )
                .hint(msg!("chart.draw_failed_hint")),
            ),
        }
    }
    (charts, problems)
}

/// What a chart function returns: `Ok(None)` when there is nothing to draw.
type Drawn = Result<Option<Chart>, (&'static str, String)>;

/// Adds the accessibility attributes, title, description and shared font stack to plotters'
/// SVG, so the same string works inline in a page and as a standalone file.
fn finish(
    name: &'static str,
    data_set: Option<DataSet>,
    title: String,
    desc: String,
    svg: String,
) -> Chart {
    let svg = labelled(name, "", &title, &desc, &svg);
    Chart {
        name,
        data_set,
        title,
        desc,
        svg,
        narrow: String::new(),
    }
}

impl Chart {
    /// The chart with its phone layout drawn from `narrow`.
    fn with_narrow(mut self, narrow: &narrow::Narrow) -> Result<Chart, (&'static str, String)> {
        let svg = narrow.draw().map_err(|e| (self.name, e))?;
        self.narrow = labelled(self.name, "-narrow", &self.title, &self.desc, &svg);
        Ok(self)
    }
}

/// plotters' SVG with its name for screen readers (`title`, `desc`), the class that says which
/// layout it is, and the font stack. `suffix` keeps the ids of the phone layout apart.
fn labelled(name: &str, suffix: &str, title: &str, desc: &str, svg: &str) -> String {
    let escaped_title = escape(title);
    let escaped_desc = escape(desc);
    let body = svg
        .split_once('>')
        .map(|(_, rest)| rest.trim_start_matches('\n').to_string())
        .unwrap_or_default();
    let (width, height) = size_of(svg);
    let class = if suffix.is_empty() {
        "chart-wide"
    } else {
        "chart-narrow"
    };
    let id = format!("chart-{name}{suffix}");
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" class=\"pledgesite-chart {class}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\">\n<title id=\"{id}-title\">{escaped_title}</title>\n<desc id=\"{id}-desc\">{escaped_desc}</desc>\n<style>.pledgesite-chart text{{font-family:'Noto Sans KR','Noto Sans CJK KR','Apple SD Gothic Neo','Malgun Gothic',sans-serif}}</style>\n{body}"
    )
}

fn size_of(svg: &str) -> (u32, u32) {
    let attr = |name: &str| {
        svg.split_once(&format!("{name}=\""))
            .and_then(|(_, rest)| rest.split_once('"'))
            .and_then(|(v, _)| v.parse().ok())
            .unwrap_or(0)
    };
    (attr("width"), attr("height"))
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Formats a number for a chart label with the site's separators.
fn num(v: f64) -> String {
    crate::format::number(v)
}

#[cfg(test)]
mod tests;
