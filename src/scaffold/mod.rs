//! `pledgesite init DIR` and `pledgesite new pledge SLUG`: a new site that builds and passes
//! `check` as it is, and a pledge bundle with every section and data file stubbed and
//! commented in Korean and English. Existing files are never overwritten.

use crate::diagnostics::shown_path;
use anyhow::{Context, Result};
use std::path::{Path, PathBuf};

macro_rules! theme_files {
    ($($path:literal),* $(,)?) => {
        /// The default theme, built into the binary so `init` works anywhere.
        pub const THEME: &[(&str, &str)] = &[$(($path, include_str!(concat!("../../themes/default/", $path)))),*];
    };
}

theme_files!(
    "i18n/en.yaml",
    "i18n/ko.yaml",
    "static/favicon.svg",
    "static/filter.js",
    "static/style.css",
    "templates/404.html",
    "templates/area.html",
    "templates/base.html",
    "templates/index.html",
    "templates/partials/area_table.html",
    "templates/partials/change.html",
    "templates/partials/chart.html",
    "templates/partials/cols.html",
    "templates/partials/figures.html",
    "templates/partials/pledge_item.html",
    "templates/partials/progress.html",
    "templates/partials/status.html",
    "templates/partials/status_table.html",
    "templates/partials/trend_table.html",
    "templates/pledge.html",
    "templates/report.html",
    "templates/reports.html",
    "templates/tables/budget.html",
    "templates/tables/categories.html",
    "templates/tables/kpis.html",
    "templates/tables/ordinances.html",
    "templates/tables/schedule.html",
    "templates/tables/targets.html",
);

const PLEDGE: &[(&str, &str)] = &[
    ("index.md", include_str!("files/pledge/index.md")),
    (
        "01-background.md",
        include_str!("files/pledge/01-background.md"),
    ),
    ("02-plan.md", include_str!("files/pledge/02-plan.md")),
    ("03-status.md", include_str!("files/pledge/03-status.md")),
    (
        "04-schedule.md",
        include_str!("files/pledge/04-schedule.md"),
    ),
    ("05-budget.md", include_str!("files/pledge/05-budget.md")),
    (
        "06-ordinances.md",
        include_str!("files/pledge/06-ordinances.md"),
    ),
    (
        "07-achievements.md",
        include_str!("files/pledge/07-achievements.md"),
    ),
    ("08-press.md", include_str!("files/pledge/08-press.md")),
    ("09-future.md", include_str!("files/pledge/09-future.md")),
    ("data.yaml", include_str!("files/pledge/data.yaml")),
];

/// Where pledgesite is released from, unless `init --repo` says otherwise: the `repository`
/// of Cargo.toml.
/// The placeholder sentences and values `new pledge` and `init` write, which must not reach a
/// published site: body lines with Hangul that are not headings, comments or blocks, and the
/// card's summary, department and area as written by the template.
pub(crate) fn stub_texts() -> Vec<&'static str> {
    let files = PLEDGE.iter().map(|(_, text)| *text);
    let files = files.chain(std::iter::once(include_str!("files/_index.md")));
    let mut stubs = Vec::new();
    for text in files {
        for line in text.lines() {
            let line = line.trim();
            if let Some(value) = stub_card_value(line) {
                stubs.push(value);
                continue;
            }
            let is_text = line.chars().any(|c| ('가'..='힣').contains(&c))
                && !line.starts_with(['#', '<', '`', '|'])
                && !line.contains(": ");
            if is_text {
                stubs.push(line);
            }
        }
    }
    stubs.retain(|s| !s.is_empty());
    stubs
}

/// The value of a card line whose template value is a placeholder (`summary:`, `department:`,
/// `area:`), without its `# comment`; `line` is trimmed.
pub(crate) fn stub_card_value(line: &str) -> Option<&str> {
    ["summary:", "department:", "area:"]
        .iter()
        .find_map(|key| line.strip_prefix(key))
        .map(|v| v.split(" #").next().unwrap_or("").trim())
}

pub const DEFAULT_REPO: &str = default_repo();

const fn default_repo() -> &'static str {
    // "https://github.com/OWNER/NAME" → "OWNER/NAME", at compile time.
    let url = env!("CARGO_PKG_REPOSITORY").as_bytes();
    let prefix = b"https://github.com/";
    let (_, rest) = url.split_at(prefix.len());
    match std::str::from_utf8(rest) {
        Ok(repo) => repo,
        Err(_) => "pledgesite/pledgesite",
    }
}

/// The GitHub Pages workflow `init` writes, for pledgesite released from `repo` (OWNER/NAME):
/// it installs that release instead of compiling pledgesite.
pub fn pages_workflow(repo: &str) -> String {
    fill_repo(include_str!("files/pages.yml"), repo)
}

/// zizmor's settings for the site: actions pinned to commits, pledgesite's own to its tag.
pub fn zizmor_config(repo: &str) -> String {
    fill_repo(include_str!("files/zizmor.yml"), repo)
}

fn fill_repo(template: &str, repo: &str) -> String {
    let owner = repo.split('/').next().unwrap_or(repo);
    template
        .replace("{{repo}}", repo)
        .replace("{{owner}}", owner)
        .replace("{{version}}", env!("CARGO_PKG_VERSION"))
}

/// Checks `--repo`: GitHub's OWNER/NAME, which the workflow puts in `uses:`.
pub fn check_repo(repo: &str) -> Result<()> {
    let valid = |part: &str| {
        !part.is_empty()
            && part
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
    };
    match repo.split_once('/') {
        Some((owner, name)) if valid(owner) && valid(name) => Ok(()),
        _ => Err(msg!("scaffold.bad_repo", repo = repo, example = DEFAULT_REPO).into()),
    }
}

/// Writes every file or none: refuses when any of them exists already.
fn write_all(files: &[(PathBuf, String)]) -> Result<Vec<PathBuf>> {
    if let Some((path, _)) = files.iter().find(|(p, _)| p.exists()) {
        return Err(msg!("scaffold.exists", path = shown_path(path)).into());
    }
    for (path, text) in files {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .with_context(|| msg!("write.create_failed", path = shown_path(dir)))?;
        }
        std::fs::write(path, text)
            .with_context(|| msg!("write.write_failed", path = shown_path(path)))?;
    }
    Ok(files.iter().map(|(p, _)| p.clone()).collect())
}

/// The fictional district 예시구: ~30 pledges in 6 areas with sub-areas and codes, four
/// quarterly snapshots, `changes:`, one 통폐합 and one 공약 제외 — every feature in use.
static DISTRICT: include_dir::Dir =
    include_dir::include_dir!("$CARGO_MANIFEST_DIR/src/scaffold/files/district");

/// The sample sites `init --sample` can start from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sample {
    /// One sample pledge to edit (the default).
    Pledge,
    /// A whole fictional district's term (예시구).
    District,
}

/// The files every new site gets: workflow, .gitignore and the default theme.
fn common_files(dir: &Path, repo: &str) -> Vec<(PathBuf, String)> {
    let mut files = vec![
        (
            dir.join(".github/workflows/pages.yml"),
            pages_workflow(repo),
        ),
        (dir.join(".github/zizmor.yml"), zizmor_config(repo)),
        (
            dir.join(".gitignore"),
            include_str!("files/gitignore").to_string(),
        ),
    ];
    files.extend(
        THEME
            .iter()
            .map(|(rel, text)| (dir.join("themes/default").join(rel), text.to_string())),
    );
    files
}

/// Creates a new site in `dir` from `sample`, its workflow installing pledgesite released from
/// `repo` (`dir` may exist but must not hold any of the new files).
pub fn init_sample(dir: &Path, sample: Sample, repo: &str) -> Result<Vec<PathBuf>> {
    check_repo(repo)?;
    match sample {
        Sample::Pledge => init(dir, repo),
        Sample::District => {
            let mut files = common_files(dir, repo);
            let mut stack = vec![&DISTRICT];
            while let Some(folder) = stack.pop() {
                stack.extend(folder.dirs());
                for file in folder.files() {
                    let text = file.contents_utf8().unwrap_or_default();
                    files.push((dir.join(file.path()), text.to_string()));
                }
            }
            files.sort();
            write_all(&files)
        }
    }
}

/// Creates a new site in `dir` (which may exist but must not hold any of the new files).
pub fn init(dir: &Path, repo: &str) -> Result<Vec<PathBuf>> {
    check_repo(repo)?;
    let as_of = "2026-06-30";
    let mut files = vec![
        (
            dir.join("site.yaml"),
            include_str!("files/site.yaml").to_string(),
        ),
        (
            dir.join("content/_index.md"),
            include_str!("files/_index.md").replace("{{as_of}}", as_of),
        ),
    ];
    files.extend(common_files(dir, repo));
    files.extend(pledge_files(
        &dir.join("content/pledges/1-sample"),
        1,
        "예시 공약 (Sample pledge)",
        as_of,
    ));
    write_all(&files)
}

/// Adds `content/pledges/SLUG/` to the site at `root`, numbered after the highest pledge.
pub fn new_pledge(root: &Path, slug: &str) -> Result<Vec<PathBuf>> {
    if slug.is_empty()
        || slug
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "?#%&/\\\"'<>".contains(c))
    {
        return Err(msg!("scaffold.bad_slug", slug = slug).into());
    }
    let config = crate::load_config(root, None).map_err(|e| match e {
        crate::Error::Environment(e) => e,
        // The problems themselves are `check`'s to show, in full and in the reader's language.
        crate::Error::Content(d) => {
            let errors = d.error_count();
            anyhow::Error::new(msg!("scaffold.site_has_errors", errors = errors))
        }
    })?;
    let dir = root.join("content/pledges").join(slug);
    if dir.exists() {
        return Err(msg!("scaffold.pledge_exists", path = shown_path(&dir)).into());
    }
    let number = next_number(root);
    // The as-of date must lie inside the term; the term's end is a safe placeholder.
    let as_of = config
        .term
        .as_ref()
        .map_or_else(|| "2026-06-30".to_string(), |t| t.end.clone());
    write_all(&pledge_files(
        &dir,
        number,
        "새 공약 (제목을 고치세요 / edit the title)",
        &as_of,
    ))
}

fn pledge_files(dir: &Path, number: u32, title: &str, as_of: &str) -> Vec<(PathBuf, String)> {
    PLEDGE
        .iter()
        .map(|(name, text)| {
            let text = text
                .replace("{{number}}", &number.to_string())
                .replace("{{title}}", title)
                .replace("{{as_of}}", as_of);
            (dir.join(name), text)
        })
        .collect()
}

/// One more than the highest `number:` of the existing pledges (1 for the first).
fn next_number(root: &Path) -> u32 {
    let mut diags = crate::diagnostics::Diagnostics::default();
    crate::load::bundle_dirs(root, &mut diags)
        .iter()
        .filter_map(|dir| std::fs::read_to_string(dir.join("index.md")).ok())
        .filter_map(|text| {
            text.lines()
                .find_map(|l| l.strip_prefix("number:"))
                .and_then(|n| n.split('#').next()?.trim().parse::<u32>().ok())
        })
        .max()
        .map_or(1, |n| n + 1)
}
