//! `check --pages`: problems that only show once the site is published on GitHub Pages under
//! a project path (`https://org.github.io/repo/`).

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::output::OutputFile;
use std::path::Path;

/// The path GitHub Pages serves this repository under: `/` for `org.github.io` repositories
/// and custom domains (a CNAME file), `/repo/` otherwise. None when it cannot be told.
pub fn expected_path(root: &Path, repository: Option<&str>) -> Option<String> {
    if root.join("static/CNAME").is_file() {
        return Some("/".into());
    }
    let repository = repository
        .map(str::to_string)
        .or_else(|| origin_repository(root))?;
    let name = repository
        .trim_end_matches(".git")
        .rsplit('/')
        .next()?
        .to_string();
    Some(if name.to_lowercase().ends_with(".github.io") {
        "/".into()
    } else {
        format!("/{name}/")
    })
}

/// `org/repo` from the `origin` remote of the site's git repository, if there is one.
fn origin_repository(root: &Path) -> Option<String> {
    let output = std::process::Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["remote", "get-url", "origin"])
        .output()
        .ok()?;
    let url = String::from_utf8(output.stdout).ok()?;
    let url = url.trim().trim_end_matches('/');
    let path = url
        .rsplit_once("github.com")
        .map(|(_, p)| p.trim_start_matches([':', '/']))?;
    Some(path.to_string())
}

/// A warning when base_url's path is not the one GitHub Pages will serve the site under.
pub fn check_base(config: &Config, expected: Option<&str>) -> Option<Diagnostic> {
    let base = config.base_path();
    let expected = expected.filter(|e| *e != base)?;
    Some(
        Diagnostic::warning(
            crate::config::CONFIG_FILE,
            msg!("pages.base_path", base = base, expected = expected),
        )
        .hint(msg!("pages.base_path_hint")),
    )
}

/// A warning when base_url is not a full address: a published site needs one for its sitemap,
/// robots.txt and feed (which are left out without it) and for the addresses in its open data.
pub fn check_absolute(config: &Config) -> Option<Diagnostic> {
    (!config.is_absolute()).then(|| {
        Diagnostic::warning(
            crate::config::CONFIG_FILE,
            msg!("pages.base_url_relative", base = &config.base_url),
        )
        .hint(msg!("pages.base_url_relative_hint"))
    })
}

/// Links of one built file that break under the site's path `base` (one file at a time, so
/// `check --pages` streams like a build).
pub fn check_file(base: &str, file: &OutputFile) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    if !file.path.ends_with(".html") {
        return problems;
    }
    let Some(html) = file.text() else {
        return problems;
    };
    for url in attribute_values(html) {
        let external = url.starts_with("//")
            || url.contains("://")
            || url.starts_with("mailto:")
            || url.starts_with("data:")
            || url.starts_with('#');
        if external || url.is_empty() {
            continue;
        }
        if url.starts_with('/') && !url.starts_with(base) {
            problems.push(
                Diagnostic::warning(
                    format!("public/{}", file.path),
                    msg!("pages.leaves_path", url = &url, base = base),
                )
                .hint(msg!("pages.leaves_path_hint")),
            );
        } else if file.path == "404.html" && !url.starts_with('/') {
            problems.push(
                Diagnostic::warning("public/404.html", msg!("pages.relative_404", url = &url))
                    .hint(msg!("pages.relative_404_hint")),
            );
        }
    }
    problems
}

fn attribute_values(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for name in [" href=\"", " src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(name) {
            rest = &rest[i + name.len()..];
            if let Some(end) = rest.find('"') {
                out.push(rest[..end].replace("&amp;", "&").replace("&#x2f;", "/"));
                rest = &rest[end..];
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn project_user_and_custom_domain_paths() {
        let root = Path::new("/nonexistent");
        assert_eq!(
            expected_path(root, Some("daedeok/pledges")).as_deref(),
            Some("/pledges/")
        );
        assert_eq!(
            expected_path(root, Some("daedeok/daedeok.github.io")).as_deref(),
            Some("/")
        );
    }
}
