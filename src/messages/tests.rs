//! The catalogue is complete: every key the code uses exists, every entry is used, both
//! languages fill the same placeholders, and neither language slips into the other.

use super::*;
use std::collections::BTreeSet;
use std::path::Path;

struct Entry {
    ko: &'static str,
    en: &'static str,
}

fn entries() -> Vec<(String, Entry)> {
    ENTRIES
        .iter()
        .map(|(key, ko, en)| (key.to_string(), Entry { ko, en }))
        .collect()
}

#[test]
fn the_table_is_sorted_for_lookup() {
    assert!(ENTRIES.windows(2).all(|w| w[0].0 < w[1].0));
    assert!(text_of("general.io_not_found", Lang::Ko).is_some());
}

fn placeholders(text: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        rest = &rest[open + 1..];
        if let Some(close) = rest.find('}') {
            let name = &rest[..close];
            if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                names.insert(name.to_string());
            }
        }
    }
    names
}

/// The text people read as prose: without `quoted` code, placeholders and URLs.
fn prose(text: &str) -> String {
    let mut out = String::new();
    for (i, part) in text.split('`').enumerate() {
        if i % 2 == 0 {
            out.push_str(part);
            out.push(' ');
        }
    }
    let out = fill(&out, |_| Some(String::new()));
    out.split_whitespace()
        .filter(|w| !w.contains("://") && !w.contains('/') && !w.contains('.') || w.ends_with('.'))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Names that stay as they are in Korean text: products, formats, and words on keys.
const KEPT_IN_KOREAN: &[&str] = &[
    "YAML",
    "CSV",
    "JSON",
    "UTF",
    "BOM",
    "EUC",
    "KR",
    "CP949",
    "Excel",
    "GitHub",
    "Git",
    "Pages",
    "Markdown",
    "HTML",
    "SVG",
    "pledgesite",
    "Windows",
    "Enter",
    "Actions",
    "Settings",
    "Source",
    "Notepad",
    "Save",
    "ANSI",
    "URL",
    "ID",
    "PNG",
    "JPG",
    "Ctrl",
    "Zola",
    "Hugo",
    "cmd",
    "HWP",
    "Pretendard",
    "GOV",
    "SIL",
];

#[test]
fn every_entry_has_both_languages_with_the_same_placeholders() {
    let mut seen = BTreeSet::new();
    for (key, entry) in entries() {
        assert!(
            seen.insert(key.clone()),
            "`{key}` is in the catalogue twice"
        );
        assert!(
            !entry.ko.trim().is_empty() && !entry.en.trim().is_empty(),
            "`{key}` is empty"
        );
        assert_eq!(
            placeholders(entry.ko),
            placeholders(entry.en),
            "placeholders of `{key}`"
        );
    }
}

#[test]
fn korean_text_has_no_english_sentence_and_english_no_hangul() {
    let mut wrong = Vec::new();
    for (key, entry) in entries() {
        let ko = prose(entry.ko);
        let english_words: Vec<&str> = ko
            .split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| w.len() >= 3 && !KEPT_IN_KOREAN.contains(w))
            .collect();
        if !english_words.is_empty() {
            wrong.push(format!("ko `{key}`: {english_words:?}"));
        }
        if prose(entry.en)
            .chars()
            .any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c))
        {
            wrong.push(format!("en `{key}` has Hangul"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The dotted key at the start of `rest` if a `"` ends it.
fn key_before_quote(rest: &str) -> Option<String> {
    let key: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '.')
        .collect();
    (rest[key.len()..].starts_with('"') && key.contains('.')).then_some(key)
}

/// Keys named in the code: `msg!("key"` and `"@key"` arguments.
fn keys_in_code() -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for entry in walkdir::WalkDir::new(&src).into_iter().flatten() {
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        // `msg!(` then the key, on the same line or (after `cargo fmt`) the next.
        for (at, _) in text.match_indices("msg!(") {
            let rest = text[at + 5..].trim_start();
            if let Some(rest) = rest.strip_prefix('"') {
                keys.extend(key_before_quote(rest));
            }
        }
        for (at, _) in text.match_indices("\"@") {
            keys.extend(key_before_quote(&text[at + 2..]));
        }
    }
    keys
}

#[test]
fn every_key_in_the_code_is_in_the_catalogue_and_every_entry_is_used() {
    let defined: BTreeSet<String> = entries().into_iter().map(|(k, _)| k).collect();
    let used = keys_in_code();
    let missing: Vec<_> = used.difference(&defined).collect();
    // The command line's help (`cli.*`) is looked up by command and argument name; the
    // binary's tests check that every one of those has its entry and every entry its place.
    let unused: Vec<_> = defined
        .difference(&used)
        .filter(|k| !k.starts_with("cli."))
        .collect();
    assert!(
        missing.is_empty(),
        "used but not in the catalogue: {missing:?}"
    );
    assert!(
        unused.is_empty(),
        "in the catalogue but never used: {unused:?}"
    );
}

#[test]
fn arguments_fill_placeholders_and_terms_translate() {
    let m = msg!(
        "general.not_a_site",
        file = "site.yaml",
        root = "@general.io_not_found"
    );
    assert!(m.render(Lang::Ko).contains("site.yaml"));
    assert!(!m.render(Lang::Ko).contains("@"));
    assert_ne!(m.render(Lang::Ko), m.render(Lang::En));
}
