//! Markdown to HTML with pulldown-cmark: heading anchors (Hangul included), raw HTML escaped
//! unless the site opts in, base-path-aware links, ```table blocks handed to a callback, and
//! the Korean lint (`lint`) run on the same parse.

use crate::diagnostics::{Diagnostic, LineIndex};
use crate::messages::Message;
use pulldown_cmark::{
    CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd,
};
use std::collections::HashSet;
use std::ops::Range;
use std::path::Path;

pub struct Settings<'a> {
    pub unsafe_html: bool,
    /// Prefixed to root-relative links (`/pledges/...`) so they work under a subpath.
    pub base_path: &'a str,
    /// Headings shallower than this are pushed down (a section's own title is the `h2`).
    pub min_heading: u8,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// A fenced block that names a data set, e.g. ```` ```table ```` / `budget`.
pub struct Block<'a> {
    pub lang: &'a str,
    pub name: &'a str,
    /// `key: value` lines after the name.
    pub options: Vec<(String, String)>,
    pub line: usize,
}

pub struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
    /// Links and images as written: (url, line, is image, image without alt text).
    pub links: Vec<(String, usize, bool, bool)>,
}

/// Anchors already used on a page, so ids stay unique across its combined sections.
#[derive(Default)]
pub struct Anchors(HashSet<String>);

impl Anchors {
    pub fn claim(&mut self, wanted: &str) -> String {
        let base = if wanted.is_empty() { "section" } else { wanted };
        let mut id = base.to_string();
        let mut n = 2;
        while !self.0.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        id
    }
}

pub use crate::slug::slugify;

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// The parser's events with their byte ranges, walked once with one event of look-ahead.
type Events<'m> = std::iter::Peekable<std::vec::IntoIter<(Event<'m>, Range<usize>)>>;

/// One Markdown body as HTML, with its headings and links; data blocks go to `block`, and
/// what is wrong with the text is added to `problems`.
pub fn render(
    markdown: &str,
    settings: &Settings,
    anchors: &mut Anchors,
    path: &Path,
    line_offset: usize,
    block: &mut dyn FnMut(&Block) -> Result<String, Diagnostic>,
    problems: &mut Vec<Diagnostic>,
) -> Rendered {
    // Sized for Korean prose (about one event per 20 bytes) so the list is rarely regrown.
    let mut events = Vec::with_capacity(markdown.len() / 16 + 8);
    events.extend(Parser::new_ext(markdown, options()).into_offset_iter());
    let lines = LineIndex::new(markdown);
    if lint::could_warn(markdown) {
        lint::check(markdown, path, line_offset, &lines, &events, problems);
    }
    let mut walk = Walk {
        settings,
        anchors,
        path,
        line_offset,
        lines,
        shift: heading_shift(&events, settings.min_heading),
        block,
        problems,
        out: Vec::with_capacity(events.len()),
        headings: Vec::new(),
        links: Vec::new(),
    };
    let mut rest = events.into_iter().peekable();
    while let Some((event, range)) = rest.next() {
        walk.event(event, range.start, &mut rest);
    }
    walk.finish(markdown.len())
}

/// How far every heading moves down so the shallowest lands on `min_heading` (none without
/// headings, or when they are already deep enough).
fn heading_shift(events: &[(Event, Range<usize>)], min_heading: u8) -> u8 {
    let shallowest = events
        .iter()
        .filter_map(|(e, _)| match e {
            Event::Start(Tag::Heading { level, .. }) => Some(*level as u8),
            _ => None,
        })
        .min()
        .unwrap_or(min_heading);
    min_heading.saturating_sub(shallowest)
}

/// A link or image whose URL could run script (`javascript:`, `vbscript:`, `data:` other than
/// an image's picture) gets an empty URL unless raw HTML is allowed; `Err` carries the event
/// made safe and the URL it had.
fn neutralise(event: Event<'_>, allowed: bool) -> Result<Event<'_>, (Event<'_>, String)> {
    let (Event::Start(Tag::Link { dest_url, .. }) | Event::Start(Tag::Image { dest_url, .. })) =
        &event
    else {
        return Ok(event);
    };
    let image = matches!(event, Event::Start(Tag::Image { .. }));
    if allowed || !runs_script(dest_url, image) {
        return Ok(event);
    }
    let url = dest_url.to_string();
    let safe = match event {
        Event::Start(Tag::Link {
            link_type,
            title,
            id,
            ..
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: CowStr::Borrowed(""),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            title,
            id,
            ..
        }) => Event::Start(Tag::Image {
            link_type,
            dest_url: CowStr::Borrowed(""),
            title,
            id,
        }),
        other => other,
    };
    Err((safe, url))
}

/// Whether a browser would run `url` as script. Browsers drop tabs and newlines inside a
/// scheme and ignore case, so `Java\tScript:` counts.
pub fn runs_script(url: &str, image: bool) -> bool {
    let scheme: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take(32)
        .collect::<String>()
        .to_ascii_lowercase();
    if scheme.starts_with("javascript:") || scheme.starts_with("vbscript:") {
        return true;
    }
    let pictures = [
        "data:image/png",
        "data:image/jpeg",
        "data:image/gif",
        "data:image/webp",
        "data:image/avif",
    ];
    scheme.starts_with("data:") && !(image && pictures.iter().any(|p| scheme.starts_with(p)))
}

fn unsafe_link(path: &Path, line: usize, url: &str) -> Diagnostic {
    let shown: String = url.chars().take(40).collect();
    Diagnostic::warning(path, msg!("render.unsafe_link", url = shown))
        .at(line, 1)
        .hint(msg!("render.unsafe_link_hint"))
}

fn shift_level(level: HeadingLevel, shift: u8) -> HeadingLevel {
    let n = (level as u8 + shift).min(6);
    HeadingLevel::try_from(n as usize).unwrap_or(HeadingLevel::H6)
}

fn plain_text(events: &[Event]) -> String {
    let mut text = String::new();
    for e in events {
        if let Event::Text(t) | Event::Code(t) = e {
            text.push_str(t);
        }
    }
    text
}

/// Escapes inline raw HTML unless allowed, and roots `/...` links at the site's base path.
fn rewrite_inline<'a>(event: Event<'a>, settings: &Settings) -> Event<'a> {
    match event {
        Event::InlineHtml(t) if !settings.unsafe_html => Event::Text(t),
        Event::Html(t) if !settings.unsafe_html => Event::Text(t),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            dest_url: rebase(dest_url, link_type, settings.base_path),
            link_type,
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Image {
            dest_url: rebase(dest_url, link_type, settings.base_path),
            link_type,
            title,
            id,
        }),
        other => other,
    }
}

fn rebase<'a>(url: CowStr<'a>, link_type: LinkType, base_path: &str) -> CowStr<'a> {
    let root_relative = url.starts_with('/') && !url.starts_with("//");
    if root_relative && base_path != "/" && !matches!(link_type, LinkType::Email) {
        format!("{}{}", base_path.trim_end_matches('/'), url).into()
    } else {
        url
    }
}

fn parse_block<'a>(lang: &'a str, body: &'a str, line: usize) -> Result<Block<'a>, Message> {
    let mut lines = body.lines().map(str::trim).filter(|l| !l.is_empty());
    let name = lines
        .next()
        .ok_or_else(|| msg!("render.block_empty", lang = lang))?;
    let mut options = Vec::new();
    for l in lines {
        let (key, value) = l
            .split_once(':')
            .ok_or_else(|| msg!("render.block_option", lang = lang, line = l))?;
        options.push((key.trim().to_string(), value.trim().to_string()));
    }
    Ok(Block {
        lang,
        name,
        options,
        line,
    })
}

mod lint;
mod table;
mod walk;

use walk::Walk;

#[cfg(test)]
mod tests;
