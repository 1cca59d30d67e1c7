//! Budget sums: years add up to totals both ways, sources add up to the card's total budget,
//! spending adds up and stays within the budget, units agree; plus plausibility warnings.

use super::{num, same, warn_at};
use crate::diagnostics::{shown_path, Diagnostic};
use crate::messages::Message;
use crate::model::{Budget, BudgetRow, DataSet, Pledge, Source};

pub fn check(pledge: &Pledge) -> Vec<Diagnostic> {
    let Some(budget) = &pledge.data.budget else {
        return Vec::new();
    };
    let sources = &pledge.data_sources;
    let source = sources.rows(DataSet::Budget).unwrap_or(&pledge.index);
    let table = Table { budget, source };
    // The sums below take every row's value for each column, so rows must be full length.
    let problems = table.row_lengths();
    if !problems.is_empty() {
        return problems;
    }
    let mut problems = table.source_years();
    if let Some(total) = &budget.total {
        problems.extend(table.against_total(total));
    }
    problems.extend(table.overspent());
    let meta = sources.yaml(DataSet::Budget).unwrap_or(source);
    problems.extend(against_card(pledge, budget, meta));
    problems
}

/// The budget table and the file its rows were read from, so errors point at a row's line.
struct Table<'a> {
    budget: &'a Budget,
    source: &'a Source,
}

impl Table<'_> {
    /// An error at the line of the row named `row`.
    fn error(&self, row: &str, message: Message, hint: Message) -> Diagnostic {
        Diagnostic::error(&self.source.path, message)
            .at(self.source.line_of_row(row), 1)
            .hint(hint)
    }

    /// Every row has one value (or blank) per year column.
    fn row_lengths(&self) -> Vec<Diagnostic> {
        let budget = self.budget;
        let columns = budget.columns.len();
        let mut problems = Vec::new();
        for row in budget.total.iter().chain(&budget.sources) {
            if row.years.len() != columns {
                problems.push(self.error(
                    &row.name,
                    msg!(
                        "budget.row_length",
                        row = &row.name,
                        count = row.years.len(),
                        columns = columns
                    ),
                    msg!("budget.row_length_hint"),
                ));
            }
        }
        problems
    }

    /// Each source: its years add up to its total.
    fn source_years(&self) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        for row in &self.budget.sources {
            if let Some(total) = row.total {
                let sum: f64 = row.years.iter().flatten().sum();
                if row.years.iter().any(Option::is_some) && !same(sum, total) {
                    problems.push(self.error(
                        &row.name,
                        msg!(
                            "budget.source_years_sum",
                            row = &row.name,
                            sum = num(sum),
                            parts = terms(&self.budget.columns, &row.years),
                            total = num(total)
                        ),
                        msg!("budget.source_years_sum_hint"),
                    ));
                }
            }
        }
        problems
    }

    /// The sources add up to the total row: year by year, in total, and in spending.
    fn against_total(&self, total: &BudgetRow) -> Vec<Diagnostic> {
        let label = display(total);
        let mut problems = self.year_sums(total, label);
        problems.extend(self.sum_check(
            label,
            msg!("budget.sources_total_sum"),
            total.total,
            |r| r.total.or_else(|| non_empty_sum(&r.years)),
        ));
        problems.extend(self.sum_check(
            label,
            msg!("budget.sources_spent_sum", term = "집행액"),
            total.spent,
            |r| r.spent,
        ));
        problems
    }

    /// Each year: the sources add up to the total row (`label`).
    fn year_sums(&self, total: &BudgetRow, label: &str) -> Vec<Diagnostic> {
        let budget = self.budget;
        let mut problems = Vec::new();
        for (i, column) in budget.columns.iter().enumerate() {
            let stated = total.years[i];
            let parts: Vec<(String, f64)> = budget
                .sources
                .iter()
                .filter_map(|r| r.years[i].map(|v| (r.name.clone(), v)))
                .collect();
            let sum: f64 = parts.iter().map(|p| p.1).sum();
            if !same(stated.unwrap_or(0.0), sum) {
                problems.push(self.error(
                    label,
                    msg!(
                        "budget.year_sources_sum",
                        column = column,
                        sum = num(sum),
                        parts = explain(&parts),
                        label = label,
                        stated = stated.map_or("@budget.term_nothing".into(), num)
                    ),
                    msg!(
                        "budget.year_sources_sum_hint",
                        sources = "국비 + 시비 + 구비 + 민자"
                    ),
                ));
            }
        }
        problems
    }

    /// The sources' `value`s add up to `stated`, else `message` (what is summed) is reported,
    /// with `{sum}`, `{parts}`, `{label}` and `{stated}` filled in.
    fn sum_check(
        &self,
        label: &str,
        message: Message,
        stated: Option<f64>,
        value: impl Fn(&BudgetRow) -> Option<f64>,
    ) -> Option<Diagnostic> {
        let parts: Vec<(String, f64)> = self
            .budget
            .sources
            .iter()
            .filter_map(|r| value(r).map(|v| (r.name.clone(), v)))
            .collect();
        if parts.is_empty() && stated.is_none() {
            return None;
        }
        let sum: f64 = parts.iter().map(|p| p.1).sum();
        (!same(sum, stated.unwrap_or(0.0))).then(|| {
            self.error(
                label,
                message
                    .arg("sum", num(sum))
                    .arg("parts", explain(&parts))
                    .arg("label", label)
                    .arg("stated", stated.map_or("@budget.term_nothing".into(), num)),
                msg!("budget.sources_sum_hint", label = label),
            )
        })
    }

    /// Spending never exceeds the budget of its row.
    fn overspent(&self) -> Vec<Diagnostic> {
        let budget = self.budget;
        let mut problems = Vec::new();
        for row in budget.total.iter().chain(&budget.sources) {
            let budgeted = row.total.or_else(|| non_empty_sum(&row.years));
            if let (Some(spent), Some(budgeted)) = (row.spent, budgeted) {
                if spent > budgeted + 1e-6 {
                    problems.push(self.error(
                        &row.name,
                        msg!(
                            "budget.overspent",
                            row = display(row),
                            spent = num(spent),
                            budgeted = num(budgeted)
                        ),
                        msg!("budget.overspent_hint", term = "집행액"),
                    ));
                }
            }
        }
        problems
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
                    msg!(
                        "budget.unit_differs",
                        unit = &budget.unit,
                        card_unit = &card.unit,
                        file = shown_path(&index.path)
                    ),
                )
                .at_position(source.spot("budget.unit", "unit"))
                .hint(msg!("budget.unit_differs_hint", example = "백만원")),
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
                    msg!(
                        "budget.card_total_differs",
                        card_total = num(card.total),
                        card_unit = &card.unit,
                        sum = num(sources_total),
                        unit = &budget.unit
                    ),
                )
                .at_position(index.spot("budget.total", "budget:"))
                .hint(msg!(
                    "budget.card_total_differs_hint",
                    file = shown_path(&source.path)
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
        problems.push(warn_at(source, "budget", msg!("budget.empty")));
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
            msg!(
                "budget.mostly_national",
                own = "자체",
                percent = num((national / sources_total * 1000.0).round() / 10.0),
                national = "국비"
            ),
        )
        .hint(msg!(
            "budget.mostly_national_hint",
            field = "주체",
            choices = "국가/시/자체"
        ))
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
        return "@budget.term_no_amounts".into();
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
