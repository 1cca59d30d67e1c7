//! The part of the site made from every pledge at once: the pages that list them all (home,
//! areas, reports, feed, open data) and the checks across pledges. `serve` keeps it while
//! edits change only pledges' texts.

use super::Session;
use crate::chart::Chart;
use crate::diagnostics::Diagnostic;
use crate::history::History;
use crate::model::Pledge;
use crate::render::{self, Output};
use crate::validate::{self, links::LinkTargets};
use std::collections::{BTreeMap, BTreeSet};

impl Session {
    /// Whether every `dirty` pledge is still loaded and reads, to the pages listing every
    /// pledge, as it did.
    pub(super) fn facing_unchanged(&self, dirty: &BTreeSet<String>) -> bool {
        dirty.iter().all(|slug| {
            let now = self.site.pledges.iter().find(|p| &p.slug == slug);
            let before = self.pledges.get(slug);
            matches!((now, before), (Some(p), Some(c)) if facing(p) == c.facing)
        })
    }

    /// The `number:` written in each bundle whose card failed to load, read from its text.
    fn unloaded_numbers(&self) -> Vec<String> {
        let failed = self
            .load_problems
            .iter()
            .filter(|(_, problems)| problems.iter().any(Diagnostic::is_error))
            .map(|(dir, _)| self.options.root.join(dir).join("index.md"));
        failed
            .filter_map(|index| std::fs::read_to_string(index).ok())
            .filter_map(|text| {
                let line = text.lines().find(|l| l.starts_with("number:"))?;
                let value = line["number:".len()..].split(" #").next()?.trim();
                Some(value.trim_matches(['"', '\'']).to_string())
            })
            .collect()
    }

    /// The pages that list every pledge and the checks across pledges.
    pub(super) fn site_part(
        &self,
        history: &History,
        home_charts: &[Chart],
        items: &BTreeMap<String, String>,
    ) -> SitePart {
        // A card that failed to load is not in the site, but the snapshots and other cards
        // (`merged_into`) still name it: one typo in its `status:` must not also read as "no
        // pledge has this number" elsewhere, with a "did you mean" pointing at another pledge.
        let unloaded = self.unloaded_numbers();
        let names_unloaded = |d: &Diagnostic| {
            let arg = match d.message.key() {
                "history.unknown_number" => "number",
                "check.merged_into_unknown" => "target",
                _ => return false,
            };
            d.message
                .arg_value(arg)
                .is_some_and(|n| unloaded.iter().any(|u| u == n))
        };
        let mut checks = validate::across_pledges(&self.site, &self.config);
        checks.extend(validate::history::check(
            &self.site,
            history,
            self.present_date().as_deref(),
        ));
        checks.retain(|d| !names_unloaded(d));
        checks.extend(validate::records::check(
            &self.site,
            self.present_date().as_deref(),
        ));
        // Without templates there are no pages; their problems are reported in `finish`.
        let page = self
            .inputs(history, home_charts)
            .map(|inputs| render::site_pages(&inputs, items))
            .unwrap_or_default();
        SitePart {
            checks,
            targets: LinkTargets::of(&page.files),
            page,
            home_charts: home_charts.len(),
        }
    }
}

/// What the pages listing every pledge read of one pledge: its card, data and slug, and the
/// texts problems about them point into (the front matter and the data files).
pub(super) fn facing(p: &Pledge) -> u128 {
    let mut key = crate::hash::Key128::default();
    let _ = serde_json::to_writer(&mut key, &(&p.slug, &p.card, &p.data));
    key.add(
        crate::yaml::front_matter_of(&p.index.text)
            .unwrap_or("")
            .as_bytes(),
    );
    for text in p.data_sources.texts() {
        key.add(text.as_bytes());
    }
    key.finish()
}

/// The pages that list every pledge (home, areas, reports, feed, open data) and the checks
/// across pledges: what `serve` keeps while edits touch only pledges' texts.
#[derive(Clone)]
pub(super) struct SitePart {
    pub checks: Vec<Diagnostic>,
    pub page: Output,
    pub targets: LinkTargets,
    pub home_charts: usize,
}
