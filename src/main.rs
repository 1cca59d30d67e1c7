use std::process::ExitCode;

// glibc's allocator fragments under rayon's threads on large sites; mimalloc keeps builds
// of tens of thousands of pages linear.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    pledgesite_cli::run()
}

#[path = "cli.rs"]
mod pledgesite_cli;

#[path = "term_cli.rs"]
mod term_cli;
