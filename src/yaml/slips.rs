//! The slips people make in YAML, found on the line an error points at and named for what they
//! are, with the right form as an example. The crate's own message for them misleads:
//! `{ total: 1,200 }` reads as a field named `200`, `department：` as a missing `:`.

use crate::messages::Message;

pub struct Slip {
    pub message: Message,
    pub hint: Message,
    /// 1-based column (in characters) of the slip on its line.
    pub column: usize,
}

fn slip(message: Message, hint: Message, column: usize) -> Option<Slip> {
    Some(Slip {
        message,
        hint,
        column,
    })
}

/// A slip on `line`, preferring one at or after `column` where the error was found.
pub fn find(line: &str, column: usize) -> Option<Slip> {
    let chars: Vec<char> = line.chars().collect();
    let at = |needle: char| chars.iter().position(|c| *c == needle).map(|i| i + 1);
    if let Some(col) = at('：') {
        let key: String = chars[..col - 1]
            .iter()
            .collect::<String>()
            .trim()
            .to_string();
        return slip(
            msg!("slip.fullwidth_colon", key = &key),
            msg!("slip.fullwidth_colon_hint", key = key),
            col,
        );
    }
    if let Some(col) = chars
        .iter()
        .take_while(|c| c.is_whitespace())
        .position(|c| *c == '\t')
    {
        return slip(msg!("slip.tab"), msg!("slip.tab_hint"), col + 1);
    }
    if let Some(col) = at('\u{3000}') {
        return slip(
            msg!("slip.fullwidth_space"),
            msg!("slip.fullwidth_space_hint"),
            col,
        );
    }
    // Each value on the line (`key: value`, also inside `{ }`), the one at the error first.
    let mut starts: Vec<usize> = value_starts(line);
    starts.sort_by_key(|s| s.abs_diff(column));
    for value_column in starts {
        if let Some(found) = value_slip(line, value_column) {
            return Some(found);
        }
    }
    if let Some((key, _)) = key_without_space(line) {
        return slip(
            msg!("slip.no_space", key = &key),
            msg!("slip.no_space_hint", key = key),
            1,
        );
    }
    None
}

/// Some parser errors are found on the line after the slip (a key with a full-width colon is
/// read as text continuing onto the next line).
pub fn in_previous_line(text: &str, line: usize, raw: &str) -> Option<Slip> {
    if !(raw.contains("expected ':'")
        || raw.contains("mapping values")
        || raw.contains("could not find"))
    {
        return None;
    }
    let previous = text.lines().nth(line.checked_sub(2)?)?;
    let found = find(previous, 1)?;
    // Only slips that break the structure; a `1,200` on the previous line did not cause this.
    matches!(
        found.message.key(),
        "slip.fullwidth_colon" | "slip.no_space" | "slip.tab"
    )
    .then_some(found)
}

/// 1-based columns where a value starts: after each `: ` (block or flow) and after `- `.
fn value_starts(line: &str) -> Vec<usize> {
    let chars: Vec<char> = line.chars().collect();
    (1..chars.len())
        .filter(|&i| chars[i] == ' ' && matches!(chars[i - 1], ':' | '-'))
        .map(|i| i + 2)
        .filter(|&c| c <= chars.len())
        .collect()
}

/// A number or date written the way people write it but YAML does not read, at `column`.
fn value_slip(line: &str, column: usize) -> Option<Slip> {
    let value = value_at(line, column);
    if let Some(number) = thousands(&value) {
        let plain = number.replace(',', "");
        let message = if line.contains('{') {
            msg!("slip.thousands_in_braces", value = &number)
        } else {
            msg!("slip.thousands", value = &number)
        };
        let hint = msg!("slip.thousands_hint", value = number, plain = plain);
        return slip(message, hint, column);
    }
    if let Some(number) = value
        .strip_suffix('%')
        .filter(|n| n.trim().parse::<f64>().is_ok())
    {
        let hint = msg!("slip.percent_hint", plain = number.trim());
        return slip(msg!("slip.percent", value = &value), hint, column);
    }
    if let Some(date) = dotted_date(&value) {
        let hint = msg!("slip.date_hint", example = date);
        return slip(msg!("slip.date_format", value = &value), hint, column);
    }
    None
}

/// The scalar starting at 1-based `column` of `line`, up to a flow delimiter or comment.
pub fn value_at(line: &str, column: usize) -> String {
    let rest: String = line.chars().skip(column.saturating_sub(1)).collect();
    let mut value = String::new();
    let mut chars = rest.chars().peekable();
    while let Some(c) = chars.next() {
        // `1,200` keeps its comma; `a, b` in a flow list ends the value.
        if c == ','
            && chars.peek().is_some_and(|n| n.is_ascii_digit())
            && value.ends_with(|p: char| p.is_ascii_digit())
        {
            value.push(c);
            continue;
        }
        if matches!(c, ',' | '}' | ']' | '#') {
            break;
        }
        value.push(c);
    }
    value.trim().trim_matches(['"', '\'']).to_string()
}

/// `1,200` or `4,263.5` (digits grouped by commas), as written.
fn thousands(value: &str) -> Option<String> {
    let number = value.trim();
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    let groups: Vec<&str> = whole.trim_start_matches('-').split(',').collect();
    let grouped = groups.len() > 1
        && (1..=3).contains(&groups[0].len())
        && groups
            .iter()
            .all(|g| !g.is_empty() && g.chars().all(|c| c.is_ascii_digit()))
        && groups[1..].iter().all(|g| g.len() == 3)
        && fraction.chars().all(|c| c.is_ascii_digit());
    grouped.then(|| number.to_string())
}

/// `2025.9.30`, `2025/9/30`, `2025. 9. 30.` or `2025년 9월 30일` as `2025-09-30`.
pub fn dotted_date(value: &str) -> Option<String> {
    let parts: Vec<&str> = value
        .split(|c: char| matches!(c, '.' | '/' | '년' | '월' | '일') || c.is_whitespace())
        .filter(|p| !p.is_empty())
        .collect();
    let numbers: Vec<u32> = parts
        .iter()
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    let separated = value.contains(['.', '/', '년']);
    match numbers.as_slice() {
        [y, m, d]
            if separated
                && (1900..=2200).contains(y)
                && (1..=12).contains(m)
                && (1..=31).contains(d) =>
        {
            Some(format!("{y}-{m:02}-{d:02}"))
        }
        [y, m] if separated && (1900..=2200).contains(y) && (1..=12).contains(m) => {
            Some(format!("{y}-{m:02}"))
        }
        _ => None,
    }
}

/// `status:완료` (no space after the colon), which YAML reads as one piece of text.
fn key_without_space(line: &str) -> Option<(String, String)> {
    let trimmed = line.trim_start();
    let (key, value) = trimmed.split_once(':')?;
    let is_key = !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    (is_key && !value.is_empty() && !value.starts_with([' ', '/']))
        .then(|| (key.to_string(), value.to_string()))
}
