//! A bundle's data files: `data.yaml` and the tabular CSV files that may replace parts of it.

use crate::diagnostics::Diagnostic;
use crate::model::{Budget, BudgetRow, CategoryItem, Kpi, Number, PledgeData, Source};
use std::path::Path;

/// Names of the files this module reads; anything else in a bundle is an asset.
pub fn is_data_file(name: &str) -> bool {
    matches!(name, "data.yaml" | "data.yml") || crate::model::DataSet::of_csv(name).is_some()
}

pub fn parse_yaml(source: &Source) -> Result<PledgeData, Diagnostic> {
    crate::yaml::parse(&source.text, &source.path, 0)
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
                        "categories.csv needs a `categories:` entry in data.yaml",
                    )
                    .hint("add `categories: { title: ..., unit: 개, items: [] }` to data.yaml"))
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
    let year_cols: Vec<usize> = (1..header.len())
        .filter(|i| Some(*i) != total_col && Some(*i) != spent_col)
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
    fn parse(source: &Source) -> Result<Table, Diagnostic> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .trim(csv::Trim::All)
            .from_reader(source.text.as_bytes());
        let csv_error = |e: csv::Error| {
            let line = e.position().map_or(0, |p| p.line() as usize);
            let hint = match e.kind() {
                csv::ErrorKind::UnequalLengths { .. } => {
                    "every row needs as many cells as the header; leave a cell empty rather than dropping it"
                }
                _ => "check the quoting: a cell containing a comma must be in double quotes",
            };
            Diagnostic::error(&source.path, format!("invalid CSV: {e}"))
                .at(line, 1)
                .hint(hint)
        };
        let header: Vec<String> = reader
            .headers()
            .map_err(csv_error)?
            .iter()
            .map(str::to_string)
            .collect();
        let mut rows = Vec::new();
        for record in reader.records() {
            let record = record.map_err(csv_error)?;
            let line = record.position().map_or(0, |p| p.line() as usize);
            rows.push((line, record.iter().map(str::to_string).collect()));
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
                format!("expected the columns {}", expected.join(",")),
            )
            .at(1, 1)
            .hint("the first line of the CSV names the columns"));
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
        cell.replace(',', "").parse::<Number>().map(Some).map_err(|_| {
            let column = self.header.get(i).map_or("?", |h| h.as_str());
            Diagnostic::error(
                self.path,
                format!("`{cell}` in column `{column}` is not a number"),
            )
            .at(self.line, 1)
            .hint("write plain numbers (4263 or \"4,263\"); leave the cell empty or write - for none")
        })
    }
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
    }

    #[test]
    fn words_in_number_cells_name_the_line() {
        let mut data = PledgeData::default();
        let err = merge_csv(&mut data, &source("budget.csv", "구분,계\n국비,많음\n")).unwrap_err();
        assert_eq!(err.line, 2);
        assert!(err.message.contains("많음"));
    }
}
