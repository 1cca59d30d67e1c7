//! Problems found in a site, with the place they were found and what to do about them.

mod allow;
mod summary;

use crate::messages::{Lang, Message};
use serde::Serialize;
use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in one file. `line` and `column` are 1-based; 0 means "the whole file".
/// The message and hint are the catalogue's, shown in the reader's language when printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
    pub severity: Severity,
    pub message: Message,
    /// Boxed: most problems have one, but it keeps results that carry a `Diagnostic` small.
    pub hint: Option<Box<Message>>,
}

/// A diagnostic as `check --format json` prints it.
#[derive(Serialize)]
struct Shown<'a> {
    path: &'a Path,
    line: usize,
    column: usize,
    severity: Severity,
    code: &'a str,
    message: String,
    hint: Option<String>,
}

impl Diagnostic {
    pub fn error(path: impl AsRef<Path>, message: Message) -> Self {
        Diagnostic {
            path: path.as_ref().to_path_buf(),
            line: 0,
            column: 0,
            severity: Severity::Error,
            message,
            hint: None,
        }
    }

    pub fn warning(path: impl AsRef<Path>, message: Message) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, message)
        }
    }

    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = line;
        self.column = column;
        self
    }

    pub fn at_position(self, (line, column): (usize, usize)) -> Self {
        self.at(line, column)
    }

    pub fn hint(mut self, hint: Message) -> Self {
        self.hint = Some(Box::new(hint));
        self
    }

    /// `path:line:column`, or the path alone for a problem of the whole file.
    fn place(&self) -> String {
        let mut place = shown_path(&self.path);
        if self.line > 0 {
            place.push_str(&format!(":{}:{}", self.line, self.column.max(1)));
        }
        place
    }

    /// `path:line:column: error: message` and the hint on the next line, in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        let mut out = self.place();
        out.push_str(&format!(
            ": {}: {}",
            severity_word(self.severity, lang),
            self.message.render(lang)
        ));
        if let Some(hint) = &self.hint {
            out.push_str(&format!("\n  {}: {}", hint_word(lang), hint.render(lang)));
        }
        out
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// A path as the person reading it expects: on Windows with `\` throughout (paths are put
/// together from `content/pledges` and file names, which would mix both separators).
pub fn shown_path(path: &Path) -> String {
    let text = path.display().to_string();
    if cfg!(windows) {
        text.replace('/', "\\")
    } else {
        text
    }
}

fn severity_word(severity: Severity, lang: Lang) -> &'static str {
    match (severity, lang) {
        (Severity::Error, Lang::En) => "error",
        (Severity::Warning, Lang::En) => "warning",
        (Severity::Error, Lang::Ko) => "오류",
        (Severity::Warning, Lang::Ko) => "경고",
    }
}

fn hint_word(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "hint",
        Lang::Ko => "도움말",
    }
}

/// In English, for logs and tests.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

/// All problems of one run. It is an error type so the pipeline can stop with `?` once a step
/// found errors, while warnings travel along in the successful result.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(other);
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.0.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.0.len() - self.error_count()
    }

    /// Sorted by file, then position, so output is stable whatever order work ran in.
    pub fn sorted(mut self) -> Self {
        self.0.sort_by(|a, b| {
            (&a.path, a.line, a.column, a.severity, &a.message)
                .cmp(&(&b.path, b.line, b.column, b.severity, &b.message))
        });
        self.0.dedup();
        self
    }

    /// Ok with the warnings when there is no error, otherwise everything as the error.
    pub fn into_result(self) -> Result<Diagnostics, Diagnostics> {
        if self.has_errors() {
            Err(self.sorted())
        } else {
            Ok(self.sorted())
        }
    }

    pub fn to_text(&self, lang: Lang) -> String {
        let mut out = String::new();
        for d in &self.0 {
            out.push_str(&d.render(lang));
            out.push('\n');
        }
        out
    }

    /// For people: each problem with its source line and a caret under the column, files
    /// separated by a blank line, ANSI colour when `colour`. Source lines are read from `root`.
    pub fn to_pretty(&self, root: &Path, colour: bool, lang: Lang) -> String {
        let paint = |code: &str, text: &str| {
            if colour {
                format!("\x1b[{code}m{text}\x1b[0m")
            } else {
                text.to_string()
            }
        };
        // One block per run of problems in the same file, made side by side (each reads its
        // file for the quoted lines), then joined in order.
        let mut runs: Vec<&[Diagnostic]> = Vec::new();
        let mut rest = &self.0[..];
        while let Some(first) = rest.first() {
            let len = rest.iter().take_while(|d| d.path == first.path).count();
            runs.push(&rest[..len]);
            rest = &rest[len..];
        }
        use rayon::prelude::*;
        let blocks: Vec<String> = runs
            .par_iter()
            .map(|run| pretty_run(run, root, &paint, lang))
            .collect();
        blocks.join("\n")
    }

    pub fn to_json(&self, lang: Lang) -> String {
        let shown: Vec<Shown> = self
            .0
            .iter()
            .map(|d| Shown {
                path: &d.path,
                line: d.line,
                column: d.column,
                severity: d.severity,
                code: d.message.key(),
                message: d.message.render(lang),
                hint: d.hint.as_ref().map(|h| h.render(lang)),
            })
            .collect();
        serde_json::to_string_pretty(&shown).unwrap_or_else(|_| "[]".into())
    }
}

/// In English, for logs and tests.
impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.to_text(Lang::En).trim_end())
    }
}

impl std::error::Error for Diagnostics {}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics(vec![d])
    }
}

/// One file's problems, each with the line it points at.
fn pretty_run(
    run: &[Diagnostic],
    root: &Path,
    paint: &(dyn Fn(&str, &str) -> String + Sync),
    lang: Lang,
) -> String {
    let text = run
        .first()
        .and_then(|d| std::fs::read(root.join(&d.path)).ok());
    let text = text.map_or_else(String::new, |b| String::from_utf8_lossy(&b).into_owned());
    let lines: Vec<&str> = text.lines().collect();
    let mut out = String::new();
    for d in run {
        // A warning shows its code: the name to write after `pledgesite-allow:`.
        let severity = match d.severity {
            Severity::Error => severity_word(d.severity, lang).to_string(),
            Severity::Warning => {
                format!("{}[{}]", severity_word(d.severity, lang), d.message.key())
            }
        };
        let code = match d.severity {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
        };
        out.push_str(&format!(
            "{}: {}: {}\n",
            paint("1", &d.place()),
            paint(code, &severity),
            d.message.render(lang)
        ));
        if let Some(text) = d.line.checked_sub(1).and_then(|i| lines.get(i)) {
            let (excerpt, caret_at) = excerpt(text, d.column.max(1));
            let (excerpt, caret_at, invisible) = show_invisible(&excerpt, caret_at);
            let number = d.line.to_string();
            let gutter = " ".repeat(number.len());
            out.push_str(&format!(" {} | {excerpt}\n", paint("34", &number)));
            out.push_str(&format!(
                " {gutter} | {}{}\n",
                " ".repeat(caret_at),
                paint(code, "^")
            ));
            if let Some(c) = invisible {
                let code = format!("U+{:04X}", c as u32);
                let note = msg!("general.invisible_space", code = code);
                out.push_str(&format!("  {}\n", note.render(lang)));
            }
        }
        if let Some(hint) = &d.hint {
            out.push_str(&format!(
                "  {}: {}\n",
                paint("36", hint_word(lang)),
                hint.render(lang)
            ));
        }
    }
    out
}

/// The source line around `column` (1-based, in characters), at most ~100 characters wide,
/// and the terminal column of the caret within it.
fn excerpt(line: &str, column: usize) -> (String, usize) {
    const WIDTH: usize = 100;
    let chars: Vec<char> = line
        .trim_start_matches('\u{feff}')
        .chars()
        .map(|c| if c == '\t' { ' ' } else { c })
        .collect();
    let column = column.min(chars.len() + 1) - 1;
    let start = column
        .saturating_sub(WIDTH / 2)
        .min(chars.len().saturating_sub(WIDTH));
    let end = (start + WIDTH).min(chars.len());
    let mut text: String = chars[start..end].iter().collect();
    let mut caret: usize = chars[start..column.max(start)]
        .iter()
        .map(|c| display_width(*c))
        .sum();
    if start > 0 {
        text.insert(0, '…');
        caret += 1;
    }
    if end < chars.len() {
        text.push('…');
    }
    (text, caret)
}

/// Spaces that look like a space, or like nothing, but are not one to YAML, CSV or a
/// comparison: copied from a web page, HWP or Excel (no-break, ideographic, zero-width).
fn is_invisible_space(c: char) -> bool {
    matches!(
        c,
        '\u{00A0}' | '\u{2000}'
            ..='\u{200D}' | '\u{202F}' | '\u{205F}' | '\u{2060}' | '\u{3000}' | '\u{FEFF}'
    )
}

/// The excerpt with each invisible space shown as `[U+00A0]`, the caret moved to match, and
/// the first such character, so the reader is told what it is.
fn show_invisible(text: &str, caret: usize) -> (String, usize, Option<char>) {
    if !text.chars().any(is_invisible_space) {
        return (text.to_string(), caret, None);
    }
    let (mut out, mut width, mut new_caret, mut first) = (String::new(), 0, caret, None);
    for c in text.chars() {
        if is_invisible_space(c) {
            let shown = format!("[U+{:04X}]", c as u32);
            if width < caret {
                new_caret += shown.len() - display_width(c);
            }
            out.push_str(&shown);
            first.get_or_insert(c);
        } else {
            out.push(c);
        }
        width += display_width(c);
    }
    (out, new_caret, first)
}

/// Terminal columns a character takes: Hangul and other wide characters take two.
fn display_width(c: char) -> usize {
    let wide = matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA960..=0xA97F | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6);
    if wide {
        2
    } else {
        1
    }
}

/// Line numbers of byte offsets in one text, found by binary search over its line starts, so
/// asking for many offsets does not rescan the text each time.
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let newlines = memchr::memchr_iter(b'\n', text.as_bytes());
        let starts = std::iter::once(0).chain(newlines.map(|i| i + 1)).collect();
        LineIndex { starts }
    }

    /// 1-based line of `offset`.
    pub fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|start| *start <= offset)
    }
}

/// 1-based line and column of a byte offset in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_agrees_with_line_col() {
        let text = "가\n\nabc\n라마\n";
        let index = LineIndex::new(text);
        for offset in 0..=text.len() {
            if text.is_char_boundary(offset) {
                assert_eq!(
                    index.line(offset),
                    line_col(text, offset).0,
                    "offset {offset}"
                );
            }
        }
    }
}
