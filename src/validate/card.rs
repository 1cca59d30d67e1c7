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
                msg!("card.progress_range", progress = card.progress),
            )
            .hint(msg!("card.progress_range_hint", term = "추진율")),
        );
    } else if card.status.is_done() && card.progress != 100.0 {
        problems.push(
            at_key(
                index,
                "progress",
                msg!(
                    "card.done_not_100",
                    status = &card.status,
                    progress = card.progress
                ),
            )
            .hint(msg!("card.done_not_100_hint")),
        );
    }
    let reason = card.status_reason.as_deref().unwrap_or("").trim();
    if card.status.needs_reason() && reason.is_empty() {
        problems.push(
            at_key(
                index,
                "status",
                msg!("card.status_needs_reason", status = &card.status),
            )
            .hint(msg!("card.status_needs_reason_hint")),
        );
    }
    match &card.as_of {
        Some(as_of) => match date(index, "as_of", as_of) {
            Ok(d) => problems.extend(outside_term(term, d, || {
                at_key(
                    index,
                    "as_of",
                    msg!("card.as_of_outside_term", as_of = as_of),
                )
                .hint(msg!("card.as_of_outside_term_hint"))
            })),
            Err(d) => problems.push(d),
        },
        None => problems.push(
            Diagnostic::warning(&index.path, msg!("card.no_as_of", term = "기준일"))
                .at(1, 1)
                .hint(msg!("card.no_as_of_hint")),
        ),
    }
    if let Some(schedule) = &pledge.data.schedule {
        problems.extend(schedule_quarters(pledge, schedule, term));
    }
    for (i, change) in card.changes.iter().enumerate() {
        if let Err(d) = date(index, "date", &change.date) {
            let d = d.at_position(index.spot(&format!("changes.{i}.date"), &change.date));
            // A day that does not exist or dots for hyphens keep their own, closer hint.
            problems.push(if d.message.key() == "check.not_a_date" {
                d.hint(msg!("card.change_date_hint"))
            } else {
                d
            });
        }
    }
    let source = pledge
        .data_sources
        .rows(DataSet::Ordinances)
        .unwrap_or(index);
    for (i, ordinance) in pledge.data.ordinances.iter().enumerate() {
        if let Err(d) = date(source, "date", &ordinance.date) {
            let path = format!("ordinances.{i}.date");
            problems.push(d.at_position(source.spot(&path, &ordinance.date)));
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
            at_key(source, key, msg!("card.not_a_quarter", value = value))
                .hint(msg!("card.not_a_quarter_hint"))
        })
    };
    let start = bound("schedule.start", &schedule.start);
    let (start, end) = match (start, bound("schedule.end", &schedule.end)) {
        (Ok(s), Ok(e)) => (Some(s), Some(e)),
        (s, e) => {
            problems.extend(s.err());
            problems.extend(e.err());
            (None, None)
        }
    };
    let tasks = schedule.groups.iter().enumerate().flat_map(|(g, group)| {
        let tasks = group.tasks.iter().enumerate();
        tasks.map(move |(t, task)| (format!("schedule.groups.{g}.tasks.{t}.quarters"), task))
    });
    for (path, task) in tasks {
        for (q, span) in task.quarters.iter().enumerate() {
            let (line, column) = source.spot(&format!("{path}.{q}"), span);
            match parse_quarter_span(span) {
                None => problems.push(
                    Diagnostic::error(
                        &source.path,
                        msg!("card.quarter_span", span = span, task = &task.name),
                    )
                    .at(line, column)
                    .hint(msg!("card.quarter_span_hint")),
                ),
                Some(quarters) => {
                    let outside = quarters
                        .iter()
                        .find(|q| start.is_some_and(|s| **q < s) || end.is_some_and(|e| **q > e));
                    if let Some(q) = outside {
                        problems.push(
                            Diagnostic::error(
                                &source.path,
                                msg!(
                                    "card.quarter_outside_schedule",
                                    quarter = q,
                                    task = &task.name,
                                    start = &schedule.start,
                                    end = &schedule.end
                                ),
                            )
                            .at(line, column)
                            .hint(msg!("card.quarter_outside_schedule_hint")),
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
                msg!(
                    "card.schedule_outside_term",
                    start = &schedule.start,
                    end = &schedule.end
                ),
            ));
        }
    }
    problems
}
