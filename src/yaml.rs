//! The only module that knows about serde_yaml (deprecated upstream): swapping the YAML crate
//! must stay a change to this one file.

use crate::diagnostics::Diagnostic;
use serde::de::DeserializeOwned;
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
        return Err(Diagnostic::error(
            path,
            format!(
                "YAML block is {} bytes, more than the 4 MiB limit",
                text.len()
            ),
        )
        .at(line_offset + 1, 1)
        .hint("split the data into smaller files"));
    }
    // An empty document means "no fields", not "null".
    let text = if text.trim().is_empty() { "{}" } else { text };
    serde_yaml::from_str(text).map_err(|err| to_diagnostic(&err, text, path, line_offset))
}

fn to_diagnostic(
    err: &serde_yaml::Error,
    text: &str,
    path: &Path,
    line_offset: usize,
) -> Diagnostic {
    let message = strip_location(&err.to_string());
    let (line, column) = match err.location() {
        // Errors raised by our own value checks (such as an unknown status) come back at the
        // start of the document; the offending value, quoted in the message, finds its line.
        Some(l) if l.line() > 1 || l.column() > 1 => (l.line(), l.column()),
        _ => quoted_value_position(&message, text).unwrap_or((1, 1)),
    };
    let (line, column) = (line + line_offset, column);
    let hint = hint_for(&message);
    Diagnostic::error(path, format!("invalid YAML: {message}"))
        .at(line, column)
        .hint(hint)
}

/// The 1-based line and column in `text` of the first `quoted` value of `message`.
fn quoted_value_position(message: &str, text: &str) -> Option<(usize, usize)> {
    let start = message.find('`')? + 1;
    let end = start + message[start..].find('`')?;
    let value = &message[start..end];
    text.lines().enumerate().find_map(|(i, line)| {
        let (key, rest) = line.split_once(':')?;
        let at = rest.find(value)?;
        Some((
            i + 1,
            key.chars().count() + 1 + rest[..at].chars().count() + 1,
        ))
    })
}

/// serde_yaml appends " at line L column C" using its own (block-relative) numbering.
fn strip_location(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

fn hint_for(message: &str) -> String {
    if message.contains("valid values") {
        "use one of the valid values listed above (Korean label or English key)".into()
    } else if message.contains("unknown field") {
        "check the spelling of the field; the valid names are listed above".into()
    } else if message.contains("missing field") {
        "add the field; see docs/content-guide.md for every field and its format".into()
    } else if message.contains("invalid type") {
        "the value has the wrong type: numbers are written without separators (4263, not 4,263); quote text that looks like a number".into()
    } else if message.contains("duplicate") {
        "each key may appear only once in a mapping".into()
    } else if message.contains("recursion limit") || message.contains("repetition limit") {
        "the document nests too deeply or repeats an alias too often; flatten it".into()
    } else {
        "check indentation (spaces, not tabs) and that text containing `: ` or `#` is quoted".into()
    }
}
