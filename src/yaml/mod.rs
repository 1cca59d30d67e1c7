//! The only module that knows the YAML crate (serde-saphyr, the maintained successor of
//! serde_yaml): parsing, the position of any value by its path for checks made after parsing,
//! and errors turned into the catalogue's messages — with the slips people make named for what
//! they are (see `slips`).

mod positions;
pub(crate) mod slips;

pub use positions::Positions;

use crate::diagnostics::Diagnostic;
use crate::messages::Message;
use serde::de::DeserializeOwned;
use serde_saphyr::Error;
use std::path::Path;

/// Largest YAML document accepted; guards against enormous files and alias bombs.
const MAX_YAML_BYTES: usize = 4 * 1024 * 1024;

/// Parses `text` as YAML into `T`. `line_offset` is the number of lines in the file before
/// `text` starts (front matter begins after its `---` line), so errors name the file's line.
pub fn parse<T: DeserializeOwned>(
    text: &str,
    path: &Path,
    line_offset: usize,
) -> Result<T, Diagnostic> {
    if text.len() > MAX_YAML_BYTES {
        return Err(
            Diagnostic::error(path, msg!("yaml.too_large", bytes = text.len()))
                .at(line_offset + 1, 1)
                .hint(msg!("yaml.too_large_hint")),
        );
    }
    // An empty document means "no fields", not "null".
    let text = if text.trim().is_empty() { "{}" } else { text };
    // Snippets are the crate's own rendering of an error; ours is the catalogue's message.
    let options = serde_saphyr::options! { with_snippet: false };
    serde_saphyr::from_str_with_options(text, options)
        .map_err(|err| to_diagnostic(&err, text, path, line_offset))
}

/// `parse`, or the value an earlier build parsed from the same text, kept in `kept` as JSON:
/// serde-saphyr takes several hundred instructions a byte, serde_json a few. Only values that
/// parsed are kept; `yaml::tests` checks that every value of the example site and the test
/// sites comes back from JSON the same.
pub fn parse_kept<T: DeserializeOwned + serde::Serialize>(
    text: &str,
    path: &Path,
    line_offset: usize,
    kept: &crate::cache::Store,
) -> Result<T, Diagnostic> {
    if !kept.is_on() {
        return parse(text, path, line_offset);
    }
    let mut key = crate::hash::Key128::default();
    key.add(std::any::type_name::<T>().as_bytes());
    key.add(text.as_bytes());
    let key = key.finish();
    if let Some([json]) = kept.get(key).as_deref() {
        if let Ok(value) = serde_json::from_str(json) {
            return Ok(value);
        }
    }
    let value: T = parse(text, path, line_offset)?;
    if let Ok(json) = serde_json::to_string(&value) {
        kept.put(key, vec![json]);
    }
    Ok(value)
}

/// The front matter's YAML of a whole file's `text`, if it has one that is closed.
pub fn front_matter_of(text: &str) -> Option<&str> {
    let rest = text.strip_prefix("---\n")?;
    front_matter_in(rest).map(|(yaml_text, _)| yaml_text)
}

/// Up to the line that closes the front matter (`---` or `...`): its YAML and where the body
/// starts, in `rest`, the text after the opening `---` line.
pub fn front_matter_in(rest: &str) -> Option<(&str, usize)> {
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" || line.trim_end() == "..." {
            return Some((&rest[..offset], offset + line.len()));
        }
        offset += line.len();
    }
    None
}

/// A value that failed our own check while deserializing (an unknown status, a date that does
/// not exist): serde only carries text, so the catalogue message travels encoded in it and
/// comes back out in `to_diagnostic` with the exact position serde-saphyr adds.
pub fn custom_error<E: serde::de::Error>(message: Message) -> E {
    E::custom(message.encode())
}

/// `custom_error` with a hint of its own.
pub fn custom_error_with_hint<E: serde::de::Error>(message: Message, hint: Message) -> E {
    E::custom(format!("{}{HINT}{}", message.encode(), hint.encode()))
}

/// Between a custom error's message and its hint.
const HINT: char = '\u{2}';

fn to_diagnostic(err: &Error, text: &str, path: &Path, line_offset: usize) -> Diagnostic {
    let (line, column) = err
        .location()
        .map_or((1, 1), |l| (l.line() as usize, l.column() as usize));
    let source_line = text.lines().nth(line.saturating_sub(1)).unwrap_or("");
    let raw = raw_message(err);
    let (message, hint, column) = explain(&raw, source_line, text, line, column);
    let diagnostic = Diagnostic::error(path, message).at(line + line_offset, column);
    match hint {
        Some(hint) => diagnostic.hint(hint),
        None => diagnostic,
    }
}

/// The crate's message without its location and source snippet.
fn raw_message(err: &Error) -> String {
    match err.without_snippet() {
        Error::Message { msg, .. } => msg.clone(),
        other => {
            let text = other.to_string();
            // "line 4 column 1: simple key expected ':'" → "simple key expected ':'"
            let text = text.strip_prefix("error: ").unwrap_or(&text);
            match text.split_once(": ") {
                Some((place, rest)) if place.starts_with("line ") => rest.to_string(),
                _ => text.to_string(),
            }
        }
    }
}

/// What went wrong, in the catalogue's words: a slip on the line first (it explains the
/// crate's message better than the crate can), then the crate's kinds of error.
fn explain(
    raw: &str,
    source_line: &str,
    text: &str,
    line: usize,
    column: usize,
) -> (Message, Option<Message>, usize) {
    let (own, own_hint) = raw.split_once(HINT).unwrap_or((raw, ""));
    if let Some(message) = Message::decode(own) {
        return (message, Message::decode(own_hint), column);
    }
    if let Some(slip) =
        slips::find(source_line, column).or_else(|| slips::in_previous_line(text, line, raw))
    {
        return (slip.message, Some(slip.hint), slip.column);
    }
    let value: String = slips::value_at(source_line, column)
        .chars()
        .take(40)
        .collect();
    let (message, hint) = crate_error(raw, &value);
    (message, Some(hint), column)
}

/// The crate's kinds of error, by its wording, as the catalogue's message and hint.
fn crate_error(raw: &str, value: &str) -> (Message, Message) {
    if let Some(field) = between(raw, "unknown field `", "`") {
        let expected: Vec<&str> = raw
            .split_once("expected one of ")
            .map(|(_, list)| {
                let list = list.split(" at line").next().unwrap_or(list);
                list.split(", ").map(|f| f.trim_matches('`')).collect()
            })
            .unwrap_or_default();
        let message = match crate::messages::closest(field, expected.iter().copied()) {
            Some(near) => msg!("yaml.unknown_field_near", field = field, near = near),
            None => msg!("yaml.unknown_field", field = field),
        };
        return (
            message,
            msg!("yaml.fields_hint", fields = expected.join(", ")),
        );
    }
    if let Some(field) = between(raw, "missing field `", "`") {
        return (
            msg!("yaml.missing_field", field = field),
            msg!("yaml.guide_hint"),
        );
    }
    if let Some(key) = raw.strip_prefix("duplicate mapping key: ") {
        let key = key.split(',').next().unwrap_or(key).trim();
        return (
            msg!("yaml.duplicate_key", key = key),
            msg!("yaml.duplicate_key_hint"),
        );
    }
    let has_any = |words: &[&str]| words.iter().any(|word| raw.contains(word));
    if has_any(&["recursion", "depth", "nest", "budget", "alias"]) {
        return (msg!("yaml.too_deep"), msg!("yaml.too_deep_hint"));
    }
    let number_types = [
        "f64", "f32", "u64", "u32", "u16", "u8", "i64", "i32", "floating", "integer",
    ];
    if raw.starts_with("invalid") && has_any(&number_types) {
        return (
            msg!("yaml.not_a_number", value = value),
            msg!("yaml.not_a_number_hint"),
        );
    }
    if has_any(&[
        "invalid type",
        "invalid value",
        "unexpected event",
        "invalid ",
    ]) {
        return (
            msg!("yaml.wrong_type", value = value),
            msg!("yaml.wrong_type_hint"),
        );
    }
    (msg!("yaml.syntax"), msg!("yaml.syntax_hint"))
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let from = text.find(start)? + start.len();
    let to = from + text[from..].find(end)?;
    Some(&text[from..to])
}

#[cfg(test)]
mod tests;
