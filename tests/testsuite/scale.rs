//! Correctness at scale: a generated 1,000-pledge site (bench/gen_corpus.py, every data set
//! and chart) passes `check` and builds every page.

use crate::harness::repo_root;
use pledgesite::Options;

#[test]
fn a_generated_thousand_pledge_site_passes_check_and_builds() {
    let dir = tempfile::tempdir().unwrap();
    let status = std::process::Command::new("python3")
        .arg(repo_root().join("bench/gen_corpus.py"))
        .args(["1000"])
        .arg(dir.path())
        .output()
        .expect("python3 runs the corpus generator");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let root = dir.path().join("pledgesite");
    let report = pledgesite::build(&Options::new(&root)).unwrap_or_else(|e| match e {
        pledgesite::Error::Content(d) => panic!(
            "{}",
            d.to_text(pledgesite::messages::Lang::En)
                .lines()
                .take(20)
                .collect::<Vec<_>>()
                .join("\n")
        ),
        pledgesite::Error::Environment(e) => panic!("{e:#}"),
    });
    assert_eq!(report.site.pledges, 1000);
    assert!(
        report.site.warnings.0.is_empty(),
        "{}",
        report
            .site
            .warnings
            .to_text(pledgesite::messages::Lang::En)
            .lines()
            .take(10)
            .collect::<Vec<_>>()
            .join("\n")
    );
    // 1,000 pledge pages, home, 404, 8 area pages, the report of the site's date and the
    // report index.
    assert_eq!(report.site.pages, 1012);
    assert_eq!(report.site.charts, 1000 * 6 + 3);
}
