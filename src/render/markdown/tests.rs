use super::*;

/// `text` rendered as the file `a.md`, starting after `line_offset` lines of it, with the
/// problems found; a data block becomes an empty table naming its data set.
pub(super) fn render_in(
    text: &str,
    base_path: &str,
    line_offset: usize,
    unsafe_html: bool,
) -> (Rendered, Vec<Diagnostic>) {
    let settings = Settings {
        unsafe_html,
        base_path,
        min_heading: 3,
    };
    let mut problems = Vec::new();
    let rendered = render(
        text,
        &settings,
        &mut Anchors::default(),
        Path::new("a.md"),
        line_offset,
        &mut |b| Ok(format!("<table data-set=\"{}\"></table>", b.name)),
        &mut problems,
    );
    (rendered, problems)
}

fn md(text: &str, unsafe_html: bool) -> Rendered {
    render_in(text, "/repo/", 0, unsafe_html).0
}

#[test]
fn script_urls_lose_their_address_unless_raw_html_is_allowed() {
    let text = "[a](javascript:alert(1)) [b](<JaVa\tScript:x>) [c](VBScript:x) [d](data:text/html,x)\n\n![e](data:image/svg+xml,x) ![f](data:image/png;base64,AA) [g](https://example.kr/) [h](/p/)\n";
    let (r, problems) = render_in(text, "/", 4, false);
    assert!(!r.html.contains("script:"), "{}", r.html);
    assert!(!r.html.contains("data:text"), "{}", r.html);
    assert!(!r.html.contains("svg+xml"), "{}", r.html);
    assert!(
        r.html.contains("src=\"data:image/png;base64,AA\""),
        "{}",
        r.html
    );
    assert!(
        r.html.contains("href=\"https://example.kr/\""),
        "{}",
        r.html
    );
    assert_eq!(r.html.matches("href=\"\"").count(), 4, "{}", r.html);
    assert_eq!(problems.len(), 5, "{problems:?}");
    let lines: Vec<usize> = problems.iter().map(|p| p.line).collect();
    assert_eq!(
        lines,
        [5, 5, 5, 5, 7],
        "the file's lines, after 4 of front matter"
    );
    assert!(problems.iter().all(|p| !p.is_error()));
    let allowed = md("[a](javascript:alert(1))", true);
    assert!(
        allowed.html.contains("javascript:alert(1)"),
        "{}",
        allowed.html
    );
}

#[test]
fn hangul_headings_get_anchors_and_are_shifted() {
    let r = md("# 추진 배경\n\n## 세부 계획\n\n## 세부 계획\n", false);
    assert!(r.html.contains("<h3 id=\"추진-배경\">"), "{}", r.html);
    assert!(r.html.contains("<h4 id=\"세부-계획-2\">"), "{}", r.html);
}

#[test]
fn raw_html_is_escaped_unless_allowed_and_comments_dropped() {
    let r = md(
        "<script>alert(1)</script>\n\n<!-- OCR 수정 -->\n\n글 <b>굵게</b>\n",
        false,
    );
    assert!(r.html.contains("&lt;script&gt;"), "{}", r.html);
    assert!(r.html.contains("&lt;b&gt;"), "{}", r.html);
    assert!(!r.html.contains("OCR"));
    let r = md("<b>굵게</b>\n", true);
    assert!(r.html.contains("<b>굵게</b>"));
}

#[test]
fn root_links_follow_the_base_path_and_blocks_are_placed() {
    let r = md(
        "[홈](/pledges/a/) [x](https://e.kr/)\n\n```table\nbudget\n```\n",
        false,
    );
    assert!(r.html.contains("href=\"/repo/pledges/a/\""), "{}", r.html);
    assert!(r.html.contains("href=\"https://e.kr/\""));
    assert!(r.html.contains("data-set=\"budget\""));
}

#[test]
fn tables_footnotes_strikethrough() {
    let r = md(
        "|a|b|\n|-|-|\n|1|2|\n\n~~x~~ 각주[^1]\n\n[^1]: 설명\n",
        false,
    );
    assert!(r.html.contains("<table class=\"stack\""));
    assert!(r.html.contains("<del>x</del>"));
    assert!(r.html.contains("footnote"));
}

#[test]
fn markdown_tables_get_a_frame_scope_and_the_caption_the_text_gives() {
    let text =
        "## 실적\n\n**표 1. 연도별 실적**\n\n| 연도 | 실적 |\n|---|--:|\n| 2023 | [12](/p/) |\n";
    let html = md(text, false).html;
    assert!(
        html.contains("<div class=\"table-wrap md-table\" tabindex=\"0\" role=\"region\" aria-label=\"표 1. 연도별 실적\">"),
        "{html}"
    );
    assert!(
        html.contains("<table class=\"stack\" style=\"--c1:'연도';--c2:'실적';\"><caption>표 1. 연도별 실적</caption>"),
        "{html}"
    );
    assert!(html.contains("<th scope=\"col\">연도</th>"), "{html}");
    assert!(
        html.contains("<th scope=\"col\" style=\"text-align: right\">실적</th>"),
        "{html}"
    );
    assert!(
        !html.contains("<p><strong>표 1"),
        "the caption is not also a paragraph: {html}"
    );
    assert!(
        html.contains("href=\"/repo/p/\""),
        "links in cells are rewritten: {html}"
    );
    // A paragraph that does not name the table stays; the frame is named by the heading.
    let html = md(
        "## 실적\n\n다음은 실적입니다.\n\n| a |\n|---|\n| 1 |\n",
        false,
    )
    .html;
    assert!(html.contains("<p>다음은 실적입니다.</p>"), "{html}");
    assert!(html.contains("aria-label=\"실적\""), "{html}");
    assert!(!html.contains("<caption>"), "{html}");
}
