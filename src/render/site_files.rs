//! Machine-readable files: open data (JSON, CSV), sitemap, robots.txt, .nojekyll.

use super::pages::Context;
use super::OutputFile;

/// The sitemap and the feed need full addresses: with a base URL such as `/` (a local build)
/// there are none, and robots.txt names no sitemap, rather than invalid relative ones.
pub fn all(cx: &Context) -> Vec<OutputFile> {
    let mut robots = String::from("User-agent: *\nAllow: /\n");
    let mut files = vec![
        OutputFile::bytes(
            "data/pledges.json",
            serde_json::to_string_pretty(cx.summaries).unwrap_or_default(),
        ),
        OutputFile::bytes("data/pledges.csv", pledges_csv(cx)),
        // GitHub Pages would otherwise run Jekyll and drop files starting with `_`.
        OutputFile::bytes(".nojekyll", ""),
    ];
    if cx.config.is_absolute() {
        robots.push_str(&format!(
            "Sitemap: {}sitemap.xml\n",
            cx.config.absolute_base()
        ));
        files.push(OutputFile::bytes("sitemap.xml", sitemap(cx)));
        files.push(OutputFile::bytes("feed.xml", feed(cx)));
    }
    files.push(OutputFile::bytes("robots.txt", robots));
    files
}

/// UTF-8 with a BOM, so Excel (what district staff open CSV files with) shows Hangul.
fn pledges_csv(cx: &Context) -> Vec<u8> {
    let mut writer = crate::csv_out::Writer::with_bom();
    let columns = [
        "number",
        "title",
        "area",
        "sub_area",
        "department",
        "term",
        "kind",
        "period",
        "executing_body",
        "status",
        "progress",
        "budget",
        "unit",
        "as_of",
        "url",
    ];
    writer.row(columns.map(|c| cx.strings.get(&format!("csv.{c}")).to_string()));
    let base = cx.config.absolute_base();
    for p in cx.summaries {
        let (total, unit) = p.budget.map_or((String::new(), String::new()), |b| {
            (b.total.to_string(), b.unit.clone())
        });
        writer.row([
            p.number.to_string(),
            p.title.to_string(),
            p.area.to_string(),
            p.sub_area.unwrap_or_default().to_string(),
            p.department.to_string(),
            p.term.to_string(),
            p.kind.to_string(),
            p.period.to_string(),
            p.executing_body.to_string(),
            p.status.label.to_string(),
            p.progress.to_string(),
            total,
            unit,
            p.as_of.unwrap_or_default().to_string(),
            format!("{base}{}", p.path),
        ]);
    }
    writer.finish()
}

fn sitemap(cx: &Context) -> String {
    let base = cx.config.absolute_base();
    let mut paths = vec![(String::new(), cx.site_view.as_of.clone())];
    for area in &cx.dashboard.areas {
        paths.push((area.path.clone(), None));
    }
    for p in cx.summaries {
        paths.push((p.path.clone(), p.as_of.map(str::to_string)));
    }
    let dates = cx.history.reports.iter().filter_map(|r| r.date.clone());
    let reports: Vec<(String, Option<String>)> = dates
        .map(|d| (super::history::report_path(&d), Some(d)))
        .collect();
    if !reports.is_empty() {
        paths.push(("reports/".into(), reports.last().and_then(|r| r.1.clone())));
        paths.extend(reports);
    }
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (path, lastmod) in paths {
        xml.push_str(&format!(
            "  <url><loc>{}</loc>",
            escape_xml(&format!("{base}{path}"))
        ));
        if let Some(date) = lastmod.filter(|d| d.len() == 10) {
            xml.push_str(&format!("<lastmod>{}</lastmod>", escape_xml(&date)));
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

/// Atom feed of pledge updates: one entry per pledge, newest as-of date first.
fn feed(cx: &Context) -> String {
    let base = cx.config.absolute_base();
    let stamp = |date: Option<&str>| {
        let d = date.and_then(crate::calendar::Date::parse);
        d.map_or("2000-01-01T00:00:00+09:00".to_string(), |d| {
            format!(
                "{:04}-{:02}-{:02}T00:00:00+09:00",
                d.year,
                d.month.unwrap_or(1),
                d.day.unwrap_or(1)
            )
        })
    };
    let mut entries: Vec<&super::views::PledgeSummary> = cx.summaries.iter().collect();
    entries.sort_by(|a, b| (b.as_of, a.number).cmp(&(a.as_of, b.number)));
    let changes = status_changes(cx);
    let newest_change = changes.first().and_then(|c| c.date.as_deref());
    let updated = entries
        .first()
        .and_then(|p| p.as_of)
        .max(newest_change)
        .map_or_else(|| stamp(cx.site_view.as_of.as_deref()), |d| stamp(Some(d)));
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n  <title>{}</title>\n  <id>{}</id>\n  <link href=\"{}\"/>\n  <link rel=\"self\" href=\"{}feed.xml\"/>\n  <updated>{updated}</updated>\n  <author><name>{}</name></author>\n",
        escape_xml(&cx.config.language),
        escape_xml(&cx.config.title),
        escape_xml(&base),
        escape_xml(&base),
        escape_xml(&base),
        escape_xml(if cx.config.organisation.is_empty() { &cx.config.title } else { &cx.config.organisation }),
    );
    for p in entries {
        let url = format!("{base}{}", p.path);
        let summary = cx.strings.fill(
            "feed.summary",
            &[
                ("status", &p.status.label),
                ("progress", &crate::format::number(p.progress)),
                ("summary", &p.summary),
            ],
        );
        xml.push_str(&format!(
            "  <entry>\n    <title>{}. {}</title>\n    <id>{}</id>\n    <link href=\"{}\"/>\n    <updated>{}</updated>\n    <summary>{}</summary>\n  </entry>\n",
            p.number,
            escape_xml(p.title),
            escape_xml(&url),
            escape_xml(&url),
            stamp(p.as_of),
            escape_xml(&summary)
        ));
    }
    for c in changes {
        xml.push_str(&status_change_entry(cx, &base, c, &stamp));
    }
    xml.push_str("</feed>\n");
    xml
}

/// The Atom entry of a status change (empty for other changes).
fn status_change_entry(
    cx: &Context,
    base: &str,
    c: &crate::history::Change,
    stamp: &dyn Fn(Option<&str>) -> String,
) -> String {
    let (
        crate::history::ChangeKind::Status {
            from,
            to,
            to_progress,
            ..
        },
        Some(date),
    ) = (&c.kind, c.date.as_deref())
    else {
        return String::new();
    };
    let url = format!("{base}{}", super::views::pledge_path(&c.slug));
    let title = cx.strings.fill(
        "feed.status_change",
        &[
            ("number", &c.number),
            ("title", &c.title),
            ("from", &cx.strings.status(*from)),
            ("to", &cx.strings.status(*to)),
        ],
    );
    let summary = cx.strings.fill(
        "feed.status_change_summary",
        &[
            ("date", &cx.strings.date(date)),
            ("to", &cx.strings.status(*to)),
            ("progress", &crate::format::number(*to_progress)),
            ("note", &c.note),
        ],
    );
    format!(
        "  <entry>\n    <title>{}</title>\n    <id>{}#history-{}</id>\n    <link href=\"{}\"/>\n    <updated>{}</updated>\n    <summary>{}</summary>\n  </entry>\n",
        escape_xml(&title),
        escape_xml(&url),
        escape_xml(date),
        escape_xml(&url),
        stamp(Some(date)),
        escape_xml(summary.trim_end_matches([' ', '·']).trim()),
    )
}

/// Status changes seen at every reporting date, newest first.
fn status_changes<'a>(cx: &Context<'a>) -> Vec<&'a crate::history::Change> {
    let mut changes: Vec<&crate::history::Change> = cx
        .history
        .reports
        .iter()
        .flat_map(|r| &r.changes)
        .filter(|c| matches!(c.kind, crate::history::ChangeKind::Status { .. }))
        .collect();
    changes.sort_by(|a, b| b.date.cmp(&a.date).then(a.number.cmp(&b.number)));
    changes
}

pub(crate) fn escape_xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
