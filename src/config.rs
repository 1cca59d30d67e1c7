//! `site.yaml`: the site's settings.

use crate::diagnostics::Diagnostic;
use crate::yaml;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

pub const CONFIG_FILE: &str = "site.yaml";

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
    /// Area name → URL slug. Areas not listed get a slug made from their name.
    #[serde(default)]
    pub areas: BTreeMap<String, String>,
    #[serde(default)]
    pub markdown: MarkdownConfig,
    #[serde(default)]
    pub extra: BTreeMap<String, serde_json::Value>,
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
            .cloned()
            .unwrap_or_else(|| crate::slug::slugify(area))
    }

    /// base_url with a trailing slash, for absolute URLs (sitemap, feeds).
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
    let config: Config = yaml::parse(text, path, 0)?;
    if !matches!(config.language.as_str(), "ko" | "en") {
        let line = text
            .lines()
            .position(|l| l.trim_start().starts_with("language"))
            .map_or(0, |i| i + 1);
        return Err(
            Diagnostic::error(path, format!("unknown language `{}`", config.language))
                .at(line, 1)
                .hint("use `ko` or `en`"),
        );
    }
    Ok(config)
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
