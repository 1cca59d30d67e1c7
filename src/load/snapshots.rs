//! `data/snapshots/YYYY-MM-DD.csv`: one reporting date's status and progress of every pledge,
//! as a planning office keeps it in its spreadsheet. Korean or English headers; Excel's
//! trailing empty columns and rows are ignored; a bad row is reported at its line and left out.

use super::{is_ignored, read_source};
use crate::calendar::Date;
use crate::diagnostics::Diagnostic;
use crate::messages::Message;
use crate::model::{Snapshot, SnapshotRow, Source};
use crate::number::PledgeNumber;
use crate::status::Status;
use std::path::Path;

pub const SNAPSHOT_DIR: &str = "data/snapshots";

/// The columns of a snapshot, and the header names each accepts (spaces ignored).
const COLUMNS: [(&str, &[&str]); 4] = [
    ("number", &["번호", "관리번호", "공약번호", "number", "no"]),
    ("status", &["상태", "이행상태", "추진상태", "status"]),
    (
        "progress",
        &["추진율", "추진율(%)", "진행률", "진행률(%)", "progress"],
    ),
    ("note", &["비고", "note", "notes"]),
];

/// Every snapshot of the site, oldest first, with the problems found reading them.
pub fn load(root: &Path) -> (Vec<Snapshot>, Vec<Diagnostic>) {
    let dir = root.join(SNAPSHOT_DIR);
    let mut problems = Vec::new();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return (Vec::new(), problems);
    };
    let mut files: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && !is_ignored(p))
        .collect();
    files.sort();
    let mut snapshots = Vec::new();
    for abs in files {
        let shown = Path::new(SNAPSHOT_DIR).join(abs.file_name().unwrap_or_default());
        let name = abs.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let Some(date) = name
            .strip_suffix(".csv")
            .filter(|d| Date::parse_reporting(d).is_some())
        else {
            problems.push(
                Diagnostic::error(&shown, msg!("snapshot.file_name", name = name))
                    .hint(file_name_hint(name)),
            );
            continue;
        };
        match read_source(root, &abs) {
            Ok(source) => {
                let (rows, row_problems) = parse(&source);
                problems.extend(row_problems);
                snapshots.push(Snapshot {
                    date: date.to_string(),
                    source,
                    rows,
                });
            }
            Err(d) => problems.push(d),
        }
    }
    (snapshots, problems)
}

/// A workbook saved as it is, rather than as CSV, is the likely slip.
fn file_name_hint(name: &str) -> Message {
    let extension = name.rsplit_once('.').map_or("", |(_, e)| e);
    if ["xlsx", "xls", "xlsm"]
        .iter()
        .any(|e| extension.eq_ignore_ascii_case(e))
    {
        msg!("snapshot.workbook_hint")
    } else {
        msg!("snapshot.file_name_hint")
    }
}

/// The names the column `id` (`number`, `status`, `progress` or `note`) is known by.
fn accepted(id: &str) -> &'static [&'static str] {
    COLUMNS
        .iter()
        .find(|c| c.0 == id)
        .map(|c| c.1)
        .unwrap_or_default()
}

/// Whether the header cell `written` names the column `id` (spaces ignored).
fn names(id: &str, written: &str) -> bool {
    let h: String = written.chars().filter(|c| !c.is_whitespace()).collect();
    accepted(id).iter().any(|a| h.eq_ignore_ascii_case(a))
}

/// The header of the column `id` as the snapshot `source` writes it (`추진율(%)`), for messages
/// about its rows; its usual Korean name when the file has no such column.
pub fn header(source: &Source, id: &str) -> String {
    let first = source.text.lines().next().unwrap_or("");
    let written = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(first.as_bytes())
        .records()
        .next()
        .and_then(Result::ok)
        .and_then(|record| record.iter().find(|h| names(id, h)).map(str::to_string));
    written.unwrap_or_else(|| accepted(id).first().copied().unwrap_or(id).to_string())
}

/// Where the columns are, from the header row, and their headers as written.
struct Columns {
    number: usize,
    status: usize,
    progress: usize,
    note: Option<usize>,
    headers: Vec<String>,
}

impl Columns {
    fn header(&self, i: usize) -> &str {
        self.headers.get(i).map_or("", String::as_str)
    }
}

fn columns(header: &csv::StringRecord, source: &Source) -> Result<Columns, Diagnostic> {
    let column = |id: &str| header.iter().position(|h| names(id, h));
    match (column("number"), column("status"), column("progress")) {
        (Some(number), Some(status), Some(progress)) => Ok(Columns {
            number,
            status,
            progress,
            note: column("note"),
            headers: header.iter().map(str::to_string).collect(),
        }),
        (number, status, progress) => {
            let missing: Vec<&str> = [
                ("number", number),
                ("status", status),
                ("progress", progress),
            ]
            .into_iter()
            .filter(|(_, at)| at.is_none())
            .map(|(id, _)| id)
            .collect();
            Err(header_problem(header, &missing, source))
        }
    }
}

/// The header lacks the columns `missing`: which ones, and the header cell that is nearly one
/// of them (`추진률` for 추진율), if any.
fn header_problem(header: &csv::StringRecord, missing: &[&str], source: &Source) -> Diagnostic {
    let found = header.iter().collect::<Vec<_>>().join(",");
    let wanted: Vec<String> = missing
        .iter()
        .map(|id| format!("`{}`", accepted(id)[0]))
        .collect();
    let unknown: Vec<&str> = header
        .iter()
        .filter(|h| !h.is_empty() && !COLUMNS.iter().any(|c| names(c.0, h)))
        .collect();
    let near = missing.iter().find_map(|id| {
        unknown.iter().find_map(|written| {
            crate::messages::closest(written, accepted(id).iter().copied())
                .map(|near| (*written, near))
        })
    });
    let hint = match near {
        Some((written, near)) => msg!("snapshot.header_near_hint", written = written, near = near),
        None => msg!("snapshot.header_hint"),
    };
    let missing = wanted.join(", ");
    let message = msg!("snapshot.header_lacks", found = found, missing = missing);
    Diagnostic::error(&source.path, message).at(1, 1).hint(hint)
}

/// The rows of one snapshot; each bad row is a problem at its line and is left out.
pub fn parse(source: &Source) -> (Vec<SnapshotRow>, Vec<Diagnostic>) {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(source.text.as_bytes());
    let mut records = reader.records();
    let columns = match records.next() {
        Some(Ok(header)) => columns(&header, source),
        Some(Err(e)) => Err(csv_problem(source, &e)),
        None => Err(Diagnostic::error(&source.path, msg!("snapshot.empty"))
            .at(1, 1)
            .hint(msg!("snapshot.header_hint"))),
    };
    let columns = match columns {
        Ok(columns) => columns,
        Err(problem) => return (Vec::new(), vec![problem]),
    };
    let mut problems = Vec::new();
    let mut rows: Vec<SnapshotRow> = Vec::new();
    let mut seen: std::collections::HashMap<PledgeNumber, usize> = Default::default();
    for record in records {
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                problems.push(csv_problem(source, &e));
                continue;
            }
        };
        // Excel leaves rows of empty cells below the table.
        if record.iter().all(str::is_empty) {
            continue;
        }
        match row(&record, &columns, source) {
            Ok(row) => match seen.get(&row.number) {
                Some(first) => problems.push(
                    Diagnostic::error(
                        &source.path,
                        msg!("snapshot.listed_twice", number = &row.number, first = first)
                            .arg("row", row.line)
                            .arg("column", columns.header(columns.number)),
                    )
                    .at(row.line, 1)
                    .hint(msg!("snapshot.listed_twice_hint")),
                ),
                None => {
                    seen.insert(row.number.clone(), row.line);
                    rows.push(row);
                }
            },
            Err(problem) => problems.push(problem),
        }
    }
    (rows, problems)
}

/// One row, or the problem with it at its line.
fn row(
    record: &csv::StringRecord,
    columns: &Columns,
    source: &Source,
) -> Result<SnapshotRow, Diagnostic> {
    let line = record.position().map_or(0, |p| p.line() as usize);
    // A cell this program neutralised against formulas (`'=…`) reads back as it was.
    let cell = |i: usize| crate::csv_out::unescape_cell(record.get(i).unwrap_or(""));
    // Each problem names its row and the column's header as the file writes it.
    let at = |column: usize, message: Message, hint: Message| {
        let message = message
            .arg("row", line)
            .arg("column", columns.header(column));
        Diagnostic::error(&source.path, message)
            .at(line, 1)
            .hint(hint)
    };
    let number = PledgeNumber::parse(cell(columns.number)).ok_or_else(|| {
        let hint = msg!("snapshot.no_number_hint");
        at(columns.number, msg!("snapshot.no_number"), hint)
    })?;
    let of_pledge =
        |column, message: Message, hint| at(column, message.arg("number", &number), hint);
    let written = cell(columns.status);
    let status = Status::parse(written).ok_or_else(|| {
        let message = if written.is_empty() {
            msg!("snapshot.no_status")
        } else {
            msg!("snapshot.unknown_status", value = written)
        };
        let valid = Status::valid_values();
        let hint = match Status::suggestion(written) {
            Some(near) => msg!("snapshot.status_near_hint", near = near, valid = valid),
            None => msg!("snapshot.status_hint", valid = valid),
        };
        of_pledge(columns.status, message, hint)
    })?;
    let written = cell(columns.progress);
    let column = columns.header(columns.progress);
    let progress = match written.trim_end_matches('%').trim().parse::<f64>() {
        Ok(p) if (0.0..=100.0).contains(&p) => p,
        Ok(p) => {
            let message = msg!("snapshot.progress_range", value = p);
            let hint = msg!("snapshot.progress_range_hint", column = column);
            return Err(of_pledge(columns.progress, message, hint));
        }
        Err(_) => {
            let message = if written.is_empty() {
                msg!("snapshot.no_progress")
            } else {
                msg!("snapshot.progress_not_number", value = written)
            };
            let hint = msg!("snapshot.progress_not_number_hint", column = column);
            return Err(of_pledge(columns.progress, message, hint));
        }
    };
    Ok(SnapshotRow {
        line,
        number,
        status,
        progress,
        note: columns
            .note
            .map(|i| cell(i).to_string())
            .unwrap_or_default(),
    })
}

fn csv_problem(source: &Source, e: &csv::Error) -> Diagnostic {
    let line = e.position().map_or(0, |p| p.line() as usize);
    Diagnostic::error(
        &source.path,
        msg!("data.csv_invalid", row = line, reason = e),
    )
    .at(line, 1)
    .hint(msg!("data.csv_quoting_hint"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> (Vec<SnapshotRow>, Vec<Diagnostic>) {
        parse(&Source {
            path: "data/snapshots/2025-06-30.csv".into(),
            text: text.into(),
        })
    }

    #[test]
    fn korean_and_english_headers_and_excel_leftovers() {
        let (ok, problems) =
            rows("번호,상태,추진율,비고,,\n16,정상추진,80%,,,\nIII-①-1,완료,100,준공,,\n,,,,,\n");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(ok.len(), 2);
        assert_eq!(ok[0].progress, 80.0);
        assert_eq!(ok[1].number.as_str(), "III-①-1");
        assert_eq!(ok[1].note, "준공");
        let (ok, problems) = rows("number,status,progress\n1,on-track,10\n");
        assert!(problems.is_empty() && ok.len() == 1);
    }

    #[test]
    fn bad_rows_name_their_line() {
        let (ok, problems) = rows("번호,상태,추진율\n1,진행중,10\n2,정상추진,120\n3,완료,백\n1,완료,100\n4,정상추진,5\n4,완료,100\n");
        assert_eq!(ok.len(), 2);
        let lines: Vec<usize> = problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [2, 3, 4, 7]);
        assert!(problems[0].message.to_string().contains("진행중"));
        assert!(problems[0].message.to_string().contains("`상태`"));
        assert_eq!(problems[1].message.key(), "snapshot.progress_range");
        assert_eq!(problems[2].message.key(), "snapshot.progress_not_number");
        assert_eq!(problems[3].message.key(), "snapshot.listed_twice");
        assert!(problems[3].message.to_string().contains("twice"));
    }

    #[test]
    fn near_misses_are_named() {
        let (_, problems) = rows("번호,상태,추진률\n1,완료,100\n");
        let hint = problems[0].hint.as_ref().expect("a hint");
        assert_eq!(hint.key(), "snapshot.header_near_hint");
        assert!(hint.to_string().contains("`추진율`"), "{hint}");
        let (_, problems) = rows("번호,상태,추진율(%)\n1,정상추진중,50\n");
        let hint = problems[0].hint.as_ref().expect("a hint");
        assert_eq!(hint.key(), "snapshot.status_near_hint");
        assert!(hint.to_string().contains("정상추진"), "{hint}");
    }

    #[test]
    fn rows_are_named_by_their_headers_as_written() {
        let source = Source {
            path: "data/snapshots/2025-06-30.csv".into(),
            text: "관리 번호,이행상태,추진율(%)\n1,완료,1000\n".into(),
        };
        let (_, problems) = parse(&source);
        assert!(problems[0].message.to_string().contains("`추진율(%)`"));
        assert_eq!(header(&source, "progress"), "추진율(%)");
        assert_eq!(header(&source, "note"), "비고");
    }

    #[test]
    fn a_header_without_the_columns_is_one_problem() {
        let (ok, problems) = rows("공약,진도\n1,10\n");
        assert!(ok.is_empty());
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, 1);
    }
}
