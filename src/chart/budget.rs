//! Budget by year stacked by funding source, source shares, and spending against budget.

use super::canvas::{draw, rgb, Anchor, Canvas, DrawResult, Text};
use super::narrow::{BarRow, Layout, Narrow};
use super::scale::Scale;
use super::targets::{legend, value_axis};
use super::{finish, num, Drawn, INK, ON_DARK, PALETTE};
use crate::i18n::Strings;
use crate::model::{Budget, BudgetRow, DataSet};

const WIDTH: f64 = 720.0;

/// Sources with any amount, with their colour (by position, so 국비 is always the first colour).
pub(super) fn funded(b: &Budget) -> Vec<(&BudgetRow, &'static str)> {
    b.sources
        .iter()
        .enumerate()
        .filter(|(_, r)| r.total.is_some() || r.years.iter().any(Option::is_some))
        .map(|(i, r)| (r, PALETTE[i % PALETTE.len()]))
        .collect()
}

pub(super) fn source_total(r: &BudgetRow) -> f64 {
    r.total.unwrap_or_else(|| r.years.iter().flatten().sum())
}

pub(super) fn pct(part: f64, whole: f64) -> String {
    if whole == 0.0 {
        "-".into()
    } else {
        crate::format::rate(part / whole * 100.0)
    }
}

/// Each year's budget as a bar stacked by funding source, with the year's total above it.
pub fn by_year(b: &Budget, pledge: &str, s: &Strings) -> Drawn {
    let name = "budget-by-year";
    let Some(layout) = YearLayout::of(b) else {
        return Ok(None);
    };
    let title = s.get("chart.budget_by_year").to_string();
    let svg = draw(WIDTH as u32, 370, |c| layout.draw(c, &title, s)).map_err(|e| (name, e))?;
    let desc = layout.describe(&title, s);
    // On a phone: a bar per year, its sources stacked, its total after it.
    let rows = layout
        .columns
        .iter()
        .enumerate()
        .map(|(i, year)| BarRow {
            track: None,
            label: year.clone(),
            parts: layout
                .rows
                .iter()
                .filter_map(|(r, colour)| {
                    Some((r.years.get(i).copied().flatten()?, colour.to_string()))
                })
                .collect(),
            // A year no source has an amount for is "-", as in the table, not 0.
            text: if layout
                .rows
                .iter()
                .any(|(r, _)| r.years.get(i).copied().flatten().is_some())
            {
                num(layout.totals[i])
            } else {
                "-".to_string()
            },
        })
        .collect();
    let narrow = Narrow {
        title: title.to_string(),
        note: unit_note(layout.unit, s),
        legend: legend_of(&layout.rows),
        layout: Layout::Bars {
            rows,
            max: layout.totals.iter().copied().fold(0.0, f64::max),
        },
    };
    let chart = finish(
        name,
        Some(DataSet::Budget),
        format!("{title} — {pledge}"),
        desc,
        svg,
    );
    Ok(Some(chart.with_narrow(&narrow)?))
}

/// "단위: 백만원", or nothing without a unit.
pub(super) fn unit_note(unit: &str, s: &Strings) -> String {
    if unit.is_empty() {
        String::new()
    } else {
        s.fill("chart.unit", &[("unit", &unit)])
    }
}

/// The sources' names and colours, for a phone chart's legend.
fn legend_of(rows: &[(&BudgetRow, &'static str)]) -> Vec<(String, String)> {
    rows.iter()
        .map(|(r, colour)| (r.name.clone(), colour.to_string()))
        .collect()
}

/// Where everything of the budget-by-year chart goes: the funded sources, each year's total,
/// the value scale and the year columns.
struct YearLayout<'a> {
    columns: &'a [String],
    unit: &'a str,
    /// Sources with any amount, with their colour, in stacking order.
    rows: Vec<(&'a BudgetRow, &'static str)>,
    /// Each year's sum over the sources.
    totals: Vec<f64>,
    y: Scale,
    /// The plot's edges, each year column's width and the width of its bar.
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
    step: f64,
    bar: f64,
}

impl<'a> YearLayout<'a> {
    /// The layout for `b`; `None` if no source has an amount or there are no years.
    fn of(b: &'a Budget) -> Option<YearLayout<'a>> {
        let rows = funded(b);
        if rows.is_empty() || b.columns.is_empty() {
            return None;
        }
        let totals: Vec<f64> = (0..b.columns.len())
            .map(|i| {
                rows.iter()
                    .filter_map(|(r, _)| r.years.get(i).copied().flatten())
                    .sum()
            })
            .collect();
        let max = totals.iter().cloned().fold(0.0, f64::max);
        let (top, bottom, left, right) = (80.0, 330.0, 70.0, WIDTH - 24.0);
        let y = Scale::nice(0.0, max * 1.08, 4, bottom, top);
        let step = (right - left) / b.columns.len() as f64;
        let bar = (step * 0.56).min(72.0);
        Some(YearLayout {
            columns: &b.columns,
            unit: b.unit.as_str(),
            rows,
            totals,
            y,
            left,
            right,
            top,
            bottom,
            step,
            bar,
        })
    }

    /// Title, legend, value axis, one stacked bar per year and the baseline.
    fn draw(&self, c: &Canvas, title: &str, s: &Strings) -> DrawResult {
        c.write(Text::Title, title, (16.0, 22.0), Anchor::Start)?;
        let entries: Vec<(&str, &str)> = self
            .rows
            .iter()
            .map(|(r, colour)| (r.name.as_str(), *colour))
            .collect();
        legend(c, &entries, self.right, 50.0)?;
        value_axis(c, &self.y, (self.left, self.right, self.top), self.unit, s)?;
        for (i, column) in self.columns.iter().enumerate() {
            self.draw_year(c, i, column)?;
        }
        let (left, right, bottom) = (self.left, self.right, self.bottom);
        c.line(&[(left, bottom), (right, bottom)], rgb(INK), 1)
    }

    /// Year `i`: its stacked bar, its total above it and its name below the baseline.
    fn draw_year(&self, c: &Canvas, i: usize, column: &str) -> DrawResult {
        let cx = self.left + self.step * (i as f64 + 0.5);
        self.draw_stack(c, i, cx)?;
        let total = self.totals[i];
        let label = if total > 0.0 { num(total) } else { "-".into() };
        let above = (cx, self.y.at(total) - 10.0);
        c.write(Text::Label, &label, above, Anchor::Middle)?;
        c.write(Text::Body, column, (cx, self.bottom + 16.0), Anchor::Middle)
    }

    /// Year `i`'s sources stacked upwards from the baseline in the bar centred at `cx`, each
    /// segment tall enough for it labelled with its amount.
    fn draw_stack(&self, c: &Canvas, i: usize, cx: f64) -> DrawResult {
        let (x0, x1) = (cx - self.bar / 2.0, cx + self.bar / 2.0);
        let mut base = 0.0;
        for (r, colour) in &self.rows {
            let Some(v) = r.years.get(i).copied().flatten() else {
                continue;
            };
            let (y0, y1) = (self.y.at(base + v), self.y.at(base));
            c.rect(x0, y0, x1, y1, rgb(colour))?;
            if y1 - y0 >= 16.0 {
                c.text(
                    &num(v),
                    (cx, (y0 + y1) / 2.0),
                    11.5,
                    rgb(ink_on(colour)),
                    Anchor::Middle,
                    false,
                )?;
            }
            base += v;
        }
        Ok(())
    }

    /// The yearly totals and each source's total in words.
    fn describe(&self, title: &str, s: &Strings) -> String {
        let unit = self.unit;
        let years = self
            .columns
            .iter()
            .zip(&self.totals)
            .filter(|(_, t)| **t > 0.0)
            .map(|(c, t)| format!("{c} {}", num(*t)))
            .collect::<Vec<_>>()
            .join(", ");
        let by_source = self
            .rows
            .iter()
            .map(|(r, _)| format!("{} {}", r.name, num(source_total(r))))
            .collect::<Vec<_>>()
            .join(", ");
        s.fill(
            "chart.budget_by_year_desc",
            &[
                ("title", &title),
                ("unit", &unit),
                ("years", &years),
                ("sources", &by_source),
            ],
        )
    }
}

/// The colour of an amount written on a bar of `colour`: white on the dark series colours.
fn ink_on(colour: &str) -> &'static str {
    if colour == PALETTE[0] || colour == PALETTE[2] {
        ON_DARK
    } else {
        INK
    }
}

fn share_rows(b: &Budget) -> Vec<(String, f64, &'static str)> {
    funded(b)
        .into_iter()
        .map(|(r, colour)| (r.name.clone(), source_total(r), colour))
        .filter(|(_, v, _)| *v > 0.0)
        .collect()
}

pub fn sources(b: &Budget, pledge: &str, s: &Strings) -> Drawn {
    let name = "budget-sources";
    let rows = share_rows(b);
    let whole: f64 = rows.iter().map(|r| r.1).sum();
    if rows.is_empty() || whole <= 0.0 {
        return Ok(None);
    }
    let unit = b.unit.as_str();
    let title = s.get("chart.budget_sources").to_string();
    let (left, right) = (16.0, WIDTH - 16.0);
    let height = 110.0 + 24.0 * rows.len() as f64;
    let svg = draw(WIDTH as u32, height as u32, |c| {
        c.write(Text::Title, &title, (left, 22.0), Anchor::Start)?;
        let mut x = left;
        for (_, v, colour) in &rows {
            let w = (right - left) * v / whole;
            c.rect(x, 44.0, x + w, 76.0, rgb(colour))?;
            x += w;
        }
        for (i, (label, v, colour)) in rows.iter().enumerate() {
            let ly = 100.0 + 24.0 * i as f64;
            c.rect(left, ly - 7.0, left + 14.0, ly + 7.0, rgb(colour))?;
            c.write(Text::Label, label, (left + 22.0, ly), Anchor::Start)?;
            let text = format!("{} {unit} ({})", num(*v), pct(*v, whole));
            c.text(
                &text,
                (left + 150.0, ly),
                12.5,
                rgb(INK),
                Anchor::Start,
                false,
            )?;
        }
        Ok(())
    })
    .map_err(|e| (name, e))?;
    let desc = rows
        .iter()
        .map(|(label, v, _)| format!("{label} {} {unit}({})", num(*v), pct(*v, whole)))
        .collect::<Vec<_>>()
        .join(", ");
    let narrow = Narrow {
        title: title.to_string(),
        note: unit_note(unit, s),
        legend: Vec::new(),
        layout: Layout::Bars {
            rows: rows
                .iter()
                .map(|(label, v, colour)| BarRow {
                    track: None,
                    label: label.clone(),
                    parts: vec![(*v, colour.to_string())],
                    text: format!("{} ({})", num(*v), pct(*v, whole)),
                })
                .collect(),
            max: rows.iter().map(|r| r.1).fold(0.0, f64::max),
        },
    };
    let chart = finish(
        name,
        Some(DataSet::Budget),
        format!("{title} — {pledge}"),
        format!("{title}: {desc}."),
        svg,
    );
    Ok(Some(chart.with_narrow(&narrow)?))
}
