//! `pledgesite serve`: builds the site in memory, serves it on 127.0.0.1 (unless told
//! otherwise), and with `--watch` rebuilds on every change and tells open browsers to reload.
//! Nothing is written to disk, so stopping the server leaves the user's files as they were.

mod http;
mod state;
mod update;
mod update_page;
mod watch;

use crate::config::CONFIG_FILE;
use crate::diagnostics::shown_path;
use crate::messages::{Lang, Message};
use crate::session::Session;
use crate::{Error, Options};
use anyhow::Result;
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
    /// The language of what the server says: on the terminal and in the browser's overlay.
    pub lang: Lang,
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
    let lang = options.lang;
    options.site.root = dunce::canonicalize(&options.site.root).map_err(|e| {
        let folder = shown_path(&options.site.root);
        failure(msg!("write.open_site_failed", folder = folder), e, lang)
    })?;
    let root = options.site.root.clone();
    crate::load_config(&root, None).map_err(|e| match e {
        Error::Environment(e) => e,
        Error::Content(d) => anyhow::anyhow!("{}", d.to_text(lang).trim_end()),
    })?;
    let state = State::new(Vec::new(), "/".into(), lang);
    let mut builder = Builder::new(options.site.clone(), lang);
    builder.rebuild(&state, &*report, &[]);

    let address = SocketAddr::new(options.interface, options.port);
    let listener = tokio::net::TcpListener::bind(address).await.map_err(|e| {
        if e.kind() == std::io::ErrorKind::AddrInUse {
            let port = options.port.wrapping_add(1);
            anyhow::Error::new(msg!("serve.port_in_use", address = address, port = port))
        } else {
            failure(msg!("serve.listen_failed", address = address), e, lang)
        }
    })?;
    let base = state.site().base_path.clone();
    let url = format!("http://{}{base}", listener.local_addr()?);
    let shown = shown_path(&root);
    let serving = if options.watch {
        msg!("serve.serving_watch", root = &shown, url = &url)
    } else {
        msg!("serve.serving", root = &shown, url = &url)
    };
    println!("{}", serving.render(lang));
    if options.open {
        if let Err(e) = open::that_detached(&url) {
            let reason = crate::messages::io_reason(&e).render(lang);
            let failed = msg!("serve.browser_failed", reason = reason);
            eprintln!("{}", failed.render(lang));
        }
    }

    let _watcher = if options.watch {
        let (watcher, changes) =
            watch::start(&root).map_err(|e| failure(msg!("serve.watch_failed"), e, lang))?;
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

    let mut app = http::router(Arc::clone(&state), options.watch);
    // The update screen writes cards: only with --watch (the site follows the save) and only
    // on a loopback address (nobody else can reach it).
    if options.watch {
        if options.interface.is_loopback() {
            let port = listener.local_addr()?.port();
            let update = update::Update::new(options.site.clone(), port, lang);
            app = app.merge(update::routes(Arc::new(update)));
            let screen = format!("http://{}{}", listener.local_addr()?, update::PATH);
            println!("{}", msg!("serve.update_screen", url = screen).render(lang));
        } else {
            println!("{}", msg!("serve.update_screen_off").render(lang));
        }
    }
    axum::serve(listener, app)
        .with_graceful_shutdown(async move {
            let _ = tokio::signal::ctrl_c().await;
            println!("\n{}", msg!("serve.stopped").render(lang));
        })
        .await
        .map_err(|e| failure(msg!("serve.server_failed"), e, lang))
}

/// `message` and the error under it, already in `lang`: a context added to an error cannot
/// be told apart from it later, so it is shown in the reader's language here.
fn failure(message: Message, err: impl Into<anyhow::Error>, lang: Lang) -> anyhow::Error {
    let err = err.into();
    let reason = crate::messages::render_error(&err, lang);
    anyhow::anyhow!("{}: {reason}", message.render(lang))
}

type Report = dyn Fn(&crate::diagnostics::Diagnostics) + Send + Sync;

/// Keeps the site in memory between rebuilds so a change re-renders only what it touches.
struct Builder {
    options: Options,
    session: Option<Session>,
    lang: Lang,
}

impl Builder {
    fn new(options: Options, lang: Lang) -> Builder {
        Builder {
            options,
            session: None,
            lang,
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
            .ok_or_else(|| Error::Environment(anyhow::Error::new(msg!("serve.not_loaded"))))
    }

    /// Applies `changed` (all of the site when empty) and publishes the result.
    fn rebuild(&mut self, state: &State, report: &Report, changed: &[PathBuf]) {
        let started = Instant::now();
        let root = &self.options.root;
        let lang = self.lang;
        let why = if changed.is_empty() {
            msg!("serve.why_start").render(lang)
        } else {
            changed
                .iter()
                .map(|p| shown_path(p.strip_prefix(root).unwrap_or(p)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let result = self.current(changed).and_then(|session| {
            session
                .rendered_unsorted()
                .map(|r| (r, session.base_path()))
        });
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
                    msg!("serve.warnings_note", warnings = warnings).render(lang)
                } else {
                    String::new()
                };
                let (ms, why) = (started.elapsed().as_millis(), format!("{why}{note}"));
                let rebuilt = msg!("serve.rebuilt", pages = pages, ms = ms, why = why);
                println!("{}", rebuilt.render(lang));
            }
            Err(Error::Content(problems)) => {
                report(&problems);
                state.fail(&problems);
                eprintln!("{}", msg!("serve.build_failed", why = &why).render(lang));
            }
            Err(Error::Environment(e)) => {
                self.session = None;
                // A message of the catalogue stays one, so it is shown like any other.
                let message = match e.downcast_ref::<Message>() {
                    Some(message) if e.chain().count() == 1 => message.clone(),
                    _ => {
                        let reason = crate::messages::render_error(&e, lang);
                        msg!("serve.environment_error", reason = reason)
                    }
                };
                let problems = crate::diagnostics::Diagnostic::error(CONFIG_FILE, message).into();
                report(&problems);
                state.fail(&problems);
            }
        }
    }
}

/// Refuses to serve a folder that is not a site, before binding anything.
pub fn check_root(root: &Path) -> Result<()> {
    if !root.join(CONFIG_FILE).is_file() {
        let root = shown_path(root);
        return Err(msg!("serve.no_site", file = CONFIG_FILE, root = root).into());
    }
    Ok(())
}
