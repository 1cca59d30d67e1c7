//! The planning office's sheet as a grid of cells, named as Excel names them (`G12`): read from
//! `.xlsx`/`.xls`/`.ods` with calamine, or from `.csv` in UTF-8 (with or without BOM), UTF-16
//! (Excel's "Unicode text") or CP949 (what older Korean Excel saves). `export` writes a
//! report's sheet in the columns `columns` reads.

pub mod columns;
pub mod export;

use crate::messages::Message;
use std::path::Path;

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// A date cell: Excel turned what was typed (`2-3`) into a date; month and day as shown.
    Date {
        month: u32,
        day: u32,
    },
}

impl Cell {
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.trim().to_string(),
            Cell::Number(n) => crate::csv_out::number(*n),
            Cell::Date { month, day } => format!("{month:02}월 {day:02}일"),
        }
    }

    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }
}

/// One worksheet (a CSV file is one) with where its first cell is.
#[derive(Debug, Clone)]
pub struct Grid {
    /// The file name as the person gave it, for messages.
    pub file: String,
    /// The worksheet's name; `None` for a CSV file.
    pub sheet: Option<String>,
    pub rows: Vec<Vec<Cell>>,
    /// Row and column (0-based) of `rows[0][0]` in the sheet.
    pub origin: (u32, u32),
}

impl Grid {
    pub fn cell(&self, row: usize, column: usize) -> &Cell {
        self.rows
            .get(row)
            .and_then(|r| r.get(column))
            .unwrap_or(&Cell::Empty)
    }

    /// `점검표.xlsx [3분기] G12` — the cell as Excel shows it.
    pub fn cell_name(&self, row: usize, column: usize) -> String {
        let name = format!(
            "{}{}",
            column_letters(self.origin.1 as usize + column),
            self.origin.0 as usize + row + 1
        );
        match &self.sheet {
            Some(sheet) => format!("{} [{sheet}] {name}", self.file),
            None => format!("{} {name}", self.file),
        }
    }
}

/// `0` → `A`, `25` → `Z`, `26` → `AA`.
pub fn column_letters(mut column: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (column % 26) as u8);
        if column < 26 {
            break;
        }
        column = column / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// What reading a sheet found besides its cells (the encoding a CSV was read in).
pub struct Read {
    pub grids: Vec<Grid>,
    pub notes: Vec<Message>,
}

/// Every worksheet of the file at `path`.
pub fn read(path: &Path) -> Result<Read, Message> {
    let file = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" => workbook(path, file),
        "csv" | "txt" | "tsv" => {
            let bytes = std::fs::read(path).map_err(|e| {
                msg!(
                    "import.unreadable",
                    file = &file,
                    reason = crate::messages::io_reason_term(&e)
                )
            })?;
            let (text, note) = decode(&bytes, &file)?;
            Ok(Read {
                grids: vec![csv_grid(&text, file)],
                notes: note.into_iter().collect(),
            })
        }
        _ => Err(msg!("import.unknown_kind", file = &file)),
    }
}

fn workbook(path: &Path, file: String) -> Result<Read, Message> {
    use calamine::{Data, Reader};
    let mut book = calamine::open_workbook_auto(path)
        .map_err(|e| msg!("import.bad_workbook", file = &file, reason = e.to_string()))?;
    let mut grids = Vec::new();
    for name in book.sheet_names() {
        let Ok(range) = book.worksheet_range(&name) else {
            continue;
        };
        let origin = range.start().unwrap_or((0, 0));
        let rows = range
            .rows()
            .map(|row| {
                row.iter()
                    .map(|cell| match cell {
                        Data::Empty => Cell::Empty,
                        Data::String(s) => Cell::Text(s.clone()),
                        Data::Int(i) => Cell::Number(*i as f64),
                        Data::Float(f) => Cell::Number(*f),
                        Data::Bool(b) => Cell::Text(b.to_string()),
                        Data::DateTime(d) => serial_date(d.as_f64()),
                        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
                        Data::Error(e) => Cell::Text(format!("#{e:?}")),
                    })
                    .collect()
            })
            .collect();
        grids.push(Grid {
            file: file.clone(),
            sheet: Some(name),
            rows,
            origin,
        });
    }
    Ok(Read {
        grids,
        notes: Vec::new(),
    })
}

/// The month and day of an Excel date serial (days since 1899-12-30).
fn serial_date(serial: f64) -> Cell {
    let days = serial.floor() as i64;
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days - 25569 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    Cell::Date { month, day }
}

/// A CSV file's text: UTF-8 (BOM or not), UTF-16 with its BOM, or else CP949, which is said.
fn decode(bytes: &[u8], file: &str) -> Result<(String, Option<Message>), Message> {
    if let Some(rest) = bytes.strip_prefix(b"\xef\xbb\xbf") {
        return std::str::from_utf8(rest)
            .map(|t| (t.to_string(), None))
            .map_err(|_| msg!("import.bad_encoding", file = file));
    }
    for (bom, encoding, name) in [
        (&b"\xff\xfe"[..], encoding_rs::UTF_16LE, "UTF-16"),
        (&b"\xfe\xff"[..], encoding_rs::UTF_16BE, "UTF-16"),
    ] {
        if bytes.starts_with(bom) {
            let (text, _, bad) = encoding.decode(bytes);
            if bad {
                return Err(msg!("import.bad_encoding", file = file));
            }
            return Ok((
                text.into_owned(),
                Some(msg!("import.read_as", file = file, encoding = name)),
            ));
        }
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((text.to_string(), None));
    }
    let (text, _, bad) = encoding_rs::EUC_KR.decode(bytes);
    if bad {
        return Err(msg!("import.bad_encoding", file = file));
    }
    Ok((
        text.into_owned(),
        Some(msg!(
            "import.read_as",
            file = file,
            encoding = "CP949 (EUC-KR)"
        )),
    ))
}

/// A CSV (or Excel's tab-separated "Unicode text") as a grid; a leading `'` that this program
/// (or a person) put before a formula character is dropped.
fn csv_grid(text: &str, file: String) -> Grid {
    let first = text.lines().next().unwrap_or("");
    let delimiter = if first.matches('\t').count() > first.matches(',').count() {
        b'\t'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let rows = reader
        .records()
        .filter_map(Result::ok)
        .map(|record| {
            record
                .iter()
                .map(|cell| {
                    let cell = crate::csv_out::unescape_cell(cell.trim());
                    if cell.is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text(cell.to_string())
                    }
                })
                .collect()
        })
        .collect();
    Grid {
        file,
        sheet: None,
        rows,
        origin: (0, 0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_named_as_excel_names_them() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(6), "G");
        assert_eq!(column_letters(26), "AA");
        let grid = Grid {
            file: "점검표.xlsx".into(),
            sheet: Some("3분기".into()),
            rows: vec![],
            origin: (2, 1),
        };
        assert_eq!(grid.cell_name(9, 5), "점검표.xlsx [3분기] G12");
        // 2026-02-03 is serial 46056.
        assert_eq!(serial_date(46056.0), Cell::Date { month: 2, day: 3 });
    }

    #[test]
    fn csv_in_cp949_and_utf16_is_read_and_said() {
        let (bytes, _, _) = encoding_rs::EUC_KR.encode("번호,상태\n1,정상추진\n");
        let (text, note) = decode(&bytes, "a.csv").unwrap();
        assert!(text.contains("정상추진") && note.is_some());
        let mut utf16 = vec![0xff, 0xfe];
        for unit in "번호\t상태\n".encode_utf16() {
            utf16.extend(unit.to_le_bytes());
        }
        let (text, _) = decode(&utf16, "a.txt").unwrap();
        assert_eq!(csv_grid(&text, "a.txt".into()).rows[0].len(), 2);
    }
}
