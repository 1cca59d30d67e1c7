//! The quarterly schedule as a Gantt chart: task groups, one column per quarter, and exactly
//! the quarters the data marks (runs of consecutive quarters drawn as one bar).

use super::canvas::{draw, rgb, text_width, wrap, Anchor, Text};
use super::{finish, Drawn, GRID, INK, MUTED, PALETTE};
use crate::calendar::{parse_quarter_span, Quarter};
use crate::i18n::Strings;
use crate::model::{DataSet, Schedule};

const LABEL_SIZE: f64 = 12.0;
const LINE: f64 = 15.0;

enum Row {
    Group(Vec<String>),
    Task {
        lines: Vec<String>,
        marks: Vec<bool>,
    },
}

pub fn gantt(s: &Schedule, pledge: &str, tr: &Strings) -> Drawn {
    let name = "schedule";
    let (Some(start), Some(end)) = (Quarter::parse(&s.start), Quarter::parse(&s.end)) else {
        return Ok(None);
    };
    let quarters = start.through(end);
    if quarters.is_empty() {
        return Ok(None);
    }
    let label_width = s
        .groups
        .iter()
        .flat_map(|g| &g.tasks)
        .map(|t| text_width(&t.name, LABEL_SIZE, false))
        .fold(120.0, f64::max)
        .min(230.0);
    let left = 16.0 + label_width + 12.0;
    let cell = 26.0f64.max((720.0 - left - 16.0) / quarters.len() as f64);
    let width = (left + cell * quarters.len() as f64 + 16.0).ceil();

    let mut rows = Vec::new();
    for g in &s.groups {
        rows.push(Row::Group(wrap(&g.name, width - 32.0, LABEL_SIZE, 2)));
        for t in &g.tasks {
            let marked: Vec<Quarter> = t
                .quarters
                .iter()
                .filter_map(|q| parse_quarter_span(q))
                .flatten()
                .collect();
            rows.push(Row::Task {
                lines: wrap(&t.name, label_width, LABEL_SIZE, 3),
                marks: quarters.iter().map(|q| marked.contains(q)).collect(),
            });
        }
    }
    let row_height = |r: &Row| match r {
        Row::Group(lines) => 10.0 + LINE * lines.len() as f64,
        Row::Task { lines, .. } => (8.0 + LINE * lines.len() as f64).max(26.0),
    };
    let header = 64.0;
    let top = header + 40.0;
    let height = top + rows.iter().map(row_height).sum::<f64>() + 12.0;
    let x_of = |i: usize| left + cell * i as f64;
    let title = tr.fill(
        "chart.schedule_title",
        &[("from", &tr.quarter(start)), ("to", &tr.quarter(end))],
    );

    let svg = draw(width as u32, height as u32, |c| {
        c.write(Text::Title, &title, (16.0, 22.0), Anchor::Start)?;
        c.text(
            tr.get("schedule.legend"),
            (width - 16.0, 22.0),
            12.0,
            rgb(MUTED),
            Anchor::End,
            false,
        )?;
        // Year and quarter headers; a line before each year.
        let mut i = 0;
        while i < quarters.len() {
            let year = quarters[i].year;
            let n = quarters[i..].iter().take_while(|q| q.year == year).count();
            c.write(
                Text::Label,
                &format!("{year}"),
                (x_of(i) + cell * n as f64 / 2.0, header),
                Anchor::Middle,
            )?;
            c.line(
                &[(x_of(i), header - 10.0), (x_of(i), height - 12.0)],
                rgb(GRID),
                1,
            )?;
            i += n;
        }
        for (i, q) in quarters.iter().enumerate() {
            c.write(
                Text::Note,
                &q.quarter.to_string(),
                (x_of(i) + cell / 2.0, header + 22.0),
                Anchor::Middle,
            )?;
        }
        c.line(&[(16.0, top - 6.0), (width - 16.0, top - 6.0)], rgb(INK), 1)?;
        let mut y = top;
        for row in &rows {
            let h = row_height(row);
            match row {
                Row::Group(lines) => {
                    c.rect(16.0, y, width - 16.0, y + h - 2.0, rgb("#eef1f5"))?;
                    for (k, line) in lines.iter().enumerate() {
                        c.text(
                            line,
                            (22.0, y + 5.0 + LINE * (k as f64 + 0.5)),
                            LABEL_SIZE,
                            rgb(INK),
                            Anchor::Start,
                            true,
                        )?;
                    }
                }
                Row::Task { lines, marks } => {
                    let first = y + h / 2.0 - LINE * (lines.len() as f64 - 1.0) / 2.0;
                    for (k, line) in lines.iter().enumerate() {
                        c.text(
                            line,
                            (22.0, first + LINE * k as f64),
                            LABEL_SIZE,
                            rgb(INK),
                            Anchor::Start,
                            false,
                        )?;
                    }
                    let mut q = 0;
                    while q < marks.len() {
                        if !marks[q] {
                            q += 1;
                            continue;
                        }
                        let run = marks[q..].iter().take_while(|m| **m).count();
                        c.rect(
                            x_of(q) + 2.0,
                            y + h / 2.0 - 7.0,
                            x_of(q + run) - 2.0,
                            y + h / 2.0 + 7.0,
                            rgb(PALETTE[0]),
                        )?;
                        q += run;
                    }
                    c.line(&[(16.0, y + h), (width - 16.0, y + h)], rgb(GRID), 1)?;
                }
            }
            y += h;
        }
        Ok(())
    })
    .map_err(|e| (name, e))?;

    let tasks = s
        .groups
        .iter()
        .flat_map(|g| &g.tasks)
        .map(|t| {
            let marked: Vec<Quarter> = t
                .quarters
                .iter()
                .filter_map(|q| parse_quarter_span(q))
                .flatten()
                .collect();
            format!("{} {}", t.name, tr.quarters(&marked))
        })
        .collect::<Vec<_>>()
        .join("; ");
    let desc = format!("{title}: {tasks}");
    Ok(Some(finish(
        name,
        Some(DataSet::Schedule),
        format!("{title} — {pledge}"),
        desc,
        svg,
    )))
}
