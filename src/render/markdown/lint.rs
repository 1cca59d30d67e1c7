//! Korean Markdown lint (warnings): bold that CommonMark will not render, old-style dates, and
//! numbers without thousands separators in tables. It reads the events `render` parsed, so a
//! body is parsed once whether or not it warns.

use crate::diagnostics::{line_col, Diagnostic, LineIndex};
use pulldown_cmark::{Event, Tag, TagEnd};
use std::ops::Range;
use std::path::Path;

/// The lint's problems with one Markdown body, from its parsed events.
pub(super) fn check(
    source: &str,
    path: &Path,
    line_offset: usize,
    lines: &LineIndex,
    events: &[(Event, Range<usize>)],
    problems: &mut Vec<Diagnostic>,
) {
    let (mut in_code, mut in_cell) = (false, false);
    // pulldown-cmark splits text at delimiter runs: consecutive text is checked as one piece.
    let mut text = String::new();
    let mut text_start = 0;
    for (event, range) in events {
        if let Event::Text(t) = event {
            if !in_code {
                if text.is_empty() {
                    text_start = range.start;
                }
                text.push_str(t);
            }
            continue;
        }
        if !text.is_empty() {
            let place = Place::new(source, path, line_offset, lines, text_start);
            check_text(&place, &text, in_cell, problems);
            text.clear();
        }
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Start(Tag::TableCell) => in_cell = true,
            Event::End(TagEnd::TableCell) => in_cell = false,
            _ => {}
        }
    }
    if !text.is_empty() {
        let place = Place::new(source, path, line_offset, lines, text_start);
        check_text(&place, &text, in_cell, problems);
    }
}

/// Where a piece of text starts in its file, to name the line and column of what is found in it.
struct Place<'a> {
    source: &'a str,
    path: &'a Path,
    line_offset: usize,
    start: usize,
    /// The line the text starts on, for what cannot be found as written (escapes, entities).
    line: usize,
}

impl<'a> Place<'a> {
    fn new(
        source: &'a str,
        path: &'a Path,
        line_offset: usize,
        lines: &LineIndex,
        start: usize,
    ) -> Place<'a> {
        let line = line_offset + lines.line(start);
        Place {
            source,
            path,
            line_offset,
            start,
            line,
        }
    }

    /// A problem at `found`, the first place it is written from the text's start on: its
    /// caret under the date or number itself, not at the line's start.
    fn at(&self, found: &str, problem: Diagnostic) -> Diagnostic {
        let rest = self.source.get(self.start..).unwrap_or("");
        match rest.find(found) {
            Some(at) => {
                let (line, column) = line_col(self.source, self.start + at);
                problem.at(self.line_offset + line, column)
            }
            None => problem.at(self.line, 1),
        }
    }
}

/// False only when no check below can fire, so most bodies need no walk over their events:
/// every warning needs `**`, an apostrophe before two digits, or a table with a long number,
/// unless escapes or entities spell them. Each test is a `memchr` scan, without the set-up
/// a substring search costs.
pub(super) fn could_warn(body: &str) -> bool {
    let bytes = body.as_bytes();
    pair_at(bytes, b"**").is_some()
        || has_spaced_link(bytes)
        || memchr::memchr2(b'&', b'\\', bytes).is_some()
        || has_quoted_digits(bytes)
        || has_long_number(bytes)
}

/// `'`, `‘` or `’` followed by two digits.
fn has_quoted_digits(bytes: &[u8]) -> bool {
    memchr::memchr2_iter(b'\'', 0xE2, bytes).any(|i| {
        let after = match &bytes[i..] {
            [b'\'', rest @ ..] | [0xE2, 0x80, 0x98 | 0x99, rest @ ..] => rest,
            _ => return false,
        };
        after.len() >= 2 && after[..2].iter().all(u8::is_ascii_digit)
    })
}

/// A `](` followed by a space before its `)` on the same line: what `spaced_link_target`
/// could report, found without parsing the Markdown.
fn has_spaced_link(bytes: &[u8]) -> bool {
    memchr::memchr_iter(b']', bytes).any(|at| {
        let Some(rest) = bytes[at + 1..].strip_prefix(b"(") else {
            return false;
        };
        let end = memchr::memchr2(b')', b'\n', rest).unwrap_or(rest.len());
        memchr::memchr(b' ', &rest[..end]).is_some()
    })
}

/// A run of 5+ digits, or of 4 that is not a year, from the line of the first `|` on (a table
/// starts there; its later rows need no pipe): what `unseparated_number` could report.
fn has_long_number(bytes: &[u8]) -> bool {
    let Some(pipe) = memchr::memchr(b'|', bytes) else {
        return false;
    };
    let line_start = memchr::memrchr(b'\n', &bytes[..pipe]).map_or(0, |i| i + 1);
    let mut rest = &bytes[line_start..];
    while let Some(start) = rest.iter().position(u8::is_ascii_digit) {
        let run = &rest[start..];
        let len = run.iter().take_while(|b| b.is_ascii_digit()).count();
        let long = match len {
            0..=3 => false,
            4 => !(&b"1900"[..]..=&b"2100"[..]).contains(&&run[..4]),
            _ => true,
        };
        if long {
            return true;
        }
        rest = &run[len..];
    }
    false
}

/// `![사진](사진 1.png)`: Markdown ends a link's address at a space, so the whole thing is
/// published as text. The target as written, when a `](…)` left in the text has a space.
fn spaced_link_target(text: &str) -> Option<String> {
    let start = pair_at(text.as_bytes(), b"](")? + 2;
    let end = start + text[start..].find(')')?;
    let target = text[start..end].trim();
    let is_title = target.contains(" \"") || target.contains(" '");
    (target.contains(' ') && !is_title && !target.starts_with('<')).then(|| target.to_string())
}

/// Where two bytes first occur together: `memchr` for the first, since most text has none
/// (a general substring search costs more to set up than these short texts take to scan).
fn pair_at(bytes: &[u8], pair: &[u8; 2]) -> Option<usize> {
    memchr::memchr_iter(pair[0], bytes).find(|&i| bytes.get(i + 1) == Some(&pair[1]))
}

fn check_text(place: &Place, text: &str, in_cell: bool, out: &mut Vec<Diagnostic>) {
    let path = place.path;
    if pair_at(text.as_bytes(), b"**").is_some() {
        let problem = Diagnostic::warning(path, msg!("lint.bold_unrendered"))
            .hint(msg!("lint.bold_unrendered_hint"));
        out.push(place.at("**", problem));
    }
    if let Some(target) = spaced_link_target(text) {
        let dashed = target.replace(' ', "-");
        let problem = Diagnostic::error(path, msg!("lint.link_space", target = &target)).hint(
            msg!("lint.link_space_hint", target = &target, dashed = dashed),
        );
        out.push(place.at(&target, problem));
    }
    if let Some(date) = old_style_date(text) {
        let problem = Diagnostic::warning(path, msg!("lint.old_date", date = &date)).hint(msg!(
            "lint.old_date_hint",
            month = "2021년 6월",
            day = "2021. 6. 17."
        ));
        out.push(place.at(&date, problem));
    }
    if in_cell {
        if let Some(n) = unseparated_number(text) {
            let problem = Diagnostic::warning(path, msg!("lint.unseparated_number", number = &n))
                .hint(msg!("lint.unseparated_number_hint"));
            out.push(place.at(&n, problem));
        }
    }
}

/// `'21.6월`, `‘19.5.17.`, `'21. 6월`: an apostrophe, two digits and a dot.
fn old_style_date(text: &str) -> Option<String> {
    // `'` is ASCII and 0xE2 starts `‘` and `’`: both are character boundaries.
    memchr::memchr2_iter(b'\'', 0xE2, text.as_bytes()).find_map(|i| date_at(&text[i..]))
}

/// The old-style date `text` starts with, if it starts with one.
fn date_at(text: &str) -> Option<String> {
    let mut chars = text.chars();
    if !matches!(chars.next()?, '\'' | '‘' | '’') {
        return None;
    }
    let quote_len = text.len() - chars.as_str().len();
    let head = chars.as_str().as_bytes();
    if !(head.len() >= 3 && head[..2].iter().all(u8::is_ascii_digit) && head[2] == b'.') {
        return None;
    }
    let mut end = quote_len + 3;
    let mut rest = text[end..].chars().peekable();
    while let Some(c) = rest.next() {
        let spaced_digit = c == ' ' && rest.peek().is_some_and(char::is_ascii_digit);
        if c.is_ascii_digit() || matches!(c, '.' | '월' | '일') || spaced_digit {
            end += c.len_utf8();
        } else {
            break;
        }
    }
    Some(text[..end].to_string())
}

/// A run of 5+ digits, or 4 digits that is not a year (1900–2100), without separators.
fn unseparated_number(text: &str) -> Option<String> {
    let mut run = String::new();
    let check = |run: &str| {
        let year = run.len() == 4 && run.parse::<u32>().is_ok_and(|y| (1900..=2100).contains(&y));
        (run.len() >= 4 && !year).then(|| run.to_string())
    };
    let mut previous = ' ';
    for c in text.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_digit() {
            run.push(c);
        } else {
            // Part of a decimal or an identifier such as "2-1234" is left alone.
            if !run.is_empty() && previous != '.' && c != '.' {
                if let Some(n) = check(&run) {
                    return Some(n);
                }
            }
            if !run.is_empty() || !c.is_ascii_digit() {
                previous = c;
            }
            run.clear();
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The problems `render` finds in `body` when it starts on line 4 of its file.
    fn lint(body: &str) -> Vec<String> {
        let (_, problems) = super::super::tests::render_in(body, "/", 3, false);
        problems
            .into_iter()
            .map(|d| format!("{}: {}", d.line, d.message))
            .collect()
    }

    #[test]
    fn bold_before_a_particle_is_flagged() {
        assert_eq!(
            lint("**마크다운(Markdown)**을 씁니다.\n"),
            ["4: `**` is shown as text: this bold was not rendered"]
        );
        assert!(lint("**마크다운(Markdown)을** 씁니다.\n").is_empty());
        assert!(lint("```\n**코드**는\n```\n").is_empty());
    }

    #[test]
    fn old_style_dates_are_flagged() {
        assert_eq!(
            lint("- 실적\n- ('21. 6월 기준)\n"),
            ["5: old-style date `'21. 6월`"]
        );
        assert_eq!(lint("제정(‘18.10.1.)\n").len(), 1);
        assert!(lint("2021년 6월 기준\n").is_empty());
        assert_eq!(
            lint("정비 ‘21. 6. 17. 완료, '22.1월\n"),
            ["4: old-style date `‘21. 6. 17.`"]
        );
        assert!(lint("`'21.6월`과 'ab.' ‘1.’\n").is_empty());
    }

    #[test]
    fn numbers_in_tables_need_separators() {
        assert_eq!(
            lint("|a|b|\n|-|-|\n|2018|3000|\n"),
            ["6: `3000` in a table has no thousands separators"]
        );
        assert!(lint("|a|\n|-|\n|3,000|\n").is_empty());
        assert!(lint("본문의 3000은 표가 아닙니다\n").is_empty());
        // Spelled with an entity, the number is still found.
        assert_eq!(lint("|a|\n|-|\n|&#51;000|\n").len(), 1);
    }

    #[test]
    fn bodies_that_cannot_warn_are_not_walked_again() {
        assert!(!could_warn(
            "## 추진 배경\n\n- 2022년 3,000개\n\n|연도|값|\n|-|-|\n|2022|3,000|\n"
        ));
        assert!(could_warn("|a|\n|-|\n|30000|\n"));
        assert!(could_warn("('21. 6월 기준)"));
        assert!(could_warn("**굵게**"));
        assert!(could_warn("제정(‘18.10.1.)"));
        assert!(could_warn("![사진](사진 1.png)"));
        assert!(!could_warn("‘안녕’ '가' [링크](a.png) ‘1’"));
    }
}
