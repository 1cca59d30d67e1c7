//! The district's term as staff run it, quarter by quarter: `quarter` (a new reporting date in
//! one step), `import` (the planning office's sheet), the report sheets, and the record of
//! every published report that keeps them from vanishing or changing silently.

pub mod import;
pub mod quarter;
pub mod sheet;
mod stale;

use crate::edit::FrontMatter;
use crate::load::records::RECORDS_FILE;
use crate::load::snapshots::SNAPSHOT_DIR;
use crate::model::{RecordRow, Site};
use crate::session::Session;
use crate::{Error, Options};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// The records file being brought up to date, and the files to write with it.
pub(crate) struct RecordBook {
    dates: BTreeMap<String, Vec<RecordRow>>,
    changed: bool,
}

impl RecordBook {
    /// The site's records, with every snapshot not yet on record taken on as it is now.
    pub fn of(site: &Site) -> RecordBook {
        let mut dates = site
            .records
            .as_ref()
            .map(|r| r.dates.clone())
            .unwrap_or_default();
        let mut changed = site.records.is_none();
        for snapshot in &site.snapshots {
            let rows = dates.entry(snapshot.date.clone()).or_default();
            if rows.is_empty() {
                rows.extend(snapshot.rows.iter().map(|r| RecordRow {
                    number: r.number.clone(),
                    status: r.status,
                    progress: r.progress,
                    line: 0,
                }));
                changed |= !rows.is_empty();
            }
        }
        RecordBook { dates, changed }
    }

    /// `date`'s rows as recorded now.
    pub fn record(&mut self, date: &str, rows: Vec<RecordRow>) {
        self.dates.insert(date.to_string(), rows);
        self.changed = true;
    }

    /// Whether `date` is on record with rows.
    pub fn has_rows(&self, date: &str) -> bool {
        self.dates.get(date).is_some_and(|r| !r.is_empty())
    }

    /// `date`'s rows as recorded.
    pub fn rows(&self, date: &str) -> Option<&[RecordRow]> {
        self.dates.get(date).map(Vec::as_slice)
    }

    /// The site now reports as of `date` (from its cards).
    pub fn mark_reported(&mut self, date: &str) {
        if !self.dates.contains_key(date) {
            self.dates.insert(date.to_string(), Vec::new());
            self.changed = true;
        }
    }

    /// The records file to write, if anything changed.
    pub fn file(&self, root: &Path) -> Option<(PathBuf, Vec<u8>)> {
        self.changed.then(|| {
            (
                root.join(RECORDS_FILE),
                crate::load::records::to_csv(&self.dates),
            )
        })
    }
}

pub(crate) fn snapshot_path(root: &Path, date: &str) -> PathBuf {
    root.join(SNAPSHOT_DIR).join(format!("{date}.csv"))
}

/// The site loaded and fully checked: what every command that writes a user's file needs
/// first. A site with errors is refused before anything is written.
pub(crate) struct Checked {
    pub site: Site,
    pub config: crate::config::Config,
    pub warnings: crate::diagnostics::Diagnostics,
}

pub(crate) fn load_checked(options: &Options) -> Result<Checked, Error> {
    let state = crate::build_state::CheckState::start(options);
    let session = Session::load(options)?;
    let site = session.site().clone();
    let config = session.config().clone();
    // Nothing changed since a check or build that passed: its warnings are the site's.
    if let Some(warnings) = state.unchanged() {
        return Ok(Checked {
            site,
            config,
            warnings,
        });
    }
    let caches = session.caches();
    let summary = session.render(&|_| Ok(()))?;
    state.save(&summary.warnings);
    // Kept like a build's: the check after writing, and the next build, draw no chart again.
    caches.save();
    Ok(Checked {
        site,
        config,
        warnings: summary.warnings,
    })
}

/// `check` of the site as written, through the caches `load_checked` filled.
pub(crate) fn check_after(options: &Options) -> Result<crate::diagnostics::Diagnostics, Error> {
    let session = Session::load(options)?;
    let caches = session.caches();
    let summary = session.render(&|_| Ok(()))?;
    caches.save();
    Ok(summary.warnings)
}

/// Writes `files`, the records if they changed and every card an edit changed: all of them or,
/// when one cannot be written, none. The paths written, relative to `root`, sorted.
pub(crate) fn write_all(
    root: &Path,
    mut files: Vec<(PathBuf, Vec<u8>)>,
    records: &RecordBook,
    cards: HashMap<PathBuf, FrontMatter>,
) -> Result<Vec<PathBuf>, Error> {
    files.extend(records.file(root));
    for (rel, doc) in cards.into_iter().filter(|(_, d)| d.changed()) {
        files.push((root.join(rel), doc.into_text().into_bytes()));
    }
    crate::edit::write_all_atomic(&files)?;
    let mut written: Vec<PathBuf> = files
        .into_iter()
        .map(|(p, _)| p.strip_prefix(root).map(Path::to_path_buf).unwrap_or(p))
        .collect();
    written.sort();
    Ok(written)
}

/// The raw text of a file to edit in place, as it is on disk (BOM and line ends kept).
pub(crate) fn read_raw(path: &Path) -> anyhow::Result<String> {
    use anyhow::Context;
    let bytes = std::fs::read(path).with_context(|| {
        msg!(
            "write.read_failed",
            path = crate::diagnostics::shown_path(path)
        )
    })?;
    String::from_utf8(bytes).with_context(|| {
        msg!(
            "write.read_failed",
            path = crate::diagnostics::shown_path(path)
        )
    })
}
