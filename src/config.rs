//! `site.yaml`: the site's settings.

use crate::diagnostics::Diagnostic;
use crate::yaml;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

pub const CONFIG_FILE: &str = "site.yaml";

/// The folders under the site root that hold its sources: with site.yaml, everything a build
/// reads (and `serve --watch` watches); the output may never be one of them or inside one.
pub const SOURCE_FOLDERS: [&str; 6] = ["content", "themes", "templates", "data", "static", "fonts"];

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default = "default_base_url")]
    pub base_url: String,
    #[serde(default = "default_language")]
    pub language: String,
    #[serde(default)]
    pub organisation: String,
    #[serde(default)]
    pub term: Option<Term>,
    #[serde(default = "default_theme")]
    pub theme: String,
    /// Areas in the order the site shows them: `분야: slug` or `분야: { slug, sub_areas }`.
    /// Areas not listed come after them, by name, with a slug made from their name.
    #[serde(default)]
    pub areas: Areas,
    #[serde(default)]
    pub markdown: MarkdownConfig,
    /// Who runs the site, for the footer a public site carries.
    #[serde(default)]
    pub operator: Option<Operator>,
    /// The site's own typeface instead of the reader's system fonts (`crate::fonts`).
    /// `Some(None)`: `font:` written with nothing under it (a block half uncommented).
    #[serde(default, deserialize_with = "written")]
    pub font: Option<Option<FontConfig>>,
    #[serde(default)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// The operator of a public site, as Korean public sites name it at every page's foot: the
/// office, its address and phone, its 개인정보처리방침 and 저작권정책, and the 공공누리
/// (Korea Open Government License) type its content is published under.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Operator {
    pub name: String,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub privacy_url: String,
    #[serde(default)]
    pub copyright_url: String,
    /// 공공누리 제1–4유형.
    #[serde(default)]
    pub kogl: Option<u8>,
}

/// `font:`: the font files of the site's typeface (e.g. Pretendard GOV), relative to the site.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FontConfig {
    pub regular: String,
    #[serde(default)]
    pub bold: Option<String>,
    /// The name the pages ask for; the font's own family name when left out.
    #[serde(default)]
    pub family: Option<String>,
    /// The font's licence; else `OFL.txt` or `LICENSE.txt` beside the regular font.
    #[serde(default)]
    pub license: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    #[serde(default)]
    pub name: String,
    pub start: String,
    pub end: String,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MarkdownConfig {
    /// Pass raw HTML in Markdown through instead of escaping it.
    #[serde(default)]
    pub unsafe_html: bool,
}

/// `areas:` of site.yaml, in the order written.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Areas(pub Vec<AreaSpec>);

#[derive(Debug, Clone, Default, Serialize)]
pub struct AreaSpec {
    pub name: String,
    pub slug: Option<String>,
    /// 세부분야 in the order the site shows them.
    pub sub_areas: Vec<String>,
}

impl Areas {
    pub fn get(&self, name: &str) -> Option<&AreaSpec> {
        self.0.iter().find(|a| a.name == name)
    }

    /// Position of an area for sorting: listed areas first, in their order.
    pub fn rank(&self, name: &str) -> usize {
        self.0
            .iter()
            .position(|a| a.name == name)
            .unwrap_or(self.0.len())
    }

    /// Position of a sub-area within its area: listed ones first, then the rest.
    pub fn sub_rank(&self, area: &str, sub_area: &str) -> usize {
        self.get(area)
            .and_then(|a| a.sub_areas.iter().position(|s| s == sub_area))
            .unwrap_or(usize::MAX)
    }
}

impl<'de> Deserialize<'de> for Areas {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Spec {
            Slug(String),
            Full(FullSpec),
        }
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct FullSpec {
            #[serde(default)]
            slug: Option<String>,
            #[serde(default)]
            sub_areas: Vec<String>,
        }
        struct AreasVisitor;
        impl<'de> serde::de::Visitor<'de> for AreasVisitor {
            type Value = Areas;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("areas as `분야: slug` or `분야: { slug: ..., sub_areas: [...] }`")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Areas, A::Error> {
                let mut areas = Vec::new();
                while let Some((name, spec)) = map.next_entry::<String, Option<Spec>>()? {
                    let (slug, sub_areas) = match spec {
                        None => (None, Vec::new()),
                        Some(Spec::Slug(slug)) => (Some(slug), Vec::new()),
                        Some(Spec::Full(full)) => (full.slug, full.sub_areas),
                    };
                    areas.push(AreaSpec {
                        name,
                        slug,
                        sub_areas,
                    });
                }
                Ok(Areas(areas))
            }
        }
        deserializer.deserialize_map(AreasVisitor)
    }
}

/// A field that may be written empty: `Some(None)` then, told apart from one left out.
fn written<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::deserialize(deserializer).map(Some)
}

fn default_base_url() -> String {
    "/".into()
}
fn default_language() -> String {
    "ko".into()
}
fn default_theme() -> String {
    "default".into()
}

impl Config {
    /// The path part of base_url, always starting and ending with `/` (`/repo/`).
    pub fn base_path(&self) -> String {
        let url = self.base_url.trim();
        let after_scheme = url
            .split_once("://")
            .map_or(url, |(_, rest)| rest.find('/').map_or("", |i| &rest[i..]));
        let trimmed = after_scheme.trim_matches('/');
        if trimmed.is_empty() {
            "/".into()
        } else {
            format!("/{trimmed}/")
        }
    }

    /// URL slug of an area: from `areas:` in site.yaml, else made from its name.
    pub fn area_slug(&self, area: &str) -> String {
        self.areas
            .get(area)
            .and_then(|a| a.slug.clone())
            .unwrap_or_else(|| crate::slug::slugify(area))
    }

    /// base_url with a trailing slash, for absolute URLs (sitemap, feeds).
    /// Whether `base_url` is a full address (`https://…`): sitemaps, robots.txt and feeds
    /// need one, and a published site has one.
    pub fn is_absolute(&self) -> bool {
        let url = self.base_url.trim();
        url.starts_with("https://") || url.starts_with("http://")
    }

    pub fn absolute_base(&self) -> String {
        let url = self.base_url.trim();
        if url.ends_with('/') {
            url.to_string()
        } else {
            format!("{url}/")
        }
    }
}

/// Reads `site.yaml` from `root`, text already decoded by the loader.
pub fn parse(text: &str, path: &Path) -> Result<Config, Diagnostic> {
    let config: Config = yaml::parse(text, path, 0).map_err(|d| half_uncommented_font(d, text))?;
    if !matches!(config.language.as_str(), "ko" | "en") {
        let line = text
            .lines()
            .position(|l| l.trim_start().starts_with("language"))
            .map_or(0, |i| i + 1);
        return Err(Diagnostic::error(
            path,
            msg!("config.unknown_language", language = &config.language),
        )
        .at(line, 1)
        .hint(msg!("config.unknown_language_hint")));
    }
    if let Some(kogl) = config.operator.as_ref().and_then(|o| o.kogl) {
        if !(1..=4).contains(&kogl) {
            let line = text
                .lines()
                .position(|l| l.trim_start().starts_with("kogl"))
                .map_or(0, |i| i + 1);
            return Err(
                Diagnostic::error(path, msg!("config.kogl_type", value = kogl))
                    .at(line, 1)
                    .hint(msg!("config.kogl_type_hint")),
            );
        }
    }
    Ok(config)
}

/// `problem` with a hint that says what went wrong when it comes from the commented `font:`
/// block `init` writes, half uncommented: `regular:` without `font:` above it, or ` font:`
/// with the space after the `#` left in.
fn half_uncommented_font(problem: Diagnostic, text: &str) -> Diagnostic {
    let line = text
        .lines()
        .nth(problem.line.saturating_sub(1))
        .unwrap_or("");
    let font_keys = ["regular", "bold", "family", "license"];
    let unknown_font_key = problem.message.key().starts_with("yaml.unknown_field")
        && problem
            .message
            .arg_value("field")
            .is_some_and(|field| font_keys.contains(&field));
    if unknown_font_key && text.lines().any(|l| l.trim_start().starts_with("# font:")) {
        return problem.hint(msg!("font.commented_out_hint"));
    }
    if line.starts_with(char::is_whitespace) && line.trim_start().starts_with("font:") {
        return problem.hint(msg!("font.indented_hint"));
    }
    problem
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_base(url: &str) -> Config {
        parse(
            &format!("title: t\nbase_url: {url}\n"),
            Path::new("site.yaml"),
        )
        .unwrap()
    }

    #[test]
    fn areas_keep_their_order_and_sub_areas() {
        let config = parse(
            "title: t\nareas:\n  환경: environment\n  경제: { slug: economy, sub_areas: [일자리, 상권] }\n  복지:\n",
            Path::new("site.yaml"),
        )
        .unwrap();
        let names: Vec<&str> = config.areas.0.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["환경", "경제", "복지"]);
        assert_eq!(config.area_slug("경제"), "economy");
        assert_eq!(config.areas.sub_rank("경제", "상권"), 1);
        assert_eq!(config.areas.rank("문화"), 3);
    }

    #[test]
    fn base_path_from_base_url() {
        assert_eq!(with_base("/").base_path(), "/");
        assert_eq!(
            with_base("https://org.github.io/repo/").base_path(),
            "/repo/"
        );
        assert_eq!(
            with_base("https://org.github.io/repo").base_path(),
            "/repo/"
        );
        assert_eq!(with_base("https://example.kr").base_path(), "/");
    }
}
