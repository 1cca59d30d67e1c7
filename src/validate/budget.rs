//! Budget sums: years add up to totals both ways, sources add up to the card's total budget,
//! spending adds up and stays within the budget, units agree; plus plausibility warnings.

use super::{num, same, warn_at};
use crate::diagnostics::Diagnostic;
use crate::model::{Budget, BudgetRow, DataSet, Pledge, Source};

pub fn check(pledge: &Pledge) -> Vec<Diagnostic> {
    let Some(budget) = &pledge.data.budget else {
        return Vec::new();
    };
    let sources = &pledge.data_sources;
    let source = sources.rows(DataSet::Budget).unwrap_or(&pledge.index);
    let mut problems = Vec::new();
    let error = |row: &str, message: String, hint: &str| {
        Diagnostic::error(&source.path, message)
            .at(source.line_of_row(row), 1)
            .hint(hint)
    };
    let columns = budget.columns.len();
    for row in budget.total.iter().chain(&budget.sources) {
        if row.years.len() != columns {
            problems.push(error(
                &row.name,
                format!(
                    "budget row `{}` has {} yearly amounts but there are {columns} columns",
                    row.name,
                    row.years.len()
                ),
                "give one amount per column; use null (YAML) or an empty cell (CSV) for none",
            ));
        }
    }
    if !problems.is_empty() {
        return problems;
    }
    // Each source: its years add up to its total.
    for row in &budget.sources {
        if let Some(total) = row.total {
            let sum: f64 = row.years.iter().flatten().sum();
            if row.years.iter().any(Option::is_some) && !same(sum, total) {
                problems.push(error(
                    &row.name,
                    format!(
                        "budget: the years of {} add up to {} ({}), but its total says {}",
                        row.name,
                        num(sum),
                        terms(&budget.columns, &row.years),
                        num(total)
                    ),
                    "correct the yearly amounts or the total so they agree",
                ));
            }
        }
    }
    if let Some(total) = &budget.total {
        let label = if total.name.is_empty() {
            "계"
        } else {
            total.name.as_str()
        };
        // Each year: the sources add up to the total row.
        for (i, column) in budget.columns.iter().enumerate() {
            let stated = total.years[i];
            let parts: Vec<(String, f64)> = budget
                .sources
                .iter()
                .filter_map(|r| r.years[i].map(|v| (r.name.clone(), v)))
                .collect();
            let sum: f64 = parts.iter().map(|p| p.1).sum();
            if !same(stated.unwrap_or(0.0), sum) {
                problems.push(error(label, format!(
                    "budget: the sources for {column} add up to {} ({}), but the {label} row says {}",
                    num(sum),
                    explain(&parts),
                    stated.map_or("nothing".into(), num)
                ), "a year's total is the sum of its funding sources (국비 + 시비 + 구비 + 민자)"));
            }
        }
        sum_check(
            &mut problems,
            &error,
            label,
            "total",
            total.total,
            &budget.sources,
            |r| r.total.or_else(|| non_empty_sum(&r.years)),
        );
        sum_check(
            &mut problems,
            &error,
            label,
            "spending (집행액)",
            total.spent,
            &budget.sources,
            |r| r.spent,
        );
    }
    // Spending never exceeds the budget of its row.
    for row in budget.total.iter().chain(&budget.sources) {
        let budgeted = row.total.or_else(|| non_empty_sum(&row.years));
        if let (Some(spent), Some(budgeted)) = (row.spent, budgeted) {
            if spent > budgeted + 1e-6 {
                problems.push(error(
                    &row.name,
                    format!(
                        "budget: {} spent {} but was budgeted {}",
                        display(row),
                        num(spent),
                        num(budgeted)
                    ),
                    "spending to date (집행액) cannot exceed the budget; check both figures",
                ));
            }
        }
    }
    let meta = sources.yaml(DataSet::Budget).unwrap_or(source);
    problems.extend(against_card(pledge, budget, meta));
    problems
}

fn sum_check(
    problems: &mut Vec<Diagnostic>,
    error: &impl Fn(&str, String, &str) -> Diagnostic,
    label: &str,
    what: &str,
    stated: Option<f64>,
    sources: &[BudgetRow],
    value: impl Fn(&BudgetRow) -> Option<f64>,
) {
    let parts: Vec<(String, f64)> = sources
        .iter()
        .filter_map(|r| value(r).map(|v| (r.name.clone(), v)))
        .collect();
    if parts.is_empty() && stated.is_none() {
        return;
    }
    let sum: f64 = parts.iter().map(|p| p.1).sum();
    if !same(sum, stated.unwrap_or(0.0)) {
        problems.push(error(
            label,
            format!(
                "budget: the sources' {what} add up to {} ({}), but the {label} row says {}",
                num(sum),
                explain(&parts),
                stated.map_or("nothing".into(), num)
            ),
            "the 계 row is the sum of the funding-source rows",
        ));
    }
}

/// The card's total budget, unit and executing body against the budget table.
fn against_card(pledge: &Pledge, budget: &Budget, source: &Source) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let index = &pledge.index;
    let sources_total: f64 = budget
        .sources
        .iter()
        .filter_map(|r| r.total.or_else(|| non_empty_sum(&r.years)))
        .sum();
    if let Some(card) = &pledge.card.budget {
        if card.unit != budget.unit {
            problems.push(
                Diagnostic::error(
                    &source.path,
                    format!(
                        "budget unit `{}` differs from the card's `{}` ({})",
                        budget.unit,
                        card.unit,
                        index.path.display()
                    ),
                )
                .at(source.line_of("unit"), 1)
                .hint("use one unit for the pledge, e.g. 백만원 in both"),
            );
        } else if budget
            .sources
            .iter()
            .any(|r| r.total.is_some() || r.years.iter().any(Option::is_some))
            && !same(sources_total, card.total)
        {
            problems.push(
                Diagnostic::error(
                    &index.path,
                    format!(
                        "the card's total budget is {} {}, but the funding sources add up to {} {}",
                        num(card.total),
                        card.unit,
                        num(sources_total),
                        budget.unit
                    ),
                )
                .at(index.line_of("budget:"), 1)
                .hint(format!(
                    "correct the card (budget.total) or {}",
                    source.path.display()
                )),
            );
        }
    }
    problems.extend(executing_body(pledge, budget, sources_total));
    let has_amounts = budget
        .total
        .iter()
        .chain(&budget.sources)
        .any(|r| r.total.is_some() || r.spent.is_some() || r.years.iter().any(Option::is_some));
    if !has_amounts {
        problems.push(warn_at(
            source,
            "budget",
            "the budget has no amounts, so its table and charts are empty".into(),
        ));
    }
    problems
}

/// A warning when the card says 자체 (the district pays) but most of the money is 국비.
fn executing_body(pledge: &Pledge, budget: &Budget, sources_total: f64) -> Option<Diagnostic> {
    let index = &pledge.index;
    let national: f64 = budget
        .sources
        .iter()
        .filter(|r| r.name.replace(' ', "") == "국비")
        .filter_map(|r| r.total)
        .sum();
    let mostly_national = pledge.card.executing_body.trim() == "자체"
        && sources_total > 0.0
        && national * 2.0 > sources_total;
    mostly_national.then(|| {
        warn_at(
            index,
            "executing_body:",
            format!(
                "executing body is 자체 but {}% of the budget is 국비",
                num((national / sources_total * 1000.0).round() / 10.0)
            ),
        )
        .hint("check 주체 (국가/시/자체): it usually follows who pays most")
    })
}

fn non_empty_sum(values: &[Option<f64>]) -> Option<f64> {
    values
        .iter()
        .any(Option::is_some)
        .then(|| values.iter().flatten().sum())
}

fn display(row: &BudgetRow) -> &str {
    if row.name.is_empty() {
        "계"
    } else {
        &row.name
    }
}

fn explain(parts: &[(String, f64)]) -> String {
    if parts.is_empty() {
        return "no amounts".into();
    }
    parts
        .iter()
        .map(|(n, v)| format!("{n} {}", num(*v)))
        .collect::<Vec<_>>()
        .join(" + ")
}

fn terms(columns: &[String], years: &[Option<f64>]) -> String {
    let parts: Vec<(String, f64)> = columns
        .iter()
        .zip(years)
        .filter_map(|(c, v)| v.map(|v| (c.clone(), v)))
        .collect();
    explain(&parts)
}
