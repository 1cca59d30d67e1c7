//! The command line's words: commands, arguments and their defaults. Their help, in Korean
//! and English, is the catalogue's (`cli.*` in src/messages/cli.yaml; see `language`).

use clap::{Parser, Subcommand, ValueEnum};
use pledgesite::messages::Lang;
use pledgesite::Options;
use std::path::PathBuf;

#[derive(Parser)]
#[command(name = "pledgesite", version)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    #[arg(long, global = true, value_parser = parse_lang)]
    pub lang: Option<Lang>,
}

fn parse_lang(text: &str) -> Result<Lang, String> {
    Lang::from_code(text).ok_or_else(|| "ko or en".to_string())
}

#[derive(Subcommand)]
pub enum Command {
    Build {
        #[command(flatten)]
        site: SiteArgs,
        #[arg(long, short = 'o')]
        output_dir: Option<PathBuf>,
    },
    Serve {
        #[command(flatten)]
        site: SiteArgs,
        #[arg(long, short = 'w')]
        watch: bool,
        #[arg(long, short = 'p', default_value_t = 1111)]
        port: u16,
        #[arg(long, short = 'i', default_value = "127.0.0.1")]
        interface: std::net::IpAddr,
        #[arg(long, short = 'O')]
        open: bool,
    },
    Init {
        dir: PathBuf,
        #[arg(long, value_enum, default_value_t = SampleArg::Pledge)]
        sample: SampleArg,
        #[arg(long, default_value = pledgesite::scaffold::DEFAULT_REPO)]
        repo: String,
    },
    Snapshot {
        #[command(flatten)]
        site: SiteArgs,
        #[arg(long)]
        force: bool,
    },
    Quarter {
        date: String,
        #[command(flatten)]
        site: SiteArgs,
    },
    Import {
        sheet: PathBuf,
        #[arg(long)]
        date: Option<String>,
        #[arg(long)]
        sheet_name: Option<String>,
        #[arg(long)]
        dry_run: bool,
        #[command(flatten)]
        site: SiteArgs,
    },
    New {
        #[command(subcommand)]
        what: NewCommand,
    },
    Check {
        #[command(flatten)]
        site: SiteArgs,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        #[arg(long)]
        pages: bool,
        #[arg(long)]
        all: bool,
    },
}

#[derive(Subcommand)]
pub enum NewCommand {
    Pledge {
        slug: String,
        #[arg(long, short = 'r', default_value = ".")]
        root: PathBuf,
    },
}

#[derive(clap::Args)]
pub struct SiteArgs {
    #[arg(long, short = 'r', default_value = ".")]
    pub root: PathBuf,
    #[arg(long, short = 'u')]
    pub base_url: Option<String>,
    #[arg(long)]
    pub drafts: bool,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum SampleArg {
    Pledge,
    District,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

impl SiteArgs {
    pub fn options(self, output_dir: Option<PathBuf>) -> Options {
        Options {
            root: self.root,
            output_dir,
            base_url: self.base_url,
            drafts: self.drafts,
            cache_dir: pledgesite::default_cache_dir(),
        }
    }
}
