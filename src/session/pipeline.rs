//! validate → chart → render for the loaded site: all of it for `build` and `check`, a pledge
//! at a time with its files handed on at once, or what a change touched for `serve`.

use super::site_part::{facing, SitePart};
use super::{PledgeCache, Session, Sink};
use crate::chart::{self, Chart};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::fonts::CharSet;
use crate::history::{self, History};
use crate::model::Pledge;
use crate::render::{self, Output, OutputFile};
use crate::validate::links::LinkTargets;
use crate::{validate, Error, RenderedSite, SiteSummary};
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

impl Session {
    pub(super) fn inputs<'a>(
        &'a self,
        history: &'a History,
        home_charts: &'a [Chart],
    ) -> Option<render::Inputs<'a>> {
        let templates = self.templates.as_ref().ok()?;
        Some(render::Inputs {
            site: &self.site,
            config: &self.config,
            dashboard: history.figures(),
            history,
            home_charts,
            templates,
            strings: &self.strings,
            font: self.font.as_ref(),
        })
    }

    /// The site's reporting date: the home page's as_of, else the latest card's.
    pub(super) fn present_date(&self) -> Option<String> {
        let latest_card = || {
            let dates = self
                .site
                .pledges
                .iter()
                .filter_map(|p| p.card.as_of.as_ref());
            dates.max().cloned()
        };
        self.site.home.meta.as_of.clone().or_else(latest_card)
    }

    /// The figures at every reporting date and the home page's charts drawn from them.
    fn overview(&mut self) -> (History, Vec<Chart>) {
        let history = history::compute(
            &self.site.pledges,
            &self.site.snapshots,
            self.present_date().as_deref(),
            &self.config,
        );
        let mut problems = Vec::new();
        let charts = chart::home(&self.site, &history, &self.strings, &mut problems);
        self.load_problems.insert("charts".into(), problems);
        (history, charts)
    }

    /// validate → chart → render one pledge.
    fn pledge(&self, p: &Pledge, inputs: Option<&render::Inputs>) -> PledgeCache {
        let mut problems = validate::pledge(p, self.term.as_ref());
        let course = inputs.and_then(|i| i.history.pledges.get(&p.slug));
        let (charts, chart_problems) = chart::pledge(p, course, &self.strings, &self.caches.charts);
        problems.extend(chart_problems);
        let mut page = inputs.map_or_else(Output::default, |inputs| {
            render::pledge_page(inputs, p, &charts)
        });
        problems.append(&mut page.problems);
        PledgeCache {
            // Only a kept session compares it (`refresh`).
            facing: 0,
            problems: self.without_allowed(p, problems),
            charts: charts.len(),
            targets: LinkTargets::of(&page.files),
            page,
        }
    }

    /// `problems` of `p` without the warnings its files turn off. Its own files' texts are at
    /// hand, so a rebuild need not read again every file that warns; others are read.
    fn without_allowed(&self, p: &Pledge, problems: Vec<Diagnostic>) -> Vec<Diagnostic> {
        if problems.iter().all(Diagnostic::is_error) {
            return problems;
        }
        let root = &self.options.root;
        let text_of = |path: &Path| {
            let read = || {
                std::fs::read_to_string(root.join(path))
                    .ok()
                    .map(Cow::Owned)
            };
            p.source_text(path).or_else(read)
        };
        Diagnostics(problems).without_allowed(text_of).0
    }

    /// Re-checks, re-charts and re-renders the `dirty` pledges (all when None, or when the
    /// navigation every page shows has changed).
    pub(super) fn refresh(&mut self, dirty: Option<&BTreeSet<String>>) {
        // An edit that changed no card, data or list entry (a section's text) leaves the
        // figures, the home charts and the pages listing every pledge as they are.
        let settled = self.site_part.is_some() && dirty.is_some_and(|d| self.facing_unchanged(d));
        let (history, home_charts) = if settled {
            let history = std::mem::take(&mut self.history);
            (history, std::mem::take(&mut self.home_charts))
        } else {
            self.site_part = None;
            self.overview()
        };
        // Every page shows the areas (navigation) and the site's date (footer).
        let shared = |h: &History| {
            let areas = h.figures().areas.iter();
            let nav: Vec<(String, String)> =
                areas.map(|a| (a.name.clone(), a.slug.clone())).collect();
            (nav, h.present().and_then(|r| r.date.clone()))
        };
        let everything = !settled && (dirty.is_none() || shared(&history) != shared(&self.history));
        let stale = |slug: &String| {
            everything
                || dirty.is_some_and(|d| d.contains(slug))
                || !self.pledges.contains_key(slug)
        };
        let inputs = self.inputs(&history, &home_charts);
        let fresh: Vec<(String, PledgeCache)> = self
            .site
            .pledges
            .par_iter()
            .filter(|p| stale(&p.slug))
            .map(|p| {
                let cache = PledgeCache {
                    facing: facing(p),
                    ..self.pledge(p, inputs.as_ref())
                };
                (p.slug.clone(), cache)
            })
            .collect();
        if settled {
            for (slug, cache) in &fresh {
                if let Some(old) = self.pledges.get(slug) {
                    self.all_targets.remove(&old.targets);
                }
                self.all_targets.extend(cache.targets.clone());
            }
        }
        self.pledges.extend(fresh);
        let present: BTreeSet<&String> = self.site.pledges.iter().map(|p| &p.slug).collect();
        self.pledges.retain(|slug, _| present.contains(slug));
        self.history = history;
        self.home_charts = home_charts;
        if self.site_part.is_none() {
            self.site_part = Some(self.kept_site_part());
        }
        if !settled {
            let mut all = self
                .site_part
                .as_ref()
                .map(|p| p.targets.clone())
                .unwrap_or_default();
            for cache in self.pledges.values() {
                all.extend(cache.targets.clone());
            }
            self.all_targets = all;
        }
    }

    /// The site as files in memory (from the pages kept since the last refresh), with every
    /// problem found; errors make it an `Err`.
    pub fn rendered(&self) -> Result<RenderedSite, Error> {
        RenderedSite::collect(|sink| self.render_kept(sink))
    }

    /// `rendered`, its files in no particular order: what `serve` needs, at once.
    pub fn rendered_unsorted(&self) -> Result<RenderedSite, Error> {
        RenderedSite::collect_unsorted(|sink| self.render_kept(sink))
    }

    fn render_kept(&self, sink: Sink) -> Result<SiteSummary, Error> {
        let mut gathered = self.gathered();
        for cache in self.pledges.values() {
            sink(gathered.add_kept(cache))?;
        }
        let made;
        let part = match &self.site_part {
            Some(part) => part,
            None => {
                made = self.kept_site_part();
                &made
            }
        };
        sink(gathered.add_page(&part.page))?;
        self.font_files(&mut gathered, sink)?;
        self.finish(gathered, part, &self.all_targets)
    }

    /// validate → chart → render the whole site a pledge at a time, each pledge's files handed
    /// to `sink` by the thread that rendered them; only what the home and area pages and the
    /// link check need is kept. Every problem of the run is reported together, as an `Err`
    /// when there are errors (after the sink has seen the files: `build`'s writer discards
    /// them then).
    pub fn render(mut self, sink: Sink) -> Result<SiteSummary, Error> {
        let (history, home_charts) = self.overview();
        // Out of the site while they render: a pledge's page is the only thing that needs its
        // Markdown, which is let go once the page is made (a fifth of the peak memory at scale).
        let mut pledges = std::mem::take(&mut self.site.pledges);
        let inputs = self.inputs(&history, &home_charts);
        let each: Vec<Gathered> = pledges
            .par_iter_mut()
            .map(|p| {
                let mut gathered = self.gathered();
                sink(gathered.add(self.pledge(p, inputs.as_ref())))?;
                p.release_markdown();
                Ok(gathered)
            })
            .collect::<anyhow::Result<_>>()?;
        self.site.pledges = pledges;
        let mut gathered = self.gathered();
        for one in each {
            gathered.merge(one);
        }
        let items = std::mem::take(&mut gathered.list_items);
        let part = self.site_part(&history, &home_charts, &items);
        let files = gathered.add(PledgeCache {
            targets: part.targets.clone(),
            page: part.page.clone(),
            ..PledgeCache::default()
        });
        sink(files)?;
        self.font_files(&mut gathered, sink)?;
        let targets = std::mem::take(&mut gathered.targets);
        self.finish(gathered, &part, &targets)
    }

    /// What rendered pages leave behind, with their characters when the site has a font.
    fn gathered(&self) -> Gathered {
        Gathered {
            chars: self.font.as_ref().map(|_| CharSet::default()),
            ..Gathered::default()
        }
    }

    /// The site's font subset to every character of the pages, handed on like the pages.
    fn font_files(&self, gathered: &mut Gathered, sink: Sink) -> anyhow::Result<()> {
        let (Some(font), Some(chars)) = (&self.font, &gathered.chars) else {
            return Ok(());
        };
        match font.files(chars) {
            Ok(files) => {
                gathered.take_in(&files);
                sink(files)
            }
            Err(problem) => {
                gathered.problems.push(problem);
                Ok(())
            }
        }
    }

    /// The site part from the pages kept since the last refresh.
    fn kept_site_part(&self) -> SitePart {
        let items = self
            .pledges
            .values()
            .flat_map(|c| c.page.list_items.clone());
        self.site_part(&self.history, &self.home_charts, &items.collect())
    }

    /// Every problem of the run, once every file is handed on; `targets` are the whole site's.
    fn finish(
        &self,
        mut gathered: Gathered,
        part: &SitePart,
        targets: &LinkTargets,
    ) -> Result<SiteSummary, Error> {
        let mut diags = Diagnostics::default();
        for problems in self.load_problems.values() {
            diags.extend(problems.iter().cloned());
        }
        diags.extend(part.checks.iter().cloned());
        if let Err(problems) = &self.templates {
            diags.extend(problems.iter().cloned());
        }
        diags.extend(std::mem::take(&mut gathered.problems));
        // Bundle files are checked where they are copied; what is left are static files.
        for path in &targets.duplicates {
            diags.push(
                Diagnostic::error(
                    format!("static/{path}"),
                    msg!("render.static_clash", file = path),
                )
                .hint(msg!("render.static_clash_hint")),
            );
        }
        diags.extend(validate::links::check(targets, &gathered.links));
        let root = &self.options.root;
        let read = |path: &Path| {
            std::fs::read_to_string(root.join(path))
                .ok()
                .map(Cow::Owned)
        };
        let mut diags = diags.without_allowed(read);
        diags.extend(std::mem::take(&mut gathered.checked));
        let warnings = diags.into_result()?;
        Ok(SiteSummary {
            warnings,
            pledges: self.site.pledges.len(),
            charts: gathered.charts + part.home_charts,
            pages: gathered.pages,
            files: gathered.files,
        })
    }
}

/// What rendered pages leave behind once their files are handed on.
#[derive(Default)]
struct Gathered {
    problems: Vec<Diagnostic>,
    /// The pledges' problems, already without the warnings their files turn off.
    checked: Vec<Diagnostic>,
    links: Vec<crate::model::MarkdownLink>,
    list_items: BTreeMap<String, String>,
    targets: LinkTargets,
    charts: usize,
    pages: usize,
    files: usize,
    /// Every character of the pages, when the site has its own font to subset.
    chars: Option<CharSet>,
}

impl Gathered {
    /// Keeps what `cache` tells about the site and returns its files.
    fn add(&mut self, cache: PledgeCache) -> Vec<OutputFile> {
        let page = cache.page;
        self.checked.extend(cache.problems);
        self.problems.extend(page.problems);
        self.links.extend(page.links);
        self.list_items.extend(page.list_items);
        self.targets.extend(cache.targets);
        self.charts += cache.charts;
        self.take_in(&page.files);
        page.files
    }

    /// Takes `files` in: counts them among the site's files and pages and, when the site has
    /// its own font, notes every character of its pages.
    fn take_in(&mut self, files: &[OutputFile]) {
        self.files += files.len();
        self.pages += files.iter().filter(|f| f.path.ends_with(".html")).count();
        if let Some(chars) = &mut self.chars {
            for page in files.iter().filter(|f| f.path.ends_with(".html")) {
                chars.add_text(page.text().unwrap_or(""));
            }
        }
    }

    /// `add` for a pledge kept in a session: its files and what the checks need, not its list
    /// entry or link targets (the session keeps those for the whole site).
    fn add_kept(&mut self, cache: &PledgeCache) -> Vec<OutputFile> {
        self.checked.extend(cache.problems.iter().cloned());
        self.charts += cache.charts;
        self.add_page(&cache.page)
    }

    /// A kept page's problems, links and counts; returns its files.
    fn add_page(&mut self, page: &Output) -> Vec<OutputFile> {
        self.problems.extend(page.problems.iter().cloned());
        self.links.extend(page.links.iter().cloned());
        self.take_in(&page.files);
        page.files.clone()
    }

    fn merge(&mut self, other: Gathered) {
        self.problems.extend(other.problems);
        self.checked.extend(other.checked);
        self.links.extend(other.links);
        self.list_items.extend(other.list_items);
        self.targets.extend(other.targets);
        self.charts += other.charts;
        self.pages += other.pages;
        self.files += other.files;
        if let (Some(chars), Some(theirs)) = (&mut self.chars, &other.chars) {
            chars.merge(theirs);
        }
    }
}
