//! Markdown to HTML with pulldown-cmark: heading anchors (Hangul included), raw HTML escaped
//! unless the site opts in, base-path-aware links, and ```table blocks handed to a callback.

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
    let events: Vec<(Event, Range<usize>)> = Parser::new_ext(markdown, options())
        .into_offset_iter()
        .collect();
    let mut walk = Walk {
        settings,
        anchors,
        path,
        line_offset,
        lines: LineIndex::new(markdown),
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

/// One `render` call while it walks the events: what it was given and what it has made so
/// far. `'r` is the call's borrows, `'m` the Markdown text the events point into.
struct Walk<'r, 'm> {
    settings: &'r Settings<'r>,
    anchors: &'r mut Anchors,
    path: &'r Path,
    line_offset: usize,
    lines: LineIndex,
    shift: u8,
    block: &'r mut dyn FnMut(&Block) -> Result<String, Diagnostic>,
    problems: &'r mut Vec<Diagnostic>,
    out: Vec<Event<'m>>,
    headings: Vec<Heading>,
    links: Vec<(String, usize, bool, bool)>,
}

impl<'m> Walk<'_, 'm> {
    /// Handles one event; a heading, data block or HTML block takes its inner events from
    /// `rest` as well.
    fn event(&mut self, event: Event<'m>, start: usize, rest: &mut Events<'m>) {
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let inner = heading_content(rest);
                let (level, id) = self.list_heading(level, id, &inner);
                let id = Some(id.into());
                self.push_heading(
                    Tag::Heading {
                        level,
                        id,
                        classes,
                        attrs,
                    },
                    inner,
                );
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(lang)))
                if matches!(lang.as_ref(), "table" | "chart") =>
            {
                let body = code_block_text(rest);
                self.data_block(&lang, &body, start);
            }
            Event::Start(Tag::HtmlBlock) => {
                let html = html_block_parts(rest);
                self.html_block(html);
            }
            other => self.inline(other, start, rest),
        }
    }

    /// Line in the source file of a byte offset in this Markdown text.
    fn line(&self, offset: usize) -> usize {
        self.line_offset + self.lines.line(offset)
    }

    /// Gives a heading its shifted level and a unique anchor (its `{#id}`, else its text's
    /// slug), and lists it for the page's table of contents.
    fn list_heading(
        &mut self,
        level: HeadingLevel,
        id: Option<CowStr>,
        inner: &[Event],
    ) -> (HeadingLevel, String) {
        let text = plain_text(inner);
        let id = self
            .anchors
            .claim(&id.map_or_else(|| slugify(&text), |i| i.to_string()));
        let level = shift_level(level, self.shift);
        self.headings.push(Heading {
            level: level as u8,
            id: id.clone(),
            text,
        });
        (level, id)
    }

    /// Pushes a heading: its start tag, its content rewritten like other inline text, its end.
    fn push_heading(&mut self, start: Tag<'m>, inner: Vec<Event<'m>>) {
        let end = start.to_end();
        let settings = self.settings;
        self.out.push(Event::Start(start));
        self.out
            .extend(inner.into_iter().map(|e| rewrite_inline(e, settings)));
        self.out.push(Event::End(end));
    }

    /// A ```` ```table ```` / ```` ```chart ```` block becomes the callback's HTML; one
    /// without a usable name and options is reported at its line instead.
    fn data_block(&mut self, lang: &str, body: &str, start: usize) {
        let line = self.line(start);
        match parse_block(lang, body, line) {
            Ok(b) => match (self.block)(&b) {
                Ok(html) => self.out.push(Event::Html(html.into())),
                Err(d) => self.problems.push(d),
            },
            Err(message) => self.problems.push(
                Diagnostic::error(self.path, message)
                    .at(line, 1)
                    .hint(msg!("render.block_name_hint")),
            ),
        }
    }

    /// A raw HTML block: comments vanish; the rest passes through only when the site allows
    /// raw HTML, and is otherwise shown as text in a paragraph.
    fn html_block(&mut self, html: Vec<CowStr<'m>>) {
        let is_comment = html
            .first()
            .is_some_and(|t| t.trim_start().starts_with("<!--"));
        if is_comment {
            return;
        }
        if self.settings.unsafe_html {
            self.out.extend(html.into_iter().map(Event::Html));
        } else {
            self.out.push(Event::Start(Tag::Paragraph));
            self.out.extend(html.into_iter().map(Event::Text));
            self.out.push(Event::End(TagEnd::Paragraph));
        }
    }

    /// Any other event: a script URL is emptied and reported, links and images are listed,
    /// inline HTML comments vanish, and the rest is rewritten for the site.
    fn inline(&mut self, event: Event<'m>, start: usize, rest: &mut Events<'m>) {
        let event = match neutralise(event, self.settings.unsafe_html) {
            Ok(event) => event,
            Err((event, url)) => {
                let line = self.line(start);
                self.problems.push(unsafe_link(self.path, line, &url));
                self.out.push(event);
                return;
            }
        };
        self.list_link(&event, start, rest);
        if let Event::InlineHtml(t) = &event {
            if t.starts_with("<!--") {
                return;
            }
        }
        self.out.push(rewrite_inline(event, self.settings));
    }

    /// Lists a link or image as written, with its line and (for an image) whether it has no
    /// alt text, so links can be checked after rendering.
    fn list_link(&mut self, event: &Event, start: usize, rest: &mut Events<'m>) {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => {
                let line = self.line(start);
                self.links.push((dest_url.to_string(), line, false, false));
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                let alt_missing = matches!(rest.peek(), Some((Event::End(TagEnd::Image), _)));
                let line = self.line(start);
                self.links
                    .push((dest_url.to_string(), line, true, alt_missing));
            }
            _ => {}
        }
    }

    /// The rewritten events as HTML, with the headings and links found on the way.
    fn finish(self, markdown_len: usize) -> Rendered {
        let mut html = String::with_capacity(markdown_len * 3 / 2);
        pulldown_cmark::html::push_html(&mut html, self.out.into_iter());
        Rendered {
            html,
            headings: self.headings,
            links: self.links,
        }
    }
}

/// A heading's inline events, up to and taking its end tag.
fn heading_content<'m>(rest: &mut Events<'m>) -> Vec<Event<'m>> {
    let mut inner = Vec::new();
    for (e, _) in rest.by_ref() {
        if matches!(e, Event::End(TagEnd::Heading(_))) {
            break;
        }
        inner.push(e);
    }
    inner
}

/// A fenced code block's text, up to and taking its end tag.
fn code_block_text(rest: &mut Events) -> String {
    let mut body = String::new();
    for (e, _) in rest.by_ref() {
        match e {
            Event::Text(t) => body.push_str(&t),
            Event::End(TagEnd::CodeBlock) => break,
            _ => {}
        }
    }
    body
}

/// A raw HTML block's pieces, up to and taking its end tag.
fn html_block_parts<'m>(rest: &mut Events<'m>) -> Vec<CowStr<'m>> {
    let mut html = Vec::new();
    for (e, _) in rest.by_ref() {
        match e {
            Event::End(TagEnd::HtmlBlock) => break,
            Event::Html(t) => html.push(t),
            _ => {}
        }
    }
    html
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

#[cfg(test)]
mod tests;
