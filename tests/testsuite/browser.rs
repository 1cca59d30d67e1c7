//! Browser tests (tests/e2e, playwright-core with Debian's chromium). They need
//! `npm ci --prefix tests/e2e` and /usr/bin/chromium, which `.ci/run` installs. Without them
//! build.rs leaves `cfg(browser_tests)` unset and they are reported as ignored; under CI=true
//! they always run, and a missing browser fails them with what to install.

use crate::harness::{repo_root, Fixture};
use std::process::Command;

/// Fails with what to install when the browser or the npm packages are missing (a run under
/// CI=true, where these tests are never ignored).
fn require_browser() {
    let modules = repo_root().join("tests/e2e/node_modules/playwright-core");
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    assert!(
        modules.is_dir(),
        "browser tests need the npm packages of tests/e2e: run `npm ci --prefix tests/e2e` (see .ci/run)"
    );
    assert!(
        std::path::Path::new(&chromium).exists(),
        "browser tests need chromium at {chromium}: `apt-get install chromium` (see .ci/run), or set CHROMIUM"
    );
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The program under test, for the scripts that start it.
fn bin() -> (&'static str, String) {
    (
        "PLEDGESITE_BIN",
        env!("CARGO_BIN_EXE_pledgesite").to_string(),
    )
}

pub fn node(script: &str, envs: &[(&str, String)]) -> (bool, String) {
    let output = Command::new("node")
        .arg(repo_root().join("tests/e2e").join(script))
        .envs(envs.iter().map(|(k, v)| (*k, v.as_str())))
        .output()
        .expect("node runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), text)
}

#[test]
#[cfg_attr(
    not(browser_tests),
    ignore = "needs chromium and `npm ci --prefix tests/e2e`"
)]
fn serve_watch_reloads_the_open_page_shows_errors_and_recovers() {
    require_browser();
    let site = Fixture::example();
    let (ok, log) = node(
        "live-reload.mjs",
        &[
            bin(),
            ("SITE", site.root().display().to_string()),
            ("PORT", free_port().to_string()),
            ("PAGE", "/pledges/16-better-jobs/".into()),
            (
                "SECTION",
                "content/pledges/16-better-jobs/10-future.md".into(),
            ),
        ],
    );
    assert!(ok, "{log}");
    assert!(log.contains("live reload: ok"), "{log}");
    assert!(!site.path("public").exists(), "serve writes nothing");
}

#[test]
#[cfg_attr(
    not(browser_tests),
    ignore = "needs chromium and `npm ci --prefix tests/e2e`"
)]
fn a_reports_sheet_links_are_seen_download_and_are_not_printed() {
    require_browser();
    let site = Fixture::district();
    let (ok, log) = node(
        "report-sheet.mjs",
        &[
            bin(),
            ("SITE", site.root().display().to_string()),
            ("PORT", free_port().to_string()),
            ("REPORT", "/reports/2026-03-31/".into()),
        ],
    );
    assert!(ok, "{log}");
}

#[test]
#[cfg_attr(
    not(browser_tests),
    ignore = "needs chromium and `npm ci --prefix tests/e2e`"
)]
fn pages_pass_axe_and_the_nu_html_checker() {
    require_browser();
    let sites = [
        (Fixture::example(), "/,/pledges/16-better-jobs/,/areas/local-economy/,/404.html,/reports/2021-06-30/"),
        (Fixture::new("minimal"), "/,/pledges/1-clean-river/,/pledges/2-library/,/areas/environment/,/404.html"),
        // The whole term: trend, changes, history, sub-areas, report pages.
        (Fixture::new("term"), "/,/pledges/e-elderly/,/pledges/d-care/,/areas/economy/,/reports/,/reports/2025-03-31/,/reports/2025-09-30/"),
        // The 예시구 sample: codes, sub-areas, four quarterly reports.
        (Fixture::district(), "/,/pledges/i-1-1-youth-jobs/,/areas/economy/,/reports/,/reports/2026-03-31/"),
    ];
    for (site, pages) in sites {
        site.build_ok();
        let (ok, log) = node(
            "a11y.mjs",
            &[
                (
                    "PLEDGESITE_BIN",
                    env!("CARGO_BIN_EXE_pledgesite").to_string(),
                ),
                ("SITE", site.root().display().to_string()),
                ("PORT", free_port().to_string()),
                ("PAGES", pages.into()),
            ],
        );
        assert!(ok, "{log}");
        let vnu = repo_root().join("tests/e2e/node_modules/vnu-jar/build/dist/vnu.jar");
        let output = Command::new("java")
            .arg("-jar")
            .arg(&vnu)
            .args(["--errors-only", "--format", "gnu", "--skip-non-html"])
            .arg(site.path("public"))
            .output()
            .expect("java runs the Nu Html Checker");
        let errors = String::from_utf8_lossy(&output.stderr);
        assert!(
            output.status.success() && errors.trim().is_empty(),
            "HTML errors:\n{errors}"
        );
    }
}

/// Every page of both samples as a reader sees it at 320, 390 and 1280 px (tests/e2e/phones.mjs).
#[test]
#[cfg_attr(
    not(browser_tests),
    ignore = "needs chromium and `npm ci --prefix tests/e2e`"
)]
fn every_page_of_both_samples_reads_on_a_phone() {
    require_browser();
    for site in [Fixture::example(), Fixture::district()] {
        site.build_ok();
        reads_on_a_phone(&site);
    }
}

/// tests/e2e/phones.mjs on every page of `site`'s built folder, and its 404 page.
fn reads_on_a_phone(site: &Fixture) {
    let public = site.path("public");
    let mut pages: Vec<String> = walkdir::WalkDir::new(&public)
        .into_iter()
        .flatten()
        .filter(|e| e.file_name() == "index.html")
        .map(|e| {
            let dir = e.path().parent().unwrap().strip_prefix(&public).unwrap();
            let dir = dir.to_string_lossy().replace('\\', "/");
            if dir.is_empty() {
                "/".to_string()
            } else {
                format!("/{dir}/")
            }
        })
        .collect();
    pages.sort();
    pages.push("/404.html".into());
    assert!(pages.len() >= 5, "{pages:?}");
    let (ok, log) = node(
        "phones.mjs",
        &[
            ("SITE_DIR", public.display().to_string()),
            ("PAGES", pages.join(",")),
            ("PORT", free_port().to_string()),
        ],
    );
    assert!(ok, "{log}");
}

/// Lighthouse 12.2.3 (mobile) on home, a pledge and a report page of the 예시구 sample built
/// with its full address: 100 in performance, accessibility, best practices and SEO.
#[test]
#[cfg_attr(
    not(browser_tests),
    ignore = "needs chromium and `npm ci --prefix tests/e2e`"
)]
fn lighthouse_scores_100_on_the_district_sample() {
    require_browser();
    let site = Fixture::district();
    let port = free_port();
    let options = pledgesite::Options {
        base_url: Some(format!("http://127.0.0.1:{port}/")),
        ..pledgesite::Options::new(site.root())
    };
    pledgesite::build(&options).unwrap();
    let (ok, log) = node(
        "lighthouse.mjs",
        &[
            ("SITE_DIR", site.path("public").display().to_string()),
            (
                "PAGES",
                "/,/pledges/i-1-1-youth-jobs/,/reports/2026-03-31/".into(),
            ),
            ("PORT", port.to_string()),
        ],
    );
    assert!(ok, "{log}");
}

/// The update screen of `serve --watch` passes axe at 1280, 390 and 320 px, like every page.
#[test]
#[cfg_attr(
    not(browser_tests),
    ignore = "needs chromium and `npm ci --prefix tests/e2e`"
)]
fn the_update_screen_passes_axe() {
    require_browser();
    let site = Fixture::district();
    let (ok, log) = node(
        "a11y.mjs",
        &[
            bin(),
            ("SITE", site.root().display().to_string()),
            ("PORT", free_port().to_string()),
            ("PAGES", "/_update/".into()),
            ("WATCH", "1".into()),
        ],
    );
    assert!(ok, "{log}");
}

/// A whole quarter of the 예시구 sample through the update screen gives the same cards, data
/// and built site as the same quarter through `import` of the planning office's sheet.
#[test]
#[cfg_attr(
    not(browser_tests),
    ignore = "needs chromium and `npm ci --prefix tests/e2e`"
)]
fn a_quarter_through_the_update_screen_equals_one_through_import() {
    require_browser();
    // number, status, progress, reason: a raise, a 보류 with its reason, a drop with its
    // reason, a pledge done, another raise, a 보류 resumed (its old reason cleared).
    let changes = [
        ("I-①-2", "정상추진", "85", ""),
        ("II-②-1", "보류", "60", "부지 보상 지연"),
        ("III-②-1", "정상추진", "45", "사업 범위 조정으로 재산정"),
        ("IV-①-3", "완료", "100", ""),
        ("V-①-2", "정상추진", "60", ""),
        ("IV-②-2", "정상추진", "35", ""),
    ];
    let screen = Fixture::district();
    let json: Vec<[&str; 4]> = changes.iter().map(|c| [c.0, c.1, c.2, c.3]).collect();
    let (ok, log) = node(
        "update-quarter.mjs",
        &[
            bin(),
            ("SITE", screen.root().display().to_string()),
            ("PORT", free_port().to_string()),
            ("CHANGES", serde_json::to_string(&json).unwrap()),
        ],
    );
    assert!(ok, "{log}");

    let sheet = Fixture::district();
    let mut csv = String::from("관리번호,추진상태,추진율(%),비고\n");
    for (number, status, progress, reason) in changes {
        csv.push_str(&format!("{number},{status},{progress},{reason}\n"));
    }
    sheet.write("점검표.csv", csv);
    let path = sheet.path("점검표.csv");
    let import = sheet.cli_in(
        "ko",
        &["import", path.to_str().unwrap(), "--date", "2026-06-30"],
    );
    assert_eq!(
        import.status.code(),
        Some(0),
        "{}",
        crate::harness::stderr(&import)
    );
    sheet.remove("점검표.csv");
    let record = sheet.cli_in("ko", &["snapshot"]);
    assert_eq!(
        record.status.code(),
        Some(0),
        "{}",
        crate::harness::stderr(&record)
    );

    for folder in ["content", "data"] {
        assert_eq!(
            crate::harness::tree(&screen.path(folder)),
            crate::harness::tree(&sheet.path(folder)),
            "{folder}/ differs"
        );
    }
    screen.build_ok();
    sheet.build_ok();
    assert_eq!(
        crate::harness::tree(&screen.path("public")),
        crate::harness::tree(&sheet.path("public"))
    );
}

/// With `font:` (Pretendard GOV), every text of home, a pledge and a report page of the 예시구
/// sample is drawn with the published subset at 390 and 1280 px: no character the font has
/// falls back to a system font (tests/e2e/font.mjs asks chromium which font drew each text), and
/// every page still reads on a phone in it.
#[test]
#[cfg_attr(
    not(browser_tests),
    ignore = "needs chromium and `npm ci --prefix tests/e2e`"
)]
fn the_sites_own_font_draws_every_character_of_its_pages() {
    require_browser();
    let site = Fixture::district();
    crate::fonts::with_font(
        &site,
        "font:\n  regular: fonts/PretendardGOV-Regular.otf\n  bold: fonts/PretendardGOV-Bold.otf\n",
    );
    site.build_ok();
    let pages = crate::fonts::page_chars(&site);
    let source = std::fs::read(site.path("fonts/PretendardGOV-Regular.otf")).unwrap();
    let has = crate::fonts::covered(&source, &pages);
    let missing: String = pages.difference(&has).collect();
    assert!(
        missing.chars().count() < 5,
        "the fixture font lacks {missing}"
    );
    let (ok, log) = node(
        "font.mjs",
        &[
            ("SITE_DIR", site.path("public").display().to_string()),
            (
                "PAGES",
                "/,/pledges/i-1-1-youth-jobs/,/reports/2026-03-31/".into(),
            ),
            ("PORT", free_port().to_string()),
            ("FAMILY", "Pretendard GOV".into()),
            ("FACES", "PretendardGOV-Regular,PretendardGOV-Bold".into()),
            ("MISSING", missing),
        ],
    );
    assert!(ok, "{log}");
    reads_on_a_phone(&site);
}
