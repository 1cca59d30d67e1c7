//! The site's own typeface (`font:` in site.yaml): published as WOFF2 subsets holding exactly
//! the characters the built pages use, never the whole font. The fixture fonts in
//! tests/fixtures/fonts are Pretendard GOV (OFL), cut to the samples' and guides' characters, and
//! two-glyph fonts made with fontTools' fontBuilder (one variable, one without Hangul).

use crate::harness::{copy_tree, repo_root, stderr, Fixture};
use allsorts::binary::read::ReadScope;
use allsorts::font::{Font, MatchingPresentation};
use allsorts::font_data::FontData;
use std::collections::BTreeSet;

const FONT_CONFIG: &str =
    "font:\n  regular: fonts/PretendardGOV-Regular.otf\n  bold: fonts/PretendardGOV-Bold.otf\n";

/// `site` with the fixture fonts in `fonts/` and `font:` in its site.yaml.
pub fn with_font(site: &Fixture, config: &str) {
    copy_tree(
        &repo_root().join("tests/fixtures/fonts"),
        &site.path("fonts"),
    );
    let mut yaml = std::fs::read_to_string(site.path("site.yaml")).unwrap();
    yaml.push('\n');
    yaml.push_str(config);
    site.write("site.yaml", yaml);
}

/// Of `chars`, those `font` (any format) maps to a glyph.
pub fn covered(font: &[u8], chars: &BTreeSet<char>) -> BTreeSet<char> {
    let data = ReadScope::new(font).read::<FontData<'_>>().unwrap();
    let mut font = Font::new(data.table_provider(0).unwrap()).unwrap();
    chars
        .iter()
        .copied()
        .filter(|&c| {
            font.lookup_glyph_index(c, MatchingPresentation::NotRequired, None)
                .0
                != 0
        })
        .collect()
}

/// Every character of every built page (`.html`) of `site`.
pub fn page_chars(site: &Fixture) -> BTreeSet<char> {
    walkdir::WalkDir::new(site.path("public"))
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .flat_map(|e| {
            std::fs::read_to_string(e.path())
                .unwrap()
                .chars()
                .collect::<Vec<_>>()
        })
        .filter(|c| !c.is_control())
        .collect()
}

fn fixture_font(name: &str) -> Vec<u8> {
    std::fs::read(repo_root().join("tests/fixtures/fonts").join(name)).unwrap()
}

#[test]
fn each_weight_is_published_as_a_subset_of_exactly_the_pages_characters() {
    let site = Fixture::district();
    with_font(&site, FONT_CONFIG);
    let report = site.build_ok();
    assert!(
        report.site.warnings.0.is_empty(),
        "{}",
        report.site.warnings
    );
    let pages = page_chars(&site);
    // Printable ASCII is always kept; a guide's characters are more than the pages use.
    let ascii: BTreeSet<char> = (' '..='~').collect();
    let guide = std::fs::read_to_string(repo_root().join("docs/content-guide.ko.md")).unwrap();
    let candidates: BTreeSet<char> = pages
        .iter()
        .chain(&ascii)
        .copied()
        .chain(guide.chars())
        .collect();
    for (weight, source) in [
        (400, "PretendardGOV-Regular.otf"),
        (700, "PretendardGOV-Bold.otf"),
    ] {
        let source = fixture_font(source);
        let subset =
            std::fs::read(site.path(&format!("public/fonts/site-{weight}.woff2"))).unwrap();
        assert_eq!(&subset[..4], b"wOF2");
        let wanted: BTreeSet<char> = pages.union(&ascii).copied().collect();
        assert_eq!(
            covered(&subset, &candidates),
            covered(&source, &wanted),
            "weight {weight}"
        );
        // Not the whole font: the guide's other characters are left out.
        assert!(covered(&source, &candidates).len() > covered(&subset, &candidates).len() + 50);
        assert!(
            subset.len() * 2 < source.len(),
            "{} of {}",
            subset.len(),
            source.len()
        );
    }
    assert!(pages.contains(&'예') && pages.contains(&'률'));
    // The licence travels with the font; the source font is never published.
    assert!(site
        .output("fonts/LICENSE.txt")
        .contains("SIL OPEN FONT LICENSE"));
    let published: Vec<String> = walkdir::WalkDir::new(site.path("public"))
        .into_iter()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".otf") || name.ends_with(".ttf"))
        .collect();
    assert!(published.is_empty(), "{published:?}");
    // Every page asks for both faces, preloaded, a copy on the reader's device first.
    let home = site.output("index.html");
    for weight in [400, 700] {
        let preload = format!(
            r#"<link rel="preload" href="/fonts/site-{weight}.woff2" as="font" type="font/woff2" crossorigin>"#
        );
        assert!(home.contains(&preload), "{home}");
    }
    assert!(home.contains(r#"@font-face{font-family:"Pretendard GOV";src:local("Pretendard GOV Bold"),local("PretendardGOV-Bold"),url("/fonts/site-700.woff2") format("woff2");font-weight:700;font-display:optional}"#), "{home}");
    assert!(site
        .output("pledges/i-1-1-youth-jobs/index.html")
        .contains(r#":root{--site-font:"Pretendard GOV"}"#));
}

#[test]
fn a_truetype_font_alone_gives_one_weight_and_a_new_character_is_added_on_the_next_build() {
    let site = Fixture::district();
    with_font(
        &site,
        "font:\n  regular: fonts/PretendardGOV-Regular.ttf\n  family: 본문 글꼴\n",
    );
    site.build_ok();
    assert!(!site.path("public/fonts/site-700.woff2").exists());
    let subset = std::fs::read(site.path("public/fonts/site-400.woff2")).unwrap();
    assert!(site
        .output("index.html")
        .contains(r#"font-family:"본문 글꼴""#));
    let probe: BTreeSet<char> = ['꿈', '률'].into();
    assert_eq!(covered(&subset, &probe), ['률'].into());
    // A page that now uses 꿈 gets it in the next subset; so do characters a template writes
    // as references (떻 is &#46523;, · is &middot;).
    let index = std::fs::read_to_string(site.path("content/_index.md")).unwrap();
    site.write("content/_index.md", format!("{index}\n꿈\n"));
    let not_found = site.path("themes/default/templates/404.html");
    let template = std::fs::read_to_string(&not_found).unwrap();
    let template = template.replace("{% endblock %}", "<p>&#46523;&middot;</p>{% endblock %}");
    std::fs::write(&not_found, template).unwrap();
    site.build_ok();
    assert!(site.output("404.html").contains("<p>&#46523;&middot;</p>"));
    let subset = std::fs::read(site.path("public/fonts/site-400.woff2")).unwrap();
    let probe: BTreeSet<char> = ['꿈', '률', '떻', '·'].into();
    assert_eq!(covered(&subset, &probe), probe);
}

#[test]
fn mistakes_with_the_font_say_where_and_what_to_do_in_korean() {
    let site = Fixture::district();
    with_font(
        &site,
        &FONT_CONFIG.replace(
            "fonts/PretendardGOV-Regular",
            "fonts/Pretendard GOV-Regular",
        ),
    );
    let out = site.cli_in("ko", &["check"]);
    let text = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains("오류: 글꼴 파일 `fonts/Pretendard GOV-Regular.otf`이(가) 없습니다"),
        "{text}"
    );
    assert!(text.contains("`fonts` 폴더에 있는 글꼴 파일: PretendardGOV-Bold.otf, PretendardGOV-Regular.otf, PretendardGOV-Regular.ttf"), "{text}");
    let line = std::fs::read_to_string(site.path("site.yaml"))
        .unwrap()
        .lines()
        .position(|l| l.contains("Pretendard GOV-Regular"))
        .unwrap()
        + 1;
    assert!(text.contains(&format!("site.yaml:{line}:12: ")), "{text}");

    // In static/ (the site's or the theme's) the whole font would be published; elsewhere
    // outside fonts/ a change to it would go unseen.
    for (file, says) in [
        (
            "static/PretendardGOV-Regular.otf",
            "`static` 폴더에 있습니다",
        ),
        ("./themes/default/static/a.otf", "`static` 폴더에 있습니다"),
        (
            "../PretendardGOV-Regular.otf",
            "사이트의 `fonts` 폴더 밖에 있습니다",
        ),
    ] {
        let site = Fixture::district();
        with_font(&site, &format!("font:\n  regular: {file}\n"));
        let out = site.cli_in("ko", &["check"]);
        let text = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{text}");
        assert!(text.contains(says), "{file}: {text}");
    }

    // A variable font: its subset would be one instance, whatever the weight.
    let site = Fixture::district();
    with_font(&site, "font:\n  regular: fonts/Tiny-Variable.ttf\n");
    let text = stderr(&site.cli_in("ko", &["check"]));
    assert!(
        text.contains("`fonts/Tiny-Variable.ttf`은(는) 가변 글꼴입니다"),
        "{text}"
    );

    // A font without Hangul: a warning, the build goes on with the font for what it has.
    let site = Fixture::district();
    with_font(&site, "font:\n  regular: fonts/Tiny-Latin.ttf\n");
    let out = site.cli_in("ko", &["build"]);
    let text = stderr(&out);
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains("경고[font.no_hangul]: 글꼴 `fonts/Tiny-Latin.ttf`에 한글이 없습니다"),
        "{text}"
    );
    assert!(site
        .output("index.html")
        .contains(r#"font-family:"Tiny Latin""#));

    // Not a font; then a font without its licence (a warning: the build goes on).
    let site = Fixture::district();
    with_font(&site, "font:\n  regular: fonts/LICENSE.txt\n");
    let text = stderr(&site.cli_in("ko", &["check"]));
    assert!(
        text.contains("`fonts/LICENSE.txt`을(를) 글꼴로 읽을 수 없습니다"),
        "{text}"
    );
    site.remove("fonts/LICENSE.txt");
    site.write(
        "site.yaml",
        std::fs::read_to_string(site.path("site.yaml"))
            .unwrap()
            .replace("fonts/LICENSE.txt", "fonts/PretendardGOV-Regular.otf"),
    );
    let out = site.cli_in("ko", &["build"]);
    let text = stderr(&out);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("경고[font.no_license]"), "{text}");
    assert!(site.path("public/fonts/site-400.woff2").is_file());
}

#[test]
fn a_theme_older_than_the_font_setting_is_named() {
    let site = Fixture::district();
    with_font(&site, FONT_CONFIG);
    // As a theme copied into the site before `font:` existed: nothing in it reads the font.
    let base = site.path("themes/default/templates/base.html");
    let text = std::fs::read_to_string(&base).unwrap();
    std::fs::write(&base, text.replace("site.font", "site.before_fonts")).unwrap();
    let text = stderr(&site.cli_in("ko", &["check"]));
    assert!(
        text.contains("경고[font.theme_too_old]: `font:`을 썼지만 `themes"),
        "{text}"
    );
}

/// The commented `font:` block `init` writes, uncommented the ways people do it by halves, and
/// the other slips a walk through the guide made: each says where and what to do, in Korean.
#[test]
fn the_init_blocks_slips_say_what_to_fix() {
    let site = Fixture::district();
    copy_tree(
        &repo_root().join("tests/fixtures/fonts"),
        &site.path("fonts"),
    );
    let written = std::fs::read_to_string(site.path("site.yaml")).unwrap();
    assert!(written.contains("\n# font:\n#   regular: fonts/PretendardGOV-Regular.otf\n"));
    let line_of =
        |text: &str, start: &str| text.lines().position(|l| l.starts_with(start)).unwrap() + 1;
    // (replacements in site.yaml, the line the message points at, what it says)
    type Case<'a> = (&'a [(&'a str, &'a str)], &'a str, &'a str);
    let cases: [Case; 4] = [
        // Only `font:`.
        (
            &[("# font:", "font:")],
            "font:",
            "`font:` 아래에 아무것도 없습니다",
        ),
        // The lines under it, not `font:`.
        (
            &[("#   regular", "  regular"), ("#   bold", "  bold")],
            "  regular",
            "`font:` 줄이 아직 `#`로 막혀 있습니다",
        ),
        // Only the `#`, leaving the space.
        (
            &[
                ("# font:", " font:"),
                ("#   regular", "   regular"),
                ("#   bold", "   bold"),
            ],
            " font:",
            "`font:`는 줄 맨 앞에서 시작해야 합니다",
        ),
        // A Windows path in double quotes: `\P` is read as an invisible character.
        (
            &[
                ("# font:", "font:"),
                (
                    "#   regular: fonts/PretendardGOV-Regular.otf",
                    "  regular: \"fonts\\PretendardGOV-Regular.otf\"",
                ),
                ("#   bold", "  bold"),
            ],
            "  regular",
            "보이지 않는 문자(`?`로 표시)가 있습니다",
        ),
    ];
    for (edits, at, says) in cases {
        let mut text = written.clone();
        for (from, to) in edits {
            text = text.replace(from, to);
        }
        site.write("site.yaml", &text);
        let out = site.cli_in("ko", &["check"]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(err.contains(says), "{says}: {err}");
        assert!(
            err.contains(&format!("site.yaml:{}:", line_of(&text, at))),
            "{err}"
        );
    }

    // Done right but with SemiBold as bold, and a copy of the font left in static/.
    let text = written
        .replace("# font:", "font:")
        .replace("#   regular", "  regular")
        .replace(
            "#   bold: fonts/PretendardGOV-Bold.otf",
            "  bold: fonts/PretendardGOV-Regular.ttf",
        );
    site.write("site.yaml", &text);
    let mut big = std::fs::read(site.path("fonts/PretendardGOV-Regular.otf")).unwrap();
    big.resize(1_200_000, 0);
    site.write("static/PretendardGOV-Regular.otf", big);
    let out = site.cli_in("ko", &["check"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("경고[font.other_weight]: `fonts/PretendardGOV-Regular.ttf`은(는) 굵기 400의 글꼴입니다. 이 자리에는 굵기 700의 글꼴이 맞습니다"), "{err}");
    assert!(err.contains("경고[font.whole_in_static]: `static/PretendardGOV-Regular.otf`은(는) 1.2MB의 글꼴 파일입니다"), "{err}");
}
