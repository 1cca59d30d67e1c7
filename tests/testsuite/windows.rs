//! The Windows program, as district staff run it: `pledgesite.exe` cross-built for
//! x86_64-pc-windows-gnu and run under Wine (`scripts/windows-exe.sh setup` and `build`, which
//! .ci/run does). Without the .exe or Wine these tests are reported as ignored; under CI=true
//! they always run.

use crate::harness::{copy_tree, repo_root, stderr, stdout, tree, Fixture};
use pledgesite::Options;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

fn exe() -> PathBuf {
    let exe = repo_root().join("target/x86_64-pc-windows-gnu/release/pledgesite.exe");
    assert!(
        exe.is_file(),
        "no {}: run `bash scripts/windows-exe.sh setup` and `bash scripts/windows-exe.sh build` (see .ci/run)",
        exe.display()
    );
    // An .exe older than the source would test yesterday's program.
    let built = std::fs::metadata(&exe).and_then(|m| m.modified()).unwrap();
    let newer = walkdir::WalkDir::new(repo_root().join("src"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .find(|e| {
            std::fs::metadata(e.path())
                .and_then(|m| m.modified())
                .is_ok_and(|t| t > built)
        });
    if let Some(source) = newer {
        panic!(
            "{} is newer than pledgesite.exe: run `bash scripts/windows-exe.sh build`",
            source.path().display()
        );
    }
    exe
}

fn wine_command() -> Command {
    let wine = ["/usr/lib/wine/wine64", "/usr/bin/wine64", "/usr/bin/wine"]
        .into_iter()
        .find(|w| Path::new(w).exists())
        .expect("Wine is installed (`bash scripts/windows-exe.sh setup`)");
    let mut command = Command::new(wine);
    command
        .arg(exe())
        .env("WINEDEBUG", "-all")
        .env("WINEPREFIX", "/tmp/pledgesite-wine");
    command
}

/// Runs pledgesite.exe with `args` under Wine.
fn wine(args: &[&str]) -> Output {
    wine_command().args(args).output().expect("wine runs")
}

/// The path as a Windows program sees it: Wine maps `/` to drive Z:.
fn win(path: &Path) -> String {
    format!("Z:{}", path.display()).replace('/', "\\")
}

/// A site with what Windows PCs make: nested folders, Hangul file and folder names, files
/// saved with CRLF line ends and a byte-order mark.
fn windows_like_site() -> Fixture {
    let site = Fixture::new("minimal");
    let bundle = "content/pledges/3-한글-공약";
    copy_tree(&site.path("content/pledges/2-library"), &site.path(bundle));
    let card = std::fs::read_to_string(site.path(&format!("{bundle}/index.md"))).unwrap();
    let card = card.replace("number: 2", "number: 3").replace('\n', "\r\n");
    site.write(&format!("{bundle}/index.md"), format!("\u{feff}{card}"));
    site.write(
        &format!("{bundle}/사진/현장 1.png"),
        b"\x89PNG\r\n\x1a\n not really a picture",
    );
    site.write(
        &format!("{bundle}/05-사진.md"),
        "\u{feff}---\r\ntitle: 현장 사진\r\n---\r\n![현장](사진/현장%201.png)\r\n\r\n[도서관](../2-library/)\r\n",
    );
    site
}

#[test]
#[cfg_attr(
    not(windows_tests),
    ignore = "needs pledgesite.exe and Wine (scripts/windows-exe.sh)"
)]
fn the_windows_build_is_byte_identical_to_the_linux_build() {
    for site in [Fixture::example(), windows_like_site()] {
        let linux_out = site.path("linux");
        let mut options = Options::new(site.root());
        options.output_dir = Some(linux_out.clone());
        pledgesite::build(&options).expect("the Linux build passes");
        let windows_out = site.path("windows");
        let out = wine(&[
            "build",
            "--root",
            &win(site.root()),
            "--output-dir",
            &win(&windows_out),
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let summary = stdout(&out);
        assert!(
            summary.contains(&format!("→ {}", win(&windows_out))),
            "{summary}"
        );
        assert!(
            !summary.contains(r"\\?\"),
            "a plain path, not a verbatim one: {summary}"
        );
        let (a, b) = (tree(&linux_out), tree(&windows_out));
        let names = |t: &[(String, Vec<u8>)]| t.iter().map(|f| f.0.clone()).collect::<Vec<_>>();
        assert_eq!(names(&a), names(&b));
        for (x, y) in a.iter().zip(&b) {
            assert!(x.1 == y.1, "{} differs between Linux and Windows", x.0);
        }
        // Paths became URLs with `/`, never `\`.
        for (name, bytes) in &b {
            if name.ends_with(".html") || name.ends_with(".xml") || name.ends_with(".json") {
                let text = String::from_utf8_lossy(bytes);
                for attr in ["href=\"", "src=\""] {
                    for part in text.split(attr).skip(1) {
                        let url = part.split('"').next().unwrap_or("");
                        assert!(!url.contains('\\'), "{name}: {attr}{url}");
                    }
                }
            }
        }
    }
}

#[test]
#[cfg_attr(
    not(windows_tests),
    ignore = "needs pledgesite.exe and Wine (scripts/windows-exe.sh)"
)]
fn check_says_the_same_on_windows() {
    let site = windows_like_site();
    let card = "content/pledges/1-clean-river/index.md";
    let text = std::fs::read_to_string(site.path(card)).unwrap();
    site.write(card, text.replace("status: 정상 추진", "status: 진행중"));
    // In Korean, as the site's staff read it (the site says `language: ko`).
    let linux = site.cli_in("ko", &["check"]);
    let windows = wine(&["check", "--root", &win(site.root())]);
    assert_eq!(linux.status.code(), Some(1));
    assert_eq!(windows.status.code(), linux.status.code());
    // The same messages; Windows shows its own path separator.
    let shown = |o: &Output| stderr(o).replace('\\', "/");
    assert_eq!(shown(&windows), shown(&linux));
    assert!(
        stderr(&windows).contains(r"content\pledges\1-clean-river\index.md"),
        "{}",
        stderr(&windows)
    );
    assert!(
        !stderr(&windows).contains("content/"),
        "one separator throughout: {}",
        stderr(&windows)
    );
    let missing = wine(&["check", "--root", r"Z:\nowhere\at\all"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(!stderr(&missing).contains(r"\\?\"), "{}", stderr(&missing));
}

#[test]
#[cfg_attr(
    not(windows_tests),
    ignore = "needs pledgesite.exe and Wine (scripts/windows-exe.sh)"
)]
fn init_and_new_pledge_take_windows_paths() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("우리구 사이트");
    let out = wine(&["init", &win(&site)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = wine(&["new", "pledge", "2-new", "--root", &win(&site)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(site.join("content/pledges/2-new/index.md").is_file());
    // What Windows wrote, Linux reads: the site builds.
    let report = pledgesite::build(&Options::new(&site)).expect("the new site builds");
    assert_eq!(report.site.pledges, 2);
}

/// `pledgesite.exe serve`, stopped when dropped.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn get(port: u16, path: &str) -> Option<String> {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .ok()?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut body = Vec::new();
    stream.read_to_end(&mut body).ok()?;
    Some(String::from_utf8_lossy(&body).into_owned())
}

/// `pledgesite.exe serve --watch` on `site` under Wine, its output to `stdout`, once it serves
/// the first pledge page.
fn serve(site: &Fixture, stdout: Stdio) -> (u16, Server) {
    let port = crate::browser::free_port();
    let server = Server(
        wine_command()
            .args([
                "serve",
                "--watch",
                "--port",
                &port.to_string(),
                "--root",
                &win(site.root()),
            ])
            .stdout(stdout)
            .stderr(Stdio::null())
            .spawn()
            .expect("wine runs"),
    );
    assert!(
        wait_for(port, "/pledges/1-clean-river/", "맑은 하천", 90),
        "serve starts under Wine"
    );
    (port, server)
}

/// Waits up to `seconds` for `path` to contain `text`.
fn wait_for(port: u16, path: &str, text: &str, seconds: u64) -> bool {
    let until = Instant::now() + Duration::from_secs(seconds);
    while Instant::now() < until {
        if get(port, path).is_some_and(|page| page.contains(text)) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    false
}

#[test]
#[cfg_attr(
    not(windows_tests),
    ignore = "needs pledgesite.exe and Wine (scripts/windows-exe.sh)"
)]
fn serve_watch_follows_a_windows_save_and_a_file_briefly_gone() {
    let site = windows_like_site();
    let banner = site.path("serve.log");
    let (port, server) = serve(&site, std::fs::File::create(&banner).unwrap().into());
    let page = "/pledges/1-clean-river/";
    // Saved as Windows editors do: the new text goes to a temporary file, which is then
    // renamed over the original.
    let section = site.path("content/pledges/1-clean-river/01-background.md");
    let text = std::fs::read_to_string(&section).unwrap();
    let temp = section.with_file_name("01-background.md.tmp1234");
    std::fs::write(&temp, format!("{text}\r\n윈도에서 저장한 문장\r\n")).unwrap();
    std::fs::rename(&temp, &section).unwrap();
    assert!(
        wait_for(port, page, "윈도에서 저장한 문장", 30),
        "the edit is served"
    );
    // A file gone for a moment (as while a program that holds it replaces it) leaves the page
    // without it; the server keeps running and shows it again once it is back. The Hangul
    // bundle's photo section, which no other page links into.
    let page = "/pledges/3-%ED%95%9C%EA%B8%80-%EA%B3%B5%EC%95%BD/";
    assert!(wait_for(port, page, "현장 사진", 10));
    let photos = site.path("content/pledges/3-한글-공약/05-사진.md");
    let saved = std::fs::read(&photos).unwrap();
    std::fs::remove_file(&photos).unwrap();
    let until = Instant::now() + Duration::from_secs(30);
    while get(port, page).is_some_and(|p| p.contains("현장 사진")) {
        assert!(
            Instant::now() < until,
            "the removed section leaves the page"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    assert!(
        wait_for(port, page, "3-한글-공약", 5) || wait_for(port, page, "<h1>", 5),
        "still serving"
    );
    std::fs::write(&photos, saved).unwrap();
    assert!(wait_for(port, page, "현장 사진", 30), "serve recovers");
    drop(server);
    let banner = std::fs::read_to_string(banner).unwrap();
    assert!(
        banner.contains(&format!(
            "{} 사이트를 http://127.0.0.1:{port}/ 에서 보여 주고 있습니다",
            win(site.root())
        )),
        "{banner}"
    );
    assert!(
        !banner.contains(r"\\?\"),
        "a plain path, not a verbatim one: {banner}"
    );
}

/// Starts `hold.exe FILE MS` under the same Wine as pledgesite.exe, and returns once it holds
/// the file locked (no sharing) as a Windows program saving it would.
fn hold(file: &Path, millis: u32) -> Child {
    let hold = exe().with_file_name("hold.exe");
    let wine = wine_command().get_program().to_owned();
    let mut child = Command::new(wine)
        .arg(hold)
        .arg(win(file))
        .arg(millis.to_string())
        .env("WINEDEBUG", "-all")
        .env("WINEPREFIX", "/tmp/pledgesite-wine")
        .stdout(Stdio::piped())
        .spawn()
        .expect("wine runs hold.exe");
    let mut line = String::new();
    let stdout = child.stdout.take().unwrap();
    std::io::BufRead::read_line(&mut std::io::BufReader::new(stdout), &mut line).unwrap();
    assert_eq!(line.trim(), "held", "hold.exe holds the file");
    child
}

#[test]
#[cfg_attr(
    not(windows_tests),
    ignore = "needs pledgesite.exe and Wine (scripts/windows-exe.sh)"
)]
fn serve_watch_reads_a_file_once_another_program_lets_go_of_it() {
    let site = windows_like_site();
    let (port, _server) = serve(&site, Stdio::null());
    let page = "/pledges/1-clean-river/";
    let section = site.path("content/pledges/1-clean-river/01-background.md");
    let text = std::fs::read_to_string(&section).unwrap();
    // While a Windows program holds the file (1.2 s), it changes: serve's first read meets a
    // sharing violation, waits, and reads it once the file is let go.
    let mut holder = hold(&section, 1200);
    std::fs::write(
        &section,
        format!("{text}\r\n잠겨 있던 사이에 바뀐 문장\r\n"),
    )
    .unwrap();
    assert!(
        wait_for(port, page, "잠겨 있던 사이에 바뀐 문장", 30),
        "the change is served once the file is free"
    );
    assert!(holder.wait().unwrap().success());
}

#[test]
#[cfg_attr(
    not(windows_tests),
    ignore = "needs pledgesite.exe and Wine (scripts/windows-exe.sh)"
)]
fn a_file_held_too_long_by_another_program_is_named_with_what_to_do() {
    let site = windows_like_site();
    let card = site.path("content/pledges/1-clean-river/index.md");
    let mut holder = hold(&card, 5000);
    let out = wine(&["check", "--root", &win(site.root())]);
    assert_eq!(out.status.code(), Some(1));
    let text = stderr(&out);
    assert!(
        text.contains(
            r"content\pledges\1-clean-river\index.md: 오류: 파일을 읽을 수 없습니다: 다른 프로그램이 파일을 쓰고 있습니다"
        ),
        "{text}"
    );
    assert!(
        text.contains("다른 프로그램(예: Excel)이 파일을 열고 있습니다"),
        "{text}"
    );
    assert!(holder.wait().unwrap().success());
}
