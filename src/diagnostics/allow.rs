//! Warnings a file turns off for itself, with the reason written where the choice is made.

use super::Diagnostics;
use std::borrow::Cow;
use std::path::{Path, PathBuf};

impl Diagnostics {
    /// Without the warnings a file turned off for itself with a comment line naming their codes,
    /// e.g. `# pledgesite-allow: lint.old_date (the report writes dates this way)` in YAML or
    /// `<!-- pledgesite-allow: lint.old_date -->` in Markdown: a deliberate choice, documented
    /// where it is made, stops being repeated on every build. Errors cannot be turned off.
    /// `text_of` gives a file's text by its path as shown in the diagnostics.
    pub fn without_allowed<'t>(
        mut self,
        text_of: impl Fn(&Path) -> Option<Cow<'t, str>> + Sync,
    ) -> Self {
        use rayon::prelude::*;
        // Each file with a warning is read once, side by side: a site of thousands of pages
        // can warn in thousands of files.
        let paths: std::collections::BTreeSet<&Path> = self
            .0
            .iter()
            .filter(|d| !d.is_error())
            .map(|d| d.path.as_path())
            .collect();
        let allowed: std::collections::HashMap<PathBuf, Vec<String>> = paths
            .into_par_iter()
            .map(|path| {
                let codes = text_of(path).map(|t| allowed_codes(&t));
                (path.to_path_buf(), codes.unwrap_or_default())
            })
            .collect();
        self.0.retain(|d| {
            let codes = allowed.get(&d.path);
            d.is_error() || !codes.is_some_and(|c| c.iter().any(|c| c == d.message.key()))
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
            // A file saved with Windows line ends read from disk keeps its `\r`.
            rest.split([',', ' ', '\r'])
                .filter(|c| !c.is_empty())
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::allowed_codes;

    #[test]
    fn codes_are_read_with_or_without_a_reason_and_windows_line_ends() {
        let yaml = "status: 완료 # pledgesite-allow: card.schedule_outside_term, lint.old_date\r\n";
        assert_eq!(
            allowed_codes(yaml),
            ["card.schedule_outside_term", "lint.old_date"]
        );
        let markdown = "<!-- pledgesite-allow: lint.old_date (보고서 표기) -->\r\n";
        assert_eq!(allowed_codes(markdown), ["lint.old_date"]);
        assert!(allowed_codes("pledgesite-allow 없음\n").is_empty());
    }
}
