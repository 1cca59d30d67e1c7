//! pledgesite: a static site generator for pledge-progress microsites.
//!
//! The pipeline is `load → validate → chart → render → write`; `build` runs all of it, `check` stops
//! before `write`.

#[macro_use]
pub mod messages;
pub(crate) mod build_state;
pub(crate) mod cache;
pub(crate) mod calendar;
pub(crate) mod chart;
pub(crate) mod config;
pub(crate) mod csv_out;
pub(crate) mod dashboard;
pub mod diagnostics;
pub mod edit;
pub mod fonts;
pub use cache::default_dir as default_cache_dir;
pub use config::CONFIG_FILE;
pub use format::{number as format_number, rate as format_rate};
pub use status::Status;
pub(crate) mod format;
pub(crate) mod hash;
pub(crate) mod history;
pub(crate) mod i18n;
pub(crate) mod load;
pub(crate) mod model;
pub(crate) mod number;
pub mod output;
pub(crate) mod render;
pub mod scaffold;
pub mod serve;
pub mod session;
pub mod slug;
pub mod snapshot;
pub(crate) mod status;
pub mod term;
pub mod update;
pub(crate) mod urls;
pub(crate) mod validate;
pub(crate) mod write;
pub mod yaml;

use config::Config;
use diagnostics::Diagnostics;
use output::OutputFile;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// What to build and how; the CLI fills it from its flags.
#[derive(Debug, Clone)]
pub struct Options {
    pub root: PathBuf,
    /// Defaults to `<root>/public`.
    pub output_dir: Option<PathBuf>,
    /// Overrides `base_url` of site.yaml.
    pub base_url: Option<String>,
    pub drafts: bool,
    /// Where drawn charts are kept between builds (`chart::cache`); `None`: no cache.
    pub cache_dir: Option<PathBuf>,
}

impl Options {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Options {
            root: root.into(),
            output_dir: None,
            base_url: None,
            drafts: false,
            cache_dir: None,
        }
    }

    pub fn output_dir(&self) -> PathBuf {
        self.output_dir
            .clone()
            .unwrap_or_else(|| self.root.join("public"))
    }
}

#[derive(Debug)]
pub enum Error {
    /// Problems in the site's files: exit code 1.
    Content(Diagnostics),
    /// Problems with the command or the machine: exit code 2.
    Environment(anyhow::Error),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Content(diags) => write!(f, "{diags}"),
            Error::Environment(err) => write!(f, "{err:#}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<anyhow::Error> for Error {
    fn from(err: anyhow::Error) -> Self {
        Error::Environment(err)
    }
}

impl From<Diagnostics> for Error {
    fn from(diags: Diagnostics) -> Self {
        Error::Content(diags)
    }
}

/// What a run found: its warnings (errors make it fail) and what it made.
pub struct SiteSummary {
    pub warnings: Diagnostics,
    pub pledges: usize,
    pub charts: usize,
    pub pages: usize,
    pub files: usize,
}

/// The site rendered in memory, with the warnings found on the way.
pub struct RenderedSite {
    pub files: Vec<OutputFile>,
    pub warnings: Diagnostics,
    pub pledges: usize,
    pub charts: usize,
}

impl RenderedSite {
    /// Keeps every file `render` hands to its sink, sorted by path.
    pub fn collect(
        render: impl FnOnce(session::Sink) -> Result<SiteSummary, Error>,
    ) -> Result<RenderedSite, Error> {
        let mut site = RenderedSite::collect_unsorted(render)?;
        site.files.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(site)
    }

    /// `collect`, the files in the order they were made.
    pub fn collect_unsorted(
        render: impl FnOnce(session::Sink) -> Result<SiteSummary, Error>,
    ) -> Result<RenderedSite, Error> {
        let files = std::sync::Mutex::new(Vec::new());
        let summary = render(&|more| {
            files.lock().unwrap_or_else(|e| e.into_inner()).extend(more);
            Ok(())
        })?;
        let files = files.into_inner().unwrap_or_else(|e| e.into_inner());
        Ok(RenderedSite {
            files,
            warnings: summary.warnings,
            pledges: summary.pledges,
            charts: summary.charts,
        })
    }

    pub fn pages(&self) -> usize {
        self.files
            .iter()
            .filter(|f| f.path.ends_with(".html"))
            .count()
    }
}

pub struct BuildReport {
    pub site: SiteSummary,
    pub output_dir: PathBuf,
    pub bytes: u64,
    /// Files written this time; the others were already up to date.
    pub written: usize,
    pub millis: u128,
    /// Nothing had changed since the last build, so it was not done again.
    pub up_to_date: bool,
}

impl BuildReport {
    pub fn summary(&self) -> messages::Message {
        let message = if self.up_to_date {
            msg!("general.up_to_date")
        } else {
            msg!("general.built", written = self.written)
        };
        message
            .arg("pages", self.site.pages)
            .arg("pledges", self.site.pledges)
            .arg("charts", self.site.charts)
            .arg("files", self.site.files)
            .arg("kb", self.bytes.div_ceil(1024))
            .arg("ms", self.millis)
            .arg("output", diagnostics::shown_path(&self.output_dir))
    }
}

pub fn load_config(root: &Path, base_url: Option<&str>) -> Result<Config, Error> {
    let path = root.join(config::CONFIG_FILE);
    if !path.is_file() {
        return Err(Error::Environment(anyhow::Error::new(msg!(
            "general.not_a_site",
            file = config::CONFIG_FILE,
            root = diagnostics::shown_path(root)
        ))));
    }
    let shown = Path::new(config::CONFIG_FILE);
    let text = load::text::read(&path, shown).map_err(Diagnostics::from)?;
    let mut config = config::parse(&text, shown).map_err(Diagnostics::from)?;
    if let Some(url) = base_url {
        config.base_url = url.to_string();
    }
    Ok(config)
}

/// load → validate → chart → render, in memory. Every problem of the run is reported together.
pub fn render_site(options: &Options) -> Result<RenderedSite, Error> {
    let session = session::Session::load(options)?;
    RenderedSite::collect(|sink| session.render(sink))
}

/// `pledgesite build`: load → validate → chart → render → write, each pledge's files written
/// as soon as they are rendered; the output changes only when the whole build succeeded.
/// Skipped when neither the sources nor the output changed since the last build.
pub fn build(options: &Options) -> Result<BuildReport, Error> {
    let started = Instant::now();
    let output_dir = write::check_output_dir(&options.root, &options.output_dir())?;
    let mut state = build_state::BuildState::start(options, &output_dir);
    if let Some(done) = state.unchanged(&output_dir) {
        return Ok(BuildReport {
            site: done.site,
            output_dir,
            bytes: done.bytes,
            written: 0,
            millis: started.elapsed().as_millis(),
            up_to_date: true,
        });
    }
    let writer = write::Writer::begin(&output_dir)?;
    let session = session::Session::load(options)?;
    let caches = session.caches();
    let site = session.render(&|files| writer.write(&files))?;
    let mut written = writer.commit()?;
    // Only a build that succeeded keeps its charts, parsed YAML, tables and record for the
    // next one.
    caches.save();
    state.record_check(options, &site.warnings);
    state.save(&site, written.bytes, &mut written.stamps);
    Ok(BuildReport {
        site,
        output_dir,
        bytes: written.bytes,
        written: written.written,
        millis: started.elapsed().as_millis(),
        up_to_date: false,
    })
}

/// `pledgesite check`: everything `build` does except writing; answered from the last check's
/// or build's record when no source changed since.
pub fn check(options: &Options) -> Result<Diagnostics, Error> {
    let state = build_state::CheckState::start(options);
    if let Some(warnings) = state.unchanged() {
        return Ok(warnings);
    }
    let session = session::Session::load(options)?;
    let caches = session.caches();
    let summary = session.render(&|_| Ok(()))?;
    // Like a build's: the next build or check draws no chart and parses no YAML again.
    caches.save();
    state.save(&summary.warnings);
    Ok(summary.warnings)
}

/// `pledgesite check --pages`: `check`, plus what breaks only on GitHub Pages under a project
/// path. `repository` is `org/repo` (GITHUB_REPOSITORY in Actions); else git's origin is used.
pub fn check_pages(options: &Options, repository: Option<&str>) -> Result<Diagnostics, Error> {
    let config = load_config(&options.root, options.base_url.as_deref())?;
    let base = config.base_path();
    let found = std::sync::Mutex::new(Vec::new());
    let summary = session::Session::load(options)?.render(&|files| {
        let problems = files
            .iter()
            .flat_map(|file| validate::github_pages::check_file(&base, file));
        found
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend(problems);
        Ok(())
    })?;
    let expected = validate::github_pages::expected_path(&options.root, repository);
    let mut diags = summary.warnings;
    diags.extend(validate::github_pages::check_base(
        &config,
        expected.as_deref(),
    ));
    diags.extend(validate::github_pages::check_absolute(&config));
    diags.extend(found.into_inner().unwrap_or_else(|e| e.into_inner()));
    // Placeholder text must not publish: what `check` warns about, `--pages` refuses.
    for d in &mut diags.0 {
        if d.message.key() == validate::stubs::KEY {
            d.severity = diagnostics::Severity::Error;
        }
    }
    diags.into_result().map_err(Error::Content)
}
