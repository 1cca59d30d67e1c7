//! `/_update/`: the quarterly update screen of `serve --watch` — every pledge of the site's
//! reporting date in one form, checked by `check`'s rules, saved to the cards (`crate::update`).
//! It writes files, so it is served only on a loopback address, and a save needs the run's
//! random token (in the page, not a cookie), a `Host` that is this server (DNS rebinding) and
//! an `Origin` (else `Referer`) that is this server (cross-site posts). The watcher then
//! rebuilds the site and open pages reload as after any edit.

use crate::messages::Lang;
use crate::update;
use crate::Options;
use axum::extract::State as Shared;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Form, Router};
use std::collections::BTreeMap;
use std::sync::Arc;

pub const PATH: &str = "/_update/";

pub struct Update {
    pub options: Options,
    pub port: u16,
    pub lang: Lang,
    token: String,
    /// Sheets uploaded for a preview, by id, until they are applied.
    sheets: std::sync::Mutex<BTreeMap<String, std::path::PathBuf>>,
}

impl Update {
    pub fn new(options: Options, port: u16, lang: Lang) -> Update {
        Update {
            options,
            port,
            lang,
            token: token(),
            sheets: std::sync::Mutex::default(),
        }
    }
}

/// 128 random bits from the system, as hex.
fn token() -> String {
    let mut bytes = [0u8; 16];
    // Without randomness there is no screen: an empty token matches no request.
    if getrandom::fill(&mut bytes).is_err() {
        return String::new();
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn routes(update: Arc<Update>) -> Router {
    Router::new()
        .route(PATH, get(show).post(save))
        .route("/_update/quarter", axum::routing::post(quarter))
        .route("/_update/snapshot", axum::routing::post(snapshot))
        .route("/_update/import", axum::routing::post(import_sheet))
        .route("/_update/check", axum::routing::post(check_draft))
        .with_state(update)
}

/// What a post asks the screen to do.
enum Action {
    Show,
    Save(Vec<(String, String)>),
    /// The posted values checked and figured, nothing written (the page's script asks).
    Check(Vec<(String, String)>),
    Quarter(String),
    Snapshot,
    /// A sheet's preview (`dry_run`) or its import, with the date given.
    Import {
        id: String,
        date: Option<String>,
        apply: bool,
    },
}

/// The planning office's sheet, uploaded: first a preview (nothing written), then, on
/// "apply", the same import `pledgesite import` does.
async fn import_sheet(
    Shared(update): Shared<Arc<Update>>,
    headers: HeaderMap,
    mut form: axum::extract::Multipart,
) -> Response {
    if refusal(&headers, update.port, true).is_some() {
        return refused(update.lang);
    }
    let mut fields: Vec<(String, String)> = Vec::new();
    let mut file: Option<(String, Vec<u8>)> = None;
    while let Ok(Some(field)) = form.next_field().await {
        let name = field.name().unwrap_or("").to_string();
        if name == "sheet" {
            let extension = field
                .file_name()
                .and_then(|n| n.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()))
                .filter(|e| ["xlsx", "xls", "ods", "csv"].contains(&e.as_str()))
                .unwrap_or_else(|| "xlsx".into());
            match field.bytes().await {
                Ok(bytes) => file = Some((extension, bytes.to_vec())),
                Err(_) => return refused(update.lang),
            }
        } else if let Ok(text) = field.text().await {
            fields.push((name, text));
        }
    }
    if !allowed(&update, &headers, &fields) {
        return refused(update.lang);
    }
    let value = |key: &str| {
        fields
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    let date = value("date");
    let (id, apply) = match (file, value("upload")) {
        (Some((extension, bytes)), _) => {
            let id = token();
            let dir = std::env::temp_dir().join(format!("pledgesite-sheet-{id}"));
            let path = dir.join(format!("sheet.{extension}"));
            if std::fs::create_dir_all(&dir)
                .and_then(|()| std::fs::write(&path, bytes))
                .is_err()
            {
                return (StatusCode::INSUFFICIENT_STORAGE, "").into_response();
            }
            update
                .sheets
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(id.clone(), path);
            (id, false)
        }
        (None, Some(id)) => (id, true),
        (None, None) => return refused(update.lang),
    };
    run(move || page(&update, Action::Import { id, date, apply })).await
}

/// The addresses this server answers as: what `Host` and `Origin` must name.
fn own_hosts(port: u16) -> [String; 3] {
    [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("[::1]:{port}"),
    ]
}

/// Why a request is refused, if it is.
pub fn refusal(headers: &HeaderMap, port: u16, posting: bool) -> Option<&'static str> {
    let hosts = own_hosts(port);
    let value = |name| headers.get(name).and_then(|v| v.to_str().ok());
    if !value(header::HOST).is_some_and(|h| hosts.iter().any(|o| o == h)) {
        return Some("host");
    }
    if !posting {
        return None;
    }
    let from_here = |url: &str, exact: bool| {
        hosts.iter().any(|h| {
            let own = format!("http://{h}");
            if exact {
                url == own
            } else {
                url == own || url.starts_with(&format!("{own}/"))
            }
        })
    };
    match (value(header::ORIGIN), value(header::REFERER)) {
        (Some(origin), _) if from_here(origin, true) => None,
        (None, Some(referer)) if from_here(referer, false) => None,
        _ => Some("origin"),
    }
}

fn refused(lang: Lang) -> Response {
    let text = msg!("update.refused").render(lang);
    (StatusCode::FORBIDDEN, text).into_response()
}

async fn show(Shared(update): Shared<Arc<Update>>, headers: HeaderMap) -> Response {
    if refusal(&headers, update.port, false).is_some() {
        return refused(update.lang);
    }
    let update = Arc::clone(&update);
    run(move || page(&update, Action::Show)).await
}

/// A post from the screen's own page: the token it carries and where it comes from.
fn allowed(update: &Update, headers: &HeaderMap, fields: &[(String, String)]) -> bool {
    let given = fields.iter().find(|(k, _)| k == "token").map(|(_, v)| v);
    refusal(headers, update.port, true).is_none()
        && !update.token.is_empty()
        && given == Some(&update.token)
}

async fn save(
    Shared(update): Shared<Arc<Update>>,
    headers: HeaderMap,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    act(update, headers, fields, Action::Save).await
}

async fn check_draft(
    Shared(update): Shared<Arc<Update>>,
    headers: HeaderMap,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    act(update, headers, fields, Action::Check).await
}

async fn quarter(
    Shared(update): Shared<Arc<Update>>,
    headers: HeaderMap,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let date = fields
        .iter()
        .find(|(k, _)| k == "date")
        .map(|(_, v)| v.trim().to_string())
        .unwrap_or_default();
    act(update, headers, fields, move |_| Action::Quarter(date)).await
}

async fn snapshot(
    Shared(update): Shared<Arc<Update>>,
    headers: HeaderMap,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    act(update, headers, fields, |_| Action::Snapshot).await
}

async fn act(
    update: Arc<Update>,
    headers: HeaderMap,
    fields: Vec<(String, String)>,
    action: impl FnOnce(Vec<(String, String)>) -> Action + Send + 'static,
) -> Response {
    if !allowed(&update, &headers, &fields) {
        return refused(update.lang);
    }
    run(move || page(&update, action(fields))).await
}

/// Loading and writing the site happen off the server's threads.
async fn run(work: impl FnOnce() -> Result<String, String> + Send + 'static) -> Response {
    match tokio::task::spawn_blocking(work).await {
        Ok(Ok(html)) => Html(html).into_response(),
        Ok(Err(text)) => (StatusCode::UNPROCESSABLE_ENTITY, text).into_response(),
        Err(_) => (StatusCode::SERVICE_UNAVAILABLE, "").into_response(),
    }
}

/// The screen, after doing what `action` asks: what was written and what is left.
fn page(update: &Update, action: Action) -> Result<String, String> {
    let lang = update.lang;
    let fail = |e: crate::Error| match e {
        crate::Error::Content(d) => d.to_text(lang),
        crate::Error::Environment(e) => crate::messages::render_error(&e, lang),
    };
    let root = &update.options.root;
    let notice = command(update, &action)?;
    let session = crate::session::Session::load(&update.options).map_err(fail)?;
    let (site, config) = (session.site(), session.config());
    let (term, _) = crate::validate::term(config);
    let mut written = None;
    let mut drafts = update::drafts_of(site);
    let mut conflicts = BTreeMap::new();
    // The site's rules are run once: on the cards as they are, the posted draft, or the save.
    let problems = match &action {
        Action::Check(fields) => {
            let pairs = fields.iter().map(|(k, v)| (k.as_str(), v.as_str()));
            drafts.extend(update::drafts_from_form(pairs));
            update::check(site, term.as_ref(), config, &drafts)
        }
        Action::Save(fields) => {
            let pairs = || fields.iter().map(|(k, v)| (k.as_str(), v.as_str()));
            let posted = update::drafts_from_form(pairs());
            let versions = update::versions_from_form(pairs());
            let saved = update::save(root, site, term.as_ref(), config, &posted, &versions)
                .map_err(fail)?;
            // Every row shows what was typed: written, or kept beside its problems.
            drafts.extend(posted);
            conflicts = saved.conflicts;
            written = Some(saved.written);
            saved.problems
        }
        _ => update::check(site, term.as_ref(), config, &drafts),
    };
    let versions = update::versions(root, site);
    let figures = update::figures(site, config, &drafts);
    Ok(super::update_page::html(&super::update_page::Screen {
        site,
        figures: &figures,
        drafts: &drafts,
        problems: &problems,
        conflicts: &conflicts,
        versions: &versions,
        token: &update.token,
        written: written.as_deref(),
        notice: notice.as_deref(),
        apply: match &action {
            Action::Import {
                id,
                date,
                apply: false,
            } => Some((id.as_str(), date.as_deref())),
            _ => None,
        },
        lang,
    }))
}

/// The command an action runs (`quarter`, `snapshot`, `import`), and what it said, shown at the
/// top of the screen; `None` for showing and saving.
fn command(update: &Update, action: &Action) -> Result<Option<String>, String> {
    let lang = update.lang;
    let fail = |e: crate::Error| match e {
        crate::Error::Content(d) => d.to_text(lang),
        crate::Error::Environment(e) => crate::messages::render_error(&e, lang),
    };
    let notice = match action {
        Action::Quarter(date) => Some(match crate::term::quarter::start(&update.options, date) {
            Ok(started) => msg!(
                "update.quarter_done",
                from = &started.from,
                to = &started.to
            )
            .render(lang),
            Err(e) => fail(e),
        }),
        Action::Snapshot => Some(match crate::snapshot::record(&update.options, false) {
            Ok(done) => msg!(
                "update.snapshot_done",
                date = &done.date,
                file = crate::diagnostics::shown_path(&done.path)
            )
            .render(lang),
            Err(e) => fail(e),
        }),
        Action::Import { id, date, apply } => {
            let sheet = update
                .sheets
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .get(id)
                .cloned();
            let Some(sheet) = sheet else {
                return Err(msg!("update.sheet_gone").render(lang));
            };
            let request = crate::term::import::Request {
                sheet,
                date: date.clone(),
                sheet_name: None,
                dry_run: !apply,
            };
            Some(match crate::term::import::run(&update.options, &request) {
                Ok(imported) => {
                    if *apply {
                        // Imported: its copy is no longer needed.
                        let mut sheets = update.sheets.lock().unwrap_or_else(|e| e.into_inner());
                        if let Some(dir) = sheets.remove(id).as_deref().and_then(|p| p.parent()) {
                            let _ = std::fs::remove_dir_all(dir);
                        }
                    }
                    super::update_page::imported_text(&imported, lang)
                }
                Err(e) => fail(e),
            })
        }
        _ => None,
    };
    Ok(notice)
}
