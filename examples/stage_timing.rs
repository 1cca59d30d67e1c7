//! Times each pipeline stage on a site, averaged over runs:
//! `cargo run --release --example stage_timing -- [SITE_DIR] [RUNS]`

use pledgesite::diagnostics::Diagnostics;
use pledgesite::{chart, history, load, validate};
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(args.next().unwrap_or_else(|| ".".into()));
    let runs: u32 = args.next().and_then(|n| n.parse().ok()).unwrap_or(20);
    let config = pledgesite::load_config(&root, None)
        .unwrap_or_else(|_| panic!("no site at {}", root.display()));
    let theme_dir = root.join("themes").join(&config.theme);
    let inputs = load::Inputs {
        root: &root,
        theme_dir: &theme_dir,
        drafts: false,
    };
    let (mut t_load, mut t_validate, mut t_chart, mut t_all) = (0.0, 0.0, 0.0, 0.0);
    for _ in 0..runs {
        let start = Instant::now();
        let site = load::site(&inputs, &mut Diagnostics::default());
        t_load += start.elapsed().as_secs_f64();
        let start = Instant::now();
        validate::site(&site, &config);
        t_validate += start.elapsed().as_secs_f64();
        let start = Instant::now();
        let as_of = site.home.meta.as_of.as_deref();
        let history = history::compute(&site.pledges, &site.snapshots, as_of, &config);
        let strings = pledgesite::i18n::Strings::builtin(&config.language);
        let drawn: usize = site
            .pledges
            .iter()
            .map(|p| {
                chart::pledge(p, history.pledges.get(&p.slug), &strings)
                    .0
                    .len()
            })
            .sum::<usize>()
            + chart::home(&site, &history, &strings, &mut Vec::new()).len();
        t_chart += start.elapsed().as_secs_f64();
        assert!(drawn > 0);
        let start = Instant::now();
        assert!(
            pledgesite::render_site(&pledgesite::Options::new(&root)).is_ok(),
            "site renders"
        );
        t_all += start.elapsed().as_secs_f64();
    }
    let ms = |t: f64| t * 1000.0 / runs as f64;
    println!("site: {} ({runs} runs, mean per run)", root.display());
    println!("load      {:8.2} ms", ms(t_load));
    println!("validate  {:8.2} ms", ms(t_validate));
    println!("chart     {:8.2} ms", ms(t_chart));
    println!("load→render (whole, in memory) {:8.2} ms", ms(t_all));
}
