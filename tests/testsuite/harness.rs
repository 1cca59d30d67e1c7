//! Fixture sites copied into a temporary folder with the repository's default theme, built
//! through the library or the real binary.

use pledgesite::{BuildReport, Error, Options};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use tempfile::TempDir;
use walkdir::WalkDir;

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn copy_tree(from: &Path, to: &Path) {
    for entry in WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

pub struct Fixture {
    _dir: TempDir,
    root: PathBuf,
}

impl Fixture {
    /// `tests/fixtures/<name>` with `themes/default` from the repository.
    pub fn new(name: &str) -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        copy_tree(&repo_root().join("tests/fixtures").join(name), &root);
        copy_tree(
            &repo_root().join("themes/default"),
            &root.join("themes/default"),
        );
        Fixture { _dir: dir, root }
    }

    /// The repository's own example site (site.yaml, content/, themes/).
    pub fn example() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        std::fs::create_dir_all(&root).unwrap();
        std::fs::copy(repo_root().join("site.yaml"), root.join("site.yaml")).unwrap();
        copy_tree(&repo_root().join("content"), &root.join("content"));
        copy_tree(&repo_root().join("data"), &root.join("data"));
        copy_tree(&repo_root().join("themes"), &root.join("themes"));
        Fixture { _dir: dir, root }
    }

    /// The fictional district 예시구 as `init --sample district` makes it.
    pub fn district() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("예시구");
        pledgesite::scaffold::init_sample(
            &root,
            pledgesite::scaffold::Sample::District,
            pledgesite::scaffold::DEFAULT_REPO,
        )
        .unwrap();
        Fixture { _dir: dir, root }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
    }

    pub fn remove(&self, rel: &str) {
        let path = self.path(rel);
        if path.is_dir() {
            std::fs::remove_dir_all(path).unwrap();
        } else {
            std::fs::remove_file(path).unwrap();
        }
    }

    pub fn build(&self) -> Result<BuildReport, Error> {
        pledgesite::build(&Options::new(&self.root))
    }

    pub fn build_ok(&self) -> BuildReport {
        match self.build() {
            Ok(report) => report,
            Err(Error::Content(d)) => panic!("build failed:\n{d}"),
            Err(Error::Environment(e)) => panic!("build failed: {e:#}"),
        }
    }

    /// Runs the real binary with `args`, then `--root <site>`, its messages in English (the
    /// tests written before messages were translated read them in English; `cli_in` chooses).
    pub fn cli(&self, args: &[&str]) -> Output {
        self.cli_in("en", args)
    }

    /// Runs the real binary with `args`, `--root <site>` and `--lang <lang>`.
    pub fn cli_in(&self, lang: &str, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_pledgesite"))
            .args(args)
            .arg("--root")
            .arg(&self.root)
            .args(["--lang", lang])
            // The chart cache in the fixture's own folder, not the user's.
            .env("PLEDGESITE_CACHE_DIR", self._dir.path().join("cache"))
            .output()
            .unwrap()
    }

    pub fn output(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root.join("public").join(rel))
            .unwrap_or_else(|e| panic!("public/{rel}: {e}"))
    }
}

/// The `<main>` element of a page: what snapshots compare, so an edit to the layout around
/// it (base.html) does not change every page's snapshot.
pub fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("the page has a <main>");
    let end = html.rfind("</main>").expect("the page closes its <main>") + "</main>".len();
    &html[start..end]
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Every file under `dir`, relative, sorted, with its bytes.
pub fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect();
    files.sort();
    files
}
