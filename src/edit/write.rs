//! Writing a user's files atomically: each is written beside itself under a temporary name
//! and renamed over the old one, so an interrupted run never leaves half a card or record.

use crate::diagnostics::shown_path;
use anyhow::{Context, Result};
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    write_all_atomic(&[(path.to_path_buf(), bytes.to_vec())])
}

/// Writes every file: all are first written aside, and only when every one of them was are
/// they renamed into place, so a full disk or a locked file leaves every file as it was.
pub fn write_all_atomic(files: &[(PathBuf, Vec<u8>)]) -> Result<()> {
    let mut aside = Vec::with_capacity(files.len());
    let undo = |aside: &[(PathBuf, &PathBuf)]| {
        for (temporary, _) in aside {
            let _ = std::fs::remove_file(temporary);
        }
    };
    for (path, bytes) in files {
        let temporary = temporary_name(path);
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&temporary, bytes));
        if let Err(e) = written {
            undo(&aside);
            let _ = std::fs::remove_file(&temporary);
            return Err(e).with_context(|| msg!("write.write_failed", path = shown_path(path)));
        }
        aside.push((temporary, path));
    }
    for (i, (temporary, path)) in aside.iter().enumerate() {
        if let Err(e) = rename(temporary, path) {
            undo(&aside[i..]);
            return Err(e).with_context(|| msg!("write.write_failed", path = shown_path(path)));
        }
    }
    Ok(())
}

/// `.name.pledgesite-new` beside `path`: a dot file, so a running `serve --watch` ignores it.
fn temporary_name(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.pledgesite-new"))
}

/// A rename, retried for a moment while another program (Excel, an editor, a virus scanner
/// on Windows) holds the file.
fn rename(from: &Path, to: &Path) -> std::io::Result<()> {
    let mut tries = 0;
    loop {
        match std::fs::rename(from, to) {
            Err(e)
                if cfg!(windows) && tries < 40 && matches!(e.raw_os_error(), Some(5 | 32 | 33)) =>
            {
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            other => return other,
        }
    }
}
