//! Step 2 of the pipeline: checks over the loaded model that parsing alone cannot make.

use crate::calendar::{parse_quarter_span, Date, Quarter};
use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::model::{Pledge, Site, Source};
use std::collections::BTreeMap;

pub fn site(site: &Site, config: &Config) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let mut numbers: BTreeMap<u32, &Pledge> = BTreeMap::new();
    for pledge in &site.pledges {
        if let Some(first) = numbers.insert(pledge.card.number, pledge) {
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
        problems.extend(card(pledge));
        problems.extend(data(pledge));
    }
    if let (Some(source), Some(as_of)) = (&site.home.source, &site.home.meta.as_of) {
        problems.extend(date(source, "as_of", as_of));
    }
    if let Some(term) = &config.term {
        let source = Source {
            path: crate::config::CONFIG_FILE.into(),
            text: String::new(),
        };
        problems.extend(date(&source, "start", &term.start));
        problems.extend(date(&source, "end", &term.end));
    }
    problems
}

/// An error at the first line of `source` that mentions `key:`.
fn at_key(source: &Source, key: &str, message: String) -> Diagnostic {
    let line = source.line_of(&format!("{key}:"));
    Diagnostic::error(&source.path, message).at(line, 1)
}

fn date(source: &Source, key: &str, value: &str) -> Option<Diagnostic> {
    Date::parse(value).is_none().then(|| {
        at_key(source, key, format!("`{value}` is not a date"))
            .hint("write dates as YYYY-MM-DD (2021-06-30) or YYYY-MM (2021-06)")
    })
}

fn card(pledge: &Pledge) -> Vec<Diagnostic> {
    let card = &pledge.card;
    let index = &pledge.index;
    let mut problems = Vec::new();
    if !(0.0..=100.0).contains(&card.progress) {
        problems.push(
            at_key(
                index,
                "progress",
                format!("progress {} is outside 0–100", card.progress),
            )
            .hint("progress is the 추진율 in percent"),
        );
    }
    if card.status.is_done() && card.progress != 100.0 {
        problems.push(
            at_key(
                index,
                "progress",
                format!(
                    "status {} means the pledge is done, but progress is {}",
                    card.status, card.progress
                ),
            )
            .hint("set progress: 100, or choose the status that matches the progress"),
        );
    }
    let reason = card.status_reason.as_deref().unwrap_or("").trim();
    if card.status.needs_reason() && reason.is_empty() {
        problems.push(
            at_key(
                index,
                "status",
                format!("status {} needs a reason", card.status),
            )
            .hint("add `status_reason: ...` saying why (residents will ask)"),
        );
    }
    if let Some(as_of) = &card.as_of {
        problems.extend(date(index, "as_of", as_of));
    }
    problems
}

fn data(pledge: &Pledge) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let source_of = |set: &str| pledge.data_sources.get(set).unwrap_or(&pledge.index);
    if let Some(schedule) = &pledge.data.schedule {
        let source = source_of("schedule");
        for (key, value) in [("start", &schedule.start), ("end", &schedule.end)] {
            if Quarter::parse(value).is_none() {
                problems.push(
                    at_key(source, key, format!("`{value}` is not a quarter"))
                        .hint("write quarters as YYYY-Qn, e.g. 2018-Q3"),
                );
            }
        }
        for task in schedule.groups.iter().flat_map(|g| &g.tasks) {
            for span in &task.quarters {
                if parse_quarter_span(span).is_none() {
                    let line = source.line_of(span);
                    problems.push(
                        Diagnostic::error(
                            &source.path,
                            format!(
                                "`{span}` in the quarters of `{}` is not a quarter or range",
                                task.name
                            ),
                        )
                        .at(line, 1)
                        .hint("write 2018-Q4, or a range 2019-Q2..2022-Q4 (first quarter first)"),
                    );
                }
            }
        }
    }
    for ordinance in &pledge.data.ordinances {
        problems.extend(
            date(source_of("ordinances"), "date", &ordinance.date).map(|d| {
                let line = source_of("ordinances").line_of(&ordinance.date);
                d.at(line, 1)
            }),
        );
    }
    if let Some(budget) = &pledge.data.budget {
        let source = source_of("budget");
        let columns = budget.columns.len();
        for row in budget.total.iter().chain(&budget.sources) {
            if row.years.len() != columns {
                problems.push(
                    Diagnostic::error(&source.path, format!(
                        "budget row `{}` has {} yearly amounts but there are {columns} columns",
                        row.name,
                        row.years.len()
                    ))
                    .at(source.line_of(&row.name), 1)
                    .hint("give one amount per column; use null (YAML) or an empty cell (CSV) for none"),
                );
            }
        }
    }
    problems
}
