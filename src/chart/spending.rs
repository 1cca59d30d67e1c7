//! Spending against budget (사업비 대비 집행액): each source's spending on its budget.

use super::budget::{funded, pct, source_total};
use super::canvas::{draw, rgb, Anchor, Text};
use super::narrow::{BarRow, Layout, Narrow};
use super::{finish, num, Drawn, TOTAL_BAR, TRACK};
use crate::i18n::Strings;
use crate::model::{Budget, DataSet};

const WIDTH: f64 = 720.0;

/// Rows of the spending chart: (label, budget, spent, colour), the total first.
fn spending_rows(b: &Budget, s: &Strings) -> Vec<(String, f64, f64, &'static str)> {
    let mut rows: Vec<(String, f64, f64, &'static str)> = Vec::new();
    if let Some(total) = &b.total {
        if let (Some(budget), Some(spent)) = (total.total, total.spent) {
            rows.push((
                if total.name.is_empty() {
                    s.get("table.total").to_string()
                } else {
                    total.name.clone()
                },
                budget,
                spent,
                TOTAL_BAR,
            ));
        }
    }
    for (r, colour) in funded(b) {
        if let (Some(spent), budget) = (r.spent, source_total(r)) {
            rows.push((r.name.clone(), budget, spent, colour));
        }
    }
    rows
}

pub fn spending(b: &Budget, pledge: &str, s: &Strings) -> Drawn {
    let name = "budget-spending";
    let unit = b.unit.as_str();
    let rows = spending_rows(b, s);
    if rows.is_empty() {
        return Ok(None);
    }
    let title = match &b.spent_period {
        Some(period) => s.fill("chart.budget_spending_period", &[("period", period)]),
        None => s.get("chart.budget_spending").to_string(),
    };
    let max = rows.iter().map(|r| r.1.max(r.2)).fold(0.0, f64::max);
    let (left, right, top) = (90.0, WIDTH - 190.0, 60.0);
    let row_h = 34.0;
    let height = top + row_h * rows.len() as f64 + 20.0;
    let svg = draw(WIDTH as u32, height as u32, |c| {
        c.write(Text::Title, &title, (16.0, 22.0), Anchor::Start)?;
        c.write(
            Text::Note,
            &s.fill("chart.budget_spending_note", &[("unit", &unit)]),
            (16.0, 42.0),
            Anchor::Start,
        )?;
        for (i, (label, budget, spent, colour)) in rows.iter().enumerate() {
            let cy = top + row_h * i as f64 + row_h / 2.0;
            let w = |v: f64| (right - left) * v / max;
            c.write(Text::Label, label, (left - 10.0, cy), Anchor::End)?;
            c.rect(left, cy - 11.0, left + w(*budget), cy + 11.0, rgb(TRACK))?;
            c.rect(left, cy - 6.0, left + w(*spent), cy + 6.0, rgb(colour))?;
            let text = format!(
                "{} / {} ({})",
                num(*spent),
                num(*budget),
                pct(*spent, *budget)
            );
            c.write(Text::Body, &text, (right + 10.0, cy), Anchor::Start)?;
        }
        Ok(())
    })
    .map_err(|e| (name, e))?;
    let desc = rows
        .iter()
        .map(|(label, budget, spent, _)| {
            s.fill(
                "chart.budget_spending_item",
                &[
                    ("label", label),
                    ("budget", &num(*budget)),
                    ("spent", &num(*spent)),
                    ("share", &pct(*spent, *budget)),
                ],
            )
        })
        .collect::<Vec<_>>()
        .join(", ");
    // On a phone: each row's spending as a bar against the largest budget, then the figures.
    let narrow = spending_narrow(&title, unit, &rows, max, s);
    let chart = finish(
        name,
        Some(DataSet::Budget),
        format!("{title} — {pledge}"),
        s.fill(
            "chart.desc_with_unit",
            &[("title", &title), ("unit", &unit), ("desc", &desc)],
        ),
        svg,
    );
    Ok(Some(chart.with_narrow(&narrow)?))
}

/// The spending chart for phones: each row's spending on its budget's track, then the figures.
fn spending_narrow(
    title: &str,
    unit: &str,
    rows: &[(String, f64, f64, &'static str)],
    max: f64,
    s: &Strings,
) -> Narrow {
    Narrow {
        title: title.to_string(),
        note: s.fill("chart.budget_spending_note", &[("unit", &unit)]),
        legend: Vec::new(),
        layout: Layout::Bars {
            rows: rows
                .iter()
                .map(|(label, budget, spent, colour)| BarRow {
                    track: Some(*budget),
                    label: label.clone(),
                    parts: vec![(*spent, colour.to_string())],
                    text: format!(
                        "{} / {} ({})",
                        num(*spent),
                        num(*budget),
                        pct(*spent, *budget)
                    ),
                })
                .collect(),
            max,
        },
    }
}
