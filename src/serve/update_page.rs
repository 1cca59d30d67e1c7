//! The update screen's HTML: one form, one table per area, every field labelled, each row's
//! problems beside it and named by the fields (`aria-describedby`), in the site's language.
//! It works without JavaScript: the form posts, and the answer is the screen again.

use super::update::PATH;
use crate::diagnostics::Diagnostic;
use crate::messages::{Lang, Message};
use crate::model::{Pledge, Site};
use crate::render::escape_xml as esc;
use crate::status::Status;
use crate::term::import::Values;
use crate::update::Draft;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The page's script: as values change, the server checks the draft by `check`'s rules and
/// the figures and each row's problems are taken from its answer (the same screen, rendered
/// with the draft). Without it the form still saves and answers with the same.
const LIVE: &str = r#"(function () {
  var form = document.querySelector("form.update-values");
  if (!form || !window.fetch || !window.DOMParser) return;
  var timer = null;
  function refresh() {
    var body = new URLSearchParams(new FormData(form));
    fetch("/_update/check", { method: "POST", body: body }).then(function (r) {
      return r.ok ? r.text() : null;
    }).then(function (html) {
      if (!html) return;
      var next = new DOMParser().parseFromString(html, "text/html");
      var figures = next.querySelector(".report-summary");
      var now = document.querySelector(".report-summary");
      if (figures && now && figures.innerHTML !== now.innerHTML) now.innerHTML = figures.innerHTML;
      next.querySelectorAll("td.p").forEach(function (cell) {
        var mine = document.getElementById(cell.id);
        if (mine && mine.innerHTML !== cell.innerHTML) mine.innerHTML = cell.innerHTML;
        if (!mine) return;
        var invalid = !!cell.querySelector(".err");
        mine.parentNode.querySelectorAll("select, input[type=number]").forEach(function (field) {
          if (invalid) field.setAttribute("aria-invalid", "true"); else field.removeAttribute("aria-invalid");
        });
      });
    }).catch(function () {});
  }
  form.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(refresh, 300); });
  form.addEventListener("change", function () { clearTimeout(timer); timer = setTimeout(refresh, 50); });
})();"#;

pub struct Screen<'a> {
    pub site: &'a Site,
    pub figures: &'a crate::dashboard::Dashboard,
    pub drafts: &'a BTreeMap<String, Draft>,
    pub problems: &'a BTreeMap<String, Vec<Diagnostic>>,
    pub conflicts: &'a BTreeMap<String, Values>,
    pub versions: &'a BTreeMap<String, String>,
    pub token: &'a str,
    /// After a save: the cards written.
    pub written: Option<&'a [PathBuf]>,
    /// After starting a quarter or recording the report: what the command said.
    pub notice: Option<&'a str>,
    /// After a sheet's preview: its upload and date, to apply it.
    pub apply: Option<(&'a str, Option<&'a str>)>,
    pub lang: Lang,
}

impl Screen<'_> {
    /// A message as HTML: escaped, its `code` spans as `<code>`.
    fn t(&self, message: Message) -> String {
        esc(&message.render(self.lang))
            .split('`')
            .enumerate()
            .map(|(i, part)| {
                if i % 2 == 1 {
                    format!("<code>{part}</code>")
                } else {
                    part.to_string()
                }
            })
            .collect()
    }

    fn status_label(&self, status: Status) -> &'static str {
        status.label(self.lang)
    }
}

pub fn html(s: &Screen) -> String {
    let date = s.site.home.meta.as_of.clone().unwrap_or_default();
    let title = s.t(msg!("update.title", date = &date));
    let mut out = format!(
        "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title}</title>\n<link rel=\"stylesheet\" href=\"/style.css\">\n<style>.update td input,.update td select{{font:inherit;width:100%;min-height:2.25rem}}.update td.p{{min-width:9rem}}.update .err{{color:#a3211a;font-weight:700}}.update .warn{{color:#6b4a00}}</style>\n</head>\n<body>\n<main id=\"main\" class=\"wrap update\">\n<h1>{title}</h1>\n<p>{intro}</p>\n",
        lang = if s.lang == Lang::En { "en" } else { "ko" },
        intro = s.t(msg!("update.intro")),
    );
    if let Some(notice) = s.notice {
        out.push_str(&format!(
            "<div role=\"status\" class=\"update-result\"><pre>{}</pre>",
            esc(notice)
        ));
        if let Some((id, date)) = s.apply {
            out.push_str(&format!(
                "<form method=\"post\" action=\"/_update/import\" enctype=\"multipart/form-data\"><input type=\"hidden\" name=\"token\" value=\"{}\"><input type=\"hidden\" name=\"upload\" value=\"{}\"><input type=\"hidden\" name=\"date\" value=\"{}\"><button type=\"submit\">{}</button></form>",
                esc(s.token),
                esc(id),
                esc(date.unwrap_or("")),
                s.t(msg!("update.apply_sheet"))
            ));
        }
        out.push_str("</div>\n");
    }
    out.push_str(&outcome(s));
    out.push_str(&figures(s));
    out.push_str(&actions(s, &date));
    out.push_str(&format!(
        "<form class=\"update-values\" method=\"post\" action=\"{PATH}\">\n<input type=\"hidden\" name=\"token\" value=\"{}\">\n",
        esc(s.token)
    ));
    let mut areas: Vec<&str> = Vec::new();
    for p in &s.site.pledges {
        if !areas.contains(&p.card.area.as_str()) {
            areas.push(&p.card.area);
        }
    }
    let previous = previous_report(s.site, &date);
    for area in areas {
        let pledges: Vec<&Pledge> = s
            .site
            .pledges
            .iter()
            .filter(|p| p.card.area == area)
            .collect();
        out.push_str(&area_table(s, area, &pledges, &previous));
    }
    out.push_str(&format!(
        "<p><button type=\"submit\">{}</button></p>\n</form>\n</main>\n<script>{LIVE}</script>\n</body>\n</html>\n",
        s.t(msg!("update.save"))
    ));
    out
}

/// What the last save did: the cards written, or that nothing changed; the conflicts.
fn outcome(s: &Screen) -> String {
    let Some(written) = s.written else {
        return String::new();
    };
    let mut out = String::from("<div role=\"status\" class=\"update-result\">");
    if written.is_empty() {
        out.push_str(&format!("<p>{}</p>", s.t(msg!("update.nothing_written"))));
    } else {
        out.push_str(&format!(
            "<p>{}</p><ul>",
            s.t(msg!("update.written", count = written.len()))
        ));
        for file in written {
            out.push_str(&format!(
                "<li><code>{}</code></li>",
                esc(&crate::diagnostics::shown_path(file))
            ));
        }
        out.push_str("</ul>");
    }
    // Rows naming no pledge of the site (a stale page, a forged field) are said here.
    for (number, problems) in s.problems {
        if !s
            .site
            .pledges
            .iter()
            .any(|p| p.card.number.as_str() == number)
        {
            for d in problems {
                out.push_str(&format!("<p class=\"err\">{}</p>", s.t(d.message.clone())));
            }
        }
    }
    let errors: usize = s
        .problems
        .values()
        .flatten()
        .filter(|d| d.is_error())
        .count();
    if errors > 0 || !s.conflicts.is_empty() {
        out.push_str(&format!(
            "<p class=\"err\">{}</p>",
            s.t(msg!(
                "update.left",
                errors = errors,
                conflicts = s.conflicts.len()
            ))
        ));
    }
    out.push_str("</div>\n");
    out
}

/// The other things a quarter needs: a new reporting date, recording this one, the sheet.
fn actions(s: &Screen, date: &str) -> String {
    let token = esc(s.token);
    let sheet = format!("/reports/{d}/checklist-{d}.xlsx", d = esc(date));
    format!(
        "<details class=\"update-actions\"><summary>{more}</summary>\n<form method=\"post\" action=\"/_update/quarter\"><input type=\"hidden\" name=\"token\" value=\"{token}\"><label>{new_date} <input type=\"date\" name=\"date\" required></label> <button type=\"submit\">{start}</button></form>\n<form method=\"post\" action=\"/_update/snapshot\"><input type=\"hidden\" name=\"token\" value=\"{token}\"><button type=\"submit\">{record}</button></form>\n<form method=\"post\" action=\"/_update/import\" enctype=\"multipart/form-data\"><input type=\"hidden\" name=\"token\" value=\"{token}\">\
<label>{sheet_label} <input type=\"file\" name=\"sheet\" accept=\".xlsx,.xls,.ods,.csv\" required></label> \
<label>{date_label} <input type=\"date\" name=\"date\"></label> <button type=\"submit\">{preview}</button></form>\n\
<p><a href=\"{sheet}\" download>{download}</a></p>\n</details>\n",
        more = s.t(msg!("update.more")),
        new_date = s.t(msg!("update.new_date")),
        start = s.t(msg!("update.start_quarter")),
        record = s.t(msg!("update.record")),
        download = s.t(msg!("update.download")),
        sheet_label = s.t(msg!("update.sheet")),
        date_label = s.t(msg!("update.sheet_date")),
        preview = s.t(msg!("update.preview_sheet")),
    )
}

/// What `import` found (and wrote), as `pledgesite import` prints it.
pub fn imported_text(imported: &crate::term::import::Imported, lang: Lang) -> String {
    let mut lines = vec![msg!(
        "import.preview_head",
        file = "sheet",
        date = &imported.date,
        changes = imported.changes.len(),
        unchanged = imported.unchanged
    )
    .render(lang)];
    lines.extend(imported.change_lines(lang));
    if !imported.written.is_empty() {
        lines.push(msg!("update.written", count = imported.written.len()).render(lang));
    }
    lines.join("\n")
}

/// The date's figures with the form's values, as the report will show them.
fn figures(s: &Screen) -> String {
    let f = s.figures;
    let rate = |r: Option<f64>| r.map_or_else(|| "-".to_string(), crate::format::rate);
    let statuses: Vec<String> = f
        .statuses
        .iter()
        .filter(|c| c.count > 0)
        .map(|c| {
            let status = Status::ALL.iter().find(|st| st.key() == c.key);
            let label = status.map_or(c.key, |st| s.status_label(*st));
            format!("{} {label} {}", c.icon, c.count)
        })
        .collect();
    let text = msg!(
        "update.figures",
        counted = f.counted,
        done = f.done,
        completion = rate(f.completion_rate),
        mean = rate(f.mean_progress),
        in_term = rate(f.in_term.rate)
    )
    .arg("statuses", statuses.join(", "));
    format!(
        "<p class=\"report-summary\" aria-live=\"polite\">{}</p>\n",
        s.t(text)
    )
}

/// Each pledge's values in the last report before `date`, by number.
fn previous_report(site: &Site, date: &str) -> BTreeMap<String, (Status, f64)> {
    site.snapshots
        .iter()
        .rev()
        .find(|s| s.date.as_str() < date)
        .map(|s| {
            s.rows
                .iter()
                .map(|r| (r.number.as_str().to_string(), (r.status, r.progress)))
                .collect()
        })
        .unwrap_or_default()
}

fn area_table(
    s: &Screen,
    area: &str,
    pledges: &[&Pledge],
    previous: &BTreeMap<String, (Status, f64)>,
) -> String {
    let head = [
        msg!("update.col_number"),
        msg!("update.col_title"),
        msg!("update.col_previous"),
        msg!("update.col_status"),
        msg!("update.col_progress"),
        msg!("update.col_reason"),
        msg!("update.col_problems"),
    ];
    // On phones the rows stack like the site's tables, each field under its column's name.
    let names: String = head
        .iter()
        .enumerate()
        .map(|(i, h)| format!("--c{}:'{}';", i + 1, h.render(s.lang).replace('\'', "\\'")))
        .collect();
    let mut out = format!(
        "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"{a}\">\n<table class=\"data stack\" style=\"{names}\">\n<caption>{a}</caption>\n<thead><tr>",
        a = esc(area),
        names = esc(&names)
    );
    for h in head {
        out.push_str(&format!("<th scope=\"col\">{}</th>", s.t(h)));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for p in pledges {
        out.push_str(&row(s, p, previous));
    }
    out.push_str("</tbody>\n</table>\n</div>\n");
    out
}

fn row(s: &Screen, p: &Pledge, previous: &BTreeMap<String, (Status, f64)>) -> String {
    let number = p.card.number.as_str();
    let id = format!("p-{}", crate::slug::slugify(number));
    let draft = s.drafts.get(number).cloned().unwrap_or_default();
    let problems = s.problems.get(number).map(Vec::as_slice).unwrap_or(&[]);
    let invalid = problems.iter().any(Diagnostic::is_error);
    // The cell of the row's problems names every field of the row (and is filled again by the
    // page's script as values change).
    let described = format!(" aria-describedby=\"{id}\"");
    let invalid = if invalid {
        " aria-invalid=\"true\""
    } else {
        ""
    };
    let label = |field: Message| esc(&format!("{number} {}", field.render(s.lang)));
    let was = previous
        .get(number)
        .map_or("-".to_string(), |(status, progress)| {
            format!(
                "{} {}%",
                s.status_label(*status),
                crate::format::number(*progress)
            )
        });
    let mut options = String::new();
    for status in Status::ALL {
        let text = s.status_label(status);
        let selected = if Status::parse(&draft.status) == Some(status) {
            " selected"
        } else {
            ""
        };
        options.push_str(&format!(
            "<option value=\"{text}\"{selected}>{text}</option>"
        ));
    }
    if Status::parse(&draft.status).is_none() {
        options.push_str(&format!("<option selected>{}</option>", esc(&draft.status)));
    }
    let mut notes = String::new();
    if let Some(disk) = s.conflicts.get(number) {
        let text = msg!(
            "update.conflict",
            status = s.status_label(disk.status),
            progress = crate::format::number(disk.progress)
        );
        notes.push_str(&format!("<p class=\"err\">{}</p>", s.t(text)));
    }
    for d in problems {
        let class = if d.is_error() { "err" } else { "warn" };
        notes.push_str(&format!(
            "<p class=\"{class}\">{}</p>",
            s.t(d.message.clone())
        ));
    }
    format!(
        "<tr><td>{n}<input type=\"hidden\" name=\"version[{n}]\" value=\"{version}\"></td><th scope=\"row\">{title}<span class=\"aside\">{dept}</span></th><td>{was}</td>\
<td><select name=\"status[{n}]\" aria-label=\"{ls}\"{described}{invalid}>{options}</select></td>\
<td><input name=\"progress[{n}]\" type=\"number\" min=\"0\" max=\"100\" step=\"any\" inputmode=\"decimal\" value=\"{progress}\" aria-label=\"{lp}\"{described}{invalid}></td>\
<td><input name=\"reason[{n}]\" value=\"{reason}\" aria-label=\"{lr}\"{described}></td>\
<td class=\"p\" id=\"{id}\" aria-live=\"polite\">{notes}</td></tr>\n",
        n = esc(number),
        version = esc(s.versions.get(number).map_or("", String::as_str)),
        title = esc(&p.card.title),
        dept = esc(&p.card.department),
        was = esc(&was),
        ls = label(msg!("update.col_status")),
        lp = label(msg!("update.col_progress")),
        lr = label(msg!("update.col_reason")),
        progress = esc(&draft.progress),
        reason = esc(&draft.reason),
    )
}
