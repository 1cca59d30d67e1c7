//! Times the pipeline on a site, averaged over runs:
//! `cargo run --release --example stage_timing -- [SITE_DIR] [RUNS]`
//! load (every file read and parsed), then validate → chart → render of the whole site in
//! memory, as `check` runs them.

use pledgesite::session::Session;
use pledgesite::Options;
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(args.next().unwrap_or_else(|| ".".into()));
    let runs: u32 = args.next().and_then(|n| n.parse().ok()).unwrap_or(20);
    let options = Options::new(&root);
    let (mut t_load, mut t_render) = (0.0, 0.0);
    for _ in 0..runs {
        let start = Instant::now();
        let session = Session::load(&options).expect("the site loads");
        t_load += start.elapsed().as_secs_f64();
        let start = Instant::now();
        let summary = session
            .render(&|_| Ok(()))
            .unwrap_or_else(|_| panic!("the site renders"));
        t_render += start.elapsed().as_secs_f64();
        assert!(summary.pages > 0);
    }
    let ms = |t: f64| t * 1000.0 / runs as f64;
    println!("site: {} ({runs} runs, mean per run)", root.display());
    println!("load                        {:8.2} ms", ms(t_load));
    println!("validate → chart → render   {:8.2} ms", ms(t_render));
}
