//! Reading source files as text: UTF-8 with or without BOM, CRLF or LF, within a size limit.

use crate::diagnostics::Diagnostic;
use std::path::Path;

/// Text files larger than this are refused rather than slowing every build down.
pub const MAX_TEXT_BYTES: u64 = 8 * 1024 * 1024;

/// Reads `abs` and returns its text with the BOM removed and line ends normalised to `\n`,
/// so every later step (and every line number) is the same for Windows and Unix files.
pub fn read(abs: &Path, shown: &Path) -> Result<String, Diagnostic> {
    let cannot = |e: std::io::Error| {
        let held = held_by_another_program(&e);
        let problem = Diagnostic::error(
            shown,
            msg!(
                "text.unreadable",
                reason = crate::messages::io_reason_term(&e)
            ),
        );
        if held {
            problem.hint(msg!("text.held_hint"))
        } else {
            problem
        }
    };
    let mut file = open(abs).map_err(cannot)?;
    let size = file.metadata().map_err(cannot)?.len();
    if size > MAX_TEXT_BYTES {
        return Err(
            Diagnostic::error(shown, msg!("text.too_large", bytes = size))
                .hint(msg!("text.too_large_hint")),
        );
    }
    let mut bytes = Vec::with_capacity(size as usize);
    std::io::Read::read_to_end(&mut file, &mut bytes).map_err(cannot)?;
    decode(bytes, shown)
}

/// Opens `abs`, waiting up to two seconds while another program holds it: on Windows an editor
/// or Excel keeps a file locked for a moment while saving it, just when `serve --watch` reads.
fn open(abs: &Path) -> std::io::Result<std::fs::File> {
    let mut tries = 0;
    loop {
        match std::fs::File::open(abs) {
            Err(e) if held_by_another_program(&e) && tries < 40 => {
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            other => return other,
        }
    }
}

/// Windows' sharing and lock violations (ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION).
fn held_by_another_program(e: &std::io::Error) -> bool {
    cfg!(windows) && matches!(e.raw_os_error(), Some(32 | 33))
}

pub fn decode(bytes: Vec<u8>, shown: &Path) -> Result<String, Diagnostic> {
    // Checked with SIMD and copied: the standard check goes byte by byte through Hangul and
    // costs more than the copy (7 % of a Markdown-only build).
    if let Ok(text) = simdutf8::basic::from_utf8(&bytes) {
        return Ok(normalise(text.to_owned()));
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let offset = err.utf8_error().valid_up_to();
            let bytes = err.into_bytes();
            let line = bytes[..offset].iter().filter(|b| **b == b'\n').count() + 1;
            let message = if looks_like_euc_kr(&bytes) {
                msg!("text.not_utf8_euc_kr")
            } else {
                msg!("text.not_utf8_unknown")
            };
            // Windows has no converter at hand: the hint says how to save the file again as
            // UTF-8 in the program it most likely came from.
            let file = crate::diagnostics::shown_path(shown);
            let is_csv = shown
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
            let hint = if is_csv {
                msg!("text.resave_csv_hint", file = file)
            } else {
                msg!("text.resave_hint", file = file)
            };
            return Err(Diagnostic::error(shown, message).at(line, 1).hint(hint));
        }
    };
    Ok(normalise(text))
}

/// Without a BOM, line ends as `\n`.
fn normalise(text: String) -> String {
    let mut text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    // `memchr` is SIMD; `str::contains(char)` is not.
    if memchr::memchr(b'\r', text.as_bytes()).is_some() {
        text = text.replace("\r\n", "\n").replace('\r', "\n");
    }
    text
}

/// EUC-KR/CP949 Hangul are byte pairs with a lead byte 0x81–0xFE and a trail byte 0x41–0xFE.
fn looks_like_euc_kr(bytes: &[u8]) -> bool {
    let (mut pairs, mut bad) = (0usize, 0usize);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            i += 1;
            continue;
        }
        match bytes.get(i + 1) {
            Some(t) if (0x81..=0xFE).contains(&b) && (0x41..=0xFE).contains(t) => pairs += 1,
            _ => bad += 1,
        }
        i += 2;
    }
    pairs > 0 && bad * 10 < pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_and_crlf_are_normalised() {
        let text = decode(
            b"\xef\xbb\xbf---\r\ntitle: x\r\n---\r\n".to_vec(),
            Path::new("a.md"),
        );
        assert_eq!(text.unwrap(), "---\ntitle: x\n---\n");
    }

    #[test]
    fn euc_kr_is_named() {
        // "공약" in EUC-KR
        let err = decode(b"title: \xb0\xf8\xbe\xe0\n".to_vec(), Path::new("a.md")).unwrap_err();
        assert_eq!(err.message.key(), "text.not_utf8_euc_kr");
        assert!(err.message.to_string().contains("EUC-KR"), "{err}");
        assert_eq!(err.line, 1);
        let hint = err.hint.expect("a hint").to_string();
        assert!(hint.contains("UTF-8") && !hint.contains("iconv"), "{hint}");
    }
}
