//! `pledgesite snapshot`: records every pledge's status and progress, as the cards say now,
//! in `data/snapshots/<as_of>.csv` (the site's as-of date from content/_index.md). The next
//! quarter's edits to the cards then leave this report on the record.

use crate::calendar::Date;
use crate::diagnostics::shown_path;
use crate::load::snapshots::SNAPSHOT_DIR;
use crate::{Error, Options};
use anyhow::Context;
use std::path::PathBuf;

pub struct Recorded {
    /// Relative to the site root.
    pub path: PathBuf,
    pub date: String,
    pub pledges: usize,
    pub replaced: bool,
}

/// Writes the snapshot of the site's as-of date. The site must pass `check` first (a pledge
/// that does not load would be missing from the record); an existing snapshot of that date
/// is kept unless `force`.
pub fn record(options: &Options, force: bool) -> Result<Recorded, Error> {
    let session = crate::session::Session::load(options)?;
    let pledges = session.site().pledges.len();
    // What the record needs, taken before the session is spent on the check.
    let as_of = session.site().home.meta.as_of.clone();
    let bytes = cards_csv(session.site(), session.config().language == "en")?;
    session.render(&|_| Ok(()))?;
    let date = as_of.ok_or_else(|| anyhow::Error::new(msg!("snapshot_cmd.no_as_of")))?;
    if Date::parse(&date).is_none_or(|d| d.day.is_none()) || date.len() != 10 {
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
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .with_context(|| msg!("write.create_failed", path = shown_path(dir)))?;
    }
    // Written aside and renamed, so an interrupted run never leaves half a record.
    let aside = path.with_file_name(format!(".{date}.csv.pledgesite-new"));
    std::fs::write(&aside, bytes)
        .with_context(|| msg!("write.write_failed", path = shown_path(&aside)))?;
    std::fs::rename(&aside, &path)
        .with_context(|| msg!("write.write_failed", path = shown_path(&path)))?;
    Ok(Recorded {
        path: rel,
        date,
        pledges,
        replaced,
    })
}

/// Every card's number, status, progress and reason as snapshot CSV, with a BOM so Excel
/// (where planning offices keep these) shows Hangul.
fn cards_csv(site: &crate::model::Site, english: bool) -> anyhow::Result<Vec<u8>> {
    let header = if english {
        ["number", "status", "progress", "note"]
    } else {
        ["번호", "상태", "추진율", "비고"]
    };
    let mut writer = csv::Writer::from_writer(b"\xef\xbb\xbf".to_vec());
    writer.write_record(header)?;
    for p in &site.pledges {
        let status = if english {
            p.card.status.key()
        } else {
            p.card.status.label_ko()
        };
        writer.write_record([
            p.card.number.as_str(),
            status,
            &crate::format::number(p.card.progress).replace(',', ""),
            p.card.status_reason.as_deref().unwrap_or_default(),
        ])?;
    }
    writer
        .into_inner()
        .map_err(|e| anyhow::Error::new(e.into_error()))
}
