//! What templates see: plain serialisable views of the model, with URLs worked out.

use crate::config::{Config, Operator, Term};
use crate::i18n::Strings;
use crate::model::{BudgetTotal, Pledge};
use crate::status::Status;
pub use crate::urls::{area_path, pledge_path};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize)]
pub struct SiteView<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub organisation: &'a str,
    pub language: &'a str,
    pub base_url: &'a str,
    pub base_path: String,
    pub term: Option<&'a Term>,
    pub extra: &'a BTreeMap<String, serde_json::Value>,
    /// Date shown as "기준일" on every page.
    pub as_of: Option<String>,
    /// Whether the site has report pages (`reports/`) and a history to link to.
    pub reports: bool,
    /// Whether the base URL is a full address: only then are there a sitemap and a feed.
    pub absolute: bool,
    pub operator: Option<&'a Operator>,
    /// The page icon's path: the site's own if it has one, else the theme's `favicon.svg`.
    pub favicon: &'static str,
    /// The site's own typeface, when `font:` gives one: its family and subset files.
    pub font: Option<crate::fonts::FontView>,
}

impl<'a> SiteView<'a> {
    pub fn new(config: &'a Config, as_of: Option<String>, reports: bool) -> Self {
        SiteView {
            title: &config.title,
            description: &config.description,
            organisation: &config.organisation,
            language: &config.language,
            base_url: &config.base_url,
            base_path: config.base_path(),
            term: config.term.as_ref(),
            extra: &config.extra,
            as_of,
            reports,
            absolute: config.is_absolute(),
            operator: config.operator.as_ref(),
            favicon: "favicon.svg",
            font: None,
        }
    }
}

#[derive(Serialize)]
pub struct PageView<'a> {
    pub title: &'a str,
    /// Path of the page relative to the site root, e.g. `pledges/16-better-jobs/`.
    pub path: String,
    pub description: String,
    pub kind: &'static str,
}

#[derive(Serialize, Clone)]
pub struct StatusView {
    pub key: &'static str,
    pub label: String,
    pub icon: &'static str,
    pub colour: &'static str,
    pub done: bool,
    pub counted: bool,
}

impl StatusView {
    pub fn new(s: Status, strings: &Strings) -> Self {
        StatusView {
            key: s.key(),
            label: strings.status(s),
            icon: s.icon(),
            colour: s.colour(),
            done: s.is_done(),
            counted: s.is_counted(),
        }
    }
}

/// The pledge card with its URLs; also the record of `data/pledges.json`.
#[derive(Serialize)]
pub struct PledgeSummary<'a> {
    pub slug: &'a str,
    pub path: String,
    pub number: &'a crate::number::PledgeNumber,
    pub title: &'a str,
    pub area: &'a str,
    pub sub_area: Option<&'a str>,
    pub area_slug: String,
    pub area_path: String,
    pub department: &'a str,
    pub term: &'a str,
    pub kind: &'a str,
    pub period: &'a str,
    pub executing_body: &'a str,
    pub status: StatusView,
    pub status_reason: Option<&'a str>,
    pub merged_into: Option<&'a crate::number::PledgeNumber>,
    pub progress: f64,
    pub budget: Option<&'a BudgetTotal>,
    pub as_of: Option<&'a str>,
    pub summary: &'a str,
    pub extra: &'a BTreeMap<String, serde_json::Value>,
}

pub fn area_slug(config: &Config, area: &str) -> String {
    config.area_slug(area)
}

impl<'a> PledgeSummary<'a> {
    pub fn new(pledge: &'a Pledge, config: &Config, strings: &Strings) -> Self {
        let card = &pledge.card;
        let area_slug = area_slug(config, &card.area);
        PledgeSummary {
            slug: &pledge.slug,
            path: pledge_path(&pledge.slug),
            number: &card.number,
            title: &card.title,
            area: &card.area,
            sub_area: card.sub_area.as_deref(),
            area_path: area_path(&area_slug),
            area_slug,
            department: &card.department,
            term: &card.term,
            kind: &card.kind,
            period: &card.period,
            executing_body: &card.executing_body,
            status: StatusView::new(card.status, strings),
            status_reason: card.status_reason.as_deref(),
            merged_into: card.merged_into.as_ref(),
            progress: card.progress,
            budget: card.budget.as_ref(),
            as_of: card.as_of.as_deref(),
            summary: &card.summary,
            extra: &card.extra,
        }
    }
}
