//! The whole term: the figures at every reporting date and each pledge's course. Snapshots
//! (`data/snapshots/*.csv`) are the past; the cards are the present, as of the site's date.
//! Every figure of the site comes from `dashboard::compute` over one reporting date's
//! entries, so the headline, tables, charts and report pages agree.

use crate::config::Config;
use crate::dashboard::{self, Dashboard, Entry};
use crate::model::{ContentChange, Pledge, Snapshot};
use crate::number::PledgeNumber;
use crate::status::Status;
use std::collections::HashMap;

#[derive(Debug, Clone, Default)]
pub struct History {
    /// Reporting dates, oldest first: every snapshot up to the present, then the present.
    pub reports: Vec<Report>,
    /// Each pledge's course, by slug.
    pub pledges: HashMap<String, PledgeHistory>,
}

#[derive(Debug, Clone)]
pub struct Report {
    /// `YYYY-MM-DD`; `None` only for a present without any as-of date.
    pub date: Option<String>,
    /// The present: the cards, not a snapshot.
    pub current: bool,
    pub figures: Dashboard,
    /// Each pledge's state at this date, in site order.
    pub marks: Vec<Mark>,
    /// What changed since the previous report.
    pub changes: Vec<Change>,
}

#[derive(Debug, Clone)]
pub struct Mark {
    pub slug: String,
    pub status: Status,
    pub progress: f64,
    pub note: String,
}

#[derive(Debug, Clone, Default)]
pub struct PledgeHistory {
    /// Status and progress at every reporting date the pledge was in, and now.
    pub points: Vec<Point>,
    /// Status changes and progress moves between points, and the card's `changes:`, by date.
    pub changes: Vec<Change>,
}

#[derive(Debug, Clone)]
pub struct Point {
    pub date: Option<String>,
    pub current: bool,
    pub status: Status,
    pub progress: f64,
    pub note: String,
    /// Where it was written: the index of its snapshot in the site's and its line; `None` for
    /// the card (the present).
    pub origin: Option<(usize, usize)>,
}

#[derive(Debug, Clone)]
pub struct Change {
    /// When it was seen (the later reporting date), or the date a content change was decided.
    pub date: Option<String>,
    /// The reporting date it is compared with.
    pub since: Option<String>,
    pub slug: String,
    pub number: PledgeNumber,
    pub title: String,
    pub kind: ChangeKind,
    pub note: String,
}

#[derive(Debug, Clone)]
pub enum ChangeKind {
    /// First reported at this date.
    Added {
        status: Status,
        progress: f64,
    },
    Status {
        from: Status,
        to: Status,
        from_progress: f64,
        to_progress: f64,
    },
    Progress {
        from: f64,
        to: f64,
    },
    /// An entry of the card's `changes:` (공약 변경 이력).
    Content(ContentChange),
}

impl ChangeKind {
    pub fn key(&self) -> &'static str {
        match self {
            ChangeKind::Added { .. } => "added",
            ChangeKind::Status { .. } => "status",
            ChangeKind::Progress { .. } => "progress",
            ChangeKind::Content(_) => "content",
        }
    }
}

impl History {
    /// The present: the cards, as of the site's date.
    pub fn present(&self) -> Option<&Report> {
        self.reports.last()
    }

    /// The present's figures: what the home page shows.
    pub fn figures(&self) -> &Dashboard {
        static EMPTY: std::sync::LazyLock<Dashboard> = std::sync::LazyLock::new(Dashboard::default);
        self.present().map_or(&EMPTY, |r| &r.figures)
    }

    /// The reporting dates before the present, for the home page's "since the last report".
    pub fn previous(&self) -> Option<&Report> {
        self.reports.len().checked_sub(2).map(|i| &self.reports[i])
    }
}

/// One reporting date's rows, in site order: (pledge index, status, progress, note, line).
struct Dated {
    date: Option<String>,
    /// The snapshot's index among the site's; `None` for the present.
    snapshot: Option<usize>,
    rows: Vec<(usize, Status, f64, String, usize)>,
}

/// The history of `pledges` (in site order) from the snapshots, with the cards as the present
/// at `present_date` (the site's as-of date). A snapshot dated after it is left out (`check`
/// reports it); one on the same date is replaced by the cards.
pub fn compute(
    pledges: &[Pledge],
    snapshots: &[Snapshot],
    present_date: Option<&str>,
    config: &Config,
) -> History {
    let mut courses: Vec<PledgeHistory> = vec![PledgeHistory::default(); pledges.len()];
    let mut reports: Vec<Report> = Vec::new();
    for (n, dated) in reporting_dates(pledges, snapshots, present_date)
        .into_iter()
        .enumerate()
    {
        let previous = reports.last().and_then(|r| r.date.clone());
        let mut changes = Vec::new();
        for (i, status, progress, note, line) in &dated.rows {
            let point = Point {
                date: dated.date.clone(),
                current: dated.snapshot.is_none(),
                status: *status,
                progress: *progress,
                note: note.clone(),
                origin: dated.snapshot.map(|s| (s, *line)),
            };
            let course = &mut courses[*i];
            if let Some(change) = change(&pledges[*i], course.points.last(), &point, n > 0) {
                if !matches!(change.kind, ChangeKind::Added { .. }) {
                    course.changes.push(change.clone());
                }
                changes.push(change);
            }
            course.points.push(point);
        }
        // Content changes decided after the previous report and by this one.
        for (i, ..) in dated.rows.iter().filter(|_| n > 0) {
            let pledge = &pledges[*i];
            for c in &pledge.card.changes {
                let after_previous = previous.as_deref().is_none_or(|d| c.date.as_str() > d);
                let by_this = dated.date.as_deref().is_none_or(|d| c.date.as_str() <= d);
                if after_previous && by_this {
                    changes.push(content_change(pledge, c, previous.clone()));
                }
            }
        }
        // Status changes first: they are what a report is read for.
        changes.sort_by_key(|c| match c.kind {
            ChangeKind::Status { .. } => 0,
            ChangeKind::Added { .. } => 1,
            ChangeKind::Content(_) => 2,
            ChangeKind::Progress { .. } => 3,
        });
        reports.push(report(pledges, dated, changes, config));
    }
    for (pledge, course) in pledges.iter().zip(courses.iter_mut()) {
        for c in &pledge.card.changes {
            course.changes.push(content_change(pledge, c, None));
        }
        // By date; status and progress changes seen at a report come after content changes
        // decided on the same day.
        course
            .changes
            .sort_by(|a, b| a.date.cmp(&b.date).then(kind_order(a).cmp(&kind_order(b))));
    }
    let slugs = pledges.iter().map(|p| p.slug.clone());
    History {
        reports,
        pledges: slugs.zip(courses).collect(),
    }
}

/// Every snapshot before the present with its rows matched to pledges, then the cards.
fn reporting_dates(
    pledges: &[Pledge],
    snapshots: &[Snapshot],
    present_date: Option<&str>,
) -> Vec<Dated> {
    let index: HashMap<&PledgeNumber, usize> = pledges
        .iter()
        .enumerate()
        .map(|(i, p)| (&p.card.number, i))
        .collect();
    let mut dates = Vec::new();
    for (s, snapshot) in snapshots.iter().enumerate() {
        if present_date.is_some_and(|d| snapshot.date.as_str() >= d) {
            continue;
        }
        let mut rows = Vec::new();
        let mut seen = vec![false; pledges.len()];
        for row in &snapshot.rows {
            if let Some(&i) = index.get(&row.number) {
                if !std::mem::replace(&mut seen[i], true) {
                    rows.push((i, row.status, row.progress, row.note.clone(), row.line));
                }
            }
        }
        rows.sort_by_key(|r| r.0);
        dates.push(Dated {
            date: Some(snapshot.date.clone()),
            snapshot: Some(s),
            rows,
        });
    }
    let present = pledges.iter().enumerate().map(|(i, p)| {
        let note = p.card.status_reason.clone().unwrap_or_default();
        (i, p.card.status, p.card.progress, note, 0)
    });
    dates.push(Dated {
        date: present_date.map(str::to_string),
        snapshot: None,
        rows: present.collect(),
    });
    dates
}

/// What changed for `pledge` from its `last` point to `point`; `later` when this is not the
/// first reporting date (a pledge first seen then was added).
fn change(pledge: &Pledge, last: Option<&Point>, point: &Point, later: bool) -> Option<Change> {
    let kind = match last {
        None if later => ChangeKind::Added {
            status: point.status,
            progress: point.progress,
        },
        None => return None,
        Some(last) if last.status != point.status => ChangeKind::Status {
            from: last.status,
            to: point.status,
            from_progress: last.progress,
            to_progress: point.progress,
        },
        Some(last) if (last.progress - point.progress).abs() > 1e-9 => ChangeKind::Progress {
            from: last.progress,
            to: point.progress,
        },
        Some(_) => return None,
    };
    Some(Change {
        date: point.date.clone(),
        since: last.and_then(|l| l.date.clone()),
        slug: pledge.slug.clone(),
        number: pledge.card.number.clone(),
        title: pledge.card.title.clone(),
        kind,
        note: point.note.clone(),
    })
}

/// A reporting date's figures (computed once, here) and each pledge's mark.
fn report(pledges: &[Pledge], dated: Dated, changes: Vec<Change>, config: &Config) -> Report {
    let entries: Vec<Entry> = dated
        .rows
        .iter()
        .map(|(i, status, progress, ..)| Entry {
            pledge: &pledges[*i],
            status: *status,
            progress: *progress,
        })
        .collect();
    let mut figures = dashboard::compute(&entries, config);
    // 목표달성도 of the years that had ended by this date: a report of 2025-06-30 cannot know
    // 2025's result.
    if let Some(date) = dated.date.as_deref().and_then(crate::calendar::Date::parse) {
        let year_over = |year: i32| {
            year < date.year
                || (year == date.year && date.month == Some(12) && date.day == Some(31))
        };
        figures.target_years.retain(|y| year_over(y.year));
    }
    Report {
        figures,
        marks: dated
            .rows
            .into_iter()
            .map(|(i, status, progress, note, _)| Mark {
                slug: pledges[i].slug.clone(),
                status,
                progress,
                note,
            })
            .collect(),
        changes,
        current: dated.snapshot.is_none(),
        date: dated.date,
    }
}

fn kind_order(c: &Change) -> u8 {
    match c.kind {
        ChangeKind::Content(_) => 0,
        _ => 1,
    }
}

fn content_change(pledge: &Pledge, c: &ContentChange, since: Option<String>) -> Change {
    Change {
        date: Some(c.date.clone()),
        since,
        slug: pledge.slug.clone(),
        number: pledge.card.number.clone(),
        title: pledge.card.title.clone(),
        kind: ChangeKind::Content(c.clone()),
        note: c.reason.clone(),
    }
}
