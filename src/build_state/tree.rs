//! What a build reads and writes, as keys: every source's and output's name, size and time
//! folder by folder, the same key whether read from disk or made from the files written.

use super::PROGRAM;
use crate::config::{CONFIG_FILE, SOURCE_FOLDERS};
use crate::hash::Key128;
use crate::Options;
use std::path::Path;

/// A file as the record sees it: path relative to its tree, size, modification time (ns).
pub type Stamp = (String, u64, u128);

/// The sources' key and the newest modification time among them.
#[derive(Clone)]
pub struct Sources {
    pub key: u128,
    pub newest: u128,
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
pub fn outputs(out: &Path) -> Option<u128> {
    Tree::on_disk(out).map(|t| t.key)
}

/// A folder's key: its entries in name order, each a file's (name, size, time) or a folder's
/// name and key. The same whether read from disk or made from the list of files written.
pub struct Tree {
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
    pub fn listed(files: &mut [Stamp]) -> u128 {
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
