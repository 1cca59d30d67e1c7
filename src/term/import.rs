//! `pledgesite import SHEET`: the planning office's sheet applied in one step. Rows are matched
//! to pledges by number (or title), every cell is checked, and what changes is shown pledge by
//! pledge before anything is written; any bad cell and nothing is written. The date decides
//! where the values go: the site's date → the cards; a later date → `quarter` first, then the
//! cards; an earlier date → that date's snapshot.

use super::quarter::{self, Started};
use super::sheet::columns::{self, Header};
use super::sheet::{self, Grid};
use super::{read_raw, snapshot_path, Checked, RecordBook};
use crate::calendar::Date;
use crate::dashboard::{self, Dashboard, Entry};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::edit::{Edit, FrontMatter};
use crate::messages::Message;
use crate::model::Pledge;
use crate::number::PledgeNumber;
use crate::snapshot::{recorded, Line};
use crate::status::Status;
use crate::{Error, Options};
use anyhow::anyhow;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

mod rows;

pub struct Request {
    pub sheet: PathBuf,
    pub date: Option<String>,
    pub sheet_name: Option<String>,
    pub dry_run: bool,
}

/// Where the sheet's values go.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    Cards,
    /// A new quarter from the site's date `from`.
    NewQuarter {
        from: String,
    },
    /// The snapshot of a past date.
    Past,
}

/// One pledge's values, as the card (or the past snapshot) has them and as the sheet says.
#[derive(Debug, Clone, PartialEq)]
pub struct Values {
    pub status: Status,
    pub progress: f64,
    pub reason: String,
}

pub struct Change {
    pub number: PledgeNumber,
    pub title: String,
    pub was: Option<Values>,
    pub now: Values,
}

pub struct Imported {
    pub date: String,
    pub target: Target,
    pub changes: Vec<Change>,
    pub unchanged: usize,
    /// Pledges the sheet has no row for: left as they are.
    pub missing: Vec<PledgeNumber>,
    pub figures: Dashboard,
    pub notes: Vec<Message>,
    /// Files written (relative to the root); none for `--dry-run`.
    pub written: Vec<PathBuf>,
    pub quarter: Option<Started>,
    pub warnings: Diagnostics,
}

impl Imported {
    /// Each pledge's change, `number title: was → now` (status, progress, reason), in the site's
    /// order: what `import` prints and the update screen shows.
    pub fn change_lines(&self, lang: crate::messages::Lang) -> Vec<String> {
        let values = |v: &Values| {
            let mut text = format!(
                "{} {}%",
                v.status.label(lang),
                crate::format::number(v.progress)
            );
            if !v.reason.is_empty() {
                text.push_str(&format!(" ({})", v.reason));
            }
            text
        };
        self.changes
            .iter()
            .map(|change| {
                let was = change
                    .was
                    .as_ref()
                    .map_or_else(|| msg!("import.new_value").render(lang), values);
                msg!(
                    "import.change_line",
                    number = &change.number,
                    title = &change.title
                )
                .arg("was", was)
                .arg("now", values(&change.now))
                .render(lang)
            })
            .collect()
    }
}

pub fn run(options: &Options, request: &Request) -> Result<Imported, Error> {
    let checked = super::load_checked(options)?;
    let site = &checked.site;
    let read = sheet::read(&request.sheet).map_err(|m| anyhow!(m))?;
    let (grid, header) = choose(&read.grids, request.sheet_name.as_deref(), &request.sheet)?;
    let shown = request.sheet.as_path();
    let parsed = rows::parse(&grid, &header, site, shown)?;
    let mut notes = read.notes;
    notes.extend(parsed.notes);
    let titled = columns::title_date(&grid, &header);
    let site_date = site.home.meta.as_of.clone();
    let date = match (&request.date, titled, &site_date) {
        (Some(given), ..) => given.clone(),
        (None, Some(titled), _) => {
            notes.push(msg!("import.date_from_title", date = &titled));
            titled
        }
        (None, None, Some(site)) => site.clone(),
        (None, None, None) => return Err(anyhow!(msg!("snapshot_cmd.no_as_of")).into()),
    };
    if Date::parse_reporting(&date).is_none() {
        return Err(anyhow!(msg!("quarter.not_a_date", date = &date)).into());
    }
    let site_date = site_date.unwrap_or_default();
    let target = if date == site_date {
        Target::Cards
    } else if date > site_date {
        Target::NewQuarter { from: site_date }
    } else {
        Target::Past
    };
    let (changes, unchanged) = compare(site, &parsed.values, &target, &date);
    let missing: Vec<PledgeNumber> = site
        .pledges
        .iter()
        .map(|p| p.card.number.clone())
        .filter(|n| !parsed.values.contains_key(n))
        .collect();
    let figures = figures(&checked, &parsed.values, &target);
    let mut imported = Imported {
        date,
        target,
        changes,
        unchanged,
        missing,
        figures,
        notes,
        written: Vec::new(),
        quarter: None,
        warnings: checked.warnings.clone(),
    };
    if request.dry_run {
        return Ok(imported);
    }
    // A sheet downloaded from the current report still names its date: its new values are
    // most likely the next quarter's, and would overwrite this report. Only `--date` says.
    if request.date.is_none() && imported.target == Target::Cards && !imported.changes.is_empty() {
        let message = msg!("import.date_needed", date = &imported.date);
        return Err(anyhow!(message).into());
    }
    write(options, &checked, &parsed.values, &mut imported)?;
    if !imported.written.is_empty() {
        imported.warnings = super::check_after(options)?;
    }
    Ok(imported)
}

/// Each pledge of the sheet whose values differ from what the date's report holds now (its
/// card, or the past snapshot), in the site's order; and how many are the same.
fn compare(
    site: &crate::model::Site,
    values: &HashMap<PledgeNumber, Values>,
    target: &Target,
    date: &str,
) -> (Vec<Change>, usize) {
    let past = (*target == Target::Past)
        .then(|| past_values(site, date))
        .flatten();
    let mut changes = Vec::new();
    let mut unchanged = 0;
    for pledge in &site.pledges {
        let number = &pledge.card.number;
        let Some(now) = values.get(number) else {
            continue;
        };
        let was = match target {
            Target::Past => past.as_ref().and_then(|p| p.get(number).cloned()),
            _ => Some(card_values(pledge)),
        };
        if was.as_ref() == Some(now) {
            unchanged += 1;
            continue;
        }
        changes.push(Change {
            number: number.clone(),
            title: pledge.card.title.clone(),
            was,
            now: now.clone(),
        });
    }
    (changes, unchanged)
}

/// The worksheet to read: the one named, or the first whose header row is found.
fn choose(grids: &[Grid], name: Option<&str>, path: &Path) -> Result<(Grid, Header), Error> {
    let file = crate::diagnostics::shown_path(path);
    if let Some(name) = name {
        let grid = grids
            .iter()
            .find(|g| g.sheet.as_deref() == Some(name))
            .ok_or_else(|| {
                let names: Vec<&str> = grids.iter().filter_map(|g| g.sheet.as_deref()).collect();
                anyhow!(msg!(
                    "import.no_such_sheet",
                    file = &file,
                    sheet = name,
                    sheets = names.join(", ")
                ))
            })?;
        let header =
            columns::find(grid).ok_or_else(|| anyhow!(msg!("import.no_header", file = &file)))?;
        return Ok((grid.clone(), header));
    }
    grids
        .iter()
        .find_map(|g| columns::find(g).map(|h| (g.clone(), h)))
        .ok_or_else(|| anyhow!(msg!("import.no_header", file = &file)).into())
}

pub(crate) fn card_values(pledge: &Pledge) -> Values {
    Values {
        status: pledge.card.status,
        progress: pledge.card.progress,
        reason: pledge.card.status_reason.clone().unwrap_or_default(),
    }
}

/// The rows of the snapshot of `date`, if there is one.
fn past_values(site: &crate::model::Site, date: &str) -> Option<HashMap<PledgeNumber, Values>> {
    let snapshot = site.snapshots.iter().find(|s| s.date == date)?;
    Some(
        snapshot
            .rows
            .iter()
            .map(|r| {
                let values = Values {
                    status: r.status,
                    progress: r.progress,
                    reason: r.note.clone(),
                };
                (r.number.clone(), values)
            })
            .collect(),
    )
}

/// The date's figures as they will be: the sheet's values, and the cards' for pledges it lacks
/// (a past date counts only the sheet's rows).
fn figures(
    checked: &Checked,
    values: &HashMap<PledgeNumber, Values>,
    target: &Target,
) -> Dashboard {
    let entries: Vec<Entry> = checked
        .site
        .pledges
        .iter()
        .filter_map(|p| {
            let (status, progress) = match (values.get(&p.card.number), target) {
                (Some(v), _) => (v.status, v.progress),
                (None, Target::Past) => return None,
                (None, _) => (p.card.status, p.card.progress),
            };
            Some(Entry {
                pledge: p,
                status,
                progress,
            })
        })
        .collect();
    dashboard::compute(&entries, &checked.config)
}

fn write(
    options: &Options,
    checked: &Checked,
    values: &HashMap<PledgeNumber, Values>,
    imported: &mut Imported,
) -> Result<(), Error> {
    let site = &checked.site;
    let root = &options.root;
    let (files, records, mut cards) = match &imported.target {
        Target::Past => {
            if imported.changes.is_empty() {
                return Ok(());
            }
            let path = snapshot_path(root, &imported.date);
            let mut records = RecordBook::of(site);
            if path.exists() {
                let message = msg!(
                    "import.past_exists",
                    date = &imported.date,
                    changes = imported.changes.len()
                );
                return Err(anyhow!(message).into());
            }
            // The sheet's rows in the site's order.
            let lines: Vec<Line> = site
                .pledges
                .iter()
                .filter_map(|p| {
                    let v = values.get(&p.card.number)?;
                    Some(Line {
                        number: &p.card.number,
                        status: v.status,
                        progress: v.progress,
                        note: &v.reason,
                    })
                })
                .collect();
            let english = checked.config.language == "en";
            let file = recorded(root, &imported.date, &lines, english, &mut records);
            (vec![file], records, HashMap::new())
        }
        Target::NewQuarter { .. } => {
            let plan = quarter::plan(options, checked, &imported.date)?;
            imported.quarter = Some(plan.started);
            (plan.files, plan.records, plan.cards)
        }
        Target::Cards => (Vec::new(), RecordBook::of(site), HashMap::new()),
    };
    if imported.target != Target::Past {
        let listed: Vec<(&Pledge, Option<FrontMatter>)> = site
            .pledges
            .iter()
            .filter(|p| values.contains_key(&p.card.number))
            .map(|p| (p, cards.remove(&p.index.path)))
            .collect();
        // Each card read, changed and read back on its own: side by side.
        let edited: Vec<(PathBuf, FrontMatter)> = listed
            .into_par_iter()
            .map(|(pledge, doc)| {
                let rel = pledge.index.path.clone();
                let doc = match doc {
                    Some(doc) => doc,
                    None => FrontMatter::new(read_raw(&root.join(&rel))?)
                        .map_err(|e| anyhow!("{}: {e}", rel.display()))?,
                };
                let doc = apply(doc, pledge, &values[&pledge.card.number], &imported.date)?;
                Ok((rel, doc))
            })
            .collect::<Result<_, Error>>()?;
        cards.extend(edited);
    }
    imported.written = super::write_all(root, files, &records, cards)?;
    Ok(())
}

/// The card's front matter with the sheet's values; `as_of` follows to the date.
pub(crate) fn apply(
    mut doc: FrontMatter,
    pledge: &Pledge,
    now: &Values,
    date: &str,
) -> Result<FrontMatter, Error> {
    let was = card_values(pledge);
    let rel = pledge.index.path.display().to_string();
    let fail = |e: crate::edit::EditError| anyhow!("{rel}: {e}");
    if was.status != now.status {
        // A card written with the English key keeps English keys.
        let english = doc.get("status").is_some_and(|s| s.is_ascii());
        let label = if english {
            now.status.key()
        } else {
            now.status.label_ko()
        };
        doc.set("status", Edit::Text(label), None).map_err(fail)?;
    }
    if was.progress != now.progress {
        doc.set(
            "progress",
            Edit::Plain(&crate::csv_out::number(now.progress)),
            None,
        )
        .map_err(fail)?;
    }
    if was.reason != now.reason && !(now.reason.is_empty() && doc.get("status_reason").is_none()) {
        doc.set("status_reason", Edit::Text(&now.reason), Some("status"))
            .map_err(fail)?;
    }
    // As the text now says: `quarter` may have moved it already.
    if doc.get("as_of").is_some_and(|d| d.as_str() < date) {
        doc.set("as_of", Edit::Plain(date), None).map_err(fail)?;
    }
    // What the card now says must read back as meant before anything is written.
    let card: serde_json::Value = crate::yaml::parse(doc.yaml(), pledge.index.path.as_path(), 1)
        .map_err(|d| anyhow!("{rel}: {}", d.message.render(crate::messages::Lang::Ko)))?;
    let reads = card.get("progress").and_then(serde_json::Value::as_f64) == Some(now.progress)
        && card
            .get("status")
            .and_then(|s| s.as_str())
            .and_then(Status::parse)
            == Some(now.status);
    if !reads {
        return Err(anyhow!(msg!("import.card_not_rewritten", file = &rel)).into());
    }
    Ok(doc)
}

/// A problem with one cell, named as Excel names it.
pub(crate) fn cell_problem(
    grid: &Grid,
    path: &Path,
    row: usize,
    column: usize,
    header: &str,
    message: Message,
) -> Diagnostic {
    let cell = grid.cell_name(row, column);
    let line = grid.origin.0 as usize + row + 1;
    let col = grid.origin.1 as usize + column + 1;
    Diagnostic::error(path, message.arg("cell", cell).arg("column", header)).at(line, col)
}
