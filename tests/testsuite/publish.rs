//! Publishing without a developer: every workflow of this repository and every workflow `init`
//! writes passes zizmor (the GitHub Actions security linter) with no finding, and the install
//! script of action.yml installs a release archive only when it matches its checksum.

use crate::harness::{repo_root, stderr, stdout};
use std::path::Path;
use std::process::Command;

/// zizmor's verdict on `inputs`: its exit code is 0 only when it found nothing.
fn zizmor(inputs: &[&Path]) -> std::process::Output {
    Command::new("zizmor")
        .args(["--offline", "--no-progress", "--strict-collection"])
        .args(inputs)
        .output()
        .unwrap_or_else(|e| {
            panic!("zizmor runs ({e}); install it with `pip install zizmor` (see .ci/run)")
        })
}

#[test]
#[cfg_attr(not(zizmor_tests), ignore = "needs zizmor (`pip install zizmor`)")]
fn every_workflow_passes_zizmor() {
    let repo = repo_root();
    let dir = tempfile::tempdir().unwrap();
    let pledge = dir.path().join("pledge");
    let district = dir.path().join("district");
    use pledgesite::scaffold::{init_sample, Sample, DEFAULT_REPO};
    init_sample(&pledge, Sample::Pledge, DEFAULT_REPO).unwrap();
    init_sample(&district, Sample::District, "some-district/pledgesite").unwrap();
    for inputs in [
        vec![
            repo.join(".github/workflows/pages.yml"),
            repo.join(".github/workflows/release.yml"),
            repo.join("action.yml"),
        ],
        // A site made by `init` is audited as its own repository, with its zizmor.yml.
        vec![pledge.clone()],
        vec![district.clone()],
    ] {
        let paths: Vec<&Path> = inputs.iter().map(|p| p.as_path()).collect();
        let out = zizmor(&paths);
        assert!(
            out.status.success(),
            "zizmor {paths:?}:\n{}{}",
            stdout(&out),
            stderr(&out)
        );
        assert!(stdout(&out).contains("No findings"), "{}", stdout(&out));
    }
}

/// A release folder as the release workflow makes it: the archive and its `.sha256`.
fn release_folder(dir: &Path, target: &str) -> std::path::PathBuf {
    let release = dir.join("release");
    let stage = dir.join("stage");
    std::fs::create_dir_all(&release).unwrap();
    std::fs::create_dir_all(&stage).unwrap();
    std::fs::copy(env!("CARGO_BIN_EXE_pledgesite"), stage.join("pledgesite")).unwrap();
    let archive = format!("pledgesite-{target}.tar.gz");
    let tar = Command::new("tar")
        .arg("-czf")
        .arg(release.join(&archive))
        .arg("-C")
        .arg(&stage)
        .arg("pledgesite")
        .status()
        .unwrap();
    assert!(tar.success());
    let sum = Command::new("sha256sum")
        .arg(&archive)
        .current_dir(&release)
        .output()
        .unwrap();
    std::fs::write(
        release.join(format!("pledgesite-{target}.sha256")),
        sum.stdout,
    )
    .unwrap();
    release
}

fn install(release: &Path, dest: &Path, target: &str) -> std::process::Output {
    Command::new("bash")
        .arg(repo_root().join("scripts/install.sh"))
        .arg("install")
        .env("PLEDGESITE_VERSION", env!("CARGO_PKG_VERSION"))
        .env("PLEDGESITE_TARGET", target)
        .env(
            "PLEDGESITE_BASE_URL",
            format!("file://{}", release.display()),
        )
        .env("PLEDGESITE_DEST", dest)
        .output()
        .unwrap()
}

#[test]
fn the_install_script_installs_a_release_archive_that_matches_its_checksum() {
    let dir = tempfile::tempdir().unwrap();
    let target = "x86_64-unknown-linux-gnu";
    let release = release_folder(dir.path(), target);
    let dest = dir.path().join("tools/pledgesite");
    let out = install(&release, &dest, target);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    let version = Command::new(dest.join("pledgesite"))
        .arg("--version")
        .output()
        .unwrap();
    assert!(stdout(&version).contains(env!("CARGO_PKG_VERSION")));

    // A tampered archive (or a wrong checksum) installs nothing.
    let sums = release.join(format!("pledgesite-{target}.sha256"));
    let text = std::fs::read_to_string(&sums).unwrap();
    std::fs::write(&sums, format!("{}{}", "0".repeat(64), &text[64..])).unwrap();
    let other = dir.path().join("other");
    let out = install(&release, &other, target);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("does not match its published SHA-256 checksum"),
        "{}",
        stderr(&out)
    );
    assert!(!other.join("pledgesite").exists());

    // A missing release says which file it looked for.
    let out = install(&dir.path().join("nowhere"), &other, target);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("could not download"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_install_script_refuses_odd_versions_and_repositories() {
    let run = |version: &str, repo: &str| {
        Command::new("bash")
            .arg(repo_root().join("scripts/install.sh"))
            .arg("where")
            .env("PLEDGESITE_VERSION", version)
            .env("PLEDGESITE_REPOSITORY", repo)
            .env("RUNNER_OS", "Linux")
            .env("RUNNER_ARCH", "X64")
            .env("RUNNER_TOOL_CACHE", "/opt/hostedtoolcache")
            .output()
            .unwrap()
    };
    let ok = run("v0.1.0", "pledgesite/pledgesite");
    assert_eq!(
        stdout(&ok),
        "target=x86_64-unknown-linux-gnu\ndir=/opt/hostedtoolcache/pledgesite/0.1.0/x86_64-unknown-linux-gnu\n"
    );
    assert_eq!(
        run("0.1.0; rm -rf /", "pledgesite/pledgesite")
            .status
            .code(),
        Some(1)
    );
    assert_eq!(run("0.1.0", "../../etc").status.code(), Some(1));
}
