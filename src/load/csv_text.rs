//! The records of a CSV file already read as text (`load::text`: UTF-8, no BOM), each with the
//! line it starts on, fields trimmed: what `csv::Reader` with `has_headers(false)`,
//! `flexible(true)` and `Trim::All` gives. csv_core is used directly because a `csv::Reader`
//! builds its parser's tables anew each time, which costs more than reading a pledge's small
//! table; here each thread builds one and resets it for every file (a built parser cannot be
//! copied: csv_core's `Clone` for it leaves the tables out).

use std::cell::RefCell;

thread_local! {
    static PARSER: RefCell<csv_core::Reader> = RefCell::new(csv_core::ReaderBuilder::new().build());
}

/// (1-based line where the record starts, its fields).
pub type Record = (usize, Vec<String>);

pub fn records(text: &str) -> Vec<Record> {
    PARSER.with_borrow_mut(|parser| {
        parser.reset();
        read(parser, text)
    })
}

fn read(parser: &mut csv_core::Reader, text: &str) -> Vec<Record> {
    use csv_core::ReadRecordResult::*;
    let mut input = text.as_bytes();
    // Unquoting only shortens, so a record's fields never outgrow the input.
    let mut fields = vec![0u8; input.len() + 1];
    let mut ends = vec![0usize; 16];
    let (mut records, mut line, mut fields_len, mut ends_len) = (Vec::new(), 1, 0, 0);
    loop {
        let (result, read, written, ended) =
            parser.read_record(input, &mut fields[fields_len..], &mut ends[ends_len..]);
        input = &input[read..];
        fields_len += written;
        ends_len += ended;
        match result {
            InputEmpty => continue,
            OutputFull => fields.resize(fields.len() * 2, 0),
            OutputEndsFull => ends.resize(ends.len() * 2, 0),
            Record => {
                let mut start = 0;
                let cells = ends[..ends_len].iter().map(|&end| {
                    let cell = String::from_utf8_lossy(&fields[start..end])
                        .trim()
                        .to_string();
                    start = end;
                    cell
                });
                records.push((line, cells.collect()));
                line = parser.line() as usize;
                (fields_len, ends_len) = (0, 0);
            }
            End => return records,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same records, lines and fields as the csv crate configured as this module says.
    #[test]
    fn reads_as_the_csv_crate_does() {
        let texts = [
            "연도,국비,구비\n2023, 800 ,400\n\n2024,\"1,200\",\"say \"\"hi\"\"\"\n",
            "a,b\n\"two\nlines\",x\n,,\nlast",
            "",
            "only",
            "a,b,,\n1,2,,\n,,,\n",
        ];
        for text in texts {
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .trim(csv::Trim::All)
                .from_reader(text.as_bytes());
            let expected: Vec<Record> = reader
                .records()
                .map(|r| {
                    let r = r.unwrap();
                    let line = r.position().unwrap().line() as usize;
                    (line, r.iter().map(str::to_string).collect())
                })
                .collect();
            assert_eq!(records(text), expected, "{text:?}");
        }
    }
}
