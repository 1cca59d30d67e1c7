//! Links and images written in Markdown, checked against the rendered site in memory: the
//! target file exists, the #anchor is an id on it (Hangul anchors included), images have alt
//! text, and nothing points outside the site.

use crate::diagnostics::Diagnostic;
use crate::messages::Message;
use crate::model::MarkdownLink;
use crate::output::{Contents, OutputFile};
use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;

/// What a link can point at: every file of the site, with the ids on each page. Gathered as
/// pages are rendered, so the pages need not stay in memory to be checked; ids are kept as
/// sorted hashes, 8 bytes each.
#[derive(Default, Clone)]
pub struct LinkTargets {
    files: HashMap<String, Arc<[u64]>>,
    /// Paths that more than one file of the site would be written to.
    pub duplicates: Vec<String>,
}

impl LinkTargets {
    pub fn of(files: &[OutputFile]) -> LinkTargets {
        let mut targets = LinkTargets::default();
        for file in files {
            let mut ids = Vec::new();
            if let (true, Contents::Bytes(html)) = (file.path.ends_with(".html"), &file.contents) {
                // Bytes, not text: pages are valid UTF-8 already, and checking it again for
                // every page costs more than finding the ids.
                for start in memchr::memmem::find_iter(html, b" id=\"") {
                    let value = &html[start + 5..];
                    if let Some(end) = memchr::memchr(b'"', value) {
                        let id = String::from_utf8_lossy(&value[..end]).replace("&amp;", "&");
                        ids.push(id_key(&id));
                    }
                }
            }
            ids.sort_unstable();
            targets.insert(file.path.clone(), ids.into());
        }
        targets
    }

    /// Forgets the files of `other`.
    pub fn remove(&mut self, other: &LinkTargets) {
        for path in other.files.keys() {
            self.files.remove(path);
        }
    }

    pub fn extend(&mut self, other: LinkTargets) {
        self.duplicates.extend(other.duplicates);
        for (path, ids) in other.files {
            self.insert(path, ids);
        }
    }

    /// The file a broken link most likely meant: the same name in other letter case
    /// (`Photo.PNG` for `photo.png`, which works on Windows but not on GitHub Pages), else
    /// the nearest name in the same folder. Its name as a link from that folder.
    fn likely(&self, target: &str) -> Option<String> {
        let (folder, name) = target.rsplit_once('/').unwrap_or(("", target));
        let siblings = self.files.keys().filter_map(|path| {
            let (f, n) = path.rsplit_once('/').unwrap_or(("", path));
            (f == folder).then_some(n)
        });
        let siblings: Vec<&str> = siblings.collect();
        let same_letters = siblings.iter().find(|n| n.eq_ignore_ascii_case(name));
        same_letters
            .copied()
            .or_else(|| crate::messages::closest(name, siblings.iter().copied()))
            .map(str::to_string)
    }

    fn insert(&mut self, path: String, ids: Arc<[u64]>) {
        match self.files.entry(path) {
            Entry::Occupied(taken) => self.duplicates.push(taken.key().clone()),
            Entry::Vacant(free) => {
                free.insert(ids);
            }
        }
    }

    /// The file a link to `target` opens: that file, or the index.html of that folder.
    fn page(&self, target: &str) -> Option<String> {
        [
            target.to_string(),
            format!("{target}index.html"),
            format!("{target}/index.html"),
        ]
        .into_iter()
        .find(|p| self.files.contains_key(p.as_str()))
    }

    fn has_id(&self, page: &str, id: &str) -> bool {
        self.files
            .get(page)
            .is_some_and(|ids| ids.binary_search(&id_key(id)).is_ok())
    }
}

/// The default hasher's keys are fixed, so keys are the same in every run.
fn id_key(id: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    id.hash(&mut hasher);
    hasher.finish()
}

pub fn check(targets: &LinkTargets, links: &[MarkdownLink]) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for link in links {
        problems.extend(missing_alt(link));
        if !is_external(&link.url) {
            problems.extend(broken(targets, link));
        }
    }
    problems
}

/// A warning for an image without alt text.
fn missing_alt(link: &MarkdownLink) -> Option<Diagnostic> {
    (link.image && link.alt_missing).then(|| {
        Diagnostic::warning(&link.source, msg!("links.no_alt", url = &link.url))
            .at(link.line, 1)
            .hint(msg!("links.no_alt_hint", example = "![설명](photo.jpg)"))
    })
}

/// An error when a link inside the site leads outside it, to no file, or to no such #anchor.
fn broken(targets: &LinkTargets, link: &MarkdownLink) -> Option<Diagnostic> {
    let what = noun(link);
    let error = |message: Message, hint: Message| {
        Diagnostic::error(&link.source, message)
            .at(link.line, 1)
            .hint(hint)
    };
    let (target, fragment) = resolve(link);
    let Some(target) = target else {
        return Some(error(
            msg!("links.outside_site", what = what, url = &link.url),
            msg!("links.outside_site_hint"),
        ));
    };
    let Some(page) = targets.page(&target) else {
        // `images\x.png`: Windows' separator, which a web address does not have.
        let hint = if link.url.contains('\\') {
            msg!("links.backslash_hint", fixed = link.url.replace('\\', "/"))
        } else {
            match targets.likely(&target) {
                Some(near) => msg!("links.broken_near_hint", near = near),
                None => msg!("links.broken_hint"),
            }
        };
        return Some(error(
            msg!("links.broken", what = what, url = &link.url),
            hint,
        ));
    };
    let fragment = fragment.filter(|f| !f.is_empty())?;
    (!targets.has_id(&page, &fragment)).then(|| {
        error(
            msg!(
                "links.no_anchor",
                what = what,
                fragment = fragment,
                page = display_page(&page)
            ),
            msg!("links.no_anchor_hint"),
        )
    })
}

/// How messages name the link: as an image or as a link.
fn noun(link: &MarkdownLink) -> &'static str {
    if link.image {
        "@links.term_image"
    } else {
        "@links.term_link"
    }
}

/// The site file `link` points at (None when it climbs above the site root), and its
/// #fragment; both percent-decoded, as ids and file names are written on the site.
fn resolve(link: &MarkdownLink) -> (Option<String>, Option<String>) {
    let (path, fragment) = match link.url.split_once('#') {
        Some((p, f)) => (p, Some(percent_decode(f))),
        None => (link.url.as_str(), None),
    };
    let path = percent_decode(path.split('?').next().unwrap_or(""));
    let target = if path.is_empty() {
        Some(link.page.clone())
    } else if let Some(rooted) = path.strip_prefix('/') {
        normalise("", rooted)
    } else {
        normalise(&link.page, &path)
    };
    (target, fragment)
}

fn is_external(url: &str) -> bool {
    url.starts_with("//")
        || url.split_once(':').is_some_and(|(scheme, _)| {
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        })
}

fn display_page(page: &str) -> String {
    if page.is_empty() || page == "index.html" {
        "@links.home_page".into()
    } else {
        format!("`{page}`")
    }
}

/// Resolves `path` against the folder of `page`; None when `..` climbs above the site root.
fn normalise(page: &str, path: &str) -> Option<String> {
    let base = page.rsplit_once('/').map_or("", |(dir, _)| dir);
    let mut parts: Vec<&str> = base.split('/').filter(|p| !p.is_empty()).collect();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    let mut out = parts.join("/");
    if path.ends_with('/') && !out.is_empty() {
        out.push('/');
    }
    Some(out)
}

/// Undecodable text is kept as written, so it shows in the message as the author typed it.
fn percent_decode(text: &str) -> String {
    crate::slug::percent_decode(text).unwrap_or_else(|| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_resolve_inside_the_site_only() {
        assert_eq!(normalise("pledges/a/", "../b/"), Some("pledges/b/".into()));
        assert_eq!(
            normalise("pledges/a/", "photo.png"),
            Some("pledges/a/photo.png".into())
        );
        assert_eq!(normalise("pledges/a/", "../../../etc/passwd"), None);
        assert!(is_external("https://e.kr") && is_external("mailto:a@b") && !is_external("../x"));
        assert_eq!(percent_decode("%ED%95%98"), "하");
    }
}
