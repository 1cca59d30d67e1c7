//! Tables written in Markdown, given what generated tables have: a frame that scrolls inside
//! itself (never the page) with a name for screen readers, `scope` on the header cells, and a
//! caption when the text gives one: a paragraph right before the table that is all bold
//! (`**표 3. 연도별 실적**`) or starts `표 3`, `[표 3]`, `<표 3>` or `Table 3` (KWCAG 5.3.1).

use crate::render::escape_xml;
use pulldown_cmark::{Event, Tag, TagEnd};

/// Longer than this, a paragraph is text, not a table's title.
const CAPTION_CHARS: usize = 100;

/// Takes the paragraph that ends `out` if it names the table that follows, as caption HTML.
pub(super) fn caption_before(out: &mut Vec<Event>) -> Option<String> {
    if !matches!(out.last(), Some(Event::End(TagEnd::Paragraph))) {
        return None;
    }
    let start = out
        .iter()
        .rposition(|e| matches!(e, Event::Start(Tag::Paragraph)))?;
    let inner = &out[start + 1..out.len() - 1];
    let text: String = inner
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect();
    let all_bold = matches!(inner.first(), Some(Event::Start(Tag::Strong)))
        && matches!(inner.last(), Some(Event::End(TagEnd::Strong)))
        && inner[1..inner.len() - 1]
            .iter()
            .all(|e| !matches!(e, Event::Start(Tag::Strong) | Event::End(TagEnd::Strong)));
    if text.chars().count() > CAPTION_CHARS || !(all_bold || names_a_table(text.trim())) {
        return None;
    }
    let shown = if all_bold {
        &inner[1..inner.len() - 1]
    } else {
        inner
    };
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, shown.iter().cloned());
    out.truncate(start);
    Some(html)
}

/// `표 3`, `표3.`, `[표 3]`, `<표 3>`, `Table 3`.
fn names_a_table(text: &str) -> bool {
    let text = text.trim_start_matches(['[', '<', '〈', '［']);
    let rest = text
        .strip_prefix('표')
        .or_else(|| text.strip_prefix("Table"))
        .map(str::trim_start);
    rest.and_then(|r| r.chars().next())
        .is_some_and(|c| c.is_ascii_digit())
}

/// The table's HTML in its frame, header cells with `scope`, the caption first inside it.
/// On phones its rows stack as generated tables' do (`stack`: each cell shows its column's
/// name, given as `--c1`, `--c2`, … the way `partials/cols.html` gives them). The frame is
/// named by the caption, else the section's heading (`name`), else the columns.
pub(super) fn framed(
    table: &str,
    caption: Option<&str>,
    name: Option<&str>,
    columns: &[String],
) -> String {
    let table = table
        .replace("<th>", "<th scope=\"col\">")
        .replace("<th style=", "<th scope=\"col\" style=");
    let names: String = columns
        .iter()
        .enumerate()
        .map(|(i, c)| format!("--c{}:'{}';", i + 1, css_string(c)))
        .collect();
    let open = format!("<table class=\"stack\" style=\"{}\">", escape_xml(&names));
    let caption = caption.map_or(String::new(), |c| format!("<caption>{c}</caption>"));
    let table = table.replacen("<table>", &format!("{open}{caption}"), 1);
    let fallback = columns.join(" · ");
    let name = escape_xml(name.unwrap_or(&fallback));
    format!(
        "<div class=\"table-wrap md-table\" tabindex=\"0\" role=\"region\" aria-label=\"{name}\">\n{table}</div>\n"
    )
}

/// `text` inside a CSS string in single quotes.
fn css_string(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('\'', "\\'")
        .replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_paragraph_that_names_a_table_is_its_caption() {
        assert!(names_a_table("표 3. 연도별 실적"));
        assert!(names_a_table("[표1] 예산"));
        assert!(names_a_table("<표 2> 현황"));
        assert!(names_a_table("Table 4: results"));
        assert!(!names_a_table("표준 일정"));
        assert!(!names_a_table("다음 표는 실적입니다"));
    }
}
