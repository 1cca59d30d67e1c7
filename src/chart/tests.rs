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
    assert!(budget::spending(&empty, "p", &tr()).unwrap().is_none());
    let no_items = Categories {
        title: "x".into(),
        unit: "개".into(),
        period: None,
        actual_as_of: None,
        total: None,
        items: vec![],
    };
    assert!(targets::categories(&no_items, "p", &tr())
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
        budget::spending(&one, "p", &tr()),
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
