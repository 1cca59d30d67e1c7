//! Targets: categories add up to the stated total, the yearly series reaches baseline +
//! increase, and as-of dates lie inside the term; empty data sets are warned about.

use super::card::outside_term;
use super::{not_a_date, num, same, TermDates};
use crate::calendar::Date;
use crate::diagnostics::Diagnostic;
use crate::model::{DataSet, Pledge};

pub fn check(pledge: &Pledge, term: Option<&TermDates>) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    if let Some(c) = &pledge.data.categories {
        problems.extend(categories(pledge, c, term));
    }
    if let Some(t) = &pledge.data.targets {
        problems.extend(yearly(pledge, t));
    }
    problems
}

/// Categories add up to their total, have items, and their actuals are dated inside the term.
fn categories(
    pledge: &Pledge,
    c: &crate::model::Categories,
    term: Option<&TermDates>,
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let source = pledge
        .data_sources
        .yaml(DataSet::Categories)
        .unwrap_or(&pledge.index);
    let line = source.spot("categories.total", "total");
    if c.items.is_empty() {
        problems.push(
            Diagnostic::warning(&source.path, msg!("targets.categories_empty"))
                .at_position(source.spot("categories", "categories")),
        );
    }
    if let Some(total) = &c.total {
        let targets: f64 = c.items.iter().map(|i| i.target).sum();
        if !c.items.is_empty() && !same(targets, total.target) {
            let parts = c
                .items
                .iter()
                .map(|i| num(i.target))
                .collect::<Vec<_>>()
                .join(" + ");
            problems.push(
                Diagnostic::error(
                    &source.path,
                    msg!(
                        "targets.categories_target_sum",
                        sum = num(targets),
                        parts = parts,
                        total = num(total.target)
                    ),
                )
                .at_position(line)
                .hint(msg!("targets.categories_sum_hint")),
            );
        }
        let actuals: Vec<f64> = c.items.iter().filter_map(|i| i.actual).collect();
        if let Some(stated) = total.actual {
            if actuals.len() == c.items.len() && !same(actuals.iter().sum(), stated) {
                let parts = actuals
                    .iter()
                    .map(|a| num(*a))
                    .collect::<Vec<_>>()
                    .join(" + ");
                problems.push(
                    Diagnostic::error(
                        &source.path,
                        msg!(
                            "targets.categories_actual_sum",
                            sum = num(actuals.iter().sum()),
                            parts = parts,
                            total = num(stated)
                        ),
                    )
                    .at_position(line)
                    .hint(msg!("targets.categories_sum_hint")),
                );
            }
        }
    }
    if let Some(as_of) = &c.actual_as_of {
        let line = source.spot("categories.actual_as_of", "actual_as_of");
        match Date::parse(as_of) {
            None => {
                let (message, hint) = not_a_date(as_of);
                problems.push(
                    Diagnostic::error(&source.path, message)
                        .at_position(line)
                        .hint(hint),
                );
            }
            Some(d) => problems.extend(outside_term(term, d, || {
                Diagnostic::error(
                    &source.path,
                    msg!("targets.actual_as_of_outside_term", as_of = as_of),
                )
                .at_position(line)
            })),
        }
    }
    problems
}

/// Yearly targets reach baseline + increase, in year order.
fn yearly(pledge: &Pledge, t: &crate::model::Targets) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let source = pledge
        .data_sources
        .yaml(DataSet::Targets)
        .unwrap_or(&pledge.index);
    if t.years.is_empty() {
        problems.push(
            Diagnostic::warning(&source.path, msg!("targets.years_empty"))
                .at_position(source.spot("targets.years", "targets")),
        );
    }
    if let (Some(increase), Some(last)) = (t.increase, t.years.last()) {
        let goal = t.baseline.value + increase;
        if !same(goal, last.target) {
            problems.push(
                Diagnostic::error(
                    &source.path,
                    msg!(
                        "targets.last_target",
                        baseline = num(t.baseline.value),
                        increase = num(increase),
                        goal = num(goal),
                        year = last.year,
                        target = num(last.target)
                    ),
                )
                .at_position(source.spot(
                    &format!("targets.years.{}.target", t.years.len() - 1),
                    &format!("year: {}", last.year),
                ))
                .hint(msg!("targets.last_target_hint")),
            );
        }
    }
    let mut previous = t.baseline.year;
    for (i, y) in t.years.iter().enumerate() {
        if y.year <= previous {
            problems.push(
                Diagnostic::error(
                    &source.path,
                    msg!("targets.year_order", year = y.year, previous = previous),
                )
                .at_position(source.spot(
                    &format!("targets.years.{i}.year"),
                    &format!("year: {}", y.year),
                ))
                .hint(msg!("targets.year_order_hint")),
            );
        }
        previous = y.year;
    }
    problems
}
