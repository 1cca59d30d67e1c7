//! One pledge bundle: a folder of `content/pledges/` with its card (`index.md`), sections,
//! data files and other files.

use super::{check_symlink, data, front_matter, is_ignored, read_source, shown};
use crate::cache::Store;
use crate::diagnostics::Diagnostic;
use crate::model::{Body, Card, DataSources, Pledge, PledgeData, Section, SectionMeta, Source};
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// A loaded bundle: the pledge unless a problem stopped it, and the problems found.
pub type Loaded = (Option<Pledge>, Vec<Diagnostic>);

/// One pledge bundle: its card, sections, data and files, or the problems that stop it.
pub fn bundle(root: &Path, dir: &Path, kept: &Store) -> Loaded {
    let mut found = Found {
        kept,
        index: None,
        sections: Vec::new(),
        data: PledgeData::default(),
        data_sources: DataSources::default(),
        csv_files: Vec::new(),
        assets: Vec::new(),
        problems: Vec::new(),
    };
    for entry in WalkDir::new(dir).min_depth(1).sort_by_file_name() {
        match entry {
            Ok(entry) => found.entry(root, &entry),
            Err(e) => found.problems.push(unreadable_folder(root, dir, &e)),
        }
    }
    found.merge_csv_files();
    found.into_loaded(root, dir)
}

/// What the walk through a bundle has found so far, and the problems on the way.
struct Found<'a> {
    /// YAML parsed by earlier builds.
    kept: &'a Store,
    index: Option<PathBuf>,
    sections: Vec<Section>,
    data: PledgeData,
    data_sources: DataSources,
    /// Kept until the walk ends: they merge into the data after the YAML file has set it,
    /// whichever name sorts first.
    csv_files: Vec<Source>,
    assets: Vec<PathBuf>,
    problems: Vec<Diagnostic>,
}

impl Found<'_> {
    /// Takes one entry of the walk: folders and ignored files are skipped, a file whose name
    /// or link cannot be trusted is reported, and the rest is sorted.
    fn entry(&mut self, root: &Path, entry: &walkdir::DirEntry) {
        let abs = entry.path();
        if is_ignored(abs) || entry.file_type().is_dir() {
            return;
        }
        match checked_name(root, entry) {
            Ok(name) => self.sort(root, abs, &name, entry.depth() == 1),
            Err(d) => self.problems.push(d),
        }
    }

    /// At the top of the bundle `index.md` is the card, other `.md` files are sections and
    /// data files are data; everything else, and anything in a subfolder, is an asset.
    fn sort(&mut self, root: &Path, abs: &Path, name: &str, top_level: bool) {
        if top_level && name == "index.md" {
            self.index = Some(abs.to_path_buf());
        } else if top_level && name.ends_with(".md") {
            match load_section(root, abs, self.kept) {
                Ok(section) => self.sections.push(section),
                Err(d) => self.problems.push(d),
            }
        } else if top_level && data::is_data_file(name) {
            self.data_file(root, abs, name);
        } else {
            self.assets.push(abs.to_path_buf());
        }
    }

    /// A CSV file is read and kept for later; the YAML file is parsed now and becomes the data.
    fn data_file(&mut self, root: &Path, abs: &Path, name: &str) {
        match read_source(root, abs) {
            Ok(source) if name.ends_with(".csv") => self.csv_files.push(source),
            Ok(source) => match data::parse_yaml(&source, self.kept) {
                Ok(parsed) => {
                    for set in parsed.present() {
                        self.data_sources.insert_yaml(set, source.clone());
                    }
                    self.data = parsed;
                }
                Err(d) => self.problems.push(d),
            },
            Err(d) => self.problems.push(d),
        }
    }

    /// Merges the CSV files into the data, remembering where each data set came from.
    fn merge_csv_files(&mut self) {
        for source in std::mem::take(&mut self.csv_files) {
            match data::merge_csv(&mut self.data, &source) {
                Ok(()) => {
                    let name = source
                        .path
                        .file_name()
                        .and_then(|n| n.to_str())
                        .unwrap_or("");
                    if let Some(set) = crate::model::DataSet::of_csv(name) {
                        self.data_sources.insert_csv(set, source);
                    }
                }
                Err(d) => self.problems.push(d),
            }
        }
    }

    /// The pledge, once `index.md` is there and readable; without it the bundle is left out
    /// and only its problems remain.
    fn into_loaded(self, root: &Path, dir: &Path) -> Loaded {
        let mut problems = self.problems;
        let Some(index) = self.index else {
            problems.push(
                Diagnostic::error(shown(root, dir), msg!("load.no_index"))
                    .hint(msg!("load.no_index_hint")),
            );
            return (None, problems);
        };
        let (card, lead, index) = match load_index(root, &index, self.kept) {
            Ok(loaded) => loaded,
            Err(d) => {
                problems.push(d);
                return (None, problems);
            }
        };
        let mut sections = self.sections;
        sections.sort_by(|a: &Section, b| (a.order, &a.id).cmp(&(b.order, &b.id)));
        let pledge = Pledge {
            assets: bundle_paths(dir, self.assets),
            slug: folder_name(dir),
            card,
            lead,
            index,
            sections,
            data: self.data,
            data_sources: self.data_sources,
        };
        (Some(pledge), problems)
    }
}

/// A bundle folder that could not be walked, with the system's reason.
fn unreadable_folder(root: &Path, dir: &Path, e: &walkdir::Error) -> Diagnostic {
    Diagnostic::error(
        shown(root, dir),
        msg!(
            "load.folder_unreadable",
            reason = e
                .io_error()
                .map_or(e.to_string(), crate::messages::io_reason_term)
        ),
    )
}

/// The file's name, unless it is not UTF-8 or the file is a symlink leading out of the site.
fn checked_name(root: &Path, entry: &walkdir::DirEntry) -> Result<String, Diagnostic> {
    let abs = entry.path();
    let path = shown(root, abs);
    let Some(name) = abs.file_name().and_then(|n| n.to_str()).map(str::to_string) else {
        return Err(Diagnostic::error(&path, msg!("load.file_name_not_utf8"))
            .hint(msg!("load.file_name_not_utf8_hint")));
    };
    if entry.path_is_symlink() {
        check_symlink(root, abs, &path)?;
    }
    Ok(name)
}

/// `index.md`: the card from its front matter, the lead from its body, and its source.
fn load_index(root: &Path, index: &Path, kept: &Store) -> Result<(Card, Body, Source), Diagnostic> {
    let mut source = read_source(root, index)?;
    let (card, lead) = front_matter::split(&source.text, &source.path, kept)?;
    keep_front_matter(&mut source, &lead);
    Ok((card, lead, source))
}

/// Each asset with its path inside the bundle, which is where it goes beside the page.
fn bundle_paths(dir: &Path, assets: Vec<PathBuf>) -> Vec<(PathBuf, PathBuf)> {
    assets
        .into_iter()
        .map(|abs| {
            let rel = abs.strip_prefix(dir).unwrap_or(&abs).to_path_buf();
            (abs, rel)
        })
        .collect()
}

/// The bundle's folder name, which is the pledge's slug.
fn folder_name(dir: &Path) -> String {
    dir.file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_string()
}

/// The body lives in `Body`; the source keeps only its front matter (where diagnostics look
/// up keys), so large sites do not hold every Markdown text twice.
pub(super) fn keep_front_matter(source: &mut Source, body: &Body) {
    let front = source.text.len() - body.markdown.len();
    source.text.truncate(front);
    source.text.shrink_to_fit();
}

fn load_section(root: &Path, abs: &Path, kept: &Store) -> Result<Section, Diagnostic> {
    let mut source = read_source(root, abs)?;
    let (meta, body) = front_matter::split::<SectionMeta>(&source.text, &source.path, kept)?;
    keep_front_matter(&mut source, &body);
    let stem = abs
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("section");
    let (prefix, id) = split_number_prefix(stem);
    Ok(Section {
        id: id.to_string(),
        order: meta.order.or(prefix).unwrap_or(i64::MAX),
        meta,
        body,
        source,
    })
}

/// `01-background` → (Some(1), "background"); `notes` → (None, "notes").
fn split_number_prefix(stem: &str) -> (Option<i64>, &str) {
    let digits = stem.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 {
        return (None, stem);
    }
    let rest = stem[digits..].trim_start_matches(['-', '_', '.']);
    let id = if rest.is_empty() { stem } else { rest };
    (stem[..digits].parse().ok(), id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_prefixes_give_order_and_stable_ids() {
        assert_eq!(
            split_number_prefix("01-background"),
            (Some(1), "background")
        );
        assert_eq!(split_number_prefix("notes"), (None, "notes"));
        assert_eq!(split_number_prefix("10"), (Some(10), "10"));
    }
}
