//! `check` on broken fixtures: every cross-check and every kind of bad input names the right
//! file and line, and nothing panics, hangs or gets written.

use crate::harness::{stderr, Fixture};
use pledgesite::{Error, Options};

const RIVER: &str = "content/pledges/1-clean-river";
const LIBRARY: &str = "content/pledges/2-library";

/// Every problem `check` reports, as `severity path:line: message`.
pub(crate) fn problems(site: &Fixture) -> Vec<String> {
    let diags = match pledgesite::check(&Options::new(site.root())) {
        Ok(warnings) => warnings,
        Err(Error::Content(diags)) => diags,
        Err(Error::Environment(e)) => panic!("environment error: {e:#}"),
    };
    diags
        .0
        .iter()
        .map(|d| {
            let severity = if d.is_error() { "error" } else { "warning" };
            format!("{severity} {}:{}: {}", d.path.display(), d.line, d.message)
        })
        .collect()
}

fn assert_reports(site: &Fixture, expected: &str) {
    let all = problems(site);
    assert!(
        all.iter().any(|p| p.starts_with(expected)),
        "expected `{expected}` in:\n{}",
        all.join("\n")
    );
}

fn replace(site: &Fixture, rel: &str, from: &str, to: &str) {
    let text = std::fs::read_to_string(site.path(rel)).unwrap();
    assert!(text.contains(from), "{rel} has no `{from}`");
    site.write(rel, text.replace(from, to));
}

#[test]
fn the_fixture_itself_is_clean() {
    assert_eq!(problems(&Fixture::new("minimal")), Vec::<String>::new());
}

#[test]
fn budget_years_must_add_up_to_the_total_row() {
    let site = Fixture::new("minimal");
    replace(
        &site,
        &format!("{RIVER}/budget.csv"),
        "계,1200,500,700,300",
        "계,1200,510,700,300",
    );
    assert_reports(&site, &format!("error {RIVER}/budget.csv:2: budget: the sources for 2023 add up to 500 (국비 300 + 구비 200), but the 계 row says 510"));
}

#[test]
fn a_sources_years_must_add_up_to_its_total() {
    let site = Fixture::new("minimal");
    replace(
        &site,
        &format!("{RIVER}/budget.csv"),
        "국비,800,300,500,200",
        "국비,800,300,400,200",
    );
    assert_reports(&site, &format!("error {RIVER}/budget.csv:3: budget: the years of 국비 add up to 700 (2023 300 + 2024 400), but its total says 800"));
}

#[test]
fn sources_must_add_up_to_the_total_and_the_card() {
    let site = Fixture::new("minimal");
    replace(
        &site,
        &format!("{RIVER}/budget.csv"),
        "계,1200,500,700,300",
        "계,1300,500,700,300",
    );
    assert_reports(&site, &format!("error {RIVER}/budget.csv:2: budget: the sources' total add up to 1,200 (국비 800 + 구비 400), but the 계 row says 1,300"));
    let site = Fixture::new("minimal");
    replace(
        &site,
        &format!("{RIVER}/index.md"),
        "total: 1200",
        "total: 1250",
    );
    assert_reports(&site, &format!("error {RIVER}/index.md:12: the card's total budget is 1,250 백만원, but the funding sources add up to 1,200 백만원"));
}

#[test]
fn spending_adds_up_and_stays_within_the_budget() {
    let site = Fixture::new("minimal");
    replace(
        &site,
        &format!("{RIVER}/budget.csv"),
        "구비,400,200,200,100",
        "구비,400,200,200,450",
    );
    let all = problems(&site).join("\n");
    assert!(all.contains(&format!("error {RIVER}/budget.csv:2: budget: the sources' spending (집행액) add up to 650 (국비 200 + 구비 450), but the 계 row says 300")), "{all}");
    assert!(
        all.contains(&format!(
            "error {RIVER}/budget.csv:4: budget: 구비 spent 450 but was budgeted 400"
        )),
        "{all}"
    );
}

#[test]
fn budget_units_must_agree() {
    let site = Fixture::new("minimal");
    replace(
        &site,
        &format!("{RIVER}/data.yaml"),
        "unit: 백만원",
        "unit: 천원",
    );
    assert_reports(
        &site,
        &format!("error {RIVER}/data.yaml:2: budget unit `천원` differs from the card's `백만원`"),
    );
}

#[test]
fn categories_must_add_up_to_their_total() {
    let site = Fixture::new("minimal");
    replace(
        &site,
        &format!("{LIBRARY}/data.yaml"),
        "total: { target: 10, actual: 8 }",
        "total: { target: 11, actual: 9 }",
    );
    let all = problems(&site).join("\n");
    assert!(all.contains(&format!("error {LIBRARY}/data.yaml:12: categories: the targets add up to 10 (6 + 4), but the total target is 11")), "{all}");
    assert!(all.contains(&format!("error {LIBRARY}/data.yaml:12: categories: the actuals add up to 8 (5 + 3), but the total actual is 9")), "{all}");
}

#[test]
fn yearly_targets_must_reach_baseline_plus_increase() {
    let site = Fixture::new("minimal");
    replace(
        &site,
        &format!("{LIBRARY}/data.yaml"),
        "increase: 10",
        "increase: 9",
    );
    assert_reports(&site, &format!("error {LIBRARY}/data.yaml:8: targets: baseline 2 + increase 9 = 11, but the 2024 target is 12"));
}

#[test]
fn as_of_dates_must_be_real_and_inside_the_term() {
    let site = Fixture::new("minimal");
    replace(
        &site,
        &format!("{LIBRARY}/index.md"),
        "as_of: 2024-03-31",
        "as_of: 2027-01-31",
    );
    assert_reports(
        &site,
        &format!("error {LIBRARY}/index.md:8: as_of 2027-01-31 is outside the term"),
    );
    let site = Fixture::new("minimal");
    replace(
        &site,
        &format!("{LIBRARY}/index.md"),
        "as_of: 2024-03-31",
        "as_of: 2024-02-30",
    );
    assert_reports(
        &site,
        &format!("error {LIBRARY}/index.md:8: `2024-02-30` is not a date"),
    );
    let site = Fixture::new("minimal");
    replace(
        &site,
        &format!("{LIBRARY}/data.yaml"),
        "date: 2023-02-28",
        "date: 2023-02-29",
    );
    assert_reports(
        &site,
        &format!("error {LIBRARY}/data.yaml:19: `2023-02-29` is not a date"),
    );
}

#[test]
fn status_and_progress_must_agree() {
    let site = Fixture::new("minimal");
    replace(
        &site,
        &format!("{LIBRARY}/index.md"),
        "progress: 100",
        "progress: 90",
    );
    assert_reports(
        &site,
        &format!(
            "error {LIBRARY}/index.md:7: status 완료 means the pledge is done, but progress is 90"
        ),
    );
    let site = Fixture::new("minimal");
    replace(
        &site,
        &format!("{RIVER}/index.md"),
        "status: 정상 추진",
        "status: 보류",
    );
    assert_reports(
        &site,
        &format!("error {RIVER}/index.md:10: status 보류 needs a reason"),
    );
    let site = Fixture::new("minimal");
    replace(
        &site,
        &format!("{RIVER}/index.md"),
        "progress: 45.5",
        "progress: -5",
    );
    assert_reports(
        &site,
        &format!("error {RIVER}/index.md:11: progress -5 is outside 0–100"),
    );
}

#[test]
fn schedule_quarters_must_be_valid_and_inside_the_schedule() {
    let site = Fixture::new("minimal");
    replace(
        &site,
        &format!("{RIVER}/data.yaml"),
        "quarters: [2023-Q1]",
        "quarters: [2023-Q5]",
    );
    assert_reports(&site, &format!("error {RIVER}/data.yaml:11: `2023-Q5` in the quarters of `설계` is not a quarter or range"));
    let site = Fixture::new("minimal");
    replace(
        &site,
        &format!("{RIVER}/data.yaml"),
        "quarters: [2023-Q1]",
        "quarters: [2022-Q4]",
    );
    assert_reports(&site, &format!("error {RIVER}/data.yaml:11: 2022-Q4 in the quarters of `설계` is outside the schedule 2023-Q1..2024-Q2"));
    let site = Fixture::new("minimal");
    replace(
        &site,
        &format!("{RIVER}/data.yaml"),
        "end: 2024-Q2",
        "end: 2026-Q4",
    );
    assert_reports(
        &site,
        &format!(
            "warning {RIVER}/data.yaml:6: the schedule (2023-Q1..2026-Q4) runs outside the term"
        ),
    );
}

#[test]
fn plausibility_warnings() {
    let site = Fixture::new("minimal");
    replace(
        &site,
        &format!("{RIVER}/index.md"),
        "executing_body: 시",
        "executing_body: 자체",
    );
    assert_reports(
        &site,
        &format!(
            "warning {RIVER}/index.md:9: executing body is 자체 but 66.7% of the budget is 국비"
        ),
    );
    let site = Fixture::new("minimal");
    replace(
        &site,
        &format!("{LIBRARY}/index.md"),
        "as_of: 2024-03-31\n",
        "",
    );
    assert_reports(
        &site,
        &format!("warning {LIBRARY}/index.md:1: the pledge has no as-of date (기준일)"),
    );
    let site = Fixture::new("minimal");
    site.write(
        &format!("{RIVER}/budget.csv"),
        "구분,계,2023,2024,집행액\n국비,,,,\n",
    );
    assert_reports(
        &site,
        &format!("warning {RIVER}/data.yaml:1: the budget has no amounts"),
    );
}

#[test]
fn links_images_and_anchors_must_resolve() {
    let site = Fixture::new("minimal");
    site.write(
        &format!("{LIBRARY}/02-links.md"),
        "---\ntitle: 링크\n---\n## 도서관 위치\n\n[있음](#도서관-위치) [홈](/) [하천](../1-clean-river/#하천-현황)\n[없는 쪽](/pledges/nowhere/)\n[없는 제목](#없는-제목)\n![](photo.png)\n[밖](../../../../etc/passwd)\n",
    );
    site.write(&format!("{LIBRARY}/photo.png"), b"\x89PNG");
    let all = problems(&site);
    let file = format!("{LIBRARY}/02-links.md");
    assert_eq!(
        all,
        [
            format!("error {file}:7: broken link: `/pledges/nowhere/` is not a page or file of the site"),
            format!("error {file}:8: broken link: no heading or anchor `#없는-제목` on `pledges/2-library/index.html`"),
            format!("warning {file}:9: image `photo.png` has no alt text"),
            format!("error {file}:10: link `../../../../etc/passwd` points outside the site"),
        ]
    );
}

#[test]
fn korean_markdown_lint() {
    let site = Fixture::new("minimal");
    site.write(
        &format!("{LIBRARY}/02-lint.md"),
        "---\ntitle: 린트\n---\n**마크다운(Markdown)**을 씁니다.\n\n실적('21.6월 기준)\n\n| 항목 | 금액 |\n|---|---:|\n| 2023 | 1234567 |\n",
    );
    // The home page is staff's text too.
    replace(
        &site,
        "content/_index.md",
        "을 보세요.",
        "을 보세요 ('24. 6월 기준).",
    );
    let all = problems(&site);
    let file = format!("{LIBRARY}/02-lint.md");
    assert_eq!(
        all,
        [
            "warning content/_index.md:6: old-style date `'24. 6월`".to_string(),
            format!("warning {file}:4: `**` is shown as text: this bold was not rendered"),
            format!("warning {file}:6: old-style date `'21.6월`"),
            format!("warning {file}:10: `1234567` in a table has no thousands separators"),
        ]
    );
}

#[test]
fn near_miss_statuses_are_normalised() {
    let site = Fixture::new("minimal");
    replace(
        &site,
        &format!("{RIVER}/index.md"),
        "status: 정상 추진",
        "status: On Track",
    );
    assert_eq!(problems(&site), Vec::<String>::new());
}

#[test]
fn bundle_and_static_files_may_not_replace_what_pledgesite_makes() {
    let site = Fixture::new("minimal");
    site.write(&format!("{LIBRARY}/data.json"), "{}");
    site.write(&format!("{LIBRARY}/charts/progress.svg"), "<svg/>");
    site.write(&format!("{LIBRARY}/photo-data.json"), "{}");
    let all = problems(&site);
    for name in ["data.json", "charts/progress.svg"] {
        let expected = format!("error {LIBRARY}/{name}:0: `{name}` would be overwritten");
        assert!(
            all.iter().any(|p| p.starts_with(&expected)),
            "{expected} in {all:#?}"
        );
    }
    assert_eq!(all.len(), 2, "{all:#?}");

    let site = Fixture::new("minimal");
    site.write("static/sitemap.xml", "<urlset/>");
    site.write("static/robots-extra.txt", "");
    assert_eq!(
        problems(&site),
        ["error static/sitemap.xml:0: `sitemap.xml` is also a file pledgesite makes, and one would overwrite the other"]
    );
}

#[test]
fn duplicate_numbers_and_case_colliding_folders() {
    let site = Fixture::new("minimal");
    replace(
        &site,
        &format!("{LIBRARY}/index.md"),
        "number: 2",
        "number: 1",
    );
    assert_reports(
        &site,
        &format!("error {LIBRARY}/index.md:2: pledge number 1 is also used by {RIVER}/index.md"),
    );
    let site = Fixture::new("minimal");
    crate::harness::copy_tree(&site.path(LIBRARY), &site.path("content/pledges/2-Library"));
    replace(
        &site,
        "content/pledges/2-Library/index.md",
        "number: 2",
        "number: 3",
    );
    let all = problems(&site).join("\n");
    assert!(
        all.contains("differs from `2-Library` only in upper/lower case")
            || all.contains("differs from `2-library` only in upper/lower case"),
        "{all}"
    );
}

#[test]
fn wrong_types_and_enormous_files() {
    let site = Fixture::new("minimal");
    replace(
        &site,
        &format!("{LIBRARY}/data.yaml"),
        "value: 12345",
        "value: 많음",
    );
    assert_reports(
        &site,
        &format!("error {LIBRARY}/data.yaml:22: `많음` is not a number; this field takes a number"),
    );
    let site = Fixture::new("minimal");
    site.write(
        &format!("{LIBRARY}/02-huge.md"),
        vec![b'a'; 9 * 1024 * 1024],
    );
    assert_reports(
        &site,
        &format!("error {LIBRARY}/02-huge.md:0: file is 9437184 bytes, more than the 8 MiB limit"),
    );
}

#[test]
fn deep_nesting_and_alias_bombs_are_errors_not_crashes() {
    let site = Fixture::new("minimal");
    let mut deep = String::from("---\ntitle: 깊이\n---\n");
    deep.push_str(&">".repeat(100_000));
    deep.push_str(" 인용\n\n");
    for i in 0..500 {
        deep.push_str(&format!("{}- 목록\n", "  ".repeat(i)));
    }
    deep.push_str(&"[".repeat(20_000));
    site.write(&format!("{LIBRARY}/02-deep.md"), deep);
    site.write(
        &format!("{RIVER}/data.yaml"),
        format!("schedule: {}{}\n", "[".repeat(10_000), "]".repeat(10_000)),
    );
    let all = problems(&site).join("\n");
    assert!(
        all.contains(&format!("error {RIVER}/data.yaml:1: ")),
        "{all}"
    );

    // A "billion laughs" under `extra`, which accepts any value: 8^10 strings if expanded.
    let site = Fixture::new("minimal");
    let mut text = String::from("extra:\n  a0: &a0 [\"공약\",\"공약\",\"공약\",\"공약\",\"공약\",\"공약\",\"공약\",\"공약\"]\n");
    for i in 1..10 {
        let p = i - 1;
        text.push_str(&format!(
            "  a{i}: &a{i} [*a{p},*a{p},*a{p},*a{p},*a{p},*a{p},*a{p},*a{p}]\n"
        ));
    }
    site.write(
        &format!("{LIBRARY}/index.md"),
        format!("---\nnumber: 2\ntitle: t\narea: a\nstatus: 완료\nprogress: 100\n{text}---\n"),
    );
    assert_reports(
        &site,
        &format!("error {LIBRARY}/index.md:13: the document nests too deeply or repeats an alias too often"),
    );
}

#[test]
#[cfg(unix)]
fn file_names_that_are_not_utf8_and_symlinks_that_escape() {
    use std::os::unix::ffi::OsStrExt;
    let site = Fixture::new("minimal");
    let name = std::ffi::OsStr::from_bytes(b"\xb0\xf8\xbe\xe0.png");
    std::fs::write(site.path(LIBRARY).join(name), b"png").unwrap();
    std::os::unix::fs::symlink("/etc/hostname", site.path(&format!("{RIVER}/secret.txt"))).unwrap();
    let all = problems(&site).join("\n");
    assert!(
        all.contains(&format!(
            "error {LIBRARY}/\u{fffd}\u{fffd}\u{fffd}\u{fffd}.png:0: file name is not valid UTF-8"
        )),
        "{all}"
    );
    assert!(
        all.contains(&format!(
            "error {RIVER}/secret.txt:0: symbolic link points outside the site"
        )),
        "{all}"
    );
}

#[test]
fn check_writes_nothing_whatever_the_input() {
    let site = Fixture::new("minimal");
    site.write(&format!("{RIVER}/index.md"), "---\nnumber: [\n");
    let before = crate::harness::tree(site.root());
    let _ = problems(&site);
    assert_eq!(crate::harness::tree(site.root()), before);
}

#[test]
fn pages_check_finds_what_breaks_under_a_project_path() {
    let site = Fixture::new("minimal");
    let config = std::fs::read_to_string(site.path("site.yaml")).unwrap();
    site.write(
        "site.yaml",
        format!("{config}markdown:\n  unsafe_html: true\n"),
    );
    site.write(
        &format!("{LIBRARY}/02-raw.md"),
        "---\ntitle: 원문\n---\n<a href=\"/pledges/1-clean-river/\">하천</a>\n",
    );
    let mut options = Options::new(site.root());
    options.base_url = Some("https://daedeok.github.io/yaksok/".into());
    let diags = match pledgesite::check_pages(&options, Some("daedeok/yaksok")) {
        Ok(d) => d,
        Err(Error::Content(d)) => d,
        Err(Error::Environment(e)) => panic!("{e:#}"),
    };
    let text = diags.to_text(pledgesite::messages::Lang::En);
    assert!(text.contains("public/pledges/2-library/index.html: warning: `/pledges/1-clean-river/` leaves the site's path `/yaksok/`"), "{text}");
    assert!(!text.contains("base_url's path"), "{text}");
    // The same site built for `/` while the repository is served under /pledges/.
    options.base_url = None;
    let diags = pledgesite::check_pages(&options, Some("daedeok/yaksok"))
        .unwrap_or_else(|_| panic!("warnings only"));
    assert!(diags.to_text(pledgesite::messages::Lang::En).contains("site.yaml: warning: base_url's path is `/`, but GitHub Pages will serve this repository under `/yaksok/`"));
    // A user site (org.github.io) is served at the root.
    let diags = pledgesite::check_pages(&options, Some("daedeok/daedeok.github.io"))
        .unwrap_or_else(|_| panic!("warnings only"));
    assert!(!diags
        .to_text(pledgesite::messages::Lang::En)
        .contains("base_url's path"));
}

#[test]
fn script_links_are_published_without_their_address_and_reported() {
    let site = Fixture::new("minimal");
    site.write(
        "content/pledges/2-library/03-links.md",
        "---\ntitle: 링크\n---\n[눌러 보세요](javascript:alert(document.cookie))\n\n![그림](data:text/html,<script>x</script>)\n",
    );
    assert_eq!(
        problems(&site),
        [
            "warning content/pledges/2-library/03-links.md:4: the link `javascript:alert(document.cookie)` could run a script in the reader's browser, so it was published without its address",
            "warning content/pledges/2-library/03-links.md:6: the link `data:text/html,<script>x</script>` could run a script in the reader's browser, so it was published without its address",
        ]
    );
    site.build_ok();
    let page = site.output("pledges/2-library/index.html");
    assert!(!page.contains("javascript:") && !page.contains("data:text"));
    assert!(page.contains("<a href=\"\">눌러 보세요</a>"), "{page}");
    // The site owner may opt in, as for raw HTML.
    let config = std::fs::read_to_string(site.path("site.yaml")).unwrap();
    site.write(
        "site.yaml",
        format!("{config}markdown: {{ unsafe_html: true }}\n"),
    );
    site.build_ok();
    assert!(site
        .output("pledges/2-library/index.html")
        .contains("href=\"javascript:alert(document.cookie)\""));
}

/// Every file of the site dated an hour ago, as a site edited earlier is.
fn age(dir: &std::path::Path) {
    let past = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for entry in walkdir::WalkDir::new(dir).into_iter().flatten() {
        if entry.file_type().is_file() {
            let file = std::fs::File::options()
                .write(true)
                .open(entry.path())
                .unwrap();
            file.set_modified(past).unwrap();
        }
    }
}

/// `check` answers from the record of the last check that passed while no source changed,
/// and never once one did: an edit that breaks the site is an error at once.
#[test]
fn checks_record_is_used_only_while_nothing_changed() {
    let site = Fixture::new("minimal");
    age(site.root());
    let first = site.cli(&["check"]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let cache = site.root().parent().unwrap().join("cache");
    let records = || {
        std::fs::read_dir(&cache)
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with("check-"))
            .count()
    };
    assert_eq!(records(), 1, "the check that passed is recorded");
    // The record is what answers: a warning put in it is shown (the site was not read again).
    let record = std::fs::read_dir(&cache)
        .unwrap()
        .flatten()
        .find(|e| e.file_name().to_string_lossy().starts_with("check-"))
        .unwrap()
        .path();
    let mut kept: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&record).unwrap()).unwrap();
    kept["warnings"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({
            "path": "recorded.md", "line": 3, "column": 4,
            "message": "\u{1}lint.bold_unrendered", "hint": null
        }));
    std::fs::write(&record, kept.to_string()).unwrap();
    let again = site.cli(&["check"]);
    assert!(
        stderr(&again).contains("recorded.md:3:4: warning"),
        "{}",
        stderr(&again)
    );
    let river = "content/pledges/1-clean-river/index.md";
    let text = std::fs::read_to_string(site.path(river)).unwrap();
    site.write(river, text.replace("progress: 45.5", "progress: 145.5"));
    let broken = site.cli(&["check"]);
    assert_eq!(broken.status.code(), Some(1), "{}", stderr(&broken));
    assert!(stderr(&broken).contains("145.5"), "{}", stderr(&broken));
    // `quarter` refuses it too, whatever the record said before the edit.
    let quarter = site.cli(&["quarter", "2024-09-30"]);
    assert_eq!(quarter.status.code(), Some(1), "{}", stderr(&quarter));
}
