//! The font files `font:` names, read and checked where staff make mistakes: the path, the
//! folder, the file itself, its licence, and a theme that would not load it.

use super::subset::{self, Inspected, Unusable};
use crate::config::CONFIG_FILE;
use crate::diagnostics::Diagnostic;
use crate::messages::Message;
use std::path::{Path, PathBuf};

/// The folder under the site root the font files live in: watched by `serve`, part of the
/// build's record, never published as it is.
pub const FOLDER: &str = "fonts";

/// A problem with a file `font:` names: what is wrong, and what to do.
pub type Problem = (Message, Message);

/// `file` as written in site.yaml, with `/` between folders and no leading `./`.
pub fn normalised(file: &str) -> String {
    let file = file.trim().replace('\\', "/");
    file.trim_start_matches("./").to_string()
}

/// Why `file` (normalised) may not be a font source: it must be inside `fonts/`, so a change
/// to it is seen and it is never published whole; and written with `/`, since in double quotes
/// YAML reads `\P` of `"fonts\PretendardGOV"` as an invisible character.
pub fn place_problem(file: &str) -> Option<Problem> {
    let escaped =
        |c: char| c.is_control() || matches!(c, '\u{85}' | '\u{a0}' | '\u{2028}' | '\u{2029}');
    if file.chars().any(escaped) {
        let shown: String = file
            .chars()
            .map(|c| if escaped(c) { '?' } else { c })
            .collect();
        return Some((
            msg!("font.escaped_path", file = shown),
            msg!("font.escaped_path_hint"),
        ));
    }
    let inside = file.starts_with(&format!("{FOLDER}/"))
        && !file.split('/').any(|part| part == ".." || part.is_empty());
    if inside {
        return None;
    }
    let published = file.starts_with("static/") || file.contains("/static/");
    Some(if published {
        (
            msg!("font.in_static", file = file),
            msg!("font.in_static_hint"),
        )
    } else {
        (
            msg!("font.outside_folder", file = file),
            msg!("font.outside_folder_hint"),
        )
    })
}

/// The bytes of the font file `file` (normalised, relative to `root`) and what it is.
pub fn read(root: &Path, file: &str) -> Result<(Vec<u8>, Inspected), Problem> {
    if let Some(problem) = place_problem(file) {
        return Err(problem);
    }
    let bytes = std::fs::read(root.join(file)).map_err(|_| {
        let hint = match font_files_beside(root, file) {
            Some((folder, files)) => msg!("font.missing_in_folder", folder = folder, files = files),
            None => msg!("font.missing_hint"),
        };
        (msg!("font.missing", file = file), hint)
    })?;
    let found = subset::inspect(&bytes).map_err(|unusable| match unusable {
        Unusable::Unreadable(detail) => (
            msg!("font.unreadable", file = file, detail = detail),
            msg!("font.unreadable_hint"),
        ),
        Unusable::Variable => (
            msg!("font.variable", file = file),
            msg!("font.unreadable_hint"),
        ),
    })?;
    Ok((bytes, found))
}

/// Whether a file's name is a font's (OpenType, TrueType, WOFF, WOFF2).
fn is_font_file(name: &str) -> bool {
    let lower = name.to_lowercase();
    [".otf", ".ttf", ".woff", ".woff2"]
        .iter()
        .any(|ext| lower.ends_with(ext))
}

/// The font files in the folder `file` names, when it has any: what the path may have meant.
fn font_files_beside(root: &Path, file: &str) -> Option<(String, String)> {
    let folder = Path::new(file).parent()?;
    let mut names: Vec<String> = std::fs::read_dir(root.join(folder))
        .ok()?
        .flatten()
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| is_font_file(name))
        .collect();
    names.sort();
    let shown_folder = folder.to_string_lossy().replace('\\', "/");
    (!names.is_empty()).then(|| (shown_folder, names.join(", ")))
}

/// `license` (normalised, its place checked already) when given, else `OFL.txt`,
/// `LICENSE.txt` or `LICENSE` beside the regular font.
pub fn license(root: &Path, license: Option<&str>, regular: &str) -> Option<PathBuf> {
    if let Some(license) = license {
        let path = root.join(license);
        return path.is_file().then_some(path);
    }
    let folder = root.join(regular);
    let folder = folder.parent()?;
    ["OFL.txt", "LICENSE.txt", "LICENSE"]
        .into_iter()
        .map(|name| folder.join(name))
        .find(|path| path.is_file())
}

/// Font files over a megabyte in the site's `static/`: published as they are, the whole font
/// (Pretendard GOV: 3.7 MB a weight), which is what `font:` and `fonts/` are for.
pub fn published_whole(root: &Path, static_files: &[(PathBuf, PathBuf)]) -> Vec<Diagnostic> {
    let site_static = root.join("static");
    static_files
        .iter()
        .filter(|(abs, _)| abs.starts_with(&site_static))
        .filter(|(_, rel)| is_font_file(&rel.to_string_lossy()))
        .filter_map(|(abs, rel)| {
            let size = std::fs::metadata(abs).ok()?.len();
            (size > 1_000_000).then(|| {
                let file = Path::new("static").join(rel);
                let megabytes = format!("{:.1}", size as f64 / 1_000_000.0);
                Diagnostic::warning(
                    &file,
                    msg!(
                        "font.whole_in_static",
                        file = crate::diagnostics::shown_path(&file),
                        megabytes = megabytes
                    ),
                )
                .hint(msg!("font.whole_in_static_hint"))
            })
        })
        .collect()
}

/// A warning when the site's `base.html` (its own, else its theme's) was made before `font:`
/// existed and so never loads the font: the setting would silently do nothing.
pub fn theme_problem(root: &Path, theme_dir: &Path) -> Option<Diagnostic> {
    let own = root.join("templates/base.html");
    let base = if own.is_file() {
        own
    } else {
        theme_dir.join("templates/base.html")
    };
    let text = std::fs::read_to_string(&base).ok()?;
    if text.contains("site.font") {
        return None;
    }
    let shown = base.strip_prefix(root).unwrap_or(&base).to_path_buf();
    let shown = crate::diagnostics::shown_path(&shown);
    Some(
        Diagnostic::warning(CONFIG_FILE, msg!("font.theme_too_old", file = shown))
            .hint(msg!("font.theme_too_old_hint")),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_font_source_must_be_inside_the_fonts_folder() {
        for inside in ["fonts/a.otf", "fonts/pretendard/a.otf"] {
            assert!(place_problem(inside).is_none(), "{inside}");
        }
        let key = |file: &str| place_problem(&normalised(file)).map(|(m, _)| m.key().to_string());
        assert_eq!(key("./static/a.otf"), Some("font.in_static".into()));
        assert_eq!(
            key("themes/default/static/a.otf"),
            Some("font.in_static".into())
        );
        assert_eq!(key("fonts/../static/a.otf"), Some("font.in_static".into()));
        assert_eq!(key("../a.otf"), Some("font.outside_folder".into()));
        assert_eq!(
            key("/usr/share/fonts/a.otf"),
            Some("font.outside_folder".into())
        );
        assert_eq!(key("assets/a.otf"), Some("font.outside_folder".into()));
        assert_eq!(normalised(".\\fonts\\a.otf"), "fonts/a.otf");
    }
}
