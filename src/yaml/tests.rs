//! Each slip people make in YAML gets its own message at the exact line and column.

use super::*;
use crate::messages::Lang;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Budget {
    total: f64,
    unit: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Card {
    title: String,
    progress: Option<f64>,
    department: Option<String>,
    budget: Option<Budget>,
}

/// The message key, line, column and Korean text of the error parsing `text` (front matter
/// starting on line 2 of its file).
fn error(text: &str) -> (String, usize, usize, String) {
    let d = parse::<Card>(text, Path::new("index.md"), 1).unwrap_err();
    let ko = d.message.render(Lang::Ko);
    (d.message.key().to_string(), d.line, d.column, ko)
}

#[test]
fn thousands_separator_inside_braces() {
    let (key, line, column, ko) = error("title: a\nbudget: { total: 1,200, unit: 백만원 }\n");
    assert_eq!(
        (key.as_str(), line, column),
        ("slip.thousands_in_braces", 3, 18)
    );
    assert!(ko.contains("1,200"), "{ko}");
}

#[test]
fn percent_after_a_number() {
    let (key, line, column, _) = error("title: a\nprogress: 80%\n");
    assert_eq!((key.as_str(), line, column), ("slip.percent", 3, 11));
}

#[test]
fn thousands_separator_in_a_block() {
    let (key, line, column, _) = error("title: a\nbudget:\n  total: 4,263\n  unit: 억원\n");
    assert_eq!((key.as_str(), line, column), ("slip.thousands", 4, 10));
}

#[test]
fn full_width_colon() {
    let (key, line, column, ko) = error("title: a\ndepartment：일자리정책과\nprogress: 3\n");
    assert_eq!(
        (key.as_str(), line, column),
        ("slip.fullwidth_colon", 3, 11)
    );
    assert!(ko.contains("department"), "{ko}");
}

#[test]
fn tab_indentation() {
    let (key, line, _, _) = error("title: a\nbudget:\n\ttotal: 3\n");
    assert_eq!((key.as_str(), line), ("slip.tab", 4));
}

#[test]
fn no_space_after_colon() {
    let (key, line, _, _) = error("title: a\nprogress:30\n");
    assert_eq!((key.as_str(), line), ("slip.no_space", 3));
}

#[test]
fn misspelt_field_gets_did_you_mean() {
    let (key, line, column, ko) = error("title: a\nprogres: 30\n");
    assert_eq!(
        (key.as_str(), line, column),
        ("yaml.unknown_field_near", 3, 1)
    );
    assert!(ko.contains("`progress`"), "{ko}");
}

#[test]
fn field_twice_is_named_at_the_second() {
    let (key, line, _, _) = error("title: a\nprogress: 3\nprogress: 4\n");
    assert_eq!((key.as_str(), line), ("yaml.duplicate_key", 4));
}

#[test]
fn missing_field() {
    let (key, _, _, ko) = error("progress: 3\n");
    assert_eq!(key, "yaml.missing_field");
    assert!(ko.contains("`title`"), "{ko}");
}

#[test]
fn positions_of_values_by_path() {
    let text = "title: a\nbudget:\n  rows:\n    - unit: 억원\n    - unit: 백만원\n  total: 3\n";
    let positions = Positions::of(text, 1);
    assert_eq!(positions.value("budget.rows.1.unit"), Some((6, 13)));
    assert_eq!(positions.value("budget.total"), Some((7, 10)));
    assert_eq!(positions.key("budget.total"), Some((7, 3)));
    assert_eq!(positions.value("title"), Some((2, 8)));
}

#[test]
fn dotted_dates_are_rewritten() {
    assert_eq!(
        slips::dotted_date("2025.9.30").as_deref(),
        Some("2025-09-30")
    );
    assert_eq!(
        slips::dotted_date("2025. 9. 30.").as_deref(),
        Some("2025-09-30")
    );
    assert_eq!(
        slips::dotted_date("2025/09/30").as_deref(),
        Some("2025-09-30")
    );
    assert_eq!(
        slips::dotted_date("2025년 9월 30일").as_deref(),
        Some("2025-09-30")
    );
    assert_eq!(slips::dotted_date("3.5"), None);
}

/// Values kept as JSON between builds (`parse_kept`) come back as parsed: every card, section
/// front matter and data file of the example site, the test sites and the `init` samples.
#[test]
fn kept_values_come_back_the_same() {
    use crate::model::{Card, PledgeData, SectionMeta};
    fn same<T: DeserializeOwned + serde::Serialize>(yaml_text: &str, file: &Path) -> bool {
        let Ok(parsed) = parse::<T>(yaml_text, file, 0) else {
            return false;
        };
        let json = serde_json::to_string(&parsed).unwrap();
        let back: T = serde_json::from_str(&json)
            .unwrap_or_else(|e| panic!("{}: {e}\n{json}", file.display()));
        assert_eq!(
            serde_json::to_string(&back).unwrap(),
            json,
            "{}",
            file.display()
        );
        true
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut checked = [0; 3];
    for dir in ["content", "tests/fixtures", "src/scaffold/files"] {
        for entry in walkdir::WalkDir::new(root.join(dir)).into_iter().flatten() {
            let path = entry.path();
            let Ok(text) = std::fs::read_to_string(path) else {
                continue;
            };
            let name = path.file_name().unwrap().to_string_lossy();
            if name == "data.yaml" {
                checked[0] += usize::from(same::<PledgeData>(&text, path));
            } else if name.ends_with(".md") && path.to_string_lossy().contains("pledges") {
                let text = text.replace("\r\n", "\n");
                let Some(front) = front_matter_of(&text) else {
                    continue;
                };
                if name == "index.md" {
                    checked[1] += usize::from(same::<Card>(front, path));
                } else {
                    checked[2] += usize::from(same::<SectionMeta>(front, path));
                }
            }
        }
    }
    assert!(checked.iter().all(|n| *n >= 3), "checked {checked:?}");
}
