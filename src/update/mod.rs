//! The quarterly update screen's rules (issue "The quarterly update screen"): a draft of the
//! quarter's values — each pledge's status, progress and reason as typed in the form — checked
//! by exactly the rules `check` uses, so the screen has no second implementation of them.
//! The values are put on a copy of the site's cards; the card checks and the checks against
//! the past reports run on that copy; each problem comes back to its pledge's row.

use crate::diagnostics::Diagnostic;
use crate::model::Site;
use crate::number::PledgeNumber;
use crate::status::Status;
use crate::validate::TermDates;
use std::collections::BTreeMap;

/// One row of the form as typed: nothing parsed yet.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Draft {
    pub status: String,
    pub progress: String,
    pub reason: String,
}

/// The form's fields (`status[<number>]`, `progress[<number>]`, `reason[<number>]`), as the
/// browser posts them, gathered by pledge; other fields are left to the caller.
pub fn drafts_from_form<'a>(
    fields: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> BTreeMap<String, Draft> {
    let mut drafts: BTreeMap<String, Draft> = BTreeMap::new();
    for (name, value) in fields {
        let Some((field, rest)) = name.split_once('[') else {
            continue;
        };
        let Some(number) = rest.strip_suffix(']') else {
            continue;
        };
        let draft = drafts.entry(number.to_string()).or_default();
        match field {
            "status" => draft.status = value.trim().to_string(),
            "progress" => draft.progress = value.trim().to_string(),
            "reason" => draft.reason = value.trim().to_string(),
            _ => {}
        }
    }
    drafts
}

/// The problems of each row of `drafts` (by pledge number as written in the form): errors and
/// warnings as `check` would report them for the cards with these values. A number the site
/// has no pledge for is an error of its own row.
pub fn check(
    site: &Site,
    term: Option<&TermDates>,
    config: &crate::config::Config,
    drafts: &BTreeMap<String, Draft>,
) -> BTreeMap<String, Vec<Diagnostic>> {
    let mut rows: BTreeMap<String, Vec<Diagnostic>> = BTreeMap::new();
    let mut draft_site = site.clone();
    let mut rows_of: BTreeMap<std::path::PathBuf, String> = BTreeMap::new();
    for (number, draft) in drafts {
        let problems = rows.entry(number.clone()).or_default();
        let Some(pledge) = draft_site
            .pledges
            .iter_mut()
            .find(|p| p.card.number.as_str() == number)
        else {
            problems.push(Diagnostic::error(
                "content/pledges",
                msg!("update.unknown_number", number = number),
            ));
            continue;
        };
        rows_of.insert(pledge.index.path.clone(), number.clone());
        match Status::parse(&draft.status) {
            Some(status) => pledge.card.status = status,
            None => problems.push(bad_status(&pledge.index.path, &draft.status)),
        }
        match parse_progress(&draft.progress) {
            Some(progress) => pledge.card.progress = progress,
            None => problems.push(
                Diagnostic::error(
                    &pledge.index.path,
                    msg!("import.bad_progress", value = &draft.progress),
                )
                .hint(msg!("import.progress_hint")),
            ),
        }
        pledge.card.status_reason = Some(draft.reason.clone()).filter(|r| !r.is_empty());
    }
    let present = site.home.meta.as_of.clone();
    let history = crate::history::compute(
        &draft_site.pledges,
        &draft_site.snapshots,
        present.as_deref(),
        config,
    );
    let mut found: Vec<Diagnostic> = draft_site
        .pledges
        .iter()
        .filter(|p| rows_of.contains_key(&p.index.path))
        .flat_map(|p| crate::validate::pledge(p, term))
        .collect();
    found.extend(crate::validate::history::check(
        &draft_site,
        &history,
        present.as_deref(),
    ));
    for d in found {
        if let Some(number) = rows_of.get(&d.path) {
            rows.entry(number.clone()).or_default().push(d);
        }
    }
    rows
}

/// A progress as typed: `85`, `85.5`, `85%`.
fn parse_progress(text: &str) -> Option<f64> {
    let value: f64 = text.trim().trim_end_matches('%').trim().parse().ok()?;
    value.is_finite().then_some(value)
}

fn bad_status(path: &std::path::Path, text: &str) -> Diagnostic {
    let hint = match Status::suggestion(text) {
        Some(near) => msg!("import.status_near_hint", near = near),
        None => msg!("import.status_hint", valid = Status::valid_values()),
    };
    Diagnostic::error(path, msg!("import.bad_status", value = text)).hint(hint)
}

/// The draft of every pledge as its card says now: what the screen shows first.
pub fn drafts_of(site: &Site) -> BTreeMap<String, Draft> {
    site.pledges
        .iter()
        .map(|p| {
            let number: &PledgeNumber = &p.card.number;
            (
                number.as_str().to_string(),
                Draft {
                    status: p.card.status.label_ko().to_string(),
                    progress: crate::format::number(p.card.progress).replace(',', ""),
                    reason: p.card.status_reason.clone().unwrap_or_default(),
                },
            )
        })
        .collect()
}

/// The date's figures (완료율, 평균 추진율, 임기내 이행률, counts by status) as they will be with
/// the draft's values; a row whose values do not read counts as its card says.
pub fn figures(
    site: &Site,
    config: &crate::config::Config,
    drafts: &BTreeMap<String, Draft>,
) -> crate::dashboard::Dashboard {
    let entries: Vec<crate::dashboard::Entry> = site
        .pledges
        .iter()
        .map(|p| {
            let draft = drafts.get(p.card.number.as_str());
            let status = draft.and_then(|d| Status::parse(&d.status));
            let progress = draft.and_then(|d| parse_progress(&d.progress));
            crate::dashboard::Entry {
                pledge: p,
                status: status.unwrap_or(p.card.status),
                progress: progress.unwrap_or(p.card.progress),
            }
        })
        .collect();
    crate::dashboard::compute(&entries, config)
}

/// `version[<number>]` of the form: the card's version when the page was loaded.
pub fn versions_from_form<'a>(
    fields: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> BTreeMap<String, String> {
    fields
        .into_iter()
        .filter_map(|(name, value)| {
            let number = name.strip_prefix("version[")?.strip_suffix(']')?;
            Some((number.to_string(), value.to_string()))
        })
        .collect()
}

mod save;
pub use save::{save, version_of, versions, Saved};

#[cfg(test)]
mod tests;
