//! The content guide's examples (English and Korean) are built as a site, so they cannot rot.

use crate::harness::{copy_tree, repo_root, Fixture};

/// (info string, content) of every fenced block at the top level of a Markdown file.
fn blocks(path: &str) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(repo_root().join(path)).unwrap();
    let mut blocks = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let fence: String = line.chars().take_while(|c| *c == '`').collect();
        if fence.len() >= 3 {
            let info = line[fence.len()..].trim().to_string();
            let mut content = String::new();
            for inner in lines.by_ref() {
                if inner == fence {
                    break;
                }
                content.push_str(inner);
                content.push('\n');
            }
            blocks.push((info, content));
        }
    }
    blocks
}

fn block<'a>(all: &'a [(String, String)], info: &str) -> &'a str {
    &all.iter()
        .find(|(i, _)| i == info)
        .unwrap_or_else(|| panic!("no ```{info} block"))
        .1
}

/// The blocks people copy: every block but the program's `output`, which is in each guide's
/// language.
fn examples(path: &str) -> Vec<(String, String)> {
    blocks(path)
        .into_iter()
        .filter(|(info, _)| info != "output")
        .collect()
}

#[test]
fn the_korean_guide_has_the_same_examples() {
    assert_eq!(
        examples("docs/content-guide.ko.md"),
        examples("docs/content-guide.md")
    );
}

/// Whether `text` is `template` with each `{placeholder}` filled by some non-empty text.
fn fills(template: &str, text: &str) -> bool {
    match template.find('{') {
        None => template == text,
        Some(open) => {
            let Some(close) = template[open..].find('}').map(|c| open + c) else {
                return template == text;
            };
            let name = &template[open + 1..close];
            if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                // A literal brace: compare it as text.
                return text.starts_with(&template[..=open])
                    && fills(&template[open + 1..], &text[open + 1..]);
            }
            let (head, rest) = (&template[..open], &template[close + 1..]);
            let Some(after) = text.strip_prefix(head) else {
                return false;
            };
            after
                .char_indices()
                .skip(1)
                .map(|(i, _)| i)
                .chain(std::iter::once(after.len()))
                .any(|cut| fills(rest, &after[cut..]))
        }
    }
}

/// `text` without what the program puts before a message: `path:line:column: 오류: `,
/// `경고[code]: `, `도움말: ` and their English.
fn message_part(text: &str) -> &str {
    let words = ["오류", "경고", "error", "warning", "도움말", "hint"];
    let mut rest = text;
    if let Some((place, after)) = text.split_once(": ") {
        let parts: Vec<&str> = place.rsplitn(3, ':').collect();
        if parts.len() == 3 && parts[..2].iter().all(|p| p.parse::<u32>().is_ok()) {
            rest = after;
        }
    }
    for word in words {
        if let Some(after) = rest.strip_prefix(word) {
            let after = match after.strip_prefix('[') {
                Some(code) => code.split_once(']').map_or(after, |(_, a)| a),
                None => after,
            };
            if let Some(message) = after.strip_prefix(": ") {
                return message;
            }
        }
    }
    rest
}

/// Every quote of the program in `path`: `<samp>` text and the lines of ```output blocks
/// (but the indented file names a command lists).
fn quotes(path: &str) -> Vec<String> {
    let text = std::fs::read_to_string(repo_root().join(path)).unwrap();
    let mut quotes: Vec<String> = text
        .split("<samp>")
        .skip(1)
        .filter_map(|part| part.split_once("</samp>").map(|(q, _)| q.to_string()))
        .collect();
    for (_, output) in blocks(path).iter().filter(|(info, _)| info == "output") {
        let lines = output.lines().filter(|l| !l.trim().is_empty());
        let file_name = |l: &str| l.starts_with("  ") && !l.trim().contains(' ');
        quotes.extend(lines.filter(|l| !file_name(l)).map(String::from));
    }
    quotes
}

#[test]
fn every_message_the_guides_quote_is_the_programs_in_their_language() {
    use pledgesite::messages::{keys, text_of, Lang};
    let mut wrong = Vec::new();
    let mut counted = 0;
    for (path, lang) in [
        ("docs/content-guide.ko.md", Lang::Ko),
        ("docs/content-guide.md", Lang::En),
        ("README.md", Lang::En),
    ] {
        for quote in quotes(path) {
            counted += 1;
            let message = message_part(&quote);
            let known = keys().any(|key| {
                let template = text_of(key, lang).unwrap();
                fills(template, message) || fills(template.trim(), message.trim())
            });
            if !known {
                wrong.push(format!("{path}: {quote}"));
            }
        }
    }
    assert!(
        counted >= 20,
        "only {counted} quotes: are they marked <samp>?"
    );
    assert!(
        wrong.is_empty(),
        "not what the program says (see src/messages):\n{}",
        wrong.join("\n")
    );
}

#[test]
fn a_quote_matches_only_its_own_message() {
    assert!(fills("점검 통과: 오류 {errors}건", "점검 통과: 오류 0건"));
    assert!(!fills("점검 통과: 오류 {errors}건", "점검 통과: 오류 0개"));
    assert!(!fills("{a} 실패", " 실패"));
    assert_eq!(message_part("a/b.md:11:9: 오류: 값"), "값");
    assert_eq!(message_part("경고[lint.old_date]: 값"), "값");
    assert_eq!(message_part("도움말: 값"), "값");
}

#[test]
fn the_guides_examples_build_and_pass_check() {
    let examples = blocks("docs/content-guide.md");
    let site = Fixture::new("minimal");
    site.remove("content");
    copy_tree(&repo_root().join("themes"), &site.path("themes"));
    // site.yaml with the footer and the site font the guide shows, and the font files.
    let config =
        ["yaml site.yaml", "yaml operator", "yaml font"].map(|info| block(&examples, info));
    site.write("site.yaml", config.concat());
    copy_tree(
        &repo_root().join("tests/fixtures/fonts"),
        &site.path("fonts"),
    );
    site.write("content/_index.md", "---\ntitle: 예시\n---\n");
    let bundle = "content/pledges/16-better-jobs";
    site.write(
        &format!("{bundle}/index.md"),
        block(&examples, "markdown index.md"),
    );
    site.write(
        &format!("{bundle}/data.yaml"),
        block(&examples, "yaml data.yaml"),
    );
    site.write(
        &format!("{bundle}/02-plan.md"),
        block(&examples, "markdown 02-plan.md"),
    );
    let report = site.build_ok();
    assert_eq!(report.site.pledges, 1);
    let page = site.output("pledges/16-better-jobs/index.html");
    assert!(page.contains("재원별 비중") && page.contains("<td>4,263</td>"));
    assert!(
        page.contains("예시구청 기획예산과") && page.contains(r#"font-family:"Pretendard GOV""#)
    );
    assert!(site.path("public/fonts/site-700.woff2").is_file());
    // The same budget from the CSV example.
    site.write(
        &format!("{bundle}/budget.csv"),
        block(&examples, "csv budget.csv"),
    );
    site.build_ok();
}
