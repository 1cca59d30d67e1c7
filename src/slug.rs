//! Anchors and URL slugs from text in any script.

/// `1. 추진배경 (Background)` → `1-추진배경-background`: letters of every script are kept, so
/// Hangul headings get readable anchors that browsers resolve.
pub fn slugify(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if (c.is_whitespace() || c == '-' || c == '_') && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}
