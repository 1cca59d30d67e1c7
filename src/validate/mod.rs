//! Step 2 of the pipeline: checks over the loaded model that parsing alone cannot make —
//! numbers that must add up, dates inside the term, status and progress that agree, Korean
//! Markdown pitfalls. Links are checked after rendering (`links`), over the files in memory.

mod budget;
mod card;
pub mod github_pages;
pub mod history;
pub mod links;
pub mod records;
pub mod stubs;
mod targets;

use crate::calendar::Date;
use crate::config::Config;
use crate::diagnostics::{shown_path, Diagnostic};
use crate::messages::{closest, Message};
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
                    msg!(
                        "check.number_twice",
                        number = &pledge.card.number,
                        file = shown_path(&first.index.path)
                    ),
                )
                .hint(msg!("check.number_twice_hint", term = "관리번호")),
            );
        }
        // Folders that differ only in case collide on Windows and macOS checkouts.
        if let Some(first) = slugs.insert(pledge.slug.to_lowercase(), pledge) {
            problems.push(
                Diagnostic::error(
                    &pledge.index.path,
                    msg!(
                        "check.folder_case",
                        slug = &pledge.slug,
                        other = &first.slug
                    ),
                )
                .hint(msg!("check.folder_case_hint")),
            );
        }
    }
    for pledge in &site.pledges {
        problems.extend(grouping(pledge, config, &numbers));
    }
    if let Some(source) = &site.home.source {
        problems.extend(stubs::check(source));
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
            let names = listed.join(", ");
            let hint = match closest(sub, listed.iter().map(String::as_str)) {
                Some(near) => msg!("check.sub_area_unknown_near", near = near, listed = names),
                None => msg!("check.sub_area_unknown_hint", listed = names),
            };
            problems.push(
                at_key(
                    &pledge.index,
                    "sub_area",
                    msg!("check.sub_area_unknown", sub = sub, area = &card.area),
                )
                .hint(hint),
            );
        }
    }
    if let Some(target) = &card.merged_into {
        if !numbers.contains_key(target) {
            // Its own number is no pledge it could have been merged into.
            let others = numbers
                .keys()
                .filter(|n| ***n != card.number)
                .map(|n| n.as_str());
            let hint = match closest(target.as_str(), others) {
                Some(near) => msg!("check.merged_into_unknown_near", near = near),
                None => msg!("check.merged_into_unknown_hint"),
            };
            problems.push(
                at_key(
                    &pledge.index,
                    "merged_into",
                    msg!("check.merged_into_unknown", target = target),
                )
                .hint(hint),
            );
        }
    }
    problems
}

/// Checks of one pledge on its own: its card, numbers, dates and left-over template text (the
/// Korean Markdown lint runs as the text is rendered: `render::markdown::lint`).
pub fn pledge(pledge: &Pledge, term: Option<&TermDates>) -> Vec<Diagnostic> {
    let mut problems = card::check(pledge, term);
    problems.extend(stubs::check(&pledge.index));
    problems.extend(stubs::check_text(
        &pledge.index.path,
        &pledge.lead.markdown,
        pledge.lead.line_offset,
    ));
    for section in &pledge.sections {
        problems.extend(stubs::check_text(
            &section.source.path,
            &section.body.markdown,
            section.body.line_offset,
        ));
    }
    problems.extend(budget::check(pledge));
    problems.extend(targets::check(pledge, term));
    problems
}

/// An error at the value of the top-level `key` of `source` (or, if the YAML parser cannot
/// find it, the first line that mentions `key:`).
fn at_key(source: &Source, key: &str, message: Message) -> Diagnostic {
    let last = key.rsplit('.').next().unwrap_or(key);
    let spot = source.spot(key, &format!("{last}:"));
    Diagnostic::error(&source.path, message).at_position(spot)
}

/// A warning at the value of `needle` when it is a key (`as_of:`, `budget`), else at the first
/// line of `source` that mentions it.
fn warn_at(source: &Source, needle: &str, message: Message) -> Diagnostic {
    let spot = source.spot(needle.trim_end_matches(':'), needle);
    Diagnostic::warning(&source.path, message).at_position(spot)
}

fn date(source: &Source, key: &str, value: &str) -> Result<Date, Diagnostic> {
    let parsed = Date::parse(value).ok_or_else(|| {
        let (message, hint) = not_a_date(value);
        at_key(source, key, message).hint(hint)
    })?;
    // `2026-6-30` reads as a date but names a report `/reports/2026-6-30/` beside the
    // `2026-06-30` of every other file: one way of writing each date.
    match parsed.canonical() {
        Some(padded) if padded != value.trim() => Err(at_key(
            source,
            key,
            msg!(
                "check.date_unpadded",
                value = value.trim(),
                padded = &padded
            ),
        )
        .hint(msg!("check.date_unpadded_hint", padded = padded))),
        _ => Ok(parsed),
    }
}

/// Why `value` (which `Date::parse` refused) is not a date, and what to write instead: a day
/// its month does not have (`2025-09-31`), dots or slashes instead of hyphens (`2025.9.30`),
/// or anything else.
fn not_a_date(value: &str) -> (Message, Message) {
    let written = value.trim();
    // `2025.9.30` → `2025-09-30`; a day that does not exist is named whichever way it is written.
    let hyphenated = crate::yaml::slips::dotted_date(written);
    if let Some((year, month, day)) = year_month_day(hyphenated.as_deref().unwrap_or(written)) {
        let on = |d: u32| Date::parse(&format!("{year}-{month:02}-{d:02}")).is_some();
        // None when the year or month is wrong, not the day.
        let last = (28..=31).rev().find(|d| on(*d));
        if let Some(last) = last.filter(|last| day == 0 || day > *last) {
            return (
                msg!(
                    "check.no_such_day",
                    value = written,
                    year = year,
                    month = month,
                    day = day
                ),
                msg!(
                    "check.no_such_day_hint",
                    last = last,
                    example = format!("{year}-{month:02}-{last:02}")
                ),
            );
        }
    }
    match hyphenated.filter(|d| Date::parse(d).is_some()) {
        Some(example) => (
            msg!("check.date_dotted", value = written),
            msg!("check.date_dotted_hint", example = example),
        ),
        None => (
            msg!("check.not_a_date", value = written),
            msg!("check.not_a_date_hint"),
        ),
    }
}

/// Year, month and day of a date in the shape `YYYY-MM-DD` (or `YYYY-M-D`), whether or not
/// that day exists.
fn year_month_day(text: &str) -> Option<(u32, u32, u32)> {
    let digits = |part: &str, most: usize| {
        (1..=most).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit())
    };
    match text.split('-').collect::<Vec<_>>()[..] {
        [y, m, d] if y.len() == 4 && digits(y, 4) && digits(m, 2) && digits(d, 2) => {
            Some((y.parse().ok()?, m.parse().ok()?, d.parse().ok()?))
        }
        _ => None,
    }
}

/// Same value for the purposes of a sum: amounts may carry decimals (1.9억).
fn same(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6
}

fn num(v: f64) -> String {
    crate::format::number(v)
}
