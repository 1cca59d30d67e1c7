//! Yearly targets (baseline, targets, actuals), target vs actual by category, and progress.

use super::canvas::{draw, rgb, Anchor, Text};
use super::narrow::{BarRow, Layout, Narrow, Series};
use super::scale::Scale;
use super::{finish, num, Drawn, GRID, INK, MUTED, PALETTE};
use crate::i18n::Strings;
use crate::model::{Card, DataSet, Targets};

const WIDTH: f64 = 720.0;

/// The baseline and each year: (label, target, actual); the baseline is its own actual.
fn yearly_points(t: &Targets, s: &Strings) -> Vec<(String, f64, Option<f64>)> {
    let mut points = vec![(
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
    points
}

pub fn yearly(t: &Targets, pledge: &str, s: &Strings) -> Drawn {
    let name = "targets";
    let points = yearly_points(t, s);
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
    // A count never runs below 0: the axis starts at 0 when the data does.
    let floor = if lo >= 0.0 { 0.0 } else { f64::NEG_INFINITY };
    let y = Scale::nice(
        (lo - (hi - lo) * 0.08).max(floor),
        hi + (hi - lo) * 0.12,
        4,
        bottom,
        top,
    );
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
        for (i, (_, target, actual)) in points.iter().enumerate() {
            c.circle(x_at(i), y.at(*target), 5, rgb(PALETTE[0]))?;
            // Above its point, unless the actual (from the second point on) is above it: then
            // the actual's label goes above and this one below, so the two never meet.
            let below = i > 0 && actual.is_some_and(|a| a > *target);
            let ty = if below { 16.0 } else { -16.0 };
            c.write(
                Text::Label,
                &num(*target),
                (x_at(i), y.at(*target) + ty),
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
    let narrow = yearly_narrow(&title, unit, &points, has_actual, s);
    let title = format!("{title} — {pledge}");
    let chart = finish(name, Some(DataSet::Targets), title, desc, svg);
    Ok(Some(chart.with_narrow(&narrow)?))
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
            // Dark text (the orange is 3.9:1 on white, too light to read); the square says
            // which line it is. Above the point when the actual is above the target.
            let dy = if *a > points[i].1 { -17.0 } else { 17.0 };
            c.text(
                &num(*a),
                (ax, ay + dy),
                12.5,
                rgb(INK),
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
    let narrow = Narrow {
        title: title.to_string(),
        note: String::new(),
        legend: Vec::new(),
        layout: Layout::Bars {
            rows: vec![BarRow {
                track: None,
                label: s.get("chart.progress").to_string(),
                parts: vec![(value, super::GAUGE_FILL.to_string())],
                text: format!("{}%", num(card.progress)),
            }],
            max: 100.0,
        },
    };
    Ok(Some(
        finish(name, None, title, desc, svg).with_narrow(&narrow)?,
    ))
}

/// The yearly targets (and actuals) as lines for phones.
fn yearly_narrow(
    title: &str,
    unit: &str,
    points: &[(String, f64, Option<f64>)],
    has_actual: bool,
    s: &Strings,
) -> Narrow {
    let mut legend = vec![(s.get("chart.target").to_string(), PALETTE[0].to_string())];
    let mut series = vec![Series {
        colour: PALETTE[0].into(),
        values: points.iter().map(|p| Some(p.1)).collect(),
        shown: num,
    }];
    if has_actual {
        legend.push((s.get("chart.actual").to_string(), PALETTE[5].to_string()));
        series.push(Series {
            colour: PALETTE[5].into(),
            values: points.iter().map(|p| p.2).collect(),
            shown: num,
        });
    }
    let unit_note = super::budget::unit_note(unit, s);
    Narrow {
        title: title.to_string(),
        note: unit_note,
        legend,
        layout: Layout::Lines {
            labels: points.iter().map(|p| p.0.clone()).collect(),
            series,
            percent: false,
        },
    }
}
