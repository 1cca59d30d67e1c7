//! One top-level value of a Markdown file's front matter, rewritten in place. The rest of the
//! file — other keys, comments, the body, the BOM, CRLF — is kept as it is.

use super::EditError;
use std::ops::Range;

/// A Markdown file's text, BOM and line ends as on disk, with its front matter located.
#[derive(Debug, Clone)]
pub struct FrontMatter {
    text: String,
    /// Byte range of the YAML between the `---` lines.
    yaml: Range<usize>,
    crlf: bool,
    changed: bool,
}

/// A value to set: `Plain` values (numbers, dates) are written bare; `Text` is quoted when YAML
/// would read it otherwise, and keeps the quotes it was written with.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Edit<'a> {
    Plain(&'a str),
    Text(&'a str),
}

impl Edit<'_> {
    fn value(&self) -> &str {
        match self {
            Edit::Plain(v) | Edit::Text(v) => v,
        }
    }
}

/// Where a key's value is written: the whole lines it takes, and the value's bytes on its
/// first line (or, for a value on the following lines, the end of that line).
struct Spot {
    /// From the key's line start to the end of its last line (before the line end).
    lines: Range<usize>,
    value: Range<usize>,
    quote: Option<char>,
}

impl FrontMatter {
    pub fn new(text: String) -> Result<FrontMatter, EditError> {
        let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
        let mut lines = line_ranges(&text, start);
        let first = lines.next().ok_or(EditError::NoFrontMatter)?;
        if text[first.clone()].trim_end() != "---" {
            return Err(EditError::NoFrontMatter);
        }
        let crlf = text[first.clone()].ends_with('\r');
        let yaml_start = (first.end + 1).min(text.len());
        let close = lines
            .find(|line| matches!(text[line.clone()].trim_end(), "---" | "..."))
            .ok_or(EditError::NoFrontMatter)?;
        drop(lines);
        Ok(FrontMatter {
            yaml: yaml_start..close.start,
            text,
            crlf,
            changed: false,
        })
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn into_text(self) -> String {
        self.text
    }

    /// The YAML of the front matter, for checking what an edit made.
    pub fn yaml(&self) -> &str {
        &self.text[self.yaml.clone()]
    }

    /// The value of `key` as written (quotes removed, escapes of double quotes undone).
    pub fn get(&self, key: &str) -> Option<String> {
        let spot = self.find(key).ok()??;
        let raw = &self.text[spot.value.clone()];
        Some(match spot.quote {
            Some('"') => unescape_double(&raw[1..raw.len() - 1]),
            Some(_) => raw[1..raw.len() - 1].replace("''", "'"),
            None => raw.to_string(),
        })
    }

    /// Sets `key` to `value`. A key that is not there is added after the key `after` (and its
    /// value's lines) or else at the end of the front matter. Returns whether the text changed.
    pub fn set(&mut self, key: &str, value: Edit, after: Option<&str>) -> Result<bool, EditError> {
        let Some(spot) = self.find(key)? else {
            let at = match after.map(|a| self.find(a)).transpose()?.flatten() {
                Some(anchor) => anchor.lines.end,
                None => self.yaml.end,
            };
            let end = if self.crlf { "\r\n" } else { "\n" };
            let line = format!("{key}: {}", render(value, None));
            // After a line: a line end, then the new line; at the end: the new line, then one.
            let insert = if at == self.yaml.end {
                format!("{line}{end}")
            } else {
                format!("{end}{line}")
            };
            self.splice(at..at, &insert);
            return Ok(true);
        };
        let written = render(value, spot.quote);
        let on_key_line = spot.value.end > spot.value.start;
        let continued = spot.lines.end > line_end(&self.text, spot.lines.start);
        let (range, new) = match (on_key_line, continued) {
            (true, false) if self.text[spot.value.clone()] == written => return Ok(false),
            (true, false) => (spot.value, written),
            // A plain value continued on the next lines: they go with it.
            (true, true) => (spot.value.start..spot.lines.end, written),
            // Written on the following lines (a block, or nothing): the entry becomes one line.
            (false, _) => (spot.lines, format!("{key}: {written}")),
        };
        self.splice(range, &new);
        Ok(true)
    }

    /// Whether any `set` changed the text.
    pub fn changed(&self) -> bool {
        self.changed
    }

    fn splice(&mut self, range: Range<usize>, with: &str) {
        self.changed = true;
        let grow = with.len() as isize - (range.end - range.start) as isize;
        self.text.replace_range(range, with);
        self.yaml.end = (self.yaml.end as isize + grow) as usize;
    }

    /// The top-level `key:` line and the extent of its value.
    fn find(&self, key: &str) -> Result<Option<Spot>, EditError> {
        let mut lines = line_ranges(&self.text, self.yaml.start)
            .take_while(|l| l.start < self.yaml.end)
            .peekable();
        while let Some(line) = lines.next() {
            let content = self.text[line.clone()].trim_end_matches('\r');
            let Some(after) = content.strip_prefix(key).and_then(|r| r.strip_prefix(':')) else {
                continue;
            };
            if !(after.is_empty() || after.starts_with([' ', '\t'])) {
                continue;
            }
            let rest = after.trim_start();
            let value_start = line.start + content.len() - rest.len();
            // The lines that belong to the value: more indented ones (blank ones between them).
            let mut last = line.clone();
            while let Some(next) = lines.peek() {
                let t = &self.text[next.clone()];
                if t.trim().is_empty() {
                    lines.next();
                    continue;
                }
                if !t.starts_with([' ', '\t']) {
                    break;
                }
                last = next.clone();
                lines.next();
            }
            let end = line_end(&self.text, last.start);
            if rest.is_empty() || rest.starts_with(['|', '>', '#']) {
                return Ok(Some(Spot {
                    lines: line.start..end,
                    value: value_start..value_start,
                    quote: None,
                }));
            }
            let (value, quote) = scalar_on_line(rest, key)?;
            if quote.is_some() && last != line {
                return Err(EditError::Unsupported(key.to_string()));
            }
            return Ok(Some(Spot {
                lines: line.start..end,
                value: value_start + value.start..value_start + value.end,
                quote,
            }));
        }
        Ok(None)
    }
}

/// The scalar at the start of `rest` (a line after `key: `): its byte range and its quote.
fn scalar_on_line(rest: &str, key: &str) -> Result<(Range<usize>, Option<char>), EditError> {
    let unsupported = || EditError::Unsupported(key.to_string());
    match rest.chars().next() {
        Some('"') => {
            let mut escaped = false;
            for (i, c) in rest.char_indices().skip(1) {
                match c {
                    '\\' if !escaped => escaped = true,
                    '"' if !escaped => return Ok((0..i + 1, Some('"'))),
                    _ => escaped = false,
                }
            }
            Err(unsupported())
        }
        Some('\'') => {
            let bytes = rest.as_bytes();
            let mut i = 1;
            while i < bytes.len() {
                if bytes[i] == b'\'' {
                    if bytes.get(i + 1) == Some(&b'\'') {
                        i += 2;
                        continue;
                    }
                    return Ok((0..i + 1, Some('\'')));
                }
                i += 1;
            }
            Err(unsupported())
        }
        Some('[' | '{' | '&' | '*' | '!') => Err(unsupported()),
        _ => {
            let end = rest
                .find(" #")
                .or_else(|| rest.find("\t#"))
                .unwrap_or(rest.len());
            Ok((0..rest[..end].trim_end().len(), None))
        }
    }
}

/// `value` as YAML, in the quotes it was written with where it had some.
fn render(value: Edit, quote: Option<char>) -> String {
    let text = value.value();
    let multiline = text.contains(['\n', '\r']);
    match (value, quote) {
        (_, Some('"')) => double_quoted(text),
        (_, Some(_)) if !multiline => format!("'{}'", text.replace('\'', "''")),
        (Edit::Plain(_), _) if plain_safe(text) || text.parse::<f64>().is_ok() => text.to_string(),
        (Edit::Text(_), _) if plain_safe(text) && !reads_as_other(text) => text.to_string(),
        _ => double_quoted(text),
    }
}

fn double_quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn unescape_double(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

/// Whether `text` can be written without quotes and read back as the same text.
fn plain_safe(text: &str) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    !text.starts_with(char::is_whitespace)
        && !text.ends_with(char::is_whitespace)
        && !"-?:,[]{}#&*!|>'\"%@`".contains(first)
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.ends_with(':')
        && !text.chars().any(char::is_control)
}

/// Text that YAML would read as a number, a boolean or null.
fn reads_as_other(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    text.parse::<f64>().is_ok()
        || matches!(
            lower.as_str(),
            "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "~" | "y" | "n"
        )
        || lower.starts_with("0x")
        || lower.starts_with("0o")
        || lower == ".inf"
        || lower == ".nan"
}

/// Each line's byte range from `start`, without its `\n` (a `\r` before it stays).
fn line_ranges(text: &str, start: usize) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut at = start;
    std::iter::from_fn(move || {
        if at >= text.len() {
            return None;
        }
        let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        let range = at..end;
        at = end + 1;
        Some(range)
    })
}

/// The end of the line `at` is on (before `\r\n` or `\n`).
fn line_end(text: &str, at: usize) -> usize {
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    if text[..end].ends_with('\r') {
        end - 1
    } else {
        end
    }
}
