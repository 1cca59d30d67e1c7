//! The snapshots against the cards: rows naming unknown pledges, snapshots dated after the
//! site's reporting date, cards not brought up to it, and courses that go backwards without a
//! 비고 saying why (progress going down, a done pledge no longer done).

use super::warn_at;
use crate::calendar::Date;
use crate::diagnostics::Diagnostic;
use crate::history::{History, Point};
use crate::model::{Pledge, Site};
use crate::number::PledgeNumber;
use std::collections::HashMap;
use std::path::PathBuf;

/// The site's snapshots and cards checked; `history` is the course of each pledge that
/// `history::compute` made from them, walked here for the steps that go backwards.
pub fn check(site: &Site, history: &History, present_date: Option<&str>) -> Vec<Diagnostic> {
    let by_number: HashMap<&PledgeNumber, &Pledge> =
        site.pledges.iter().map(|p| (&p.card.number, p)).collect();
    let mut problems = snapshot_rows(site, present_date, &by_number);
    problems.extend(missing_rows(site, &by_number));
    for pledge in &site.pledges {
        let card = &pledge.card;
        // Only a site that reports quarterly (has snapshots) has one reporting date for all.
        let reports = !site.snapshots.is_empty();
        if let (true, Some(present), Some(as_of)) = (reports, present_date, card.as_of.as_deref()) {
            if lags(as_of, present) {
                problems.push(warn_at(
                    &pledge.index,
                    "as_of:",
                    format!("as_of {as_of} is older than the site's reporting date {present}"),
                ).hint("check the pledge for this report: update status, progress and as_of on its card, even when nothing changed"));
            }
        }
        // A number used twice is an error of its own; its course would mix both pledges.
        let twice = by_number
            .get(&card.number)
            .is_some_and(|p| p.slug != pledge.slug);
        let Some(course) = history.pledges.get(&pledge.slug).filter(|_| !twice) else {
            continue;
        };
        for pair in course.points.windows(2) {
            problems.extend(backwards(site, pledge, &pair[0], &pair[1]));
        }
    }
    problems
}

/// Each snapshot row checked on its own and, for the snapshot of the site's own date, against
/// the cards.
fn snapshot_rows(
    site: &Site,
    present_date: Option<&str>,
    by_number: &HashMap<&PledgeNumber, &Pledge>,
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for snapshot in &site.snapshots {
        let path = &snapshot.source.path;
        if let Some(present) = present_date.filter(|d| snapshot.date.as_str() > *d) {
            problems.push(
                Diagnostic::error(path, format!("the snapshot is dated {}, after the site's reporting date {present}", snapshot.date))
                    .at(1, 1)
                    .hint("a snapshot records a past report: check the file name, or move `as_of` in content/_index.md to the new reporting date"),
            );
            continue;
        }
        for row in &snapshot.rows {
            let Some(pledge) = by_number.get(&row.number) else {
                problems.push(unknown_number(path, row.line, &row.number, by_number));
                continue;
            };
            if row.status.is_done() && row.progress != 100.0 {
                let message = format!(
                    "pledge {} is {} but its progress is {}",
                    row.number, row.status, row.progress
                );
                problems.push(
                    Diagnostic::warning(path, message)
                        .at(row.line, 1)
                        .hint("a done pledge has 추진율 100; correct the row or its status"),
                );
            }
            // The cards are the present: a snapshot of the present's date is replaced by them.
            if Some(snapshot.date.as_str()) == present_date {
                problems.extend(disagrees_with_card(path, row, pledge));
            }
        }
    }
    problems
}

/// A row of the snapshot of the site's own date that says other than the card: the site shows
/// the card, so the difference would go unseen.
fn disagrees_with_card(
    path: &PathBuf,
    row: &crate::model::SnapshotRow,
    pledge: &Pledge,
) -> Option<Diagnostic> {
    let card = &pledge.card;
    if row.status == card.status && (row.progress - card.progress).abs() < 1e-9 {
        return None;
    }
    Some(
        Diagnostic::warning(
            path,
            format!(
                "this row says pledge {} is {} at {}%, but its card says {} at {}%; the site shows the card",
                row.number, row.status, row.progress, card.status, card.progress
            ),
        )
        .at(row.line, 1)
        .hint(format!(
            "the cards are the report of the site's date: correct {}, or record the cards again with `pledgesite snapshot --force`",
            pledge.index.path.display()
        )),
    )
}

/// A pledge in one snapshot and missing from a later one (while its card is still there):
/// the later report would count one pledge fewer without saying so.
fn missing_rows(site: &Site, by_number: &HashMap<&PledgeNumber, &Pledge>) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for pair in site.snapshots.windows(2) {
        let (before, after) = (&pair[0], &pair[1]);
        let later: std::collections::HashSet<&PledgeNumber> =
            after.rows.iter().map(|r| &r.number).collect();
        for row in &before.rows {
            if !later.contains(&row.number) && by_number.contains_key(&row.number) {
                problems.push(
                    Diagnostic::warning(
                        &after.source.path,
                        format!(
                            "pledge {} is in the snapshot of {} but not in this one",
                            row.number, before.date
                        ),
                    )
                    .at(1, 1)
                    .hint("add its row (status and 추진율 at this date); a pledge merged or removed stays listed as 통폐합 or 공약 제외"),
                );
            }
        }
    }
    problems
}

/// A warning when the course goes backwards from `before` to `after` without a note.
fn backwards(site: &Site, pledge: &Pledge, before: &Point, after: &Point) -> Option<Diagnostic> {
    if !after.note.trim().is_empty() {
        return None;
    }
    let number = &pledge.card.number;
    let date = |p: &Point| p.date.clone().unwrap_or_default();
    let (before_date, after_date) = (date(before), date(after));
    let message = if before.status.is_done() && !after.status.is_done() && after.status.is_counted()
    {
        format!(
            "pledge {number} was {} on {before_date} and is {} on {after_date}",
            before.status, after.status
        )
    } else if after.progress < before.progress {
        format!(
            "the progress of pledge {number} went down from {} to {} between {before_date} and {after_date}",
            before.progress, after.progress
        )
    } else {
        return None;
    };
    let row = after
        .origin
        .and_then(|(s, line)| Some((&site.snapshots.get(s)?.source.path, line)));
    Some(match row {
        Some((path, line)) => Diagnostic::warning(path, message)
            .at(line, 1)
            .hint("if this is right, say why in the row's 비고 column (readers will ask); otherwise correct the row"),
        None => warn_at(&pledge.index, "progress:", message)
            .hint("if this is right, say why in `status_reason:` (readers will ask); otherwise correct the card"),
    })
}

/// Whether the card's as-of date is before the site's, at the card's precision.
fn lags(card: &str, site: &str) -> bool {
    let (Some(card), Some(site)) = (Date::parse(card), Date::parse(site)) else {
        return false;
    };
    let key = |d: &Date, precise: bool| {
        (
            d.year,
            d.month.unwrap_or(if precise { 1 } else { 12 }),
            d.day.unwrap_or(if precise { 1 } else { 31 }),
        )
    };
    key(&card, false) < key(&site, true)
}

fn unknown_number(
    path: &PathBuf,
    line: usize,
    number: &PledgeNumber,
    known: &HashMap<&PledgeNumber, &Pledge>,
) -> Diagnostic {
    // Spacing, case and punctuation aside, and ① written as 1.
    let squash = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .map(|c| match c {
                '\u{2460}'..='\u{2468}' => char::from(b'1' + (c as u32 - 0x2460) as u8),
                _ => c,
            })
            .flat_map(char::to_lowercase)
            .collect()
    };
    let wanted = squash(number.as_str());
    let close = known
        .keys()
        .find(|k| squash(k.as_str()) == wanted)
        .map(|k| k.as_str().to_string());
    let hint = match close {
        Some(k) => format!("did you mean {k}? write the number exactly as on the pledge's card"),
        None => "the number must be a pledge card's `number:`; remove the row if the pledge was deleted, or check for a typo".into(),
    };
    Diagnostic::error(path, format!("no pledge has the number {number}"))
        .at(line, 1)
        .hint(hint)
}
