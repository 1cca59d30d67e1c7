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
        text.starts_with("built 8 pages (2 pledges), 10 charts, 32 files (32 written),"),
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

/// Runs the binary in `dir` with only `LANG` set, as a person types it (no `--lang`).
fn bare(dir: &std::path::Path, lang: &str, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_pledgesite"))
        .args(args)
        .current_dir(dir)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", lang)
        .output()
        .unwrap()
}

#[test]
fn help_and_the_parsers_errors_speak_the_sites_or_the_systems_language() {
    let empty = tempfile::tempdir().unwrap();
    // A Korean system: help and a mistyped command in Korean, with "did you mean".
    let help = bare(empty.path(), "ko_KR.UTF-8", &["--help"]);
    assert_eq!(help.status.code(), Some(0));
    let text = stdout(&help);
    assert!(
        text.contains("사용법: pledgesite") && text.contains("명령:"),
        "{text}"
    );
    assert!(
        text.contains("점검표") && !text.contains("Print help"),
        "{text}"
    );
    let typo = bare(empty.path(), "ko_KR.UTF-8", &["buidl"]);
    assert_eq!(typo.status.code(), Some(2));
    let err = stderr(&typo);
    assert!(
        err.starts_with("오류: `buidl`은(는) pledgesite의 명령이 아닙니다"),
        "{err}"
    );
    assert!(
        err.contains("혹시 `build`?") && err.contains("`pledgesite --help`"),
        "{err}"
    );
    let port = bare(
        empty.path(),
        "ko_KR.UTF-8",
        &["serve", "--port", "일일일일"],
    );
    assert_eq!(port.status.code(), Some(2));
    assert!(stderr(&port).contains("`--port <PORT>`의 값 `일일일일`을(를) 읽을 수 없습니다"));
    // An English system: clap's own English.
    let typo = bare(empty.path(), "en_US.UTF-8", &["buidl"]);
    assert!(stderr(&typo).contains("unrecognized subcommand 'buidl'"));
    // A Korean site on an English system: the site's language wins, `--lang` over both.
    let site = Fixture::new("minimal");
    let config = std::fs::read_to_string(site.path("site.yaml")).unwrap();
    site.write("site.yaml", format!("{config}\nlanguage: ko # 한국어\n"));
    let help = bare(site.root(), "en_US.UTF-8", &["import", "--help"]);
    assert!(
        stdout(&help).contains("--dry-run") && stdout(&help).contains("아무것도 쓰지 않습니다")
    );
    let help = bare(
        site.root(),
        "ko_KR.UTF-8",
        &["--lang", "en", "quarter", "--help"],
    );
    assert!(
        stdout(&help).contains("The new reporting date"),
        "{}",
        stdout(&help)
    );
}

#[test]
fn an_invisible_space_is_shown_and_named_and_a_backslash_path_gets_a_slash() {
    let site = Fixture::new("minimal");
    let text = std::fs::read_to_string(site.path(RIVER)).unwrap();
    site.write(
        RIVER,
        text.replace("department: 환경과", "department:\u{a0}환경과"),
    );
    let background = "content/pledges/1-clean-river/01-background.md";
    let text = std::fs::read_to_string(site.path(background)).unwrap();
    site.write(background, format!("{text}\n![하천](images\\river.png)\n"));
    site.write("content/pledges/1-clean-river/images/river.png", b"png");
    let err = stderr(&site.cli_in("ko", &["check"]));
    assert!(err.contains(" 5 | department:[U+00A0]환경과"), "{err}");
    assert!(
        err.contains("참고: 이 줄의 `[U+00A0]`은(는) 보이지 않는 특수 공백입니다"),
        "{err}"
    );
    // The card is fixed; the image's path is the one left.
    site.write(RIVER, text_of(&site, RIVER).replace('\u{a0}', " "));
    let err = stderr(&site.cli_in("ko", &["check"]));
    assert!(
        err.contains(
            "`\\`가 아니라 `/`로 나눕니다(윈도의 파일 경로와 다릅니다): `images/river.png`"
        ),
        "{err}"
    );
}

fn text_of(site: &Fixture, rel: &str) -> String {
    std::fs::read_to_string(site.path(rel)).unwrap()
}

#[test]
fn a_crowd_of_one_warning_is_cut_short_and_check_all_lists_it() {
    let site = Fixture::new("minimal");
    let background = "content/pledges/1-clean-river/01-background.md";
    let dates: String = (1..=30)
        .map(|d| format!("\n정비 ‘21. 6. {d}. 완료\n"))
        .collect();
    site.write(background, format!("{}{dates}", text_of(&site, background)));
    let count = |err: &str| err.matches("경고[lint.old_date]:").count();
    let err = stderr(&site.cli_in("ko", &["check"]));
    assert_eq!(count(&err), 5, "{err}");
    assert!(
        err.contains("경고[lint.old_date] 30건 가운데 처음 5건만 보였습니다(나머지 25건). 모두 보려면 `pledgesite check --all`"),
        "{err}"
    );
    let build = stderr(&site.cli_in("ko", &["build"]));
    assert_eq!(count(&build), 5, "{build}");
    let all = site.cli_in("ko", &["check", "--all"]);
    assert_eq!(all.status.code(), Some(0));
    assert_eq!(count(&stderr(&all)), 30);
    assert!(stdout(&all).contains("경고 30건"), "{}", stdout(&all));
}
