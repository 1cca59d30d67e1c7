//! The walk over one Markdown text's events that `render` makes: headings given anchors and
//! shifted, data blocks handed out, HTML and links made safe, everything listed on the way.

use super::*;

/// One `render` call while it walks the events: what it was given and what it has made so
/// far. `'r` is the call's borrows, `'m` the Markdown text the events point into.
pub(super) struct Walk<'r, 'm> {
    pub(super) settings: &'r Settings<'r>,
    pub(super) anchors: &'r mut Anchors,
    pub(super) path: &'r Path,
    pub(super) line_offset: usize,
    pub(super) lines: LineIndex,
    pub(super) shift: u8,
    pub(super) block: &'r mut dyn FnMut(&Block) -> Result<String, Diagnostic>,
    pub(super) problems: &'r mut Vec<Diagnostic>,
    pub(super) out: Vec<Event<'m>>,
    pub(super) headings: Vec<Heading>,
    pub(super) links: Vec<(String, usize, bool, bool)>,
}

impl<'m> Walk<'_, 'm> {
    /// Handles one event; a heading, data block or HTML block takes its inner events from
    /// `rest` as well.
    pub(super) fn event(&mut self, event: Event<'m>, start: usize, rest: &mut Events<'m>) {
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
            Event::Start(tag @ Tag::Table(_)) => self.table(tag, start, rest),
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

    /// A Markdown table, its cells rewritten like other text, framed as generated tables are
    /// (`table::framed`), with the paragraph before it as caption when that names it.
    fn table(&mut self, tag: Tag<'m>, start: usize, rest: &mut Events<'m>) {
        let caption = super::table::caption_before(&mut self.out);
        let outside = std::mem::take(&mut self.out);
        self.inline(Event::Start(tag), start, rest);
        while let Some((event, range)) = rest.next() {
            let end = matches!(event, Event::End(TagEnd::Table));
            self.inline(event, range.start, rest);
            if end {
                break;
            }
        }
        let cells = std::mem::replace(&mut self.out, outside);
        let columns = header_texts(&cells);
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, cells.into_iter());
        let caption_text = caption.as_deref().map(strip_tags);
        let name = caption_text
            .as_deref()
            .or(self.headings.last().map(|h| h.text.as_str()));
        let framed = super::table::framed(&html, caption.as_deref(), name, &columns);
        self.out.push(Event::Html(framed.into()));
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
    pub(super) fn finish(self, markdown_len: usize) -> Rendered {
        let mut html = String::with_capacity(markdown_len * 3 / 2);
        pulldown_cmark::html::push_html(&mut html, self.out.into_iter());
        Rendered {
            html,
            headings: self.headings,
            links: self.links,
        }
    }
}

/// The text of each header cell of a table's events, in order.
fn header_texts(events: &[Event]) -> Vec<String> {
    let mut columns = Vec::new();
    let mut in_head = false;
    for event in events {
        match event {
            Event::Start(Tag::TableHead) => in_head = true,
            Event::End(TagEnd::TableHead) => in_head = false,
            Event::Start(Tag::TableCell) if in_head => columns.push(String::new()),
            Event::Text(t) | Event::Code(t) if in_head => {
                if let Some(last) = columns.last_mut() {
                    last.push_str(t);
                }
            }
            _ => {}
        }
    }
    columns
}

/// `html` as text: what a screen reader names a frame by.
fn strip_tags(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"");
    text.replace("&amp;", "&").trim().to_string()
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
