//! Step 1 of the pipeline: read `content/` into the model. Every problem becomes a diagnostic;
//! a broken bundle is left out so the rest of the site can still be checked.

mod bundle;
mod csv_text;
mod data;
mod front_matter;
pub mod records;
pub mod snapshots;
pub mod text;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::messages::Message;
use crate::model::{Body, Home, HomeMeta, Records, Snapshot, Source};
use bundle::keep_front_matter;
pub use bundle::{bundle, Loaded};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

fn shown(root: &Path, abs: &Path) -> PathBuf {
    abs.strip_prefix(root).unwrap_or(abs).to_path_buf()
}

fn read_source(root: &Path, abs: &Path) -> Result<Source, Diagnostic> {
    let path = shown(root, abs);
    let text = text::read(abs, &path)?;
    Ok(Source { path, text })
}

pub fn home(root: &Path, diags: &mut Diagnostics) -> Home {
    let abs = root.join("content").join("_index.md");
    let empty = Home {
        meta: HomeMeta::default(),
        body: Body {
            markdown: String::new(),
            line_offset: 0,
        },
        source: None,
    };
    if !abs.is_file() {
        return empty;
    }
    let loaded = read_source(root, &abs).and_then(|mut source| {
        let none = crate::cache::Store::none();
        let (meta, body) = front_matter::split::<HomeMeta>(&source.text, &source.path, &none)?;
        keep_front_matter(&mut source, &body);
        Ok(Home {
            meta,
            body,
            source: Some(source),
        })
    });
    loaded.unwrap_or_else(|d| {
        diags.push(d);
        empty
    })
}

/// The past: every snapshot, and the records of what was published, with their problems.
pub fn past(root: &Path) -> (Vec<Snapshot>, Option<Records>, Vec<Diagnostic>) {
    let (snapshots, mut problems) = snapshots::load(root);
    let (records, record_problems) = records::load(root);
    problems.extend(record_problems);
    (snapshots, records, problems)
}

/// Folders directly under `content/pledges/`, sorted, each one pledge bundle.
pub fn bundle_dirs(root: &Path, diags: &mut Diagnostics) -> Vec<PathBuf> {
    let pledges = root.join("content").join("pledges");
    let Ok(entries) = std::fs::read_dir(&pledges) else {
        return Vec::new();
    };
    let mut dirs: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .filter(|p| !is_ignored(p))
        .collect();
    dirs.sort();
    dirs.retain(|dir| match slug_problem(dir) {
        None => true,
        Some(problem) => {
            diags.push(
                Diagnostic::error(shown(root, dir), problem).hint(msg!("load.folder_name_hint")),
            );
            false
        }
    });
    dirs
}

fn slug_problem(dir: &Path) -> Option<Message> {
    let Some(name) = dir.file_name().and_then(|n| n.to_str()) else {
        return Some(msg!("load.folder_name_not_utf8"));
    };
    let bad = name
        .chars()
        .find(|c| c.is_whitespace() || c.is_control() || "?#%&/\\\"'<>".contains(*c));
    bad.map(|c| {
        // A space is invisible between backticks: it is named instead.
        let found = match c {
            ' ' => "@load.space".to_string(),
            c if c.is_whitespace() || c.is_control() => format!("`U+{:04X}`", c as u32),
            c => format!("`{c}`"),
        };
        msg!("load.folder_name_char", name = name, found = found)
    })
}

/// Hidden files and editors' temporary and backup files are never content.
pub fn is_ignored(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name.starts_with('.')
        || name.starts_with('#')
        // Excel's lock file beside an open workbook or CSV.
        || name.starts_with("~$")
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.ends_with(".bck")
        || name == "4913"
}

/// A symlink may point anywhere on the author's disk; only targets inside the site are read.
fn check_symlink(root: &Path, abs: &Path, shown: &Path) -> Result<(), Diagnostic> {
    let target = dunce::canonicalize(abs).map_err(|e| {
        Diagnostic::error(
            shown,
            msg!(
                "load.broken_link",
                reason = crate::messages::io_reason_term(&e)
            ),
        )
        .hint(msg!("load.broken_link_hint"))
    })?;
    let root = dunce::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    if target.starts_with(&root) {
        Ok(())
    } else {
        let target = crate::diagnostics::shown_path(&target);
        Err(
            Diagnostic::error(shown, msg!("load.link_outside", target = target))
                .hint(msg!("load.link_outside_hint")),
        )
    }
}

/// Theme `static/` then site `static/` (the site wins), copied to the output root.
pub fn static_files(
    root: &Path,
    theme_dir: &Path,
    diags: &mut Diagnostics,
) -> Vec<(PathBuf, PathBuf)> {
    let mut files = BTreeMap::new();
    for dir in [theme_dir.join("static"), root.join("static")] {
        for entry in WalkDir::new(&dir).min_depth(1).sort_by_file_name() {
            let Ok(entry) = entry else { continue };
            let abs = entry.path();
            if entry.file_type().is_dir() || is_ignored(abs) {
                continue;
            }
            if entry.path_is_symlink() {
                if let Err(d) = check_symlink(root, abs, &shown(root, abs)) {
                    diags.push(d);
                    continue;
                }
            }
            let rel = abs.strip_prefix(&dir).unwrap_or(abs).to_path_buf();
            files.insert(rel, abs.to_path_buf());
        }
    }
    files.into_iter().map(|(rel, abs)| (abs, rel)).collect()
}
