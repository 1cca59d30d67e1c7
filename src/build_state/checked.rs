//! `check`'s record: when no source changed since the last full check or build of a site (the
//! same key of names, sizes and times as a build's skip, see `tree`), its warnings are still
//! the site's. `check` answers from it at once, and `import` and `quarter`, which must refuse
//! a site with errors before writing, need not render the whole site again to know.

use super::tree::{sources, Sources};
use super::{hex, now, Kept, PROGRAM};
use crate::diagnostics::Diagnostics;
use crate::hash::Key128;
use crate::Options;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

pub struct CheckState {
    /// The record's file; `None`: no cache folder.
    file: Option<PathBuf>,
    sources: Option<Sources>,
    started: u128,
}

/// The record's file for the site at `options.root`; `None` without a cache folder.
fn record_file(options: &Options) -> Option<PathBuf> {
    options.cache_dir.as_ref().map(|dir| {
        let root = dunce::canonicalize(&options.root).unwrap_or_else(|_| options.root.clone());
        let mut key = Key128::default();
        key.add(root.as_os_str().as_encoded_bytes());
        dir.join(format!("check-{:032x}.json", key.finish()))
    })
}

#[derive(Serialize, Deserialize)]
struct Record {
    program: String,
    inputs: String,
    warnings: Vec<Kept>,
}

impl CheckState {
    /// The sources as they are before the check reads them.
    pub fn start(options: &Options) -> CheckState {
        let started = now();
        let file = record_file(options);
        let sources = file.as_ref().and_then(|_| sources(options));
        CheckState {
            file,
            sources,
            started,
        }
    }

    /// For a build that looked at the sources (`seen`) as it began, at `started`.
    pub(super) fn of_build(options: &Options, seen: Sources, started: u128) -> CheckState {
        CheckState {
            file: record_file(options),
            sources: Some(seen),
            started,
        }
    }

    /// The warnings of the last check that passed, when no source has changed since.
    pub fn unchanged(&self) -> Option<Diagnostics> {
        let text = std::fs::read_to_string(self.file.as_ref()?).ok()?;
        let record: Record = serde_json::from_str(&text).ok()?;
        let current = record.program == PROGRAM
            && self
                .sources
                .as_ref()
                .is_some_and(|s| record.inputs == hex(s.key));
        let warnings = record.warnings.into_iter().map(Kept::back);
        current.then(|| warnings.collect::<Option<_>>().map(Diagnostics))?
    }

    /// Records a check that passed with `warnings`. Not when a source changed just before it
    /// began (within the two seconds some file systems round times to): it may have been read
    /// before or after the change.
    pub fn save(&self, warnings: &Diagnostics) {
        let (Some(file), Some(sources)) = (&self.file, &self.sources) else {
            return;
        };
        if sources.newest + 2_000_000_000 >= self.started {
            let _ = std::fs::remove_file(file);
            return;
        }
        let record = Record {
            program: PROGRAM.into(),
            inputs: hex(sources.key),
            warnings: warnings.0.iter().filter_map(Kept::of).collect(),
        };
        crate::cache::replace_file(file, |out| Ok(serde_json::to_writer(out, &record)?));
    }
}
