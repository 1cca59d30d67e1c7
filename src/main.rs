use std::process::ExitCode;

fn main() -> ExitCode {
    pledgesite_cli::run()
}

#[path = "cli.rs"]
mod pledgesite_cli;
