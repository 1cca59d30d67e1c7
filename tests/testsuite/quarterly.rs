//! `pledgesite snapshot` and `init --sample district`: recording a quarter from the cards, and
//! the fictional district that shows every feature of a whole term.

use crate::harness::{stderr, stdout, Fixture};
use crate::term::text;
use pledgesite::Options;

#[test]
fn snapshot_records_the_cards_once_and_check_accepts_it() {
    let site = Fixture::new("term");
    site.write(
        "content/_index.md",
        "---\ntitle: 시험구\nas_of: 2025-12-31\n---\n",
    );
    let out = site.cli(&["snapshot"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("recorded data/snapshots/2025-12-31.csv with 6 pledges"));
    let csv = std::fs::read_to_string(site.path("data/snapshots/2025-12-31.csv")).unwrap();
    assert!(csv.starts_with("\u{feff}번호,상태,추진율,비고\n"), "{csv}");
    assert!(
        csv.contains("II-1,통폐합,30,창업 지원 공약에 통합\n"),
        "{csv}"
    );
    let again = site.cli(&["snapshot"]);
    assert_eq!(again.status.code(), Some(2));
    // No hint suggests overwriting a published report.
    assert!(!stderr(&again).contains("--force"), "{}", stderr(&again));
    assert!(
        stderr(&again).contains("pledgesite quarter"),
        "{}",
        stderr(&again)
    );
    let forced = site.cli(&["snapshot", "--force"]);
    assert_eq!(forced.status.code(), Some(0), "{}", stderr(&forced));
    assert!(stdout(&forced).starts_with("replaced"));
    // The cards lag the new date (a warning), but the record itself is valid.
    let check = site.cli(&["check"]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
}

#[test]
fn snapshot_refuses_a_site_with_errors() {
    let site = Fixture::new("term");
    site.write(
        "data/snapshots/2025-06-30.csv",
        "번호,상태,추진율\nII-2,진행중,40\n",
    );
    let out = site.cli(&["snapshot"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("no snapshot was written"),
        "{}",
        stderr(&out)
    );
    assert!(!site.path("data/snapshots/2025-09-30.csv").exists());
}

#[test]
fn the_sample_district_builds_clean_with_every_feature() {
    let site = crate::harness::Fixture::district();
    let root = site.root().to_path_buf();
    let report = pledgesite::build(&Options::new(&root)).unwrap();
    assert!(
        report.site.warnings.0.is_empty(),
        "{}",
        report.site.warnings.to_text(pledgesite::messages::Lang::En)
    );
    assert!(report.site.pledges >= 28);
    let home = text(&std::fs::read_to_string(root.join("public/index.html")).unwrap());
    // Figures of the cards (2026-03-31), counted without 통폐합 and 공약 제외.
    assert!(home.contains("완료율 46.4%"), "{home}");
    assert!(home.contains("평균 추진율 80.9%"), "{home}");
    for date in [
        "2025-03-31",
        "2025-06-30",
        "2025-09-30",
        "2025-12-31",
        "2026-03-31",
    ] {
        assert!(root
            .join(format!("public/reports/{date}/index.html"))
            .is_file());
    }
}
