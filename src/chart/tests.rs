//! Edge cases drawn directly from model data: empty and single-value series, long Korean names.

use super::*;
use crate::chart::canvas::text_width;
use crate::i18n::Strings;

fn tr() -> Strings {
    Strings::builtin("ko")
}
use crate::model::{
    Budget, BudgetRow, Categories, Schedule, ScheduleGroup, ScheduleTask, Targets, YearTarget,
    YearValue,
};

fn well_formed(chart: &Chart) {
    let doc = roxmltree::Document::parse(&chart.svg).expect("well-formed SVG");
    assert_eq!(doc.root_element().attribute("role"), Some("img"));
}

#[test]
fn empty_series_draw_nothing() {
    let empty = Budget {
        unit: "백만원".into(),
        columns: vec!["2023".into()],
        sources: vec![BudgetRow {
            name: "국비".into(),
            years: vec![None],
            ..Default::default()
        }],
        ..Default::default()
    };
    assert!(budget::by_year(&empty, "p", &tr()).unwrap().is_none());
    assert!(budget::sources(&empty, "p", &tr()).unwrap().is_none());
    assert!(spending::spending(&empty, "p", &tr()).unwrap().is_none());
    let no_items = Categories {
        title: "x".into(),
        unit: "개".into(),
        period: None,
        actual_as_of: None,
        total: None,
        items: vec![],
    };
    assert!(categories::categories(&no_items, "p", &tr())
        .unwrap()
        .is_none());
}

#[test]
fn single_value_series() {
    let t = Targets {
        title: "도서관 수".into(),
        measure: None,
        unit: "개".into(),
        baseline: YearValue {
            year: 2022,
            value: 5.0,
        },
        increase: None,
        years: vec![YearTarget {
            year: 2023,
            target: 5.0,
            actual: Some(5.0),
            achieved: None,
        }],
        note: None,
    };
    let chart = targets::yearly(&t, "작은 도서관", &tr()).unwrap().unwrap();
    well_formed(&chart);
    insta::assert_snapshot!("single_value_targets", chart.svg);
    let one = Budget {
        unit: "백만원".into(),
        columns: vec!["2023".into()],
        sources: vec![BudgetRow {
            name: "구비".into(),
            total: Some(10.0),
            years: vec![Some(10.0)],
            spent: Some(0.0),
        }],
        ..Default::default()
    };
    for chart in [
        budget::by_year(&one, "p", &tr()),
        budget::sources(&one, "p", &tr()),
        spending::spending(&one, "p", &tr()),
    ] {
        well_formed(&chart.unwrap().unwrap());
    }
}

#[test]
fn very_long_korean_task_names_wrap_inside_the_label_column() {
    let long = "지역 사회적경제 생태계 조성을 위한 민관협력 거버넌스형 중간지원조직 설립 및 운영 지원과 사회적경제기업 판로 개척 종합 지원";
    let s = Schedule {
        start: "2023-Q1".into(),
        end: "2024-Q4".into(),
        groups: vec![ScheduleGroup {
            name: "사회적경제 활성화 및 사회적경제기업 육성과 지역 일자리 창출을 위한 기반 조성"
                .into(),
            tasks: vec![ScheduleTask {
                name: long.into(),
                quarters: vec!["2023-Q2..2024-Q3".into()],
                note: None,
            }],
        }],
    };
    let chart = schedule::gantt(&s, "p", &tr()).unwrap().unwrap();
    well_formed(&chart);
    insta::assert_snapshot!("long_task_name_schedule", chart.svg);
    // Every task label line fits left of the first quarter column.
    let doc = roxmltree::Document::parse(&chart.svg).unwrap();
    let first_bar_x: f64 = doc
        .descendants()
        .filter(|n| n.has_tag_name("rect") && n.attribute("fill") == Some("#0072B2"))
        .map(|n| n.attribute("x").unwrap().parse::<f64>().unwrap())
        .fold(f64::INFINITY, f64::min);
    let mut lines = 0;
    for text in doc.descendants().filter(|n| n.has_tag_name("text")) {
        let content = text.text().unwrap_or("").trim();
        if long.contains(content.trim_end_matches('…'))
            && content.len() > 3
            && text.attribute("x") == Some("22")
        {
            lines += 1;
            let size: f64 = text.attribute("font-size").unwrap().parse().unwrap();
            assert!(
                22.0 + text_width(content, size, false) < first_bar_x,
                "`{content}` runs into the bars"
            );
        }
    }
    assert!(
        lines >= 2,
        "the long name is wrapped over several lines ({lines})"
    );
}

/// Every phone layout drawn from the example site's pledge 16 data: 288 px wide, well formed,
/// every text at least 11 px, and no two texts' boxes overlapping (measured with the fonts the
/// layout is computed with; the browser test measures them as drawn).
#[test]
fn phone_layouts_fit_and_never_overlap() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let options = crate::Options::new(root);
    let session = crate::session::Session::load(&options).unwrap();
    let pledge = &session.site().pledges[0];
    let cache = cache::ChartCache::none();
    let (charts, problems) = super::pledge(pledge, None, &tr(), &cache);
    assert!(problems.is_empty());
    let narrow: Vec<&Chart> = charts.iter().filter(|c| !c.narrow.is_empty()).collect();
    assert!(narrow.len() >= 5, "{}", narrow.len());
    for chart in narrow {
        let doc = roxmltree::Document::parse(&chart.narrow).expect("well-formed SVG");
        assert_eq!(doc.root_element().attribute("width"), Some("288"));
        let mut boxes: Vec<(f64, f64, f64, f64, String)> = Vec::new();
        for t in doc.descendants().filter(|n| n.has_tag_name("text")) {
            let size: f64 = t
                .attribute("font-size")
                .unwrap()
                .trim_end_matches("px")
                .parse()
                .unwrap();
            assert!(size >= 11.0, "{}: {size}px", chart.name);
            let x: f64 = t.attribute("x").unwrap().parse().unwrap();
            let y: f64 = t.attribute("y").unwrap().parse().unwrap();
            let text = t.text().unwrap_or("").trim().to_string();
            let w = text_width(&text, size, t.attribute("font-weight") == Some("bold"));
            let x0 = match t.attribute("text-anchor") {
                Some("middle") => x - w / 2.0,
                Some("end") => x - w,
                _ => x,
            };
            assert!(
                x0 >= 0.0 && x0 + w <= 288.5,
                "{}: `{text}` leaves the chart",
                chart.name
            );
            boxes.push((x0, y - size / 2.0, x0 + w, y + size / 2.0, text));
        }
        for (i, a) in boxes.iter().enumerate() {
            for b in &boxes[i + 1..] {
                let apart = a.2 <= b.0 || b.2 <= a.0 || a.3 <= b.1 || b.3 <= a.1;
                assert!(apart, "{}: `{}` overlaps `{}`", chart.name, a.4, b.4);
            }
        }
    }
}
