//! Long runs of one warning, cut short: a 1,000-pledge site with old-style dates on every page
//! would print thousands of lines that say the same thing (and take a quarter of the build to
//! print). Errors are always shown in full; `check --all` shows every warning.

use super::{Diagnostics, Severity};
use crate::messages::Message;
use std::collections::BTreeMap;

/// More warnings of one code than this are summarised…
const CROWD: usize = 20;
/// …to their first few.
const KEPT: usize = 5;

impl Diagnostics {
    /// The problems to show, with each crowded warning code cut to its first few, and a line
    /// for each code that was cut: how many were left out and how to see them.
    pub fn summarised(&self) -> (Diagnostics, Vec<Message>) {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for d in self.0.iter().filter(|d| d.severity == Severity::Warning) {
            *counts.entry(d.message.key()).or_default() += 1;
        }
        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        let shown = self
            .0
            .iter()
            .filter(|d| {
                let code = d.message.key();
                let crowded = d.severity == Severity::Warning && counts[code] > CROWD;
                let n = seen.entry(code).or_default();
                *n += 1;
                !crowded || *n <= KEPT
            })
            .cloned()
            .collect();
        let lines = counts
            .into_iter()
            .filter(|(_, count)| *count > CROWD)
            .map(|(code, count)| {
                msg!(
                    "general.warnings_cut",
                    code = code,
                    shown = KEPT,
                    count = count,
                    left = count - KEPT
                )
            })
            .collect();
        (Diagnostics(shown), lines)
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::{Diagnostic, Diagnostics};

    #[test]
    fn only_crowded_warnings_are_cut_and_never_errors() {
        let warn = |key: &str| Diagnostic::warning("a.md", crate::messages::Message::new(key));
        let mut all: Vec<Diagnostic> = (0..25).map(|_| warn("lint.old_date")).collect();
        all.extend((0..20).map(|_| warn("lint.bold_unrendered")));
        all.extend(
            (0..30)
                .map(|_| Diagnostic::error("b.md", crate::messages::Message::new("links.broken"))),
        );
        let (shown, lines) = Diagnostics(all).summarised();
        let count = |key: &str| shown.0.iter().filter(|d| d.message.key() == key).count();
        assert_eq!(count("lint.old_date"), 5);
        assert_eq!(count("lint.bold_unrendered"), 20);
        assert_eq!(count("links.broken"), 30);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].arg_value("left"), Some("20"));
    }
}
