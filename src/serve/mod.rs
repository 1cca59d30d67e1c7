//! `pledgesite serve`: builds the site in memory, serves it on 127.0.0.1 (unless told
//! otherwise), and with `--watch` rebuilds on every change and tells open browsers to reload.
//! Nothing is written to disk, so stopping the server leaves the user's files as they were.

mod http;
mod state;
mod watch;

use crate::session::Session;
use crate::{Error, Options};
use anyhow::{bail, Context, Result};
use state::{Notice, State};
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

pub struct ServeOptions {
    pub site: Options,
    pub interface: IpAddr,
    pub port: u16,
    pub watch: bool,
    pub open: bool,
}

/// Runs until Ctrl-C. Problems in the first build are shown like later ones: the server
/// starts anyway and the page recovers once the files are fixed.
pub fn run(
    options: ServeOptions,
    report: impl Fn(&crate::diagnostics::Diagnostics) + Send + Sync + 'static,
) -> Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(serve_inner(options, Arc::new(report)))
}

async fn serve_inner(
    options: ServeOptions,
    report: Arc<dyn Fn(&crate::diagnostics::Diagnostics) + Send + Sync>,
) -> Result<()> {
    // The watcher reports absolute paths; a relative --root must be made absolute to match them.
    let mut options = options;
    options.site.root = dunce::canonicalize(&options.site.root).with_context(|| {
        format!(
            "cannot open the site folder {}",
            options.site.root.display()
        )
    })?;
    let root = options.site.root.clone();
    crate::load_config(&root, None).map_err(|e| match e {
        Error::Environment(e) => e,
        Error::Content(d) => anyhow::anyhow!("{d}"),
    })?;
    let state = State::new(Vec::new(), "/".into());
    let mut builder = Builder::new(options.site.clone());
    builder.rebuild(&state, &*report, &[]);

    let address = SocketAddr::new(options.interface, options.port);
    let listener = tokio::net::TcpListener::bind(address).await.map_err(|e| {
        if e.kind() == std::io::ErrorKind::AddrInUse {
            anyhow::anyhow!(
                "cannot listen on {address}: the port is in use (another `pledgesite serve`?); pass --port {}",
                options.port.wrapping_add(1)
            )
        } else {
            anyhow::anyhow!("cannot listen on {address}: {e}")
        }
    })?;
    let base = state.site().base_path.clone();
    let url = format!("http://{}{base}", listener.local_addr()?);
    println!(
        "serving {} at {url}{}",
        root.display(),
        if options.watch {
            " (watching for changes; Ctrl-C to stop)"
        } else {
            " (Ctrl-C to stop)"
        }
    );
    if options.open {
        if let Err(e) = open::that_detached(&url) {
            eprintln!("could not open a browser: {e}");
        }
    }

    let _watcher = if options.watch {
        let (watcher, changes) = watch::start(&root).context("cannot watch the site's files")?;
        let (state, report) = (Arc::clone(&state), Arc::clone(&report));
        std::thread::spawn(move || {
            while let Ok(mut paths) = changes.recv() {
                // Changes that arrive during a rebuild join the next one.
                while let Ok(more) = changes.try_recv() {
                    paths.extend(more);
                }
                paths.sort();
                paths.dedup();
                builder.rebuild(&state, &*report, &paths);
            }
        });
        Some(watcher)
    } else {
        None
    };

    let app = http::router(Arc::clone(&state), options.watch);
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
            println!("\nstopped");
        })
        .await
        .context("the server stopped with an error")
}

type Report = dyn Fn(&crate::diagnostics::Diagnostics) + Send + Sync;

/// Keeps the site in memory between rebuilds so a change re-renders only what it touches.
struct Builder {
    options: Options,
    session: Option<Session>,
}

impl Builder {
    fn new(options: Options) -> Builder {
        Builder {
            options,
            session: None,
        }
    }

    /// The session brought up to date: re-opened at start (no `changed`) or after a failure,
    /// otherwise updated with just what changed.
    fn current(&mut self, changed: &[PathBuf]) -> Result<&Session, Error> {
        if changed.is_empty() || self.session.is_none() {
            self.session = Some(Session::open(&self.options)?);
        } else if let Some(session) = self.session.as_mut() {
            // Only re-opening (site.yaml, templates) fails here; forget the stale session so
            // the next change re-opens instead of building on the old settings.
            if let Err(e) = session.update(changed) {
                self.session = None;
                return Err(e);
            }
        }
        self.session
            .as_ref()
            .ok_or_else(|| Error::Environment(anyhow::anyhow!("the site could not be loaded")))
    }

    /// Applies `changed` (all of the site when empty) and publishes the result.
    fn rebuild(&mut self, state: &State, report: &Report, changed: &[PathBuf]) {
        let started = Instant::now();
        let root = &self.options.root;
        let why = if changed.is_empty() {
            "start".to_string()
        } else {
            changed
                .iter()
                .map(|p| p.strip_prefix(root).unwrap_or(p).display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let result = self
            .current(changed)
            .and_then(|session| session.rendered().map(|r| (r, session.base_path())));
        match result {
            Ok((rendered, base_path)) => {
                // Warnings are listed once at start; later rebuilds only count them.
                if changed.is_empty() {
                    report(&rendered.warnings);
                }
                let warnings = rendered.warnings.warning_count();
                let pages = rendered.pages();
                let css_only = !changed.is_empty()
                    && changed
                        .iter()
                        .all(|p| p.extension().is_some_and(|e| e == "css"));
                state.publish(
                    rendered.files,
                    base_path,
                    if css_only {
                        Notice::Css
                    } else {
                        Notice::Reload
                    },
                );
                let note = if warnings > 0 {
                    format!(", {warnings} warnings: `pledgesite check` lists them")
                } else {
                    String::new()
                };
                println!(
                    "rebuilt {pages} pages in {} ms ({why}{note})",
                    started.elapsed().as_millis()
                );
            }
            Err(Error::Content(problems)) => {
                report(&problems);
                state.fail(&problems);
                eprintln!("build failed ({why}); still serving the last good build");
            }
            Err(Error::Environment(e)) => {
                self.session = None;
                let problems = crate::diagnostics::Diagnostic::error(
                    crate::config::CONFIG_FILE,
                    format!("{e:#}"),
                )
                .into();
                report(&problems);
                state.fail(&problems);
            }
        }
    }
}

/// Refuses to serve a folder that is not a site, before binding anything.
pub fn check_root(root: &Path) -> Result<()> {
    if !root.join(crate::config::CONFIG_FILE).is_file() {
        bail!(
            "no site.yaml in {}: pass --root with the site folder",
            root.display()
        );
    }
    Ok(())
}
