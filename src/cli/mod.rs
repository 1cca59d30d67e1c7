//! Thin command line: parse, dispatch to the library, print diagnostics, choose the exit code.

mod args;
mod language;
mod term;

use args::{Command, Format, NewCommand, SampleArg};
use pledgesite::diagnostics::Diagnostics;
use pledgesite::messages::{Lang, Message};
use pledgesite::{msg, Error, Options};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Started by a double-click in Explorer: Windows made a console window for this process alone,
/// and it would close as soon as the program ends.
#[cfg(windows)]
fn started_from_explorer() -> bool {
    let mut ids = [0u32; 2];
    // SAFETY: the buffer holds 2 process ids and its length says so.
    let count =
        unsafe { windows_sys::Win32::System::Console::GetConsoleProcessList(ids.as_mut_ptr(), 2) };
    count == 1
}

#[cfg(not(windows))]
fn started_from_explorer() -> bool {
    false
}

/// What to do instead of double-clicking, in Korean and English, until a key is pressed.
fn explain_and_wait() -> ExitCode {
    println!(
        "pledgesite는 명령 창에서 쓰는 프로그램입니다.\n\
         1. 이 파일이 있는 폴더를 파일 탐색기로 열고, 주소 표시줄에 cmd 라고 입력한 뒤 Enter를 누르세요.\n\
         2. 열린 명령 창에 입력하세요:\n\
         \x20    pledgesite init --sample district 우리구\n\
         \x20    pledgesite serve --watch --open --root 우리구\n\
         자세한 안내: README.ko.txt\n\n\
         pledgesite is a command-line program.\n\
         1. Open this file's folder in Explorer, type cmd in the address bar and press Enter.\n\
         2. In the command window, type:\n\
         \x20    pledgesite init --sample district my-district\n\
         \x20    pledgesite serve --watch --open --root my-district\n\n\
         Enter 키를 누르면 이 창이 닫힙니다. / Press Enter to close this window."
    );
    let _ = std::io::stdin().read_line(&mut String::new());
    ExitCode::from(2)
}

pub fn run() -> ExitCode {
    if std::env::args_os().len() == 1 && started_from_explorer() {
        return explain_and_wait();
    }
    match parse() {
        Some(cli) => dispatch(cli),
        None => ExitCode::from(2),
    }
}

/// The command, run in the reader's language.
fn dispatch(cli: args::Cli) -> ExitCode {
    let flag = cli.lang;
    let lang_of = |root: &Path| language::detect(flag, root);
    match cli.command {
        Command::Build { site, output_dir } => {
            let options = site.options(output_dir);
            let lang = lang_of(&options.root);
            build(options, lang)
        }
        Command::Serve {
            site,
            watch,
            port,
            interface,
            open,
        } => {
            let lang = lang_of(&site.root);
            let site = site.options(None);
            let options = pledgesite::serve::ServeOptions {
                site,
                interface,
                port,
                watch,
                open,
                lang,
            };
            serve(options, lang)
        }
        Command::Init { dir, sample, repo } => init(&dir, sample, &repo, lang_of(&dir)),
        Command::New {
            what: NewCommand::Pledge { slug, root },
        } => created(
            pledgesite::scaffold::new_pledge(&root, &slug),
            msg!("general.new_pledge_done", slug = &slug),
            lang_of(&root),
        ),
        Command::Snapshot { site, force } => {
            let options = site.options(None);
            let lang = lang_of(&options.root);
            snapshot(options, force, lang)
        }
        Command::Quarter { date, site } => {
            let options = site.options(None);
            let lang = lang_of(&options.root);
            term::quarter(options, &date, lang)
        }
        Command::Import {
            sheet,
            date,
            sheet_name,
            dry_run,
            site,
        } => {
            let options = site.options(None);
            let lang = lang_of(&options.root);
            let request = pledgesite::term::import::Request {
                sheet,
                date,
                sheet_name,
                dry_run,
            };
            term::import(options, request, lang)
        }
        Command::Check {
            site,
            format,
            pages,
            all,
        } => {
            let lang = lang_of(&site.root);
            check(site.options(None), format, pages, all, lang)
        }
    }
}

/// The command line parsed, its help and errors in the reader's language; `None` after an
/// error was shown. `--help` and `--version` print and end here.
fn parse() -> Option<args::Cli> {
    use clap::{CommandFactory, FromArgMatches};
    let words: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = language::before_parsing(&words);
    let command = language::localise(args::Cli::command(), lang);
    let err = match command.try_get_matches_from(words) {
        Ok(matches) => match args::Cli::from_arg_matches(&matches) {
            Ok(cli) => return Some(cli),
            Err(err) => err,
        },
        Err(err) => err,
    };
    match err.kind() {
        clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => {
            let _ = err.print();
            std::process::exit(0)
        }
        _ if lang == Lang::Ko => eprint!("{}", language::explain(&err, lang)),
        _ => {
            let _ = err.print();
        }
    }
    None
}

/// `pledgesite build`: the warnings, then the summary line.
fn build(options: Options, lang: Lang) -> ExitCode {
    match pledgesite::build(&options) {
        Ok(report) => {
            let warnings = &report.site.warnings;
            print_diagnostics(warnings, Format::Text, &options.root, lang, false);
            println!("{}", report.summary().render(lang));
            ExitCode::SUCCESS
        }
        Err(err) => {
            let outcome = msg!("general.nothing_written");
            fail(err, Format::Text, &options.root, lang, outcome)
        }
    }
}

/// `pledgesite init [--sample …]`.
fn init(dir: &Path, sample: SampleArg, repo: &str, lang: Lang) -> ExitCode {
    let sample = match sample {
        SampleArg::Pledge => pledgesite::scaffold::Sample::Pledge,
        SampleArg::District => pledgesite::scaffold::Sample::District,
    };
    let done = msg!(
        "general.init_done",
        dir = dir.display(),
        version = env!("CARGO_PKG_VERSION"),
        repo = repo
    );
    created(
        pledgesite::scaffold::init_sample(dir, sample, repo),
        done,
        lang,
    )
}

/// `pledgesite snapshot [--force]`.
fn snapshot(options: Options, force: bool, lang: Lang) -> ExitCode {
    match pledgesite::snapshot::record(&options, force) {
        Ok(done) => {
            let file = pledgesite::diagnostics::shown_path(&done.path);
            let message = if done.replaced {
                msg!("general.snapshot_replaced")
            } else {
                msg!("general.snapshot_recorded")
            };
            let message = message
                .arg("file", file)
                .arg("pledges", done.pledges)
                .arg("date", done.date);
            println!("{}", message.render(lang));
            term::print_warnings(&done.warnings, &options.root, lang);
            ExitCode::SUCCESS
        }
        Err(err) => {
            let outcome = msg!("general.no_snapshot_written");
            fail(err, Format::Text, &options.root, lang, outcome)
        }
    }
}

/// `pledgesite serve`: serves until stopped, printing each run's problems as they come.
fn serve(options: pledgesite::serve::ServeOptions, lang: Lang) -> ExitCode {
    let root = options.site.root.clone();
    if let Err(e) = pledgesite::serve::check_root(&root) {
        return environment_error(&e, lang);
    }
    let colour = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let report = move |diags: &Diagnostics| {
        let (shown, cut) = diags.summarised();
        if !shown.0.is_empty() {
            eprint!("{}", shown.to_pretty(&root, colour, lang));
        }
        for line in cut {
            eprintln!("{}", line.render(lang));
        }
    };
    match pledgesite::serve::run(options, report) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => environment_error(&e, lang),
    }
}

/// An error of the command or the machine (exit code 2), in the reader's language.
fn environment_error(err: &anyhow::Error, lang: Lang) -> ExitCode {
    let label = msg!("general.error_label").render(lang);
    eprintln!("{label}: {}", pledgesite::messages::render_error(err, lang));
    ExitCode::from(2)
}

/// `pledgesite check [--pages] [--all]`.
fn check(options: Options, format: Format, pages: bool, all: bool, lang: Lang) -> ExitCode {
    let repository = std::env::var("GITHUB_REPOSITORY").ok();
    let result = if pages {
        pledgesite::check_pages(&options, repository.as_deref())
    } else {
        pledgesite::check(&options)
    };
    match result {
        Ok(warnings) => {
            print_diagnostics(&warnings, format, &options.root, lang, all);
            if matches!(format, Format::Text) {
                let passed = msg!("general.check_passed", warnings = warnings.warning_count());
                println!("{}", passed.render(lang));
            }
            ExitCode::SUCCESS
        }
        Err(err) => fail_showing(
            err,
            format,
            &options.root,
            lang,
            msg!("general.check_failed"),
            all,
        ),
    }
}

fn created(result: anyhow::Result<Vec<PathBuf>>, done: Message, lang: Lang) -> ExitCode {
    match result {
        Ok(files) => {
            for file in files {
                println!("  {}", pledgesite::diagnostics::shown_path(&file));
            }
            println!("{}", done.render(lang));
            ExitCode::SUCCESS
        }
        Err(e) => environment_error(&e, lang),
    }
}

/// The problems for a person (long runs of one warning cut short unless `all`), or as JSON.
fn print_diagnostics(diags: &Diagnostics, format: Format, root: &Path, lang: Lang, all: bool) {
    match format {
        Format::Json => println!("{}", diags.to_json(lang)),
        Format::Text if !diags.0.is_empty() => {
            let colour = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            if all {
                eprint!("{}", diags.to_pretty(root, colour, lang));
                return;
            }
            let (shown, cut) = diags.summarised();
            eprint!("{}", shown.to_pretty(root, colour, lang));
            for line in cut {
                eprintln!("{}", line.render(lang));
            }
        }
        Format::Text => {}
    }
}

/// A command that failed: its problems and what it did not do (exit 1), or the machine's
/// error (exit 2).
pub(crate) fn fail(
    err: Error,
    format: Format,
    root: &Path,
    lang: Lang,
    outcome: Message,
) -> ExitCode {
    fail_showing(err, format, root, lang, outcome, false)
}

fn fail_showing(
    err: Error,
    format: Format,
    root: &Path,
    lang: Lang,
    outcome: Message,
    all: bool,
) -> ExitCode {
    match err {
        Error::Content(diags) => {
            print_diagnostics(&diags, format, root, lang, all);
            if matches!(format, Format::Text) {
                let failed = msg!(
                    "general.failed",
                    errors = diags.error_count(),
                    warnings = diags.warning_count(),
                    outcome = outcome.render(lang)
                );
                eprintln!("{}", failed.render(lang));
            }
            ExitCode::from(1)
        }
        Error::Environment(err) => environment_error(&err, lang),
    }
}
