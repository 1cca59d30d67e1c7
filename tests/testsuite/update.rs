//! The quarterly update screen of `serve --watch` (`/_update/`), driven over HTTP as a browser
//! (or an attacker) would: its safety rules each leave every file unchanged, and a save writes
//! exactly the cards that changed.

use crate::browser::free_port;
use crate::harness::{tree, Fixture};
use std::io::{Read, Write};
use std::process::{Child, Command, Stdio};

struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `serve --watch` of `site` on `interface`, its output to `stdout`, once it answers.
fn serve(site: &Fixture, interface: &str, stdout: Stdio) -> Server {
    let port = free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_pledgesite"))
        .args([
            "serve",
            "--watch",
            "--lang",
            "en",
            "--port",
            &port.to_string(),
        ])
        .args(["--interface", interface, "--root"])
        .arg(site.root())
        .stdout(stdout)
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let server = Server { child, port };
    for _ in 0..200 {
        if request(port, "GET", "/", &[], "").0 == 200 {
            return server;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    panic!("serve did not start");
}

/// (status, body) of one HTTP/1.1 request to 127.0.0.1:port with `headers` (Host is added
/// unless given).
fn request(
    port: u16,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> (u16, String) {
    let Ok(mut stream) = std::net::TcpStream::connect(("127.0.0.1", port)) else {
        return (0, String::new());
    };
    let mut text = format!("{method} {path} HTTP/1.1\r\nConnection: close\r\n");
    if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("host")) {
        text.push_str(&format!("Host: 127.0.0.1:{port}\r\n"));
    }
    for (k, v) in headers {
        text.push_str(&format!("{k}: {v}\r\n"));
    }
    if method == "POST" {
        if !headers
            .iter()
            .any(|(k, _)| k.eq_ignore_ascii_case("content-type"))
        {
            text.push_str("Content-Type: application/x-www-form-urlencoded\r\n");
        }
        text.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    text.push_str("\r\n");
    text.push_str(body);
    stream.write_all(text.as_bytes()).unwrap();
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let answer = String::from_utf8_lossy(&answer).to_string();
    let status = answer
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, answer)
}

fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The screen's form as loaded, field by field, with `change` applied.
fn form(page: &str, change: &[(&str, &str)]) -> String {
    let mut fields: Vec<(String, String)> = Vec::new();
    for input in page.split("<input ").skip(1) {
        let attr = |name: &str| {
            input
                .split_once(&format!("{name}=\""))
                .and_then(|(_, rest)| rest.split_once('"'))
                .map(|(v, _)| v.replace("&#x2f;", "/").replace("&amp;", "&"))
        };
        if let (Some(name), Some(value)) = (attr("name"), attr("value")) {
            fields.push((name, value));
        }
    }
    for select in page.split("<select name=\"").skip(1) {
        let name = select.split('"').next().unwrap().to_string();
        let body = select.split("</select>").next().unwrap();
        let chosen = body
            .split("<option ")
            .find(|o| o.contains(" selected"))
            .and_then(|o| o.split("value=\"").nth(1))
            .map(|v| v.split('"').next().unwrap().to_string())
            .unwrap_or_default();
        fields.push((name, chosen));
    }
    for (name, value) in change {
        match fields.iter_mut().find(|(n, _)| n == name) {
            Some(field) => field.1 = value.to_string(),
            None => fields.push((name.to_string(), value.to_string())),
        }
    }
    fields
        .iter()
        .map(|(n, v)| format!("{}={}", encode(n), encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// A served district sample, its screen's page, and the Origin its own page posts with.
fn screen() -> (Fixture, Server, String, String) {
    let site = Fixture::district();
    let server = serve(&site, "127.0.0.1", Stdio::null());
    let (status, page) = request(server.port, "GET", "/_update/", &[], "");
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("name=\"status[I-①-2]\""), "{page}");
    let origin = format!("http://127.0.0.1:{}", server.port);
    (site, server, page, origin)
}

const CARD: &str = "content/pledges/i-1-2-midlife-jobs/index.md";

/// One forged or foreign request: (what, headers, body).
type Attempt<'a> = (&'a str, Vec<(&'a str, &'a str)>, String);

#[test]
fn the_update_screen_refuses_any_request_not_from_its_own_page() {
    let (site, server, page, origin) = screen();
    let port = server.port;
    let before = tree(&site.path("content"));
    let good = form(&page, &[("progress[I-①-2]", "77")]);
    let attempts: Vec<Attempt> = vec![
        (
            "no token",
            vec![("Origin", origin.as_str())],
            good.replace("token=", "x="),
        ),
        (
            "wrong token",
            vec![("Origin", origin.as_str())],
            good.replace("token=", "token=0"),
        ),
        (
            "foreign origin",
            vec![("Origin", "http://evil.example")],
            good.clone(),
        ),
        ("no origin nor referer", vec![], good.clone()),
        (
            "rebinding host",
            vec![("Host", "evil.example"), ("Origin", "http://evil.example")],
            good.clone(),
        ),
    ];
    for (what, headers, body) in attempts {
        let (status, _) = request(port, "POST", "/_update/", &headers, &body);
        assert_eq!(status, 403, "{what}");
        assert_eq!(tree(&site.path("content")), before, "{what} wrote");
    }
    let (status, _) = request(port, "GET", "/_update/", &[("Host", "evil.example")], "");
    assert_eq!(status, 403, "a page for a rebinding host");
    // The other actions are guarded alike.
    for path in ["/_update/check", "/_update/quarter", "/_update/snapshot"] {
        let body = good.replace("token=", "x=");
        let (status, _) = request(port, "POST", path, &[("Origin", origin.as_str())], &body);
        assert_eq!(status, 403, "{path} without the token");
        let (status, _) = request(
            port,
            "POST",
            path,
            &[("Origin", "http://evil.example")],
            &good,
        );
        assert_eq!(status, 403, "{path} from another site");
    }
    assert_eq!(tree(&site.path("content")), before);
    // Its own page's Referer, without Origin, is its own.
    let referer = format!("{origin}/_update/");
    let (status, _) = request(
        port,
        "POST",
        "/_update/",
        &[("Referer", referer.as_str())],
        &good,
    );
    assert_eq!(status, 200);
}

#[test]
fn bad_values_are_refused_in_the_page_and_write_nothing() {
    let (site, server, page, origin) = screen();
    let before = tree(&site.path("content"));
    for (field, value, says) in [
        ("progress[I-①-2]", "150", "is outside 0–100"),
        ("status[I-①-2]", "보류", "needs a reason"),
        (
            "status[../../site.yaml]",
            "완료",
            "no pledge card has the number",
        ),
    ] {
        let body = form(&page, &[(field, value)]);
        let headers = [("Origin", origin.as_str())];
        let (status, answer) = request(server.port, "POST", "/_update/", &headers, &body);
        assert_eq!(status, 200, "{answer}");
        assert!(answer.contains(says), "{field}={value}: {answer}");
        assert_eq!(tree(&site.path("content")), before, "{field}={value} wrote");
    }
}

#[test]
fn a_save_writes_only_the_changed_card_and_never_over_one_changed_since() {
    let (site, server, page, origin) = screen();
    let port = server.port;
    let headers = [("Origin", origin.as_str())];
    let good = form(&page, &[("progress[I-①-2]", "77")]);
    // A card changed on disk after the page was loaded is not overwritten.
    let text = std::fs::read_to_string(site.path(CARD)).unwrap();
    site.write(CARD, format!("{text}\n"));
    let (_, answer) = request(port, "POST", "/_update/", &headers, &good);
    assert!(answer.contains("changed elsewhere"), "{answer}");
    assert_eq!(
        std::fs::read_to_string(site.path(CARD)).unwrap(),
        format!("{text}\n")
    );
    // From a fresh page: only that card's progress changes.
    let (_, page) = request(port, "GET", "/_update/", &[], "");
    let before = tree(&site.path("content"));
    let body = form(&page, &[("progress[I-①-2]", "77")]);
    let (status, answer) = request(port, "POST", "/_update/", &headers, &body);
    assert_eq!(status, 200);
    assert!(answer.contains("1 pledge cards written"), "{answer}");
    let after = tree(&site.path("content"));
    let changed: Vec<&String> = after
        .iter()
        .zip(&before)
        .filter(|(a, b)| a != b)
        .map(|(a, _)| &a.0)
        .collect();
    assert_eq!(changed, vec!["pledges/i-1-2-midlife-jobs/index.md"]);
    let card = std::fs::read_to_string(site.path(CARD)).unwrap();
    assert!(card.contains("\nprogress: 77\n"), "{card}");
}

#[test]
fn there_is_no_update_screen_off_the_loopback_address() {
    let site = Fixture::district();
    let log = site.root().parent().unwrap().join("serve.log");
    let stdout = std::fs::File::create(&log).unwrap();
    let server = serve(&site, "0.0.0.0", stdout.into());
    let (status, _) = request(server.port, "GET", "/_update/", &[], "");
    assert_eq!(status, 404);
    let banner = std::fs::read_to_string(&log).unwrap();
    assert!(
        banner.contains(
            "the quarterly update screen (/_update/) is served only on this computer's address"
        ),
        "{banner}"
    );
}

#[test]
fn a_new_quarter_and_its_record_start_from_the_screen() {
    let (site, server, page, origin) = screen();
    let token = hidden(&page, "token");
    let headers = [("Origin", origin.as_str())];
    let post = |path: &str, body: &str| request(server.port, "POST", path, &headers, body);
    // Without the token: refused, nothing moved.
    let (status, _) = post("/_update/quarter", "date=2026-06-30");
    assert_eq!(status, 403);
    let (status, answer) = post(
        "/_update/quarter",
        &format!("token={token}&date=2026-06-30"),
    );
    assert_eq!(status, 200);
    assert!(answer.contains("2026-03-31 → 2026-06-30"), "{answer}");
    let home = std::fs::read_to_string(site.path("content/_index.md")).unwrap();
    assert!(home.contains("as_of: 2026-06-30"), "{home}");
    assert!(site.path("data/snapshots/2026-03-31.csv").exists());
    let (_, answer) = post("/_update/snapshot", &format!("token={token}"));
    assert!(
        answer.contains("the report of 2026-06-30 is recorded"),
        "{answer}"
    );
    assert!(site.path("data/snapshots/2026-06-30.csv").exists());
}

/// The value of the page's first field `name` (the token, an upload's id).
fn hidden(page: &str, name: &str) -> String {
    page.split(&format!("name=\"{name}\" value=\""))
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_else(|| panic!("no field {name}"))
        .to_string()
}

/// A multipart body with `fields` and the file `sheet.csv`.
fn multipart(fields: &[(&str, &str)], file: Option<&str>) -> (String, String) {
    let boundary = "pledgesiteBoundary7MA4YWxk";
    let mut body = String::new();
    for (name, value) in fields {
        body.push_str(&format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
        ));
    }
    if let Some(csv) = file {
        body.push_str(&format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"sheet\"; filename=\"점검표.csv\"\r\nContent-Type: text/csv\r\n\r\n{csv}\r\n"
        ));
    }
    body.push_str(&format!("--{boundary}--\r\n"));
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// A post of `body` as `content_type` from `origin`.
fn post_as(port: u16, path: &str, origin: &str, content_type: &str, body: &str) -> (u16, String) {
    let headers = [("Origin", origin), ("Content-Type", content_type)];
    request(port, "POST", path, &headers, body)
}

#[test]
fn the_planning_offices_sheet_is_previewed_then_imported_from_the_screen() {
    let (site, server, page, origin) = screen();
    let token = hidden(&page, "token");
    let csv = "관리번호,추진상태,추진율(%),비고\nI-①-2,정상추진,85,\nV-①-2,정상추진,60,\n";
    let before = tree(&site.path("content"));
    let (kind, body) = multipart(&[("date", "2026-03-31")], Some(csv));
    let (status, _) = post_as(server.port, "/_update/import", &origin, &kind, &body);
    assert_eq!(status, 403, "without the token");
    let (kind, body) = multipart(&[("token", &token), ("date", "2026-03-31")], Some(csv));
    let (status, answer) = post_as(server.port, "/_update/import", &origin, &kind, &body);
    assert_eq!(status, 200, "{answer}");
    assert!(answer.contains("2 pledges change"), "{answer}");
    assert_eq!(tree(&site.path("content")), before, "a preview wrote");
    let upload = hidden(&answer, "upload");
    let (kind, body) = multipart(
        &[
            ("token", &token),
            ("upload", &upload),
            ("date", "2026-03-31"),
        ],
        None,
    );
    let (status, answer) = post_as(server.port, "/_update/import", &origin, &kind, &body);
    assert_eq!(status, 200, "{answer}");
    assert!(answer.contains("2 pledge cards written"), "{answer}");
    let card = std::fs::read_to_string(site.path(CARD)).unwrap();
    assert!(card.contains("\nprogress: 85\n"), "{card}");
}
