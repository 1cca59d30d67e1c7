//! Placeholder text left from `new pledge` or `init` ("공약을 한 문장으로 요약하세요",
//! department `담당부서`): a warning while the site is being written, an error for
//! `check --pages`, so an unedited stub never publishes.

use crate::diagnostics::Diagnostic;
use crate::model::Source;
use std::collections::HashSet;
use std::path::Path;
use std::sync::OnceLock;

pub const KEY: &str = "stub.left";

/// The placeholder texts, and their lengths: most lines of real content have a length no
/// placeholder has, and are passed over without hashing them.
struct Stubs {
    texts: HashSet<&'static str>,
    /// `lengths[n]`: some placeholder is `n` bytes long.
    lengths: Vec<bool>,
}

fn stubs() -> &'static Stubs {
    static STUBS: OnceLock<Stubs> = OnceLock::new();
    STUBS.get_or_init(|| {
        let texts: HashSet<&str> = crate::scaffold::stub_texts().into_iter().collect();
        let mut lengths = vec![false; texts.iter().map(|t| t.len() + 1).max().unwrap_or(0)];
        for text in &texts {
            lengths[text.len()] = true;
        }
        Stubs { texts, lengths }
    })
}

/// A warning for each line of `source` that is still the template's text.
pub fn check(source: &Source) -> Vec<Diagnostic> {
    check_text(&source.path, &source.text, 0)
}

/// The same for `text` of the file `path`, which starts after `line_offset` lines of it.
pub fn check_text(path: &Path, text: &str, line_offset: usize) -> Vec<Diagnostic> {
    let stubs = stubs();
    // Lines found with `memchr`, which is SIMD (`str::lines` is not): a trailing `\r` or an
    // empty last line is trimmed away below like any other space.
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain([text.len()]);
    let mut start = 0;
    ends.map(|end| std::mem::replace(&mut start, end + 1)..end)
        .enumerate()
        .filter_map(|(i, range)| {
            let line = text[range].trim();
            let value = match line.as_bytes().first() {
                Some(b's' | b'd' | b'a') => crate::scaffold::stub_card_value(line),
                _ => None,
            };
            let stub = value.unwrap_or(line);
            let found = stubs.lengths.get(stub.len()) == Some(&true) && stubs.texts.contains(stub);
            found.then(|| {
                Diagnostic::warning(path, msg!("stub.left", text = stub))
                    .at(line_offset + i + 1, 1)
                    .hint(msg!("stub.left_hint"))
            })
        })
        .collect()
}
