//! `pledgesite snapshot`: records every pledge's status and progress, as the cards say now,
//! in `data/snapshots/<as_of>.csv` (the site's as-of date from content/_index.md). The next
//! quarter's edits to the cards then leave this report on the record.

use crate::diagnostics::shown_path;
use crate::load::snapshots::SNAPSHOT_DIR;
use crate::model::{RecordRow, Site};
use crate::number::PledgeNumber;
use crate::status::Status;
use crate::term::RecordBook;
use crate::{Error, Options};
use std::path::{Path, PathBuf};

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
    let site = &checked.site;
    let pledges = site.pledges.len();
    let date = site
        .home
        .meta
        .as_of
        .clone()
        .ok_or_else(|| anyhow::Error::new(msg!("snapshot_cmd.no_as_of")))?;
    if crate::calendar::Date::parse_reporting(&date).is_none() {
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
    let mut records = RecordBook::of(site);
    let lines = card_lines(site);
    // `--force` may redo a snapshot nobody has published yet, never change a recorded one.
    let same = records.rows(&date).is_some_and(|was| {
        was.len() == lines.len()
            && was
                .iter()
                .zip(&lines)
                .all(|(a, b)| a.number == *b.number && a.says(b.status, b.progress))
    });
    if replaced && records.has_rows(&date) && !same {
        let recorded = msg!(
            "snapshot_cmd.recorded",
            date = &date,
            file = shown_path(&rel)
        );
        return Err(anyhow::Error::new(recorded).into());
    }
    let english = checked.config.language == "en";
    let mut files = vec![recorded(
        &options.root,
        &date,
        &lines,
        english,
        &mut records,
    )];
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

/// One pledge's line of a snapshot being written: from its card, or from a sheet's row.
pub(crate) struct Line<'a> {
    pub number: &'a PledgeNumber,
    pub status: Status,
    pub progress: f64,
    pub note: &'a str,
}

/// The cards as snapshot lines, in the site's order.
pub(crate) fn card_lines(site: &Site) -> Vec<Line<'_>> {
    site.pledges
        .iter()
        .map(|p| Line {
            number: &p.card.number,
            status: p.card.status,
            progress: p.card.progress,
            note: p.card.status_reason.as_deref().unwrap_or_default(),
        })
        .collect()
}

/// The snapshot of `date` made of `lines`, put on record in `records`: the file to write.
pub(crate) fn recorded(
    root: &Path,
    date: &str,
    lines: &[Line],
    english: bool,
    records: &mut RecordBook,
) -> (PathBuf, Vec<u8>) {
    let rows = lines
        .iter()
        .map(|l| RecordRow {
            number: l.number.clone(),
            status: l.status,
            progress: l.progress,
            line: 0,
        })
        .collect();
    records.record(date, rows);
    (crate::term::snapshot_path(root, date), csv(lines, english))
}

/// Snapshot CSV with a BOM, so Excel (where planning offices keep these) shows Hangul.
fn csv(lines: &[Line], english: bool) -> Vec<u8> {
    let header = if english {
        ["number", "status", "progress", "note"]
    } else {
        ["번호", "상태", "추진율", "비고"]
    };
    let mut writer = crate::csv_out::Writer::with_bom();
    writer.row(header);
    for line in lines {
        let status = if english {
            line.status.key()
        } else {
            line.status.label_ko()
        };
        writer.row([
            line.number.as_str(),
            status,
            &crate::csv_out::number(line.progress),
            line.note,
        ]);
    }
    writer.finish()
}
