//! Step 5 of the pipeline, and the only code that touches the output folder. Files are written
//! as they are rendered, into a staging folder beside the output (or beside each changed file),
//! and become the output only when the whole build has succeeded, so a failed build never
//! leaves a half-written site, and nothing outside the output is touched.

use crate::build_state::Stamp;
use crate::diagnostics::shown_path;
use crate::output::{Contents, OutputFile};
use anyhow::{Context as _, Result};
use std::collections::HashSet;
use std::io::Write as _;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;

mod output_dir;
pub use output_dir::check_output_dir;

/// Written into every build; an existing non-empty folder without it is not ours to replace.
const MARKER: &str = ".nojekyll";

pub struct WriteSummary {
    /// Files actually written; unchanged files keep their bytes and mtimes.
    pub written: usize,
    pub bytes: u64,
    /// Every file of the site as it is now on disk: what `build_state` records.
    pub stamps: Vec<Stamp>,
}

/// A relative path made only of plain names: no `..`, no root, no drive prefix.
fn safe_relative(path: &str) -> Option<PathBuf> {
    let p = Path::new(path);
    let plain = !path.is_empty() && p.components().all(|c| matches!(c, Component::Normal(_)));
    plain.then(|| p.to_path_buf())
}

/// Writes a site into `out` while it is being rendered, a few files at a time, and makes it
/// the output only on `commit`; dropped without a commit, it removes what it wrote, so a
/// failed build never leaves a half-written site.
///
/// A new output folder is written beside it and renamed into place. An existing one is
/// brought up to date in place: each changed file is written aside and renamed over the old
/// one on commit (a reader sees the old or the new file whole), unchanged files are left
/// alone with their mtimes, and files no longer in the site go.
pub struct Writer {
    out: PathBuf,
    /// The staging folder of a new site; None when updating `out` in place.
    staging: Option<PathBuf>,
    /// Folders already made, so each is created once.
    made: Mutex<HashSet<PathBuf>>,
    /// In place: every file of the new site, and the changed ones written aside.
    kept: Mutex<HashSet<PathBuf>>,
    aside: Mutex<Vec<PathBuf>>,
    stamps: Mutex<Vec<Stamp>>,
    written: AtomicUsize,
    bytes: AtomicU64,
    committed: bool,
}

impl Writer {
    /// `out` must have passed `check_output_dir`.
    pub fn begin(out: &Path) -> Result<Writer> {
        let staging = if holds_files(out)? {
            None
        } else {
            // Errors of their own, not contexts: a context cannot be shown translated later.
            let shown = || shown_path(out);
            let parent = out.parent().ok_or_else(|| {
                anyhow::Error::new(msg!("write.output_no_parent", folder = shown()))
            })?;
            let name = out.file_name().ok_or_else(|| {
                anyhow::Error::new(msg!("write.output_no_name", folder = shown()))
            })?;
            let staging = parent.join(format!(
                ".{}.staging-{}",
                name.to_string_lossy(),
                std::process::id()
            ));
            if staging.exists() {
                std::fs::remove_dir_all(&staging)?;
            }
            Some(staging)
        };
        let root = staging.clone().unwrap_or_else(|| out.to_path_buf());
        std::fs::create_dir_all(&root)
            .with_context(|| msg!("write.create_failed", path = shown_path(&root)))?;
        Ok(Writer {
            out: out.to_path_buf(),
            staging,
            made: Mutex::new(HashSet::from([root])),
            kept: Mutex::default(),
            aside: Mutex::default(),
            stamps: Mutex::default(),
            written: AtomicUsize::new(0),
            bytes: AtomicU64::new(0),
            committed: false,
        })
    }

    /// Writes `files` (callable from many threads at once).
    pub fn write(&self, files: &[OutputFile]) -> Result<()> {
        let root = self.staging.as_deref().unwrap_or(&self.out);
        let mut stamps = Vec::with_capacity(files.len());
        for file in files {
            let rel = safe_relative(&file.path).ok_or_else(|| {
                anyhow::Error::new(msg!("write.outside_output", path = &file.path))
            })?;
            let target = root.join(&rel);
            self.make_parent(&target)?;
            let (stamp, written) = if self.staging.is_some() {
                (write_file(&target, &file.contents)?, true)
            } else {
                self.kept
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .insert(rel);
                self.update_file(&target, &file.contents)?
            };
            self.written
                .fetch_add(usize::from(written), Ordering::Relaxed);
            self.bytes.fetch_add(stamp.0, Ordering::Relaxed);
            stamps.push((file.path.clone(), stamp.0, stamp.1));
        }
        self.stamps
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend(stamps);
        Ok(())
    }

    fn make_parent(&self, target: &Path) -> Result<()> {
        let Some(dir) = target.parent() else {
            return Ok(());
        };
        let mut made = self.made.lock().unwrap_or_else(|e| e.into_inner());
        if !made.contains(dir) {
            std::fs::create_dir_all(dir)
                .with_context(|| msg!("write.create_failed", path = shown_path(dir)))?;
            made.insert(dir.to_path_buf());
        }
        Ok(())
    }

    /// Leaves an unchanged file alone; writes a changed one aside. Returns its (size,
    /// modification time) as it will be after the commit, and whether it changed.
    fn update_file(&self, target: &Path, contents: &Contents) -> Result<((u64, u128), bool)> {
        let new = bytes_of(contents)?;
        let old = std::fs::metadata(target).ok();
        let same_size = old.as_ref().is_some_and(|m| m.len() == new.len() as u64);
        if same_size && std::fs::read(target).is_ok_and(|old| old == *new) {
            if let Some(stamp) = old.as_ref().and_then(stamp_of) {
                return Ok((stamp, false));
            }
        }
        let aside = aside_of(target);
        // Whatever has that name (a leftover, or a link planted there) goes first, so the
        // write never follows it.
        let _ = std::fs::remove_file(&aside);
        let stamp = write_bytes(&aside, &new)?;
        self.aside
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(target.to_path_buf());
        Ok((stamp, true))
    }

    /// Makes what was written the output folder.
    pub fn commit(mut self) -> Result<WriteSummary> {
        self.committed = true;
        match self.staging.take() {
            Some(staging) => {
                let moved = (|| {
                    if self.out.exists() {
                        // An empty folder left from before.
                        std::fs::remove_dir(&self.out).with_context(|| {
                            msg!("write.replace_failed", path = shown_path(&self.out))
                        })?;
                    }
                    std::fs::rename(&staging, &self.out)
                        .with_context(|| msg!("write.move_failed", folder = shown_path(&self.out)))
                })();
                if moved.is_err() {
                    let _ = std::fs::remove_dir_all(&staging);
                }
                moved?;
            }
            None => {
                let aside = std::mem::take(self.aside.get_mut().unwrap_or_else(|e| e.into_inner()));
                for (i, target) in aside.iter().enumerate() {
                    if let Err(err) = std::fs::rename(aside_of(target), target) {
                        for rest in &aside[i..] {
                            let _ = std::fs::remove_file(aside_of(rest));
                        }
                        return Err(err).with_context(|| {
                            msg!("write.replace_failed", path = shown_path(target))
                        });
                    }
                }
                remove_stale(
                    &self.out,
                    self.kept.get_mut().unwrap_or_else(|e| e.into_inner()),
                )?;
            }
        }
        Ok(WriteSummary {
            written: self.written.load(Ordering::Relaxed),
            bytes: self.bytes.load(Ordering::Relaxed),
            stamps: std::mem::take(self.stamps.get_mut().unwrap_or_else(|e| e.into_inner())),
        })
    }
}

impl Drop for Writer {
    /// Not committed: the build failed, so what it wrote goes and the old site stays.
    fn drop(&mut self) {
        if self.committed {
            return;
        }
        if let Some(staging) = &self.staging {
            let _ = std::fs::remove_dir_all(staging);
        }
        for target in self
            .aside
            .get_mut()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
        {
            let _ = std::fs::remove_file(aside_of(target));
        }
    }
}

/// Whether `out` is a folder with something in it (an earlier build, once it passed
/// `check_output_dir`).
pub fn holds_files(out: &Path) -> std::io::Result<bool> {
    Ok(out.is_dir() && std::fs::read_dir(out)?.next().is_some())
}

/// Where a changed file waits for the commit: beside it, hidden.
fn aside_of(target: &Path) -> PathBuf {
    target.with_file_name(format!(
        ".{}.pledgesite-new",
        target
            .file_name()
            .map_or("file".into(), |n| n.to_string_lossy())
    ))
}

/// Deletes files of a previous build that the new one does not have, then empty folders.
/// Only called on a folder that carries pledgesite's marker (see `check_output_dir`).
fn remove_stale(out: &Path, keep: &HashSet<PathBuf>) -> Result<()> {
    let mut dirs = Vec::new();
    for entry in walkdir::WalkDir::new(out).min_depth(1).contents_first(true) {
        let entry = entry?;
        let rel = entry.path().strip_prefix(out).unwrap_or(entry.path());
        if entry.file_type().is_dir() {
            dirs.push(entry.path().to_path_buf());
        } else if !keep.contains(rel) {
            std::fs::remove_file(entry.path())
                .with_context(|| msg!("write.remove_failed", path = shown_path(entry.path())))?;
        }
    }
    for dir in dirs {
        // Fails (and is left) when not empty.
        let _ = std::fs::remove_dir(&dir);
    }
    Ok(())
}

fn bytes_of(contents: &Contents) -> Result<std::borrow::Cow<'_, [u8]>> {
    Ok(match contents {
        Contents::Bytes(bytes) => std::borrow::Cow::Borrowed(&bytes[..]),
        Contents::Copy(source) => std::borrow::Cow::Owned(
            std::fs::read(source)
                .with_context(|| msg!("write.read_failed", path = shown_path(source)))?,
        ),
    })
}

/// Writes a new file; returns its (size, modification time).
fn write_file(target: &Path, contents: &Contents) -> Result<(u64, u128)> {
    match contents {
        Contents::Bytes(bytes) => write_bytes(target, bytes),
        Contents::Copy(source) => {
            std::fs::copy(source, target).with_context(|| {
                let (from, to) = (shown_path(source), shown_path(target));
                msg!("write.copy_failed", from = from, to = to)
            })?;
            let meta = std::fs::metadata(target);
            let stamp = meta.ok().as_ref().and_then(stamp_of);
            stamp.ok_or_else(|| msg!("write.write_failed", path = shown_path(target)).into())
        }
    }
}

/// Writes `bytes` to a new file; its size and time are read from the open file (no lookup).
pub(crate) fn write_bytes(target: &Path, bytes: &[u8]) -> Result<(u64, u128)> {
    let failed = || msg!("write.write_failed", path = shown_path(target));
    let mut file = std::fs::File::create(target).with_context(failed)?;
    file.write_all(bytes).with_context(failed)?;
    let meta = file.metadata().with_context(failed)?;
    stamp_of(&meta).ok_or_else(|| failed().into())
}

/// (size, modification time in ns since 1970).
pub fn stamp_of(meta: &std::fs::Metadata) -> Option<(u64, u128)> {
    let modified = meta.modified().ok()?;
    let since = modified.duration_since(std::time::UNIX_EPOCH).ok()?;
    Some((meta.len(), since.as_nanos()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn output(out: &Path, files: &[OutputFile]) -> Result<WriteSummary> {
        let writer = Writer::begin(out)?;
        writer.write(files)?;
        writer.commit()
    }

    #[cfg(unix)]
    #[test]
    fn updates_never_write_through_a_planted_link() {
        let dir = tempfile::tempdir().unwrap();
        let (out, outside) = (dir.path().join("public"), dir.path().join("outside.txt"));
        std::fs::write(&outside, "mine").unwrap();
        output(&out, &[OutputFile::bytes("index.html", "old")]).unwrap();
        std::os::unix::fs::symlink(&outside, out.join(".index.html.pledgesite-new")).unwrap();
        let summary = output(&out, &[OutputFile::bytes("index.html", "new")]).unwrap();
        assert_eq!(summary.written, 1);
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "new"
        );
        assert_eq!(std::fs::read_to_string(&outside).unwrap(), "mine");
        let names: Vec<_> = std::fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["index.html"]);
    }

    #[test]
    fn only_plain_relative_paths_are_written() {
        assert!(safe_relative("pledges/a/index.html").is_some());
        assert!(safe_relative("../x").is_none());
        assert!(safe_relative("/etc/passwd").is_none());
        assert!(safe_relative("a/../../x").is_none());
        assert!(safe_relative("").is_none());
    }
}
