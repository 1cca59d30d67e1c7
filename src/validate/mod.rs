//! Step 2 of the pipeline: checks over the loaded model that parsing alone cannot make —
//! numbers that must add up, dates inside the term, status and progress that agree, Korean
//! Markdown pitfalls. Links are checked after rendering (`links`), over the files in memory.

mod budget;
mod card;
pub mod github_pages;
pub mod history;
pub mod links;
mod lint;
mod targets;

use crate::calendar::Date;
use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::model::{Pledge, Site, Source};
use std::collections::BTreeMap;

/// The term the site reports on, when site.yaml gives one with valid dates.
pub struct TermDates {
    pub start: Date,
    pub end: Date,
}

/// The term from site.yaml, with problems in its dates.
pub fn term(config: &Config) -> (Option<TermDates>, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let source = Source {
        path: crate::config::CONFIG_FILE.into(),
        text: String::new(),
    };
    let term = config.term.as_ref().and_then(|t| {
        let start = date(&source, "start", &t.start)
            .map_err(|d| problems.push(d))
            .ok();
        let end = date(&source, "end", &t.end)
            .map_err(|d| problems.push(d))
            .ok();
        Some(TermDates {
            start: start?,
            end: end?,
        })
    });
    (term, problems)
}

/// Checks that compare pledges with each other, and the home page.
pub fn across_pledges(site: &Site, config: &Config) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let mut numbers: BTreeMap<&crate::number::PledgeNumber, &Pledge> = BTreeMap::new();
    let mut slugs: BTreeMap<String, &Pledge> = BTreeMap::new();
    for pledge in &site.pledges {
        if let Some(first) = numbers.insert(&pledge.card.number, pledge) {
            problems.push(
                at_key(
                    &pledge.index,
                    "number",
                    format!(
                        "pledge number {} is also used by {}",
                        pledge.card.number,
                        first.index.path.display()
                    ),
                )
                .hint("every pledge needs its own 관리번호 (number)"),
            );
        }
        // Folders that differ only in case collide on Windows and macOS checkouts.
        if let Some(first) = slugs.insert(pledge.slug.to_lowercase(), pledge) {
            problems.push(
                Diagnostic::error(
                    &pledge.index.path,
                    format!(
                        "pledge folder `{}` differs from `{}` only in upper/lower case",
                        pledge.slug, first.slug
                    ),
                )
                .hint("rename one folder: both would get the same URL on Windows and macOS"),
            );
        }
    }
    for pledge in &site.pledges {
        problems.extend(grouping(pledge, config, &numbers));
    }
    if let (Some(source), Some(as_of)) = (&site.home.source, &site.home.meta.as_of) {
        problems.extend(date(source, "as_of", as_of).err());
    }
    problems
}

/// The pledge's sub-area is one its area lists, and `merged_into` names a pledge.
fn grouping(
    pledge: &Pledge,
    config: &Config,
    numbers: &BTreeMap<&crate::number::PledgeNumber, &Pledge>,
) -> Vec<Diagnostic> {
    let card = &pledge.card;
    let mut problems = Vec::new();
    let listed = config
        .areas
        .get(&card.area)
        .map(|a| &a.sub_areas)
        .filter(|s| !s.is_empty());
    if let (Some(listed), Some(sub)) = (listed, &card.sub_area) {
        if !listed.contains(sub) {
            problems.push(
                at_key(
                    &pledge.index,
                    "sub_area",
                    format!(
                        "sub-area `{sub}` is not one of {}'s in site.yaml",
                        card.area
                    ),
                )
                .hint(format!(
                    "use one of: {}; or add it to the area's sub_areas in site.yaml",
                    listed.join(", ")
                )),
            );
        }
    }
    if let Some(target) = &card.merged_into {
        if !numbers.contains_key(target) {
            problems.push(
                at_key(
                    &pledge.index,
                    "merged_into",
                    format!("merged_into names pledge {target}, which does not exist"),
                )
                .hint(
                    "write the number of the pledge it was merged into, as on that pledge's card",
                ),
            );
        }
    }
    problems
}

/// Checks of one pledge on its own: its card, numbers, dates and Markdown.
pub fn pledge(pledge: &Pledge, term: Option<&TermDates>) -> Vec<Diagnostic> {
    let mut problems = card::check(pledge, term);
    problems.extend(budget::check(pledge));
    problems.extend(targets::check(pledge, term));
    for section in &pledge.sections {
        problems.extend(lint::markdown(
            &section.source,
            section.body.line_offset,
            &section.body.markdown,
        ));
    }
    problems.extend(lint::markdown(
        &pledge.index,
        pledge.lead.line_offset,
        &pledge.lead.markdown,
    ));
    problems
}

/// An error at the first line of `source` that mentions `key:`.
fn at_key(source: &Source, key: &str, message: String) -> Diagnostic {
    Diagnostic::error(&source.path, message).at(source.line_of(&format!("{key}:")), 1)
}

/// A warning at the first line of `source` that mentions `needle`.
fn warn_at(source: &Source, needle: &str, message: String) -> Diagnostic {
    Diagnostic::warning(&source.path, message).at(source.line_of(needle), 1)
}

fn date(source: &Source, key: &str, value: &str) -> Result<Date, Diagnostic> {
    Date::parse(value).ok_or_else(|| {
        at_key(source, key, format!("`{value}` is not a date"))
            .hint("write dates as YYYY-MM-DD (2021-06-30) or YYYY-MM (2021-06)")
    })
}

/// Same value for the purposes of a sum: amounts may carry decimals (1.9억).
fn same(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6
}

fn num(v: f64) -> String {
    crate::format::number(v)
}
