//! `data/records.csv`: what every recorded report said when it was recorded, so a change to a
//! published snapshot, or a report that vanished, is found by `check` — on a person's computer
//! and on GitHub, where the file travels with the site. `snapshot`, `quarter` and `import`
//! write it; nobody needs to edit it. A row with only a date says the site has reported as of
//! that date (its snapshot may still be the cards).

use crate::diagnostics::Diagnostic;
use crate::model::{RecordRow, Records, Source};
use crate::number::PledgeNumber;
use crate::status::Status;
use std::collections::BTreeMap;
use std::path::Path;

pub const RECORDS_FILE: &str = "data/records.csv";

const PREAMBLE: &str =
    "# pledgesite 공개 기록: 기록한 분기 보고의 상태와 추진율입니다. 고치지 마세요.\n\
# 지난 보고를 바로잡을 때는 그 스냅숏 파일의 비고에 \"정정: 까닭\"을 적습니다.\n\
# Records of published reports, written by pledgesite: do not edit. To correct a past report,\n\
# write \"correction: why\" in the 비고 (note) of its snapshot row.\n";

/// The site's records, if it keeps any, with the problems found reading them.
pub fn load(root: &Path) -> (Option<Records>, Vec<Diagnostic>) {
    let abs = root.join(RECORDS_FILE);
    if !abs.is_file() {
        return (None, Vec::new());
    }
    match super::read_source(root, &abs) {
        Ok(source) => {
            let (records, problems) = parse(source);
            (Some(records), problems)
        }
        Err(d) => (None, vec![d]),
    }
}

fn parse(source: Source) -> (Records, Vec<Diagnostic>) {
    let mut records = Records {
        source,
        dates: BTreeMap::new(),
    };
    let mut problems = Vec::new();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .comment(Some(b'#'))
        .trim(csv::Trim::All)
        .from_reader(records.source.text.as_bytes());
    let bad_row = |line: usize| {
        Diagnostic::error(&records.source.path, msg!("records.bad_row", row = line))
            .at(line, 1)
            .hint(msg!("records.bad_row_hint"))
    };
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                problems.push(bad_row(e.position().map_or(0, |p| p.line() as usize)));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line() as usize);
        let cell = |i: usize| crate::csv_out::unescape_cell(record.get(i).unwrap_or(""));
        let date = cell(0).to_string();
        let rows = records.dates.entry(date).or_default();
        if cell(1).is_empty() {
            continue;
        }
        let row = PledgeNumber::parse(cell(1))
            .zip(Status::parse(cell(2)))
            .zip(cell(3).parse().ok());
        match row {
            Some(((number, status), progress)) => rows.push(RecordRow {
                number,
                status,
                progress,
                line,
            }),
            None => problems.push(bad_row(line)),
        }
    }
    (records, problems)
}

/// The records file's text for `dates` (each date's rows; a date without rows was reported
/// from the cards).
pub fn to_csv(dates: &BTreeMap<String, Vec<RecordRow>>) -> Vec<u8> {
    let mut writer = crate::csv_out::Writer::without_bom();
    writer.row(["date", "number", "status", "progress"]);
    for (date, rows) in dates {
        if rows.is_empty() {
            writer.row([date.as_str(), "", "", ""]);
        }
        for row in rows {
            writer.row([
                date,
                row.number.as_str(),
                row.status.label_ko(),
                &crate::csv_out::number(row.progress),
            ]);
        }
    }
    let mut out = PREAMBLE.as_bytes().to_vec();
    out.extend(writer.finish());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_read_back_as_written_and_a_bad_row_is_named_at_its_line() {
        let mut dates = BTreeMap::new();
        let row = |n: &str, status, progress| RecordRow {
            number: PledgeNumber::parse(n).unwrap(),
            status,
            progress,
            line: 0,
        };
        dates.insert(
            "2026-03-31".to_string(),
            vec![
                row("I-①-1", Status::OnTrack, 85.5),
                row("=2", Status::OnHold, 0.0),
            ],
        );
        dates.insert("2026-06-30".to_string(), Vec::new());
        let text = String::from_utf8(to_csv(&dates)).unwrap();
        assert!(
            text.contains("2026-03-31,'=2,보류,0\n2026-06-30,,,\n"),
            "{text}"
        );
        let source = |text: String| Source {
            path: RECORDS_FILE.into(),
            text,
        };
        let (read, problems) = parse(source(text.clone()));
        assert!(problems.is_empty());
        let rows = &read.dates["2026-03-31"];
        assert!(rows[0].says(Status::OnTrack, 85.5) && rows[0].line == 6);
        assert!(rows[1].number.as_str() == "=2" && read.dates["2026-06-30"].is_empty());
        let (_, problems) = parse(source(text.replace(",85.5\n", ",팔십\n")));
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, 6);
    }
}
