//! The sheet's rows read into each pledge's status, progress and reason. Every bad cell is a
//! problem named as Excel names it; all of them are reported together.

use super::{cell_problem, Values};
use crate::diagnostics::Diagnostics;
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
    let by_code: HashMap<String, &PledgeNumber> = site
        .pledges
        .iter()
        .map(|p| (normalise_code(p.card.number.as_str()), &p.card.number))
        .collect();
    let by_title: HashMap<String, &PledgeNumber> = site
        .pledges
        .iter()
        .map(|p| (squash(&p.card.title), &p.card.number))
        .collect();
    let col = |c: Column| header.at(c);
    let (status_col, progress_col) = (col(Column::Status), col(Column::Progress));
    let (Some(status_col), Some(progress_col)) = (status_col, progress_col) else {
        return Ok(Parsed {
            values: HashMap::new(),
            notes: Vec::new(),
        });
    };
    let fraction = is_fraction_column(grid, header.row + 1, progress_col);
    let mut notes = Vec::new();
    if fraction {
        notes.push(msg!(
            "import.progress_fraction",
            column = header.name(progress_col)
        ));
    }
    let mut problems = Diagnostics::default();
    let mut values = HashMap::new();
    let mut seen: HashMap<PledgeNumber, String> = HashMap::new();
    for row in header.row + 1..grid.rows.len() {
        let cell = |c: Option<usize>| c.map_or(&Cell::Empty, |c| grid.cell(row, c));
        let number_cell = cell(col(Column::Number));
        let title_cell = cell(col(Column::Title));
        if grid.rows[row].iter().all(Cell::is_empty)
            || (number_cell.is_empty() && title_cell.is_empty())
        {
            continue;
        }
        let total = ["합계", "소계", "총계", "계", "total"];
        if total
            .iter()
            .any(|t| squash(&title_cell.text()) == *t || squash(&number_cell.text()) == *t)
        {
            continue;
        }
        let problem = |column: usize, message: Message, hint: Message| {
            cell_problem(grid, path, row, column, header.name(column), message).hint(hint)
        };
        let number = match col(Column::Number) {
            Some(c) => match pledge_of(number_cell, &by_code) {
                Ok(n) => n,
                Err((message, hint)) => {
                    problems.push(problem(c, message, hint));
                    continue;
                }
            },
            None => match by_title.get(&squash(&title_cell.text())) {
                Some(n) => (*n).clone(),
                None => {
                    let c = col(Column::Title).unwrap_or(0);
                    let message = msg!("import.unknown_title", title = title_cell.text());
                    problems.push(problem(c, message, msg!("import.unknown_title_hint")));
                    continue;
                }
            },
        };
        let here = grid.cell_name(row, 0);
        if let Some(first) = seen.insert(number.clone(), here) {
            let c = col(Column::Number).or(col(Column::Title)).unwrap_or(0);
            let message = msg!("import.twice", number = &number, first = first);
            problems.push(problem(c, message, msg!("import.twice_hint")));
            continue;
        }
        let status_text = grid.cell(row, status_col).text();
        let status = Status::parse(&status_text);
        if status.is_none() {
            let hint = match Status::suggestion(&status_text) {
                Some(near) => msg!("import.status_near_hint", near = near),
                None => msg!("import.status_hint", valid = Status::valid_values()),
            };
            problems.push(problem(
                status_col,
                msg!("import.bad_status", value = &status_text),
                hint,
            ));
        }
        let progress = progress_of(grid.cell(row, progress_col), fraction);
        match progress {
            Some(p) if !(0.0..=100.0).contains(&p) => problems.push(problem(
                progress_col,
                msg!("import.progress_range", value = crate::csv_out::number(p)),
                msg!("import.progress_hint"),
            )),
            None => problems.push(problem(
                progress_col,
                msg!(
                    "import.bad_progress",
                    value = grid.cell(row, progress_col).text()
                ),
                msg!("import.progress_hint"),
            )),
            _ => {}
        }
        let reason = col(Column::Note)
            .map(|c| grid.cell(row, c).text())
            .unwrap_or_default();
        let (Some(status), Some(progress)) = (status, progress) else {
            continue;
        };
        // The card's own rules (status.rs), so the sheet is refused for what `check` refuses.
        if status.needs_reason() && reason.is_empty() {
            let at = col(Column::Note).unwrap_or(status_col);
            problems.push(problem(
                at,
                msg!("card.status_needs_reason", status = status),
                msg!("import.reason_hint"),
            ));
        }
        if status.is_done() && progress != 100.0 {
            problems.push(problem(
                progress_col,
                msg!("card.done_not_100", status = status, progress = progress),
                msg!("card.done_not_100_hint"),
            ));
        }
        values.insert(
            number,
            Values {
                status,
                progress,
                reason,
            },
        );
    }
    if problems.0.is_empty() {
        Ok(Parsed { values, notes })
    } else {
        Err(Error::Content(problems))
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
