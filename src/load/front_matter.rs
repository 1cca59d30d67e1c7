//! Splitting a Markdown file into its `---` YAML front matter and its body.

use crate::cache::Store;
use crate::diagnostics::Diagnostic;
use crate::model::Body;
use crate::yaml;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::path::Path;

/// Parses the front matter of `text` into `T` (or takes it from `kept`) and returns it with
/// the body.
pub fn split<T: DeserializeOwned + Serialize>(
    text: &str,
    path: &Path,
    kept: &Store,
) -> Result<(T, Body), Diagnostic> {
    let Some(rest) = text
        .strip_prefix("---\n")
        .or(if text == "---" { Some("") } else { None })
    else {
        let hint = if text.trim().is_empty() {
            msg!("front.empty_file_hint")
        } else if text.trim_start().lines().next().map(str::trim_end) == Some("---") {
            // `---` is there, after empty lines or with spaces around it.
            msg!("front.first_line_hint")
        } else {
            msg!("front.start_hint")
        };
        return Err(Diagnostic::error(path, msg!("front.missing"))
            .at(1, 1)
            .hint(hint));
    };
    if let Some((yaml_text, body_start)) = yaml::front_matter_in(rest) {
        let meta = yaml::parse_kept(yaml_text, path, 1, kept)?;
        let line_offset = 2 + yaml_text.matches('\n').count();
        return Ok((
            meta,
            Body {
                markdown: rest[body_start..].to_string(),
                line_offset,
            },
        ));
    }
    Err(Diagnostic::error(path, msg!("front.not_closed"))
        .at(1, 1)
        .hint(msg!("front.not_closed_hint")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    type Map = BTreeMap<String, String>;

    #[test]
    fn splits_and_counts_lines() {
        let (meta, body) = split::<Map>(
            "---\ntitle: 가\n---\n본문\n",
            Path::new("a.md"),
            &Store::none(),
        )
        .unwrap();
        assert_eq!(meta["title"], "가");
        assert_eq!(body.markdown, "본문\n");
        assert_eq!(body.line_offset, 3);
    }

    #[test]
    fn yaml_errors_name_the_file_line() {
        let err = split::<Map>(
            "---\ntitle: a\nbad: [\n---\n",
            Path::new("a.md"),
            &Store::none(),
        )
        .unwrap_err();
        assert!(err.line >= 3, "{err}");
    }

    #[test]
    fn unclosed_front_matter() {
        let err = split::<Map>("---\ntitle: a\n", Path::new("a.md"), &Store::none()).unwrap_err();
        assert_eq!(err.message.key(), "front.not_closed");
        assert!(err.message.to_string().contains("not closed"));
    }
}
