//! Saving the screen's form: only the rows that changed, that have no error, and whose card
//! is still as it was when the page was loaded (its version); every card written in place by
//! the card writer (`term::import::apply`: only those values change) and all of them
//! atomically. A row whose card changed on disk meanwhile is a conflict, left unwritten.

use super::{check, Draft};
use crate::diagnostics::Diagnostic;
use crate::edit::FrontMatter;
use crate::model::Site;
use crate::status::Status;
use crate::term::import::{apply, card_values, Values};
use crate::validate::TermDates;
use crate::Error;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A card's text as the page saw it: the form carries it back with each row.
pub fn version_of(bytes: &[u8]) -> String {
    let mut key = crate::hash::Key128::default();
    key.add(bytes);
    format!("{:032x}", key.finish())
}

/// Every card's version, by pledge number.
pub fn versions(root: &Path, site: &Site) -> BTreeMap<String, String> {
    site.pledges
        .iter()
        .map(|p| {
            let bytes = std::fs::read(root.join(&p.index.path)).unwrap_or_default();
            (p.card.number.as_str().to_string(), version_of(&bytes))
        })
        .collect()
}

/// What a save did.
#[derive(Debug, Default)]
pub struct Saved {
    /// The cards written, relative to the root.
    pub written: Vec<PathBuf>,
    /// Rows not written because their card changed on disk since the page was loaded, with
    /// the card's values now.
    pub conflicts: BTreeMap<String, Values>,
    /// Each row's problems, as `check` finds them with the form's values.
    pub problems: BTreeMap<String, Vec<Diagnostic>>,
}

/// Writes the rows of `drafts` that changed, that have no error and whose card is at the
/// version the page had. `site` is the site as it is on disk now.
pub fn save(
    root: &Path,
    site: &Site,
    term: Option<&TermDates>,
    config: &crate::config::Config,
    drafts: &BTreeMap<String, Draft>,
    versions: &BTreeMap<String, String>,
) -> Result<Saved, Error> {
    let mut saved = Saved {
        problems: check(site, term, config, drafts),
        ..Saved::default()
    };
    let date = site.home.meta.as_of.clone().unwrap_or_default();
    let mut files = Vec::new();
    for pledge in &site.pledges {
        let number = pledge.card.number.as_str();
        let Some(draft) = drafts.get(number) else {
            continue;
        };
        if saved.problems[number].iter().any(Diagnostic::is_error) {
            continue;
        }
        let (Some(status), Some(progress)) = (
            Status::parse(&draft.status),
            super::parse_progress(&draft.progress),
        ) else {
            continue;
        };
        let now = Values {
            status,
            progress,
            reason: draft.reason.clone(),
        };
        if now == card_values(pledge) {
            continue;
        }
        let path = root.join(&pledge.index.path);
        let bytes = std::fs::read(&path).map_err(|e| Error::Environment(e.into()))?;
        if versions.get(number) != Some(&version_of(&bytes)) {
            saved
                .conflicts
                .insert(number.to_string(), card_values(pledge));
            continue;
        }
        let text = String::from_utf8(bytes).map_err(|e| Error::Environment(e.into()))?;
        let doc = FrontMatter::new(text).map_err(|e| {
            Error::Environment(anyhow::anyhow!("{}: {e}", pledge.index.path.display()))
        })?;
        let doc = apply(doc, pledge, &now, &date)?;
        if doc.changed() {
            files.push((path, doc.into_text().into_bytes()));
            saved.written.push(pledge.index.path.clone());
        }
    }
    crate::edit::write_all_atomic(&files)?;
    Ok(saved)
}
