//! The site as plain data: what `load` produces and every later step reads.

use crate::number::PledgeNumber;
use crate::status::Status;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::PathBuf;

mod data;
pub use data::*;

/// A number from a data file. Amounts may have decimals (1.9억원), so f64.
pub type Number = f64;

/// A source text file, kept so later steps can point at lines in it.
#[derive(Debug, Clone, Serialize)]
pub struct Source {
    /// Relative to the site root, as shown in diagnostics.
    pub path: PathBuf,
    pub text: String,
}

impl Source {
    /// 1-based line of the row named `name`: a CSV line starting `name,` or a YAML line
    /// `name: name`; otherwise the first line mentioning it.
    pub fn line_of_row(&self, name: &str) -> usize {
        let csv = format!("{name},");
        let yaml = format!("name: {name}");
        self.text
            .lines()
            .position(|l| l.trim_start().starts_with(&csv) || l.contains(&yaml))
            .map_or_else(|| self.line_of(name), |i| i + 1)
    }

    /// 1-based line and column of the value at `path` (`as_of`, `budget.total`) in the file's
    /// YAML (its front matter for Markdown), found by the YAML parser: exact even where the
    /// same key appears more than once.
    pub fn position_of(&self, path: &str) -> Option<(usize, usize)> {
        let is_markdown = self.path.extension().is_some_and(|e| e == "md");
        // The text is read with its BOM removed and line ends as `\n` (load::text).
        let positions = if is_markdown {
            crate::yaml::Positions::of(crate::yaml::front_matter_of(&self.text)?, 1)
        } else {
            crate::yaml::Positions::of(&self.text, 0)
        };
        positions.value(path).or_else(|| positions.key(path))
    }

    /// `position_of(path)`, or else the first line containing `needle` (a CSV file, or a value
    /// the parser cannot find), column 1.
    pub fn spot(&self, path: &str, needle: &str) -> (usize, usize) {
        self.position_of(path)
            .unwrap_or_else(|| (self.line_of(needle), 1))
    }

    /// 1-based line of the first line containing `needle`, for diagnostics found after parsing.
    pub fn line_of(&self, needle: &str) -> usize {
        self.text
            .lines()
            .position(|l| l.contains(needle))
            .map_or(0, |i| i + 1)
    }
}

/// A Markdown body and where it starts in its file (after the front matter).
#[derive(Debug, Clone, Serialize)]
pub struct Body {
    pub markdown: String,
    /// Number of lines before the body in the file.
    pub line_offset: usize,
}

#[derive(Debug, Clone)]
pub struct Site {
    pub home: Home,
    pub pledges: Vec<Pledge>,
    /// Past reporting dates from `data/snapshots/`, oldest first.
    pub snapshots: Vec<Snapshot>,
    /// What each recorded report said when it was recorded (`data/records.csv`), if kept.
    pub records: Option<Records>,
    /// Files copied as they are: (source path, output path relative to the output root).
    pub static_files: Vec<(PathBuf, PathBuf)>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct HomeMeta {
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub intro: Option<String>,
    #[serde(default)]
    pub as_of: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Home {
    pub meta: HomeMeta,
    pub body: Body,
    pub source: Option<Source>,
}

/// The pledge card: the front matter of a bundle's `index.md`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Card {
    /// 관리번호: an integer or the district's code (`III-①-1`).
    pub number: PledgeNumber,
    pub title: String,
    pub area: String,
    /// 세부분야, within the area.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub_area: Option<String>,
    #[serde(default)]
    pub department: String,
    /// 임기내 / 임기외
    #[serde(default)]
    pub term: String,
    /// 단기 / 중기 / 장기
    #[serde(default)]
    pub kind: String,
    /// 기간 유형, e.g. 계속
    #[serde(default)]
    pub period: String,
    /// 국가 / 시 / 자체
    #[serde(default)]
    pub executing_body: String,
    pub status: Status,
    #[serde(default)]
    pub status_reason: Option<String>,
    #[serde(default)]
    pub merged_into: Option<PledgeNumber>,
    pub progress: Number,
    #[serde(default)]
    pub budget: Option<BudgetTotal>,
    #[serde(default)]
    pub as_of: Option<String>,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub draft: bool,
    /// 공약 변경 이력: every change to what was promised, with its reason (일치도).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<ContentChange>,
    /// Whether the year's goal was met, for a pledge without a numeric yearly target
    /// (목표달성도); `targets.years[].actual` answers it for the others.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub achieved: BTreeMap<i32, bool>,
    /// Free-form values for custom templates.
    #[serde(default)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// One entry of a pledge's 공약 변경 이력.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ContentChange {
    pub date: String,
    /// What changed: 목표, 사업기간, 사업비, 공약명, ...
    pub what: String,
    #[serde(default)]
    pub before: String,
    #[serde(default)]
    pub after: String,
    #[serde(default)]
    pub reason: String,
    /// How it was decided, e.g. 주민배심원 심의.
    #[serde(default)]
    pub procedure: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct BudgetTotal {
    pub total: Number,
    #[serde(default = "default_money_unit")]
    pub unit: String,
}

pub fn default_money_unit() -> String {
    "백만원".into()
}

#[derive(Debug, Clone)]
pub struct Pledge {
    pub slug: String,
    pub card: Card,
    pub lead: Body,
    pub index: Source,
    pub sections: Vec<Section>,
    pub data: PledgeData,
    /// Bundle files copied next to the page: (source path, path relative to the bundle).
    pub assets: Vec<(PathBuf, PathBuf)>,
    /// Where each data set was loaded from, for diagnostics.
    pub data_sources: DataSources,
}

impl Pledge {
    /// Drops the Markdown bodies once the page is rendered; the card, data and sources stay.
    pub fn release_markdown(&mut self) {
        self.lead.markdown = String::new();
        for section in &mut self.sections {
            section.body.markdown = String::new();
        }
    }

    /// The whole text of one of the pledge's own files (its index, sections and data files),
    /// by its path as shown in diagnostics, while its Markdown is held (`release_markdown`).
    pub fn source_text(&self, path: &std::path::Path) -> Option<Cow<'_, str>> {
        // A Markdown file's source keeps only its front matter; its body follows it.
        let whole = |source: &Source, body: &Body| Cow::Owned(source.text.clone() + &body.markdown);
        if self.index.path == path {
            return Some(whole(&self.index, &self.lead));
        }
        if let Some(s) = self.sections.iter().find(|s| s.source.path == path) {
            return Some(whole(&s.source, &s.body));
        }
        let data = self.data_sources.sources().find(|s| s.path == path);
        data.map(|s| Cow::Borrowed(s.text.as_str()))
    }

    /// Names of the charts placed by ```chart blocks anywhere in the pledge's Markdown.
    pub fn placed_charts(&self) -> std::collections::BTreeSet<String> {
        let bodies = std::iter::once(&self.lead.markdown)
            .chain(self.sections.iter().map(|s| &s.body.markdown));
        let mut names = std::collections::BTreeSet::new();
        // Most bodies place no chart: one search instead of a walk over every line.
        for body in bodies.filter(|b| b.contains("```chart")) {
            let mut lines = body.lines().map(str::trim);
            while let Some(line) = lines.next() {
                if line == "```chart" {
                    if let Some(name) = lines.by_ref().find(|l| !l.is_empty()) {
                        names.insert(name.to_string());
                    }
                }
            }
        }
        names
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SectionMeta {
    pub title: String,
    #[serde(default)]
    pub order: Option<i64>,
    #[serde(default)]
    pub kind: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Section {
    /// Stable anchor, from the file name without its number prefix (`01-background.md` → `background`).
    pub id: String,
    pub order: i64,
    pub meta: SectionMeta,
    pub body: Body,
    pub source: Source,
}

/// One reporting date's record of every pledge: `data/snapshots/YYYY-MM-DD.csv`.
#[derive(Debug, Clone)]
pub struct Snapshot {
    /// From the file name, `YYYY-MM-DD`.
    pub date: String,
    pub source: Source,
    pub rows: Vec<SnapshotRow>,
}

#[derive(Debug, Clone)]
pub struct SnapshotRow {
    /// 1-based line in the file.
    pub line: usize,
    pub number: PledgeNumber,
    pub status: Status,
    pub progress: Number,
    pub note: String,
}

/// `data/records.csv`: each recorded reporting date and its rows as recorded.
#[derive(Debug, Clone)]
pub struct Records {
    pub source: Source,
    /// By date; a date without rows was reported from the cards and is not yet a snapshot.
    pub dates: BTreeMap<String, Vec<RecordRow>>,
}

#[derive(Debug, Clone)]
pub struct RecordRow {
    pub number: PledgeNumber,
    pub status: Status,
    pub progress: Number,
    /// 1-based line in the records file (0 for a row not read from it).
    pub line: usize,
}

impl RecordRow {
    /// Whether the row says `status` at `progress`: what a published report must keep saying.
    pub fn says(&self, status: Status, progress: Number) -> bool {
        self.status == status && (self.progress - progress).abs() < 1e-9
    }
}

/// A link or image written in Markdown; checked against the rendered site (`validate::links`).
#[derive(Debug, Clone, PartialEq)]
pub struct MarkdownLink {
    /// The Markdown file and line it was written on.
    pub source: PathBuf,
    pub line: usize,
    /// The output page it appears on, e.g. `pledges/16-better-jobs/`.
    pub page: String,
    /// As written, before the base path is added.
    pub url: String,
    pub image: bool,
    pub alt_missing: bool,
}
