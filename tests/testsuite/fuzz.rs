//! Property tests: random bytes, random YAML-like and Markdown-like text in every kind of
//! source file must give diagnostics, never a panic or a hang. Bounded case counts for CI.

use crate::harness::Fixture;
use pledgesite::{Error, Options};
use proptest::prelude::*;

/// Builds in memory and returns whether it passed; a panic fails the property.
fn check_with(files: &[(&str, Vec<u8>)]) -> bool {
    let site = Fixture::new("minimal");
    for (path, bytes) in files {
        site.write(path, bytes);
    }
    match pledgesite::check(&Options::new(site.root())) {
        Ok(_) => true,
        Err(Error::Content(diags)) => {
            assert!(diags.has_errors());
            false
        }
        Err(Error::Environment(e)) => panic!("unexpected environment error: {e:#}"),
    }
}

fn yaml_like() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        Just("number: ".to_string()),
        Just("title: ".to_string()),
        Just("status: ".to_string()),
        Just("progress: ".to_string()),
        Just("budget: {total: ".to_string()),
        Just("- ".to_string()),
        Just("[".to_string()),
        Just("]".to_string()),
        Just("{".to_string()),
        Just("&a ".to_string()),
        Just("*a".to_string()),
        Just("\n".to_string()),
        Just("  ".to_string()),
        Just(": ".to_string()),
        Just("'".to_string()),
        Just("\"".to_string()),
        Just("정상추진".to_string()),
        Just("2021-02-30".to_string()),
        "[0-9]{1,6}".prop_map(|s| s),
        "[가-힣a-z]{1,5}".prop_map(|s| s),
    ];
    prop::collection::vec(token, 0..60).prop_map(|t| t.concat())
}

fn markdown_like() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        Just("# ".to_string()),
        Just("**".to_string()),
        Just("*".to_string()),
        Just("[".to_string()),
        Just("](".to_string()),
        Just(")".to_string()),
        Just("![".to_string()),
        Just("#".to_string()),
        Just("|".to_string()),
        Just("\n".to_string()),
        Just("> ".to_string()),
        Just("- ".to_string()),
        Just("```".to_string()),
        Just("table\n".to_string()),
        Just("chart\n".to_string()),
        Just("budget".to_string()),
        Just("<script>".to_string()),
        Just("<!--".to_string()),
        Just("[^1]".to_string()),
        Just("'21.6월".to_string()),
        "[가-힣a-z0-9 ]{1,8}".prop_map(|s| s),
    ];
    prop::collection::vec(token, 0..80).prop_map(|t| t.concat())
}

/// CSV-like text with a snapshot's header words, numbers, statuses and quoting.
fn snapshot_like() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        Just("번호,상태,추진율,비고\n".to_string()),
        Just("number,status,progress\n".to_string()),
        Just(",".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\"".to_string()),
        Just("1".to_string()),
        Just("2".to_string()),
        Just("III-①-1".to_string()),
        Just("완료".to_string()),
        Just("정상추진".to_string()),
        Just("진행중".to_string()),
        Just("100".to_string()),
        Just("-5".to_string()),
        Just("85%".to_string()),
        Just("1e400".to_string()),
        Just("NaN".to_string()),
        "[0-9]{1,4}".prop_map(|s| s),
        "[가-힣a-z ]{1,5}".prop_map(|s| s),
    ];
    prop::collection::vec(token, 0..60).prop_map(|t| t.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_anywhere(bytes in prop::collection::vec(any::<u8>(), 0..400), which in 0usize..4) {
        let path = ["content/pledges/1-clean-river/index.md", "content/pledges/1-clean-river/data.yaml",
                    "content/pledges/1-clean-river/budget.csv", "site.yaml"][which];
        check_with(&[(path, bytes)]);
    }

    #[test]
    fn random_snapshots(csv in snapshot_like(), bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        check_with(&[
            ("data/snapshots/2024-03-31.csv", csv.into_bytes()),
            ("data/snapshots/2024-06-30.csv", bytes),
        ]);
    }

    #[test]
    fn random_front_matter(yaml in yaml_like(), body in markdown_like()) {
        check_with(&[("content/pledges/1-clean-river/index.md", format!("---\n{yaml}\n---\n{body}").into_bytes())]);
    }

    #[test]
    fn random_data_and_sections(yaml in yaml_like(), body in markdown_like()) {
        check_with(&[
            ("content/pledges/2-library/data.yaml", yaml.into_bytes()),
            ("content/pledges/2-library/03-random.md", format!("---\ntitle: 임의\n---\n{body}").into_bytes()),
        ]);
    }
}
