//! Tells the test suite which of its outside tools are here: the browser tests
//! (`cfg(browser_tests)`: Debian's chromium and the npm packages of tests/e2e) and the workflow
//! audit (`cfg(zizmor_tests)`: zizmor from PyPI) and the Windows program under Wine
//! (`cfg(windows_tests)`: scripts/windows-exe.sh). Without them those tests are reported as
//! ignored, never as passed. Under CI=true they always run, so a missing tool fails the run
//! with a message saying what to install.

fn main() {
    source_hash();
    catalogue();
    println!("cargo::rustc-check-cfg=cfg(browser_tests)");
    println!("cargo::rustc-check-cfg=cfg(zizmor_tests)");
    println!("cargo::rustc-check-cfg=cfg(windows_tests)");
    println!("cargo::rerun-if-changed=target/x86_64-pc-windows-gnu/release/pledgesite.exe");
    println!("cargo::rerun-if-env-changed=PATH");
    println!("cargo::rerun-if-env-changed=CI");
    println!("cargo::rerun-if-env-changed=CHROMIUM");
    // The folder's time changes when `npm ci` creates node_modules in it.
    println!("cargo::rerun-if-changed=tests/e2e");
    println!("cargo::rerun-if-changed=build.rs");
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let ready = std::path::Path::new("tests/e2e/node_modules/playwright-core").is_dir()
        && std::path::Path::new(&chromium).exists();
    let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false");
    if ready || ci {
        println!("cargo::rustc-cfg=browser_tests");
    }
    let on_path = |tool: &str| {
        std::env::var_os("PATH")
            .is_some_and(|p| std::env::split_paths(&p).any(|dir| dir.join(tool).is_file()))
    };
    if on_path("zizmor") || ci {
        println!("cargo::rustc-cfg=zizmor_tests");
    }
    let exe = std::path::Path::new("target/x86_64-pc-windows-gnu/release/pledgesite.exe");
    let wine = ["/usr/lib/wine/wine64", "/usr/bin/wine64", "/usr/bin/wine"]
        .iter()
        .any(|w| std::path::Path::new(w).exists());
    if (exe.is_file() && wine) || ci {
        println!("cargo::rustc-cfg=windows_tests");
    }
}

/// The messages' catalogue (src/messages/*.yaml, a translator's files) turned into a Rust table
/// of `(key, ko, en)` sorted by key, so the program never parses YAML to speak: a broken
/// catalogue, a key twice or a language missing fails the build, naming the file.
fn catalogue() {
    use std::collections::BTreeMap;
    let dir = std::path::Path::new("src/messages");
    println!("cargo::rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("src/messages")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    let mut entries: BTreeMap<String, (String, String, String)> = BTreeMap::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("catalogue file");
        let parsed: BTreeMap<String, BTreeMap<String, String>> =
            serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        for (key, texts) in parsed {
            let text_in = |lang: &str| {
                texts
                    .get(lang)
                    .cloned()
                    .unwrap_or_else(|| panic!("{}: {key} has no `{lang}`", file.display()))
            };
            let entry = (text_in("ko"), text_in("en"), file.display().to_string());
            if let Some(first) = entries.insert(key.clone(), entry) {
                panic!("{}: {key} is in {} already", file.display(), first.2);
            }
        }
    }
    let mut out = format!(
        "/// Every message: (key, Korean, English), sorted by key. Made by build.rs.\n\
         pub(super) static ENTRIES: [(&str, &str, &str); {}] = [\n",
        entries.len()
    );
    for (key, (ko, en, _)) in &entries {
        out.push_str(&format!("    ({key:?}, {ko:?}, {en:?}),\n"));
    }
    out.push_str("];\n");
    let out_dir = std::env::var("OUT_DIR").expect("OUT_DIR");
    std::fs::write(std::path::Path::new(&out_dir).join("catalogue.rs"), out)
        .expect("write catalogue.rs");
}

/// A hash of the program's source (and the fonts it embeds), so the chart cache made by one
/// build is never taken for another's even when the version number is the same.
fn source_hash() {
    use std::hash::{Hash, Hasher};
    fn walk(dir: &std::path::Path, files: &mut Vec<std::path::PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, files);
            } else {
                files.push(path);
            }
        }
    }
    let mut files = Vec::new();
    for dir in ["src", "assets"] {
        println!("cargo::rerun-if-changed={dir}");
        walk(std::path::Path::new(dir), &mut files);
    }
    files.sort();
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for file in files {
        file.hash(&mut hasher);
        std::fs::read(&file).unwrap_or_default().hash(&mut hasher);
    }
    println!(
        "cargo::rustc-env=PLEDGESITE_SOURCE_HASH={:016x}",
        hasher.finish()
    );
}
