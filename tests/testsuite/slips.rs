//! The slips a district's staff make, each tried on a fixture site as they would make it: the
//! message names the file, the exact line and column, what is wrong and the right form — in
//! Korean for a Korean site and in English with `--lang en`. `SLIPS_TABLE=FILE cargo test
//! slips` writes the table of every slip and its exact Korean message (for the docs).

use crate::harness::Fixture;
use pledgesite::diagnostics::Diagnostic;
use pledgesite::messages::Lang;
use pledgesite::{Error, Options};

/// One slip: in `file` of the minimal fixture, `from` becomes `to`; `check` must report `key`
/// at `line` (and `column` when not 0).
struct Slip {
    what: &'static str,
    file: &'static str,
    from: &'static str,
    to: &'static str,
    key: &'static str,
    line: usize,
    column: usize,
}

const fn slip(
    what: &'static str,
    file: &'static str,
    from: &'static str,
    to: &'static str,
    key: &'static str,
    line: usize,
    column: usize,
) -> Slip {
    Slip {
        what,
        file,
        from,
        to,
        key,
        line,
        column,
    }
}

const INDEX: &str = "content/pledges/1-clean-river/index.md";
const DATA: &str = "content/pledges/1-clean-river/data.yaml";
const BUDGET_CSV: &str = "content/pledges/1-clean-river/budget.csv";

const BACKGROUND: &str = "content/pledges/1-clean-river/01-background.md";
const LIBRARY_DATA: &str = "content/pledges/2-library/data.yaml";
const SNAPSHOT: &str = "data/snapshots/2024-03-31.csv";

/// A new file (`from` empty): `to` is its whole text.
const NEW: &str = "";

#[rustfmt::skip]
const SLIPS: &[Slip] = &[
    slip("상태 오타 `정상추진중`", INDEX, "status: 정상 추진", "status: 정상추진중", "status.unknown_near", 10, 9),
    slip("상태 `완료됨`", INDEX, "status: 정상 추진", "status: 완료됨", "status.unknown_near", 10, 9),
    slip("상태 `진행중`", INDEX, "status: 정상 추진", "status: 진행중", "status.unknown_near", 10, 9),
    slip("`{ }` 안의 천 단위 쉼표", INDEX, "total: 1200", "total: 1,200", "slip.thousands_in_braces", 12, 18),
    slip("추진율에 `%`", INDEX, "progress: 45.5", "progress: 45.5%", "slip.percent", 11, 11),
    slip("전각 쌍점", INDEX, "department: 환경과", "department：환경과", "slip.fullwidth_colon", 5, 11),
    slip("쌍점 뒤 띄어쓰기 빠짐", INDEX, "department: 환경과", "department:환경과", "slip.no_space", 5, 1),
    slip("들여쓰기에 탭", DATA, "  unit: 백만원", "\tunit: 백만원", "slip.tab", 2, 1),
    slip("항목 이름 오타", INDEX, "progress: 45.5", "progres: 45.5", "yaml.unknown_field_near", 11, 1),
    slip("같은 항목 두 번", INDEX, "progress: 45.5", "progress: 45.5\nprogress: 50", "yaml.duplicate_key", 12, 1),
    slip("없는 날짜 `2024-06-31`", INDEX, "as_of: 2024-06-30", "as_of: 2024-06-31", "check.no_such_day", 13, 8),
    slip("점으로 쓴 날짜 `2024.6.30`", INDEX, "as_of: 2024-06-30", "as_of: 2024.6.30", "check.date_dotted", 13, 8),
    slip("꼭 필요한 항목 빠짐", INDEX, "title: 맑은 하천 만들기\n", "", "yaml.missing_field", 0, 0),
    slip("추진율 100 초과", INDEX, "progress: 45.5", "progress: 120", "card.progress_range", 11, 11),
    slip("공약 번호 중복", INDEX, "number: 1", "number: 2", "check.number_twice", 2, 9),
    slip("통폐합 대상 번호 오타", INDEX, "progress: 45.5", "progress: 45.5\nmerged_into: 3", "check.merged_into_unknown", 12, 14),
    slip("숫자 자리에 글", LIBRARY_DATA, "value: 12345", "value: 많음", "yaml.not_a_number", 22, 0),
    slip("자료 파일의 천 단위 쉼표", LIBRARY_DATA, "value: 12345", "value: 12,345", "slip.thousands_in_braces", 22, 0),
    slip("그림 파일 이름에 띄어쓰기", BACKGROUND, "## 하천 현황\n", "## 하천 현황\n\n![하천 사진](하천 사진.png)\n", "lint.link_space", 0, 10),
    slip("그림 파일 이름의 대소문자", BACKGROUND, "## 하천 현황\n", "## 하천 현황\n\n![하천](River.PNG)\n", "links.broken", 0, 1),
    slip("안내 문구를 그대로 둠", INDEX, "summary: 하천 3곳을 정비합니다.", "summary: 공약을 한 문장으로 요약하세요. (One-sentence summary.)", "stub.left", 14, 1),
    slip("머리말을 닫는 `---` 빠짐", BACKGROUND, "title: 추진배경\n---\n", "title: 추진배경\n", "front.not_closed", 0, 0),
    slip("합계가 맞지 않는 사업비", BUDGET_CSV, "계,1200,500,700,300", "계,1300,500,700,300", "budget.sources_total_sum", 2, 1),
    slip("스냅숏의 상태 오타", SNAPSHOT, NEW, "번호,상태,추진율\n1,정상추진중,40\n2,완료,100\n", "snapshot.unknown_status", 2, 0),
    slip("스냅숏의 없는 공약 번호", SNAPSHOT, NEW, "번호,상태,추진율\n1,정상추진,40\n3,완료,100\n", "history.unknown_number", 3, 0),
    slip("스냅숏 머리글 오타 `추진률`", SNAPSHOT, NEW, "번호,상태,추진률\n1,정상추진,40\n2,완료,100\n", "snapshot.header_lacks", 1, 0),
    slip("분기 표기 오타 `2023-1분기`", DATA, "quarters: [2023-Q1]", "quarters: [2023-1분기]", "card.quarter_span", 11, 22),
    slip("조례 날짜를 점으로", LIBRARY_DATA, "date: 2023-02-28", "date: 2023.2.28", "check.date_dotted", 19, 11),
    slip("연차별 목표의 연도 순서", LIBRARY_DATA, "- { year: 2024, target: 12 }", "- { year: 2023, target: 12 }", "targets.year_order", 8, 15),
    slip("옛 날짜 표기가 줄 가운데", BACKGROUND, "## 하천 현황\n", "## 하천 현황\n\n정비 완료(‘21. 6. 17.) 보고\n", "lint.old_date", 0, 7),
    slip("그림 경로에 역슬래시", BACKGROUND, "## 하천 현황\n", "## 하천 현황\n\n![하천](images\\river.png)\n", "links.broken", 0, 1),
    slip("폴더 이름에 띄어쓰기", "content/pledges/3 new pledge/index.md", NEW, "---\nnumber: 3\ntitle: 새 공약\narea: 환경\nstatus: 정상추진\nprogress: 0\n---\n", "load.folder_name_char", 0, 0),
];

fn diagnostics(site: &Fixture) -> Vec<Diagnostic> {
    match pledgesite::check(&Options::new(site.root())) {
        Ok(warnings) => warnings.0,
        Err(Error::Content(diags)) => diags.0,
        Err(Error::Environment(e)) => panic!("environment error: {e:#}"),
    }
}

/// The minimal site with the slip made.
fn site_with(s: &Slip) -> Fixture {
    let site = Fixture::new("minimal");
    if s.from.is_empty() {
        site.write(s.file, s.to);
    } else {
        let text = std::fs::read_to_string(site.path(s.file)).unwrap();
        assert!(
            text.contains(s.from),
            "{}: {} has no `{}`",
            s.what,
            s.file,
            s.from
        );
        site.write(s.file, text.replacen(s.from, s.to, 1));
    }
    let folder = s.file.rsplit_once('/').unwrap().0;
    if s.key == "links.broken" {
        site.write(&format!("{folder}/river.png"), b"png");
    }
    if s.key == "lint.link_space" {
        site.write(&format!("{folder}/하천 사진.png"), b"png");
    }
    site
}

#[test]
fn every_slip_is_named_at_its_place_in_both_languages() {
    let mut table = String::from("| # | 실수 | 파일:줄:칸 | 메시지 |\n|---|---|---|---|\n");
    let mut wrong = Vec::new();
    for (n, s) in SLIPS.iter().enumerate() {
        let site = site_with(s);
        let folder = s.file.rsplit_once('/').unwrap().0;
        let all = diagnostics(&site);
        let Some(d) = all.iter().find(|d| d.message.key() == s.key) else {
            wrong.push(format!(
                "{}: no `{}` in\n  {}",
                s.what,
                s.key,
                all.iter()
                    .map(|d| format!("{} {d}", d.message.key()))
                    .collect::<Vec<_>>()
                    .join("\n  ")
            ));
            continue;
        };
        let place = (
            d.path.to_string_lossy().replace('\\', "/"),
            d.line,
            d.column,
        );
        let expected_line = if s.line == 0 { d.line } else { s.line };
        let expected_column = if s.column == 0 { d.column } else { s.column };
        // A folder is named by itself; a number used twice, at the second pledge having it.
        let expected_file = match s.key {
            "load.folder_name_char" => folder,
            "check.number_twice" => "content/pledges/2-library/index.md",
            _ => s.file,
        };
        if place != (expected_file.to_string(), expected_line, expected_column) {
            wrong.push(format!(
                "{}: at {place:?}, expected line {} column {}",
                s.what, s.line, s.column
            ));
        }
        let ko = d.render(Lang::Ko);
        let en = d.render(Lang::En);
        if ko == en || !ko.contains("오류") && !ko.contains("경고") {
            wrong.push(format!("{}: Korean text is not Korean: {ko}", s.what));
        }
        table.push_str(&format!(
            "| {} | {} | `{}:{}:{}` | {} |\n",
            n + 1,
            s.what,
            d.path
                .to_string_lossy()
                .replace('\\', "/")
                .rsplit('/')
                .next()
                .unwrap(),
            d.line,
            d.column,
            ko.split_once(": ")
                .map_or(ko.as_str(), |(_, m)| m)
                .replace('\n', " ")
                .replace('|', "\\|")
        ));
    }
    if let Ok(path) = std::env::var("SLIPS_TABLE") {
        std::fs::write(path, &table).unwrap();
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Excel saves a CSV with empty columns after the last header and rows of commas: they are
/// not data, and must not become blank year columns or a row of dashes.
#[test]
fn excels_empty_columns_and_rows_are_ignored() {
    let site = Fixture::new("minimal");
    site.write(
        BUDGET_CSV,
        "\u{feff}구분,계,2023,2024,집행액,,\r\n계,1200,500,700,300,,\r\n국비,800,300,500,200,,\r\n구비,400,200,200,100,,\r\n,,,,,,\r\n,,,,,,\r\n",
    );
    let all = diagnostics(&site);
    assert!(
        all.iter().all(|d| !d.path.ends_with("budget.csv")),
        "{all:?}"
    );
    site.build_ok();
    let page = site.output("pledges/1-clean-river/index.html");
    assert!(!page.contains("<th scope=\"col\"></th>"), "a blank column");
    assert_eq!(
        page.matches("<th scope=\"row\">계</th>").count(),
        page.matches("<th scope=\"row\">국비</th>").count()
    );
}

/// An English site speaks English: no Hangul outside quoted values in its messages.
#[test]
fn an_english_site_gets_english_messages() {
    let site = Fixture::new("english");
    let rel = std::fs::read_dir(site.path("content/pledges"))
        .unwrap()
        .flatten()
        .next()
        .unwrap()
        .path()
        .join("index.md");
    let text = std::fs::read_to_string(&rel).unwrap();
    let status = text.lines().find(|l| l.starts_with("status:")).unwrap();
    std::fs::write(&rel, text.replacen(status, "status: on trak", 1)).unwrap();
    let out = site.cli_in("en", &["check"]);
    let err = crate::harness::stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("did you mean `on-track`?") || err.contains("did you mean `정상추진`?"),
        "{err}"
    );
    let unquoted: String = err.split('`').step_by(2).collect();
    let source_lines: String = unquoted
        .lines()
        .filter(|l| {
            !l.trim_start()
                .starts_with(|c: char| c.is_ascii_digit() || c == '|')
        })
        .collect();
    assert!(
        !source_lines.chars().any(|c| ('가'..='힣').contains(&c)),
        "{err}"
    );
}

/// One typo in a card must read as one problem, not also as "no pledge has this number" in
/// every snapshot, or on another card that names it (`merged_into`, with a wrong "did you
/// mean"), when the pledge whose card failed to load is named there.
#[test]
fn a_broken_card_is_one_error_not_one_per_snapshot() {
    let site = Fixture::new("minimal");
    let library = "content/pledges/2-library/index.md";
    let text = std::fs::read_to_string(site.path(library)).unwrap();
    site.write(
        library,
        text.replacen("\n---\n", "\nmerged_into: 1\n---\n", 1),
    );
    for date in ["2023-12-31", "2024-03-31"] {
        site.write(
            &format!("data/snapshots/{date}.csv"),
            "번호,상태,추진율\n1,정상추진,40\n2,완료,100\n",
        );
    }
    let text = std::fs::read_to_string(site.path(INDEX)).unwrap();
    site.write(
        INDEX,
        text.replace("status: 정상 추진", "status: 정상추진중"),
    );
    let errors: Vec<String> = diagnostics(&site)
        .iter()
        .filter(|d| d.is_error())
        .map(|d| format!("{} {d}", d.message.key()))
        .collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(errors[0].starts_with("status.unknown_near"), "{errors:#?}");
}
