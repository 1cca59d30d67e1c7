//! A build with nothing to do is not done again (like `make`): the last build's record in the
//! cache folder says so, and any change to a source, an option or the output makes the next
//! build run in full. A build into a new folder keeps no record; the next one into it does.

use crate::harness::*;
use pledgesite::{BuildReport, Options};
use std::time::{Duration, SystemTime};

/// Sets every file of the site `ago` into the past: a build refuses to record sources that
/// changed in the last two seconds (it may have read them before or after the change).
fn age(site: &Fixture, ago: u64) {
    let time = SystemTime::now() - Duration::from_secs(ago);
    for entry in walkdir::WalkDir::new(site.root()).into_iter().flatten() {
        if entry.file_type().is_file() {
            let file = std::fs::File::options()
                .write(true)
                .open(entry.path())
                .unwrap();
            file.set_modified(time).unwrap();
        }
    }
}

fn build(site: &Fixture, cache: &std::path::Path, base_url: Option<&str>) -> BuildReport {
    let options = Options {
        cache_dir: Some(cache.to_path_buf()),
        base_url: base_url.map(str::to_string),
        ..Options::new(site.root())
    };
    pledgesite::build(&options).unwrap()
}

#[test]
fn an_unchanged_site_is_not_built_again_and_any_change_is() {
    let site = Fixture::new("minimal");
    // A warning, which the skipped build must still report.
    let section = "content/pledges/2-library/01-plan.md";
    let text = std::fs::read_to_string(site.path(section)).unwrap();
    site.write(section, format!("{text}\n**굵게 **안 됨\n"));
    age(&site, 3600);
    let cache = tempfile::tempdir().unwrap();
    let first = build(&site, cache.path(), None);
    assert!(!first.up_to_date && first.written > 0);
    assert_eq!(
        first.site.warnings.warning_count(),
        1,
        "{}",
        first.site.warnings
    );
    let files = tree(&site.path("public"));
    // The first build into a new folder keeps no record (a CI run never builds twice): the
    // second one does.
    let second = build(&site, cache.path(), None);
    assert!(!second.up_to_date && second.written == 0);

    let again = build(&site, cache.path(), None);
    assert!(
        again.up_to_date,
        "{}",
        again.summary().render(pledgesite::messages::Lang::En)
    );
    assert_eq!(
        again.site.warnings.to_text(pledgesite::messages::Lang::En),
        first.site.warnings.to_text(pledgesite::messages::Lang::En)
    );
    assert_eq!(
        (again.site.pages, again.site.files, again.bytes),
        (first.site.pages, first.site.files, first.bytes)
    );
    assert_eq!(tree(&site.path("public")), files);

    // A source edited (even to the same size): built in full, and the page shows it.
    site.write(section, format!("{text}\n**굵게 **안 돼\n"));
    age(&site, 3000);
    let edited = build(&site, cache.path(), None);
    assert!(!edited.up_to_date);
    assert!(site
        .output("pledges/2-library/index.html")
        .contains("안 돼"));
    assert!(build(&site, cache.path(), None).up_to_date);

    // An output file deleted or changed by hand: built again, and put back.
    site.remove("public/pledges/2-library/index.html");
    assert!(!build(&site, cache.path(), None).up_to_date);
    let page = site.output("pledges/2-library/index.html");
    std::fs::write(site.path("public/pledges/2-library/index.html"), "mine").unwrap();
    assert!(!build(&site, cache.path(), None).up_to_date);
    assert_eq!(site.output("pledges/2-library/index.html"), page);
    // A file added to the output: the build removes it, as a full build does.
    std::fs::write(site.path("public/extra.html"), "mine").unwrap();
    assert!(!build(&site, cache.path(), None).up_to_date);
    assert!(!site.path("public/extra.html").exists());

    // Another option: built in full.
    assert!(build(&site, cache.path(), None).up_to_date);
    assert!(!build(&site, cache.path(), Some("https://example.org/sub/")).up_to_date);
    assert!(site.output("index.html").contains("/sub/"));

    // A damaged record is no record.
    build(&site, cache.path(), None);
    for entry in std::fs::read_dir(cache.path()).unwrap().flatten() {
        if entry.file_name().to_string_lossy().starts_with("build-") {
            std::fs::write(entry.path(), "{").unwrap();
        }
    }
    assert!(!build(&site, cache.path(), None).up_to_date);
}

/// A source changed in the two seconds before a build may have been read before or after the
/// change: that build is not recorded, so the next one runs in full.
#[test]
fn a_build_right_after_an_edit_is_not_recorded() {
    let site = Fixture::new("minimal");
    let cache = tempfile::tempdir().unwrap();
    build(&site, cache.path(), None);
    assert!(!build(&site, cache.path(), None).up_to_date);
    age(&site, 3600);
    build(&site, cache.path(), None);
    assert!(build(&site, cache.path(), None).up_to_date);
}

/// What the command line says when nothing was done.
#[test]
fn the_command_says_nothing_changed() {
    let site = Fixture::new("minimal");
    age(&site, 3600);
    for _ in 0..2 {
        let output = site.cli_in("ko", &["build"]);
        assert!(output.status.success(), "{}", stderr(&output));
    }
    let again = site.cli_in("ko", &["build"]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert!(
        stdout(&again).contains("바뀐 파일이 없어"),
        "{}",
        stdout(&again)
    );
}
