//! The real binary on broken input: exit codes, `path:line:column: error:` messages with hints,
//! every problem reported together, and nothing written or deleted.

use crate::harness::{stderr, stdout, tree, Fixture};

const RIVER: &str = "content/pledges/1-clean-river/index.md";

/// Builds with the CLI, expects exit code 1, returns stderr.
fn build_fails(site: &Fixture) -> String {
    let out = site.cli(&["build"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "stderr:\n{err}");
    assert!(err.contains("nothing was written"), "{err}");
    assert!(
        !err.contains("panicked") && !err.contains("RUST_BACKTRACE"),
        "{err}"
    );
    err
}

#[test]
fn build_prints_a_summary_and_exits_0() {
    let site = Fixture::new("minimal");
    let out = site.cli(&["build"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with("built 8 pages (2 pledges), 10 charts, 31 files (31 written),"),
        "{text}"
    );
    assert!(text.contains(" ms → "), "{text}");
}

#[test]
fn check_writes_nothing() {
    let site = Fixture::new("minimal");
    let out = site.cli(&["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("check passed: 0 errors"));
    assert!(!site.path("public").exists());
}

#[test]
fn yaml_errors_name_the_markdown_files_line() {
    let site = Fixture::new("minimal");
    // `progress` is on line 11 of the file (line 10 of the YAML block).
    let text = std::fs::read_to_string(site.path(RIVER)).unwrap();
    site.write(RIVER, text.replace("progress: 45.5", "progress: 많이"));
    let err = build_fails(&site);
    assert!(err.contains(&format!("{RIVER}:11:")), "{err}");
    assert!(err.contains("progress"), "names the field: {err}");
    assert!(err.contains("hint:"), "{err}");
}

#[test]
fn unknown_status_lists_the_valid_values() {
    let site = Fixture::new("minimal");
    let text = std::fs::read_to_string(site.path(RIVER)).unwrap();
    site.write(RIVER, text.replace("status: 정상 추진", "status: 진행중"));
    let err = build_fails(&site);
    assert!(err.contains(&format!("{RIVER}:10:")), "{err}");
    assert!(
        err.contains(
            ":10:9: error: `status:` value `진행중` is not a status; did you mean `정상추진`?"
        ),
        "{err}"
    );
    assert!(err.contains("`이행후 계속추진` (`continuing`)"), "{err}");
    // The same in Korean, as a Korean site's staff read it.
    let ko = crate::harness::stderr(&site.cli_in("ko", &["build"]));
    assert!(ko.contains(":10:9: 오류:"), "{ko}");
    assert!(ko.contains("`정상추진`"), "{ko}");
    assert!(ko.contains("실패: 오류 1건"), "{ko}");
}

#[test]
fn misspelt_fields_and_unclosed_front_matter() {
    let site = Fixture::new("minimal");
    let text = std::fs::read_to_string(site.path(RIVER)).unwrap();
    site.write(RIVER, text.replace("department:", "departmant:"));
    site.write(
        "content/pledges/2-library/01-plan.md",
        "---\ntitle: 목표\n\n본문\n",
    );
    let err = build_fails(&site);
    assert!(err.contains(&format!("{RIVER}:5:")), "{err}");
    assert!(err.contains("unknown field `departmant`"), "{err}");
    assert!(
        err.contains("content/pledges/2-library/01-plan.md:1:1: error: front matter is not closed"),
        "{err}"
    );
    assert!(
        err.contains("failed: 2 errors"),
        "all problems of the run together: {err}"
    );
}

#[test]
fn empty_files_and_missing_index() {
    let site = Fixture::new("minimal");
    site.write("content/pledges/1-clean-river/03-empty.md", "");
    site.remove("content/pledges/2-library/index.md");
    let err = build_fails(&site);
    assert!(
        err.contains("03-empty.md:1:1: error: missing front matter"),
        "{err}"
    );
    assert!(err.contains("the file is empty"), "{err}");
    assert!(
        err.contains("content/pledges/2-library: error: pledge folder has no index.md"),
        "{err}"
    );
}

#[test]
fn ragged_csv_rows_name_the_line() {
    let site = Fixture::new("minimal");
    site.write(
        "content/pledges/1-clean-river/budget.csv",
        "구분,계,2023\n계,10,10\n국비,10\n",
    );
    let err = build_fails(&site);
    assert!(
        err.contains("content/pledges/1-clean-river/budget.csv:3:1: error: row 3 has 2 cells but the first line names 3 columns: the cell for `2023` is missing"),
        "{err}"
    );
}

#[test]
fn table_blocks_must_name_existing_data() {
    let site = Fixture::new("minimal");
    site.write(
        "content/pledges/2-library/02-more.md",
        "---\ntitle: 더\n---\n문단\n\n```table\nbudgte\n```\n\n```table\nbudget\n```\n",
    );
    let err = build_fails(&site);
    assert!(
        err.contains("02-more.md:6:1: error: unknown data set `budgte`"),
        "{err}"
    );
    assert!(err.contains("02-more.md:10:1: error: ```table block names `budget`, but this pledge has no budget data"), "{err}");
}

#[test]
fn template_errors_name_the_template_file_and_line() {
    let site = Fixture::new("minimal");
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}\n{% block content %}\n{{ pgae.title }}\n{% endblock %}\n",
    );
    let err = build_fails(&site);
    assert!(
        err.contains("templates/404.html:3:1: error: template error: undefined value"),
        "{err}"
    );

    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}\n{% block content %}\n{% if %}\n",
    );
    let err = build_fails(&site);
    assert!(
        err.contains("templates/404.html:3:1: error: template error: syntax error"),
        "{err}"
    );
}

#[test]
fn euc_kr_files_are_named_with_a_conversion_hint() {
    let site = Fixture::new("minimal");
    // "---\ntitle: 공약\n---\n" with 공약 in EUC-KR.
    site.write(
        "content/pledges/1-clean-river/03-old.md",
        b"---\ntitle: \xb0\xf8\xbe\xe0\n---\n",
    );
    let err = build_fails(&site);
    assert!(
        err.contains("03-old.md:2:1: error: file is not UTF-8 text; it looks like EUC-KR/CP949"),
        "{err}"
    );
    // Windows has no iconv: the hint is Notepad's Save As.
    assert!(
        err.contains("open it in Notepad, choose File > Save As, set Encoding to UTF-8"),
        "{err}"
    );
}

#[test]
fn a_failed_build_leaves_the_previous_site_untouched() {
    let site = Fixture::new("minimal");
    assert_eq!(site.cli(&["build"]).status.code(), Some(0));
    let before = tree(&site.path("public"));
    site.write(RIVER, "---\nnumber: [\n---\n");
    build_fails(&site);
    assert_eq!(tree(&site.path("public")), before);
}

#[test]
fn a_build_failing_after_its_pages_were_written_leaves_no_trace() {
    // Pages are written as they render; a broken link is found only after all of them were.
    let site = Fixture::new("minimal");
    let plan = "content/pledges/2-library/01-plan.md";
    let good = std::fs::read_to_string(site.path(plan)).unwrap();
    let broken = good.replace("목표는 아래와", "[없는 쪽](../nowhere/) 목표는 아래와");
    site.write(plan, &broken);
    assert!(build_fails(&site).contains("broken link"));
    let left: Vec<String> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("public"))
        .collect();
    assert!(left.is_empty(), "no output and no staging folder: {left:?}");

    site.write(plan, &good);
    assert_eq!(site.cli(&["build"]).status.code(), Some(0));
    let before = tree(&site.path("public"));
    site.write(plan, &broken);
    build_fails(&site);
    assert_eq!(
        tree(&site.path("public")),
        before,
        "no file changed or left aside"
    );
}

#[test]
fn unsafe_output_folders_are_refused_and_nothing_is_deleted() {
    let site = Fixture::new("minimal");
    let before = tree(site.root());
    let root = site.root().to_string_lossy().into_owned();
    let parent = site.root().parent().unwrap().to_string_lossy().into_owned();
    let content = site.path("content").to_string_lossy().into_owned();
    let themes = site.path("themes/default/x").to_string_lossy().into_owned();
    for (dir, why) in [
        (root.as_str(), "own root folder"),
        (parent.as_str(), "contains the site itself"),
        (content.as_str(), "overlaps the source folder `content`"),
        (themes.as_str(), "overlaps the source folder `themes`"),
    ] {
        let out = site.cli(&["build", "--output-dir", dir]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{dir}: {err}");
        assert!(err.contains(why), "{dir}: {err}");
    }
    // A folder of the user's that pledgesite did not make.
    site.write("docs/notes.txt", "내 메모");
    let docs = site.path("docs").to_string_lossy().into_owned();
    let out = site.cli(&["build", "--output-dir", &docs]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not made by pledgesite"));
    assert_eq!(
        std::fs::read_to_string(site.path("docs/notes.txt")).unwrap(),
        "내 메모"
    );
    let mut after = tree(site.root());
    after.retain(|(p, _)| p != "docs/notes.txt");
    assert_eq!(after, before);
}

#[test]
fn usage_errors_exit_2() {
    let site = Fixture::new("minimal");
    let out = site.cli(&["build", "--no-such-flag"]);
    assert_eq!(out.status.code(), Some(2));
    site.remove("site.yaml");
    let out = site.cli(&["build"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no site.yaml"), "{}", stderr(&out));
}

#[test]
fn check_json_output_for_ci_tools() {
    let site = Fixture::new("minimal");
    let text = std::fs::read_to_string(site.path(RIVER)).unwrap();
    site.write(RIVER, text.replace("progress: 45.5", "progress: 145"));
    let out = site.cli(&["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json[0]["path"], RIVER);
    assert_eq!(json[0]["line"], 11);
    assert_eq!(json[0]["severity"], "error");
    assert!(json[0]["message"]
        .as_str()
        .unwrap()
        .contains("outside 0–100"));
}

#[test]
fn serve_reports_a_port_in_use() {
    let site = Fixture::new("minimal");
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let out = site.cli(&["serve", "--port", &port]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("the port is in use"),
        "{}",
        stderr(&out)
    );
    assert!(!site.path("public").exists());
}
