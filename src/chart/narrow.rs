//! Every chart drawn a second time for phones: 288 px wide, the width a page's column has at
//! 320 px, so no text is under 11 px there and nothing scrolls. Re-laid out, not shrunk:
//! bars get their label on a line above them and their value after them; a trend keeps its
//! first and last ticks and names only its last values. What the short form leaves out is in
//! the chart's text alternative and data table, as for the wide one.

use super::canvas::{draw, rgb, text_width, wrap, Anchor, Canvas, DrawResult, Text};
use super::scale::Scale;
use super::{GRID, INK, MUTED};

pub const WIDTH: f64 = 288.0;
const PAD: f64 = 4.0;
/// Sizes of `Text::Title`, `Text::Label`, `Text::Body` and `Text::Note` (canvas.rs).
const TITLE: f64 = 15.0;
const LABEL: f64 = 12.5;
const BODY: f64 = 12.0;
const NOTE: f64 = 11.5;

/// One bar: its label, its parts (one for a plain bar, one per source for a stacked one), the
/// value written after it, and a light track behind it (a budget behind what was spent).
pub struct BarRow {
    pub label: String,
    pub parts: Vec<(f64, String)>,
    pub text: String,
    pub track: Option<f64>,
}

/// One line of a trend (named in the legend): its colour, values by point and how a value
/// is written.
pub struct Series {
    pub colour: String,
    pub values: Vec<Option<f64>>,
    pub shown: fn(f64) -> String,
}

pub enum Layout {
    /// Horizontal bars, longest `max`.
    Bars { rows: Vec<BarRow>, max: f64 },
    /// Lines over points named by `labels`; `percent`: on a 0–100% axis.
    Lines {
        labels: Vec<String>,
        series: Vec<Series>,
        percent: bool,
    },
}

/// A chart for phones: title, a note (unit, what is counted), a legend and the layout.
pub struct Narrow {
    pub title: String,
    pub note: String,
    pub legend: Vec<(String, String)>,
    pub layout: Layout,
}

impl Narrow {
    pub fn draw(&self) -> DrawResult<String> {
        let head = Head::of(self);
        let height = head.bottom + self.layout.height(head.bottom) + 12.0;
        draw(WIDTH as u32, height.ceil() as u32, |c| {
            head.draw(c)?;
            match &self.layout {
                Layout::Bars { rows, max } => bars(c, rows, *max, head.bottom),
                Layout::Lines {
                    labels,
                    series,
                    percent,
                } => lines(c, labels, series, *percent, head.bottom),
            }
        })
    }
}

impl Layout {
    /// Height below the head.
    fn height(&self, _top: f64) -> f64 {
        match self {
            Layout::Bars { rows, .. } => rows.iter().map(|r| row_height(&r.label)).sum(),
            Layout::Lines { .. } => PLOT_HEIGHT + 40.0,
        }
    }
}

/// Title, note and legend lines, wrapped to the width, and where they end.
struct Head {
    lines: Vec<(String, f64, Text)>,
    legend: Vec<(String, String, f64, f64)>,
    bottom: f64,
}

impl Head {
    fn of(n: &Narrow) -> Head {
        let mut lines = Vec::new();
        let mut y = 4.0;
        for line in wrap(&n.title, WIDTH - 2.0 * PAD, TITLE * 1.05, 3) {
            y += 20.0;
            lines.push((line, y - 8.0, Text::Title));
        }
        if !n.note.is_empty() {
            for line in wrap(&n.note, WIDTH - 2.0 * PAD, NOTE, 3) {
                y += 17.0;
                lines.push((line, y - 7.0, Text::Note));
            }
        }
        // Legend entries flow left to right, a new line when one would not fit.
        let mut legend = Vec::new();
        let mut x = PAD;
        if !n.legend.is_empty() {
            y += 18.0;
        }
        for (name, colour) in &n.legend {
            let w = 16.0 + text_width(name, BODY, false);
            if x > PAD && x + w > WIDTH - PAD {
                x = PAD;
                y += 18.0;
            }
            legend.push((name.clone(), colour.clone(), x, y - 8.0));
            x += w + 14.0;
        }
        Head {
            lines,
            legend,
            bottom: y + 10.0,
        }
    }

    fn draw(&self, c: &Canvas) -> DrawResult {
        for (text, y, style) in &self.lines {
            c.write(*style, text, (PAD, *y), Anchor::Start)?;
        }
        for (name, colour, x, y) in &self.legend {
            c.rect(*x, y - 5.0, x + 10.0, y + 5.0, rgb(colour))?;
            c.write(Text::Body, name, (x + 16.0, *y), Anchor::Start)?;
        }
        Ok(())
    }
}

fn label_lines(label: &str) -> Vec<String> {
    wrap(label, WIDTH - 2.0 * PAD, LABEL * 1.05, 2)
}

fn row_height(label: &str) -> f64 {
    label_lines(label).len() as f64 * 18.0 + 30.0
}

/// Each row: its label on its own line(s), then its bar and value, so a long label never
/// pushes the bar off the screen.
fn bars(c: &Canvas, rows: &[BarRow], max: f64, top: f64) -> DrawResult {
    let text_w = rows
        .iter()
        .map(|r| text_width(&r.text, BODY, true))
        .fold(0.0, f64::max);
    let span = (WIDTH - 2.0 * PAD - text_w - 8.0).max(40.0);
    let mut y = top;
    for row in rows {
        let labels = label_lines(&row.label);
        for line in &labels {
            y += 18.0;
            c.write(Text::Label, line, (PAD, y - 8.0), Anchor::Start)?;
        }
        let cy = y + 13.0;
        let length = |v: f64| if max > 0.0 { span * v / max } else { 0.0 };
        if let Some(track) = row.track {
            c.rect(
                PAD,
                cy - 8.0,
                PAD + length(track),
                cy + 8.0,
                rgb(super::TRACK),
            )?;
        }
        let mut x = PAD;
        let thin = if row.track.is_some() { 4.0 } else { 8.0 };
        for (value, colour) in &row.parts {
            let w = length(*value);
            c.rect(x, cy - thin, x + w, cy + thin, rgb(colour))?;
            x += w;
        }
        let end = row.track.map_or(x, |t| x.max(PAD + length(t)));
        c.text(
            &row.text,
            (end + 6.0, cy),
            BODY,
            rgb(INK),
            Anchor::Start,
            true,
        )?;
        y += 30.0;
    }
    Ok(())
}

const PLOT_HEIGHT: f64 = 150.0;

/// A trend: an axis from 0 for values that are never negative, ticks at the first and the
/// last point, and each line's last value written at its end, moved apart when they meet.
fn lines(c: &Canvas, labels: &[String], series: &[Series], percent: bool, top: f64) -> DrawResult {
    let values: Vec<f64> = series
        .iter()
        .flat_map(|s| s.values.iter().flatten().copied())
        .collect();
    let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let lo = values
        .iter()
        .copied()
        .fold(f64::INFINITY, f64::min)
        .min(0.0);
    if !hi.is_finite() {
        return Ok(());
    }
    let (plot_top, bottom) = (top + 8.0, top + 8.0 + PLOT_HEIGHT);
    let y = if percent {
        Scale::nice(0.0, 100.0, 2, bottom, plot_top)
    } else {
        Scale::nice(lo, hi, 3, bottom, plot_top)
    };
    let tick = |t: f64| {
        if percent {
            format!("{}%", super::num(t))
        } else {
            super::num(t)
        }
    };
    let tick_w = y
        .ticks
        .iter()
        .map(|t| text_width(&tick(*t), NOTE, false))
        .fold(0.0, f64::max);
    let left = PAD + tick_w + 6.0;
    // Room on the right for the last values.
    let value_w = series
        .iter()
        .filter_map(|s| {
            s.values
                .iter()
                .rev()
                .flatten()
                .next()
                .map(|v| (s.shown)(*v))
        })
        .map(|t| text_width(&t, BODY, true))
        .fold(0.0, f64::max);
    let right = WIDTH - PAD - value_w - 16.0;
    for t in &y.ticks {
        let ty = y.at(*t);
        c.line(&[(left, ty), (right, ty)], rgb(GRID), 1)?;
        let text = tick(*t);
        c.text(
            &text,
            (left - 4.0, ty),
            NOTE,
            rgb(MUTED),
            Anchor::End,
            false,
        )?;
    }
    let n = labels.len().max(1);
    let x_at = |i: usize| {
        if n == 1 {
            (left + right) / 2.0
        } else {
            left + (right - left) * i as f64 / (n - 1) as f64
        }
    };
    // First and last tick labels only: the rest are in the table.
    if let Some(first) = labels.first() {
        c.write(Text::Note, first, (left, bottom + 16.0), Anchor::Start)?;
    }
    if let (true, Some(last)) = (n > 1, labels.last()) {
        c.write(Text::Note, last, (right, bottom + 16.0), Anchor::End)?;
    }
    series_lines(c, series, &x_at, &y, right)
}

/// Each line with its points, and its last value at the right edge after a dot of its colour,
/// at least 15 px from the others so they never overlap.
fn series_lines(
    c: &Canvas,
    series: &[Series],
    x_at: &dyn Fn(usize) -> f64,
    y: &Scale,
    right: f64,
) -> DrawResult {
    let mut ends_at: Vec<(f64, String, &String)> = Vec::new();
    for s in series {
        let points: Vec<(f64, f64, f64)> = s
            .values
            .iter()
            .enumerate()
            .filter_map(|(i, v)| v.map(|v| (x_at(i), y.at(v), v)))
            .collect();
        let line: Vec<(f64, f64)> = points.iter().map(|p| (p.0, p.1)).collect();
        c.line(&line, rgb(&s.colour), 2)?;
        for (x, py, _) in &points {
            c.circle(*x, *py, 3, rgb(&s.colour))?;
        }
        if let Some((_, py, v)) = points.last() {
            ends_at.push((*py, (s.shown)(*v), &s.colour));
        }
    }
    ends_at.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut last_y = f64::NEG_INFINITY;
    for (py, text, colour) in ends_at {
        let ty = py.max(last_y + 15.0);
        c.circle(right + 8.0, ty, 3, rgb(colour))?;
        let at = (right + 14.0, ty);
        c.text(&text, at, BODY, rgb(INK), Anchor::Start, true)?;
        last_y = ty;
    }
    Ok(())
}
