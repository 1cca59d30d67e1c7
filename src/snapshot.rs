//! `pledgesite snapshot`: records every pledge's status and progress, as the cards say now,
//! in `data/snapshots/<as_of>.csv` (the site's as-of date from content/_index.md). The next
//! quarter's edits to the cards then leave this report on the record.

use crate::diagnostics::shown_path;
use crate::load::snapshots::SNAPSHOT_DIR;
use crate::{Error, Options};
use std::path::PathBuf;

pub struct Recorded {
    /// Relative to the site root.
    pub path: PathBuf,
    pub date: String,
    pub pledges: usize,
    pub replaced: bool,
    /// What `check` found, to be shown summarised.
    pub warnings: crate::diagnostics::Diagnostics,
}

/// Writes the snapshot of the site's as-of date. The site must pass `check` first (a pledge
/// that does not load would be missing from the record); an existing snapshot of that date
/// is kept unless `force`.
pub fn record(options: &Options, force: bool) -> Result<Recorded, Error> {
    let checked = crate::term::load_checked(options)?;
    let site = &checked.session_site;
    let pledges = site.pledges.len();
    let date = site
        .home
        .meta
        .as_of
        .clone()
        .ok_or_else(|| anyhow::Error::new(msg!("snapshot_cmd.no_as_of")))?;
    if crate::term::reporting_date(&date).is_none() {
        return Err(anyhow::Error::new(msg!("snapshot_cmd.as_of_not_date", date = &date)).into());
    }
    let rel = PathBuf::from(SNAPSHOT_DIR).join(format!("{date}.csv"));
    let path = options.root.join(&rel);
    let replaced = path.exists();
    if replaced && !force {
        let file = shown_path(&rel);
        let exists = msg!("snapshot_cmd.exists", file = file, date = &date);
        return Err(anyhow::Error::new(exists).into());
    }
    let mut records = crate::term::RecordBook::of(site);
    let rows = crate::term::card_rows(site);
    // `--force` may redo a snapshot nobody has published yet, never change a recorded one.
    let key = |r: &crate::model::RecordRow| (r.number.clone(), r.status, r.progress.to_bits());
    let same = records
        .rows(&date)
        .is_some_and(|was| was.iter().map(key).eq(rows.iter().map(key)));
    if replaced && records.has_rows(&date) && !same {
        let recorded = msg!(
            "snapshot_cmd.recorded",
            date = &date,
            file = shown_path(&rel)
        );
        return Err(anyhow::Error::new(recorded).into());
    }
    let english = checked.config.language == "en";
    let bytes = cards_csv(site, english);
    records.record(&date, rows);
    let mut files = vec![(path, bytes)];
    files.extend(records.file(&options.root));
    crate::edit::write_all_atomic(&files)?;
    Ok(Recorded {
        path: rel,
        date,
        pledges,
        replaced,
        warnings: checked.warnings,
    })
}

/// Every card's number, status, progress and reason as snapshot CSV, with a BOM so Excel
/// (where planning offices keep these) shows Hangul.
pub(crate) fn cards_csv(site: &crate::model::Site, english: bool) -> Vec<u8> {
    let header = if english {
        ["number", "status", "progress", "note"]
    } else {
        ["번호", "상태", "추진율", "비고"]
    };
    let mut writer = crate::csv_out::Writer::with_bom();
    writer.row(header);
    for p in &site.pledges {
        let status = if english {
            p.card.status.key()
        } else {
            p.card.status.label_ko()
        };
        writer.row([
            p.card.number.as_str(),
            status,
            &crate::csv_out::number(p.card.progress),
            p.card.status_reason.as_deref().unwrap_or_default(),
        ]);
    }
    writer.finish()
}
