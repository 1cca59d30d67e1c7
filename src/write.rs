//! Step 5 of the pipeline, and the only code that touches the output folder. The site is
//! written to a staging folder beside it and swapped in only when every file is written, so a
//! failed build never leaves a half-written site, and nothing outside the output is touched.

use crate::render::{Contents, OutputFile};
use anyhow::{bail, Context as _, Result};
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

/// Written into every build; an existing non-empty folder without it is not ours to replace.
const MARKER: &str = ".nojekyll";

/// Folders of a site that hold sources and must never become (or contain) the output.
const SOURCE_FOLDERS: [&str; 5] = ["content", "themes", "templates", "data", "static"];

pub struct WriteSummary {
    pub files: usize,
    /// Files actually written; unchanged files keep their bytes and mtimes.
    pub written: usize,
    pub bytes: u64,
}

/// Returns the absolute output folder, or an error saying why it is not safe to replace.
pub fn check_output_dir(root: &Path, out: &Path) -> Result<PathBuf> {
    let root = std::fs::canonicalize(root)
        .with_context(|| format!("cannot open the site folder {}", root.display()))?;
    let out = absolute(out)?;
    let hint = "choose a folder of its own, such as the default `public` inside the site";
    if out == root {
        bail!(
            "refusing to write the site into its own root folder {}; {hint}",
            out.display()
        );
    }
    if root.starts_with(&out) {
        bail!(
            "refusing to use {} as the output folder: it contains the site itself; {hint}",
            out.display()
        );
    }
    for folder in SOURCE_FOLDERS {
        let source = root.join(folder);
        if out.starts_with(&source) || source.starts_with(&out) {
            bail!(
                "refusing to use {} as the output folder: it overlaps the source folder `{folder}`; {hint}",
                out.display()
            );
        }
    }
    if out.exists() {
        if !out.is_dir() {
            bail!(
                "the output path {} is a file, not a folder; {hint}",
                out.display()
            );
        }
        let non_empty = std::fs::read_dir(&out)?.next().is_some();
        if non_empty && !out.join(MARKER).exists() {
            bail!(
                "refusing to replace {}: it is not empty and was not made by pledgesite; delete it yourself or {hint}",
                out.display()
            );
        }
    }
    Ok(out)
}

/// Lexically absolute and normalised: the folder may not exist yet, and a symlinked parent
/// is resolved so the checks above compare real locations.
fn absolute(path: &Path) -> Result<PathBuf> {
    let joined = std::env::current_dir()?.join(path);
    let mut normal = PathBuf::new();
    for component in joined.components() {
        match component {
            Component::ParentDir => {
                normal.pop();
            }
            Component::CurDir => {}
            other => normal.push(other),
        }
    }
    // Resolve the longest existing ancestor (symlinks), then re-append the rest.
    let mut existing = normal.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (
            existing.file_name().map(|n| n.to_os_string()),
            existing.parent(),
        ) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut resolved = std::fs::canonicalize(&existing).unwrap_or(existing);
    for name in rest.into_iter().rev() {
        resolved.push(name);
    }
    Ok(resolved)
}

/// A relative path made only of plain names: no `..`, no root, no drive prefix.
fn safe_relative(path: &str) -> Option<PathBuf> {
    let p = Path::new(path);
    let plain = !path.is_empty() && p.components().all(|c| matches!(c, Component::Normal(_)));
    plain.then(|| p.to_path_buf())
}

/// Writes `files` (a complete, successfully rendered site) into `out`. A new output folder is
/// written beside it and renamed into place. An existing one is brought up to date in place:
/// each changed file is replaced atomically (written aside, then renamed over the old one),
/// unchanged files are left alone with their mtimes, and files no longer in the site go.
pub fn output(out: &Path, files: &[OutputFile]) -> Result<WriteSummary> {
    let targets = plan(files)?;
    let has_site = out.is_dir() && std::fs::read_dir(out)?.next().is_some();
    if has_site {
        update_in_place(out, &targets)
    } else {
        write_new(out, &targets)
    }
}

type Plan<'a> = Vec<(PathBuf, &'a Contents)>;

fn plan(files: &[OutputFile]) -> Result<Plan<'_>> {
    files
        .iter()
        .map(|file| {
            let rel = safe_relative(&file.path).with_context(|| {
                format!(
                    "refusing to write outside the output folder: `{}`",
                    file.path
                )
            })?;
            Ok((rel, &file.contents))
        })
        .collect()
}

fn write_new(out: &Path, targets: &Plan) -> Result<WriteSummary> {
    let parent = out
        .parent()
        .context("the output folder has no parent folder")?;
    let name = out
        .file_name()
        .context("the output folder has no name")?
        .to_string_lossy()
        .to_string();
    std::fs::create_dir_all(parent)
        .with_context(|| format!("cannot create {}", parent.display()))?;
    let staging = parent.join(format!(".{name}.staging-{}", std::process::id()));
    if staging.exists() {
        std::fs::remove_dir_all(&staging)?;
    }
    let written = create_dirs(&staging, targets).and_then(|()| {
        let sizes: Vec<u64> = targets
            .par_iter()
            .map(|(rel, contents)| write_file(&staging.join(rel), contents))
            .collect::<Result<_>>()?;
        Ok(WriteSummary {
            files: sizes.len(),
            written: sizes.len(),
            bytes: sizes.iter().sum(),
        })
    });
    let summary = match written {
        Ok(summary) => summary,
        Err(err) => {
            let _ = std::fs::remove_dir_all(&staging);
            return Err(err);
        }
    };
    if out.exists() {
        // An empty folder left from before.
        std::fs::remove_dir(out).with_context(|| format!("cannot replace {}", out.display()))?;
    }
    if let Err(err) = std::fs::rename(&staging, out) {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(err)
            .with_context(|| format!("cannot move the new site into {}", out.display()));
    }
    Ok(summary)
}

fn update_in_place(out: &Path, targets: &Plan) -> Result<WriteSummary> {
    create_dirs(out, targets)?;
    let results: Vec<(u64, bool)> = targets
        .par_iter()
        .map(|(rel, contents)| -> Result<(u64, bool)> {
            let target = out.join(rel);
            let new = bytes_of(contents)?;
            if std::fs::read(&target).is_ok_and(|old| old == *new) {
                return Ok((new.len() as u64, false));
            }
            // Written aside and renamed over, so a reader sees the old or the new file whole.
            let aside = target.with_file_name(format!(
                ".{}.pledgesite-new",
                rel.file_name()
                    .map_or("file".into(), |n| n.to_string_lossy())
            ));
            std::fs::write(&aside, &*new)
                .with_context(|| format!("cannot write {}", aside.display()))?;
            std::fs::rename(&aside, &target)
                .with_context(|| format!("cannot replace {}", target.display()))?;
            Ok((new.len() as u64, true))
        })
        .collect::<Result<_>>()?;
    remove_stale(out, targets)?;
    Ok(WriteSummary {
        files: results.len(),
        written: results.iter().filter(|r| r.1).count(),
        bytes: results.iter().map(|r| r.0).sum(),
    })
}

/// Deletes files of a previous build that the new one does not have, then empty folders.
/// Only called on a folder that carries pledgesite's marker (see `check_output_dir`).
fn remove_stale(out: &Path, targets: &Plan) -> Result<()> {
    let keep: BTreeSet<&Path> = targets.iter().map(|(rel, _)| rel.as_path()).collect();
    let mut dirs = Vec::new();
    for entry in walkdir::WalkDir::new(out).min_depth(1).contents_first(true) {
        let entry = entry?;
        let rel = entry.path().strip_prefix(out).unwrap_or(entry.path());
        if entry.file_type().is_dir() {
            dirs.push(entry.path().to_path_buf());
        } else if !keep.contains(rel) {
            std::fs::remove_file(entry.path())
                .with_context(|| format!("cannot remove {}", entry.path().display()))?;
        }
    }
    for dir in dirs {
        // Fails (and is left) when not empty.
        let _ = std::fs::remove_dir(&dir);
    }
    Ok(())
}

fn create_dirs(root: &Path, targets: &Plan) -> Result<()> {
    let dirs: BTreeSet<PathBuf> = targets
        .iter()
        .filter_map(|(rel, _)| rel.parent().map(|p| root.join(p)))
        .collect();
    std::fs::create_dir_all(root).with_context(|| format!("cannot create {}", root.display()))?;
    for dir in &dirs {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    Ok(())
}

fn bytes_of(contents: &Contents) -> Result<std::borrow::Cow<'_, [u8]>> {
    Ok(match contents {
        Contents::Bytes(bytes) => std::borrow::Cow::Borrowed(&bytes[..]),
        Contents::Copy(source) => std::borrow::Cow::Owned(
            std::fs::read(source).with_context(|| format!("cannot read {}", source.display()))?,
        ),
    })
}

fn write_file(target: &Path, contents: &Contents) -> Result<u64> {
    match contents {
        Contents::Bytes(bytes) => {
            std::fs::write(target, bytes)
                .with_context(|| format!("cannot write {}", target.display()))?;
            Ok(bytes.len() as u64)
        }
        Contents::Copy(source) => std::fs::copy(source, target)
            .with_context(|| format!("cannot copy {} to {}", source.display(), target.display())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_relative_paths_are_written() {
        assert!(safe_relative("pledges/a/index.html").is_some());
        assert!(safe_relative("../x").is_none());
        assert!(safe_relative("/etc/passwd").is_none());
        assert!(safe_relative("a/../../x").is_none());
        assert!(safe_relative("").is_none());
    }
}
