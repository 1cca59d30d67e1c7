//! Charts drawn once: a chart's SVG, title and description depend only on its input (the data
//! set, the pledge's title, the UI strings and this program's version), so they are kept by a
//! hash of that input and reused by the next build. The cache is one file in a folder outside
//! the site (the system's cache folder, or `PLEDGESITE_CACHE_DIR`): never uploaded with the site,
//! deleted freely (the next build draws everything again), and ignored when it is unreadable
//! or from another version. Only `build` saves it; `check` and `serve` read it.

use super::Chart;
use crate::hash::Key128;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Changes with every release, and whenever the file layout changes.
const MAGIC: &[u8] = concat!(
    "pledgesite-charts-1 ",
    env!("CARGO_PKG_VERSION"),
    " ",
    env!("PLEDGESITE_SOURCE_HASH"),
    "\n"
)
.as_bytes();

/// A chart input's key; `None`: no cache, or an input that cannot be hashed.
pub struct Input(Option<u128>);

/// A chart as kept: its title, description and SVG (`None`: the input draws no chart).
type Kept = Option<(String, String, String)>;

#[derive(Default)]
pub struct ChartCache {
    file: Option<PathBuf>,
    /// What the file held when opened.
    loaded: HashMap<u128, Kept>,
    /// What this run took from `loaded`, and what it drew anew: what `save` writes, so the
    /// file never grows beyond one site's charts.
    used: Mutex<(HashSet<u128>, HashMap<u128, Kept>)>,
}

impl ChartCache {
    /// No cache: every chart is drawn.
    pub fn none() -> ChartCache {
        ChartCache::default()
    }

    /// The cache of the site at `root`, kept in `dir`, as the last `build` saved it.
    pub fn open(dir: &Path, root: &Path) -> ChartCache {
        let root = dunce::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        root.hash(&mut hasher);
        let file = dir.join(format!("charts-{:016x}.bin", hasher.finish()));
        let loaded = std::fs::File::open(&file)
            .ok()
            .and_then(|f| read(std::io::BufReader::new(f)).ok())
            .unwrap_or_default();
        ChartCache {
            file: Some(file),
            loaded,
            used: Mutex::default(),
        }
    }

    /// The key of `input`, hashed once for every chart drawn from it (the budget's three);
    /// nothing is hashed without a cache.
    pub fn input<I: Serialize>(&self, input: &I) -> Input {
        Input(self.file.as_ref().and_then(|_| key(input)))
    }

    /// The chart named `name` that `draw` makes from `input`, from the cache when an earlier
    /// run drew it.
    pub fn chart(
        &self,
        name: &'static str,
        input: &Input,
        draw: impl FnOnce() -> Result<Option<Chart>, (&'static str, String)>,
    ) -> Result<Option<Chart>, (&'static str, String)> {
        let Some(input) = input.0 else {
            return draw();
        };
        let key = with_name(input, name);
        let found = self.loaded.get(&key).cloned();
        let hit = found.is_some();
        let kept = match found {
            Some(kept) => kept,
            None => draw()?.map(|c| (c.title, c.desc, c.svg)),
        };
        {
            let mut used = self.used.lock().unwrap_or_else(|e| e.into_inner());
            if hit {
                used.0.insert(key);
            } else {
                used.1.insert(key, kept.clone());
            }
        }
        let chart = kept.map(|(title, desc, svg)| Chart {
            name,
            data_set: super::data_set_of(name),
            title,
            desc,
            svg,
        });
        Ok(chart)
    }

    /// Writes what this run used, when it differs from what was loaded; a cache that cannot
    /// be written only means the next build draws again.
    pub fn save(&self) {
        let Some(file) = &self.file else { return };
        let used = self.used.lock().unwrap_or_else(|e| e.into_inner());
        let (taken, drawn) = &*used;
        if drawn.is_empty() && taken.len() == self.loaded.len() {
            return;
        }
        let kept = taken.iter().filter_map(|k| Some((*k, self.loaded.get(k)?)));
        let all: Vec<(u128, &Kept)> = kept.chain(drawn.iter().map(|(k, v)| (*k, v))).collect();
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

/// A 128-bit hash of a chart's input (serialised as JSON, so any field of the data that changes
/// changes the key); `None` if the input cannot be serialised.
fn key<I: Serialize>(input: &I) -> Option<u128> {
    let mut writer = Key128::default();
    serde_json::to_writer(&mut writer, input).ok()?;
    Some(writer.finish())
}

/// The key of the chart `name` drawn from the input whose key is `input`.
fn with_name(input: u128, name: &str) -> u128 {
    let mut writer = Key128::default();
    writer.add_u128(input);
    let _ = writer.write_all(name.as_bytes());
    writer.finish()
}

fn write(out: &mut impl Write, charts: &[(u128, &Kept)]) -> std::io::Result<()> {
    out.write_all(MAGIC)?;
    out.write_all(&(charts.len() as u64).to_le_bytes())?;
    for (key, kept) in charts {
        out.write_all(&key.to_le_bytes())?;
        match kept {
            None => out.write_all(&[0])?,
            Some((title, desc, svg)) => {
                out.write_all(&[1])?;
                for text in [title, desc, svg] {
                    out.write_all(&(text.len() as u64).to_le_bytes())?;
                    out.write_all(text.as_bytes())?;
                }
            }
        }
    }
    Ok(())
}

fn read(mut input: impl Read) -> std::io::Result<HashMap<u128, Kept>> {
    let bad = || std::io::Error::from(std::io::ErrorKind::InvalidData);
    let mut bytes = Vec::new();
    input.read_to_end(&mut bytes)?;
    let mut rest = bytes.strip_prefix(MAGIC).ok_or_else(bad)?;
    let mut take = |n: usize| -> std::io::Result<&[u8]> {
        let (head, tail) = (rest.get(..n).ok_or_else(bad)?, &rest[n..]);
        rest = tail;
        Ok(head)
    };
    let count = u64::from_le_bytes(take(8)?.try_into().map_err(|_| bad())?);
    let mut charts = HashMap::new();
    for _ in 0..count {
        let key = u128::from_le_bytes(take(16)?.try_into().map_err(|_| bad())?);
        let kept = match take(1)?[0] {
            0 => None,
            _ => {
                let mut text = || -> std::io::Result<String> {
                    let len = u64::from_le_bytes(take(8)?.try_into().map_err(|_| bad())?);
                    String::from_utf8(take(len as usize)?.to_vec()).map_err(|_| bad())
                };
                Some((text()?, text()?, text()?))
            }
        };
        charts.insert(key, kept);
    }
    Ok(charts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_written_reads_back_and_damage_reads_as_nothing() {
        let mut charts = HashMap::new();
        charts.insert(7u128, Some(("제목".into(), "설명".into(), "<svg/>".into())));
        charts.insert(u128::MAX, None);
        let mut bytes = Vec::new();
        let all: Vec<(u128, &Kept)> = charts.iter().map(|(k, v)| (*k, v)).collect();
        write(&mut bytes, &all).unwrap();
        assert_eq!(read(&bytes[..]).unwrap(), charts);
        assert!(read(&bytes[..bytes.len() - 3]).is_err());
        assert!(read(&b"pledgesite-charts-0 0.0.0\n"[..]).is_err());
    }

    #[test]
    fn a_saved_chart_is_not_drawn_again() {
        let dir = tempfile::tempdir().unwrap();
        let drawn = || {
            Ok(Some(Chart {
                name: "schedule",
                data_set: None,
                title: "일정".into(),
                desc: "설명".into(),
                svg: "<svg/>".into(),
            }))
        };
        let first = ChartCache::open(dir.path(), dir.path());
        let chart = first
            .chart("schedule", &first.input(&("공약", 1)), drawn)
            .unwrap()
            .unwrap();
        first.save();
        let second = ChartCache::open(dir.path(), dir.path());
        let again = second
            .chart("schedule", &second.input(&("공약", 1)), || {
                panic!("drawn again")
            })
            .unwrap()
            .unwrap();
        assert_eq!((again.svg, again.title), (chart.svg, chart.title));
        assert_eq!(again.data_set, Some(crate::model::DataSet::Schedule));
        // Other input: drawn.
        let other = second.input(&("공약", 2));
        let other = second.chart("schedule", &other, || Ok(None)).unwrap();
        assert!(other.is_none());
        // Same input, another chart: drawn.
        let other = second
            .chart("targets", &second.input(&("공약", 1)), || Ok(None))
            .unwrap();
        assert!(other.is_none());
    }

    #[test]
    fn keys_differ_with_any_input() {
        assert_ne!(key(&(1, "x")), key(&(2, "x")));
        assert_eq!(key(&(1, "x")), key(&(1, "x")));
        let k = key(&(1, "x")).unwrap();
        assert_ne!(with_name(k, "a"), with_name(k, "b"));
    }
}
