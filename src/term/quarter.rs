//! `pledgesite quarter YYYY-MM-DD`: a new reporting date in one step. The current date's
//! report is recorded first if it is not yet a snapshot (so it can never vanish), then `as_of`
//! moves in `content/_index.md` and on every card that was up to date — only those values —
//! and the text that still names the old date is listed for a person to update.

use super::stale::{self, Stale};
use super::{read_raw, snapshot_path, Checked, RecordBook};
use crate::calendar::Date;
use crate::diagnostics::Diagnostics;
use crate::edit::{Edit, FrontMatter};
use crate::model::Site;
use crate::{Error, Options};
use anyhow::anyhow;
use std::path::PathBuf;

pub struct Started {
    pub from: String,
    pub to: String,
    /// The snapshot written for `from`, if it was not on record (relative to the root).
    pub recorded: Option<PathBuf>,
    /// Cards whose `as_of` moved with `content/_index.md`'s (relative to the root).
    pub moved: Vec<PathBuf>,
    /// Cards left at an older date: they were not brought up to `from` either.
    pub lagging: Vec<PathBuf>,
    /// Text still naming the old date.
    pub stale: Vec<Stale>,
    /// What `check` says of the site now.
    pub warnings: Diagnostics,
}

/// The files `quarter` writes, not yet written: `import` adds its card edits to them.
pub(crate) struct Plan {
    pub started: Started,
    pub files: Vec<(PathBuf, Vec<u8>)>,
    pub records: RecordBook,
    /// Card texts as they will be after the move, by the card's path relative to the root.
    pub cards: std::collections::HashMap<PathBuf, FrontMatter>,
}

/// Starts the reporting date `to` on a site that passes `check`.
pub fn start(options: &Options, to: &str) -> Result<Started, Error> {
    let checked = super::load_checked(options)?;
    let plan = plan(options, &checked, to)?;
    super::write_all(&options.root, plan.files, &plan.records, plan.cards)?;
    let mut started = plan.started;
    started.warnings = super::check_after(options)?;
    Ok(started)
}

/// What moving the site from its date to `to` writes.
pub(crate) fn plan(options: &Options, checked: &Checked, to: &str) -> Result<Plan, Error> {
    let site = &checked.site;
    let root = &options.root;
    let from = site
        .home
        .meta
        .as_of
        .clone()
        .ok_or_else(|| anyhow!(msg!("snapshot_cmd.no_as_of")))?;
    let Some(new_date) = Date::parse_reporting(to) else {
        return Err(anyhow!(msg!("quarter.not_a_date", date = to)).into());
    };
    if to <= from.as_str() {
        return Err(anyhow!(msg!("quarter.not_after", date = to, current = &from)).into());
    }
    let term_end = checked.config.term.as_ref().map(|t| t.end.clone());
    if let Some(end) = term_end.filter(|end| Date::parse(end).is_some_and(|e| e < new_date)) {
        return Err(anyhow!(msg!("quarter.after_term", date = to, end = end)).into());
    }
    let mut files = Vec::new();
    let mut records = RecordBook::of(site);
    let snapshot = snapshot_path(root, &from);
    let recorded = if snapshot.exists() {
        None
    } else {
        let english = checked.config.language == "en";
        let lines = crate::snapshot::card_lines(site);
        files.push(crate::snapshot::recorded(
            root,
            &from,
            &lines,
            english,
            &mut records,
        ));
        Some(
            snapshot
                .strip_prefix(root)
                .unwrap_or(&snapshot)
                .to_path_buf(),
        )
    };
    records.mark_reported(to);
    let (cards, moved, lagging) = move_dates(options, site, &from, to)?;
    let home = root.join("content/_index.md");
    let mut doc =
        FrontMatter::new(read_raw(&home)?).map_err(|e| anyhow!("content/_index.md: {e}"))?;
    doc.set("as_of", Edit::Plain(to), Some("intro"))
        .map_err(|e| anyhow!("content/_index.md: {e}"))?;
    let home_text = doc.into_text();
    let mut stale = stale::find(&PathBuf::from("content/_index.md"), &home_text, &from);
    for (rel, card) in &cards {
        stale.extend(stale::find(rel, card.text(), &from));
    }
    stale.sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
    files.push((home, home_text.into_bytes()));
    Ok(Plan {
        started: Started {
            from,
            to: to.to_string(),
            recorded,
            moved,
            lagging,
            stale,
            warnings: Diagnostics::default(),
        },
        files,
        records,
        cards,
    })
}

type Moved = (
    std::collections::HashMap<PathBuf, FrontMatter>,
    Vec<PathBuf>,
    Vec<PathBuf>,
);

/// Every card dated `from` moved to `to`; cards at an older date are listed, not moved.
fn move_dates(options: &Options, site: &Site, from: &str, to: &str) -> Result<Moved, Error> {
    let mut cards = std::collections::HashMap::new();
    let (mut moved, mut lagging) = (Vec::new(), Vec::new());
    for pledge in &site.pledges {
        let rel = pledge.index.path.clone();
        let mut doc = FrontMatter::new(read_raw(&options.root.join(&rel))?)
            .map_err(|e| anyhow!("{}: {e}", rel.display()))?;
        match pledge.card.as_of.as_deref() {
            Some(date) if date == from => {
                doc.set("as_of", Edit::Plain(to), None)
                    .map_err(|e| anyhow!("{}: {e}", rel.display()))?;
                moved.push(rel.clone());
            }
            Some(date) if date < from => lagging.push(rel.clone()),
            _ => {}
        }
        cards.insert(rel, doc);
    }
    moved.sort();
    Ok((cards, moved, lagging))
}
