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

#[test]
fn the_korean_guide_has_the_same_examples() {
    assert_eq!(
        blocks("docs/content-guide.ko.md"),
        blocks("docs/content-guide.md")
    );
}

#[test]
fn the_guides_examples_build_and_pass_check() {
    let examples = blocks("docs/content-guide.md");
    let site = Fixture::new("minimal");
    site.remove("content");
    copy_tree(&repo_root().join("themes"), &site.path("themes"));
    site.write("site.yaml", block(&examples, "yaml site.yaml"));
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
    // The same budget from the CSV example.
    site.write(
        &format!("{bundle}/budget.csv"),
        block(&examples, "csv budget.csv"),
    );
    site.build_ok();
}
