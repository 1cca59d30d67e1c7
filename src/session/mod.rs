//! The loaded site, and the steps after loading. `build` and `check` load it once and `render`
//! it a pledge at a time, handing each pledge's files on as soon as they exist (so a build
//! writes while it renders and never holds the whole site). `serve --watch` keeps an `open`
//! session with every page in memory and, after a change, reloads and re-renders only what the
//! change touches: one pledge bundle re-renders that pledge's page, the home and area pages and
//! the data files; site.yaml, templates and themes re-open everything.

use crate::cache::Store;
use crate::chart::cache::ChartCache;
use crate::chart::Chart;
use crate::config::{Config, CONFIG_FILE};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::history::History;
use crate::i18n::Strings;
use crate::model::{Pledge, Site};
use crate::render::{Output, OutputFile, Templates};
use crate::validate::links::LinkTargets;
use crate::validate::TermDates;
use crate::{load, Error, Options};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

mod pipeline;
mod site_part;

pub struct Session {
    options: Options,
    config: Config,
    templates: Result<Templates, Vec<Diagnostic>>,
    strings: Arc<Strings>,
    site: Site,
    /// The term of office from site.yaml, which pledge dates are checked against.
    term: Option<TermDates>,
    /// Load problems by where they came from: a bundle folder, `content/_index.md`, `static`.
    load_problems: BTreeMap<PathBuf, Vec<Diagnostic>>,
    /// The home page's charts as of the last refresh.
    home_charts: Vec<Chart>,
    /// Pledge charts drawn, YAML parsed and data tables rendered by earlier builds.
    caches: Caches,
    /// Per pledge slug: its own checks, chart problems and rendered page.
    pledges: BTreeMap<String, PledgeCache>,
    /// The figures at every reporting date as of the last refresh; the present's areas are
    /// the navigation every page shows, so when they change every page is re-rendered.
    history: History,
    /// The pages that list every pledge and the checks across pledges, as of the last
    /// refresh that changed what they read; `None`: to be made again.
    site_part: Option<site_part::SitePart>,
    /// Every page's and file's link targets, kept up to date pledge by pledge for `serve`.
    all_targets: LinkTargets,
    /// The site's own typeface (`font:`), subset to the rendered pages' characters.
    font: Option<crate::fonts::SiteFont>,
}

/// Work kept between builds (`crate::cache`): the pledges' charts, parsed YAML and data tables.
#[derive(Clone)]
pub struct Caches {
    pub(crate) charts: Arc<ChartCache>,
    parsed: Arc<Store>,
    tables: Arc<Store>,
}

impl Caches {
    fn open(options: &Options) -> Caches {
        match &options.cache_dir {
            Some(dir) => Caches {
                charts: Arc::new(ChartCache::open(dir, &options.root)),
                parsed: Arc::new(Store::open(dir, &options.root, "parsed")),
                tables: Arc::new(Store::open(dir, &options.root, "tables")),
            },
            None => Caches {
                charts: Arc::new(ChartCache::none()),
                parsed: Arc::new(Store::none()),
                tables: Arc::new(Store::none()),
            },
        }
    }

    /// Keeps what this run used for the next one.
    pub fn save(&self) {
        self.charts.save();
        self.parsed.save();
        self.tables.save();
    }
}

/// Where rendered files go: the writer for `build`, nowhere for `check`, a list for tests.
pub type Sink<'a> = &'a (dyn Fn(Vec<OutputFile>) -> anyhow::Result<()> + Sync);

/// One pledge checked, charted and rendered.
#[derive(Default, Clone)]
struct PledgeCache {
    /// What the pages listing every pledge read of it (`pipeline::facing`).
    facing: u128,
    problems: Vec<Diagnostic>,
    charts: usize,
    page: Output,
    targets: LinkTargets,
}

/// What a change touches.
enum Scope {
    Everything,
    Parts {
        bundles: BTreeSet<PathBuf>,
        rescan_bundles: bool,
        home: bool,
        statics: bool,
        /// A snapshot changed: every pledge's history may have.
        snapshots: bool,
    },
}

impl Session {
    /// The caches this session works through, for `build` to save once it succeeded.
    pub fn caches(&self) -> Caches {
        self.caches.clone()
    }

    /// load → validate → chart → render, everything, kept in memory.
    pub fn open(options: &Options) -> Result<Session, Error> {
        let mut session = Session::load(options)?;
        session.refresh(None);
        Ok(session)
    }

    /// Loads the whole site; checking, charting and rendering come after.
    pub fn load(options: &Options) -> Result<Session, Error> {
        let config = crate::load_config(&options.root, options.base_url.as_deref())?;
        let theme_dir = options.root.join("themes").join(&config.theme);
        let mut site_problems = Diagnostics::default();
        if !theme_dir.join("templates").is_dir() {
            let folder = Path::new("themes").join(&config.theme).join("templates");
            let folder = crate::diagnostics::shown_path(&folder);
            site_problems.push(
                Diagnostic::error(CONFIG_FILE, msg!("theme.not_found", theme = &config.theme))
                    .hint(msg!("theme.not_found_hint", folder = folder)),
            );
        }
        let strings = Arc::new(Strings::load(&theme_dir, &config.language).unwrap_or_else(
            |problem| {
                site_problems.push(problem);
                Strings::builtin(&config.language)
            },
        ));
        let caches = Caches::open(options);
        let templates = Templates::load(
            &options.root,
            &theme_dir,
            &config.base_path(),
            Arc::clone(&strings),
        )
        .map(|mut templates| {
            templates.keep_in(Arc::clone(&caches.tables));
            templates
        });
        let (term, term_problems) = crate::validate::term(&config);
        site_problems.extend(term_problems);
        let (font, font_problems) = crate::fonts::SiteFont::of_site(
            &config,
            &options.root,
            &theme_dir,
            options.cache_dir.as_deref(),
        );
        site_problems.extend(font_problems);
        let (snapshots, records, snapshot_problems) = load::past(&options.root);
        let mut session = Session {
            options: options.clone(),
            term,
            config,
            templates,
            strings,
            site: Site {
                home: load::home(&options.root, &mut Diagnostics::default()),
                pledges: Vec::new(),
                snapshots,
                records,
                static_files: Vec::new(),
            },
            load_problems: BTreeMap::from([
                (PathBuf::from(CONFIG_FILE), site_problems.0),
                (
                    PathBuf::from(load::snapshots::SNAPSHOT_DIR),
                    snapshot_problems,
                ),
            ]),
            home_charts: Vec::new(),
            pledges: BTreeMap::new(),
            history: History::default(),
            site_part: None,
            all_targets: LinkTargets::default(),
            caches,
            font,
        };
        session.reload_home();
        session.reload_statics();
        session.rescan_bundles(true);
        Ok(session)
    }

    /// Brings the session up to date after `changed` paths (absolute) changed on disk.
    pub fn update(&mut self, changed: &[PathBuf]) -> Result<(), Error> {
        match self.scope(changed) {
            Scope::Everything => *self = Session::open(&self.options)?,
            Scope::Parts {
                bundles,
                rescan_bundles,
                home,
                statics,
                snapshots,
            } => {
                if home || statics {
                    self.site_part = None;
                }
                if home {
                    self.reload_home();
                }
                if snapshots {
                    self.reload_snapshots();
                }
                if statics {
                    self.reload_statics();
                }
                let mut dirty: BTreeSet<String> = BTreeSet::new();
                if rescan_bundles {
                    dirty.extend(self.rescan_bundles(false));
                }
                let bundles: Vec<PathBuf> = bundles.into_iter().collect();
                dirty.extend(self.reload_bundles(&bundles));
                self.refresh((!snapshots).then_some(&dirty));
            }
        }
        Ok(())
    }

    fn scope(&self, changed: &[PathBuf]) -> Scope {
        let root = &self.options.root;
        let (mut bundles, mut rescan, mut home, mut statics, mut snapshots) =
            (BTreeSet::new(), false, false, false, false);
        for path in changed {
            let rel = path.strip_prefix(root).unwrap_or(path);
            let parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            match parts
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>()
                .as_slice()
            {
                ["content", "_index.md"] => home = true,
                ["content", "pledges", dir] => {
                    // A folder appeared, vanished or was renamed.
                    rescan = true;
                    bundles.insert(root.join("content/pledges").join(dir));
                }
                ["content", "pledges", dir, ..] => {
                    bundles.insert(root.join("content/pledges").join(dir));
                }
                ["static", ..] => statics = true,
                ["data", "snapshots", ..] | ["data", "records.csv"] => snapshots = true,
                ["content", ..] => rescan = true,
                _ => return Scope::Everything,
            }
        }
        Scope::Parts {
            bundles,
            rescan_bundles: rescan,
            home,
            statics,
            snapshots,
        }
    }

    fn reload_home(&mut self) {
        let mut problems = Diagnostics::default();
        self.site.home = load::home(&self.options.root, &mut problems);
        self.load_problems
            .insert("content/_index.md".into(), problems.0);
    }

    fn reload_snapshots(&mut self) {
        let (snapshots, records, problems) = load::past(&self.options.root);
        self.site.snapshots = snapshots;
        self.site.records = records;
        self.load_problems
            .insert(load::snapshots::SNAPSHOT_DIR.into(), problems);
    }

    fn reload_statics(&mut self) {
        let mut problems = Diagnostics::default();
        let theme_dir = self.options.root.join("themes").join(&self.config.theme);
        self.site.static_files = load::static_files(&self.options.root, &theme_dir, &mut problems);
        problems.extend(crate::fonts::published_whole(
            &self.options.root,
            &self.site.static_files,
        ));
        self.load_problems.insert("static".into(), problems.0);
    }

    /// Loads bundles that appeared (all of them when `all`) and drops those that vanished.
    /// Returns the slugs whose pages must be rendered again.
    fn rescan_bundles(&mut self, all: bool) -> Vec<String> {
        let root = self.options.root.clone();
        let mut problems = Diagnostics::default();
        let content = root.join("content");
        if !content.is_dir() {
            problems.push(
                Diagnostic::error("content", msg!("config.no_content"))
                    .hint(msg!("config.no_content_hint")),
            );
        }
        let dirs = load::bundle_dirs(&root, &mut problems);
        self.load_problems
            .insert("content/pledges".into(), problems.0);
        let known: BTreeSet<PathBuf> = dirs.iter().cloned().collect();
        let gone: Vec<PathBuf> = self
            .load_problems
            .keys()
            .filter(|k| k.starts_with(root.join("content/pledges")) && !known.contains(*k))
            .cloned()
            .collect();
        let mut dirty = Vec::new();
        for dir in gone {
            self.load_problems.remove(&dir);
            dirty.push(self.remove_bundle(&dir));
        }
        let fresh: Vec<&PathBuf> = dirs
            .iter()
            .filter(|d| all || !self.load_problems.contains_key(*d))
            .collect();
        let loaded: Vec<(PathBuf, load::Loaded)> = fresh
            .par_iter()
            .map(|dir| {
                (
                    (*dir).clone(),
                    load::bundle(&root, dir, &self.caches.parsed),
                )
            })
            .collect();
        for (dir, (pledge, problems)) in loaded {
            dirty.push(slug_of(&dir));
            self.put_bundle(dir, pledge, problems);
        }
        self.sort_pledges();
        dirty
    }

    /// Loads the changed bundles again, side by side (a save on the update screen changes
    /// every card at once), and returns their slugs.
    fn reload_bundles(&mut self, dirs: &[PathBuf]) -> Vec<String> {
        let slugs: BTreeSet<String> = dirs.iter().map(|d| slug_of(d)).collect();
        self.site.pledges.retain(|p| !slugs.contains(&p.slug));
        let (root, parsed) = (&self.options.root, &self.caches.parsed);
        let loaded: Vec<(PathBuf, load::Loaded)> = dirs
            .par_iter()
            .filter(|dir| dir.is_dir())
            .map(|dir| (dir.clone(), load::bundle(root, dir, parsed)))
            .collect();
        for dir in dirs.iter().filter(|d| !d.is_dir()) {
            self.load_problems.remove(dir);
        }
        for (dir, (pledge, problems)) in loaded {
            self.put_bundle(dir, pledge, problems);
        }
        self.sort_pledges();
        slugs.into_iter().collect()
    }

    /// Takes the bundle's pledge out of the site; its rendered page stays until `refresh`,
    /// which compares what the reloaded pledge shows the listing pages with what it did.
    fn remove_bundle(&mut self, dir: &Path) -> String {
        let slug = slug_of(dir);
        self.site.pledges.retain(|p| p.slug != slug);
        slug
    }

    fn put_bundle(&mut self, dir: PathBuf, pledge: Option<Pledge>, problems: Vec<Diagnostic>) {
        self.load_problems.insert(dir, problems);
        let shown = pledge.filter(|p| self.options.drafts || !p.card.draft);
        self.site.pledges.extend(shown);
    }

    fn sort_pledges(&mut self) {
        self.site
            .pledges
            .sort_by(|a, b| (&a.card.number, &a.slug).cmp(&(&b.card.number, &b.slug)));
    }

    pub fn base_path(&self) -> String {
        self.config.base_path()
    }

    /// The loaded site: what `pledgesite snapshot` records.
    pub(crate) fn site(&self) -> &Site {
        &self.site
    }

    pub(crate) fn config(&self) -> &Config {
        &self.config
    }
}

fn slug_of(dir: &Path) -> String {
    dir.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}
