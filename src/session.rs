//! The loaded site, and the steps after loading. `build` and `check` load it once and `render`
//! it a pledge at a time, handing each pledge's files on as soon as they exist (so a build
//! writes while it renders and never holds the whole site). `serve --watch` keeps an `open`
//! session with every page in memory and, after a change, reloads and re-renders only what the
//! change touches: one pledge bundle re-renders that pledge's page, the home and area pages and
//! the data files; site.yaml, templates and themes re-open everything.

use crate::chart::{self, Chart};
use crate::config::{Config, CONFIG_FILE};
use crate::dashboard::{self, Dashboard};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::i18n::Strings;
use crate::model::{Pledge, Site};
use crate::render::{self, Output, OutputFile, Templates};
use crate::validate::links::Targets;
use crate::{load, validate, Error, Options, RenderedSite, SiteSummary};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub struct Session {
    options: Options,
    config: Config,
    templates: Result<Templates, Vec<Diagnostic>>,
    strings: Arc<Strings>,
    site: Site,
    /// Load problems by where they came from: a bundle folder, `content/_index.md`, `static`.
    load_problems: BTreeMap<PathBuf, Vec<Diagnostic>>,
    /// The home page's charts as of the last refresh.
    home_charts: Vec<Chart>,
    /// Per pledge slug: its own checks, chart problems and rendered page.
    pledges: BTreeMap<String, PledgeCache>,
    /// Figures over all pledges as of the last refresh; its areas are the navigation every
    /// page shows, so when they change every page is re-rendered.
    dashboard: Dashboard,
}

/// Where rendered files go: the writer for `build`, nowhere for `check`, a list for tests.
pub type Sink<'a> = &'a (dyn Fn(Vec<OutputFile>) -> anyhow::Result<()> + Sync);

/// One pledge checked, charted and rendered.
#[derive(Default, Clone)]
struct PledgeCache {
    problems: Vec<Diagnostic>,
    charts: usize,
    page: Output,
    targets: Targets,
}

/// What a change touches.
enum Scope {
    Everything,
    Parts {
        bundles: BTreeSet<PathBuf>,
        rescan_bundles: bool,
        home: bool,
        statics: bool,
    },
}

impl Session {
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
            site_problems.push(
                Diagnostic::error(CONFIG_FILE, format!("theme `{}` not found", config.theme)).hint(
                    format!(
                        "add the theme folder {}/templates, or set `theme: default`",
                        theme_dir.display()
                    ),
                ),
            );
        }
        let strings = Arc::new(Strings::load(&theme_dir, &config.language).unwrap_or_else(
            |problem| {
                site_problems.push(problem);
                Strings::builtin(&config.language)
            },
        ));
        let templates = Templates::load(
            &options.root,
            &theme_dir,
            &config.base_path(),
            Arc::clone(&strings),
        );
        let mut session = Session {
            options: options.clone(),
            config,
            templates,
            strings,
            site: Site {
                home: load::home(&options.root, &mut Diagnostics::default()),
                pledges: Vec::new(),
                static_files: Vec::new(),
            },
            load_problems: BTreeMap::from([(PathBuf::from(CONFIG_FILE), site_problems.0)]),
            home_charts: Vec::new(),
            pledges: BTreeMap::new(),
            dashboard: Dashboard::default(),
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
            } => {
                if home {
                    self.reload_home();
                }
                if statics {
                    self.reload_statics();
                }
                let mut dirty: BTreeSet<String> = BTreeSet::new();
                if rescan_bundles {
                    dirty.extend(self.rescan_bundles(false));
                }
                for dir in &bundles {
                    dirty.insert(self.reload_bundle(dir));
                }
                self.refresh(Some(&dirty));
            }
        }
        Ok(())
    }

    fn scope(&self, changed: &[PathBuf]) -> Scope {
        let root = &self.options.root;
        let (mut bundles, mut rescan, mut home, mut statics) =
            (BTreeSet::new(), false, false, false);
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
                ["content", ..] => rescan = true,
                _ => return Scope::Everything,
            }
        }
        Scope::Parts {
            bundles,
            rescan_bundles: rescan,
            home,
            statics,
        }
    }

    fn reload_home(&mut self) {
        let mut problems = Diagnostics::default();
        self.site.home = load::home(&self.options.root, &mut problems);
        self.load_problems
            .insert("content/_index.md".into(), problems.0);
    }

    fn reload_statics(&mut self) {
        let mut problems = Diagnostics::default();
        let theme_dir = self.options.root.join("themes").join(&self.config.theme);
        self.site.static_files = load::static_files(&self.options.root, &theme_dir, &mut problems);
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
                Diagnostic::error("content", "the site has no content folder").hint(
                    "run `pledgesite init DIR` to start a site, or pass --root to the site folder",
                ),
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
            .map(|dir| ((*dir).clone(), load::bundle(&root, dir)))
            .collect();
        for (dir, (pledge, problems)) in loaded {
            dirty.push(slug_of(&dir));
            self.put_bundle(dir, pledge, problems);
        }
        self.sort_pledges();
        dirty
    }

    fn reload_bundle(&mut self, dir: &Path) -> String {
        self.remove_bundle(dir);
        if dir.is_dir() {
            let (pledge, problems) = load::bundle(&self.options.root, dir);
            self.put_bundle(dir.to_path_buf(), pledge, problems);
            self.sort_pledges();
        } else {
            self.load_problems.remove(dir);
        }
        slug_of(dir)
    }

    fn remove_bundle(&mut self, dir: &Path) -> String {
        let slug = slug_of(dir);
        self.site.pledges.retain(|p| p.slug != slug);
        self.pledges.remove(&slug);
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
            .sort_by(|a, b| (a.card.number, &a.slug).cmp(&(b.card.number, &b.slug)));
    }

    fn inputs<'a>(
        &'a self,
        dashboard: &'a Dashboard,
        home_charts: &'a [Chart],
    ) -> Option<render::Inputs<'a>> {
        let templates = self.templates.as_ref().ok()?;
        Some(render::Inputs {
            site: &self.site,
            config: &self.config,
            dashboard,
            home_charts,
            templates,
            strings: &self.strings,
        })
    }

    fn compute_dashboard(&self) -> Dashboard {
        let pledges: Vec<&Pledge> = self.site.pledges.iter().collect();
        dashboard::compute(&pledges, &|area| self.config.area_slug(area))
    }

    /// The figures over all pledges and the home page's charts drawn from them.
    fn overview(&mut self) -> (Dashboard, Vec<Chart>) {
        let dashboard = self.compute_dashboard();
        let mut problems = Vec::new();
        let charts = chart::home(&self.site, &dashboard, &self.strings, &mut problems);
        self.load_problems.insert("charts".into(), problems);
        (dashboard, charts)
    }

    /// validate → chart → render one pledge.
    fn pledge(&self, p: &Pledge, inputs: Option<&render::Inputs>) -> PledgeCache {
        let (term, _) = validate::term(&self.config);
        let mut problems = validate::pledge(p, term.as_ref());
        let (charts, chart_problems) = chart::pledge(p, &self.strings);
        problems.extend(chart_problems);
        let page = inputs.map_or_else(Output::default, |inputs| {
            render::pledge_page(inputs, p, &charts)
        });
        PledgeCache {
            problems,
            charts: charts.len(),
            targets: Targets::of(&page.files),
            page,
        }
    }

    /// Re-checks, re-charts and re-renders the `dirty` pledges (all when None, or when the
    /// navigation every page shows has changed).
    fn refresh(&mut self, dirty: Option<&BTreeSet<String>>) {
        let (dashboard, home_charts) = self.overview();
        let nav = |d: &Dashboard| {
            d.areas
                .iter()
                .map(|a| (a.name.clone(), a.slug.clone()))
                .collect::<Vec<_>>()
        };
        let everything = dirty.is_none() || nav(&dashboard) != nav(&self.dashboard);
        let stale = |slug: &String| {
            everything
                || dirty.is_some_and(|d| d.contains(slug))
                || !self.pledges.contains_key(slug)
        };
        let inputs = self.inputs(&dashboard, &home_charts);
        let fresh: Vec<(String, PledgeCache)> = self
            .site
            .pledges
            .par_iter()
            .filter(|p| stale(&p.slug))
            .map(|p| (p.slug.clone(), self.pledge(p, inputs.as_ref())))
            .collect();
        self.pledges.extend(fresh);
        let present: BTreeSet<&String> = self.site.pledges.iter().map(|p| &p.slug).collect();
        self.pledges.retain(|slug, _| present.contains(slug));
        self.dashboard = dashboard;
        self.home_charts = home_charts;
    }

    /// The site as files in memory (from the pages kept since the last refresh), with every
    /// problem found; errors make it an `Err`.
    pub fn rendered(&self) -> Result<RenderedSite, Error> {
        RenderedSite::collect(|sink| {
            let mut gathered = Gathered::default();
            for cache in self.pledges.values() {
                sink(gathered.add(cache.clone()))?;
            }
            self.finish(gathered, &self.dashboard, &self.home_charts, sink)
        })
    }

    /// validate → chart → render the whole site a pledge at a time, each pledge's files handed
    /// to `sink` by the thread that rendered them; only what the home and area pages and the
    /// link check need is kept. Every problem of the run is reported together, as an `Err`
    /// when there are errors (after the sink has seen the files: `build`'s writer discards
    /// them then).
    pub fn render(mut self, sink: Sink) -> Result<SiteSummary, Error> {
        let (dashboard, home_charts) = self.overview();
        // Out of the site while they render: a pledge's page is the only thing that needs its
        // Markdown, which is let go once the page is made (a third of the memory at scale).
        let mut pledges = std::mem::take(&mut self.site.pledges);
        let inputs = self.inputs(&dashboard, &home_charts);
        let each: Vec<Gathered> = pledges
            .par_iter_mut()
            .map(|p| {
                let mut gathered = Gathered::default();
                sink(gathered.add(self.pledge(p, inputs.as_ref())))?;
                p.release_markdown();
                Ok(gathered)
            })
            .collect::<anyhow::Result<_>>()?;
        self.site.pledges = pledges;
        let mut gathered = Gathered::default();
        for one in each {
            gathered.merge(one);
        }
        self.finish(gathered, &dashboard, &home_charts, sink)
    }

    /// The pages that list every pledge, the site's data files, and the whole run's problems.
    fn finish(
        &self,
        mut gathered: Gathered,
        dashboard: &Dashboard,
        home_charts: &[Chart],
        sink: Sink,
    ) -> Result<SiteSummary, Error> {
        let mut diags = Diagnostics::default();
        for problems in self.load_problems.values() {
            diags.extend(problems.iter().cloned());
        }
        let (_, term_problems) = validate::term(&self.config);
        diags.extend(term_problems);
        diags.extend(validate::across_pledges(&self.site));
        // Without templates there are no pages; their problems are reported below.
        if let Some(inputs) = self.inputs(dashboard, home_charts) {
            let items = std::mem::take(&mut gathered.list_items);
            let page = render::site_pages(&inputs, &items);
            let files = gathered.add(PledgeCache {
                targets: Targets::of(&page.files),
                page,
                ..PledgeCache::default()
            });
            sink(files)?;
        }
        if let Err(problems) = &self.templates {
            diags.extend(problems.iter().cloned());
        }
        diags.extend(std::mem::take(&mut gathered.problems));
        diags.extend(validate::links::check(&gathered.targets, &gathered.links));
        let warnings = diags.into_result()?;
        Ok(SiteSummary {
            warnings,
            pledges: self.site.pledges.len(),
            charts: gathered.charts + home_charts.len(),
            pages: gathered.pages,
            files: gathered.files,
        })
    }

    pub fn base_path(&self) -> String {
        self.config.base_path()
    }
}

/// What rendered pages leave behind once their files are handed on.
#[derive(Default)]
struct Gathered {
    problems: Vec<Diagnostic>,
    links: Vec<crate::model::MarkdownLink>,
    list_items: BTreeMap<String, String>,
    targets: Targets,
    charts: usize,
    pages: usize,
    files: usize,
}

impl Gathered {
    /// Keeps what `cache` tells about the site and returns its files.
    fn add(&mut self, cache: PledgeCache) -> Vec<OutputFile> {
        let page = cache.page;
        self.problems.extend(cache.problems);
        self.problems.extend(page.problems);
        self.links.extend(page.links);
        self.list_items.extend(page.list_items);
        self.targets.extend(cache.targets);
        self.charts += cache.charts;
        self.files += page.files.len();
        self.pages += page
            .files
            .iter()
            .filter(|f| f.path.ends_with(".html"))
            .count();
        page.files
    }

    fn merge(&mut self, other: Gathered) {
        self.problems.extend(other.problems);
        self.links.extend(other.links);
        self.list_items.extend(other.list_items);
        self.targets.extend(other.targets);
        self.charts += other.charts;
        self.pages += other.pages;
        self.files += other.files;
    }
}

fn slug_of(dir: &Path) -> String {
    dir.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}
