//! Charts over the reporting dates: a pledge's 추진 경과 (progress as a line, status at each
//! date as a coloured shape with its text in the legend) and the site's trend of 완료율 and
//! 평균진행률. Drawn only when there are at least two dates to compare.

use super::canvas::{draw, rgb, Anchor, Canvas, DrawResult, Text};
use super::narrow::{Layout, Narrow, Series};
use super::{finish, num, Drawn, GRID, INK, MUTED, PALETTE};
use crate::calendar::Date;
use crate::history::{History, PledgeHistory};
use crate::i18n::Strings;
use crate::status::Status;

const WIDTH: f64 = 720.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 696.0;
const TOP: f64 = 78.0;
const BOTTOM: f64 = 238.0;

/// x of the `i`-th of `n` dates, evenly spaced.
fn x_of(i: usize, n: usize) -> f64 {
    LEFT + (RIGHT - LEFT) * (i as f64 + 0.5) / n as f64
}

fn y_of(percent: f64) -> f64 {
    BOTTOM - (BOTTOM - TOP) * percent.clamp(0.0, 100.0) / 100.0
}

/// `2025.6` for a date label under the axis; the present gets a second line.
fn short_date(date: Option<&str>) -> String {
    let Some(d) = date.and_then(Date::parse) else {
        return date.unwrap_or("").to_string();
    };
    match d.month {
        Some(m) => format!("{}.{m}", d.year),
        None => d.year.to_string(),
    }
}

/// The chart's title and the note under it.
fn heading(c: &Canvas, title: &str, note: &str) -> DrawResult {
    c.write(Text::Title, title, (16.0, 22.0), Anchor::Start)?;
    c.write(Text::Note, note, (16.0, 44.0), Anchor::Start)
}

/// The percentage grid, and the date labels under it.
fn frame(c: &Canvas, labels: &[(String, bool)], now: &str) -> DrawResult {
    for p in [0.0, 25.0, 50.0, 75.0, 100.0] {
        let y = y_of(p);
        let colour = if p == 0.0 { INK } else { GRID };
        c.line(&[(LEFT, y), (RIGHT, y)], rgb(colour), 1)?;
        c.text(
            &format!("{}%", num(p)),
            (LEFT - 8.0, y),
            11.0,
            rgb(MUTED),
            Anchor::End,
            false,
        )?;
    }
    let n = labels.len();
    for (i, (label, current)) in labels.iter().enumerate() {
        let x = x_of(i, n);
        c.text(
            label,
            (x, BOTTOM + 16.0),
            11.5,
            rgb(INK),
            Anchor::Middle,
            *current,
        )?;
        if *current {
            c.text(
                now,
                (x, BOTTOM + 31.0),
                11.0,
                rgb(MUTED),
                Anchor::Middle,
                false,
            )?;
        }
    }
    Ok(())
}

/// A status's shape at (x, y): the status's icon in its colour.
fn status_mark(c: &Canvas, status: Status, x: f64, y: f64) -> DrawResult {
    // The arrow (통폐합) and the dash (공약 제외) are thin glyphs: drawn larger to be seen.
    let size = match status {
        Status::Merged | Status::Removed => 24.0,
        _ => 17.0,
    };
    c.text(
        status.icon(),
        (x, y),
        size,
        rgb(status.colour()),
        Anchor::Middle,
        true,
    )
}

/// The pledge's status and progress at every reporting date.
pub fn course(history: &PledgeHistory, pledge: &str, tr: &Strings) -> Drawn {
    let name = "history";
    let points = &history.points;
    if points.len() < 2 {
        return Ok(None);
    }
    let title = tr.fill("chart.history_title", &[("title", &pledge)]);
    let n = points.len();
    let mut statuses: Vec<Status> = Vec::new();
    for p in points {
        if !statuses.contains(&p.status) {
            statuses.push(p.status);
        }
    }
    let height = 300.0;
    let svg = draw(WIDTH as u32, height as u32, |c| {
        heading(c, &title, tr.get("chart.history_note"))?;
        let labels: Vec<(String, bool)> = points
            .iter()
            .map(|p| (short_date(p.date.as_deref()), p.current))
            .collect();
        frame(c, &labels, tr.get("chart.now"))?;
        let line: Vec<(f64, f64)> = points
            .iter()
            .enumerate()
            .map(|(i, p)| (x_of(i, n), y_of(p.progress)))
            .collect();
        c.line(&line, rgb(PALETTE[0]), 2)?;
        for (p, (x, y)) in points.iter().zip(&line) {
            status_mark(c, p.status, *x, *y)?;
            // Clear of the mark, whose glyph box is as tall as its (large) size.
            let gap = match p.status {
                Status::Merged | Status::Removed => 26.0,
                _ => 22.0,
            };
            let above = if *y < TOP + 14.0 {
                y + gap + 2.0
            } else {
                y - gap
            };
            c.text(
                &format!("{}%", num(p.progress)),
                (*x, above),
                11.5,
                rgb(INK),
                Anchor::Middle,
                true,
            )?;
        }
        status_legend(c, &statuses, tr, height - 14.0)
    })
    .map_err(|e| (name, e))?;
    let steps = points
        .iter()
        .map(|p| {
            let date = shown_date(p.date.as_deref(), tr);
            let status = tr.status(p.status);
            let values: [(&str, &dyn std::fmt::Display); 3] = [
                ("date", &date),
                ("status", &status),
                ("progress", &num(p.progress)),
            ];
            tr.fill("chart.history_point", &values)
        })
        .collect::<Vec<_>>()
        .join(", ");
    let narrow = course_narrow(&title, points, tr);
    let chart = finish(name, None, title.clone(), format!("{title}: {steps}."), svg);
    Ok(Some(chart.with_narrow(&narrow)?))
}

/// A date under a phone chart's axis: `2025.6`, or "now" for the present without one.
fn narrow_date(date: Option<&str>, tr: &Strings) -> String {
    date.map_or_else(|| tr.get("chart.now").to_string(), |d| short_date(Some(d)))
}

/// Each status shown, as its shape, colour and words, left to right at `y`.
fn status_legend(c: &Canvas, statuses: &[Status], tr: &Strings, y: f64) -> DrawResult {
    let mut x = LEFT;
    for s in statuses {
        c.text(s.icon(), (x, y), 14.0, rgb(s.colour()), Anchor::Start, true)?;
        let label = tr.status(*s);
        c.write(Text::Body, &label, (x + 18.0, y), Anchor::Start)?;
        x += 18.0 + c.text_width(&label, 12.0, false) + 18.0;
    }
    Ok(())
}

/// A reporting date in words for a chart's description; "now" for the present without one.
fn shown_date(date: Option<&str>, tr: &Strings) -> String {
    date.map_or_else(|| tr.get("chart.now").to_string(), |d| tr.date(d))
}

/// 완료율 and 평균진행률 at every reporting date: two lines told apart by colour, marker shape
/// (circle, square) and their labels.
pub fn trend(history: &History, tr: &Strings) -> Drawn {
    let name = "trend";
    let reports = &history.reports;
    if reports.len() < 2 {
        return Ok(None);
    }
    let n = reports.len();
    let title = tr.get("chart.trend_title");
    let series = [
        (tr.get("home.completion_rate"), PALETTE[0], true),
        (tr.get("home.mean_progress"), PALETTE[5], false),
    ];
    let value = |r: &crate::history::Report, first: bool| {
        if first {
            r.figures.completion_rate
        } else {
            r.figures.mean_progress
        }
    };
    let svg = draw(WIDTH as u32, 290, |c| {
        heading(c, title, tr.get("chart.trend_note"))?;
        // Legend, right-aligned: marker shape, colour and name.
        let mut x = RIGHT;
        for (label, colour, circle) in series.iter().rev() {
            let w = c.text_width(label, 12.0, false);
            c.write(Text::Body, label, (x, 44.0), Anchor::End)?;
            x -= w + 14.0;
            marker(c, x, 44.0, colour, *circle)?;
            x -= 26.0;
        }
        let labels: Vec<(String, bool)> = reports
            .iter()
            .map(|r| (short_date(r.date.as_deref()), r.current))
            .collect();
        frame(c, &labels, tr.get("chart.now"))?;
        for (_, colour, circle) in &series {
            let points: Vec<(f64, f64, f64)> = reports
                .iter()
                .enumerate()
                .filter_map(|(i, r)| value(r, *circle).map(|v| (x_of(i, n), y_of(v), v)))
                .collect();
            let line: Vec<(f64, f64)> = points.iter().map(|p| (p.0, p.1)).collect();
            c.line(&line, rgb(colour), 2)?;
            for (i, (x, y, v)) in points.iter().enumerate() {
                marker(c, *x, *y, colour, *circle)?;
                let ty = label_y(*circle, *y, reports.get(i).and_then(|r| value(r, !*circle)));
                let text = crate::format::rate(*v);
                c.text(&text, (*x, ty), 11.5, rgb(INK), Anchor::Middle, true)?;
            }
        }
        Ok(())
    })
    .map_err(|e| (name, e))?;
    let steps = reports
        .iter()
        .map(|r| {
            let pct = |v: Option<f64>| v.map_or("-".to_string(), super::home::one_decimal);
            tr.fill(
                "chart.trend_point",
                &[
                    ("date", &shown_date(r.date.as_deref(), tr)),
                    ("completion", &pct(r.figures.completion_rate)),
                    ("progress", &pct(r.figures.mean_progress)),
                ],
            )
        })
        .collect::<Vec<_>>()
        .join(", ");
    let narrow = trend_narrow(title, reports, &series, &value, tr);
    let chart = finish(
        name,
        None,
        title.to_string(),
        format!("{title}: {steps}."),
        svg,
    );
    Ok(Some(chart.with_narrow(&narrow)?))
}

/// Where a trend value's label goes: 완료율 below its point and 평균진행률 above, unless the
/// point sits on the axis (then above) or the other series' label would be in the way.
fn label_y(completion: bool, y: f64, other: Option<f64>) -> f64 {
    let other_y = other.map(y_of);
    if completion {
        if y + 17.0 > BOTTOM - 6.0 {
            y - 17.0
        } else {
            y + 17.0
        }
    } else {
        let completion_above = other_y.is_some_and(|o| o + 17.0 > BOTTOM - 6.0);
        let clash = other_y.is_some_and(|o| completion_above && (y - o).abs() < 18.0);
        if clash {
            y.min(other_y.unwrap_or(y)) - 32.0
        } else {
            y - 17.0
        }
    }
}

fn marker(c: &Canvas, x: f64, y: f64, colour: &str, circle: bool) -> DrawResult {
    if circle {
        c.circle(x, y, 5, rgb(colour))
    } else {
        c.rect(x - 5.0, y - 5.0, x + 5.0, y + 5.0, rgb(colour))
    }
}

/// The pledge's progress at every reporting date, for phones.
fn course_narrow(title: &str, points: &[crate::history::Point], tr: &Strings) -> Narrow {
    Narrow {
        title: title.to_string(),
        note: tr.get("chart.history_note").into(),
        legend: Vec::new(),
        layout: Layout::Lines {
            labels: points
                .iter()
                .map(|p| narrow_date(p.date.as_deref(), tr))
                .collect(),
            series: vec![Series {
                colour: PALETTE[0].into(),
                values: points.iter().map(|p| Some(p.progress)).collect(),
                shown: |v| format!("{}%", num(v)),
            }],
            percent: true,
        },
    }
}

/// 완료율 and 평균 추진율 at every reporting date, for phones.
fn trend_narrow(
    title: &str,
    reports: &[crate::history::Report],
    series: &[(&str, &str, bool); 2],
    value: &dyn Fn(&crate::history::Report, bool) -> Option<f64>,
    tr: &Strings,
) -> Narrow {
    Narrow {
        title: title.into(),
        note: tr.get("chart.trend_note").into(),
        legend: series
            .iter()
            .map(|(label, colour, _)| (label.to_string(), colour.to_string()))
            .collect(),
        layout: Layout::Lines {
            labels: reports
                .iter()
                .map(|r| narrow_date(r.date.as_deref(), tr))
                .collect(),
            series: series
                .iter()
                .map(|(_, colour, first)| Series {
                    colour: colour.to_string(),
                    values: reports.iter().map(|r| value(r, *first)).collect(),
                    shown: crate::format::rate,
                })
                .collect(),
            percent: true,
        },
    }
}
