//! Every sentence the tool shows a person — errors, warnings, hints, summaries, the output of
//! `init`, `new` and `snapshot` — in Korean and English, from one catalogue: the YAML files in
//! this folder, one entry per message with its `ko` and `en` text side by side, so a translator
//! reads and edits them in one place. Code refers to a message by its key with `msg!`
//! and fills `{placeholders}`; the language is chosen only when the message is shown, so the
//! pipeline never needs to know it.

use std::fmt;

// The catalogue, src/messages/*.yaml, as a table build.rs makes: the YAML is for translators;
// the program never parses it (nor any other YAML) to speak.
include!(concat!(env!("OUT_DIR"), "/catalogue.rs"));

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Ko,
    En,
}

impl Lang {
    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "ko" | "kr" | "korean" | "한국어" => Some(Lang::Ko),
            "en" | "english" => Some(Lang::En),
            _ => None,
        }
    }
}

const ENCODED: char = '\u{1}';
const SEPARATOR: char = '\u{1f}';

/// A message of the catalogue with its arguments, shown in either language.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Message {
    key: String,
    args: Vec<(String, String)>,
}

/// `msg!("key", name = value, …)`: the catalogue's message `key` with `{name}` filled in.
#[macro_export]
macro_rules! msg {
    ($key:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::messages::Message::new($key)$(.arg(stringify!($name), $value))*
    };
}

impl Message {
    pub fn new(key: &str) -> Message {
        Message {
            key: key.to_string(),
            args: Vec::new(),
        }
    }

    pub fn arg(mut self, name: &str, value: impl fmt::Display) -> Message {
        self.args.push((name.to_string(), value.to_string()));
        self
    }

    pub fn key(&self) -> &str {
        &self.key
    }

    /// The value given for placeholder `name`, as text.
    pub fn arg_value(&self, name: &str) -> Option<&str> {
        self.args
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The message as one line of text, for carrying it through an error type that only
    /// holds text (serde's); `decode` gives it back.
    pub fn encode(&self) -> String {
        let mut out = format!("{ENCODED}{}", self.key);
        for (name, value) in &self.args {
            out.push_str(&format!("{SEPARATOR}{name}={value}"));
        }
        out
    }

    pub fn decode(text: &str) -> Option<Message> {
        let mut parts = text.strip_prefix(ENCODED)?.split(SEPARATOR);
        let mut message = Message::new(parts.next()?);
        for part in parts {
            let (name, value) = part.split_once('=')?;
            message = message.arg(name, value);
        }
        Some(message)
    }

    /// The text in `lang`. An argument may itself be a key of the catalogue written as
    /// `@key` (a term such as a field's name that has a translation); it is translated too.
    pub fn render(&self, lang: Lang) -> String {
        let Some(template) = text_of(&self.key, lang) else {
            // Missing from the catalogue: a test fails on that; show something useful anyway.
            let args: Vec<String> = self.args.iter().map(|(_, v)| v.clone()).collect();
            return format!("{} {}", self.key, args.join(" "));
        };
        fill(template, |name| {
            self.args
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, value)| match value.strip_prefix('@') {
                    Some(key) => text_of(key, lang).unwrap_or(value).to_string(),
                    None => value.clone(),
                })
        })
    }
}

/// English, for logs and tests; people see `render` in their language.
impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

impl std::error::Error for Message {}

/// An error of the command or the machine, its causes joined by `: `, each in `lang`:
/// the catalogue's messages rendered, the system's file errors explained in its words.
pub fn render_error(err: &anyhow::Error, lang: Lang) -> String {
    // `chain()` shows a `.context(msg!(..))` through anyhow's wrapper, which only `Display`s it
    // (in English); `downcast_ref` on the error itself sees the outermost message.
    let first = err.downcast_ref::<Message>().map(|m| m.render(lang));
    let skip = usize::from(first.is_some());
    let parts: Vec<String> = first
        .into_iter()
        .chain(err.chain().skip(skip).map(|cause| {
            if let Some(message) = cause.downcast_ref::<Message>() {
                message.render(lang)
            } else if let Some(io) = cause.downcast_ref::<std::io::Error>() {
                io_reason(io).render(lang)
            } else {
                cause.to_string()
            }
        }))
        .collect();
    parts.join(": ")
}

/// `io_reason` as an argument of another message: `@key` of the reason (translated when shown),
/// or the system's error number where the catalogue has no words for it.
pub fn io_reason_term(err: &std::io::Error) -> String {
    let reason = io_reason(err);
    match reason.args.first() {
        None => format!("@{}", reason.key),
        Some(_) => format!("os error {}", err.raw_os_error().unwrap_or(0)),
    }
}

/// Why a file could not be read or written, in the reader's words.
pub fn io_reason(err: &std::io::Error) -> Message {
    use std::io::ErrorKind;
    match err.kind() {
        ErrorKind::NotFound => msg!("general.io_not_found"),
        ErrorKind::PermissionDenied => msg!("general.io_permission"),
        ErrorKind::AlreadyExists => msg!("general.io_exists"),
        ErrorKind::AddrInUse => msg!("general.io_addr_in_use"),
        // Windows' sharing and lock violations: another program has the file open.
        _ if matches!(err.raw_os_error(), Some(32 | 33)) => msg!("general.io_held"),
        _ => match err.raw_os_error() {
            Some(code) => msg!("general.io_other", code = code),
            None => msg!("general.io_unknown"),
        },
    }
}

/// `template` with each `{name}` replaced by `value(name)`; unknown names stay as written.
fn fill(template: &str, value: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').and_then(|close| {
            let name = &after[..close];
            let is_name =
                !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            is_name.then(|| value(name).map(|v| (v, close)))?
        }) {
            Some((v, close)) => {
                out.push_str(&v);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `text` as people mean it when they compare words: without spaces, hyphens, underscores
/// and middle dots, in lower case (`On Track`, `on-track` and `ontrack` are one word).
pub fn comparable(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '_' | '·'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The candidate most like `word` ("did you mean"), if one is close enough to be a slip:
/// compared without spaces, hyphens and case, within a third of the word's length in edits,
/// or the one containing it / contained in it.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let plain = |w: &str| -> Vec<char> { comparable(w).chars().collect() };
    let word = plain(word);
    if word.is_empty() {
        return None;
    }
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        let c = plain(candidate);
        let distance = edit_distance(&word, &c);
        let contains = c.len() >= 2
            && (word.windows(c.len()).any(|w| w == c.as_slice())
                || c.windows(word.len().max(1)).any(|w| w == word.as_slice()));
        let limit = (word.len().max(c.len()) / 3).max(1);
        let score = if contains {
            distance.min(limit)
        } else {
            distance
        };
        if (score <= limit) && best.is_none_or(|(b, _)| score < b) {
            best = Some((score, candidate));
        }
    }
    best.map(|(_, c)| c)
}

fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            current.push(
                (previous[j] + cost)
                    .min(previous[j + 1] + 1)
                    .min(current[j] + 1),
            );
        }
        previous = current;
    }
    previous[b.len()]
}

/// Every key of the catalogue.
pub fn keys() -> impl Iterator<Item = &'static str> {
    ENTRIES.iter().map(|(key, _, _)| *key)
}

/// The catalogue's text of `key` in `lang`.
pub fn text_of(key: &str, lang: Lang) -> Option<&'static str> {
    let at = ENTRIES.binary_search_by(|(k, _, _)| (*k).cmp(key)).ok()?;
    let (_, ko, en) = ENTRIES[at];
    Some(match lang {
        Lang::Ko => ko,
        Lang::En => en,
    })
}

#[cfg(test)]
mod tests;
