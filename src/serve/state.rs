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
    /// Brings `site` to `files`: in place when they are the same paths (an edit to a page
    /// replaces a few of tens of thousands), else anew. A request being answered from the old
    /// site keeps it: it is copied first then.
    fn update(site: &mut Arc<ServedSite>, files: Vec<OutputFile>, base_path: String) {
        let same_paths = site.base_path == base_path
            && site.files.len() == files.len()
            && files.iter().all(|f| site.files.contains_key(&f.path));
        if !same_paths {
            *site = Arc::new(ServedSite::from(files, base_path));
            return;
        }
        let changed: Vec<OutputFile> = files
            .into_iter()
            .filter(|f| site.files.get(&f.path) != Some(f))
            .collect();
        if changed.is_empty() {
            return;
        }
        let site = Arc::make_mut(site);
        for file in changed {
            site.files.insert(file.path.clone(), file);
        }
    }

    fn from(files: Vec<OutputFile>, base_path: String) -> ServedSite {
        ServedSite {
            files: files.into_iter().map(|f| (f.path.clone(), f)).collect(),
            base_path,
        }
    }
}
