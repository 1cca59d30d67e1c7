//! Targets: categories add up to the stated total, the yearly series reaches baseline +
//! increase, and as-of dates lie inside the term; empty data sets are warned about.

use super::card::outside_term;
use super::{not_a_date, num, same, TermDates};
use crate::calendar::Date;
use crate::diagnostics::Diagnostic;
use crate::messages::Message;
use crate::model::{Categories, CategoryItem, DataSet, Pledge, Source, TargetActual};

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
fn categories(pledge: &Pledge, c: &Categories, term: Option<&TermDates>) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let source = pledge
        .data_sources
        .yaml(DataSet::Categories)
        .unwrap_or(&pledge.index);
    if c.items.is_empty() {
        problems.push(
            Diagnostic::warning(&source.path, msg!("targets.categories_empty"))
                .at_position(source.spot("categories", "categories")),
        );
    }
    if let Some(total) = &c.total {
        problems.extend(category_sums(source, &c.items, total));
    }
    if let Some(as_of) = &c.actual_as_of {
        problems.extend(actual_as_of(source, as_of, term));
    }
    problems
}

/// The items' targets, and their actuals when every item has one, add up to the total's.
fn category_sums(source: &Source, items: &[CategoryItem], total: &TargetActual) -> Vec<Diagnostic> {
    let targets = target_sum(items, total.target);
    let actuals = total.actual.and_then(|stated| actual_sum(items, stated));
    if targets.is_none() && actuals.is_none() {
        return Vec::new();
    }
    let line = source.spot("categories.total", "total");
    targets
        .into_iter()
        .chain(actuals)
        .map(|message| {
            Diagnostic::error(&source.path, message)
                .at_position(line)
                .hint(msg!("targets.categories_sum_hint"))
        })
        .collect()
}

/// Why the items' targets do not add up to `stated`, if they do not (and there are items).
fn target_sum(items: &[CategoryItem], stated: f64) -> Option<Message> {
    let targets: f64 = items.iter().map(|i| i.target).sum();
    (!items.is_empty() && !same(targets, stated)).then(|| {
        msg!(
            "targets.categories_target_sum",
            sum = num(targets),
            parts = plus(items.iter().map(|i| i.target)),
            total = num(stated)
        )
    })
}

/// Why the items' actuals do not add up to `stated`, if every item has one and they do not.
fn actual_sum(items: &[CategoryItem], stated: f64) -> Option<Message> {
    let actuals: Vec<f64> = items.iter().filter_map(|i| i.actual).collect();
    (actuals.len() == items.len() && !same(actuals.iter().sum(), stated)).then(|| {
        msg!(
            "targets.categories_actual_sum",
            sum = num(actuals.iter().sum()),
            parts = plus(actuals.iter().copied()),
            total = num(stated)
        )
    })
}

/// The numbers as a sum written out: `10 + 20 + 5`.
fn plus(values: impl Iterator<Item = f64>) -> String {
    values.map(num).collect::<Vec<_>>().join(" + ")
}

/// The categories' `actual_as_of` is a date inside the term.
fn actual_as_of(source: &Source, as_of: &str, term: Option<&TermDates>) -> Option<Diagnostic> {
    let line = || source.spot("categories.actual_as_of", "actual_as_of");
    match Date::parse(as_of) {
        None => {
            let (message, hint) = not_a_date(as_of);
            Some(
                Diagnostic::error(&source.path, message)
                    .at_position(line())
                    .hint(hint),
            )
        }
        Some(d) => outside_term(term, d, || {
            Diagnostic::error(
                &source.path,
                msg!("targets.actual_as_of_outside_term", as_of = as_of),
            )
            .at_position(line())
        }),
    }
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
