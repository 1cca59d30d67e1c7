//! The site's own typeface (`font:` in site.yaml, e.g. Pretendard GOV): published not as the
//! whole font (3.7 MB a weight) but as a WOFF2 subset of the characters the built pages use,
//! made after rendering (`subset`). Without `font:` the pages use the reader's system fonts.

mod chars;
mod subset;

pub use chars::CharSet;

use crate::config::{FontConfig, CONFIG_FILE};
use crate::diagnostics::Diagnostic;
use crate::output::OutputFile;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Where the subsets are published, under the output folder.
pub const OUTPUT_FOLDER: &str = "fonts";

/// The site's typeface, its files read and checked.
pub struct SiteFont {
    /// The CSS family name the pages ask for: `family:`, else the font's own name.
    pub family: String,
    faces: Vec<Face>,
    /// The font's licence (OFL.txt), published beside the subsets as the OFL asks.
    license: Option<PathBuf>,
    /// The folder kept subsets are in (`--cache-dir`), if any.
    cache_dir: Option<PathBuf>,
}

/// One weight of the typeface.
struct Face {
    weight: u16,
    /// The source file's bytes.
    bytes: Arc<Vec<u8>>,
}

/// What templates see of the font: its family and each weight's published file.
#[derive(Serialize, Clone, Debug)]
pub struct FontView {
    pub family: String,
    pub faces: Vec<FaceView>,
}

#[derive(Serialize, Clone, Debug)]
pub struct FaceView {
    pub weight: u16,
    pub path: String,
}

impl SiteFont {
    /// The font `config` names under `root`, or the problems that keep it from being used
    /// (the pages then use system fonts). `korean`: the site's pages are in Korean.
    pub fn load(
        config: &FontConfig,
        root: &Path,
        config_text: &str,
        korean: bool,
        cache_dir: Option<&Path>,
    ) -> (Option<SiteFont>, Vec<Diagnostic>) {
        let positions = crate::yaml::Positions::of(config_text, 0);
        let at = |key: &str| positions.value(&format!("font.{key}")).unwrap_or((0, 0));
        let mut problems = Vec::new();
        let mut faces = Vec::new();
        let mut own_name = None;
        let weights = [
            (400, "regular", Some(&config.regular)),
            (700, "bold", config.bold.as_ref()),
        ];
        for (weight, key, file) in weights {
            let Some(file) = file else { continue };
            let (message, hint) = match read_face(root, file) {
                Ok((bytes, found)) => {
                    own_name = own_name.or(found.family);
                    faces.push(Face {
                        weight,
                        bytes: Arc::new(bytes),
                    });
                    if found.hangul || !korean {
                        continue;
                    }
                    let warning = msg!("font.no_hangul", file = file.replace('\\', "/"));
                    problems.push(
                        Diagnostic::warning(CONFIG_FILE, warning)
                            .at_position(at(key))
                            .hint(msg!("font.no_hangul_hint")),
                    );
                    continue;
                }
                Err(problem) => problem,
            };
            problems.push(
                Diagnostic::error(CONFIG_FILE, message)
                    .at_position(at(key))
                    .hint(hint),
            );
        }
        let license = license_of(config, root);
        if license.is_none() && problems.is_empty() {
            problems.push(
                Diagnostic::warning(CONFIG_FILE, msg!("font.no_license"))
                    .at_position(at("regular"))
                    .hint(msg!("font.no_license_hint")),
            );
        }
        if problems.iter().any(Diagnostic::is_error) {
            return (None, problems);
        }
        let family = config.family.clone().or(own_name).unwrap_or_default();
        let font = SiteFont {
            family: css_family(&family),
            faces,
            license,
            cache_dir: cache_dir.map(Path::to_path_buf),
        };
        (Some(font), problems)
    }

    pub fn view(&self) -> FontView {
        FontView {
            family: self.family.clone(),
            faces: self
                .faces
                .iter()
                .map(|f| FaceView {
                    weight: f.weight,
                    path: face_path(f.weight),
                })
                .collect(),
        }
    }

    /// Each weight subset to `chars` (WOFF2), and the licence: the files to publish.
    pub fn files(&self, chars: &CharSet) -> Result<Vec<OutputFile>, Diagnostic> {
        use rayon::prelude::*;
        let mut files = self
            .faces
            .par_iter()
            .map(|face| {
                let woff2 = subset::kept_or_made(&face.bytes, chars, self.cache_dir.as_deref())
                    .map_err(|detail| {
                        Diagnostic::error(CONFIG_FILE, msg!("font.subset_failed", detail = detail))
                            .hint(msg!("font.subset_failed_hint"))
                    })?;
                Ok(OutputFile::bytes(face_path(face.weight), woff2))
            })
            .collect::<Result<Vec<_>, Diagnostic>>()?;
        if let Some(license) = &self.license {
            files.push(OutputFile::copy(
                format!("{OUTPUT_FOLDER}/LICENSE.txt"),
                license.clone(),
            ));
        }
        Ok(files)
    }
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
    Some(
        Diagnostic::warning(
            CONFIG_FILE,
            msg!(
                "font.theme_too_old",
                file = crate::diagnostics::shown_path(&shown)
            ),
        )
        .hint(msg!("font.theme_too_old_hint")),
    )
}

fn face_path(weight: u16) -> String {
    format!("{OUTPUT_FOLDER}/site-{weight}.woff2")
}

/// The bytes of the font file `file` (relative to the site) and what it is, or what is wrong
/// with it and what to do.
fn read_face(
    root: &Path,
    file: &str,
) -> Result<(Vec<u8>, subset::Inspected), (crate::messages::Message, crate::messages::Message)> {
    let shown = file.replace('\\', "/");
    if shown.starts_with("static/") {
        // Everything in static/ is published as it is: the whole font would be, too.
        return Err((
            msg!("font.in_static", file = &shown),
            msg!("font.in_static_hint"),
        ));
    }
    let bytes = std::fs::read(root.join(&shown)).map_err(|_| {
        let hint = match font_files_beside(root, &shown) {
            Some((folder, files)) => msg!("font.missing_in_folder", folder = folder, files = files),
            None => msg!("font.missing_hint"),
        };
        (msg!("font.missing", file = &shown), hint)
    })?;
    let found = subset::inspect(&bytes).map_err(|unusable| match unusable {
        subset::Unusable::Unreadable(detail) => (
            msg!("font.unreadable", file = &shown, detail = detail),
            msg!("font.unreadable_hint"),
        ),
        subset::Unusable::Variable => (
            msg!("font.variable", file = &shown),
            msg!("font.unreadable_hint"),
        ),
    })?;
    Ok((bytes, found))
}

/// The font files in the folder `file` names, when it has any: what the path may have meant.
fn font_files_beside(root: &Path, file: &str) -> Option<(String, String)> {
    let folder = Path::new(file).parent()?;
    let mut names: Vec<String> = std::fs::read_dir(root.join(folder))
        .ok()?
        .flatten()
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| {
            let lower = name.to_lowercase();
            [".otf", ".ttf", ".woff", ".woff2"]
                .iter()
                .any(|ext| lower.ends_with(ext))
        })
        .collect();
    names.sort();
    let shown_folder = folder.to_string_lossy().replace('\\', "/");
    (!names.is_empty()).then(|| (shown_folder, names.join(", ")))
}

/// `license:`, else an `OFL.txt` or `LICENSE.txt` beside the regular font.
fn license_of(config: &FontConfig, root: &Path) -> Option<PathBuf> {
    if let Some(license) = &config.license {
        let path = root.join(license.replace('\\', "/"));
        return path.is_file().then_some(path);
    }
    let folder = root.join(config.regular.replace('\\', "/"));
    let folder = folder.parent()?;
    ["OFL.txt", "LICENSE.txt", "LICENSE"]
        .into_iter()
        .map(|name| folder.join(name))
        .find(|path| path.is_file())
}

/// A family name safe inside a CSS string: letters, digits, spaces, `-` and `_` only.
fn css_family(name: &str) -> String {
    let kept: String = name
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
        .collect();
    let kept = kept.trim().to_string();
    if kept.is_empty() {
        "Site Font".into()
    } else {
        kept
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_family_name_cannot_end_the_css_string() {
        assert_eq!(css_family("Pretendard GOV"), "Pretendard GOV");
        assert_eq!(css_family("x\";}body{color:red"), "xbodycolorred");
        assert_eq!(css_family("\"<>"), "Site Font");
    }
}
