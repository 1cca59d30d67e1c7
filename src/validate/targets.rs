//! Targets: categories add up to the stated total, the yearly series reaches baseline +
//! increase, and as-of dates lie inside the term; empty data sets are warned about.

use super::card::outside_term;
use super::{num, same, TermDates};
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
    let line = source.line_of("total");
    if c.items.is_empty() {
        problems.push(
            Diagnostic::warning(
                &source.path,
                "categories has no items, so its table and chart are empty",
            )
            .at(source.line_of("categories"), 1),
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
                    format!(
                    "categories: the targets add up to {} ({parts}), but the total target is {}",
                    num(targets), num(total.target)
                ),
                )
                .at(line, 1)
                .hint("the total is the sum of the categories; correct one of them"),
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
                    Diagnostic::error(&source.path, format!(
                        "categories: the actuals add up to {} ({parts}), but the total actual is {}",
                        num(actuals.iter().sum()), num(stated)
                    ))
                    .at(line, 1)
                    .hint("the total is the sum of the categories; correct one of them"),
                );
            }
        }
    }
    if let Some(as_of) = &c.actual_as_of {
        let line = source.line_of("actual_as_of");
        match Date::parse(as_of) {
            None => problems.push(
                Diagnostic::error(&source.path, format!("`{as_of}` is not a date"))
                    .at(line, 1)
                    .hint("write YYYY-MM or YYYY-MM-DD"),
            ),
            Some(d) => problems.extend(outside_term(term, d, || {
                Diagnostic::error(
                    &source.path,
                    format!("actual_as_of {as_of} is outside the term"),
                )
                .at(line, 1)
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
            Diagnostic::warning(
                &source.path,
                "targets has no years, so its table and chart are empty",
            )
            .at(source.line_of("targets"), 1),
        );
    }
    if let (Some(increase), Some(last)) = (t.increase, t.years.last()) {
        let goal = t.baseline.value + increase;
        if !same(goal, last.target) {
            problems.push(
                Diagnostic::error(
                    &source.path,
                    format!(
                        "targets: baseline {} + increase {} = {}, but the {} target is {}",
                        num(t.baseline.value),
                        num(increase),
                        num(goal),
                        last.year,
                        num(last.target)
                    ),
                )
                .at(source.line_of(&format!("year: {}", last.year)), 1)
                .hint("the last yearly target is the baseline plus the pledged increase"),
            );
        }
    }
    let mut previous = t.baseline.year;
    for y in &t.years {
        if y.year <= previous {
            problems.push(
                Diagnostic::error(
                    &source.path,
                    format!("targets: year {} does not come after {previous}", y.year),
                )
                .at(source.line_of(&format!("year: {}", y.year)), 1)
                .hint("list the years in order, after the baseline year"),
            );
        }
        previous = y.year;
    }
    problems
}
