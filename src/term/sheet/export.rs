//! A report as the planning office's sheet (점검표): `.xlsx` and `.csv` in the columns `import`
//! reads, so a report's own sheet imported back changes nothing. No cell can start a formula:
//! CSV cells get OWASP's leading `'`, XLSX text cells Excel's quote prefix (the text stays as
//! it is, Excel shows it as text).

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};

/// One pledge's row of the sheet.
pub struct SheetRow<'a> {
    pub number: &'a str,
    pub area: &'a str,
    pub title: &'a str,
    pub department: &'a str,
    pub status: &'a str,
    pub progress: f64,
    pub note: &'a str,
}

/// The header, in the site's language; `import` knows both.
pub fn header(english: bool) -> [&'static str; 8] {
    if english {
        [
            "No.",
            "number",
            "area",
            "title",
            "department",
            "status",
            "progress",
            "note",
        ]
    } else {
        [
            "연번",
            "관리번호",
            "분야",
            "공약명",
            "담당부서",
            "추진상태",
            "추진율(%)",
            "비고",
        ]
    }
}

/// The title row above the header, naming the date so `import` reads it back.
fn title_row(title: &str, date: &str) -> String {
    format!("{title} ({date})")
}

pub fn csv(title: &str, date: &str, rows: &[SheetRow], english: bool) -> Vec<u8> {
    let mut writer = crate::csv_out::Writer::with_bom();
    writer.row([title_row(title, date)]);
    writer.row(header(english));
    for (i, row) in rows.iter().enumerate() {
        writer.row([
            &(i + 1).to_string(),
            row.number,
            row.area,
            row.title,
            row.department,
            row.status,
            &crate::csv_out::number(row.progress),
            row.note,
        ]);
    }
    writer.finish()
}

pub fn xlsx(title: &str, date: &str, rows: &[SheetRow], english: bool) -> Vec<u8> {
    build_xlsx(title, date, rows, english).unwrap_or_default()
}

fn build_xlsx(
    title: &str,
    date: &str,
    rows: &[SheetRow],
    english: bool,
) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut book = Workbook::new();
    // The same bytes for the same report: the file's own date is the report's.
    let ymd: Vec<u16> = date.split('-').filter_map(|p| p.parse().ok()).collect();
    if let [y, m, d] = ymd[..] {
        let created = ExcelDateTime::from_ymd(y, m as u8, d as u8)?;
        book.set_properties(&DocProperties::new().set_creation_datetime(&created));
    }
    let sheet = book.add_worksheet();
    sheet.set_name(date)?;
    let bold = Format::new().set_bold();
    let text = Format::new();
    let quoted = Format::new().set_quote_prefix();
    let cell_format = |value: &str| {
        if crate::csv_out::starts_formula(value) {
            &quoted
        } else {
            &text
        }
    };
    sheet.write_string_with_format(0, 0, title_row(title, date), &bold)?;
    for (col, name) in header(english).iter().enumerate() {
        sheet.write_string_with_format(1, col as u16, *name, &bold)?;
    }
    for (i, row) in rows.iter().enumerate() {
        let r = i as u32 + 2;
        sheet.write_number(r, 0, (i + 1) as f64)?;
        let texts = [row.number, row.area, row.title, row.department, row.status];
        for (col, value) in texts.iter().enumerate() {
            sheet.write_string_with_format(r, col as u16 + 1, *value, cell_format(value))?;
        }
        sheet.write_number(r, 6, row.progress)?;
        sheet.write_string_with_format(r, 7, row.note, cell_format(row.note))?;
    }
    for (col, width) in [6.0, 12.0, 14.0, 36.0, 14.0, 14.0, 10.0, 40.0]
        .iter()
        .enumerate()
    {
        sheet.set_column_width(col as u16, *width)?;
    }
    book.save_to_buffer()
}
