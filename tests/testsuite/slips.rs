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
#[allow(dead_code)]
const BUDGET_CSV: &str = "content/pledges/1-clean-river/budget.csv";

const SLIPS: &[Slip] = &[
    slip(
        "상태 오타 `정상추진중`",
        INDEX,
        "status: 정상 추진",
        "status: 정상추진중",
        "status.unknown_near",
        10,
        9,
    ),
    slip(
        "상태 `완료됨`",
        INDEX,
        "status: 정상 추진",
        "status: 완료됨",
        "status.unknown_near",
        10,
        9,
    ),
    slip(
        "상태 `진행중`",
        INDEX,
        "status: 정상 추진",
        "status: 진행중",
        "status.unknown_near",
        10,
        9,
    ),
    slip(
        "`{ }` 안의 천 단위 쉼표",
        INDEX,
        "total: 1200",
        "total: 1,200",
        "slip.thousands_in_braces",
        12,
        18,
    ),
    slip(
        "추진율에 `%`",
        INDEX,
        "progress: 45.5",
        "progress: 45.5%",
        "slip.percent",
        11,
        11,
    ),
    slip(
        "전각 쌍점",
        INDEX,
        "department: 환경과",
        "department：환경과",
        "slip.fullwidth_colon",
        5,
        11,
    ),
    slip(
        "쌍점 뒤 띄어쓰기 빠짐",
        INDEX,
        "department: 환경과",
        "department:환경과",
        "slip.no_space",
        5,
        1,
    ),
    slip(
        "들여쓰기에 탭",
        DATA,
        "  unit: 백만원",
        "\tunit: 백만원",
        "slip.tab",
        2,
        1,
    ),
    slip(
        "항목 이름 오타",
        INDEX,
        "progress: 45.5",
        "progres: 45.5",
        "yaml.unknown_field_near",
        11,
        1,
    ),
    slip(
        "같은 항목 두 번",
        INDEX,
        "progress: 45.5",
        "progress: 45.5\nprogress: 50",
        "yaml.duplicate_key",
        12,
        1,
    ),
];

fn diagnostics(site: &Fixture) -> Vec<Diagnostic> {
    match pledgesite::check(&Options::new(site.root())) {
        Ok(warnings) => warnings.0,
        Err(Error::Content(diags)) => diags.0,
        Err(Error::Environment(e)) => panic!("environment error: {e:#}"),
    }
}

#[test]
fn every_slip_is_named_at_its_place_in_both_languages() {
    let mut table = String::from("| # | 실수 | 파일:줄:칸 | 메시지 |\n|---|---|---|---|\n");
    let mut wrong = Vec::new();
    for (n, s) in SLIPS.iter().enumerate() {
        let site = Fixture::new("minimal");
        let text = std::fs::read_to_string(site.path(s.file)).unwrap();
        assert!(
            text.contains(s.from),
            "{}: {} has no `{}`",
            s.what,
            s.file,
            s.from
        );
        site.write(s.file, text.replacen(s.from, s.to, 1));
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
        let expected_column = if s.column == 0 { d.column } else { s.column };
        if place != (s.file.to_string(), s.line, expected_column) {
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
            s.file.rsplit('/').next().unwrap(),
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
