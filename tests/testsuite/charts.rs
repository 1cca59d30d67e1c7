//! Charts built from fixture data: one snapshot per chart kind, every SVG parsed as XML with
//! its accessibility attributes, identical bytes for identical data, and placement blocks.

use crate::harness::{tree, Fixture};

fn svgs(site: &Fixture) -> Vec<(String, String)> {
    tree(&site.path("public"))
        .into_iter()
        .filter(|(p, _)| p.ends_with(".svg") && p.contains("charts/"))
        .map(|(p, b)| (p, String::from_utf8(b).unwrap()))
        .collect()
}

#[test]
fn every_chart_kind_matches_its_snapshot() {
    let site = Fixture::new("minimal");
    site.build_ok();
    let names: Vec<String> = svgs(&site).into_iter().map(|(p, _)| p).collect();
    assert_eq!(
        names,
        [
            "charts/budget-by-area.svg",
            "charts/progress-by-area.svg",
            "charts/status-distribution.svg",
            "pledges/1-clean-river/charts/budget-by-year.svg",
            "pledges/1-clean-river/charts/budget-sources.svg",
            "pledges/1-clean-river/charts/budget-spending.svg",
            "pledges/1-clean-river/charts/schedule.svg",
            "pledges/2-library/charts/categories.svg",
            "pledges/2-library/charts/progress.svg",
            "pledges/2-library/charts/targets.svg",
        ]
    );
    for (path, svg) in svgs(&site) {
        let name = path.replace('/', "__").trim_end_matches(".svg").to_string();
        insta::assert_snapshot!(name, svg);
    }
}

#[test]
fn every_svg_is_well_formed_and_accessible() {
    let site = Fixture::example();
    site.build_ok();
    let all = svgs(&site);
    assert_eq!(all.len(), 9, "6 pledge charts and 3 home charts");
    for (path, svg) in all {
        let doc = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{path}: {e}"));
        let root = doc.root_element();
        assert_eq!(root.attribute("role"), Some("img"), "{path}");
        assert!(root.attribute("viewBox").is_some(), "{path}");
        let title = root
            .children()
            .find(|n| n.has_tag_name("title"))
            .expect("title");
        let desc = root
            .children()
            .find(|n| n.has_tag_name("desc"))
            .expect("desc");
        assert!(!title.text().unwrap_or("").is_empty(), "{path}");
        assert!(
            desc.text()
                .unwrap_or("")
                .chars()
                .any(|c| c.is_ascii_digit()),
            "{path}: desc gives numbers"
        );
        assert!(svg.len() < 20_000, "{path} is {} bytes", svg.len());
    }
}

#[test]
fn example_charts_show_the_reports_numbers_in_korean() {
    let site = Fixture::example();
    site.build_ok();
    let chart = |name: &str| {
        std::fs::read_to_string(
            site.path(&format!("public/pledges/16-better-jobs/charts/{name}.svg")),
        )
        .unwrap()
    };
    let by_year = chart("budget-by-year");
    for label in [
        "국비",
        "시비",
        "구비",
        "722",
        "1,185",
        "1,588",
        "768",
        "503",
        "840",
        "1,153",
        "537",
        "임기이후",
    ] {
        assert!(
            by_year.contains(&format!("\n{label}\n")),
            "budget-by-year: {label}"
        );
    }
    let targets = chart("targets");
    for label in [
        "64,355",
        "65,105",
        "65,855",
        "66,605",
        "67,355",
        "2018년(기준)",
    ] {
        assert!(
            targets.contains(&format!("\n{label}\n")),
            "targets: {label}"
        );
    }
    let categories = chart("categories");
    for label in [
        "(예비)사회적기업",
        "마을기업",
        "협동조합",
        "10",
        "29",
        "3",
        "5",
        "15",
        "43",
    ] {
        assert!(
            categories.contains(&format!("\n{label}\n")),
            "categories: {label}"
        );
    }
    let spending = chart("budget-spending");
    assert!(spending.contains("2,359 / 4,263 (55.3%)"));
    let schedule = chart("schedule");
    // 11 tasks; the marked runs are drawn as bars in the task colour.
    assert_eq!(schedule.matches("fill=\"#0072B2\"").count(), 13);
    // The pledge page shows the charts inline next to their tables.
    let page = site.output("pledges/16-better-jobs/index.html");
    // Each chart twice, for desktops and for phones, but the schedule (it scrolls instead).
    assert_eq!(
        page.matches("<svg ").count(),
        11,
        "progress is only placed on request"
    );
}

#[test]
fn same_data_gives_identical_svg_bytes() {
    let a = Fixture::new("minimal");
    let b = Fixture::new("minimal");
    a.build_ok();
    b.build_ok();
    assert_eq!(svgs(&a), svgs(&b));
}

#[test]
fn chart_blocks_place_a_chart_with_its_table_and_unknown_names_are_errors() {
    let site = Fixture::new("minimal");
    site.write(
        "content/pledges/1-clean-river/03-chart.md",
        "---\ntitle: 재원\n---\n```chart\nbudget-sources\ncaption: 재원 구성\n```\n",
    );
    site.build_ok();
    let page = site.output("pledges/1-clean-river/index.html");
    assert!(page.contains("<figcaption>재원 구성"), "caption option");
    assert!(
        page.contains("<summary>표로 보기</summary>"),
        "data table in a disclosure"
    );
    assert_eq!(
        page.matches("aria-labelledby=\"chart-budget-sources-title")
            .count(),
        1,
        "not repeated beside the table"
    );

    site.write(
        "content/pledges/1-clean-river/03-chart.md",
        "---\ntitle: 재원\n---\n\n```chart\nbudget-pie\n```\n\n```chart\ntargets\n```\n",
    );
    let out = site.cli(&["build"]);
    let err = crate::harness::stderr(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        err.contains("03-chart.md:5:1: error: unknown chart `budget-pie`"),
        "{err}"
    );
    assert!(
        err.contains("hint: use one of: targets, categories, budget-by-year"),
        "{err}"
    );
    assert!(
        err.contains("03-chart.md:9:1: error: chart `targets` needs targets data"),
        "{err}"
    );
}
