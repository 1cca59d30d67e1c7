//! Yearly targets (baseline, targets, actuals), target vs actual by category, and progress.

use super::canvas::{draw, rgb, wrap, Anchor, Text};
use super::scale::Scale;
use super::{finish, num, Drawn, GRID, INK, MUTED, PALETTE};
use crate::i18n::Strings;
use crate::model::{Card, Categories, DataSet, Targets};

const WIDTH: f64 = 720.0;

pub fn yearly(t: &Targets, pledge: &str, s: &Strings) -> Drawn {
    let name = "targets";
    let mut points: Vec<(String, f64, Option<f64>)> = vec![(
        s.fill("chart.baseline_label", &[("year", &t.baseline.year)]),
        t.baseline.value,
        Some(t.baseline.value),
    )];
    points.extend(t.years.iter().map(|y| {
        (
            s.fill("chart.year_label", &[("year", &y.year)]),
            y.target,
            y.actual,
        )
    }));
    let has_actual = t.years.iter().any(|y| y.actual.is_some());
    let title = if t.title.is_empty() {
        s.get("chart.targets_default").to_string()
    } else {
        s.fill("chart.targets_title", &[("title", &t.title)])
    };
    let unit = t.unit.as_str();

    let values: Vec<f64> = points
        .iter()
        .flat_map(|(_, target, actual)| std::iter::once(*target).chain(*actual))
        .collect();
    let lo = values.iter().cloned().fold(f64::INFINITY, f64::min);
    let hi = values.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
    let (top, bottom, left, right) = (78.0, 340.0, 78.0, WIDTH - 30.0);
    let y = Scale::nice(lo - (hi - lo) * 0.08, hi + (hi - lo) * 0.12, 4, bottom, top);
    let step = (right - left) / points.len().max(1) as f64;
    let x_at = |i: usize| left + step * (i as f64 + 0.5);

    let svg = draw(WIDTH as u32, 380, |c| {
        c.write(Text::Title, &title, (16.0, 22.0), Anchor::Start)?;
        if let Some(note) = increase_note(t, &points[0].0, s) {
            c.text(&note, (16.0, 44.0), 12.5, rgb(MUTED), Anchor::Start, false)?;
        }
        value_axis(c, &y, (left, right, top), unit, s)?;
        for (i, (label, _, _)) in points.iter().enumerate() {
            c.write(Text::Body, label, (x_at(i), bottom + 18.0), Anchor::Middle)?;
        }
        let target_line: Vec<(f64, f64)> = points
            .iter()
            .enumerate()
            .map(|(i, p)| (x_at(i), y.at(p.1)))
            .collect();
        c.line(&target_line, rgb(PALETTE[0]), 2)?;
        for (i, (_, target, _)) in points.iter().enumerate() {
            c.circle(x_at(i), y.at(*target), 5, rgb(PALETTE[0]))?;
            c.write(
                Text::Label,
                &num(*target),
                (x_at(i), y.at(*target) - 16.0),
                Anchor::Middle,
            )?;
        }
        if has_actual {
            draw_actuals(c, &points, &x_at, &y)?;
            legend(
                c,
                &[
                    (s.get("chart.target"), PALETTE[0]),
                    (s.get("chart.actual"), PALETTE[5]),
                ],
                right,
                22.0,
            )?;
        }
        Ok(())
    })
    .map_err(|e| (name, e))?;

    let desc = yearly_desc(t, &title, &points[0].0, s);
    let title = format!("{title} — {pledge}");
    Ok(Some(finish(name, Some(DataSet::Targets), title, desc, svg)))
}

/// The line under the title: the increase the targets add to the baseline.
fn increase_note(t: &Targets, baseline_label: &str, s: &Strings) -> Option<String> {
    let increase = t.increase?;
    let last = t.years.last().map_or(t.baseline.value, |y| y.target);
    Some(s.fill(
        "chart.increase_note",
        &[
            ("increase", &num(increase)),
            ("unit", &t.unit.as_str()),
            ("baseline_label", &baseline_label),
            ("baseline", &num(t.baseline.value)),
            ("last", &num(last)),
        ],
    ))
}

/// The actuals as a second line with square markers and their values below.
fn draw_actuals(
    c: &super::canvas::Canvas,
    points: &[(String, f64, Option<f64>)],
    x_at: &dyn Fn(usize) -> f64,
    y: &Scale,
) -> super::canvas::DrawResult {
    let actual_line: Vec<(f64, f64)> = points
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.2.map(|a| (x_at(i), y.at(a))))
        .collect();
    c.line(&actual_line, rgb(PALETTE[5]), 2)?;
    for (i, (_, _, actual)) in points.iter().enumerate().skip(1) {
        if let Some(a) = actual {
            let (ax, ay) = (x_at(i), y.at(*a));
            c.rect(ax - 5.0, ay - 5.0, ax + 5.0, ay + 5.0, rgb(PALETTE[5]))?;
            let colour = rgb(PALETTE[5]);
            c.text(
                &num(*a),
                (ax, ay + 17.0),
                12.5,
                colour,
                Anchor::Middle,
                true,
            )?;
        }
    }
    Ok(())
}

/// The yearly targets in words: the baseline, each year's target and actual, the increase.
fn yearly_desc(t: &Targets, title: &str, baseline_label: &str, s: &Strings) -> String {
    let unit = t.unit.as_str();
    let mut desc = s.fill(
        "chart.targets_desc_start",
        &[
            ("title", &title),
            ("label", &baseline_label),
            ("value", &num(t.baseline.value)),
            ("unit", &unit),
        ],
    );
    for y in &t.years {
        desc.push_str(&s.fill(
            "chart.targets_desc_year",
            &[
                ("year", &y.year),
                ("value", &num(y.target)),
                ("unit", &unit),
            ],
        ));
        if let Some(a) = y.actual {
            desc.push_str(&s.fill(
                "chart.targets_desc_actual",
                &[("value", &num(a)), ("unit", &unit)],
            ));
        }
    }
    if let Some(increase) = t.increase {
        desc.push_str(&s.fill(
            "chart.targets_desc_increase",
            &[("value", &num(increase)), ("unit", &unit)],
        ));
    }
    desc
}

/// The unit label above the plot and a value axis: a light line and a label per tick.
pub(super) fn value_axis(
    c: &super::canvas::Canvas,
    y: &super::scale::Scale,
    (left, right, top): (f64, f64, f64),
    unit: &str,
    s: &Strings,
) -> super::canvas::DrawResult {
    if !unit.is_empty() {
        c.write(
            Text::Note,
            &s.fill("chart.unit", &[("unit", &unit)]),
            (16.0, top - 16.0),
            Anchor::Start,
        )?;
    }
    for tick in &y.ticks {
        c.line(&[(left, y.at(*tick)), (right, y.at(*tick))], rgb(GRID), 1)?;
        c.write(
            Text::Note,
            &num(*tick),
            (left - 8.0, y.at(*tick)),
            Anchor::End,
        )?;
    }
    Ok(())
}

/// Legend entries right-aligned at `right`, from right to left.
pub(super) fn legend(
    c: &super::canvas::Canvas,
    entries: &[(&str, &str)],
    right: f64,
    y: f64,
) -> super::canvas::DrawResult {
    let mut x = right;
    for (label, colour) in entries.iter().rev() {
        let text = label.trim_start_matches(['●', '■', '▲', ' ']);
        let w = c.text_width(text, 12.0, false);
        c.write(Text::Body, text, (x, y), Anchor::End)?;
        x -= w + 6.0;
        c.rect(x - 12.0, y - 6.0, x, y + 6.0, rgb(colour))?;
        x -= 28.0;
    }
    Ok(())
}

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
    Ok(Some(finish(
        name,
        Some(DataSet::Categories),
        format!("{title} — {pledge}"),
        format!("{title}: {desc}."),
        svg,
    )))
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

pub fn progress(card: &Card, s: &Strings) -> Drawn {
    let name = "progress";
    let value = card.progress.clamp(0.0, 100.0);
    let (left, right) = (16.0, 464.0);
    let svg = draw(480, 64, |c| {
        c.write(
            Text::Label,
            s.get("chart.progress"),
            (left, 16.0),
            Anchor::Start,
        )?;
        c.write(
            Text::Label,
            &format!("{}%", num(card.progress)),
            (right, 16.0),
            Anchor::End,
        )?;
        c.rect(left, 30.0, right, 48.0, rgb(super::GAUGE_EMPTY))?;
        c.rect(
            left,
            30.0,
            left + (right - left) * value / 100.0,
            48.0,
            rgb(super::GAUGE_FILL),
        )?;
        c.outline(left, 30.0, right, 48.0, rgb(super::GAUGE_OUTLINE), 1)?;
        Ok(())
    })
    .map_err(|e| (name, e))?;
    let title = s.fill("chart.progress_title", &[("title", &card.title)]);
    let desc = s.fill(
        "chart.progress_desc",
        &[
            ("title", &card.title),
            ("progress", &num(card.progress)),
            ("status", &s.status(card.status)),
        ],
    );
    Ok(Some(finish(name, None, title, desc, svg)))
}
