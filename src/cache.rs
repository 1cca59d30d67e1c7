//! Work kept between builds: values (lists of strings) by a 128-bit key of what made them, one
//! file per site and kind in a folder outside the site (the system's cache folder, or
//! `PLEDGESITE_CACHE_DIR`): never uploaded with the site, deleted freely (the next build does
//! the work again), and ignored when it is unreadable or from another build of the program.
//! Only `build` saves; `check` and `serve` read. The chart cache (`chart::cache`) and the
//! parsed YAML (`yaml::parse_kept`) are kept this way.

use crate::hash::Key128;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Changes with every build of the program, and whenever the file layout changes.
const MAGIC: &str = concat!(
    "pledgesite-cache-2 ",
    env!("CARGO_PKG_VERSION"),
    " ",
    env!("PLEDGESITE_SOURCE_HASH"),
    "\n"
);

#[derive(Default)]
pub struct Store {
    file: Option<PathBuf>,
    /// What the file held when opened.
    loaded: HashMap<u128, Vec<String>>,
    /// What this run took from `loaded`, and what it made anew: what `save` writes, so the
    /// file never grows beyond one site's values.
    used: Mutex<Used>,
}

/// The keys taken from the file, and the values made anew.
type Used = (HashSet<u128>, HashMap<u128, Vec<String>>);

impl Store {
    /// No store: nothing is kept.
    pub fn none() -> Store {
        Store::default()
    }

    /// The `kind` values of the site at `root`, kept in `dir`, as the last `build` saved them.
    pub fn open(dir: &Path, root: &Path, kind: &str) -> Store {
        let root = dunce::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        let mut site = Key128::default();
        site.add(root.as_os_str().as_encoded_bytes());
        let file = dir.join(format!("{kind}-{:016x}.bin", site.finish() as u64));
        let loaded = std::fs::File::open(&file)
            .ok()
            .and_then(|f| read(std::io::BufReader::new(f)).ok())
            .unwrap_or_default();
        Store {
            file: Some(file),
            loaded,
            used: Mutex::default(),
        }
    }

    pub fn is_on(&self) -> bool {
        self.file.is_some()
    }

    /// The value kept for `key`, if an earlier build made it.
    pub fn get(&self, key: u128) -> Option<&[String]> {
        let found = self.loaded.get(&key)?;
        self.used
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .0
            .insert(key);
        Some(found)
    }

    /// Keeps `value` for `key` (only while the store is on).
    pub fn put(&self, key: u128, value: Vec<String>) {
        if self.is_on() {
            let mut used = self.used.lock().unwrap_or_else(|e| e.into_inner());
            used.1.insert(key, value);
        }
    }

    /// Writes what this run used, when it differs from what was loaded; a store that cannot
    /// be written only means the next build does the work again.
    pub fn save(&self) {
        let Some(file) = &self.file else { return };
        let used = self.used.lock().unwrap_or_else(|e| e.into_inner());
        let (taken, made) = &*used;
        if made.is_empty() && taken.len() == self.loaded.len() {
            return;
        }
        let kept = taken.iter().filter_map(|k| Some((*k, self.loaded.get(k)?)));
        let all: Vec<(u128, &Vec<String>)> =
            kept.chain(made.iter().map(|(k, v)| (*k, v))).collect();
        let Some(dir) = file.parent() else { return };
        let aside = file.with_extension("tmp");
        let written = std::fs::create_dir_all(dir)
            .and_then(|_| std::fs::File::create(&aside))
            .and_then(|f| {
                let mut out = std::io::BufWriter::new(f);
                write(&mut out, &all)?;
                out.flush()
            })
            .and_then(|_| std::fs::rename(&aside, file));
        if written.is_err() {
            let _ = std::fs::remove_file(&aside);
        }
    }
}

/// The cache folder: `PLEDGESITE_CACHE_DIR`, else the system's (`%LOCALAPPDATA%` on Windows,
/// `~/Library/Caches` on macOS, `$XDG_CACHE_HOME` or `~/.cache` elsewhere); `None` when
/// `PLEDGESITE_CACHE_DIR` is empty (no cache) or no folder is known.
pub fn default_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("PLEDGESITE_CACHE_DIR") {
        return (!dir.is_empty()).then(|| PathBuf::from(dir));
    }
    let home = |rest: &str| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(rest));
    let base = if cfg!(windows) {
        std::env::var_os("LOCALAPPDATA").map(PathBuf::from)
    } else if cfg!(target_os = "macos") {
        home("Library/Caches")
    } else {
        std::env::var_os("XDG_CACHE_HOME")
            .map(PathBuf::from)
            .or_else(|| home(".cache"))
    };
    base.map(|b| b.join("pledgesite"))
}

/// A 128-bit key of `input` (serialised as JSON, so any field that changes changes the key);
/// `None` if the input cannot be serialised.
pub fn key<I: Serialize>(input: &I) -> Option<u128> {
    let mut writer = Key128::default();
    serde_json::to_writer(&mut writer, input).ok()?;
    Some(writer.finish())
}

/// The key of the value `name` made from the input whose key is `input`.
pub fn with_name(input: u128, name: &str) -> u128 {
    let mut writer = Key128::default();
    writer.add_u128(input);
    let _ = writer.write_all(name.as_bytes());
    writer.finish()
}

fn write(out: &mut impl Write, values: &[(u128, &Vec<String>)]) -> std::io::Result<()> {
    out.write_all(MAGIC.as_bytes())?;
    out.write_all(&(values.len() as u64).to_le_bytes())?;
    for (key, texts) in values {
        out.write_all(&key.to_le_bytes())?;
        out.write_all(&(texts.len() as u64).to_le_bytes())?;
        for text in texts.iter() {
            out.write_all(&(text.len() as u64).to_le_bytes())?;
            out.write_all(text.as_bytes())?;
        }
    }
    Ok(())
}

fn read(mut input: impl Read) -> std::io::Result<HashMap<u128, Vec<String>>> {
    let mut bytes = Vec::new();
    input.read_to_end(&mut bytes)?;
    let mut cursor = Cursor(bytes.strip_prefix(MAGIC.as_bytes()).ok_or_else(bad)?);
    let mut values = HashMap::new();
    for _ in 0..cursor.number()? {
        let key = u128::from_le_bytes(cursor.take(16)?.try_into().map_err(|_| bad())?);
        let texts = (0..cursor.number()?)
            .map(|_| {
                let len = cursor.number()?;
                String::from_utf8(cursor.take(len)?.to_vec()).map_err(|_| bad())
            })
            .collect::<std::io::Result<Vec<String>>>()?;
        values.insert(key, texts);
    }
    Ok(values)
}

fn bad() -> std::io::Error {
    std::io::Error::from(std::io::ErrorKind::InvalidData)
}

/// The rest of a file being read.
struct Cursor<'a>(&'a [u8]);

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> std::io::Result<&'a [u8]> {
        let head = self.0.get(..n).ok_or_else(bad)?;
        self.0 = &self.0[n..];
        Ok(head)
    }

    fn number(&mut self) -> std::io::Result<usize> {
        let bytes: [u8; 8] = self.take(8)?.try_into().map_err(|_| bad())?;
        Ok(u64::from_le_bytes(bytes) as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_written_reads_back_and_damage_reads_as_nothing() {
        let mut values = HashMap::new();
        values.insert(
            7u128,
            vec!["제목".to_string(), "설명".into(), "<svg/>".into()],
        );
        values.insert(u128::MAX, Vec::new());
        let mut bytes = Vec::new();
        let all: Vec<(u128, &Vec<String>)> = values.iter().map(|(k, v)| (*k, v)).collect();
        write(&mut bytes, &all).unwrap();
        assert_eq!(read(&bytes[..]).unwrap(), values);
        assert!(read(&bytes[..bytes.len() - 3]).is_err());
        assert!(read(&b"pledgesite-cache-1 0.0.0\n"[..]).is_err());
    }

    #[test]
    fn keys_differ_with_any_input() {
        assert_ne!(key(&(1, "x")), key(&(2, "x")));
        assert_eq!(key(&(1, "x")), key(&(1, "x")));
        let k = key(&(1, "x")).unwrap();
        assert_ne!(with_name(k, "a"), with_name(k, "b"));
    }
}
