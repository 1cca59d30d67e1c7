//! Work kept between builds: values (lists of strings) by a 128-bit key of what made them, one
//! file per site and kind in a folder outside the site (the system's cache folder, or
//! `PLEDGESITE_CACHE_DIR`): never uploaded with the site, deleted freely (the next build does
//! the work again), and ignored when it is unreadable or from another build of the program.
//! Only `build` saves; `check` and `serve` read. The charts (`chart::cache`), the parsed YAML
//! (`yaml::parse_kept`) and the data tables (`Templates::render_kept`) are kept this way.

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
    /// The file as the last build saved it: an index in memory, values read when asked for
    /// (a site's charts are hundreds of megabytes at 10,000 pledges).
    saved: Option<Saved>,
    /// What this run took from `saved`, and what it made anew: what `save` writes, so the
    /// file never grows beyond one site's values.
    used: Mutex<Used>,
}

/// The keys taken from the file, and the values made anew.
type Used = (HashSet<u128>, HashMap<u128, Vec<String>>);

/// An open store file: its index (key → where its value is, and how long).
struct Saved {
    file: std::fs::File,
    index: HashMap<u128, (u64, u64)>,
}

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
        Store {
            saved: Saved::open(&file).ok(),
            file: Some(file),
            used: Mutex::default(),
        }
    }

    pub fn is_on(&self) -> bool {
        self.file.is_some()
    }

    /// The value kept for `key`, if an earlier build made it (and it can still be read).
    pub fn get(&self, key: u128) -> Option<Vec<String>> {
        let value = self.saved.as_ref()?.value(key)?;
        self.used
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .0
            .insert(key);
        Some(value)
    }

    /// Keeps `value` for `key` (only while the store is on).
    pub fn put(&self, key: u128, value: Vec<String>) {
        if self.is_on() {
            let mut used = self.used.lock().unwrap_or_else(|e| e.into_inner());
            used.1.insert(key, value);
        }
    }

    /// Writes what this run used, when it differs from what was saved; a store that cannot
    /// be written only means the next build does the work again.
    pub fn save(&self) {
        let Some(file) = &self.file else { return };
        let used = self.used.lock().unwrap_or_else(|e| e.into_inner());
        let (taken, made) = &*used;
        let saved = self.saved.as_ref().map_or(0, |s| s.index.len());
        if made.is_empty() && taken.len() == saved {
            return;
        }
        // Values are written one at a time, those of the old file read back as they go.
        let kept = taken
            .iter()
            .filter_map(|k| Some((*k, self.saved.as_ref()?.value(*k)?)));
        let kept: Vec<(u128, Value)> = kept.map(|(k, v)| (k, Value::Owned(v))).collect();
        let made = made.iter().map(|(k, v)| (*k, Value::Borrowed(v)));
        let all: Vec<(u128, Value)> = kept.into_iter().chain(made).collect();
        replace_file(file, |out| write(out, &all));
    }
}

/// Writes `file` anew through `write`, aside then renamed over it, so a reader never sees half
/// a file; a file that cannot be written is left out (the cache only saves work).
pub fn replace_file(file: &Path, write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) {
    let Some(dir) = file.parent() else { return };
    let aside = file.with_extension("tmp");
    let written = std::fs::create_dir_all(dir)
        .and_then(|_| std::fs::File::create(&aside))
        .and_then(|f| {
            let mut out = std::io::BufWriter::new(f);
            write(&mut out)?;
            out.flush()
        })
        .and_then(|_| std::fs::rename(&aside, file));
    if written.is_err() {
        let _ = std::fs::remove_file(&aside);
    }
}

impl Saved {
    fn open(path: &Path) -> std::io::Result<Saved> {
        let mut file = std::fs::File::open(path)?;
        let mut head = vec![0; MAGIC.len() + 8];
        file.read_exact(&mut head)?;
        let count = head.strip_prefix(MAGIC.as_bytes()).ok_or_else(bad)?;
        let count = u64::from_le_bytes(count.try_into().map_err(|_| bad())?) as usize;
        let mut entries = vec![0; count.checked_mul(ENTRY).ok_or_else(bad)?];
        file.read_exact(&mut entries)?;
        let data_start = (head.len() + entries.len()) as u64;
        let index = entries
            .chunks_exact(ENTRY)
            .map(|e| {
                let key = u128::from_le_bytes(e[..16].try_into().unwrap_or_default());
                let at = u64::from_le_bytes(e[16..24].try_into().unwrap_or_default());
                let len = u64::from_le_bytes(e[24..].try_into().unwrap_or_default());
                (key, (data_start + at, len))
            })
            .collect();
        Ok(Saved { file, index })
    }

    fn value(&self, key: u128) -> Option<Vec<String>> {
        let (at, len) = *self.index.get(&key)?;
        let mut bytes = vec![0; usize::try_from(len).ok()?];
        read_at(&self.file, &mut bytes, at).ok()?;
        decode(&bytes).ok()
    }
}

#[cfg(unix)]
fn read_at(file: &std::fs::File, buf: &mut [u8], at: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, at)
}

#[cfg(windows)]
fn read_at(file: &std::fs::File, mut buf: &mut [u8], mut at: u64) -> std::io::Result<()> {
    while !buf.is_empty() {
        match std::os::windows::fs::FileExt::seek_read(file, buf, at)? {
            0 => return Err(std::io::ErrorKind::UnexpectedEof.into()),
            n => {
                buf = &mut buf[n..];
                at += n as u64;
            }
        }
    }
    Ok(())
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

/// Index entry: key (16 bytes), offset in the data (8), length (8).
const ENTRY: usize = 32;

/// A value to write: read back from the old file, or made by this run.
enum Value<'a> {
    Owned(Vec<String>),
    Borrowed(&'a Vec<String>),
}

impl Value<'_> {
    fn texts(&self) -> &[String] {
        match self {
            Value::Owned(texts) => texts,
            Value::Borrowed(texts) => texts,
        }
    }
}

/// The file: MAGIC, the number of values, the index, then each value (its number of texts,
/// then each text's length and bytes).
fn write(out: &mut dyn Write, values: &[(u128, Value)]) -> std::io::Result<()> {
    let size = |texts: &[String]| 8 + texts.iter().map(|t| 8 + t.len() as u64).sum::<u64>();
    out.write_all(MAGIC.as_bytes())?;
    out.write_all(&(values.len() as u64).to_le_bytes())?;
    let mut at = 0u64;
    for (key, value) in values {
        let len = size(value.texts());
        out.write_all(&key.to_le_bytes())?;
        out.write_all(&at.to_le_bytes())?;
        out.write_all(&len.to_le_bytes())?;
        at += len;
    }
    for (_, value) in values {
        let texts = value.texts();
        out.write_all(&(texts.len() as u64).to_le_bytes())?;
        for text in texts {
            out.write_all(&(text.len() as u64).to_le_bytes())?;
            out.write_all(text.as_bytes())?;
        }
    }
    Ok(())
}

fn decode(bytes: &[u8]) -> std::io::Result<Vec<String>> {
    let mut cursor = Cursor(bytes);
    let texts = (0..cursor.number()?)
        .map(|_| {
            let len = cursor.number()?;
            String::from_utf8(cursor.take(len)?.to_vec()).map_err(|_| bad())
        })
        .collect::<std::io::Result<Vec<String>>>()?;
    if !cursor.0.is_empty() {
        return Err(bad());
    }
    Ok(texts)
}

fn bad() -> std::io::Error {
    std::io::Error::from(std::io::ErrorKind::InvalidData)
}

/// The rest of a value being read.
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
    fn what_is_saved_reads_back_and_damage_reads_as_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path(), dir.path(), "test");
        assert_eq!(store.get(7), None);
        store.put(7, vec!["제목".to_string(), "설명".into(), "<svg/>".into()]);
        store.put(u128::MAX, Vec::new());
        store.save();
        let again = Store::open(dir.path(), dir.path(), "test");
        assert_eq!(again.get(u128::MAX), Some(Vec::new()));
        assert_eq!(again.get(7).unwrap()[2], "<svg/>");
        // Saved again with only what this run used.
        again.save();
        let third = Store::open(dir.path(), dir.path(), "test");
        assert_eq!(third.get(7).unwrap()[0], "제목");
        assert_eq!(third.get(u128::MAX), Some(Vec::new()));
        // A damaged file is no file; a cut one gives nothing for what was cut.
        let file = std::fs::read_dir(dir.path())
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path();
        let bytes = std::fs::read(&file).unwrap();
        std::fs::write(&file, &bytes[..bytes.len() - 3]).unwrap();
        let cut = Store::open(dir.path(), dir.path(), "test");
        let readable = [7, u128::MAX]
            .iter()
            .filter(|k| cut.get(**k).is_some())
            .count();
        assert_eq!(readable, 1);
        std::fs::write(&file, b"pledgesite-cache-1 0.0.0\n").unwrap();
        assert!(Store::open(dir.path(), dir.path(), "test").get(7).is_none());
    }

    #[test]
    fn keys_differ_with_any_input() {
        assert_ne!(key(&(1, "x")), key(&(2, "x")));
        assert_eq!(key(&(1, "x")), key(&(1, "x")));
        let k = key(&(1, "x")).unwrap();
        assert_ne!(with_name(k, "a"), with_name(k, "b"));
    }
}
