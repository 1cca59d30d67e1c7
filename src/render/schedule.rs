//! The quarterly schedule as a grid: one column per quarter from start to end, one row per task.

use crate::calendar::{parse_quarter_span, Quarter};
use crate::model::Schedule;
use serde::Serialize;

#[derive(Serialize)]
pub struct Grid {
    pub years: Vec<YearSpan>,
    pub quarters: Vec<QuarterColumn>,
    pub groups: Vec<GroupRow>,
}

#[derive(Serialize)]
pub struct YearSpan {
    pub year: i32,
    pub span: usize,
}

#[derive(Serialize)]
pub struct QuarterColumn {
    pub key: String,
    pub year: i32,
    pub quarter: u8,
}

#[derive(Serialize)]
pub struct GroupRow {
    pub name: String,
    pub tasks: Vec<TaskRow>,
}

#[derive(Serialize)]
pub struct TaskRow {
    pub name: String,
    pub note: Option<String>,
    /// One flag per quarter column.
    pub marks: Vec<bool>,
    /// The marked quarters in words, for screen readers and text-only readers.
    pub summary: String,
}

/// Invalid quarters are reported by validation; here they are skipped.
pub fn grid(schedule: &Schedule, strings: &crate::i18n::Strings) -> Grid {
    let (Some(start), Some(end)) = (
        Quarter::parse(&schedule.start),
        Quarter::parse(&schedule.end),
    ) else {
        return Grid {
            years: Vec::new(),
            quarters: Vec::new(),
            groups: Vec::new(),
        };
    };
    let columns = start.through(end);
    let mut years: Vec<YearSpan> = Vec::new();
    for q in &columns {
        match years.last_mut() {
            Some(y) if y.year == q.year => y.span += 1,
            _ => years.push(YearSpan {
                year: q.year,
                span: 1,
            }),
        }
    }
    let groups = schedule
        .groups
        .iter()
        .map(|g| GroupRow {
            name: g.name.clone(),
            tasks: g
                .tasks
                .iter()
                .map(|t| {
                    let marked: Vec<Quarter> = t
                        .quarters
                        .iter()
                        .filter_map(|s| parse_quarter_span(s))
                        .flatten()
                        .collect();
                    TaskRow {
                        name: t.name.clone(),
                        note: t.note.clone(),
                        marks: columns.iter().map(|q| marked.contains(q)).collect(),
                        summary: strings.quarters(&marked),
                    }
                })
                .collect(),
        })
        .collect();
    Grid {
        years,
        quarters: columns
            .iter()
            .map(|q| QuarterColumn {
                key: q.to_string(),
                year: q.year,
                quarter: q.quarter,
            })
            .collect(),
        groups,
    }
}
