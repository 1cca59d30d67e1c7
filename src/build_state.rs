//! A build with nothing to do, skipped like `make` skips it: when no source file changed since
//! the last successful build into the same folder (the same names, sizes and modification
//! times under site.yaml and the source folders, the same options, the same program), and the
//! output folder is exactly as that build left it, `build` reports that build again instead of
//! redoing it. The record is a small file in the cache folder (see `chart::cache`); without it,
//! or when anything differs, the build runs in full.

use crate::config::{CONFIG_FILE, SOURCE_FOLDERS};
use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use crate::hash::Key128;
use crate::messages::Message;
use crate::{Options, SiteSummary};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

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
        let started = std::time::SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let has_site = std::fs::read_dir(out).is_ok_and(|mut entries| entries.next().is_some());
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
        let Ok(text) = serde_json::to_string(&record) else {
            return;
        };
        let aside = file.with_extension("tmp");
        let written = file
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|_| std::fs::write(&aside, text))
            .and_then(|_| std::fs::rename(&aside, &file));
        if written.is_err() {
            let _ = std::fs::remove_file(&aside);
        }
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

fn hex(key: u128) -> String {
    format!("{key:032x}")
}

/// A file as the record sees it: path relative to its tree, size, modification time (ns).
pub type Stamp = (String, u64, u128);

/// The sources' key and the newest modification time among them.
pub struct Sources {
    key: u128,
    newest: u128,
}

/// The program, the options that change pages, and every source file's name, size and
/// modification time.
pub fn sources(options: &Options) -> Option<Sources> {
    let root = &options.root;
    let mut key = Key128::default();
    key.add(PROGRAM.as_bytes());
    key.add(options.base_url.as_deref().unwrap_or("\0").as_bytes());
    key.add(&[u8::from(options.drafts)]);
    let config = crate::write::stamp_of(&root.join(CONFIG_FILE).metadata().ok()?)?;
    key.add_u128(Tree::file_key(CONFIG_FILE.as_ref(), config));
    let mut newest = config.1;
    for folder in SOURCE_FOLDERS {
        let dir = root.join(folder);
        let tree = if dir.exists() {
            Tree::on_disk(&dir)?
        } else {
            Tree::absent()
        };
        key.add_u128(tree.key);
        newest = newest.max(tree.newest);
    }
    Some(Sources {
        key: key.finish(),
        newest,
    })
}

/// The output as it is on disk now.
fn outputs(out: &Path) -> Option<u128> {
    Tree::on_disk(out).map(|t| t.key)
}

/// A folder's key: its entries in name order, each a file's (name, size, time) or a folder's
/// name and key. The same whether read from disk or made from the list of files written.
struct Tree {
    key: u128,
    newest: u128,
}

impl Tree {
    fn absent() -> Tree {
        let mut key = Key128::default();
        key.add(b"\0absent");
        Tree {
            key: key.finish(),
            newest: 0,
        }
    }

    fn file_key(name: &std::ffi::OsStr, (len, modified): (u64, u128)) -> u128 {
        let mut key = Key128::default();
        key.add(name.as_encoded_bytes());
        key.add_u128(u128::from(len));
        key.add_u128(modified);
        key.finish()
    }

    fn dir_key(name: &std::ffi::OsStr, inner: u128) -> u128 {
        let mut key = Key128::default();
        key.add(name.as_encoded_bytes());
        key.add(b"\0dir");
        key.add_u128(inner);
        key.finish()
    }

    fn of(entries: impl Iterator<Item = Tree>) -> Tree {
        let mut key = Key128::default();
        let mut newest = 0;
        for entry in entries {
            key.add_u128(entry.key);
            newest = newest.max(entry.newest);
        }
        Tree {
            key: key.finish(),
            newest,
        }
    }

    /// Reads `dir`, its folders in parallel; `None` when anything cannot be read.
    fn on_disk(dir: &Path) -> Option<Tree> {
        use rayon::prelude::*;
        let mut entries: Vec<std::fs::DirEntry> = std::fs::read_dir(dir)
            .ok()?
            .collect::<Result<_, _>>()
            .ok()?;
        entries.sort_by_key(|e| e.file_name());
        let trees: Vec<Option<Tree>> = entries
            .par_iter()
            .map(|entry| {
                let name = entry.file_name();
                // A link is followed, as the build follows it.
                let meta = match entry.file_type().ok()?.is_symlink() {
                    true => std::fs::metadata(entry.path()).ok()?,
                    false => entry.metadata().ok()?,
                };
                if meta.is_dir() {
                    let inner = Tree::on_disk(&entry.path())?;
                    let key = Tree::dir_key(&name, inner.key);
                    return Some(Tree {
                        key,
                        newest: inner.newest,
                    });
                }
                let stamp = crate::write::stamp_of(&meta)?;
                Some(Tree {
                    key: Tree::file_key(&name, stamp),
                    newest: stamp.1,
                })
            })
            .collect();
        Some(Tree::of(
            trees.into_iter().collect::<Option<Vec<_>>>()?.into_iter(),
        ))
    }

    /// The key `on_disk` gives for a folder holding exactly `files` (paths with `/`).
    fn listed(files: &mut [Stamp]) -> u128 {
        // Folder by folder, as on disk: with `/` as the smallest character, `a/b` sorts before
        // `a-b` just as folder `a` does.
        files.sort_by_cached_key(|f| f.0.replace('/', "\0"));
        Tree::listed_sorted(files, 0).key
    }

    /// `files` sorted, all under the same folder, whose names start at byte `from`.
    fn listed_sorted(files: &[Stamp], from: usize) -> Tree {
        let mut entries = Vec::new();
        let mut rest = files;
        while let Some((first, _)) = rest.split_first() {
            let path = &first.0[from..];
            match path.split_once('/') {
                None => {
                    let name = std::ffi::OsStr::new(path);
                    entries.push(Tree {
                        key: Tree::file_key(name, (first.1, first.2)),
                        newest: 0,
                    });
                    rest = &rest[1..];
                }
                Some((folder, _)) => {
                    let inside = rest
                        .iter()
                        .take_while(|f| {
                            f.0[from..]
                                .split_once('/')
                                .is_some_and(|(d, _)| d == folder)
                        })
                        .count();
                    let inner = Tree::listed_sorted(&rest[..inside], from + folder.len() + 1);
                    let key = Tree::dir_key(std::ffi::OsStr::new(folder), inner.key);
                    entries.push(Tree { key, newest: 0 });
                    rest = &rest[inside..];
                }
            }
        }
        Tree::of(entries.into_iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The key made from the list of files written is the key of the folder read from disk,
    /// with names that sort differently as paths and as text (`a/b`, `a-b`, `a.b`).
    #[test]
    fn the_written_list_and_the_folder_on_disk_have_one_key() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        let names = [
            ".nojekyll",
            "a-b/index.html",
            "a.b",
            "a/b/c.svg",
            "a/b.html",
            "a/index.html",
            "공약/index.html",
            "z",
        ];
        let mut stamps: Vec<Stamp> = names
            .iter()
            .rev()
            .map(|name| {
                let path = out.join(name);
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                let (len, time) = crate::write::write_bytes(&path, name.as_bytes()).unwrap();
                (name.to_string(), len, time)
            })
            .collect();
        let on_disk = outputs(out).unwrap();
        assert_eq!(Tree::listed(&mut stamps), on_disk);
        // Any file more, less or changed: another key.
        std::fs::write(out.join("a/b/extra"), "").unwrap();
        assert_ne!(outputs(out).unwrap(), on_disk);
        std::fs::remove_file(out.join("a/b/extra")).unwrap();
        assert_eq!(outputs(out).unwrap(), on_disk);
        std::fs::write(out.join("z"), "Z").unwrap();
        assert_ne!(outputs(out).unwrap(), on_disk);
    }
}
