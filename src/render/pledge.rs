//! One pledge page: the card, its sections combined in order with a table of contents, and
//! its data tables where the author placed them (or in a closing "자료" part).

use super::markdown::{self, Anchors, Block, Heading, Settings};
use super::templates::Templates;
use super::views::{PageView, PledgeSummary, SiteView};
use super::OutputFile;
use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::model::{Pledge, DATA_SETS};
use minijinja::Value;
use serde::Serialize;
use std::collections::BTreeSet;
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
    config: &Config,
    site: &SiteView,
    dashboard: &crate::dashboard::Dashboard,
    templates: &Templates,
) -> (Vec<OutputFile>, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let base_path = config.base_path();
    let settings = Settings {
        unsafe_html: config.markdown.unsafe_html,
        base_path: &base_path,
        min_heading: 3,
    };
    let summary = PledgeSummary::new(pledge, config);
    let mut anchors = Anchors::default();
    for reserved in ["content", "card", "toc", "data", "main"] {
        anchors.claim(reserved);
    }
    let mut placed = BTreeSet::new();

    let mut place = |block: &Block, path: &Path| -> Result<String, Diagnostic> {
        let html = data_table(pledge, block, templates, path)?;
        placed.insert(block.name.to_string());
        Ok(html)
    };

    let lead_html = {
        let path = &pledge.index.path;
        markdown::render(
            &pledge.lead.markdown,
            &settings,
            &mut anchors,
            path,
            pledge.lead.line_offset,
            &mut |b| place(b, path),
            &mut problems,
        )
        .html
    };
    let mut sections = Vec::new();
    for section in &pledge.sections {
        let id = anchors.claim(&section.id);
        let path = &section.source.path;
        let rendered = markdown::render(
            &section.body.markdown,
            &settings,
            &mut anchors,
            path,
            section.body.line_offset,
            &mut |b| place(b, path),
            &mut problems,
        );
        sections.push(SectionView {
            id,
            title: &section.meta.title,
            kind: section.meta.kind.as_deref(),
            html: rendered.html,
            headings: rendered.headings,
        });
    }

    // Data no block placed is still shown: nothing the district entered is hidden.
    let mut appendix = String::new();
    for name in pledge.data.present() {
        if placed.contains(name) {
            continue;
        }
        let block = Block {
            lang: "table",
            name,
            options: Vec::new(),
            line: 0,
        };
        match data_table(pledge, &block, templates, &pledge.index.path) {
            Ok(html) => appendix.push_str(&html),
            Err(d) => problems.push(d),
        }
    }

    let path = summary.path.clone();
    let page = PageView {
        title: &pledge.card.title,
        path: path.clone(),
        description: pledge.card.summary.clone(),
        kind: "pledge",
    };
    let context = minijinja::context! {
        site => super::value(site),
        page => super::value(&page),
        dashboard => super::value(dashboard),
        pledge => super::value(&summary),
        lead_html => Value::from_safe_string(lead_html),
        sections => super::value(&sections),
        appendix_html => Value::from_safe_string(appendix),
        data => super::value(&pledge.data),
    };
    let mut files = Vec::new();
    match templates.render("pledge.html", context) {
        Ok(html) => files.push(OutputFile::bytes(format!("{path}index.html"), html)),
        Err(d) => problems.push(d),
    }
    let json = serde_json::json!({ "pledge": summary, "data": pledge.data });
    files.push(OutputFile::bytes(
        format!("{path}data.json"),
        serde_json::to_string_pretty(&json).unwrap_or_default(),
    ));
    for (abs, rel) in &pledge.assets {
        let rel = rel.to_string_lossy().replace('\\', "/");
        files.push(OutputFile::copy(format!("{path}{rel}"), abs.clone()));
    }
    (files, problems)
}

/// Renders `tables/<name>.html` for one data set of the pledge.
fn data_table(
    pledge: &Pledge,
    block: &Block,
    templates: &Templates,
    path: &Path,
) -> Result<String, Diagnostic> {
    let known = DATA_SETS.contains(&block.name);
    let data = serde_json::to_value(&pledge.data).unwrap_or_default();
    let value = data.get(block.name).filter(|v| match v {
        serde_json::Value::Null => false,
        serde_json::Value::Array(a) => !a.is_empty(),
        _ => true,
    });
    let Some(value) = value.filter(|_| known) else {
        let (message, hint) = if known {
            (
                format!("```{} block names `{}`, but this pledge has no {} data", block.lang, block.name, block.name),
                format!("add `{}:` to data.yaml in this folder (see docs/content-guide.md), or remove the block", block.name),
            )
        } else {
            (
                format!(
                    "unknown data set `{}` in a ```{} block",
                    block.name, block.lang
                ),
                format!("use one of: {}", DATA_SETS.join(", ")),
            )
        };
        return Err(Diagnostic::error(path, message)
            .at(block.line, 1)
            .hint(hint));
    };
    let options: std::collections::BTreeMap<&str, &str> = block
        .options
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let grid = match (&pledge.data.schedule, block.name) {
        (Some(schedule), "schedule") => Some(super::schedule::grid(schedule)),
        _ => None,
    };
    let context = minijinja::context! {
        name => block.name,
        grid => super::value(&grid),
        caption => options.get("caption").copied(),
        data => super::value(value),
        options => super::value(&options),
        pledge => super::value(PledgeSummaryLite { title: &pledge.card.title, number: pledge.card.number }),
    };
    templates.render(&format!("tables/{}.html", block.name), context)
}

#[derive(Serialize)]
struct PledgeSummaryLite<'a> {
    title: &'a str,
    number: u32,
}
