//! The pledge card: progress, status, reasons, dates, and the schedule's quarters.

use super::{at_key, date, warn_at, TermDates};
use crate::calendar::{parse_quarter_span, Date, Quarter};
use crate::diagnostics::Diagnostic;
use crate::model::{Card, DataSet, Pledge, Schedule, ScheduleTask, Source};

pub fn check(pledge: &Pledge, term: Option<&TermDates>) -> Vec<Diagnostic> {
    let card = &pledge.card;
    let index = &pledge.index;
    let mut problems: Vec<Diagnostic> = progress(card, index).into_iter().collect();
    problems.extend(status_reason(card, index));
    problems.extend(as_of_date(card, index, term));
    if let Some(schedule) = &pledge.data.schedule {
        problems.extend(schedule_quarters(pledge, schedule, term));
    }
    problems.extend(change_dates(card, index));
    problems.extend(ordinance_dates(pledge));
    problems
}

/// Progress is a percentage, and 100 once the status says done.
fn progress(card: &Card, index: &Source) -> Option<Diagnostic> {
    if !(0.0..=100.0).contains(&card.progress) {
        Some(
            at_key(
                index,
                "progress",
                msg!("card.progress_range", progress = card.progress),
            )
            .hint(msg!("card.progress_range_hint", term = "추진율")),
        )
    } else if card.status.is_done() && card.progress != 100.0 {
        Some(
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
        )
    } else {
        None
    }
}

/// A status that needs explaining (delayed, dropped…) comes with a reason.
fn status_reason(card: &Card, index: &Source) -> Option<Diagnostic> {
    let reason = card.status_reason.as_deref().unwrap_or("").trim();
    (card.status.needs_reason() && reason.is_empty()).then(|| {
        at_key(
            index,
            "status",
            msg!("card.status_needs_reason", status = &card.status),
        )
        .hint(msg!("card.status_needs_reason_hint"))
    })
}

/// The card's `as_of` is given, a date, and inside the term.
fn as_of_date(card: &Card, index: &Source, term: Option<&TermDates>) -> Option<Diagnostic> {
    let Some(as_of) = &card.as_of else {
        return Some(
            Diagnostic::warning(&index.path, msg!("card.no_as_of", term = "기준일"))
                .at(1, 1)
                .hint(msg!("card.no_as_of_hint")),
        );
    };
    match date(index, "as_of", as_of) {
        Ok(d) => outside_term(term, d, || {
            at_key(
                index,
                "as_of",
                msg!("card.as_of_outside_term", as_of = as_of),
            )
            .hint(msg!("card.as_of_outside_term_hint"))
        }),
        Err(d) => Some(d),
    }
}

/// Each recorded change is dated.
fn change_dates(card: &Card, index: &Source) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
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
    problems
}

/// Each ordinance is dated.
fn ordinance_dates(pledge: &Pledge) -> Vec<Diagnostic> {
    let source = pledge
        .data_sources
        .rows(DataSet::Ordinances)
        .unwrap_or(&pledge.index);
    let mut problems = Vec::new();
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

/// The schedule's start and end are quarters, its tasks' spans lie between them, and (a
/// warning) the schedule lies inside the term.
fn schedule_quarters(
    pledge: &Pledge,
    schedule: &Schedule,
    term: Option<&TermDates>,
) -> Vec<Diagnostic> {
    let source = pledge
        .data_sources
        .rows(DataSet::Schedule)
        .unwrap_or(&pledge.index);
    let (bounds, mut problems) = match schedule_bounds(source, schedule) {
        Ok(bounds) => (Some(bounds), Vec::new()),
        Err(problems) => (None, problems),
    };
    let plan = Plan {
        schedule,
        source,
        bounds,
    };
    problems.extend(plan.task_spans());
    problems.extend(plan.past_term(term));
    problems
}

/// The schedule's own start and end quarters, or the errors for those that are not quarters.
fn schedule_bounds(
    source: &Source,
    schedule: &Schedule,
) -> Result<(Quarter, Quarter), Vec<Diagnostic>> {
    let bound = |key: &str, value: &str| {
        Quarter::parse(value).ok_or_else(|| {
            at_key(source, key, msg!("card.not_a_quarter", value = value))
                .hint(msg!("card.not_a_quarter_hint"))
        })
    };
    let start = bound("schedule.start", &schedule.start);
    match (start, bound("schedule.end", &schedule.end)) {
        (Ok(s), Ok(e)) => Ok((s, e)),
        (s, e) => Err(s.err().into_iter().chain(e.err()).collect()),
    }
}

/// A schedule, the file its rows are in, and its start and end when both are quarters.
struct Plan<'a> {
    schedule: &'a Schedule,
    source: &'a Source,
    bounds: Option<(Quarter, Quarter)>,
}

impl Plan<'_> {
    /// Every task's quarters, at their place in the file.
    fn task_spans(&self) -> Vec<Diagnostic> {
        let groups = self.schedule.groups.iter().enumerate();
        let tasks = groups.flat_map(|(g, group)| {
            let tasks = group.tasks.iter().enumerate();
            tasks.map(move |(t, task)| (format!("schedule.groups.{g}.tasks.{t}.quarters"), task))
        });
        let mut problems = Vec::new();
        for (path, task) in tasks {
            for (q, span) in task.quarters.iter().enumerate() {
                // Finding a value's position parses the file again: only for a problem.
                if let Some(found) = self.span(task, span, (0, 0)) {
                    let spot = self.source.spot(&format!("{path}.{q}"), span);
                    problems.push(found.at_position(spot));
                }
            }
        }
        problems
    }

    /// `span` of `task` (at `line`, `column`) is a quarter or a range of them, inside the
    /// schedule when its start and end are known.
    fn span(
        &self,
        task: &ScheduleTask,
        span: &str,
        (line, column): (usize, usize),
    ) -> Option<Diagnostic> {
        let Some(quarters) = parse_quarter_span(span) else {
            return Some(
                Diagnostic::error(
                    &self.source.path,
                    msg!("card.quarter_span", span = span, task = &task.name),
                )
                .at(line, column)
                .hint(msg!("card.quarter_span_hint")),
            );
        };
        let outside = quarters
            .iter()
            .find(|q| self.bounds.is_some_and(|(s, e)| **q < s || **q > e))?;
        Some(
            Diagnostic::error(
                &self.source.path,
                msg!(
                    "card.quarter_outside_schedule",
                    quarter = outside,
                    task = &task.name,
                    start = &self.schedule.start,
                    end = &self.schedule.end
                ),
            )
            .at(line, column)
            .hint(msg!("card.quarter_outside_schedule_hint")),
        )
    }

    /// A warning when the schedule starts before the term or ends after it. Plans often run
    /// past the term (budgets even have a 임기이후 column), so it is no error.
    fn past_term(&self, term: Option<&TermDates>) -> Option<Diagnostic> {
        let (term, (s, e)) = (term?, self.bounds?);
        let first = Quarter::of_date(&term.start);
        let last = Quarter::of_date(&term.end);
        (first.is_some_and(|f| s < f) || last.is_some_and(|l| e > l)).then(|| {
            warn_at(
                self.source,
                "end:",
                msg!(
                    "card.schedule_outside_term",
                    start = &self.schedule.start,
                    end = &self.schedule.end
                ),
            )
        })
    }
}
