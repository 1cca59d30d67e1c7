//! Building fixture sites end to end: files, pages, anchors, links, base paths, line endings.

use crate::harness::{tree, Fixture};
use crate::links::broken_links;
use pledgesite::Options;

#[test]
fn builds_every_output_file() {
    let site = Fixture::new("minimal");
    let report = site.build_ok();
    let files: Vec<String> = tree(&site.path("public"))
        .into_iter()
        .map(|(p, _)| p)
        .collect();
    let expected = [
        ".nojekyll",
        "404.html",
        "areas/environment/index.html",
        "areas/문화-복지/index.html",
        "charts/budget-by-area.svg",
        "charts/progress-by-area.svg",
        "charts/status-distribution.svg",
        "data/history.csv",
        "data/pledges.csv",
        "data/pledges.json",
        "favicon.svg",
        "feed.xml",
        "filter.js",
        "index.html",
        "pledges/1-clean-river/charts/budget-by-year.svg",
        "pledges/1-clean-river/charts/budget-sources.svg",
        "pledges/1-clean-river/charts/budget-spending.svg",
        "pledges/1-clean-river/charts/schedule.svg",
        "pledges/1-clean-river/data.json",
        "pledges/1-clean-river/index.html",
        "pledges/2-library/charts/categories.svg",
        "pledges/2-library/charts/progress.svg",
        "pledges/2-library/charts/targets.svg",
        "pledges/2-library/data.json",
        "pledges/2-library/index.html",
        "reports/2024-06-30/checklist-2024-06-30.csv",
        "reports/2024-06-30/checklist-2024-06-30.xlsx",
        "reports/2024-06-30/index.html",
        "reports/index.html",
        "robots.txt",
        "sitemap.xml",
        "style.css",
    ];
    assert_eq!(files, expected);
    assert_eq!(report.site.pages, 8);
    assert!(report
        .summary()
        .to_string()
        .starts_with("built 8 pages (2 pledges), 10 charts, 32 files"));
}

#[test]
fn key_pages_match_snapshots() {
    let site = Fixture::new("minimal");
    site.build_ok();
    use crate::harness::main_of;
    insta::assert_snapshot!("minimal_home", main_of(&site.output("index.html")));
    insta::assert_snapshot!(
        "minimal_pledge_river",
        main_of(&site.output("pledges/1-clean-river/index.html"))
    );
    insta::assert_snapshot!(
        "minimal_pledge_library",
        main_of(&site.output("pledges/2-library/index.html"))
    );
}

#[test]
fn markdown_features_and_hangul_anchors() {
    let site = Fixture::new("minimal");
    site.build_ok();
    let page = site.output("pledges/1-clean-river/index.html");
    assert!(
        page.contains("<h3 id=\"하천-현황\">하천 현황</h3>"),
        "section ## becomes h3 with a Hangul id"
    );
    assert!(
        page.contains("<h3 id=\"하천-현황-2\">"),
        "duplicate headings get unique ids"
    );
    assert!(page.contains("<del>없음</del>"));
    assert!(page.contains("<strong>3곳</strong>"));
    assert!(page.contains("<td style=\"text-align: right\">1,200</td>"));
    assert!(page.contains("footnote-definition"));
    // The table of contents lists the sections by their anchors.
    let toc = &page[page.find("<nav id=\"toc\"").expect("a table of contents")..];
    let toc = &toc[..toc.find("</nav>").unwrap()];
    assert!(toc.contains("<a href=\"#background\">"), "{toc}");
    assert_eq!(
        broken_links(&site.path("public"), "/"),
        Vec::<String>::new()
    );
}

#[test]
fn raw_html_is_escaped_unless_the_site_opts_in() {
    let site = Fixture::new("minimal");
    site.build_ok();
    let page = site.output("pledges/1-clean-river/index.html");
    assert!(page.contains("&lt;script&gt;alert("));
    assert!(!page.contains("<script>alert("));

    let config = std::fs::read_to_string(site.path("site.yaml")).unwrap();
    site.write(
        "site.yaml",
        format!("{config}markdown:\n  unsafe_html: true\n"),
    );
    site.build_ok();
    assert!(site
        .output("pledges/1-clean-river/index.html")
        .contains("<script>alert(\"x\")</script>"));
}

#[test]
fn data_tables_show_every_number_with_separators() {
    let site = Fixture::new("minimal");
    site.build_ok();
    let river = site.output("pledges/1-clean-river/index.html");
    for cell in [
        "<td>1,200</td>",
        "<td>500</td>",
        "<td>700</td>",
        "<td>300</td>",
        "<td>800</td>",
        "<td>200</td>",
    ] {
        assert!(river.contains(cell), "budget cell {cell}");
    }
    assert!(river.contains("하천 정비 사업비"), "caption option is used");
    assert!(
        river.contains("(2023 ~ 2024.6.)"),
        "spent period in the header"
    );
    // Schedule: 설계 1 quarter + 공사 4 quarters marked, in a 6-quarter grid.
    assert_eq!(river.matches("class=\"q on\"").count(), 5);
    assert!(river.contains("2023년 3분기 ~ 2024년 2분기"));
    // Data not placed by a block lands in the 자료 part.
    let library = site.output("pledges/2-library/index.html");
    assert!(library.contains("id=\"data\">자료</h2>"));
    for text in [
        "12,345",
        "<td>6</td>",
        "<td>12</td>",
        "2023. 2. 28.",
        "9명 (당연직 2, 위촉직 7)",
    ] {
        assert!(library.contains(text), "{text}");
    }
}

#[test]
fn home_dashboard_counts_and_money_formats() {
    let site = Fixture::new("minimal");
    site.build_ok();
    let home = site.output("index.html");
    assert!(home.contains("<strong>2</strong>개"), "total pledges");
    assert!(
        home.contains("<strong>50.0%</strong>"),
        "completion rate: 1 of 2"
    );
    assert!(
        home.contains("<strong>72.8%</strong>"),
        "mean progress (45.5 + 100) / 2 = 72.75, shown to one decimal as districts publish it"
    );
    assert!(home.contains("12억원"), "1,200 백만원 spelled in 억");
    assert!(
        home.contains("href=\"/pledges/2-library/\""),
        "root links in Markdown"
    );
}

#[test]
fn subpath_base_url_makes_every_link_work_under_the_path() {
    let site = Fixture::new("minimal");
    let mut options = Options::new(site.root());
    options.base_url = Some("https://org.github.io/repo/".into());
    pledgesite::build(&options).unwrap();
    let out = site.path("public");
    assert_eq!(broken_links(&out, "/repo/"), Vec::<String>::new());
    let not_found = site.output("404.html");
    assert!(
        not_found.contains("href=\"/repo/style.css\""),
        "404 assets resolve from any depth"
    );
    assert!(
        site.output("index.html")
            .contains("href=\"/repo/pledges/2-library/\""),
        "Markdown root links"
    );
    assert!(site
        .output("sitemap.xml")
        .contains("<loc>https://org.github.io/repo/pledges/1-clean-river/</loc>"));
    assert!(site
        .output("robots.txt")
        .contains("Sitemap: https://org.github.io/repo/sitemap.xml"));
}

/// Windows files (UTF-8 BOM, CRLF) must build exactly like Unix files.
#[test]
fn bom_and_crlf_sources_build_identically() {
    let unix = Fixture::new("minimal");
    unix.build_ok();
    let windows = Fixture::new("minimal");
    for (rel, bytes) in tree(windows.root()) {
        let text_file = [".md", ".yaml", ".csv"].iter().any(|e| rel.ends_with(e));
        if text_file && !rel.starts_with("themes") {
            let text = String::from_utf8(bytes).unwrap().replace('\n', "\r\n");
            windows.write(&rel, [b"\xef\xbb\xbf".as_slice(), text.as_bytes()].concat());
        }
    }
    windows.build_ok();
    assert_eq!(tree(&windows.path("public")), tree(&unix.path("public")));
}

#[test]
fn open_data_files() {
    let site = Fixture::new("minimal");
    site.build_ok();
    let json: serde_json::Value = serde_json::from_str(&site.output("data/pledges.json")).unwrap();
    assert_eq!(json[0]["title"], "맑은 하천 만들기");
    assert_eq!(json[0]["status"]["label"], "정상추진");
    assert_eq!(json[1]["status"]["key"], "completed");
    let csv = std::fs::read(site.path("public/data/pledges.csv")).unwrap();
    assert!(csv.starts_with(b"\xef\xbb\xbf"), "BOM for Excel");
    let csv = String::from_utf8(csv).unwrap();
    assert_eq!(csv.lines().count(), 3);
    assert!(csv.contains("1,맑은 하천 만들기,환경,,환경과,임기내,중기,계속,시,정상추진,45.5,1200,백만원,2024-06-30,https://example.kr/pledges/1-clean-river/"));
    let data: serde_json::Value =
        serde_json::from_str(&site.output("pledges/1-clean-river/data.json")).unwrap();
    assert_eq!(data["data"]["budget"]["total"]["total"], 1200.0);
}

#[test]
fn site_templates_override_the_theme() {
    let site = Fixture::new("minimal");
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block content %}<p>없는 쪽</p>{% endblock %}",
    );
    site.build_ok();
    assert!(site.output("404.html").contains("<p>없는 쪽</p>"));
}

#[test]
fn bundle_files_are_copied_next_to_the_page_and_drafts_left_out() {
    let site = Fixture::new("minimal");
    site.write("content/pledges/2-library/photo.png", b"\x89PNG");
    site.write("content/pledges/2-library/.draft.swp", b"junk");
    site.write(
        "content/pledges/3-draft/index.md",
        "---\nnumber: 3\ntitle: 초안\narea: 환경\nstatus: 정상추진\nprogress: 0\ndraft: true\n---\n",
    );
    site.build_ok();
    assert!(site.path("public/pledges/2-library/photo.png").is_file());
    assert!(!site.path("public/pledges/2-library/.draft.swp").exists());
    assert!(!site.path("public/pledges/3-draft").exists());
    let mut options = Options::new(site.root());
    options.drafts = true;
    pledgesite::build(&options).unwrap();
    assert!(site.path("public/pledges/3-draft/index.html").is_file());
}

#[test]
fn rebuild_replaces_the_output_and_removes_stale_files() {
    let site = Fixture::new("minimal");
    site.build_ok();
    site.remove("content/pledges/2-library");
    site.write("content/_index.md", "---\ntitle: 테스트구 공약\n---\n");
    site.build_ok();
    assert!(!site.path("public/pledges/2-library").exists());
    assert!(site
        .path("public/pledges/1-clean-river/index.html")
        .is_file());
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("staging") || n.contains("previous"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_no_op_rebuild_writes_nothing_and_keeps_mtimes() {
    let site = Fixture::new("minimal");
    site.build_ok();
    let mtimes = |site: &Fixture| -> Vec<(String, std::time::SystemTime)> {
        tree(&site.path("public"))
            .into_iter()
            .map(|(p, _)| {
                let m = std::fs::metadata(site.path("public").join(&p))
                    .unwrap()
                    .modified()
                    .unwrap();
                (p, m)
            })
            .collect()
    };
    let before = mtimes(&site);
    std::thread::sleep(std::time::Duration::from_millis(20));
    let report = site.build_ok();
    assert_eq!(report.written, 0, "{}", report.summary());
    assert_eq!(mtimes(&site), before);
    // One section edited: its page changes, other pledges' pages are left alone.
    site.write(
        "content/pledges/2-library/01-plan.md",
        "---\ntitle: 연차별 목표\n---\n바뀜\n\n```chart\nprogress\n```\n",
    );
    let report = site.build_ok();
    assert_eq!(
        report.written,
        1,
        "only the library page: {}",
        report.summary()
    );
    let after = mtimes(&site);
    assert_eq!(after.len(), before.len());
    let changed: Vec<&String> = after
        .iter()
        .zip(&before)
        .filter(|(a, b)| a.1 != b.1)
        .map(|(a, _)| &a.0)
        .collect();
    assert_eq!(changed, ["pledges/2-library/index.html"]);
}

/// An English site (language: en) shows no Korean UI text anywhere.
#[test]
fn an_english_site_has_no_korean_ui_text() {
    let site = Fixture::new("english");
    let report = site.build_ok();
    assert!(
        report.site.warnings.0.is_empty(),
        "{}",
        report.site.warnings
    );
    let hangul =
        |c: char| ('\u{ac00}'..='\u{d7a3}').contains(&c) || ('\u{3131}'..='\u{318e}').contains(&c);
    for (path, bytes) in tree(&site.path("public")) {
        if let Ok(text) = String::from_utf8(bytes) {
            if let Some(at) = text.find(hangul) {
                let context: String = text[at.saturating_sub(80)..].chars().take(120).collect();
                panic!("Korean text in {path}: …{context}…");
            }
        }
    }
    let page = site.output("pledges/1-clean-river/index.html");
    for text in [
        "<html lang=\"en\">",
        "Pledge card",
        "Q3 2023 – Q2 2024",
        "June 30, 2024",
        "On track",
        "9 (2 ex officio, 7 appointed)",
    ] {
        assert!(page.contains(text), "{text}");
    }
}

/// Charts drawn and tables rendered by one build are reused by the next, and the site is the
/// same byte for byte; a change to a pledge's data draws its charts again, a changed template
/// renders the tables again; a `check` that passed keeps its work in the cache folder (never
/// in the site) for the build after it; a damaged cache file is ignored.
#[test]
fn the_chart_cache_gives_the_same_site_and_follows_the_data() {
    let site = Fixture::new("minimal");
    let cache = tempfile::tempdir().unwrap();
    let options = |out: &str| Options {
        output_dir: Some(site.path(out)),
        cache_dir: Some(cache.path().to_path_buf()),
        ..Options::new(site.root())
    };
    let before = tree(site.root());
    pledgesite::check(&options("unused")).unwrap();
    assert_eq!(tree(site.root()), before, "check wrote into the site");
    assert!(!site.path("unused").exists());
    pledgesite::build(&options("first")).unwrap();
    let files: Vec<_> = std::fs::read_dir(cache.path())
        .unwrap()
        .flatten()
        .filter(|f| f.file_name().to_string_lossy().starts_with("charts-"))
        .collect();
    assert_eq!(files.len(), 1, "one chart cache file");
    let cached = pledgesite::build(&options("second")).unwrap();
    assert_eq!(tree(&site.path("first")), tree(&site.path("second")));
    assert!(cached.site.charts > 0);

    // New data: the page and its chart follow it, as a build without any cache draws them.
    let data = "content/pledges/1-clean-river/budget.csv";
    let text = std::fs::read_to_string(site.path(data)).unwrap();
    site.write(
        data,
        text.replace("국비,800,300,500,200", "국비,800,400,400,200")
            .replace("구비,400,200,200,100", "구비,400,100,300,100"),
    );
    pledgesite::build(&options("third")).unwrap();
    let fresh = Options {
        output_dir: Some(site.path("fresh")),
        ..Options::new(site.root())
    };
    pledgesite::build(&fresh).unwrap();
    assert_eq!(tree(&site.path("third")), tree(&site.path("fresh")));
    assert_ne!(tree(&site.path("first")), tree(&site.path("third")));

    // A template changed: the tables kept from before are not used.
    let theme = site.path("themes/default/templates/tables/budget.html");
    let template = std::fs::read_to_string(&theme).unwrap();
    site.write(
        "templates/tables/budget.html",
        format!("<p>새 표</p>{template}"),
    );
    pledgesite::build(&options("changed")).unwrap();
    let page = std::fs::read_to_string(site.path("changed/pledges/1-clean-river/index.html"));
    assert!(page.unwrap().contains("<p>새 표</p>"));
    site.remove("templates/tables/budget.html");

    // A damaged cache file is read as no cache.
    std::fs::write(files[0].path(), b"pledgesite-charts-1 garbage").unwrap();
    pledgesite::build(&options("fourth")).unwrap();
    assert_eq!(tree(&site.path("fourth")), tree(&site.path("fresh")));
}

/// With a base URL such as `/` (a local build, both samples) there is no sitemap or feed with
/// invalid relative addresses, robots.txt names none, no page links to them, and
/// `check --pages` says a published site needs its full address.
#[test]
fn a_relative_base_url_makes_no_sitemap_or_feed_and_pages_says_why() {
    let site = Fixture::new("minimal");
    let config = std::fs::read_to_string(site.path("site.yaml")).unwrap();
    site.write(
        "site.yaml",
        config.replace("base_url: https://example.kr/", "base_url: /"),
    );
    site.build_ok();
    assert!(!site.path("public/sitemap.xml").exists());
    assert!(!site.path("public/feed.xml").exists());
    assert_eq!(site.output("robots.txt"), "User-agent: *\nAllow: /\n");
    assert!(!site.output("index.html").contains("feed.xml"));
    assert!(site.path("public/favicon.svg").exists());
    assert!(site
        .output("index.html")
        .contains("<link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">"));
    // The site's own icon, in whatever format it has, wins over the theme's.
    site.write("static/favicon.png", b"\x89PNG");
    site.build_ok();
    assert!(site
        .output("index.html")
        .contains("<link rel=\"icon\" href=\"/favicon.png\">"));
    let out = site.cli_in("ko", &["check", "--pages"]);
    let err = crate::harness::stderr(&out);
    assert!(
        err.contains("`base_url: /`은(는) 전체 주소가 아니어서 사이트맵(`sitemap.xml`)"),
        "{err}"
    );
}

/// The footer a Korean public site carries, from `operator:` in site.yaml; a 공공누리 type that
/// does not exist is an error at its line.
#[test]
fn the_operator_footer_comes_from_site_yaml() {
    let site = Fixture::new("minimal");
    let config = std::fs::read_to_string(site.path("site.yaml")).unwrap();
    let operator = "operator:\n  name: 예시구청 기획예산과\n  address: 예시시 예시구 청사로 1\n  phone: 02-000-0000\n  privacy_url: https://example.kr/privacy\n  copyright_url: https://example.kr/copyright\n  kogl: 1\n";
    site.write("site.yaml", format!("{config}{operator}"));
    site.build_ok();
    let home = site.output("index.html");
    // minijinja writes `/` in attributes as `&#x2f;`, as HTML allows.
    let footer = home[home.find("<footer").unwrap()..].replace("&#x2f;", "/");
    for text in [
        "예시구청 기획예산과",
        "예시시 예시구 청사로 1",
        "02-000-0000",
        "https://example.kr/privacy",
        "https://example.kr/copyright",
        "공공누리",
    ] {
        assert!(footer.contains(text), "{text}: {footer}");
    }
    site.write(
        "site.yaml",
        format!("{config}{}", operator.replace("kogl: 1", "kogl: 5")),
    );
    let err = crate::harness::stderr(&site.cli_in("ko", &["check"]));
    assert!(err.contains("site.yaml:"), "{err}");
    assert!(
        err.contains("공공누리 유형 `kogl: 5`은(는) 없습니다"),
        "{err}"
    );
}
