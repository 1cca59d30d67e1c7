//! Incremental rebuilds (what `serve --watch` does after a change) must give exactly the site
//! a fresh build gives, and the site `serve` keeps in memory must be the one `build` streams.

use crate::harness::Fixture;
use pledgesite::output::{Contents, OutputFile};
use pledgesite::session::Session;
use pledgesite::Options;

fn snapshot(files: &[OutputFile]) -> Vec<(String, Vec<u8>)> {
    files
        .iter()
        .map(|f| {
            let bytes = match &f.contents {
                Contents::Bytes(b) => b.to_vec(),
                Contents::Copy(p) => std::fs::read(p).unwrap(),
            };
            (f.path.clone(), bytes)
        })
        .collect()
}

/// The incremental site equals a fresh build, and both built (`ok`) or both failed with the
/// same problems (`!ok`): two equal failures must not pass for a working rebuild.
fn same_as_fresh(site: &Fixture, session: &Session) {
    same_outcome_as_fresh(site, session, true)
}

fn same_outcome_as_fresh(site: &Fixture, session: &Session, ok: bool) {
    let options = Options::new(site.root());
    // The streaming render `build` and `check` use.
    let fresh = pledgesite::render_site(&options);
    let incremental = session.rendered();
    match (fresh, incremental) {
        (Ok(a), Ok(b)) if ok => {
            let (a, b) = (snapshot(&a.files), snapshot(&b.files));
            let paths = |s: &[(String, Vec<u8>)]| s.iter().map(|f| f.0.clone()).collect::<Vec<_>>();
            assert_eq!(paths(&a), paths(&b));
            for (x, y) in a.iter().zip(&b) {
                assert!(x.1 == y.1, "{} differs after an incremental rebuild", x.0);
            }
        }
        (Err(pledgesite::Error::Content(a)), Err(pledgesite::Error::Content(b))) if !ok => {
            assert!(a.has_errors());
            assert_eq!(
                a.to_text(pledgesite::messages::Lang::En),
                b.to_text(pledgesite::messages::Lang::En)
            )
        }
        (a, b) => panic!(
            "expected both to {}: fresh build ok={}, incremental ok={}",
            if ok { "build" } else { "fail" },
            a.is_ok(),
            b.is_ok()
        ),
    }
}

#[test]
fn the_site_serve_keeps_is_the_site_build_writes() {
    let site = Fixture::example();
    same_as_fresh(&site, &Session::open(&Options::new(site.root())).unwrap());
}

#[test]
fn every_kind_of_change_rebuilds_like_a_fresh_build() {
    let site = Fixture::new("minimal");
    let mut session = Session::open(&Options::new(site.root())).unwrap();
    let river = "content/pledges/1-clean-river";
    let mut change_to = |site: &Fixture, rel: &str, text: Option<&str>, ok: bool| {
        match text {
            Some(t) => site.write(rel, t),
            None => site.remove(rel),
        }
        session.update(&[site.path(rel)]).unwrap();
        same_outcome_as_fresh(site, &session, ok);
    };
    // Edit a section, the card (new area: every page's navigation changes), data, the home page.
    change_to(
        &site,
        &format!("{river}/01-background.md"),
        Some("---\ntitle: 추진배경\n---\n## 하천 현황\n바뀐 본문\n"),
        true,
    );
    let card = std::fs::read_to_string(site.path(&format!("{river}/index.md"))).unwrap();
    change_to(
        &site,
        &format!("{river}/index.md"),
        Some(&card.replace("area: 환경", "area: 안전")),
        true,
    );
    change_to(&site, &format!("{river}/budget.csv"), Some("구분,계,2023,2024,집행액\n계,1200,600,600,300\n국비,800,400,400,200\n구비,400,200,200,100\n"), true);
    change_to(
        &site,
        "content/_index.md",
        Some("---\ntitle: 새 제목\n---\n본문\n"),
        true,
    );
    // Break a file, then fix it.
    change_to(
        &site,
        &format!("{river}/01-background.md"),
        Some("---\ntitle: [\n---\n"),
        false,
    );
    change_to(
        &site,
        &format!("{river}/01-background.md"),
        Some("---\ntitle: 고침\n---\n## 하천 현황\n"),
        true,
    );
    // A link into another pledge's page, then that page's heading renamed (only its text
    // changed: the pages listing every pledge are kept) and back: the link check follows.
    let plan = "content/pledges/2-library/01-plan.md";
    let plan_text = std::fs::read_to_string(site.path(plan)).unwrap();
    let link = format!("{plan_text}\n[하천](../1-clean-river/#하천-현황)\n");
    change_to(&site, plan, Some(&link), true);
    let background = format!("{river}/01-background.md");
    let heading = |h: &str| format!("---\ntitle: 고침\n---\n## {h}\n");
    change_to(&site, &background, Some(&heading("하천 상황")), false);
    change_to(&site, &background, Some(&heading("하천 현황")), true);
    // Add a pledge, then remove one.
    crate::harness::copy_tree(
        &site.path("content/pledges/2-library"),
        &site.path("content/pledges/3-copy"),
    );
    let copy = std::fs::read_to_string(site.path("content/pledges/3-copy/index.md")).unwrap();
    site.write(
        "content/pledges/3-copy/index.md",
        copy.replace("number: 2", "number: 3"),
    );
    session
        .update(&[site.path("content/pledges/3-copy")])
        .unwrap();
    same_as_fresh(&site, &session);
    site.remove("content/pledges/2-library");
    session
        .update(&[site.path("content/pledges/2-library")])
        .unwrap();
    same_as_fresh(&site, &session);
    // A template change re-opens everything.
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block content %}없음{% endblock %}",
    );
    session.update(&[site.path("templates/404.html")]).unwrap();
    same_as_fresh(&site, &session);
}

#[test]
fn a_warning_turned_off_in_its_file_stays_off_through_rebuilds() {
    let site = Fixture::new("minimal");
    let mut session = Session::open(&Options::new(site.root())).unwrap();
    let background = "content/pledges/1-clean-river/01-background.md";
    let codes = |session: &Session| -> Vec<String> {
        let rendered = session.rendered().unwrap();
        let warnings = rendered.warnings.0.iter();
        let ours = warnings.filter(|d| d.path.ends_with("01-background.md"));
        ours.map(|d| d.message.key().to_string()).collect()
    };
    let mut edit = |text: &str| {
        site.write(background, text);
        session.update(&[site.path(background)]).unwrap();
        let fresh = pledgesite::render_site(&Options::new(site.root())).unwrap();
        let fresh: Vec<String> = fresh
            .warnings
            .0
            .iter()
            .filter(|d| d.path.ends_with("01-background.md"))
            .map(|d| d.message.key().to_string())
            .collect();
        let kept = codes(&session);
        assert_eq!(kept, fresh, "{text}");
        kept
    };
    let body = "---\ntitle: 추진배경\n---\n## 하천 현황\n실적('21.6월 기준)\n";
    assert_eq!(edit(body), ["lint.old_date"]);
    // The file turns it off with its reason; Windows line ends (Notepad) included.
    let allowed = format!("{body}\n<!-- pledgesite-allow: lint.old_date (보고서 표기) -->\n");
    assert!(edit(&allowed).is_empty());
    assert!(edit(&allowed.replace('\n', "\r\n")).is_empty());
    assert_eq!(edit(body), ["lint.old_date"]);
}
