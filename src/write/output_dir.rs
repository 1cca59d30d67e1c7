//! Which folder a build may replace: never the site, its sources or a folder that holds
//! anything but an earlier build.

use super::MARKER;
use crate::config::SOURCE_FOLDERS;
use crate::diagnostics::shown_path;
use anyhow::{Context as _, Result};
use std::path::{Component, Path, PathBuf};

/// Returns the absolute output folder, or an error saying why it is not safe to replace.
pub fn check_output_dir(root: &Path, out: &Path) -> Result<PathBuf> {
    let root = dunce::canonicalize(root)
        .with_context(|| msg!("write.open_site_failed", folder = shown_path(root)))?;
    let out = absolute(out)?;
    let shown = shown_path(&out);
    if out == root {
        return Err(msg!("write.output_is_root", folder = &shown).into());
    }
    if root.starts_with(&out) {
        return Err(msg!("write.output_holds_site", folder = &shown).into());
    }
    for folder in SOURCE_FOLDERS {
        let source = root.join(folder);
        if out.starts_with(&source) || source.starts_with(&out) {
            return Err(msg!("write.output_overlaps", folder = &shown, source = folder).into());
        }
    }
    if out.exists() {
        if !out.is_dir() {
            return Err(msg!("write.output_is_file", folder = &shown).into());
        }
        let non_empty = std::fs::read_dir(&out)?.next().is_some();
        if non_empty && !out.join(MARKER).exists() {
            return Err(msg!("write.output_not_ours", folder = &shown).into());
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
    let mut resolved = dunce::canonicalize(&existing).unwrap_or(existing);
    for name in rest.into_iter().rev() {
        resolved.push(name);
    }
    Ok(resolved)
}
