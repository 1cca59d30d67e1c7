use super::{Edit, FrontMatter};

fn edited(text: &str, edits: &[(&str, Edit, Option<&str>)]) -> String {
    let mut doc = FrontMatter::new(text.to_string()).unwrap();
    for (key, value, after) in edits {
        doc.set(key, *value, *after).unwrap();
    }
    doc.into_text()
}

#[test]
fn only_the_value_changes_with_bom_crlf_comments_and_quotes() {
    let text = "\u{feff}---\r\nnumber: \"I-①-1\"  # 관리번호\r\nstatus: '정상추진' # 상태\r\n\
                progress: 85\r\nas_of: 2026-03-31\r\n---\r\n본문 2026-03-31\r\n";
    let out = edited(
        text,
        &[
            ("as_of", Edit::Plain("2026-06-30"), None),
            ("status", Edit::Text("보류"), None),
            ("progress", Edit::Plain("90.5"), None),
        ],
    );
    assert_eq!(
        out,
        "\u{feff}---\r\nnumber: \"I-①-1\"  # 관리번호\r\nstatus: '보류' # 상태\r\n\
         progress: 90.5\r\nas_of: 2026-06-30\r\n---\r\n본문 2026-03-31\r\n"
    );
}

#[test]
fn a_missing_key_is_added_after_its_anchor_with_the_files_line_ends() {
    let text = "---\r\nstatus: 정상추진\r\nprogress: 50\r\n---\r\n";
    let out = edited(
        text,
        &[("status_reason", Edit::Text("예산: 미확보"), Some("status"))],
    );
    assert_eq!(
        out,
        "---\r\nstatus: 정상추진\r\nstatus_reason: \"예산: 미확보\"\r\nprogress: 50\r\n---\r\n"
    );
    let out = edited(
        "---\nstatus: 보류\n---\n",
        &[("as_of", Edit::Plain("2026-06-30"), None)],
    );
    assert_eq!(out, "---\nstatus: 보류\nas_of: 2026-06-30\n---\n");
}

#[test]
fn text_that_yaml_would_read_otherwise_is_quoted() {
    let out = edited(
        "---\nstatus_reason: x\n---\n",
        &[("status_reason", Edit::Text("100"), None)],
    );
    assert_eq!(out, "---\nstatus_reason: \"100\"\n---\n");
    let out = edited(
        "---\nstatus_reason: x\n---\n",
        &[("status_reason", Edit::Text(""), None)],
    );
    assert_eq!(out, "---\nstatus_reason: \"\"\n---\n");
    let out = edited(
        "---\nstatus_reason: x\n---\n",
        &[("status_reason", Edit::Text("=1+1"), None)],
    );
    assert_eq!(out, "---\nstatus_reason: =1+1\n---\n");
    let out = edited(
        "---\nstatus_reason: x\n---\n",
        &[("status_reason", Edit::Text("# 주석 아님"), None)],
    );
    assert_eq!(out, "---\nstatus_reason: \"# 주석 아님\"\n---\n");
}

#[test]
fn block_and_continued_values_become_one_line_and_nested_keys_are_untouched() {
    let text = "---\nstatus_reason: |\n  첫 줄\n  둘째 줄\nprogress: 10\nbudget:\n  total: 5\n  as_of: x\nsummary: 긴\n  요약\n---\n";
    let out = edited(
        text,
        &[
            ("status_reason", Edit::Text("새 사유"), None),
            ("summary", Edit::Text("짧은 요약"), None),
            ("as_of", Edit::Plain("2026-06-30"), None),
        ],
    );
    assert_eq!(
        out,
        "---\nstatus_reason: 새 사유\nprogress: 10\nbudget:\n  total: 5\n  as_of: x\nsummary: 짧은 요약\nas_of: 2026-06-30\n---\n"
    );
}

#[test]
fn an_unchanged_value_leaves_the_text_alone_and_get_reads_it() {
    let text = "---\nstatus: \"정상\\\"추진\" # c\nprogress: 85\n---\n";
    let mut doc = FrontMatter::new(text.to_string()).unwrap();
    assert_eq!(doc.get("status").as_deref(), Some("정상\"추진"));
    assert_eq!(doc.get("progress").as_deref(), Some("85"));
    assert!(!doc.set("progress", Edit::Plain("85"), None).unwrap());
    assert_eq!(doc.text(), text);
    assert!(FrontMatter::new("본문만".into()).is_err());
}
