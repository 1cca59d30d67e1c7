//! A district's whole term (tests/fixtures/term): codes, sub-areas, four quarterly snapshots
//! and the present, with one 통폐합 and one 공약 제외 pledge. Every figure asserted here was
//! computed by hand from the fixture's files (see the comments).

use crate::harness::Fixture;
use pledgesite::session::Session;
use pledgesite::Options;

/// The page's text without tags, whitespace collapsed: what a reader sees.
pub(crate) fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    let mut in_svg = false;
    let mut rest = html;
    while let Some(c) = rest.chars().next() {
        if rest.starts_with("<svg") {
            in_svg = true;
        }
        if in_svg && rest.starts_with("</svg>") {
            in_svg = false;
            rest = &rest[6..];
            continue;
        }
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag && !in_svg => out.push(c),
            _ => {}
        }
        rest = &rest[c.len_utf8()..];
    }
    let out = out
        .replace("&#x2f;", "/")
        .replace("&#x27;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn built() -> Fixture {
    let site = Fixture::new("term");
    let report = site.build_ok();
    assert!(
        report.site.warnings.0.is_empty(),
        "{}",
        report.site.warnings.to_text(pledgesite::messages::Lang::En)
    );
    site
}

#[test]
fn home_figures_use_one_denominator_without_merged_and_removed_pledges() {
    let site = built();
    let home = text(&site.output("index.html"));
    for expected in [
        // 6 pledges; II-1 (통폐합) and II-3 (공약 제외) are not counted: 4.
        "전체 공약 6 개 집계 대상 4개",
        // Done: I-①-2 (완료) and I-②-1 (이행후 계속추진) of 4.
        "완료율 50.0%",
        // (100 + 60 + 100 + 50) / 4
        "평균 추진율 77.5%",
        // 임기내 and counted: I-①-2 (done), I-①-10, II-2 → 1 of 3.
        "임기내 이행률 33.3%",
        // 100 + 200 + 300 + 500; not the merged 400 nor the removed 600.
        "총사업비 1,100 백만원 11억원",
        "완료율 = (완료 + 이행후 계속추진) ÷ 집계 대상 공약 = 2 ÷ 4",
        "임기내 이행률 = 임기내 공약 중 완료(이행후 계속추진 포함) = 1 ÷ 3",
        "통폐합·공약 제외 공약 2개는 모든 수치와 사업비 합계에서 빠집니다.",
        // 2023: I-①-2 (12 ≥ 10) and I-①-10 (achieved: true); 2024: I-①-2 (15 < 20).
        "2023년 2 2 100.0% 0",
        "2024년 1 0 0.0% 0",
        // Shares of the 4 counted.
        "● 완료 1 25.0%",
        "▲ 정상추진 2 50.0%",
        "⇢ 통폐합 1 집계 제외",
        "− 공약 제외 1 집계 제외",
        // 경제: 3 counted, 2 done, (100 + 60 + 100) / 3; 일자리 (100 + 60) / 2.
        "경제 3 2 86.7% 600",
        "경제 · 일자리 2 1 80.0%",
        "경제 · 상권 1 1 100.0%",
        // 복지: 1 counted (II-2) of 3.
        "복지 1 +2 집계 제외 0 50.0% 500",
    ] {
        assert!(home.contains(expected), "home lacks `{expected}`:\n{home}");
    }
}

#[test]
fn the_trend_and_what_changed_since_the_last_report() {
    let site = built();
    let home = text(&site.output("index.html"));
    for expected in [
        // date, counted, done, 완료율, 평균진행률, changes since the previous date
        "2024년 9월 30일 6 0 0.0% 26.7% -",         // 160 / 6
        "2024년 12월 31일 5 1 20.0% 50.0% 6",       // II-3 removed; 250 / 5
        "2025년 3월 31일 4 2 50.0% 67.5% 4",        // II-1 merged; 270 / 4
        "2025년 6월 30일 4 2 50.0% 68.8% 4",        // 275 / 4; 3 moves + 1 content change
        "2025년 9월 30일 (현재) 4 2 50.0% 77.5% 2", // the cards
        "2025년 6월 30일 보고와 비교한 변화입니다.",
        "I-①-10 창업 지원 : 추진율 35% → 60%",
        "II-2 경로당 확충 : 추진율 40% → 50%",
    ] {
        assert!(home.contains(expected), "home lacks `{expected}`:\n{home}");
    }
    let trend = site.output("charts/trend.svg");
    assert!(trend.contains("role=\"img\""));
    assert!(
        trend.contains("2024년 9월 30일 완료율 0.0%, 평균 추진율 26.7%"),
        "{trend}"
    );
}

#[test]
fn a_report_page_per_reporting_date() {
    let site = built();
    for date in [
        "2024-09-30",
        "2024-12-31",
        "2025-03-31",
        "2025-06-30",
        "2025-09-30",
    ] {
        site.output(&format!("reports/{date}/index.html"));
    }
    let march = text(&site.output("reports/2025-03-31/index.html"));
    for expected in [
        "2025년 3월 31일 기준 공약 이행 현황",
        // Counted: 4 of 6 (II-1 merged, II-3 removed).
        "2025년 3월 31일 기준 2개 분야 4개 사업, 완료(이행후 계속추진 포함) 2, 정상추진 2, 평균 추진율 67.5%. 집계 제외: 통폐합 1, 공약 제외 1.",
        "이 보고는 data/snapshots/2025-03-31.csv에 기록된 내용입니다.",
        "2024년 12월 31일 보고와 비교했습니다.",
        "I-①-2 일자리 100개 : ▲ 정상추진 → ● 완료 추진율 80% → 100%",
        "II-1 돌봄센터 : ▲ 정상추진 → ⇢ 통폐합 추진율 20% → 25% — I-①-10에 통합",
        "I-①-10 창업 지원 : 추진율 30% → 40%",
        "II-2 경로당 확충 : 추진율 20% → 30%",
        "← 이전 보고: 2024년 12월 31일",
        "다음 보고: 2025년 6월 30일 →",
    ] {
        assert!(march.contains(expected), "report lacks `{expected}`:\n{march}");
    }
    // The content change of 2025-05-10 belongs to the report of 2025-06-30.
    let june = text(&site.output("reports/2025-06-30/index.html"));
    assert!(
        june.contains("공약 변경 — 목표: 2개소 → 3개소 (절차: 주민배심원 심의) — 수요 증가"),
        "{june}"
    );
    assert!(june.contains("I-①-10 창업 지원 : 추진율 40% → 35% — 사업 범위 확대로 재산정"));
    assert!(!march.contains("주민배심원"));
    let first = text(&site.output("reports/2024-09-30/index.html"));
    assert!(first.contains("첫 보고이므로 비교할 이전 보고가 없습니다."));
    let index = text(&site.output("reports/index.html"));
    assert!(
        index.contains("2025년 6월 30일 4 2 50.0% 68.8% 4"),
        "{index}"
    );
}

#[test]
fn history_csv_has_every_reporting_date_and_the_present() {
    let site = built();
    let csv = std::fs::read_to_string(site.path("public/data/history.csv")).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "\u{feff}기준일,번호,공약명,이행상태,추진율(%),비고"
    );
    assert_eq!(lines.len(), 1 + 6 * 5, "6 pledges × 5 dates");
    for row in [
        "2024-09-30,I-①-2,일자리 100개,정상추진,50,",
        "2025-03-31,II-1,돌봄센터,통폐합,25,I-①-10에 통합",
        "2025-06-30,I-①-10,창업 지원,정상추진,35,사업 범위 확대로 재산정",
        "2025-09-30,II-3,없어진 공약,공약 제외,0,2024년 주민공고로 제외",
        "2025-09-30,I-①-10,창업 지원,정상추진,60,",
    ] {
        assert!(lines.contains(&row), "history.csv lacks `{row}`:\n{csv}");
    }
    let json: serde_json::Value =
        serde_json::from_str(&site.output("pledges/e-elderly/data.json")).unwrap();
    let history = json["history"].as_array().unwrap();
    let progress: Vec<f64> = history
        .iter()
        .map(|p| p["progress"].as_f64().unwrap())
        .collect();
    assert_eq!(progress, [10.0, 20.0, 30.0, 40.0, 50.0]);
    assert_eq!(history[4]["date"], "2025-09-30");
    assert_eq!(json["changes"][0]["procedure"], "주민배심원 심의");
    assert_eq!(json["pledge"]["number"], "II-2");
}

#[test]
fn pledge_pages_show_their_course_and_change_log() {
    let site = built();
    let page = site.output("pledges/e-elderly/index.html");
    assert!(page.contains("<h2 id=\"history\">추진 경과</h2>"));
    assert!(page.contains("charts/history.svg"));
    let shown = text(&page);
    for expected in [
        "2024년 9월 30일 ▲ 정상추진 10%",
        "2025년 9월 30일 (현재) ▲ 정상추진 50%",
        "2025년 5월 10일 목표 2개소 3개소 수요 증가 주민배심원 심의",
        "2025년 6월 30일 : 추진율 30% → 40%",
    ] {
        assert!(
            shown.contains(expected),
            "page lacks `{expected}`:\n{shown}"
        );
    }
    let chart = site.output("pledges/e-elderly/charts/history.svg");
    assert!(chart.contains(
        "<desc id=\"chart-history-desc\">경로당 확충 추진 경과: 2024년 9월 30일 정상추진 10%"
    ));
    let merged = text(&site.output("pledges/d-care/index.html"));
    assert!(merged.contains("2025년 3월 31일 : ▲ 정상추진 → ⇢ 통폐합 추진율 20% → 25%"));
}

#[test]
fn the_feed_has_an_entry_per_status_change() {
    let site = built();
    let feed = site.output("feed.xml");
    roxmltree::Document::parse(&feed).expect("feed.xml is well-formed");
    // I-②-1 and II-3 (2024-12-31), I-①-2 and II-1 (2025-03-31).
    assert_eq!(feed.matches("#history-").count(), 4, "{feed}");
    assert!(feed.contains("<title>I-②-1. 시장 살리기: 정상추진 → 이행후 계속추진</title>"));
    assert!(feed.contains("#history-2025-03-31</id>"));
}

#[test]
fn codes_sort_naturally_and_sub_areas_group_the_lists() {
    let site = built();
    let area = text(&site.output("areas/economy/index.html"));
    let at = |s: &str| area.find(s).unwrap_or_else(|| panic!("{s} in {area}"));
    // I-①-2 before I-①-10 (numbers, not text), 일자리 before 상권 (site.yaml's order).
    assert!(at("I-①-2") < at("I-①-10"));
    assert!(at("일자리 2개") < at("I-①-2"));
    assert!(at("I-①-10") < at("상권 1개"));
    let home = site.output("index.html");
    assert!(home.contains("data-sub-area=\"상권\""));
    assert!(home.contains("<select name=\"sub_area\">"));
}

#[test]
fn editing_a_snapshot_in_serve_gives_the_fresh_build() {
    let site = Fixture::new("term");
    let mut session = Session::open(&Options::new(site.root())).unwrap();
    let rel = "data/snapshots/2025-06-30.csv";
    let before = std::fs::read_to_string(site.path(rel)).unwrap();
    site.write(rel, before.replace("II-2,정상추진,40,", "II-2,완료,100,"));
    session.update(&[site.path(rel)]).unwrap();
    let incremental = session.rendered().expect("the edited site renders");
    let fresh = pledgesite::render_site(&Options::new(site.root())).unwrap();
    assert_eq!(incremental.files.len(), fresh.files.len());
    for (a, b) in incremental.files.iter().zip(&fresh.files) {
        assert_eq!(a.path, b.path);
        assert!(a.contents == b.contents, "{} differs", a.path);
    }
    let home = incremental
        .files
        .iter()
        .find(|f| f.path == "index.html")
        .unwrap();
    // 2025-06-30 now has 3 done of 4: 75%.
    assert!(text(home.text().unwrap()).contains("2025년 6월 30일 4 3 75.0%"));
    // Its going back from 완료 to 정상추진 at the present is a warning at the card.
    assert!(
        incremental
            .warnings
            .to_text(pledgesite::messages::Lang::En)
            .contains("content/pledges/e-elderly/index.md"),
        "{}",
        incremental.warnings.to_text(pledgesite::messages::Lang::En)
    );
}

/// Checks the fixture after `edit` and returns the problems as `severity path:line: message`.
fn problems_after(edit: impl FnOnce(&Fixture)) -> Vec<String> {
    let site = Fixture::new("term");
    edit(&site);
    crate::check::problems(&site)
}

#[test]
fn bad_snapshot_rows_are_named_by_file_and_line() {
    let problems = problems_after(|site| {
        site.write(
            "data/snapshots/2025-06-30.csv",
            "번호,상태,추진율,비고\nI-①-2,완료,100,\nI-1-10,정상추진,35,\nI-②-1,진행중,100,\nII-1,통폐합,130,\nII-2,정상추진,사십,\nII-2,정상추진,40,\nII-2,정상추진,40,\n",
        );
        site.write("data/snapshots/2026-03-31.csv", "번호,상태,추진율\n");
        site.write("data/snapshots/2025년 3분기.csv", "번호,상태,추진율\n");
    });
    let expected = [
        "error data/snapshots/2025-06-30.csv:3: no pledge has the number I-1-10 (row 3, column `번호`)",
        "error data/snapshots/2025-06-30.csv:4: unknown status `진행중` for pledge I-②-1 (row 4, column `상태`)",
        "error data/snapshots/2025-06-30.csv:5: progress 130 of pledge II-1 is outside 0–100 (row 5, column `추진율`)",
        "error data/snapshots/2025-06-30.csv:6: progress `사십` of pledge II-2 is not a number (row 6, column `추진율`)",
        "error data/snapshots/2025-06-30.csv:8: pledge II-2 is listed twice in column `번호` (rows 7 and 8)",
        "error data/snapshots/2025년 3분기.csv:0: `2025년 3분기.csv` is not a snapshot file name",
        "error data/snapshots/2026-03-31.csv:1: the snapshot is dated 2026-03-31, after the site's reporting date 2025-09-30",
    ];
    for e in expected {
        assert!(
            problems.iter().any(|p| p == e),
            "missing `{e}` in {problems:#?}"
        );
    }
}

#[test]
fn courses_going_backwards_and_lagging_cards_are_warnings() {
    let problems = problems_after(|site| {
        let rel = "data/snapshots/2025-06-30.csv";
        let csv = std::fs::read_to_string(site.path(rel)).unwrap();
        // Progress down without a 비고; a done pledge no longer done.
        let csv = csv
            .replace(
                "I-①-10,정상추진,35,사업 범위 확대로 재산정",
                "I-①-10,정상추진,35,",
            )
            .replace("I-②-1,이행후 계속추진,100,", "I-②-1,정상추진,90,");
        site.write(rel, csv);
        let card = site.path("content/pledges/e-elderly/index.md");
        let text = std::fs::read_to_string(&card).unwrap();
        site.write(
            "content/pledges/e-elderly/index.md",
            text.replace("as_of: 2025-09-30", "as_of: 2025-06-30"),
        );
    });
    let expected = [
        "warning data/snapshots/2025-06-30.csv:3: the progress of pledge I-①-10 went down from 40 to 35 between 2025-03-31 and 2025-06-30 (row 3, column `추진율`)",
        "warning data/snapshots/2025-06-30.csv:4: pledge I-②-1 was 이행후 계속추진 on 2025-03-31 and is 정상추진 on 2025-06-30 (row 4, column `상태`)",
        "warning content/pledges/e-elderly/index.md:10: as_of 2025-06-30 is older than the site's reporting date 2025-09-30",
    ];
    for e in expected {
        assert!(
            problems.iter().any(|p| p == e),
            "missing `{e}` in {problems:#?}"
        );
    }
    assert!(
        problems.iter().all(|p| p.starts_with("warning")),
        "{problems:#?}"
    );
}

#[test]
fn a_change_needs_a_real_date_and_a_number_used_twice_is_one_error() {
    let problems = problems_after(|site| {
        let rel = "content/pledges/e-elderly/index.md";
        let card = std::fs::read_to_string(site.path(rel)).unwrap();
        site.write(rel, card.replace("date: 2025-05-10", "date: 2025-13-01"));
        let rel = "content/pledges/f-removed/index.md";
        let card = std::fs::read_to_string(site.path(rel)).unwrap();
        site.write(rel, card.replace("number: II-3", "number: II-2"));
    });
    assert!(
        problems.contains(
            &"error content/pledges/e-elderly/index.md:13: `2025-13-01` is not a date".to_string()
        ),
        "{problems:#?}"
    );
    let about_ii_2: Vec<&String> = problems.iter().filter(|p| p.contains("II-2")).collect();
    assert_eq!(about_ii_2.len(), 1, "{problems:#?}");
    assert!(about_ii_2[0].contains("is also used by"), "{problems:#?}");
}

#[test]
fn the_history_charts_are_deterministic_and_well_formed() {
    let site = built();
    for (name, path) in [
        ("term_trend", "charts/trend.svg"),
        ("term_history_merged", "pledges/d-care/charts/history.svg"),
    ] {
        let svg = site.output(path);
        let doc = roxmltree::Document::parse(&svg).expect("well-formed SVG");
        assert_eq!(doc.root_element().attribute("role"), Some("img"));
        insta::assert_snapshot!(name, svg);
    }
}

#[test]
fn a_snapshot_that_disagrees_with_the_cards_is_a_warning_and_one_that_drops_a_pledge_an_error() {
    let problems = problems_after(|site| {
        // The site's own date, written from a spreadsheet that says other than the cards.
        site.write(
            "data/snapshots/2025-09-30.csv",
            "번호,상태,추진율,비고\nI-①-2,완료,100,\nI-①-10,완료,100,\nI-②-1,이행후 계속추진,100,\nII-1,통폐합,30,\nII-2,정상추진,50,\nII-3,공약 제외,0,\n",
        );
        // A pledge left out of a later quarter.
        let rel = "data/snapshots/2025-03-31.csv";
        let csv = std::fs::read_to_string(site.path(rel)).unwrap();
        site.write(rel, csv.replace("II-2,on-track,30,\r\n", ""));
    });
    let expected = [
        "warning data/snapshots/2025-09-30.csv:3: row 3 (`상태`, `추진율`) says pledge I-①-10 is 완료 at 100%, but its card says 정상추진 at 60%; the site shows the card",
        "error data/snapshots/2025-03-31.csv:1: pledge II-2 is in the snapshot of 2024-12-31 but not in this one",
    ];
    for e in expected {
        assert!(
            problems.iter().any(|p| p == e),
            "missing `{e}` in {problems:#?}"
        );
    }
    assert_eq!(problems.len(), 2, "{problems:#?}");
}

#[test]
fn a_near_code_gets_a_did_you_mean() {
    let site = Fixture::new("term");
    site.write(
        "data/snapshots/2025-06-30.csv",
        "번호,상태,추진율,비고\ni-1-10,정상추진,35,재산정\n",
    );
    let diags = match pledgesite::check(&Options::new(site.root())) {
        Err(pledgesite::Error::Content(d)) => d,
        other => panic!("expected problems, got ok={}", other.is_ok()),
    };
    let unknown = diags
        .0
        .iter()
        .find(|d| d.message.to_string().contains("i-1-10"))
        .unwrap();
    assert_eq!(
        unknown.hint.as_ref().map(|h| h.to_string()).as_deref(),
        Some("did you mean I-①-10? write the number exactly as on the pledge's card")
    );
}

#[test]
fn each_report_shows_the_yearly_targets_known_by_its_date() {
    let site = built();
    // 2024-09-30: 2024 is not over, so only 2023's result is known.
    let september = text(&site.output("reports/2024-09-30/index.html"));
    assert!(september.contains("2023년 2 2 100.0% 0"), "{september}");
    assert!(!september.contains("2024년 1 0"), "{september}");
    // 2024-12-31 closes the year: 2024's result is part of that report.
    let december = text(&site.output("reports/2024-12-31/index.html"));
    assert!(december.contains("2024년 1 0 0.0% 0"), "{december}");
}
