//! The snapshots against the cards: rows naming unknown pledges, snapshots dated after the
//! site's reporting date, cards not brought up to it, and courses that go backwards without a
//! 비고 saying why (progress going down, a done pledge no longer done).

use super::warn_at;
use crate::calendar::Date;
use crate::diagnostics::{shown_path, Diagnostic};
use crate::history::{History, Point};
use crate::load::snapshots::header;
use crate::messages::Message;
use crate::model::{Pledge, Site, SnapshotRow, Source};
use crate::number::PledgeNumber;
use std::collections::HashMap;

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
        if let (Some(present), Some(as_of)) = (present_date, card.as_of.as_deref()) {
            if ahead(as_of, present) {
                let message = msg!("history.as_of_ahead", as_of = as_of, present = present);
                problems.push(
                    super::at_key(&pledge.index, "as_of", message)
                        .hint(msg!("history.as_of_ahead_hint", as_of = as_of)),
                );
            }
        }
        if let (true, Some(present), Some(as_of)) = (reports, present_date, card.as_of.as_deref()) {
            if lags(as_of, present) {
                let message = msg!("history.as_of_lags", as_of = as_of, present = present);
                problems.push(
                    warn_at(&pledge.index, "as_of:", message).hint(msg!("history.as_of_lags_hint")),
                );
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
        problems.extend(reason_left_over(pledge, &course.points));
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
        let source = &snapshot.source;
        if let Some(present) = present_date.filter(|d| snapshot.date.as_str() > *d) {
            let date = &snapshot.date;
            let message = msg!("history.snapshot_after", date = date, present = present);
            problems.push(
                Diagnostic::error(&source.path, message)
                    .at(1, 1)
                    .hint(msg!("history.snapshot_after_hint")),
            );
            continue;
        }
        for row in &snapshot.rows {
            let Some(pledge) = by_number.get(&row.number) else {
                problems.push(unknown_number(source, row.line, &row.number, by_number));
                continue;
            };
            if row.status.is_done() && row.progress != 100.0 {
                let column = header(source, "progress");
                let message = msg!("history.done_below_100", number = &row.number)
                    .arg("status", row.status)
                    .arg("progress", row.progress);
                let hint = msg!("history.done_below_100_hint", column = &column);
                problems.push(
                    Diagnostic::warning(&source.path, in_row(message, row.line, column))
                        .at(row.line, 1)
                        .hint(hint),
                );
            }
            // The cards are the present: a snapshot of the present's date is replaced by them.
            if Some(snapshot.date.as_str()) == present_date {
                problems.extend(disagrees_with_card(source, row, pledge));
            }
        }
    }
    problems
}

/// A row of the snapshot of the site's own date that says other than the card: the site shows
/// the card, so the difference would go unseen.
fn disagrees_with_card(source: &Source, row: &SnapshotRow, pledge: &Pledge) -> Option<Diagnostic> {
    let card = &pledge.card;
    let same_status = row.status == card.status;
    let same_progress = (row.progress - card.progress).abs() < 1e-9;
    if same_status && same_progress {
        return None;
    }
    // The columns that say otherwise, by their headers.
    let columns: Vec<String> = [("status", same_status), ("progress", same_progress)]
        .into_iter()
        .filter(|(_, same)| !same)
        .map(|(id, _)| format!("`{}`", header(source, id)))
        .collect();
    let message = msg!("history.disagrees_with_card", number = &row.number)
        .arg("status", row.status)
        .arg("progress", row.progress)
        .arg("card_status", card.status)
        .arg("card_progress", card.progress)
        .arg("row", row.line)
        .arg("columns", columns.join(", "));
    let card = shown_path(&pledge.index.path);
    let hint = msg!("history.disagrees_with_card_hint", card = card);
    Some(
        Diagnostic::warning(&source.path, message)
            .at(row.line, 1)
            .hint(hint),
    )
}

/// `message` with the row and the header of the column it is about, as CSV problems name them.
fn in_row(message: Message, line: usize, column: String) -> Message {
    message.arg("row", line).arg("column", column)
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
            // A pledge merged or removed may leave the later reports.
            let may_leave = !row.status.is_counted();
            if !later.contains(&row.number) && by_number.contains_key(&row.number) && !may_leave {
                let (number, date) = (&row.number, &before.date);
                let message = msg!("history.missing_row", number = number, date = date);
                problems.push(
                    Diagnostic::error(&after.source.path, message)
                        .at(1, 1)
                        .hint(msg!("history.missing_row_hint")),
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
    let undone = before.status.is_done() && !after.status.is_done() && after.status.is_counted();
    if !undone && after.progress >= before.progress {
        return None;
    }
    let row = after
        .origin
        .and_then(|(s, line)| Some((&site.snapshots.get(s)?.source, line)));
    let message = match (undone, row.is_some()) {
        (true, false) => msg!("history.undone"),
        (true, true) => msg!("history.undone_row"),
        (false, false) => msg!("history.progress_down"),
        (false, true) => msg!("history.progress_down_row"),
    };
    let (was, is) = if undone {
        (before.status.to_string(), after.status.to_string())
    } else {
        (before.progress.to_string(), after.progress.to_string())
    };
    let date = |p: &Point| p.date.clone().unwrap_or_default();
    let message = message
        .arg("number", &pledge.card.number)
        .arg("before", was)
        .arg("after", is)
        .arg("before_date", date(before))
        .arg("after_date", date(after));
    Some(match row {
        Some((source, line)) => {
            let column = header(source, if undone { "status" } else { "progress" });
            let note = header(source, "note");
            Diagnostic::warning(&source.path, in_row(message, line, column))
                .at(line, 1)
                .hint(msg!("history.backwards_row_hint", row = line, note = note))
        }
        None => {
            warn_at(&pledge.index, "progress:", message).hint(msg!("history.backwards_card_hint"))
        }
    })
}

/// A 보류/폐기 reason still on a card whose pledge has resumed: it would be published as if the
/// pledge were still held up.
fn reason_left_over(pledge: &Pledge, points: &[Point]) -> Option<Diagnostic> {
    let card = &pledge.card;
    let reason = card.status_reason.as_deref().unwrap_or("").trim();
    let [.., before, now] = points else {
        return None;
    };
    let left = now.current && !card.status.needs_reason() && before.status.needs_reason();
    (left && !reason.is_empty()).then(|| {
        let message = msg!("history.reason_left_over", before = before.status)
            .arg("status", card.status)
            .arg("reason", reason);
        warn_at(&pledge.index, "status_reason:", message)
            .hint(msg!("history.reason_left_over_hint"))
    })
}

/// Whether the card is dated after the site's reporting date: its values would be published
/// under the site's (older) date, and recording that date would record them.
fn ahead(card: &str, site: &str) -> bool {
    match (Date::parse(card), Date::parse(site)) {
        (Some(card), Some(site)) if card.day.is_some() && site.day.is_some() => card > site,
        _ => false,
    }
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
    source: &Source,
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
        Some(near) => msg!("history.unknown_number_near_hint", near = near),
        None => msg!("history.unknown_number_hint"),
    };
    let message = msg!("history.unknown_number", number = number);
    Diagnostic::error(
        &source.path,
        in_row(message, line, header(source, "number")),
    )
    .at(line, 1)
    .hint(hint)
}
