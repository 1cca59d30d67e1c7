//! The pledge card: progress, status, reasons, dates, and the schedule's quarters.

use super::{at_key, date, warn_at, TermDates};
use crate::calendar::{parse_quarter_span, Date, Quarter};
use crate::diagnostics::Diagnostic;
use crate::model::{DataSet, Pledge};

pub fn check(pledge: &Pledge, term: Option<&TermDates>) -> Vec<Diagnostic> {
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
    } else if card.status.is_done() && card.progress != 100.0 {
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
            .hint("add `status_reason: ...` saying why (residents and the council will ask)"),
        );
    }
    match &card.as_of {
        Some(as_of) => match date(index, "as_of", as_of) {
            Ok(d) => problems.extend(outside_term(term, d, || {
                at_key(index, "as_of", format!("as_of {as_of} is outside the term")).hint(
                    "the as-of date is when the figures were checked; it falls within the term",
                )
            })),
            Err(d) => problems.push(d),
        },
        None => problems.push(
            Diagnostic::warning(&index.path, "the pledge has no as-of date (기준일)")
                .at(1, 1)
                .hint("add `as_of: YYYY-MM-DD` so readers know how current the figures are"),
        ),
    }
    if let Some(schedule) = &pledge.data.schedule {
        problems.extend(schedule_quarters(pledge, schedule, term));
    }
    for change in &card.changes {
        if let Err(d) = date(index, "date", &change.date) {
            let hint = "write the date the change was decided as YYYY-MM-DD, e.g. 2025-05-10";
            problems.push(d.at(index.line_of(&change.date), 1).hint(hint));
        }
    }
    let source = pledge
        .data_sources
        .rows(DataSet::Ordinances)
        .unwrap_or(index);
    for ordinance in &pledge.data.ordinances {
        if let Err(d) = date(source, "date", &ordinance.date) {
            problems.push(d.at(source.line_of(&ordinance.date), 1));
        }
    }
    problems
}

/// Compared at the precision `d` is given in: 2022-06 is inside a term ending 2022-06-30.
pub(super) fn outside_term(
    term: Option<&TermDates>,
    d: Date,
    diag: impl FnOnce() -> Diagnostic,
) -> Option<Diagnostic> {
    let term = term?;
    let trunc = |x: &Date| {
        (
            x.year,
            d.month.and(x.month).unwrap_or(0),
            d.day.and(x.day).unwrap_or(0),
        )
    };
    (trunc(&d) < trunc(&term.start) || trunc(&d) > trunc(&term.end)).then(diag)
}

fn schedule_quarters(
    pledge: &Pledge,
    schedule: &crate::model::Schedule,
    term: Option<&TermDates>,
) -> Vec<Diagnostic> {
    let source = pledge
        .data_sources
        .rows(DataSet::Schedule)
        .unwrap_or(&pledge.index);
    let mut problems = Vec::new();
    let bound = |key: &str, value: &str| {
        Quarter::parse(value).ok_or_else(|| {
            at_key(source, key, format!("`{value}` is not a quarter"))
                .hint("write quarters as YYYY-Qn, e.g. 2018-Q3")
        })
    };
    let (start, end) = match (bound("start", &schedule.start), bound("end", &schedule.end)) {
        (Ok(s), Ok(e)) => (Some(s), Some(e)),
        (s, e) => {
            problems.extend(s.err());
            problems.extend(e.err());
            (None, None)
        }
    };
    for task in schedule.groups.iter().flat_map(|g| &g.tasks) {
        for span in &task.quarters {
            let line = source.line_of(span);
            match parse_quarter_span(span) {
                None => problems.push(
                    Diagnostic::error(
                        &source.path,
                        format!(
                            "`{span}` in the quarters of `{}` is not a quarter or range",
                            task.name
                        ),
                    )
                    .at(line, 1)
                    .hint("write 2018-Q4, or a range 2019-Q2..2022-Q4 (first quarter first)"),
                ),
                Some(quarters) => {
                    let outside = quarters
                        .iter()
                        .find(|q| start.is_some_and(|s| **q < s) || end.is_some_and(|e| **q > e));
                    if let Some(q) = outside {
                        problems.push(
                            Diagnostic::error(
                                &source.path,
                                format!(
                                    "{q} in the quarters of `{}` is outside the schedule {}..{}",
                                    task.name, schedule.start, schedule.end
                                ),
                            )
                            .at(line, 1)
                            .hint("widen the schedule's start/end or correct the quarter"),
                        );
                    }
                }
            }
        }
    }
    // Plans often run past the term (budgets even have a 임기이후 column): a warning.
    if let (Some(term), Some(s), Some(e)) = (term, start, end) {
        let first = Quarter::of_date(&term.start);
        let last = Quarter::of_date(&term.end);
        if first.is_some_and(|f| s < f) || last.is_some_and(|l| e > l) {
            problems.push(warn_at(
                source,
                "end:",
                format!(
                    "the schedule ({}..{}) runs outside the term",
                    schedule.start, schedule.end
                ),
            ));
        }
    }
    problems
}
