//! Where each kind of page lives in the built site, relative to its root (`areas/economy/`):
//! the one place URLs are made, for pages, feeds, sitemaps and the `path` fields templates get.

pub fn pledge_path(slug: &str) -> String {
    format!("pledges/{slug}/")
}

pub fn area_path(slug: &str) -> String {
    format!("areas/{slug}/")
}

/// The report page of a reporting date: `reports/2025-06-30/`.
pub fn report_path(date: &str) -> String {
    format!("reports/{date}/")
}

/// A home-page chart's standalone file.
pub fn site_chart_path(name: &str) -> String {
    format!("charts/{name}.svg")
}
