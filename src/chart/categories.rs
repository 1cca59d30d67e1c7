//! Target against actual by category (목표 대비 실적): a pair of bars per category.

use super::canvas::{draw, rgb, wrap, Anchor, Text};
use super::narrow::{BarRow, Layout, Narrow};
use super::scale::Scale;
use super::targets::{legend, value_axis};
use super::{finish, num, Drawn, INK, MUTED, PALETTE};
use crate::i18n::Strings;
use crate::model::{Categories, DataSet};

const WIDTH: f64 = 720.0;

pub fn categories(cat: &Categories, pledge: &str, s: &Strings) -> Drawn {
    let name = "categories";
    if cat.items.is_empty() {
        return Ok(None);
    }
    let unit = cat.unit.as_str();
    let title = if cat.title.is_empty() {
        s.get("chart.categories_default").to_string()
    } else {
        s.fill("chart.categories_title", &[("title", &cat.title)])
    };
    let max = cat
        .items
        .iter()
        .flat_map(|i| std::iter::once(i.target).chain(i.actual))
        .fold(0.0, f64::max);
    let (top, bottom, left, right) = (88.0, 316.0, 64.0, WIDTH - 24.0);
    let y = Scale::nice(0.0, max * 1.1, 4, bottom, top);
    let step = (right - left) / cat.items.len() as f64;
    let bar = (step * 0.3).min(56.0);
    let label_lines: Vec<Vec<String>> = cat
        .items
        .iter()
        .map(|i| wrap(&i.name, step - 8.0, 12.0, 2))
        .collect();
    let height =
        bottom + 24.0 + 16.0 * label_lines.iter().map(Vec::len).max().unwrap_or(1) as f64 + 8.0;

    let svg = draw(WIDTH as u32, height as u32, |c| {
        c.write(Text::Title, &title, (16.0, 22.0), Anchor::Start)?;
        if let Some(note) = categories_note(cat, s) {
            c.text(&note, (16.0, 44.0), 12.5, rgb(MUTED), Anchor::Start, false)?;
        }
        legend(
            c,
            &[
                (s.get("chart.target"), PALETTE[4]),
                (s.get("chart.actual"), PALETTE[0]),
            ],
            right,
            22.0,
        )?;
        value_axis(c, &y, (left, right, top), unit, s)?;
        for (i, item) in cat.items.iter().enumerate() {
            let cx = left + step * (i as f64 + 0.5);
            draw_pair(c, item, cx, bar, bottom, &y)?;
            for (k, line) in label_lines[i].iter().enumerate() {
                let at = (cx, bottom + 16.0 + 16.0 * k as f64);
                c.write(Text::Body, line, at, Anchor::Middle)?;
            }
        }
        c.line(&[(left, bottom), (right, bottom)], rgb(INK), 1)?;
        Ok(())
    })
    .map_err(|e| (name, e))?;

    let desc = categories_desc(cat, s);
    let narrow = categories_narrow(&title, cat, max, s);
    let chart = finish(
        name,
        Some(DataSet::Categories),
        format!("{title} — {pledge}"),
        format!("{title}: {desc}."),
        svg,
    );
    Ok(Some(chart.with_narrow(&narrow)?))
}

/// A category's target and actual bars side by side at `cx`, with their values; "-" where
/// no actual is given.
fn draw_pair(
    c: &super::canvas::Canvas,
    item: &crate::model::CategoryItem,
    cx: f64,
    bar: f64,
    bottom: f64,
    y: &Scale,
) -> super::canvas::DrawResult {
    let bars = [
        (item.target, PALETTE[4], cx - bar - 2.0),
        (item.actual.unwrap_or(0.0), PALETTE[0], cx + 2.0),
    ];
    for (j, (value, colour, x0)) in bars.iter().enumerate() {
        if j == 1 && item.actual.is_none() {
            let at = (x0 + bar / 2.0, bottom - 10.0);
            c.text("-", at, 12.5, rgb(MUTED), Anchor::Middle, false)?;
            continue;
        }
        c.rect(*x0, y.at(*value), x0 + bar, bottom, rgb(colour))?;
        let at = (x0 + bar / 2.0, y.at(*value) - 10.0);
        c.write(Text::Label, &num(*value), at, Anchor::Middle)?;
    }
    Ok(())
}

/// The line under the title: the total's target, its actual and their date.
fn categories_note(cat: &Categories, s: &Strings) -> Option<String> {
    let total = cat.total.as_ref()?;
    let unit = cat.unit.as_str();
    let mut note = s.fill(
        "chart.categories_total",
        &[("target", &num(total.target)), ("unit", &unit)],
    );
    if let Some(a) = total.actual {
        note.push_str(&s.fill(
            "chart.categories_total_actual",
            &[("actual", &num(a)), ("unit", &unit)],
        ));
    }
    if let Some(as_of) = &cat.actual_as_of {
        note.push_str(&s.fill("chart.categories_as_of", &[("date", &s.date(as_of))]));
    }
    Some(note)
}

/// Each category's target and actual in words.
fn categories_desc(cat: &Categories, s: &Strings) -> String {
    let unit = cat.unit.as_str();
    cat.items
        .iter()
        .map(|i| {
            let actual = i
                .actual
                .map_or("-".to_string(), |a| format!("{}{unit}", num(a)));
            s.fill(
                "chart.categories_desc_item",
                &[
                    ("name", &i.name),
                    ("target", &num(i.target)),
                    ("unit", &unit),
                    ("actual", &actual),
                ],
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Each category's target and, below it, its actual, as bars for phones.
fn categories_narrow(title: &str, cat: &Categories, max: f64, s: &Strings) -> Narrow {
    let unit = cat.unit.as_str();
    let mut rows = Vec::new();
    for item in &cat.items {
        rows.push(BarRow {
            track: None,
            label: format!("{} · {}", item.name, s.get("chart.target")),
            parts: vec![(item.target, PALETTE[4].to_string())],
            text: num(item.target),
        });
        rows.push(BarRow {
            track: None,
            label: format!("{} · {}", item.name, s.get("chart.actual")),
            parts: vec![(item.actual.unwrap_or(0.0), PALETTE[0].to_string())],
            text: item.actual.map_or("-".to_string(), num),
        });
    }
    Narrow {
        title: title.to_string(),
        note: if unit.is_empty() {
            String::new()
        } else {
            s.fill("chart.unit", &[("unit", &unit)])
        },
        legend: Vec::new(),
        layout: Layout::Bars { rows, max },
    }
}
