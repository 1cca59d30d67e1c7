//! Text that still names the old reporting date after `quarter` moved it ("2026년 3월 31일
//! 기준" in the home page's text): listed by file and line for a person to update, never
//! rewritten, since only a person knows what the sentence should now say.

use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq)]
pub struct Stale {
    pub path: PathBuf,
    pub line: usize,
    /// The line as written, trimmed.
    pub text: String,
}

/// The lines of `text` that name `date` (`YYYY-MM-DD`) the ways Korean documents write it,
/// leaving out `as_of:` and the dated entries of `changes:`, which are meant to name it.
pub fn find(path: &Path, text: &str, date: &str) -> Vec<Stale> {
    let forms = forms(date);
    let mut found = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim().trim_start_matches('\u{feff}');
        let dated_key = ["as_of:", "date:", "- date:"]
            .iter()
            .any(|k| trimmed.starts_with(k));
        if dated_key || trimmed.starts_with('#') && !trimmed.starts_with("# ") {
            continue;
        }
        if forms.iter().any(|f| line.contains(f.as_str())) {
            found.push(Stale {
                path: path.to_path_buf(),
                line: i + 1,
                text: trimmed.chars().take(120).collect(),
            });
        }
    }
    found
}

/// `2026-03-31` as written in documents: `2026년 3월 31일`, `2026. 3. 31.`, `2026.03.31`,
/// `'26. 3. 31.`, `2026년 3월말`, `2026년 3월 기준`.
fn forms(date: &str) -> Vec<String> {
    let parts: Vec<&str> = date.split('-').collect();
    let [y, m, d] = parts[..] else {
        return vec![date.to_string()];
    };
    let (mi, di) = (m.trim_start_matches('0'), d.trim_start_matches('0'));
    let yy = &y[2..];
    vec![
        date.to_string(),
        format!("{y}년 {mi}월 {di}일"),
        format!("{y}년 {m}월 {d}일"),
        format!("{y}. {mi}. {di}"),
        format!("{y}.{mi}.{di}"),
        format!("{y}.{m}.{d}"),
        format!("{y}/{m}/{d}"),
        format!("'{yy}. {mi}. {di}"),
        format!("'{yy}.{mi}.{di}"),
        format!("{y}년 {mi}월말"),
        format!("{y}년 {mi}월 말"),
        format!("{y}년 {mi}월 기준"),
        format!("{y}년 {mi}월 현재"),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_old_date_is_found_in_the_ways_it_is_written() {
        let text = "---\nas_of: 2026-03-31\nchanges:\n  - date: 2026-03-31\n---\n\
                    공약 카드에는 2026년 3월 31일 기준 현황을 적었습니다.\n(2026. 3. 31. 현재)\n2026년 3월말 실적\n2026년 6월 30일\n";
        let lines: Vec<usize> = find(Path::new("a.md"), text, "2026-03-31")
            .iter()
            .map(|s| s.line)
            .collect();
        assert_eq!(lines, vec![6, 7, 8]);
    }
}
