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

pub fn output(out: &Path, files: &[OutputFile]) -> Result<WriteSummary> {
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
    let pid = std::process::id();
    let staging = parent.join(format!(".{name}.staging-{pid}"));
    let previous = parent.join(format!(".{name}.previous-{pid}"));
    if staging.exists() {
        std::fs::remove_dir_all(&staging)?;
    }
    let written = write_all(&staging, files);
    let summary = match written {
        Ok(summary) => summary,
        Err(err) => {
            let _ = std::fs::remove_dir_all(&staging);
            return Err(err);
        }
    };
    if out.exists() {
        std::fs::rename(out, &previous)
            .with_context(|| format!("cannot move the old {} aside", out.display()))?;
    }
    if let Err(err) = std::fs::rename(&staging, out) {
        if previous.exists() {
            let _ = std::fs::rename(&previous, out);
        }
        let _ = std::fs::remove_dir_all(&staging);
        return Err(err)
            .with_context(|| format!("cannot move the new site into {}", out.display()));
    }
    if previous.exists() {
        std::fs::remove_dir_all(&previous)
            .with_context(|| format!("cannot remove the old site {}", previous.display()))?;
    }
    Ok(summary)
}

fn write_all(staging: &Path, files: &[OutputFile]) -> Result<WriteSummary> {
    let mut targets = Vec::with_capacity(files.len());
    let mut dirs = BTreeSet::new();
    for file in files {
        let rel = safe_relative(&file.path).with_context(|| {
            format!(
                "refusing to write outside the output folder: `{}`",
                file.path
            )
        })?;
        let target = staging.join(rel);
        if let Some(dir) = target.parent() {
            dirs.insert(dir.to_path_buf());
        }
        targets.push((target, &file.contents));
    }
    std::fs::create_dir_all(staging)?;
    for dir in &dirs {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let sizes: Vec<u64> = targets
        .par_iter()
        .map(|(target, contents)| -> Result<u64> {
            match contents {
                Contents::Bytes(bytes) => {
                    std::fs::write(target, bytes)
                        .with_context(|| format!("cannot write {}", target.display()))?;
                    Ok(bytes.len() as u64)
                }
                Contents::Copy(source) => std::fs::copy(source, target).with_context(|| {
                    format!("cannot copy {} to {}", source.display(), target.display())
                }),
            }
        })
        .collect::<Result<_>>()?;
    Ok(WriteSummary {
        files: sizes.len(),
        bytes: sizes.iter().sum(),
    })
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
