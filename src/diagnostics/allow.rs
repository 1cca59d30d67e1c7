//! Warnings a file turns off for itself, with the reason written where the choice is made.

use super::Diagnostics;
use std::path::{Path, PathBuf};

impl Diagnostics {
    /// Without the warnings a file turned off for itself with a comment line naming their codes,
    /// e.g. `# pledgesite-allow: lint.old_date (the report writes dates this way)` in YAML or
    /// `<!-- pledgesite-allow: lint.old_date -->` in Markdown: a deliberate choice, documented
    /// where it is made, stops being repeated on every build. Errors cannot be turned off.
    /// `text_of` gives a file's text by its path as shown in the diagnostics.
    pub fn without_allowed(mut self, text_of: impl Fn(&Path) -> Option<String>) -> Self {
        let mut allowed: std::collections::HashMap<PathBuf, Vec<String>> = Default::default();
        self.0.retain(|d| {
            if d.is_error() {
                return true;
            }
            let codes = allowed.entry(d.path.clone()).or_insert_with(|| {
                text_of(&d.path)
                    .map(|t| allowed_codes(&t))
                    .unwrap_or_default()
            });
            !codes.iter().any(|c| c == d.message.key())
        });
        self
    }
}

const ALLOW_MARK: &str = "pledgesite-allow:";

/// The codes after each `pledgesite-allow:` of `text` (up to a `(`, `-->` or the line's end).
fn allowed_codes(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|line| Some(&line[line.find(ALLOW_MARK)? + ALLOW_MARK.len()..]))
        .flat_map(|rest| {
            let rest = rest.split(['(', '#']).next().unwrap_or("");
            let rest = rest.split("-->").next().unwrap_or("");
            rest.split([',', ' '])
                .filter(|c| !c.is_empty())
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect()
}
