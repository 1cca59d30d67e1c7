//! What the dev server serves: the last good build, in memory, swapped whole after every
//! successful rebuild, plus the current build problems for the browser overlay.

use crate::diagnostics::Diagnostics;
use crate::messages::Lang;
use crate::output::OutputFile;
use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use tokio::sync::broadcast;

/// A message to open browsers.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    /// The site changed: reload the page.
    Reload,
    /// Only stylesheets changed: refresh them in place.
    Css,
    /// The last rebuild failed: show these problems (JSON, messages in the reader's language)
    /// over the page.
    Failed(String),
    /// The build is good (again).
    Ok,
}

#[derive(Clone)]
pub struct ServedSite {
    pub files: HashMap<String, OutputFile>,
    pub base_path: String,
    /// The files in the order the build gave them: the next build's list is compared with
    /// it side by side, which at 80,000 files is far cheaper than looking each one up.
    listed: Vec<OutputFile>,
}

pub struct State {
    site: RwLock<Arc<ServedSite>>,
    problems: RwLock<Option<String>>,
    notices: broadcast::Sender<Notice>,
    /// The language of the problems and pages the server itself shows.
    lang: Lang,
}

impl State {
    pub fn new(files: Vec<OutputFile>, base_path: String, lang: Lang) -> Arc<State> {
        let (notices, _) = broadcast::channel(64);
        Arc::new(State {
            site: RwLock::new(Arc::new(ServedSite::from(files, base_path))),
            problems: RwLock::new(None),
            notices,
            lang,
        })
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    pub fn site(&self) -> Arc<ServedSite> {
        self.site
            .read()
            .map(|s| Arc::clone(&s))
            .unwrap_or_else(|e| Arc::clone(&e.into_inner()))
    }

    /// Replaces the served site at once, so no request sees half of a build.
    pub fn publish(&self, files: Vec<OutputFile>, base_path: String, notice: Notice) {
        let mut current = self.site.write().unwrap_or_else(|e| e.into_inner());
        ServedSite::update(&mut current, files, base_path);
        drop(current);
        self.set_problems(None);
        let _ = self.notices.send(Notice::Ok);
        let _ = self.notices.send(notice);
    }

    /// Keeps the last good build and tells browsers what is wrong.
    pub fn fail(&self, problems: &Diagnostics) {
        let json = problems.to_json(self.lang);
        self.set_problems(Some(json.clone()));
        let _ = self.notices.send(Notice::Failed(json));
    }

    fn set_problems(&self, value: Option<String>) {
        match self.problems.write() {
            Ok(mut p) => *p = value,
            Err(poisoned) => *poisoned.into_inner() = value,
        }
    }

    pub fn problems(&self) -> Option<String> {
        self.problems.read().map(|p| p.clone()).unwrap_or(None)
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Notice> {
        self.notices.subscribe()
    }
}

impl ServedSite {
    /// Brings `site` to `files`: in place when they are the same paths in the same order (an
    /// edit to a page replaces a few of tens of thousands), else anew. A request being
    /// answered from the old site keeps it: it is copied first then.
    fn update(site: &mut Arc<ServedSite>, files: Vec<OutputFile>, base_path: String) {
        let in_step = site.base_path == base_path
            && site.listed.len() == files.len()
            && site
                .listed
                .iter()
                .zip(&files)
                .all(|(a, b)| a.path == b.path);
        if !in_step {
            *site = Arc::new(ServedSite::from(files, base_path));
            return;
        }
        // Kept pages share their contents with the last build: mostly a pointer comparison.
        let changed: Vec<usize> = (0..files.len())
            .filter(|&i| site.listed[i].contents != files[i].contents)
            .collect();
        if changed.is_empty() {
            return;
        }
        let site = Arc::make_mut(site);
        for i in changed {
            site.files.insert(files[i].path.clone(), files[i].clone());
        }
        site.listed = files;
    }

    fn from(files: Vec<OutputFile>, base_path: String) -> ServedSite {
        ServedSite {
            files: files.iter().map(|f| (f.path.clone(), f.clone())).collect(),
            base_path,
            listed: files,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(files: &[(&str, &str)]) -> Vec<OutputFile> {
        files
            .iter()
            .map(|(p, c)| OutputFile::bytes(*p, *c))
            .collect()
    }

    fn served(site: &ServedSite) -> Vec<(String, Vec<u8>)> {
        let mut all: Vec<_> = site
            .files
            .values()
            .map(|f| match &f.contents {
                crate::output::Contents::Bytes(b) => (f.path.clone(), b.to_vec()),
                crate::output::Contents::Copy(p) => {
                    (f.path.clone(), p.display().to_string().into())
                }
            })
            .collect();
        all.sort();
        all
    }

    #[test]
    fn an_edit_is_applied_in_place_and_a_new_file_list_anew() {
        let first = site(&[("a.html", "1"), ("b.html", "2")]);
        let mut current = Arc::new(ServedSite::from(first.clone(), "/".into()));
        let held = Arc::clone(&current);
        // Same paths in the same order: b changes, a keeps its shared contents.
        let edited = vec![first[0].clone(), OutputFile::bytes("b.html", "3")];
        ServedSite::update(&mut current, edited, "/".into());
        let expected = |files: &[(&str, &str)]| -> Vec<(String, Vec<u8>)> {
            files
                .iter()
                .map(|(p, c)| (p.to_string(), c.as_bytes().to_vec()))
                .collect()
        };
        assert_eq!(
            served(&current),
            expected(&[("a.html", "1"), ("b.html", "3")])
        );
        // A request holding the old site still sees it whole.
        assert_eq!(served(&held), expected(&[("a.html", "1"), ("b.html", "2")]));
        // Another order, a file more or a new base path: the site is made anew.
        let reordered = site(&[("c.html", "4"), ("b.html", "3"), ("a.html", "1")]);
        ServedSite::update(&mut current, reordered, "/".into());
        assert_eq!(
            served(&current),
            expected(&[("a.html", "1"), ("b.html", "3"), ("c.html", "4")])
        );
        ServedSite::update(&mut current, site(&[("a.html", "5")]), "/repo/".into());
        assert_eq!(served(&current), expected(&[("a.html", "5")]));
        assert_eq!(current.base_path, "/repo/");
    }
}
