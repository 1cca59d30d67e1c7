//! A quarter in one step on the 예시구 sample: the planning office's sheet imported, the
//! report of the last date kept, the four slips that lost or falsified a published report
//! stopped at the right file and line, and report sheets that round-trip.

use crate::harness::{stderr, stdout, tree, Fixture};
use pledgesite::Options;
use rust_xlsxwriter::{Format, Workbook};

/// The rows of a built report's sheet (`checklist-DATE.csv`): 관리번호 → every cell.
fn report_rows(site: &Fixture, date: &str) -> Vec<Vec<String>> {
    let path = site.path(&format!("public/reports/{date}/checklist-{date}.csv"));
    let text = std::fs::read_to_string(path).unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    reader
        .records()
        .skip(2)
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// The planning office's sheet: a merged title row naming the date, a blank row, the header
/// (연번 first), codes written with Roman-numeral characters (Ⅲ), then the rows.
fn office_sheet(path: &std::path::Path, rows: &[Vec<String>]) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("2분기").unwrap();
    let bold = Format::new().set_bold();
    sheet
        .merge_range(
            0,
            0,
            0,
            7,
            "예시구 민선8기 공약 추진상황 점검표 (2026. 6. 30. 기준)",
            &bold,
        )
        .unwrap();
    let header = [
        "연번",
        "관리번호",
        "분야",
        "공약명",
        "담당부서",
        "추진상태",
        "추진율(%)",
        "부진사유/비고",
    ];
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(2, c as u16, *h).unwrap();
    }
    let roman = |code: &str| {
        code.replacen("III", "Ⅲ", 1)
            .replacen("II", "Ⅱ", 1)
            .replacen("IV", "Ⅳ", 1)
            .replacen("VI", "Ⅵ", 1)
    };
    for (i, row) in rows.iter().enumerate() {
        let r = i as u32 + 3;
        sheet.write_number(r, 0, (i + 1) as f64).unwrap();
        sheet.write_string(r, 1, roman(&row[1])).unwrap();
        for c in [2, 3, 4, 5, 7] {
            sheet.write_string(r, c as u16, &row[c]).unwrap();
        }
        sheet
            .write_number(r, 6, row[6].parse::<f64>().unwrap())
            .unwrap();
    }
    book.save(path).unwrap();
}

/// The six real changes of the quarter: a figure up, a 보류 with its reason, a pledge resumed
/// (its old reason cleared), a drop with its reason, one done, one more figure.
const CHANGES: [(&str, &str, &str, &str); 6] = [
    ("I-①-2", "정상추진", "85", ""),
    (
        "II-②-1",
        "보류",
        "60",
        "부지 보상 협의가 늦어져 착공을 보류함",
    ),
    ("IV-②-2", "정상추진", "35", ""),
    (
        "III-①-3",
        "폐기",
        "35",
        "국비 공모 탈락으로 사업 폐기(2026년 6월 주민공고)",
    ),
    ("V-②-2", "완료", "100", ""),
    ("VI-②-1", "정상추진", "95", ""),
];

fn june_rows(march: &[Vec<String>]) -> Vec<Vec<String>> {
    let mut rows = march.to_vec();
    for (number, status, progress, note) in CHANGES {
        let row = rows.iter_mut().find(|r| r[1] == number).unwrap();
        row[5] = status.into();
        row[6] = progress.into();
        row[7] = note.into();
    }
    rows
}

/// `82.9%`, `50.0%`: as the site prints a rate, always to one decimal.
fn shown_rate(value: f64) -> String {
    format!("{value:.1}%")
}

/// Only the values meant changed on a card: status, progress, the old reason, the date.
fn assert_only_values_changed(card_before: &str, card_after: &str) {
    let changed: Vec<(&str, &str)> = card_before
        .lines()
        .zip(card_after.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(card_before.lines().count(), card_after.lines().count());
    assert_eq!(
        changed,
        vec![
            ("status: 보류", "status: 정상추진"),
            (
                "status_reason: 이전 후보지 주민 협의가 마무리되지 않아 설계 착수를 보류함 (2025년 9월)",
                "status_reason: \"\""
            ),
            ("progress: 20", "progress: 35"),
            ("as_of: 2026-03-31", "as_of: 2026-06-30"),
        ]
    );
}

/// The June report's figures against a hand computation from the sheet's rows.
fn assert_figures_by_hand(site: &Fixture, june: &[Vec<String>]) {
    // The June figures by hand: counted = neither 통폐합 nor 공약 제외.
    let counted: Vec<&Vec<String>> = june
        .iter()
        .filter(|r| r[5] != "통폐합" && r[5] != "공약 제외")
        .collect();
    let done = counted
        .iter()
        .filter(|r| r[5] == "완료" || r[5] == "이행후 계속추진")
        .count();
    let mean: f64 = counted
        .iter()
        .map(|r| r[6].parse::<f64>().unwrap())
        .sum::<f64>()
        / counted.len() as f64;
    assert_eq!((counted.len(), done), (28, 14));
    let page = std::fs::read_to_string(site.path("public/reports/2026-06-30/index.html")).unwrap();
    assert!(
        page.contains(&format!("평균 추진율 {}", shown_rate(mean))),
        "{}",
        shown_rate(mean)
    );
    assert!(page.contains(&format!("완료(이행후 계속추진 포함) {done}")));
    assert!(page.contains(&shown_rate(done as f64 * 100.0 / 28.0)));
}

#[test]
fn a_quarter_from_the_planning_offices_sheet_is_one_command() {
    let site = Fixture::district();
    pledgesite::build(&Options::new(site.root())).unwrap();
    let march = report_rows(&site, "2026-03-31");
    let june = june_rows(&march);
    let sheet = site.path("점검표.xlsx");
    office_sheet(&sheet, &june);
    let card = "content/pledges/iv-2-2-recycling-center/index.md";
    let card_before = std::fs::read_to_string(site.path(card)).unwrap();

    let dry = site.cli_in(
        "ko",
        &[
            "import",
            sheet.to_str().unwrap(),
            "--date",
            "2026-06-30",
            "--dry-run",
        ],
    );
    assert_eq!(dry.status.code(), Some(0), "{}", stderr(&dry));
    let out = stdout(&dry);
    assert!(
        out.contains("값이 바뀌는 공약 6개, 그대로인 공약 24개"),
        "{out}"
    );
    assert!(
        out.contains("II-②-1 어르신 복합복지관 건립: 정상추진 60% → 보류 60% (부지 보상"),
        "{out}"
    );
    assert!(
        out.contains("`--dry-run`: 아무 파일도 쓰지 않았습니다"),
        "{out}"
    );
    assert!(!site.path("data/snapshots/2026-03-31.csv").exists());

    let run = site.cli_in(
        "ko",
        &["import", sheet.to_str().unwrap(), "--date", "2026-06-30"],
    );
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let out = stdout(&run);
    assert!(
        out.contains("2026-03-31 보고를 data/snapshots/2026-03-31.csv에 기록했습니다"),
        "{out}"
    );
    assert!(out.contains("content/_index.md:7:"), "{out}");
    assert_only_values_changed(
        &card_before,
        &std::fs::read_to_string(site.path(card)).unwrap(),
    );

    let check = site.cli_in("ko", &["check"]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    let report = pledgesite::build(&Options::new(site.root())).unwrap();
    assert!(
        report.site.warnings.0.is_empty(),
        "{}",
        report.site.warnings.to_text(pledgesite::messages::Lang::En)
    );
    // The March report is still published, with March's values.
    assert_eq!(report_rows(&site, "2026-03-31"), march);
    assert_eq!(report_rows(&site, "2026-06-30"), june);
    assert_figures_by_hand(&site, &june);

    // The report's own sheet, imported back, changes nothing.
    let own = site.path("public/reports/2026-06-30/checklist-2026-06-30.xlsx");
    let before = tree(&site.path("content"));
    let again = site.cli(&["import", own.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert!(
        stdout(&again).contains("0 pledges change"),
        "{}",
        stdout(&again)
    );
    assert!(stdout(&again).contains("nothing changed, so nothing was written"));
    assert_eq!(tree(&site.path("content")), before);
}

#[test]
fn a_bad_cell_stops_the_import_naming_it_and_nothing_is_written() {
    let site = Fixture::district();
    pledgesite::build(&Options::new(site.root())).unwrap();
    let mut rows = june_rows(&report_rows(&site, "2026-03-31"));
    rows[3][6] = "150".into();
    rows[5][5] = "정상추진중".into();
    rows[7][1] = "02월 03일".into();
    let sheet = site.path("점검표.xlsx");
    office_sheet(&sheet, &rows);
    let before = tree(site.root());
    let out = site.cli_in(
        "ko",
        &["import", sheet.to_str().unwrap(), "--date", "2026-06-30"],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains(
            "점검표.xlsx [2분기] G7, 추진율(%): 추진율 150은(는) 0에서 100 사이가 아닙니다"
        ),
        "{err}"
    );
    assert!(
        err.contains("[2분기] F9, 추진상태: `정상추진중`은(는) 추진상태가 아닙니다"),
        "{err}"
    );
    assert!(err.contains("혹시 `정상추진`인가요?"), "{err}");
    assert!(err.contains("[2분기] B11, 관리번호: 엑셀이 관리번호를 날짜(2월 3일)로 바꿨습니다. 원래 `2-3`(이)었을 것입니다"), "{err}");
    assert!(err.contains("셀 서식 → 텍스트"), "{err}");
    assert_eq!(tree(site.root()), before, "nothing may be written");
}

#[test]
fn quarter_moves_every_date_and_refuses_what_would_lose_a_report() {
    let site = Fixture::district();
    let before = tree(site.root());
    for (date, says) in [
        ("2026-6-30", "`2026-6-30` is not a reporting date"),
        ("2026-03-31", "is not after the current one"),
        ("2026-07-31", "after the end of the term"),
    ] {
        let out = site.cli(&["quarter", date]);
        assert_eq!(out.status.code(), Some(2), "{date}");
        assert!(stderr(&out).contains(says), "{}", stderr(&out));
    }
    assert_eq!(tree(site.root()), before);
    let out = site.cli(&["quarter", "2026-06-30"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains(
        "moved the reporting date 2026-03-31 → 2026-06-30: content/_index.md and 30 cards"
    ));
    let march = std::fs::read_to_string(site.path("data/snapshots/2026-03-31.csv")).unwrap();
    assert!(march.contains("IV-②-2,보류,20,"), "{march}");
    let records = std::fs::read_to_string(site.path("data/records.csv")).unwrap();
    assert!(
        records.contains("2026-03-31,IV-②-2,보류,20\n") && records.ends_with("2026-06-30,,,\n")
    );
    pledgesite::build(&Options::new(site.root())).unwrap();
    assert!(site.path("public/reports/2026-03-31/index.html").is_file());
}

/// `check`'s problems in Korean, as `path:line: message` lines.
fn korean_check(site: &Fixture) -> (i32, String) {
    let out = site.cli_in("ko", &["check"]);
    (out.status.code().unwrap_or(-1), stderr(&out))
}

fn move_as_of(site: &Fixture, rel: &str, to: &str) {
    let text = std::fs::read_to_string(site.path(rel)).unwrap();
    site.write(
        rel,
        text.replace("as_of: 2026-03-31", &format!("as_of: {to}")),
    );
}

fn cards(site: &Fixture) -> Vec<String> {
    let dir = site.path("content/pledges");
    let mut cards: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            format!(
                "content/pledges/{}/index.md",
                e.unwrap().file_name().to_string_lossy()
            )
        })
        .collect();
    cards.sort();
    cards
}

#[test]
fn slip_1_moving_every_date_without_recording_the_report_is_an_error() {
    let site = Fixture::district();
    for card in cards(&site) {
        move_as_of(&site, &card, "2026-06-30");
    }
    move_as_of(&site, "content/_index.md", "2026-06-30");
    let (code, err) = korean_check(&site);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("content/_index.md:4:"), "{err}");
    assert!(
        err.contains("사이트는 2026-03-31 기준으로 보고했는데 그 보고의 스냅숏이 없습니다"),
        "{err}"
    );
    assert!(err.contains("`pledgesite quarter 2026-06-30`"), "{err}");
    // `snapshot` refuses too: it would record June's cards, and March would still be lost.
    let out = site.cli_in("ko", &["snapshot"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!site.path("data/snapshots/2026-06-30.csv").exists());
}

#[test]
fn slip_2_cards_dated_after_the_site_are_an_error_and_no_hint_says_force() {
    let site = Fixture::district();
    let out = site.cli(&["snapshot"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let card = "content/pledges/i-1-2-midlife-jobs/index.md";
    move_as_of(&site, card, "2026-06-30");
    let text = std::fs::read_to_string(site.path(card)).unwrap();
    site.write(card, text.replace("progress: 80", "progress: 90"));
    let (code, err) = korean_check(&site);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains(&format!("{card}:")), "{err}");
    assert!(
        err.contains("카드의 `as_of:` 2026-06-30이(가) 사이트의 보고 기준일 2026-03-31"),
        "{err}"
    );
    assert!(err.contains("`pledgesite quarter 2026-06-30`"), "{err}");
    assert!(!err.contains("snapshot --force`로"), "{err}");
    let march = std::fs::read_to_string(site.path("data/snapshots/2026-03-31.csv")).unwrap();
    let forced = site.cli(&["snapshot", "--force"]);
    assert_ne!(forced.status.code(), Some(0));
    assert_eq!(
        std::fs::read_to_string(site.path("data/snapshots/2026-03-31.csv")).unwrap(),
        march
    );
}

#[test]
fn slip_3_a_date_without_two_digit_month_is_an_error_with_the_padded_form() {
    let site = Fixture::district();
    move_as_of(&site, "content/_index.md", "2026-6-30");
    let (code, err) = korean_check(&site);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("content/_index.md:4:"), "{err}");
    assert!(
        err.contains("날짜 `2026-6-30`의 월과 일은 두 자리로 씁니다: `2026-06-30`"),
        "{err}"
    );
    let pages = site.cli_in("ko", &["check", "--pages"]);
    assert_eq!(pages.status.code(), Some(1));
}

#[test]
fn slip_4_editing_a_published_snapshot_is_an_error_until_a_correction_note_says_why() {
    let site = Fixture::district();
    let rel = "data/snapshots/2025-12-31.csv";
    let csv = std::fs::read_to_string(site.path(rel)).unwrap();
    let line = csv.lines().position(|l| l.starts_with("I-①-2,")).unwrap() + 1;
    site.write(rel, csv.replace("I-①-2,정상추진,75,", "I-①-2,정상추진,85,"));
    let (code, err) = korean_check(&site);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains(&format!("{rel}:{line}:")), "{err}");
    assert!(
        err.contains(
            "공약 I-①-2의 2025-12-31 보고는 정상추진, 75%로 공개되었는데 지금은 정상추진, 85%로"
        ),
        "{err}"
    );
    assert!(err.contains("정정: 까닭"), "{err}");
    site.write(
        rel,
        csv.replace(
            "I-①-2,정상추진,75,",
            "I-①-2,정상추진,85,정정: 집계 오류(75→85)",
        ),
    );
    let (code, err) = korean_check(&site);
    assert_eq!(code, 0, "{err}");
    pledgesite::build(&Options::new(site.root())).unwrap();
    let page = std::fs::read_to_string(site.path("public/reports/2025-12-31/index.html")).unwrap();
    assert!(page.contains("<strong class=\"correction\">정정</strong> 정정: 집계 오류(75→85)"));
    // A row dropped from a published report is an error too.
    site.write(rel, csv.replace("I-①-2,정상추진,75,\n", ""));
    let (code, err) = korean_check(&site);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("공약 I-①-2(정상추진, 75%)의 줄이 2025-12-31 보고에서 사라졌습니다"),
        "{err}"
    );
}

#[test]
fn a_reason_left_from_on_hold_is_a_warning() {
    let site = Fixture::district();
    let card = "content/pledges/iv-2-2-recycling-center/index.md";
    let text = std::fs::read_to_string(site.path(card)).unwrap();
    site.write(card, text.replace("status: 보류", "status: 정상추진"));
    let out = site.cli_in("ko", &["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("지난 사유"), "{}", stderr(&out));
}

#[test]
fn no_csv_or_xlsx_the_site_writes_starts_a_formula() {
    let site = Fixture::district();
    let card = "content/pledges/i-1-1-youth-jobs/index.md";
    let text = std::fs::read_to_string(site.path(card)).unwrap();
    site.write(
        card,
        text.replace(
            "title: 청년 일자리 700개 창출",
            "title: \"=HYPERLINK(\\\"http://x\\\")\"",
        ),
    );
    pledgesite::build(&Options::new(site.root())).unwrap();
    for rel in [
        "public/data/pledges.csv",
        "public/data/history.csv",
        "public/reports/2026-03-31/checklist-2026-03-31.csv",
    ] {
        let csv = std::fs::read_to_string(site.path(rel)).unwrap();
        assert!(
            csv.contains(",\"'=HYPERLINK(\"\"http://x\"\")\""),
            "{rel}: {csv}"
        );
        assert!(
            !csv.contains(",=HYPERLINK") && !csv.contains(",\"=HYPERLINK"),
            "{rel}"
        );
    }
    // In the workbook the title is text with Excel's quote prefix, never a formula.
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook(site.path("public/reports/2026-03-31/checklist-2026-03-31.xlsx"))
            .unwrap();
    use calamine::Reader;
    let formulas = book.worksheet_formula("2026-03-31").unwrap();
    assert!(formulas.used_cells().next().is_none());
    let range = book.worksheet_range("2026-03-31").unwrap();
    assert!(range
        .used_cells()
        .any(|(_, _, c)| *c == calamine::Data::String("=HYPERLINK(\"http://x\")".into())));
}

#[test]
fn a_downloaded_sheet_with_new_values_and_no_date_overwrites_nothing() {
    let site = Fixture::district();
    pledgesite::build(&Options::new(site.root())).unwrap();
    let own = site.path("public/reports/2026-03-31/checklist-2026-03-31.csv");
    let csv = std::fs::read_to_string(&own).unwrap();
    let sheet = site.path("sheet.csv");
    std::fs::write(
        &sheet,
        csv.replace(
            "일자리 지원,일자리정책과,정상추진,80,",
            "일자리 지원,일자리정책과,정상추진,85,",
        ),
    )
    .unwrap();
    let before = tree(&site.path("content"));
    let out = site.cli(&["import", sheet.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("`--date 2026-03-31`"),
        "{}",
        stderr(&out)
    );
    assert_eq!(tree(&site.path("content")), before);
    let fixed = site.cli(&["import", sheet.to_str().unwrap(), "--date", "2026-03-31"]);
    assert_eq!(fixed.status.code(), Some(0), "{}", stderr(&fixed));
    assert!(
        stdout(&fixed).contains("1 pledges change"),
        "{}",
        stdout(&fixed)
    );
}
