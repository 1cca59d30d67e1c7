//! The command line of the quarter: `quarter` and `import`, printing what they did (or would
//! do) in the reader's language, then the warnings `check` finds, summarised.

use super::{fail, Format};
use pledgesite::diagnostics::{shown_path, Diagnostics};
use pledgesite::messages::{Lang, Message};
use pledgesite::msg;
use pledgesite::term::import::{self, Imported, Target};
use pledgesite::term::quarter::{self, Started};
use pledgesite::{Error, Options};
use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

/// At most this many warnings are printed after a command that wrote files.
const SHOWN: usize = 8;

pub fn quarter(options: Options, date: &str, lang: Lang) -> ExitCode {
    let result = quarter::start(&options, date);
    finish(result, &options, lang, msg!("quarter.failed"), |started| {
        print_started(started, lang);
        &started.warnings
    })
}

/// What a command that writes files did, then `check`'s warnings; or why it wrote nothing.
fn finish<T>(
    result: Result<T, Error>,
    options: &Options,
    lang: Lang,
    failed: Message,
    print: impl FnOnce(&T) -> &Diagnostics,
) -> ExitCode {
    match result {
        Ok(done) => {
            print_warnings(print(&done), &options.root, lang);
            ExitCode::SUCCESS
        }
        Err(err) => fail(err, Format::Text, &options.root, lang, failed),
    }
}

fn print_started(started: &Started, lang: Lang) {
    let from = &started.from;
    let line = match &started.recorded {
        Some(file) => msg!("quarter.recorded", date = from, file = shown_path(file)),
        None => msg!("quarter.already_recorded", date = from),
    };
    println!("{}", line.render(lang));
    let cards = started.moved.len();
    let moved = msg!(
        "quarter.moved",
        from = from,
        to = &started.to,
        cards = cards
    );
    println!("{}", moved.render(lang));
    if !started.lagging.is_empty() {
        let files: Vec<String> = started.lagging.iter().map(|p| shown_path(p)).collect();
        let lagging = msg!(
            "quarter.lagging",
            from = from,
            count = files.len(),
            files = files.join(", ")
        );
        println!("{}", lagging.render(lang));
    }
    if !started.stale.is_empty() {
        println!("{}", msg!("quarter.stale_head", from = from).render(lang));
        for s in &started.stale {
            println!("  {}:{}: {}", shown_path(&s.path), s.line, s.text);
        }
    }
}

pub fn import(options: Options, request: import::Request, lang: Lang) -> ExitCode {
    let result = import::run(&options, &request);
    finish(result, &options, lang, msg!("import.failed"), |imported| {
        print_imported(imported, &request, lang);
        if let Some(started) = &imported.quarter {
            print_started(started, lang);
        }
        &imported.warnings
    })
}

fn print_imported(imported: &Imported, request: &import::Request, lang: Lang) {
    for note in &imported.notes {
        println!("{}", note.render(lang));
    }
    let file = shown_path(&request.sheet);
    let head = msg!("import.preview_head", file = file, date = &imported.date)
        .arg("changes", imported.changes.len())
        .arg("unchanged", imported.unchanged);
    println!("{}", head.render(lang));
    let target = match &imported.target {
        Target::Cards => msg!("import.target_cards"),
        Target::NewQuarter { from } => {
            msg!("import.target_quarter", date = &imported.date, from = from)
        }
        Target::Past => msg!("import.target_past", date = &imported.date),
    };
    println!("{}", target.render(lang));
    print_changes(imported, lang);
    print_figures(imported, lang);
    if request.dry_run {
        println!("{}", msg!("import.dry_run").render(lang));
    } else if imported.written.is_empty() {
        println!("{}", msg!("import.nothing").render(lang));
    } else {
        println!(
            "{}",
            msg!("import.written", count = imported.written.len()).render(lang)
        );
        for file in &imported.written {
            println!("  {}", shown_path(file));
        }
    }
}

/// Each pledge's change, was → now, in the site's order; then the pledges the sheet lacks.
fn print_changes(imported: &Imported, lang: Lang) {
    for line in imported.change_lines(lang) {
        println!("{line}");
    }
    if !imported.missing.is_empty() {
        let numbers: Vec<&str> = imported.missing.iter().map(|n| n.as_str()).collect();
        let missing = msg!(
            "import.missing",
            count = numbers.len(),
            numbers = numbers.join(", ")
        );
        println!("{}", missing.render(lang));
    }
}

/// The date's figures as they will be published.
fn print_figures(imported: &Imported, lang: Lang) {
    let f = &imported.figures;
    let rate = |r: Option<f64>| r.map_or_else(|| "-".to_string(), pledgesite::format_rate);
    let statuses: Vec<String> = f
        .statuses
        .iter()
        .filter(|s| s.count > 0)
        .map(|s| format!("{} {}", status_key_label(s.key, lang), s.count))
        .collect();
    let figures = msg!(
        "import.figures",
        date = &imported.date,
        counted = f.counted,
        done = f.done
    )
    .arg("completion", rate(f.completion_rate))
    .arg("mean", rate(f.mean_progress))
    .arg("statuses", statuses.join(", "));
    println!("{}", figures.render(lang));
}

fn status_key_label(key: &str, lang: Lang) -> &'static str {
    pledgesite::Status::parse(key).map_or("", |s| s.label(lang))
}

/// The warnings of a command that wrote files: the first few in full, then their count.
pub fn print_warnings(warnings: &Diagnostics, root: &Path, lang: Lang) {
    let count = warnings.warning_count();
    if count > 0 {
        let colour = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
        let first = Diagnostics(warnings.0.iter().take(SHOWN).cloned().collect());
        eprint!("{}", first.to_pretty(root, colour, lang));
    }
    let more = if count > SHOWN {
        msg!("general.warnings_more", shown = SHOWN).render(lang)
    } else {
        String::new()
    };
    println!(
        "{}",
        msg!("general.warnings_summary", count = count, more = more).render(lang)
    );
}
