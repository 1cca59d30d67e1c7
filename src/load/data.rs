//! A bundle's data files: `data.yaml` and the tabular CSV files that may replace parts of it.
//! As with snapshots, Excel's leftovers in a CSV (empty header cells at the end of the first
//! line with the empty cells under them, rows of empty cells) are ignored.

use crate::diagnostics::Diagnostic;
use crate::messages::Message;
use crate::model::{Budget, BudgetRow, CategoryItem, Kpi, Number, PledgeData, Source};
use std::path::Path;

/// Names of the files this module reads; anything else in a bundle is an asset.
pub fn is_data_file(name: &str) -> bool {
    matches!(name, "data.yaml" | "data.yml") || crate::model::DataSet::of_csv(name).is_some()
}

pub fn parse_yaml(source: &Source, kept: &crate::cache::Store) -> Result<PledgeData, Diagnostic> {
    crate::yaml::parse_kept(&source.text, &source.path, 0, kept)
}

/// Merges one CSV file into `data`. Metadata (unit, title, period) stays with data.yaml.
pub fn merge_csv(data: &mut PledgeData, source: &Source) -> Result<(), Diagnostic> {
    let table = Table::parse(source)?;
    let name = source
        .path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("");
    match name {
        "budget.csv" => merge_budget(data.budget.get_or_insert_with(Budget::default), &table),
        "categories.csv" => {
            let items = table.rows_as(&["name", "target", "actual"], |cells| {
                Ok(CategoryItem {
                    name: cells.text(0),
                    target: cells.number(1)?.unwrap_or(0.0),
                    actual: cells.number(2)?,
                })
            })?;
            match &mut data.categories {
                Some(categories) => categories.items = items,
                None => {
                    return Err(Diagnostic::error(
                        &source.path,
                        msg!("data.categories_without_yaml"),
                    )
                    .hint(msg!("data.categories_without_yaml_hint")))
                }
            }
            Ok(())
        }
        "kpis.csv" => {
            data.kpis = table.rows_as(&["label", "value", "unit", "note"], |cells| {
                Ok(Kpi {
                    label: cells.text(0),
                    value: cells.number(1)?.unwrap_or(0.0),
                    unit: cells.text(2),
                    note: Some(cells.text(3)).filter(|n| !n.is_empty()),
                })
            })?;
            Ok(())
        }
        _ => Ok(()),
    }
}

/// `구분,계,2018,...,집행액`: the first column names the row, `계`/`total` is the stated total
/// column and row, `집행액`/`spent` the spending to date, every other column a year.
fn merge_budget(budget: &mut Budget, table: &Table) -> Result<(), Diagnostic> {
    let is_total = |h: &str| matches!(h, "계" | "합계" | "total" | "Total");
    let is_spent = |h: &str| h.starts_with("집행액") || h.eq_ignore_ascii_case("spent");
    let header = &table.header;
    let total_col = header.iter().position(|h| is_total(h));
    let spent_col = header.iter().position(|h| is_spent(h));
    // A column without a header is Excel's empty column: not a year. Amounts under it would
    // be lost without a word, so they are a problem.
    let unnamed = |i: &usize| header[*i].is_empty();
    for i in (1..header.len()).filter(unnamed) {
        let filled = table
            .rows
            .iter()
            .find(|(_, cells)| cells.get(i).is_some_and(|c| !c.is_empty()));
        if let Some((line, cells)) = filled {
            return Err(no_header(&table.path, *line, &cells[i], i));
        }
    }
    let year_cols: Vec<usize> = (1..header.len())
        .filter(|i| Some(*i) != total_col && Some(*i) != spent_col && !unnamed(i))
        .collect();
    budget.columns = year_cols.iter().map(|i| header[*i].clone()).collect();
    budget.sources.clear();
    budget.total = None;
    for (line, cells) in &table.rows {
        let cells = Cells {
            cells,
            line: *line,
            path: &table.path,
            header,
        };
        let row = BudgetRow {
            name: cells.text(0),
            total: total_col.map(|c| cells.number(c)).transpose()?.flatten(),
            years: year_cols
                .iter()
                .map(|c| cells.number(*c))
                .collect::<Result<_, _>>()?,
            spent: spent_col.map(|c| cells.number(c)).transpose()?.flatten(),
        };
        if is_total(&row.name) {
            budget.total = Some(row);
        } else {
            budget.sources.push(row);
        }
    }
    Ok(())
}

struct Table {
    path: std::path::PathBuf,
    header: Vec<String>,
    /// (1-based line, cells)
    rows: Vec<(usize, Vec<String>)>,
}

impl Table {
    /// The header and the rows with their lines, without Excel's leftovers: the empty header
    /// cells at the end of the first line and the empty cells under them, and rows of empty
    /// cells (only commas). A value beyond the last header is a problem, not a number lost.
    fn parse(source: &Source) -> Result<Table, Diagnostic> {
        let mut records = super::csv_text::records(&source.text).into_iter();
        let mut header: Vec<String> = records.next().map(|(_, cells)| cells).unwrap_or_default();
        let width = header
            .iter()
            .rposition(|h| !h.is_empty())
            .map_or(0, |i| i + 1);
        header.truncate(width);
        let mut rows = Vec::new();
        for (line, mut cells) in records {
            if cells.iter().all(String::is_empty) {
                continue;
            }
            if let Some(i) = (width..cells.len()).find(|i| !cells[*i].is_empty()) {
                return Err(no_header(&source.path, line, &cells[i], i));
            }
            if cells.len() < width {
                let message = msg!("data.row_too_short", cells = cells.len(), columns = width);
                let column = column_name(&header, cells.len());
                let hint = msg!("data.row_too_short_hint");
                return Err(at_cell(&source.path, line, column, message, hint));
            }
            cells.truncate(width);
            rows.push((line, cells));
        }
        Ok(Table {
            path: source.path.clone(),
            header,
            rows,
        })
    }

    fn rows_as<T>(
        &self,
        expected: &[&str],
        mut make: impl FnMut(&Cells) -> Result<T, Diagnostic>,
    ) -> Result<Vec<T>, Diagnostic> {
        if self.header.len() < expected.len() - 1 {
            return Err(Diagnostic::error(
                &self.path,
                msg!("data.columns_expected", columns = expected.join(",")),
            )
            .at(1, 1)
            .hint(msg!("data.columns_expected_hint")));
        }
        self.rows
            .iter()
            .map(|(line, cells)| {
                make(&Cells {
                    cells,
                    line: *line,
                    path: &self.path,
                    header: &self.header,
                })
            })
            .collect()
    }
}

struct Cells<'a> {
    cells: &'a [String],
    line: usize,
    path: &'a Path,
    header: &'a [String],
}

impl Cells<'_> {
    fn text(&self, i: usize) -> String {
        self.cells.get(i).cloned().unwrap_or_default()
    }

    /// Empty and `-` cells are "no amount"; `4,263` and `4263` are the same number.
    fn number(&self, i: usize) -> Result<Option<Number>, Diagnostic> {
        let cell = self.cells.get(i).map_or("", |c| c.trim());
        if cell.is_empty() || cell == "-" || cell == "–" {
            return Ok(None);
        }
        let number = cell.replace(',', "").parse::<Number>();
        number.map(Some).map_err(|_| {
            let message = msg!("data.not_a_number", value = cell);
            let column = column_name(self.header, i);
            let hint = msg!("data.not_a_number_hint");
            at_cell(self.path, self.line, column, message, hint)
        })
    }
}

/// The header of the 0-based column `i`, or Excel's letter for it (`D`) when it has none.
fn column_name(header: &[String], i: usize) -> String {
    match header.get(i) {
        Some(name) if !name.is_empty() => name.clone(),
        _ => column_letter(i),
    }
}

/// Excel's name of the 0-based column `i`: A … Z, AA, AB, …
fn column_letter(i: usize) -> String {
    let mut letters = Vec::new();
    let mut n = i + 1;
    while n > 0 {
        letters.push(char::from(b'A' + ((n - 1) % 26) as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// `value` at `line` in the 0-based column `i`, which has no header.
fn no_header(path: &Path, line: usize, value: &str, i: usize) -> Diagnostic {
    let message = msg!("data.cell_without_header", value = value);
    let hint = msg!("data.cell_without_header_hint");
    at_cell(path, line, column_letter(i), message, hint)
}

/// A problem with a cell, named by its row (`line`) and its column.
fn at_cell(
    path: &Path,
    line: usize,
    column: String,
    message: Message,
    hint: Message,
) -> Diagnostic {
    let message = message.arg("row", line).arg("column", column);
    Diagnostic::error(path, message).at(line, 1).hint(hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(name: &str, text: &str) -> Source {
        Source {
            path: name.into(),
            text: text.into(),
        }
    }

    #[test]
    fn budget_csv_rows_and_columns() {
        let mut data = PledgeData::default();
        let csv = "구분,계,2019,임기이후,집행액\n계,30,30,,20\n국비,\"1,000\",-,,5\n";
        merge_csv(&mut data, &source("budget.csv", csv)).unwrap();
        let budget = data.budget.unwrap();
        assert_eq!(budget.columns, vec!["2019", "임기이후"]);
        assert_eq!(budget.total.unwrap().spent, Some(20.0));
        assert_eq!(budget.sources[0].total, Some(1000.0));
        assert_eq!(budget.sources[0].years, vec![None, None]);
    }

    #[test]
    fn ragged_rows_name_the_line() {
        let mut data = PledgeData::default();
        let err = merge_csv(&mut data, &source("budget.csv", "a,b\n1,2\n3\n")).unwrap_err();
        assert_eq!(err.line, 3, "{err}");
        assert_eq!(err.message.key(), "data.row_too_short");
        assert!(err.message.to_string().contains("`b`"), "{err}");
    }

    #[test]
    fn excel_leftovers_are_ignored() {
        // Excel's empty columns after the table and rows of empty cells below and within it.
        let mut data = PledgeData::default();
        let csv = "구분,계,2019,집행액,,\n계,30,30,20,,\n,,,,,\n국비,30,30,20,,\n,,,,,\n";
        merge_csv(&mut data, &source("budget.csv", csv)).unwrap();
        let budget = data.budget.unwrap();
        assert_eq!(budget.columns, vec!["2019"]);
        assert_eq!(budget.sources.len(), 1);
        assert_eq!(budget.sources[0].years, vec![Some(30.0)]);
        assert_eq!(budget.total.unwrap().spent, Some(20.0));
        let mut data = PledgeData::default();
        let csv = "label,value,unit,note,\n채용,513,명,,\n,,,,\n";
        merge_csv(&mut data, &source("kpis.csv", csv)).unwrap();
        assert_eq!(data.kpis.len(), 1);
    }

    #[test]
    fn values_under_no_header_name_their_row_and_column() {
        let mut data = PledgeData::default();
        let err =
            merge_csv(&mut data, &source("budget.csv", "구분,계,,\n국비,30,,7\n")).unwrap_err();
        assert_eq!(
            (err.line, err.message.key()),
            (2, "data.cell_without_header")
        );
        assert!(err.message.to_string().contains("column D"), "{err}");
        let err = merge_csv(&mut data, &source("budget.csv", "구분,,계\n국비,5,30\n")).unwrap_err();
        assert_eq!(
            (err.line, err.message.key()),
            (2, "data.cell_without_header")
        );
        assert!(err.message.to_string().contains("column B"), "{err}");
    }

    #[test]
    fn words_in_number_cells_name_the_line() {
        let mut data = PledgeData::default();
        let err = merge_csv(&mut data, &source("budget.csv", "구분,계\n국비,많음\n")).unwrap_err();
        assert_eq!(err.line, 2);
        let message = err.message.to_string();
        assert!(
            message.contains("많음") && message.contains("`계`"),
            "{message}"
        );
    }
}
