//! HTTP for the dev server (axum): the built site from memory, live-reload events, and the
//! injected script. Requests are looked up in the in-memory file map only, so no request path
//! can reach the disk outside the built site (`..`, `%2e%2e`, backslashes, symlinks).

use super::state::{Notice, State};
use crate::messages::Lang;
use crate::output::{Contents, OutputFile};
use axum::body::Body;
use axum::extract::State as Shared;
use axum::http::{header, HeaderValue, Response, StatusCode, Uri};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use std::convert::Infallible;
use std::sync::Arc;
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::{Stream, StreamExt};

const LIVE_JS: &str = include_str!("live.js");
const SCRIPT_TAG: &str = "<script src=\"/__pledgesite/live.js\" defer></script>";

pub fn router(state: Arc<State>, live: bool) -> Router {
    let mut router = Router::new();
    if live {
        router = router
            .route("/__pledgesite/events", get(events))
            .route("/__pledgesite/live.js", get(live_js));
    }
    router
        .fallback(
            move |Shared(state): Shared<Arc<State>>, uri: Uri| async move {
                serve_file(state, uri, live).await
            },
        )
        .with_state(state)
}

async fn live_js() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        LIVE_JS,
    )
}

async fn events(
    Shared(state): Shared<Arc<State>>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    // A page opened while the content is broken gets the overlay straight away.
    let current = match state.problems() {
        Some(json) => Event::default().event("error").data(json),
        None => Event::default().event("ok").data("ok"),
    };
    let updates = BroadcastStream::new(state.subscribe()).filter_map(|notice| {
        let event = match notice.ok()? {
            Notice::Reload => Event::default().event("reload").data("reload"),
            Notice::Css => Event::default().event("css").data("css"),
            Notice::Failed(json) => Event::default().event("error").data(json),
            Notice::Ok => Event::default().event("ok").data("ok"),
        };
        Some(Ok(event))
    });
    let stream = tokio_stream::once(Ok(current)).chain(updates);
    Sse::new(stream).keep_alive(KeepAlive::default())
}

/// The site path a request names, or None when it is not a clean path inside the site.
pub fn site_path(raw: &str, base_path: &str) -> Option<String> {
    let decoded = crate::slug::percent_decode(raw)?;
    if decoded.contains('\\') || decoded.contains('\0') {
        return None;
    }
    let rest = decoded.strip_prefix(base_path.trim_end_matches('/'))?;
    let rest = match rest.strip_prefix('/') {
        Some(rest) => rest,
        None if rest.is_empty() => "",
        None => return None,
    };
    let clean = rest
        .split('/')
        .all(|segment| segment != ".." && segment != ".");
    clean.then(|| rest.to_string())
}

async fn serve_file(state: Arc<State>, uri: Uri, live: bool) -> Response<Body> {
    let site = state.site();
    let base = site.base_path.clone();
    if uri.path() == "/" && base != "/" {
        return redirect(&base);
    }
    let Some(path) = site_path(uri.path(), &base) else {
        return not_found(&site.files, live, state.lang()).await;
    };
    let found = if path.is_empty() || path.ends_with('/') {
        site.files.get(&format!("{path}index.html"))
    } else {
        site.files.get(&path)
    };
    if found.is_none() && site.files.contains_key(&format!("{path}/index.html")) {
        return redirect(&format!("{}/", uri.path()));
    }
    match found {
        Some(file) => respond(file, StatusCode::OK, live).await,
        None => not_found(&site.files, live, state.lang()).await,
    }
}

fn redirect(to: &str) -> Response<Body> {
    let mut response = Response::new(Body::empty());
    *response.status_mut() = StatusCode::MOVED_PERMANENTLY;
    if let Ok(value) = HeaderValue::from_str(to) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

async fn not_found(
    files: &std::collections::HashMap<String, OutputFile>,
    live: bool,
    lang: Lang,
) -> Response<Body> {
    match files.get("404.html") {
        Some(page) => respond(page, StatusCode::NOT_FOUND, live).await,
        // No good build yet: a page that can show the error overlay and recover.
        None if files.is_empty() => {
            let code = match lang {
                Lang::Ko => "ko",
                Lang::En => "en",
            };
            let text = msg!("serve.not_built").render(lang);
            let page = OutputFile::bytes(
                "index.html",
                format!("<!doctype html><html lang=\"{code}\"><meta charset=\"utf-8\"><title>pledgesite</title><body><p>{text}</p></body></html>"),
            );
            respond(&page, StatusCode::SERVICE_UNAVAILABLE, live).await
        }
        None => (StatusCode::NOT_FOUND, "404 Not Found").into_response(),
    }
}

async fn respond(file: &OutputFile, status: StatusCode, live: bool) -> Response<Body> {
    let bytes = match &file.contents {
        Contents::Bytes(bytes) => bytes.to_vec(),
        Contents::Copy(source) => match tokio::fs::read(source).await {
            Ok(bytes) => bytes,
            Err(_) => return (StatusCode::NOT_FOUND, "404 Not Found").into_response(),
        },
    };
    let mime = mime_guess::from_path(&file.path).first_or_octet_stream();
    let textual = mime.type_() == "text"
        || matches!(
            mime.subtype().as_str(),
            "javascript" | "json" | "xml" | "svg"
        );
    let content_type = if textual {
        format!("{mime}; charset=utf-8")
    } else {
        mime.to_string()
    };
    let body = if live && file.path.ends_with(".html") {
        inject(bytes)
    } else {
        bytes
    };
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&content_type) {
        headers.insert(header::CONTENT_TYPE, value);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Adds the live-reload script before `</body>`; `build` never writes it.
fn inject(html: Vec<u8>) -> Vec<u8> {
    let text = String::from_utf8_lossy(&html);
    match text.rfind("</body>") {
        Some(at) => format!("{}{SCRIPT_TAG}{}", &text[..at], &text[at..]).into_bytes(),
        None => format!("{text}{SCRIPT_TAG}").into_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use super::site_path;

    #[test]
    fn request_paths_stay_inside_the_site() {
        assert_eq!(site_path("/", "/").as_deref(), Some(""));
        assert_eq!(site_path("/pledges/a/", "/").as_deref(), Some("pledges/a/"));
        assert_eq!(
            site_path("/repo/pledges/a/", "/repo/").as_deref(),
            Some("pledges/a/")
        );
        assert_eq!(
            site_path("/areas/%EB%AC%B8%ED%99%94/", "/").as_deref(),
            Some("areas/문화/")
        );
        assert_eq!(site_path("/repository/x", "/repo/"), None);
        assert_eq!(site_path("/../etc/passwd", "/"), None);
        assert_eq!(site_path("/%2e%2e/etc/passwd", "/"), None);
        assert_eq!(site_path("/a/%2E%2E/%2e%2e/x", "/"), None);
        assert_eq!(site_path("/..%5c..%5cwindows", "/"), None);
        assert_eq!(site_path("/a\\b", "/"), None);
        assert_eq!(site_path("/%ZZ", "/"), None);
    }
}
