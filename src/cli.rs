//! Thin command line: parse, dispatch to the library, print diagnostics, choose the exit code.

use clap::{Parser, Subcommand, ValueEnum};
use pledgesite::diagnostics::Diagnostics;
use pledgesite::messages::{Lang, Message};
use pledgesite::{msg, Error, Options};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "pledgesite",
    version,
    about = "Static site generator for pledge-progress microsites"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Language of messages: ko or en (default: the site's `language:`, else the system's).
    #[arg(long, global = true, value_parser = parse_lang)]
    lang: Option<Lang>,
}

fn parse_lang(text: &str) -> Result<Lang, String> {
    Lang::from_code(text).ok_or_else(|| "ko or en".to_string())
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into DIR/public (or --output-dir).
    Build {
        #[command(flatten)]
        site: SiteArgs,
        /// Output folder (default: ROOT/public).
        #[arg(long, short = 'o')]
        output_dir: Option<PathBuf>,
    },
    /// Build the site in memory and serve it locally; with --watch, rebuild on every change
    /// and reload open browsers.
    Serve {
        #[command(flatten)]
        site: SiteArgs,
        /// Rebuild on every change and reload open browsers.
        #[arg(long, short = 'w')]
        watch: bool,
        #[arg(long, short = 'p', default_value_t = 1111)]
        port: u16,
        /// Address to listen on; 127.0.0.1 keeps the preview on this computer.
        #[arg(long, short = 'i', default_value = "127.0.0.1")]
        interface: std::net::IpAddr,
        /// Open the site in the default browser.
        #[arg(long, short = 'O')]
        open: bool,
    },
    /// Create a new site in DIR that builds and passes `check` as it is.
    Init {
        /// Folder for the new site (created if missing).
        dir: PathBuf,
        /// Start from a sample: `pledge` (one pledge to edit) or `district` (a fictional
        /// district's whole term: 30 pledges, sub-areas, codes, four quarterly snapshots).
        #[arg(long, value_enum, default_value_t = SampleArg::Pledge)]
        sample: SampleArg,
        /// The GitHub repository pledgesite is released from (OWNER/NAME); the site's workflow
        /// installs its release from there.
        #[arg(long, default_value = pledgesite::scaffold::DEFAULT_REPO)]
        repo: String,
    },
    /// Record every pledge's status and progress as data/snapshots/<as_of>.csv (the site's
    /// as-of date), after the quarter's check of the cards.
    Snapshot {
        #[command(flatten)]
        site: SiteArgs,
        /// Replace the snapshot of that date if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Start a new reporting date in one step: record the current date's report if it is not
    /// on record, move `as_of` in content/_index.md and on every card, list text naming the old date.
    Quarter {
        /// The new reporting date, YYYY-MM-DD (e.g. 2026-06-30).
        date: String,
        #[command(flatten)]
        site: SiteArgs,
    },
    /// Apply the planning office's sheet (.xlsx, .xls, .ods or .csv) to the cards, or fill in a
    /// past date's snapshot; shows what changes first.
    Import {
        /// The sheet, e.g. 점검표.xlsx.
        sheet: PathBuf,
        /// The reporting date of the sheet (default: the date in its title rows, else the site's).
        #[arg(long)]
        date: Option<String>,
        /// The worksheet to read (default: the first with a header row pledgesite knows).
        #[arg(long)]
        sheet_name: Option<String>,
        /// Show what would change and write nothing.
        #[arg(long)]
        dry_run: bool,
        #[command(flatten)]
        site: SiteArgs,
    },
    /// Add something to a site.
    New {
        #[command(subcommand)]
        what: NewCommand,
    },
    /// Load, validate and render everything in memory; write nothing. Exit 1 on any error.
    Check {
        #[command(flatten)]
        site: SiteArgs,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Also check what breaks only on GitHub Pages under a project path (/repo/).
        #[arg(long)]
        pages: bool,
    },
}

#[derive(Subcommand)]
enum NewCommand {
    /// Add a pledge bundle with every section and data file stubbed and commented.
    Pledge {
        /// Folder name, used in the URL, e.g. `17-clean-river`.
        slug: String,
        /// Site folder (containing site.yaml).
        #[arg(long, short = 'r', default_value = ".")]
        root: PathBuf,
    },
}

#[derive(clap::Args)]
struct SiteArgs {
    /// Site folder (containing site.yaml).
    #[arg(long, short = 'r', default_value = ".")]
    root: PathBuf,
    /// Base URL, overriding site.yaml (e.g. https://org.github.io/repo/).
    #[arg(long, short = 'u')]
    base_url: Option<String>,
    /// Include pledges marked `draft: true`.
    #[arg(long)]
    drafts: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum SampleArg {
    Pledge,
    District,
}

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum Format {
    Text,
    Json,
}

impl SiteArgs {
    fn options(self, output_dir: Option<PathBuf>) -> Options {
        Options {
            root: self.root,
            output_dir,
            base_url: self.base_url,
            drafts: self.drafts,
            cache_dir: pledgesite::default_cache_dir(),
        }
    }
}

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
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let _ = err.print();
            return if err.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let flag = cli.lang;
    let lang_of = |root: &Path| Lang::detect(flag, root);
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
        Command::Init { dir, sample, repo } => {
            let lang = flag.unwrap_or_else(|| Lang::detect(None, &dir));
            init(&dir, sample, &repo, lang)
        }
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
            crate::term_cli::quarter(options, &date, lang)
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
            crate::term_cli::import(options, request, lang)
        }
        Command::Check {
            site,
            format,
            pages,
        } => {
            let lang = lang_of(&site.root);
            check(site.options(None), format, pages, lang)
        }
    }
}

/// `pledgesite build`: the warnings, then the summary line.
fn build(options: Options, lang: Lang) -> ExitCode {
    match pledgesite::build(&options) {
        Ok(report) => {
            print_diagnostics(&report.site.warnings, Format::Text, &options.root, lang);
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
            crate::term_cli::print_warnings(&done.warnings, &options.root, lang);
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
        if !diags.0.is_empty() {
            eprint!("{}", diags.to_pretty(&root, colour, lang));
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

/// `pledgesite check [--pages]`.
fn check(options: Options, format: Format, pages: bool, lang: Lang) -> ExitCode {
    let repository = std::env::var("GITHUB_REPOSITORY").ok();
    let result = if pages {
        pledgesite::check_pages(&options, repository.as_deref())
    } else {
        pledgesite::check(&options)
    };
    match result {
        Ok(warnings) => {
            print_diagnostics(&warnings, format, &options.root, lang);
            if matches!(format, Format::Text) {
                let passed = msg!("general.check_passed", warnings = warnings.warning_count());
                println!("{}", passed.render(lang));
            }
            ExitCode::SUCCESS
        }
        Err(err) => fail(
            err,
            format,
            &options.root,
            lang,
            msg!("general.check_failed"),
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

fn print_diagnostics(diags: &Diagnostics, format: Format, root: &Path, lang: Lang) {
    match format {
        Format::Json => println!("{}", diags.to_json(lang)),
        Format::Text if !diags.0.is_empty() => {
            let colour = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            eprint!("{}", diags.to_pretty(root, colour, lang));
        }
        Format::Text => {}
    }
}

pub(crate) fn fail(
    err: Error,
    format: Format,
    root: &Path,
    lang: Lang,
    outcome: Message,
) -> ExitCode {
    match err {
        Error::Content(diags) => {
            print_diagnostics(&diags, format, root, lang);
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
