//! `init` and `new pledge`: the results build and pass check; nothing is overwritten; the
//! GitHub Pages workflows are valid YAML with the official actions; the embedded theme is the
//! theme folder.

use crate::harness::{repo_root, stderr, tree};
use pledgesite::{Error, Options};
use std::path::Path;
use std::process::Command;

fn cli(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_pledgesite"))
        .args(args)
        .args(["--lang", "en"])
        .output()
        .unwrap()
}

/// `check` passes with no warning but the placeholder text `init` and `new pledge` write
/// (which must be there: it is what people replace), and `check --pages` refuses that text.
fn check_is_clean(root: &Path) {
    match pledgesite::check(&Options::new(root)) {
        Ok(warnings) => {
            let others: Vec<String> = warnings
                .0
                .iter()
                .filter(|d| d.message.key() != "stub.left")
                .map(|d| d.to_string())
                .collect();
            assert!(others.is_empty(), "{}", others.join("\n"));
            assert!(
                warnings.0.len() >= 3,
                "the stubs are not reported: {warnings}"
            );
        }
        Err(Error::Content(d)) => panic!("{d}"),
        Err(Error::Environment(e)) => panic!("{e:#}"),
    }
    match pledgesite::check_pages(&Options::new(root), Some("org/site")) {
        Err(Error::Content(d)) => assert!(
            d.0.iter()
                .any(|d| d.is_error() && d.message.key() == "stub.left"),
            "{d}"
        ),
        other => panic!(
            "check --pages passed a site with placeholder text: {:?}",
            other.err()
        ),
    }
}

#[test]
fn init_makes_a_site_that_builds_and_passes_check() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("우리구");
    let out = cli(&["init", site.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    check_is_clean(&site);
    let report = pledgesite::build(&Options::new(&site)).unwrap_or_else(|_| panic!("builds"));
    assert_eq!(report.site.pledges, 1);
    let page = std::fs::read_to_string(site.join("public/pledges/1-sample/index.html")).unwrap();
    for section in [
        "추진배경",
        "사업내용",
        "현황과 문제점",
        "연차별 추진계획 및 일정",
        "소요 사업비 및 재정현황",
        "관련조례",
        "주요성과와 성공요인",
        "벤치마킹 및 언론홍보 실적",
        "향후계획",
    ] {
        assert!(page.contains(section), "{section}");
    }
    // A second init into the same folder changes nothing.
    let before = tree(&site);
    let out = cli(&["init", site.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("already exists"));
    assert_eq!(tree(&site), before);
}

#[test]
fn new_pledge_adds_the_next_number_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    assert_eq!(
        cli(&["init", site.to_str().unwrap()]).status.code(),
        Some(0)
    );
    let root = site.to_str().unwrap();
    let out = cli(&["new", "pledge", "2-clean-river", "--root", root]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let card =
        std::fs::read_to_string(site.join("content/pledges/2-clean-river/index.md")).unwrap();
    assert!(card.contains("number: 2 "), "{card}");
    assert!(
        card.contains("(pledge card)") && card.contains("공약 카드"),
        "commented in Korean and English"
    );
    check_is_clean(&site);
    let out = cli(&["new", "pledge", "2-clean-river", "--root", root]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("already exists"));
    let out = cli(&["new", "pledge", "맑은 하천", "--root", root]);
    assert_eq!(out.status.code(), Some(2), "spaces cannot be in a URL");
}

#[test]
fn pages_workflows_are_valid_least_privileged_and_pinned() {
    let repo = "example-org/pledgesite-fork";
    for (workflow, installs) in [
        (pledgesite::scaffold::pages_workflow(repo), true),
        (
            std::fs::read_to_string(repo_root().join(".github/workflows/pages.yml")).unwrap(),
            false,
        ),
    ] {
        let yaml: serde_json::Value =
            pledgesite::yaml::parse(&workflow, Path::new("pages.yml"), 0).unwrap();
        assert_eq!(
            yaml["permissions"],
            serde_json::json!({}),
            "nothing at workflow level"
        );
        assert_eq!(yaml["jobs"]["build"]["permissions"]["contents"], "read");
        assert_eq!(yaml["jobs"]["deploy"]["permissions"]["pages"], "write");
        assert_eq!(yaml["jobs"]["deploy"]["permissions"]["id-token"], "write");
        assert_eq!(yaml["concurrency"]["group"], "pages");
        let steps = yaml["jobs"]["build"]["steps"].as_array().unwrap();
        let uses: Vec<&str> = steps.iter().filter_map(|s| s["uses"].as_str()).collect();
        for action in [
            "actions/checkout@",
            "actions/configure-pages@",
            "actions/upload-pages-artifact@",
        ] {
            let pinned = uses.iter().find(|u| u.starts_with(action)).unwrap();
            let sha = pinned.split_once('@').unwrap().1;
            assert!(
                sha.len() == 40 && sha.chars().all(|c| c.is_ascii_hexdigit()),
                "{pinned} pinned to a commit"
            );
        }
        assert_eq!(steps[0]["with"]["persist-credentials"], false);
        // No ${{ }} inside run: (template injection); values come in through env.
        assert!(steps
            .iter()
            .filter_map(|s| s["run"].as_str())
            .all(|r| !r.contains("${{")));
        let build = steps
            .iter()
            .find(|s| {
                s["run"]
                    .as_str()
                    .is_some_and(|r| r.contains(" build --base-url"))
            })
            .unwrap();
        assert_eq!(
            build["env"]["BASE_URL"],
            "${{ steps.pages.outputs.base_url }}"
        );
        let upload = steps
            .iter()
            .find(|s| {
                s["uses"]
                    .as_str()
                    .is_some_and(|u| u.starts_with("actions/upload-pages-artifact"))
            })
            .unwrap();
        assert_eq!(upload["with"]["include-hidden-files"], true);
        let deploy = yaml["jobs"]["deploy"]["steps"][0]["uses"].as_str().unwrap();
        assert!(deploy.starts_with("actions/deploy-pages@"));
        // The site's workflow installs a release instead of compiling.
        let version = env!("CARGO_PKG_VERSION");
        assert_eq!(
            uses.contains(&format!("{repo}@v{version}").as_str()),
            installs,
            "{uses:?}"
        );
        assert_eq!(workflow.contains("cargo "), !installs);
    }
    assert!(pledgesite::scaffold::check_repo("not a repo").is_err());
    assert!(pledgesite::scaffold::check_repo("owner/name; rm -rf /").is_err());
}

#[test]
fn the_embedded_theme_is_the_theme_folder() {
    let on_disk: Vec<(String, Vec<u8>)> = tree(&repo_root().join("themes/default"));
    let embedded: Vec<(String, Vec<u8>)> = pledgesite::scaffold::THEME
        .iter()
        .map(|(p, t)| (p.to_string(), t.as_bytes().to_vec()))
        .collect();
    assert_eq!(embedded, on_disk, "update the list in src/scaffold/mod.rs");
}
