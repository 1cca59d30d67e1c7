//! A small link checker over a built site: every internal href/src must name a file of the
//! output, and every #anchor an id on the target page.

use std::collections::BTreeSet;
use std::path::Path;

fn attribute_values<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let needle = format!("{name}=\"");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&needle) {
        rest = &rest[i + needle.len()..];
        if let Some(end) = rest.find('"') {
            out.push(&rest[..end]);
            rest = &rest[end..];
        }
    }
    out
}

/// Undoes the entity and percent encoding that templates and Markdown apply to URLs.
fn decode(url: &str) -> String {
    let url = url.replace("&amp;", "&").replace("&#x2f;", "/");
    pledgesite::slug::percent_decode(&url).unwrap_or(url)
}

fn ids(html: &str) -> BTreeSet<String> {
    attribute_values(html, "id")
        .into_iter()
        .map(|s| s.replace("&amp;", "&"))
        .collect()
}

/// Checks every page of `out`; `base_path` is the site's path (`/` or `/repo/`).
/// Returns the broken links as `page: url` lines.
pub fn broken_links(out: &Path, base_path: &str) -> Vec<String> {
    let mut broken = Vec::new();
    for (page, bytes) in super::harness::tree(out) {
        if !page.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        let page_dir = Path::new(&page)
            .parent()
            .unwrap_or(Path::new(""))
            .to_path_buf();
        for url in attribute_values(&html, "href")
            .into_iter()
            .chain(attribute_values(&html, "src"))
        {
            let url = decode(url);
            if url.starts_with("http://")
                || url.starts_with("https://")
                || url.starts_with("mailto:")
            {
                continue;
            }
            let (path, anchor) = url
                .split_once('#')
                .map_or((url.as_str(), None), |(p, a)| (p, Some(a)));
            let target = if path.is_empty() {
                page.clone()
            } else if let Some(abs) = path.strip_prefix(base_path) {
                abs.to_string()
            } else if path.starts_with('/') {
                broken.push(format!("{page}: {url} (outside the base path {base_path})"));
                continue;
            } else {
                page_dir.join(path).to_string_lossy().into_owned()
            };
            let mut file = out.join(&target);
            if target.is_empty() || target.ends_with('/') || file.is_dir() {
                file = file.join("index.html");
            }
            if !file.is_file() {
                broken.push(format!("{page}: {url} (no file {})", file.display()));
                continue;
            }
            if let Some(anchor) = anchor {
                let target_html = std::fs::read_to_string(&file).unwrap_or_default();
                if !ids(&target_html).contains(anchor) {
                    broken.push(format!("{page}: {url} (no id `{anchor}`)"));
                }
            }
        }
    }
    broken
}
