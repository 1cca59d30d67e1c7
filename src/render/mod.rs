//! Step 4 of the pipeline: the whole site as files in memory. Nothing here touches the output
//! folder; `write` does that, so `check`, `serve` and tests share this step.

pub mod blocks;
pub mod format;
pub mod markdown;
mod pages;
mod pledge;
mod schedule;
mod site_files;
pub mod templates;
mod views;

use crate::chart::Charts;
use crate::config::Config;
use crate::dashboard::Dashboard;
use crate::diagnostics::Diagnostic;
use crate::model::Site;
use rayon::prelude::*;
use std::path::PathBuf;

pub use templates::Templates;

/// One file of the built site, its path relative to the output folder.
#[derive(Debug, Clone, PartialEq)]
pub struct OutputFile {
    pub path: String,
    pub contents: Contents,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Contents {
    Bytes(Vec<u8>),
    /// Copied from a source file as it is (images, CSS, fonts), without reading it into memory.
    Copy(PathBuf),
}

impl OutputFile {
    pub fn bytes(path: impl Into<String>, contents: impl Into<Vec<u8>>) -> Self {
        OutputFile {
            path: path.into(),
            contents: Contents::Bytes(contents.into()),
        }
    }

    pub fn copy(path: impl Into<String>, source: PathBuf) -> Self {
        OutputFile {
            path: path.into(),
            contents: Contents::Copy(source),
        }
    }

    pub fn text(&self) -> Option<&str> {
        match &self.contents {
            Contents::Bytes(b) => std::str::from_utf8(b).ok(),
            Contents::Copy(_) => None,
        }
    }
}

/// Renders every page, data file and copied file of `site`. Pledge pages render in parallel.
pub fn site(
    site: &Site,
    config: &Config,
    dashboard: &Dashboard,
    charts: &Charts,
    templates: &Templates,
    problems: &mut Vec<Diagnostic>,
) -> SiteOutput {
    let as_of = site.home.meta.as_of.clone().or(dashboard.as_of.clone());
    let site_view = views::SiteView::new(config, as_of);

    let rendered: Vec<pledge::PledgeOutput> = site
        .pledges
        .par_iter()
        .map(|p| {
            let pledge_charts = charts.pledges.get(&p.slug).map_or(&[][..], Vec::as_slice);
            pledge::render(p, config, &site_view, dashboard, pledge_charts, templates)
        })
        .collect();
    let mut files = Vec::new();
    let mut links = Vec::new();
    for output in rendered {
        files.extend(output.files);
        problems.extend(output.problems);
        links.extend(output.links);
    }
    let summaries: Vec<views::PledgeSummary> = site
        .pledges
        .iter()
        .map(|p| views::PledgeSummary::new(p, config))
        .collect();
    let context = pages::Context {
        site,
        config,
        site_view: &site_view,
        dashboard,
        charts: &charts.home,
        summaries: &summaries,
        templates,
    };
    files.extend(pages::home(&context, problems, &mut links));
    files.extend(pages::areas(&context, problems));
    files.extend(pages::not_found(&context, problems));
    files.extend(site_files::all(&context));
    for chart in &charts.home {
        files.push(OutputFile::bytes(
            format!("charts/{}.svg", chart.name),
            chart.svg.clone(),
        ));
    }
    for (abs, rel) in &site.static_files {
        files.push(OutputFile::copy(
            rel.to_string_lossy().replace('\\', "/"),
            abs.clone(),
        ));
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    SiteOutput { files, links }
}

/// The rendered site, and the Markdown links to check against it.
pub struct SiteOutput {
    pub files: Vec<OutputFile>,
    pub links: Vec<crate::model::MarkdownLink>,
}

/// A serialisable value for a template context.
pub(crate) fn value<T: serde::Serialize>(data: T) -> minijinja::Value {
    minijinja::Value::from(minijinja::value::Serde(data))
}
