//! The sheet's rows read into each pledge's status, progress and reason. Every bad cell is a
//! problem named as Excel names it; all of them are reported together.

use super::{cell_problem, Values};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::messages::Message;
use crate::model::Site;
use crate::number::PledgeNumber;
use crate::status::Status;
use crate::term::sheet::columns::{Column, Header};
use crate::term::sheet::{Cell, Grid};
use crate::Error;
use std::collections::HashMap;
use std::path::Path;

pub struct Parsed {
    pub values: HashMap<PledgeNumber, Values>,
    pub notes: Vec<Message>,
}

/// What Korean documents do to a code, undone: Roman-numeral characters (Ⅲ → III), full-width
/// letters and digits, spaces; letters compared in upper case.
pub fn normalise_code(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    for c in code.chars() {
        match c {
            c if c.is_whitespace() => {}
            '\u{2160}'..='\u{216B}' | '\u{2170}'..='\u{217B}' => {
                const ROMAN: [&str; 12] = [
                    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
                ];
                let base = if c >= '\u{2170}' { 0x2170 } else { 0x2160 };
                out.push_str(ROMAN[(c as u32 - base) as usize]);
            }
            '\u{FF01}'..='\u{FF5E}' => {
                out.push(char::from_u32(c as u32 - 0xFEE0).unwrap_or(c));
            }
            // Dashes that word processors put for a hyphen.
            '\u{2010}'..='\u{2015}' | '\u{2212}' => out.push('-'),
            c => out.extend(c.to_uppercase()),
        }
    }
    out
}

pub fn parse(grid: &Grid, header: &Header, site: &Site, path: &Path) -> Result<Parsed, Error> {
    let (Some(status_col), Some(progress_col)) =
        (header.at(Column::Status), header.at(Column::Progress))
    else {
        return Ok(Parsed {
            values: HashMap::new(),
            notes: Vec::new(),
        });
    };
    let reader = Reader {
        grid,
        header,
        path,
        by_code: site
            .pledges
            .iter()
            .map(|p| (normalise_code(p.card.number.as_str()), &p.card.number))
            .collect(),
        by_title: site
            .pledges
            .iter()
            .map(|p| (squash(&p.card.title), &p.card.number))
            .collect(),
        status_col,
        progress_col,
        fraction: is_fraction_column(grid, header.row + 1, progress_col),
    };
    let mut notes = Vec::new();
    if reader.fraction {
        notes.push(msg!(
            "import.progress_fraction",
            column = header.name(progress_col)
        ));
    }
    let mut problems = Diagnostics::default();
    let mut values = HashMap::new();
    let mut seen: HashMap<PledgeNumber, String> = HashMap::new();
    for row in header.row + 1..grid.rows.len() {
        let number = match reader.pledge(row) {
            Ok(Some(number)) => number,
            Ok(None) => continue,
            Err(problem) => {
                problems.push(problem);
                continue;
            }
        };
        if let Some(first) = seen.insert(number.clone(), grid.cell_name(row, 0)) {
            let c = header.at(Column::Number).or(header.at(Column::Title));
            let message = msg!("import.twice", number = &number, first = first);
            problems.push(reader.problem(row, c.unwrap_or(0), message, msg!("import.twice_hint")));
            continue;
        }
        if let Some(row_values) = reader.values(row, &mut problems) {
            values.insert(number, row_values);
        }
    }
    if problems.0.is_empty() {
        Ok(Parsed { values, notes })
    } else {
        Err(Error::Content(problems))
    }
}

/// The sheet with what is needed to read one of its rows.
struct Reader<'a> {
    grid: &'a Grid,
    header: &'a Header,
    path: &'a Path,
    by_code: HashMap<String, &'a PledgeNumber>,
    by_title: HashMap<String, &'a PledgeNumber>,
    status_col: usize,
    progress_col: usize,
    /// Whether the progress column holds Excel percent cells (0.855 for 85.5%).
    fraction: bool,
}

impl Reader<'_> {
    fn problem(&self, row: usize, column: usize, message: Message, hint: Message) -> Diagnostic {
        let name = self.header.name(column);
        cell_problem(self.grid, self.path, row, column, name, message).hint(hint)
    }

    fn cell(&self, row: usize, column: Option<usize>) -> &Cell {
        column.map_or(&Cell::Empty, |c| self.grid.cell(row, c))
    }

    /// The pledge a row is about; `None` for a blank row or a total (합계, 소계).
    fn pledge(&self, row: usize) -> Result<Option<PledgeNumber>, Diagnostic> {
        let number_cell = self.cell(row, self.header.at(Column::Number));
        let title_cell = self.cell(row, self.header.at(Column::Title));
        if self.grid.rows[row].iter().all(Cell::is_empty)
            || (number_cell.is_empty() && title_cell.is_empty())
        {
            return Ok(None);
        }
        let total = ["합계", "소계", "총계", "계", "total"];
        if total
            .iter()
            .any(|t| squash(&title_cell.text()) == *t || squash(&number_cell.text()) == *t)
        {
            return Ok(None);
        }
        if let Some(c) = self.header.at(Column::Number) {
            return pledge_of(number_cell, &self.by_code)
                .map(Some)
                .map_err(|(message, hint)| self.problem(row, c, message, hint));
        }
        match self.by_title.get(&squash(&title_cell.text())) {
            Some(n) => Ok(Some((*n).clone())),
            None => {
                let c = self.header.at(Column::Title).unwrap_or(0);
                let message = msg!("import.unknown_title", title = title_cell.text());
                Err(self.problem(row, c, message, msg!("import.unknown_title_hint")))
            }
        }
    }

    /// The row's status, progress and reason, each checked by the card's own rules
    /// (status.rs), so the sheet is refused for what `check` refuses.
    fn values(&self, row: usize, problems: &mut Diagnostics) -> Option<Values> {
        let (status_col, progress_col) = (self.status_col, self.progress_col);
        let status_text = self.grid.cell(row, status_col).text();
        let status = Status::parse(&status_text);
        if status.is_none() {
            let hint = match Status::suggestion(&status_text) {
                Some(near) => msg!("import.status_near_hint", near = near),
                None => msg!("import.status_hint", valid = Status::valid_values()),
            };
            let message = msg!("import.bad_status", value = &status_text);
            problems.push(self.problem(row, status_col, message, hint));
        }
        let progress_cell = self.grid.cell(row, progress_col);
        let progress = progress_of(progress_cell, self.fraction);
        let bad_progress = match progress {
            Some(p) if !(0.0..=100.0).contains(&p) => Some(msg!(
                "import.progress_range",
                value = crate::csv_out::number(p)
            )),
            None => Some(msg!("import.bad_progress", value = progress_cell.text())),
            _ => None,
        };
        if let Some(message) = bad_progress {
            problems.push(self.problem(row, progress_col, message, msg!("import.progress_hint")));
        }
        let note_col = self.header.at(Column::Note);
        let reason = self.cell(row, note_col).text();
        let (status, progress) = (status?, progress?);
        if status.needs_reason() && reason.is_empty() {
            let message = msg!("card.status_needs_reason", status = status);
            let at = note_col.unwrap_or(status_col);
            problems.push(self.problem(row, at, message, msg!("import.reason_hint")));
        }
        if status.is_done() && progress != 100.0 {
            problems.push(self.problem(
                row,
                progress_col,
                msg!("card.done_not_100", status = status, progress = progress),
                msg!("card.done_not_100_hint"),
            ));
        }
        Some(Values {
            status,
            progress,
            reason,
        })
    }
}

fn squash(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase()
}

/// The pledge a number cell names, or why it names none.
fn pledge_of(
    cell: &Cell,
    by_code: &HashMap<String, &PledgeNumber>,
) -> Result<PledgeNumber, (Message, Message)> {
    if let Cell::Date { month, day } = cell {
        return Err(excel_date(*month, *day));
    }
    let written = cell.text();
    if let Some((month, day)) = date_text(&written) {
        return Err(excel_date(month, day));
    }
    let code = normalise_code(&written);
    if let Some(number) = by_code.get(&code) {
        return Ok((*number).clone());
    }
    let near = crate::messages::closest(&code, by_code.keys().map(String::as_str))
        .and_then(|k| by_code.get(k))
        .map(|n| n.as_str().to_string());
    let hint = match near {
        Some(near) => msg!("import.unknown_number_near_hint", near = near),
        None => msg!("import.unknown_number_hint"),
    };
    Err((msg!("import.unknown_number", number = written), hint))
}

fn excel_date(month: u32, day: u32) -> (Message, Message) {
    let guess = format!("{month}-{day}");
    (
        msg!(
            "import.number_is_date",
            month = month,
            day = day,
            guess = &guess
        ),
        msg!("import.number_is_date_hint"),
    )
}

/// `03-Feb`, `3-Feb`, `Feb-03`, `02월 03일`, `2월 3일`: what Excel shows for a code it took for a date.
fn date_text(text: &str) -> Option<(u32, u32)> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let lower = text.trim().to_ascii_lowercase();
    if let Some((a, b)) = lower.split_once('-') {
        let month = |m: &str| MONTHS.iter().position(|x| *x == m).map(|i| i as u32 + 1);
        let day = |d: &str| d.parse::<u32>().ok().filter(|d| (1..=31).contains(d));
        if let (Some(d), Some(m)) = (day(a), month(b)) {
            return Some((m, d));
        }
        if let (Some(m), Some(d)) = (month(a), day(b)) {
            return Some((m, d));
        }
    }
    let (m, rest) = lower.split_once('월')?;
    let d = rest.trim().strip_suffix('일')?;
    Some((m.trim().parse().ok()?, d.trim().parse().ok()?))
}

fn progress_of(cell: &Cell, fraction: bool) -> Option<f64> {
    let value = match cell {
        Cell::Number(n) => *n,
        Cell::Text(t) => t
            .trim()
            .trim_end_matches('%')
            .trim()
            .replace(',', "")
            .parse()
            .ok()?,
        _ => return None,
    };
    let value = if fraction { value * 100.0 } else { value };
    // 85.5 stays 85.5; a float's noise from ×100 goes.
    Some((value * 1000.0).round() / 1000.0)
}

/// Excel's percent cells hold fractions (85.5% is 0.855): a column whose numbers are all
/// between 0 and 1, some strictly, is read as such.
fn is_fraction_column(grid: &Grid, from: usize, column: usize) -> bool {
    let numbers: Vec<f64> = (from..grid.rows.len())
        .filter_map(|r| match grid.cell(r, column) {
            Cell::Number(n) => Some(*n),
            _ => None,
        })
        .collect();
    !numbers.is_empty()
        && numbers.iter().all(|n| (0.0..=1.0).contains(n))
        && numbers.iter().any(|n| *n > 0.0 && *n < 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_normalised_and_excel_dates_recognised() {
        assert_eq!(normalise_code("Ⅲ-①-1"), "III-①-1");
        assert_eq!(normalise_code(" ⅲ－①－１ "), "III-①-1");
        assert_eq!(normalise_code("i-①-1"), "I-①-1");
        assert_eq!(date_text("03-Feb"), Some((2, 3)));
        assert_eq!(date_text("Feb-03"), Some((2, 3)));
        assert_eq!(date_text("02월 03일"), Some((2, 3)));
        assert_eq!(date_text("2-3"), None);
    }
}
