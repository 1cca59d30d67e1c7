//! Watching the site's sources (notify + debouncer): editor atomic saves, temp and backup
//! files, bursts such as `git checkout`, and new folders become one batch of changed paths.
//! The output folder and build tools' folders are never watched.

// The source folders are watched; the root itself non-recursively, for site.yaml and for
// those folders appearing.
use crate::config::SOURCE_FOLDERS as WATCHED;
use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{new_debouncer, DebounceEventResult, Debouncer, RecommendedCache};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

/// Short enough to feel instant, long enough to see an editor's write-temp-then-rename as one.
const DEBOUNCE: Duration = Duration::from_millis(20);

pub struct Watcher {
    _debouncer: Debouncer<notify::RecommendedWatcher, RecommendedCache>,
}

/// Starts watching `root`; each batch of relevant changed paths arrives on the channel.
pub fn start(root: &Path) -> anyhow::Result<(Watcher, mpsc::Receiver<Vec<PathBuf>>)> {
    let (sender, receiver) = mpsc::channel();
    let root_for_filter = root.to_path_buf();
    let mut debouncer = new_debouncer(DEBOUNCE, None, move |result: DebounceEventResult| {
        let Ok(events) = result else { return };
        let paths: BTreeSet<PathBuf> = events
            .iter()
            // Spurious access events arrive at start-up and on every read.
            .filter(|e| !matches!(e.kind, EventKind::Access(_)))
            .flat_map(|e| e.paths.iter().cloned())
            .filter(|p| relevant(&root_for_filter, p))
            .collect();
        if !paths.is_empty() {
            let _ = sender.send(paths.into_iter().collect());
        }
    })?;
    debouncer.watch(root, RecursiveMode::NonRecursive)?;
    for folder in WATCHED {
        let dir = root.join(folder);
        if dir.is_dir() {
            debouncer.watch(&dir, RecursiveMode::Recursive)?;
        }
    }
    Ok((
        Watcher {
            _debouncer: debouncer,
        },
        receiver,
    ))
}

/// Source files only: not editor droppings, not the output folder, not `target/`.
pub fn relevant(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    let mut parts = rel.components().map(|c| c.as_os_str().to_string_lossy());
    let Some(first) = parts.next() else {
        return false;
    };
    let top_level_ok = first == crate::config::CONFIG_FILE || WATCHED.contains(&first.as_ref());
    top_level_ok && !crate::load::is_ignored(path)
}

#[cfg(test)]
mod tests {
    use super::relevant;
    use std::path::Path;

    #[test]
    fn only_sources_are_relevant() {
        let root = Path::new("/site");
        assert!(relevant(root, Path::new("/site/site.yaml")));
        assert!(relevant(
            root,
            Path::new("/site/content/pledges/a/index.md")
        ));
        assert!(relevant(
            root,
            Path::new("/site/themes/default/static/style.css")
        ));
        assert!(!relevant(root, Path::new("/site/public/index.html")));
        assert!(!relevant(root, Path::new("/site/target/debug/x")));
        assert!(!relevant(
            root,
            Path::new("/site/content/pledges/a/.index.md.swp")
        ));
        assert!(!relevant(
            root,
            Path::new("/site/content/pledges/a/index.md~")
        ));
        assert!(!relevant(root, Path::new("/site/content/pledges/a/4913")));
        assert!(!relevant(
            root,
            Path::new("/site/content/pledges/a/index.md.bck")
        ));
        assert!(!relevant(root, Path::new("/elsewhere/site.yaml")));
    }
}
