use std::process::ExitCode;

// glibc's allocator fragments under rayon's threads on large sites; mimalloc keeps builds
// of tens of thousands of pages linear.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    cli::run()
}

mod cli;
