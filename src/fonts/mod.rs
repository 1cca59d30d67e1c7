//! The site's own typeface (`font:` in site.yaml, e.g. Pretendard GOV): published not as the
//! whole font (3.7 MB a weight) but as a WOFF2 subset of the characters the built pages use,
//! made after rendering (`subset`). Without `font:` the pages use the reader's system fonts.

mod chars;
mod source;
mod subset;

pub use chars::CharSet;
pub use source::published_whole;

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
}

/// One weight of the typeface.
struct Face {
    weight: u16,
    /// The source file's bytes.
    bytes: Arc<Vec<u8>>,
    /// Its full and PostScript names, for a copy installed on the reader's device.
    installed_names: Vec<String>,
    /// Where its last subset is kept (the cache folder), if anywhere.
    kept: Option<PathBuf>,
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
    /// Names of the same face installed on a device (`local()`), tried before the download.
    pub local: Vec<String>,
}

/// Where in site.yaml: the line and column of `font.<key>`'s value.
type At<'a> = &'a dyn Fn(&str) -> (usize, usize);

impl SiteFont {
    /// The font site.yaml's `font:` names, if any, with the problems of its files and of a
    /// theme that would not load it.
    pub fn of_site(
        config: &crate::config::Config,
        root: &Path,
        theme_dir: &Path,
        cache_dir: Option<&Path>,
    ) -> (Option<SiteFont>, Vec<Diagnostic>) {
        let Some(written) = &config.font else {
            return (None, Vec::new());
        };
        let text = std::fs::read_to_string(root.join(CONFIG_FILE)).unwrap_or_default();
        let Some(font) = written else {
            let at = crate::yaml::Positions::of(&text, 0)
                .key("font")
                .unwrap_or((0, 0));
            let empty = Diagnostic::error(CONFIG_FILE, msg!("font.empty"))
                .at_position(at)
                .hint(msg!("font.empty_hint"));
            return (None, vec![empty]);
        };
        let korean = config.language == "ko";
        let (font, mut problems) = SiteFont::load(font, root, &text, korean, cache_dir);
        problems.extend(source::theme_problem(root, theme_dir));
        (font, problems)
    }

    /// The font `config` names under `root`, or the problems that keep it from being used
    /// (the pages then use system fonts). `korean`: the site's pages are in Korean.
    fn load(
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
            match face(root, &source::normalised(file), weight, korean, key, &at) {
                Ok((face, family, warnings)) => {
                    own_name = own_name.or(family);
                    faces.push(face);
                    problems.extend(warnings);
                }
                Err(problem) => problems.push(problem),
            }
        }
        let license_file = config.license.as_deref().map(source::normalised);
        if let Some((message, hint)) = license_file.as_deref().and_then(source::place_problem) {
            problems.push(
                Diagnostic::error(CONFIG_FILE, message)
                    .at_position(at("license"))
                    .hint(hint),
            );
        }
        if problems.iter().any(Diagnostic::is_error) {
            return (None, problems);
        }
        let regular = source::normalised(&config.regular);
        let license = source::license(root, license_file.as_deref(), &regular);
        if license.is_none() {
            let key = if license_file.is_some() {
                "license"
            } else {
                "regular"
            };
            problems.push(
                Diagnostic::warning(CONFIG_FILE, msg!("font.no_license"))
                    .at_position(at(key))
                    .hint(msg!("font.no_license_hint")),
            );
        }
        let family = config.family.clone().or(own_name).unwrap_or_default();
        for face in &mut faces {
            face.kept = cache_dir.map(|dir| kept_file(dir, root, &face.bytes));
        }
        let font = SiteFont {
            family: css_family(&family),
            faces,
            license,
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
                    local: f.installed_names.iter().map(|n| css_family(n)).collect(),
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
                let woff2 = subset::kept_or_made(&face.bytes, chars, face.kept.as_deref())
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

/// One weight read from `file` (normalised), with its family name and warnings: a Korean
/// site's font without Hangul, a file of another weight (SemiBold as `bold:`); or the error at
/// `key`'s line.
fn face(
    root: &Path,
    file: &str,
    weight: u16,
    korean: bool,
    key: &str,
    at: At,
) -> Result<(Face, Option<String>, Vec<Diagnostic>), Diagnostic> {
    let (bytes, found) = source::read(root, file).map_err(|(message, hint)| {
        Diagnostic::error(CONFIG_FILE, message)
            .at_position(at(key))
            .hint(hint)
    })?;
    let mut warnings = Vec::new();
    if korean && !found.hangul {
        warnings.push(
            Diagnostic::warning(CONFIG_FILE, msg!("font.no_hangul", file = file))
                .at_position(at(key))
                .hint(msg!("font.no_hangul_hint")),
        );
    }
    // The font's own weight within 50 of the one it is used for: Medium for regular is a
    // choice, SemiBold or Regular for bold is a slip.
    if let Some(own) = found.weight.filter(|own| own.abs_diff(weight) > 50) {
        let message = msg!("font.other_weight", file = file, own = own, weight = weight);
        warnings.push(
            Diagnostic::warning(CONFIG_FILE, message)
                .at_position(at(key))
                .hint(msg!("font.other_weight_hint", key = key, weight = weight)),
        );
    }
    let face = Face {
        weight,
        bytes: Arc::new(bytes),
        installed_names: found.installed_names,
        kept: None,
    };
    Ok((face, found.family, warnings))
}

/// The file a face's last subset is kept in, in the cache folder: one per site and font (of
/// this program), so two sites with the same font do not take turns remaking it. Worked out
/// once, when the font is loaded, not at every render of `serve`.
fn kept_file(cache_dir: &Path, root: &Path, font: &[u8]) -> PathBuf {
    let root = dunce::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let mut site = crate::hash::Key128::default();
    site.add(root.as_os_str().as_encoded_bytes());
    let mut key = crate::hash::Key128::default();
    key.add(env!("CARGO_PKG_VERSION").as_bytes());
    key.add(font);
    let (site, key) = (site.finish() as u64, key.finish());
    cache_dir.join(format!("font-{site:016x}-{key:032x}.bin"))
}

fn face_path(weight: u16) -> String {
    format!("{OUTPUT_FOLDER}/site-{weight}.woff2")
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
