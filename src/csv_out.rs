//! Every CSV the program writes (open data, history, snapshots, report sheets, records): UTF-8
//! with a BOM so Excel shows Hangul, and no cell that Excel would run as a formula. A text cell
//! starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'` (OWASP's
//! advice against CSV injection); numbers such as `-5` are left as they are.

use std::borrow::Cow;

/// `cell` as it may be written: with a `'` before a leading formula character.
pub fn safe_cell(cell: &str) -> Cow<'_, str> {
    if starts_formula(cell) && cell.trim().parse::<f64>().is_err() {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// Whether Excel would read `cell` as the start of a formula.
pub fn starts_formula(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// A cell read back from a file this program wrote: the `'` that `safe_cell` added removed.
pub fn unescape_cell(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if starts_formula(rest) => rest,
        _ => cell,
    }
}

/// A percentage or amount as a plain number for a data file: `85`, `85.5`, no grouping.
pub fn number(value: f64) -> String {
    crate::format::number(value).replace(',', "")
}

/// A CSV file being written, with a BOM, each cell made safe.
pub struct Writer {
    inner: csv::Writer<Vec<u8>>,
}

impl Writer {
    pub fn with_bom() -> Writer {
        Writer {
            inner: csv::WriterBuilder::new()
                .flexible(true)
                .from_writer(b"\xef\xbb\xbf".to_vec()),
        }
    }

    pub fn without_bom() -> Writer {
        Writer {
            inner: csv::WriterBuilder::new()
                .flexible(true)
                .from_writer(Vec::new()),
        }
    }

    pub fn row<S: AsRef<str>>(&mut self, cells: impl IntoIterator<Item = S>) {
        // Writing into memory cannot fail. Field by field: no copy of a cell that is safe.
        for cell in cells {
            let _ = self.inner.write_field(safe_cell(cell.as_ref()).as_bytes());
        }
        let _ = self.inner.write_record(None::<&[u8]>);
    }

    pub fn finish(self) -> Vec<u8> {
        self.inner.into_inner().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised_and_read_back() {
        for cell in ["=HYPERLINK(\"x\")", "+A1", "-a", "@SUM(A1)", "\tx"] {
            let safe = safe_cell(cell);
            assert!(safe.starts_with('\''), "{cell}");
            assert_eq!(unescape_cell(&safe), cell);
        }
        assert_eq!(safe_cell("-5"), "-5");
        assert_eq!(safe_cell("정상추진"), "정상추진");
        assert_eq!(unescape_cell("'예시"), "'예시");
        let mut w = Writer::without_bom();
        w.row(["=1+1", "a,b"]);
        assert_eq!(String::from_utf8(w.finish()).unwrap(), "'=1+1,\"a,b\"\n");
    }
}
