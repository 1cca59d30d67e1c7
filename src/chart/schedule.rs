//! The quarterly schedule as a Gantt chart: task groups, one column per quarter, and exactly
//! the quarters the data marks (runs of consecutive quarters drawn as one bar).

use super::canvas::{draw, rgb, text_width, wrap, Anchor, Canvas, DrawResult, Text};
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

impl Row {
    fn height(&self) -> f64 {
        match self {
            Row::Group(lines) => 10.0 + LINE * lines.len() as f64,
            Row::Task { lines, .. } => (8.0 + LINE * lines.len() as f64).max(26.0),
        }
    }
}

pub fn gantt(s: &Schedule, pledge: &str, tr: &Strings) -> Drawn {
    let name = "schedule";
    let Some(layout) = Layout::of(s) else {
        return Ok(None);
    };
    let (start, end) = (
        layout.quarters[0],
        layout.quarters[layout.quarters.len() - 1],
    );
    let title = tr.fill(
        "chart.schedule_title",
        &[("from", &tr.quarter(start)), ("to", &tr.quarter(end))],
    );
    let svg = draw(layout.width as u32, layout.height as u32, |c| {
        c.write(Text::Title, &title, (16.0, 22.0), Anchor::Start)?;
        c.text(
            tr.get("schedule.legend"),
            (layout.width - 16.0, 22.0),
            12.0,
            rgb(MUTED),
            Anchor::End,
            false,
        )?;
        layout.draw_quarters(c)?;
        let mut y = layout.top;
        for row in &layout.rows {
            layout.draw_row(c, row, y)?;
            y += row.height();
        }
        Ok(())
    })
    .map_err(|e| (name, e))?;
    let tasks = s
        .groups
        .iter()
        .flat_map(|g| &g.tasks)
        .map(|t| format!("{} {}", t.name, tr.quarters(&marked(t))))
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

/// Every quarter a task is marked in, its ranges expanded.
fn marked(task: &crate::model::ScheduleTask) -> Vec<Quarter> {
    let spans = task.quarters.iter().filter_map(|q| parse_quarter_span(q));
    spans.flatten().collect()
}

/// Where everything of a Gantt chart goes.
struct Layout {
    quarters: Vec<Quarter>,
    rows: Vec<Row>,
    /// x where the quarter columns start, and each column's width.
    left: f64,
    cell: f64,
    width: f64,
    /// y of the year labels, of the first row, and the whole height.
    header: f64,
    top: f64,
    height: f64,
}

impl Layout {
    fn of(s: &Schedule) -> Option<Layout> {
        let quarters = Quarter::parse(&s.start)?.through(Quarter::parse(&s.end)?);
        if quarters.is_empty() {
            return None;
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
                let marked = marked(t);
                rows.push(Row::Task {
                    lines: wrap(&t.name, label_width, LABEL_SIZE, 3),
                    marks: quarters.iter().map(|q| marked.contains(q)).collect(),
                });
            }
        }
        let (header, top) = (64.0, 104.0);
        let height = top + rows.iter().map(Row::height).sum::<f64>() + 12.0;
        Some(Layout {
            quarters,
            rows,
            left,
            cell,
            width,
            header,
            top,
            height,
        })
    }

    fn x_of(&self, i: usize) -> f64 {
        self.left + self.cell * i as f64
    }

    /// Year and quarter headers; a line before each year.
    fn draw_quarters(&self, c: &Canvas) -> DrawResult {
        let (quarters, header, cell) = (&self.quarters, self.header, self.cell);
        let mut i = 0;
        while i < quarters.len() {
            let year = quarters[i].year;
            let n = quarters[i..].iter().take_while(|q| q.year == year).count();
            let at = (self.x_of(i) + cell * n as f64 / 2.0, header);
            c.write(Text::Label, &format!("{year}"), at, Anchor::Middle)?;
            let x = self.x_of(i);
            c.line(&[(x, header - 10.0), (x, self.height - 12.0)], rgb(GRID), 1)?;
            i += n;
        }
        for (i, q) in quarters.iter().enumerate() {
            let at = (self.x_of(i) + cell / 2.0, header + 22.0);
            c.write(Text::Note, &q.quarter.to_string(), at, Anchor::Middle)?;
        }
        let y = self.top - 6.0;
        c.line(&[(16.0, y), (self.width - 16.0, y)], rgb(INK), 1)
    }

    /// A group's band or a task's name and marked quarters, from `y` down.
    fn draw_row(&self, c: &Canvas, row: &Row, y: f64) -> DrawResult {
        let (h, width) = (row.height(), self.width);
        match row {
            Row::Group(lines) => {
                c.rect(16.0, y, width - 16.0, y + h - 2.0, rgb(super::BAND))?;
                for (k, line) in lines.iter().enumerate() {
                    let at = (22.0, y + 5.0 + LINE * (k as f64 + 0.5));
                    c.text(line, at, LABEL_SIZE, rgb(INK), Anchor::Start, true)?;
                }
            }
            Row::Task { lines, marks } => {
                let first = y + h / 2.0 - LINE * (lines.len() as f64 - 1.0) / 2.0;
                for (k, line) in lines.iter().enumerate() {
                    let at = (22.0, first + LINE * k as f64);
                    c.text(line, at, LABEL_SIZE, rgb(INK), Anchor::Start, false)?;
                }
                let mut q = 0;
                while q < marks.len() {
                    if !marks[q] {
                        q += 1;
                        continue;
                    }
                    let run = marks[q..].iter().take_while(|m| **m).count();
                    let (x0, x1) = (self.x_of(q) + 2.0, self.x_of(q + run) - 2.0);
                    c.rect(
                        x0,
                        y + h / 2.0 - 7.0,
                        x1,
                        y + h / 2.0 + 7.0,
                        rgb(PALETTE[0]),
                    )?;
                    q += run;
                }
                c.line(&[(16.0, y + h), (width - 16.0, y + h)], rgb(GRID), 1)?;
            }
        }
        Ok(())
    }
}
