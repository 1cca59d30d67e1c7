//! Which columns of a sheet are which: the header row is found by its names wherever it is
//! (title rows and merged cells above it, a two-row header), by the names planning offices use.
//! 연번 and 순번 count rows: they are never the pledge number.

use super::Grid;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Number,
    Title,
    Area,
    Department,
    Status,
    Progress,
    Note,
}

/// Each column's names, compared without spaces, line breaks, `(%)` and case.
const NAMES: [(Column, &[&str]); 7] = [
    (
        Column::Number,
        &[
            "관리번호",
            "공약번호",
            "번호",
            "과제번호",
            "사업번호",
            "number",
            "no",
            "code",
        ],
    ),
    (
        Column::Title,
        &["공약명", "사업명", "공약사업명", "과제명", "공약", "title"],
    ),
    (Column::Area, &["분야", "area"]),
    (
        Column::Department,
        &["담당부서", "추진부서", "부서", "주관부서", "department"],
    ),
    (
        Column::Status,
        &["추진상태", "이행상태", "상태", "추진상황", "status"],
    ),
    (
        Column::Progress,
        &[
            "추진율",
            "진행률",
            "추진률",
            "이행률",
            "진척률",
            "진행율",
            "progress",
        ],
    ),
    (
        Column::Note,
        &[
            "비고",
            "사유",
            "부진사유",
            "부진사유/비고",
            "비고(부진사유)",
            "사유/비고",
            "note",
            "reason",
        ],
    ),
];

/// The header row and the column of each known name.
#[derive(Debug, Clone)]
pub struct Header {
    /// Index in the grid of the header row; data starts below it.
    pub row: usize,
    pub columns: Vec<(Column, usize)>,
    /// Each column's header as written, for messages.
    pub names: Vec<String>,
}

impl Header {
    pub fn at(&self, column: Column) -> Option<usize> {
        self.columns.iter().find(|c| c.0 == column).map(|c| c.1)
    }

    pub fn name(&self, column: usize) -> &str {
        self.names.get(column).map_or("", String::as_str)
    }
}

fn squash(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .replace("(%)", "")
        .replace('%', "")
        .to_lowercase()
}

fn column_of(text: &str) -> Option<Column> {
    let written = squash(text);
    NAMES
        .iter()
        .find(|(_, names)| names.iter().any(|n| squash(n) == written))
        .map(|(c, _)| *c)
}

/// The first row, among the first 30, that names a status and a progress column; a name only
/// in the row above (a cell merged over two header rows) counts for its column.
pub fn find(grid: &Grid) -> Option<Header> {
    for row in 0..grid.rows.len().min(30) {
        let width = grid.rows[row].len();
        let mut columns: Vec<(Column, usize)> = Vec::new();
        let mut names = vec![String::new(); width];
        for (col, written) in names.iter_mut().enumerate() {
            let here = grid.cell(row, col).text();
            let above = row.checked_sub(1).map(|r| grid.cell(r, col).text());
            let found = column_of(&here)
                .map(|c| (c, here.clone()))
                .or_else(|| above.and_then(|a| column_of(&a).map(|c| (c, a))));
            if let Some((column, name)) = found {
                if !columns.iter().any(|c| c.0 == column) {
                    columns.push((column, col));
                }
                *written = name;
            }
        }
        let has = |c: Column| columns.iter().any(|x| x.0 == c);
        if has(Column::Status)
            && has(Column::Progress)
            && (has(Column::Number) || has(Column::Title))
        {
            return Some(Header {
                row,
                columns,
                names,
            });
        }
    }
    None
}

/// A reporting date written in the title rows above the header (`2026. 6. 30. 기준`,
/// `2026년 6월 30일 기준`, `2026-06-30`), as `YYYY-MM-DD`.
pub fn title_date(grid: &Grid, header: &Header) -> Option<String> {
    for row in 0..header.row {
        for cell in &grid.rows[row] {
            if let Some(date) = date_in(&cell.text()) {
                return Some(date);
            }
        }
    }
    None
}

fn date_in(text: &str) -> Option<String> {
    let numbers: Vec<u32> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .filter_map(|s| s.parse().ok())
        .collect();
    numbers.windows(3).find_map(|w| {
        let date = format!("{:04}-{:02}-{:02}", w[0], w[1], w[2]);
        (w[0] >= 2000 && crate::calendar::Date::parse_reporting(&date).is_some()).then_some(date)
    })
}

#[cfg(test)]
mod tests {
    use super::super::{Cell, Grid};
    use super::*;

    fn grid(rows: &[&[&str]]) -> Grid {
        Grid {
            file: "a.xlsx".into(),
            sheet: Some("1".into()),
            rows: rows
                .iter()
                .map(|r| {
                    r.iter()
                        .map(|c| {
                            if c.is_empty() {
                                Cell::Empty
                            } else {
                                Cell::Text(c.to_string())
                            }
                        })
                        .collect()
                })
                .collect(),
            origin: (0, 0),
        }
    }

    #[test]
    fn the_header_is_found_below_title_rows_and_yeonbeon_is_not_the_number() {
        let g = grid(&[
            &["민선8기 공약 추진상황 (2026. 6. 30. 기준)", "", "", "", ""],
            &["연번", "관리번호", "공약명", "추진상황", ""],
            &["", "", "", "추진상태", "추진율\n(%)"],
            &["1", "Ⅲ-①-1", "청년", "정상추진", "85"],
        ]);
        let header = find(&g).unwrap();
        assert_eq!(header.row, 2);
        assert_eq!(header.at(Column::Number), Some(1));
        assert_eq!(header.at(Column::Status), Some(3));
        assert_eq!(header.at(Column::Progress), Some(4));
        assert_eq!(title_date(&g, &header).as_deref(), Some("2026-06-30"));
    }
}
