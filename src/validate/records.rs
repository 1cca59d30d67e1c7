//! Published reports stay as they were published: each recorded snapshot against what
//! `data/records.csv` says it held, and every reporting date the site has shown still has a
//! report. A past report may only change through a correction note in its 비고.

use crate::diagnostics::Diagnostic;
use crate::load::snapshots::header;
use crate::model::{RecordRow, Records, Site, Snapshot};
use crate::number::PledgeNumber;
use std::collections::HashMap;

/// Whether a snapshot row's note marks it as a correction of what was published.
pub fn is_correction(note: &str) -> bool {
    let note = note.trim_start();
    note.starts_with("정정") || note.to_ascii_lowercase().starts_with("correction")
}

pub fn check(site: &Site, present: Option<&str>) -> Vec<Diagnostic> {
    let Some(records) = &site.records else {
        return Vec::new();
    };
    let mut problems = Vec::new();
    for (date, rows) in &records.dates {
        let snapshot = site.snapshots.iter().find(|s| &s.date == date);
        match snapshot {
            Some(snapshot) if !rows.is_empty() => problems.extend(changed(snapshot, rows)),
            Some(_) => {}
            None if !rows.is_empty() => problems.push(snapshot_missing(records, date, rows)),
            None => {
                if let Some(present) = present.filter(|p| *p > date.as_str()) {
                    problems.push(report_vanished(site, date, present));
                }
            }
        }
    }
    problems
}

/// Rows of a recorded snapshot that say other than the record, without a correction note.
fn changed(snapshot: &Snapshot, recorded: &[RecordRow]) -> Vec<Diagnostic> {
    let source = &snapshot.source;
    let by_number: HashMap<&PledgeNumber, &RecordRow> =
        recorded.iter().map(|r| (&r.number, r)).collect();
    let mut problems = Vec::new();
    for row in &snapshot.rows {
        let record = by_number.get(&row.number);
        let same = record.is_some_and(|r| r.says(row.status, row.progress));
        if same || is_correction(&row.note) {
            continue;
        }
        let message = match record {
            Some(r) => msg!(
                "records.changed",
                number = &row.number,
                date = &snapshot.date
            )
            .arg("row", row.line)
            .arg("was_status", r.status)
            .arg("was_progress", r.progress)
            .arg("status", row.status)
            .arg("progress", row.progress),
            None => msg!("records.added", number = &row.number, date = &snapshot.date)
                .arg("row", row.line),
        };
        let note = header(source, "note");
        problems.push(
            Diagnostic::error(&source.path, message)
                .at(row.line, 1)
                .hint(msg!("records.changed_hint", note = note)),
        );
    }
    let present: std::collections::HashSet<&PledgeNumber> =
        snapshot.rows.iter().map(|r| &r.number).collect();
    for r in recorded.iter().filter(|r| !present.contains(&r.number)) {
        let message = msg!("records.removed", number = &r.number, date = &snapshot.date)
            .arg("status", r.status)
            .arg("progress", r.progress);
        problems.push(
            Diagnostic::error(&source.path, message)
                .at(1, 1)
                .hint(msg!("records.removed_hint")),
        );
    }
    problems
}

fn snapshot_missing(records: &Records, date: &str, rows: &[RecordRow]) -> Diagnostic {
    let file = format!("{}/{date}.csv", crate::load::snapshots::SNAPSHOT_DIR);
    let line = rows.first().map_or(1, |r| r.line.max(1));
    Diagnostic::error(
        &records.source.path,
        msg!("records.snapshot_missing", date = date, file = &file),
    )
    .at(line, 1)
    .hint(msg!("records.snapshot_missing_hint", file = &file))
}

/// The site reported as of `date` from its cards, and has moved on without recording it.
fn report_vanished(site: &Site, date: &str, present: &str) -> Diagnostic {
    let message = msg!("records.report_vanished", date = date, present = present);
    let hint = msg!(
        "records.report_vanished_hint",
        date = date,
        present = present
    );
    match &site.home.source {
        Some(source) => super::at_key(source, "as_of", message).hint(hint),
        None => Diagnostic::error("content/_index.md", message).hint(hint),
    }
}
