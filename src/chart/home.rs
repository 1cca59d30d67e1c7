//! Home-page charts: status distribution, progress by area, budget by area and source.

use super::canvas::{draw, rgb, text_width, Anchor, Canvas, DrawResult, Text};
use super::narrow::{BarRow, Layout, Narrow};
use super::targets::legend;
use super::{finish, num, Drawn, INK, PALETTE};
use crate::dashboard::Dashboard;
use crate::i18n::Strings;
use crate::model::Site;
use std::collections::BTreeMap;

const WIDTH: f64 = 720.0;

pub fn all(site: &Site, dashboard: &Dashboard, tr: &Strings) -> Vec<Drawn> {
    if dashboard.total == 0 {
        return Vec::new();
    }
    vec![
        statuses(dashboard, tr),
        progress_by_area(dashboard, tr),
        budget_by_area(site, dashboard, tr),
    ]
}

/// Horizontal bars with labels on the left and the value text on the right.
struct Bars<'a> {
    rows: Vec<(String, f64, &'a str, String)>,
    max: f64,
}

impl Bars<'_> {
    /// The drawn chart, described by its rows' labels and value texts.
    fn chart(self, name: &'static str, title: &str, note: &str) -> Drawn {
        let svg = self.draw(title, note).map_err(|e| (name, e))?;
        let desc = self
            .rows
            .iter()
            .map(|r| format!("{} {}", r.0, r.3))
            .collect::<Vec<_>>()
            .join(", ");
        let narrow = Narrow {
            title: title.into(),
            note: note.into(),
            legend: Vec::new(),
            layout: Layout::Bars {
                rows: self
                    .rows
                    .iter()
                    .map(|(label, value, colour, text)| BarRow {
                        track: None,
                        label: label.clone(),
                        parts: vec![(*value, colour.to_string())],
                        text: text.clone(),
                    })
                    .collect(),
                max: self.max,
            },
        };
        let chart = finish(name, None, title.into(), format!("{title}: {desc}."), svg);
        Ok(Some(chart.with_narrow(&narrow)?))
    }

    fn draw(&self, title: &str, note: &str) -> super::canvas::DrawResult<String> {
        let label_w = self
            .rows
            .iter()
            .map(|r| text_width(&r.0, 12.5, true))
            .fold(60.0, f64::max)
            .min(260.0);
        let left = 16.0 + label_w + 12.0;
        let right = WIDTH - 140.0;
        let top = 58.0;
        let row_h = 30.0;
        let height = top + row_h * self.rows.len() as f64 + 16.0;
        draw(WIDTH as u32, height as u32, |c| {
            c.write(Text::Title, title, (16.0, 22.0), Anchor::Start)?;
            c.write(Text::Note, note, (16.0, 42.0), Anchor::Start)?;
            for (i, (label, value, colour, text)) in self.rows.iter().enumerate() {
                let cy = top + row_h * i as f64 + row_h / 2.0;
                c.write(Text::Label, label, (left - 10.0, cy), Anchor::End)?;
                let w = if self.max > 0.0 {
                    (right - left) * value / self.max
                } else {
                    0.0
                };
                c.rect(left, cy - 9.0, left + w, cy + 9.0, rgb(colour))?;
                c.write(Text::Body, text, (left + w + 8.0, cy), Anchor::Start)?;
            }
            c.line(
                &[(left, top), (left, top + row_h * self.rows.len() as f64)],
                rgb(INK),
                1,
            )?;
            Ok(())
        })
    }
}

fn statuses(d: &Dashboard, tr: &Strings) -> Drawn {
    let name = "status-distribution";
    let title = tr.get("home.by_status");
    let rows: Vec<_> = d
        .statuses
        .iter()
        .map(|s| {
            let value = match s.share {
                Some(share) => tr.fill(
                    "chart.status_value",
                    &[("count", &s.count), ("share", &one_decimal(share))],
                ),
                None => tr.fill("chart.status_value_uncounted", &[("count", &s.count)]),
            };
            (
                format!("{} {}", s.icon, tr.get(&format!("status.{}", s.key))),
                s.count as f64,
                s.colour,
                value,
            )
        })
        .collect();
    let max = rows.iter().map(|r| r.1).fold(1.0, f64::max);
    Bars { rows, max }.chart(
        name,
        title,
        &tr.fill(
            "chart.statuses_note",
            &[("total", &d.total), ("counted", &d.counted)],
        ),
    )
}

fn progress_by_area(d: &Dashboard, tr: &Strings) -> Drawn {
    let name = "progress-by-area";
    let title = tr.get("chart.areas_progress");
    let rows: Vec<_> = d
        .areas
        .iter()
        .filter_map(|a| {
            a.mean_progress.map(|p| {
                (
                    a.name.clone(),
                    p,
                    PALETTE[0],
                    tr.fill(
                        "chart.area_value",
                        &[("progress", &one_decimal(p)), ("count", &a.counted)],
                    ),
                )
            })
        })
        .collect();
    if rows.is_empty() {
        return Ok(None);
    }
    Bars { rows, max: 100.0 }.chart(name, title, tr.get("chart.areas_progress_note"))
}

/// A rate's number as every rate is shown (`format::rate`), for strings that add the `%`.
pub(super) fn one_decimal(rate: f64) -> String {
    crate::format::rate(rate).trim_end_matches('%').to_string()
}

/// Per area, budget by funding source.
type AreaSources<'a> = BTreeMap<&'a str, BTreeMap<String, f64>>;

/// Each area's counted pledges' budget by funding source (in `unit`), and the sources in
/// the order first met; pledges without a source breakdown count under `unknown`.
fn area_sources<'a>(site: &'a Site, unit: &str, unknown: &str) -> (AreaSources<'a>, Vec<String>) {
    let mut source_names: Vec<String> = Vec::new();
    let mut areas: BTreeMap<&str, BTreeMap<String, f64>> = BTreeMap::new();
    for p in site.pledges.iter().filter(|p| p.card.status.is_counted()) {
        let Some(card_budget) = p.card.budget.as_ref().filter(|b| b.unit == unit) else {
            continue;
        };
        let area = areas.entry(p.card.area.as_str()).or_default();
        match p
            .data
            .budget
            .as_ref()
            .filter(|b| !b.sources.is_empty() && b.unit == unit)
        {
            Some(b) => {
                for r in &b.sources {
                    let v = r.total.unwrap_or_else(|| r.years.iter().flatten().sum());
                    if v > 0.0 {
                        if !source_names.contains(&r.name) {
                            source_names.push(r.name.clone());
                        }
                        *area.entry(r.name.clone()).or_default() += v;
                    }
                }
            }
            None => *area.entry(unknown.to_string()).or_default() += card_budget.total,
        }
    }
    (areas, source_names)
}

/// Each area's budget split by funding source; pledges without a source breakdown count as
/// "source not given" with their card total.
fn budget_by_area(site: &Site, d: &Dashboard, tr: &Strings) -> Drawn {
    let unknown = tr.get("chart.unknown_source").to_string();
    let name = "budget-by-area";
    let unit = d.budget_unit.as_str();
    let order: Vec<&str> = d.areas.iter().map(|a| a.name.as_str()).collect();
    let Some(layout) = AreaLayout::of(site, unit, &unknown, &order) else {
        return Ok(None);
    };
    let title = tr.get("chart.areas_budget");
    let svg = draw(WIDTH as u32, layout.height as u32, |c| {
        layout.draw(c, title, unit, tr)
    })
    .map_err(|e| (name, e))?;
    let desc = layout.describe(title, unit, tr);
    let rows = layout
        .areas
        .iter()
        .zip(&layout.totals)
        .map(|((area, by_source), total)| BarRow {
            track: None,
            label: area.to_string(),
            parts: layout
                .sources
                .iter()
                .filter_map(|s| Some((*by_source.get(s)?, layout.colour(s).to_string())))
                .collect(),
            text: num(*total),
        })
        .collect();
    let narrow = Narrow {
        title: title.into(),
        note: tr.fill("chart.unit", &[("unit", &unit)]),
        legend: layout
            .sources
            .iter()
            .map(|s| (s.clone(), layout.colour(s).to_string()))
            .collect(),
        layout: Layout::Bars {
            rows,
            max: layout.max,
        },
    };
    Ok(Some(
        finish(name, None, title.into(), desc, svg).with_narrow(&narrow)?,
    ))
}

/// Where everything of the budget-by-area chart goes: the areas' budgets by source, their
/// totals and the rows' geometry.
struct AreaLayout<'a> {
    /// Each area's budget by source, in the site's order of areas (as everywhere else).
    areas: Vec<(&'a str, BTreeMap<String, f64>)>,
    /// The sources in legend and stacking order; "source not given" last if any pledge has it.
    sources: Vec<String>,
    /// Each area's total, in the order of `areas`, and the largest of them.
    totals: Vec<f64>,
    max: f64,
    /// x where the bars start and where the longest ends, y of the first row, each row's
    /// height and the whole height.
    left: f64,
    right: f64,
    top: f64,
    row_h: f64,
    height: f64,
}

impl<'a> AreaLayout<'a> {
    /// The layout for the counted pledges' budgets in `unit`; `None` if there are none.
    fn of(site: &'a Site, unit: &str, unknown: &str, order: &[&str]) -> Option<AreaLayout<'a>> {
        let (by_name, mut sources) = area_sources(site, unit, unknown);
        if by_name.is_empty() {
            return None;
        }
        let mut areas: Vec<(&str, BTreeMap<String, f64>)> = by_name.into_iter().collect();
        areas.sort_by_key(|(name, _)| order.iter().position(|o| o == name).unwrap_or(usize::MAX));
        if areas.iter().any(|(_, a)| a.contains_key(unknown)) {
            sources.push(unknown.to_string());
        }
        let totals: Vec<f64> = areas.iter().map(|(_, m)| m.values().sum()).collect();
        let max = totals.iter().copied().fold(0.0, f64::max);
        let label_w = areas
            .iter()
            .map(|(a, _)| text_width(a, 12.5, true))
            .fold(60.0, f64::max)
            .min(220.0);
        let (left, right, top, row_h) = (16.0 + label_w + 12.0, WIDTH - 120.0, 72.0, 32.0);
        let height = top + row_h * areas.len() as f64 + 16.0;
        Some(AreaLayout {
            areas,
            sources,
            totals,
            max,
            left,
            right,
            top,
            row_h,
            height,
        })
    }

    /// Source `s`'s colour, by its place among the sources.
    fn colour(&self, s: &str) -> &'static str {
        PALETTE[self.sources.iter().position(|n| n == s).unwrap_or(0) % PALETTE.len()]
    }

    /// Title, unit, legend and one stacked bar per area.
    fn draw(&self, c: &Canvas, title: &str, unit: &str, tr: &Strings) -> DrawResult {
        c.write(Text::Title, title, (16.0, 22.0), Anchor::Start)?;
        c.write(
            Text::Note,
            &tr.fill("chart.unit", &[("unit", &unit)]),
            (16.0, 42.0),
            Anchor::Start,
        )?;
        let entries: Vec<(&str, &str)> = self
            .sources
            .iter()
            .map(|s| (s.as_str(), self.colour(s)))
            .collect();
        legend(c, &entries, WIDTH - 16.0, 42.0)?;
        for (i, (area, by_source)) in self.areas.iter().enumerate() {
            let area: &str = area;
            self.draw_area(c, i, area, by_source)?;
        }
        Ok(())
    }

    /// Row `i`: the area's name, its sources stacked left to right and its total after them.
    fn draw_area(
        &self,
        c: &Canvas,
        i: usize,
        area: &str,
        by_source: &BTreeMap<String, f64>,
    ) -> DrawResult {
        let (left, right) = (self.left, self.right);
        let cy = self.top + self.row_h * i as f64 + self.row_h / 2.0;
        c.write(Text::Label, area, (left - 10.0, cy), Anchor::End)?;
        let mut x = left;
        for s in &self.sources {
            if let Some(v) = by_source.get(s) {
                let w = (right - left) * v / self.max;
                c.rect(x, cy - 10.0, x + w, cy + 10.0, rgb(self.colour(s)))?;
                x += w;
            }
        }
        c.text(
            &num(self.totals[i]),
            (x + 8.0, cy),
            12.0,
            rgb(INK),
            Anchor::Start,
            true,
        )
    }

    /// Each area's total and its sources' amounts in words.
    fn describe(&self, title: &str, unit: &str, tr: &Strings) -> String {
        let desc = self
            .areas
            .iter()
            .map(|(area, m)| {
                let parts = m
                    .iter()
                    .map(|(s, v)| format!("{s} {}", num(*v)))
                    .collect::<Vec<_>>()
                    .join(", ");
                format!("{area} {} ({parts})", num(m.values().sum()))
            })
            .collect::<Vec<_>>()
            .join("; ");
        tr.fill(
            "chart.desc_with_unit",
            &[("title", &title), ("unit", &unit), ("desc", &desc)],
        )
    }
}
