//! A build with nothing to do, skipped like `make` skips it: when no source file changed since
//! the last successful build into the same folder (the same names, sizes and modification
//! times under site.yaml and the source folders, the same options, the same program), and the
//! output folder is exactly as that build left it, `build` reports that build again instead of
//! redoing it. The record is a small file in the cache folder (see `crate::cache`); without it,
//! or when anything differs, the build runs in full.

use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use crate::hash::Key128;
use crate::messages::Message;
use crate::{Options, SiteSummary};
pub use checked::CheckState;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;
pub use tree::Stamp;
use tree::{outputs, sources, Sources, Tree};

mod checked;
mod tree;

/// Changes with every build of the program, so a record is never taken for another's.
const PROGRAM: &str = concat!(
    "pledgesite-build-1 ",
    env!("CARGO_PKG_VERSION"),
    " ",
    env!("PLEDGESITE_SOURCE_HASH")
);

pub struct BuildState {
    /// The record's file; `None`: no cache folder, nothing recorded or skipped.
    file: Option<PathBuf>,
    /// The sources, looked at while the build runs; taken once.
    sources: Option<std::thread::JoinHandle<Option<Sources>>>,
    looked: Option<Sources>,
    started: u128,
}

/// What a build made, as its record keeps it.
pub struct Done {
    pub site: SiteSummary,
    pub bytes: u64,
}

#[derive(Serialize, Deserialize)]
struct Record {
    program: String,
    inputs: String,
    outputs: String,
    pledges: usize,
    charts: usize,
    pages: usize,
    files: usize,
    bytes: u64,
    warnings: Vec<Kept>,
}

/// A warning as the record keeps it: messages by key and arguments, shown in the reader's
/// language when replayed.
#[derive(Serialize, Deserialize)]
struct Kept {
    path: PathBuf,
    line: usize,
    column: usize,
    message: String,
    hint: Option<String>,
}

impl BuildState {
    /// Starts looking at the sources, on a thread of its own, as the build begins. Not for a
    /// build into a new or empty folder (a CI run, a first build): only the next build into
    /// the same folder could use its record, so that build records instead.
    pub fn start(options: &Options, out: &Path) -> BuildState {
        let started = now();
        let has_site = crate::write::holds_files(out).unwrap_or(false);
        let Some(dir) = options.cache_dir.as_ref().filter(|_| has_site) else {
            return BuildState {
                file: None,
                sources: None,
                looked: None,
                started,
            };
        };
        let root = dunce::canonicalize(&options.root).unwrap_or_else(|_| options.root.clone());
        let mut key = Key128::default();
        key.add(root.as_os_str().as_encoded_bytes());
        key.add(out.as_os_str().as_encoded_bytes());
        let options = options.clone();
        BuildState {
            file: Some(dir.join(format!("build-{:032x}.json", key.finish()))),
            sources: Some(std::thread::spawn(move || sources(&options))),
            looked: None,
            started,
        }
    }

    fn sources(&mut self) -> Option<&Sources> {
        if let Some(handle) = self.sources.take() {
            self.looked = handle.join().ok().flatten();
        }
        self.looked.as_ref()
    }

    /// The last build's results, when it is still what a build would make now.
    pub fn unchanged(&mut self, out: &Path) -> Option<Done> {
        let text = std::fs::read_to_string(self.file.as_ref()?).ok()?;
        let record: Record = serde_json::from_str(&text).ok()?;
        let current = record.program == PROGRAM
            && outputs(out).is_some_and(|o| record.outputs == hex(o))
            && self.sources().is_some_and(|s| record.inputs == hex(s.key));
        current.then(|| record.done())?
    }

    /// Keeps `check`'s record of a successful build's warnings, from the sources this build
    /// has looked at (they are not walked a second time). Like the build's own record, none
    /// for a build into a new folder (a CI run): it has not looked.
    pub fn record_check(&mut self, options: &Options, warnings: &Diagnostics) {
        if let Some(seen) = self.sources().cloned() {
            CheckState::of_build(options, seen, self.started).save(warnings);
        }
    }

    /// Records a successful build of `site` into `out`, whose files are `stamps`. Not when a
    /// source changed while it ran (its time is after the build's start, give or take the
    /// two seconds some file systems round to): the build may have read it before or after.
    pub fn save(mut self, site: &SiteSummary, bytes: u64, stamps: &mut [Stamp]) {
        let Some(file) = self.file.clone() else {
            return;
        };
        let _ = std::fs::remove_file(&file);
        let started = self.started;
        let Some(sources) = self.sources() else {
            return;
        };
        if sources.newest + 2_000_000_000 >= started {
            return;
        }
        let warnings = site.warnings.0.iter().filter_map(Kept::of).collect();
        let record = Record {
            program: PROGRAM.into(),
            inputs: hex(sources.key),
            outputs: hex(Tree::listed(stamps)),
            pledges: site.pledges,
            charts: site.charts,
            pages: site.pages,
            files: site.files,
            bytes,
            warnings,
        };
        crate::cache::replace_file(&file, |out| Ok(serde_json::to_writer(out, &record)?));
    }
}

impl Record {
    fn done(self) -> Option<Done> {
        let warnings = self.warnings.into_iter().map(Kept::back);
        Some(Done {
            site: SiteSummary {
                warnings: Diagnostics(warnings.collect::<Option<_>>()?),
                pledges: self.pledges,
                charts: self.charts,
                pages: self.pages,
                files: self.files,
            },
            bytes: self.bytes,
        })
    }
}

impl Kept {
    fn of(d: &Diagnostic) -> Option<Kept> {
        (d.severity == Severity::Warning).then(|| Kept {
            path: d.path.clone(),
            line: d.line,
            column: d.column,
            message: d.message.encode(),
            hint: d.hint.as_ref().map(|h| h.encode()),
        })
    }

    fn back(self) -> Option<Diagnostic> {
        let hint = match self.hint {
            Some(hint) => Some(Box::new(Message::decode(&hint)?)),
            None => None,
        };
        Some(Diagnostic {
            path: self.path,
            line: self.line,
            column: self.column,
            severity: Severity::Warning,
            message: Message::decode(&self.message)?,
            hint,
        })
    }
}

/// Now, in nanoseconds since 1970, as file times are compared.
fn now() -> u128 {
    std::time::SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos())
}

fn hex(key: u128) -> String {
    format!("{key:032x}")
}
