//! `data/snapshots/YYYY-MM-DD.csv`: one reporting date's status and progress of every pledge,
//! as a planning office keeps it in its spreadsheet. Korean or English headers; Excel's
//! trailing empty columns and rows are ignored; a bad row is reported at its line and left out.

use super::{is_ignored, read_source};
use crate::calendar::Date;
use crate::diagnostics::Diagnostic;
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
        let Some(date) = name.strip_suffix(".csv").filter(|d| is_full_date(d)) else {
            problems.push(
                Diagnostic::error(&shown, format!("`{name}` is not a snapshot file name"))
                    .hint("name each snapshot after its reporting date, e.g. data/snapshots/2025-06-30.csv (a CSV file saved from Excel as \"CSV UTF-8\")"),
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

fn is_full_date(text: &str) -> bool {
    text.len() == 10 && Date::parse(text).is_some_and(|d| d.day.is_some())
}

/// Where the columns are, from the header row.
struct Columns {
    number: usize,
    status: usize,
    progress: usize,
    note: Option<usize>,
}

const HEADER_HINT: &str =
    "the first line names the columns: 번호,상태,추진율,비고 (or number,status,progress,note)";

fn columns(header: &csv::StringRecord, source: &Source) -> Result<Columns, Diagnostic> {
    let column = |name: &str| {
        let accepted = COLUMNS
            .iter()
            .find(|c| c.0 == name)
            .map_or(&[][..], |c| c.1);
        header.iter().position(|h| {
            let h: String = h.chars().filter(|c| !c.is_whitespace()).collect();
            accepted.iter().any(|a| h.eq_ignore_ascii_case(a))
        })
    };
    match (column("number"), column("status"), column("progress")) {
        (Some(number), Some(status), Some(progress)) => Ok(Columns {
            number,
            status,
            progress,
            note: column("note"),
        }),
        _ => {
            let found = header.iter().collect::<Vec<_>>().join(",");
            Err(Diagnostic::error(
                &source.path,
                format!("the header `{found}` lacks 번호, 상태 or 추진율"),
            )
            .at(1, 1)
            .hint(HEADER_HINT))
        }
    }
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
        None => Err(Diagnostic::error(&source.path, "the snapshot is empty")
            .at(1, 1)
            .hint(HEADER_HINT)),
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
                        format!(
                            "pledge {} is listed twice (also on line {first})",
                            row.number
                        ),
                    )
                    .at(row.line, 1)
                    .hint("keep one row per pledge"),
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
    let cell = |i: usize| record.get(i).unwrap_or("");
    let at = |message: String, hint: &str| {
        Diagnostic::error(&source.path, message)
            .at(line, 1)
            .hint(hint.to_string())
    };
    let number = PledgeNumber::parse(cell(columns.number)).ok_or_else(|| {
        at(
            "the row has no pledge number (번호)".into(),
            "write the pledge's number or code as on its card, e.g. 16 or III-①-1",
        )
    })?;
    let status = Status::parse(cell(columns.status)).ok_or_else(|| {
        at(
            format!(
                "unknown status `{}` for pledge {number}",
                cell(columns.status)
            ),
            &format!("use one of: {}", Status::valid_values()),
        )
    })?;
    let written = cell(columns.progress);
    let progress = match written.trim_end_matches('%').trim().parse::<f64>() {
        Ok(p) if (0.0..=100.0).contains(&p) => p,
        Ok(p) => {
            return Err(at(
                format!("progress {p} of pledge {number} is outside 0–100"),
                "추진율 is a percentage from 0 to 100",
            ))
        }
        Err(_) => {
            return Err(at(
                format!("progress `{written}` of pledge {number} is not a number"),
                "write 추진율 as a plain number, e.g. 85 or 85.5",
            ))
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
    Diagnostic::error(&source.path, format!("invalid CSV: {e}"))
        .at(line, 1)
        .hint("check the quoting: a cell containing a comma must be in double quotes")
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
        assert!(problems[0].message.contains("진행중"));
        assert!(problems[3].message.contains("twice"));
    }

    #[test]
    fn a_header_without_the_columns_is_one_problem() {
        let (ok, problems) = rows("공약,진도\n1,10\n");
        assert!(ok.is_empty());
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, 1);
    }
}
