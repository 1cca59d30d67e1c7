//! Step 4 of the pipeline: the whole site as files in memory. Nothing here touches the output
//! folder; `write` does that, so `check`, `serve` and tests share this step.

pub mod blocks;
mod history;
pub mod markdown;
mod pages;
mod pledge;
mod schedule;
mod site_files;
pub mod templates;
mod views;

use crate::chart::Chart;
use crate::config::Config;
use crate::dashboard::Dashboard;
use crate::diagnostics::Diagnostic;
use crate::model::Site;

pub(crate) use site_files::escape_xml;
pub use templates::Templates;

pub use crate::output::OutputFile;

/// Everything rendering reads.
pub struct Inputs<'a> {
    pub site: &'a Site,
    pub config: &'a Config,
    pub dashboard: &'a Dashboard,
    pub history: &'a crate::history::History,
    pub home_charts: &'a [Chart],
    pub templates: &'a Templates,
    pub strings: &'a crate::i18n::Strings,
    pub font: Option<&'a crate::fonts::SiteFont>,
}

impl Inputs<'_> {
    fn site_view(&self) -> views::SiteView<'_> {
        let as_of = self
            .site
            .home
            .meta
            .as_of
            .clone()
            .or(self.dashboard.as_of.clone());
        let reports = self.history.reports.iter().any(|r| r.date.is_some());
        let mut view = views::SiteView::new(self.config, as_of, reports);
        view.favicon = self.favicon();
        view.font = self.font.map(crate::fonts::SiteFont::view);
        view
    }

    /// The site's own icon (`static/favicon.svg`, `.png` or `.ico`), else the theme's.
    fn favicon(&self) -> &'static str {
        let from_theme =
            |src: &std::path::Path| src.components().any(|c| c.as_os_str() == "themes");
        ["favicon.svg", "favicon.png", "favicon.ico"]
            .into_iter()
            .find(|name| {
                self.site.static_files.iter().any(|(src, out)| {
                    out.as_path() == std::path::Path::new(name) && !from_theme(src)
                })
            })
            .unwrap_or("favicon.svg")
    }
}

/// One pledge's page, data file, standalone charts and files, with its list entry.
pub fn pledge_page(inputs: &Inputs, pledge: &crate::model::Pledge, charts: &[Chart]) -> Output {
    pledge::render(pledge, inputs, &inputs.site_view(), charts)
}

/// Everything that is not a pledge page: home, areas, 404, open data, sitemap, static files.
pub fn site_pages(
    inputs: &Inputs,
    list_items: &std::collections::BTreeMap<String, String>,
) -> Output {
    let site_view = inputs.site_view();
    let summaries: Vec<views::PledgeSummary> = inputs
        .site
        .pledges
        .iter()
        .map(|p| views::PledgeSummary::new(p, inputs.config, inputs.strings))
        .collect();
    let context = pages::Context {
        site: inputs.site,
        config: inputs.config,
        site_view: &site_view,
        dashboard: inputs.dashboard,
        history: inputs.history,
        charts: inputs.home_charts,
        summaries: &summaries,
        templates: inputs.templates,
        strings: inputs.strings,
        areas: pages::areas_value(inputs.dashboard, &summaries),
        items: minijinja::Value::from(
            list_items
                .iter()
                .map(|(slug, html)| {
                    (
                        slug.clone(),
                        minijinja::Value::from_safe_string(html.clone()),
                    )
                })
                .collect::<std::collections::BTreeMap<String, minijinja::Value>>(),
        ),
    };
    // The pages that list every pledge, and the reports that list them at every date, are
    // the large ones: made side by side.
    let (mut output, reports) = rayon::join(
        || {
            let mut output = Output::default();
            let problems = &mut output.problems;
            output
                .files
                .extend(pages::home(&context, problems, &mut output.links));
            output.files.extend(pages::areas(&context, problems));
            output.files.extend(pages::not_found(&context, problems));
            output
        },
        || {
            let mut output = Output::default();
            output.files = history::report_pages(&context, &mut output.problems);
            output.files.extend(site_files::all(&context));
            output.files.push(history::history_csv(&context));
            output
        },
    );
    output.add(reports);
    for chart in inputs.home_charts {
        output.files.push(OutputFile::bytes(
            crate::urls::site_chart_path(chart.name),
            chart.svg.clone(),
        ));
    }
    for (abs, rel) in &inputs.site.static_files {
        output.files.push(OutputFile::copy(
            rel.to_string_lossy().replace('\\', "/"),
            abs.clone(),
        ));
    }
    output
}

/// Rendered files, the problems found rendering them, and the Markdown links to check.
#[derive(Default, Clone)]
pub struct Output {
    pub files: Vec<OutputFile>,
    pub problems: Vec<Diagnostic>,
    pub links: Vec<crate::model::MarkdownLink>,
    /// Each pledge's entry in the home and area lists (`partials/pledge_item.html`), by slug:
    /// rendered with its page and reused, so lists of 10,000 pledges cost no template calls.
    pub list_items: std::collections::BTreeMap<String, String>,
}

impl Output {
    pub fn add(&mut self, other: Output) {
        self.files.extend(other.files);
        self.problems.extend(other.problems);
        self.links.extend(other.links);
        self.list_items.extend(other.list_items);
    }
}

/// A serialisable value for a template context.
pub(crate) fn value<T: serde::Serialize>(data: T) -> minijinja::Value {
    minijinja::Value::from(minijinja::value::Serde(data))
}
