//! A draft of the 예시구 sample's quarter checked as `check` would check the cards.

use super::*;
use crate::Options;

/// The district sample, loaded.
fn district() -> (tempfile::TempDir, crate::session::Session) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    crate::scaffold::init_sample(&root, crate::scaffold::Sample::District, "o/r").unwrap();
    let session = crate::session::Session::load(&Options::new(&root)).unwrap();
    (dir, session)
}

fn keys(problems: &[Diagnostic]) -> Vec<&str> {
    problems.iter().map(|d| d.message.key()).collect()
}

#[test]
fn a_draft_is_checked_by_the_cards_rules_row_by_row() {
    let (_dir, session) = district();
    let site = session.site();
    let mut drafts = drafts_of(site);
    assert_eq!(drafts.len(), site.pledges.len());
    // As the cards are: nothing to say.
    let clean = check(site, None, session.config(), &drafts);
    assert!(clean.values().all(Vec::is_empty), "{clean:?}");

    let first = site.pledges[0].card.number.as_str().to_string();
    let second = site.pledges[1].card.number.as_str().to_string();
    let third = site.pledges[2].card.number.as_str().to_string();
    // 보류 without a reason; a progress of 150; a status typo.
    drafts.get_mut(&first).unwrap().status = "보류".into();
    drafts.get_mut(&first).unwrap().reason = String::new();
    drafts.get_mut(&second).unwrap().progress = "150".into();
    drafts.get_mut(&third).unwrap().status = "진행중".into();
    drafts.insert("IX-9-9".into(), Draft::default());
    let rows = check(site, None, session.config(), &drafts);
    assert!(
        keys(&rows[&first]).contains(&"card.status_needs_reason"),
        "{:?}",
        rows[&first]
    );
    assert!(
        keys(&rows[&second]).contains(&"card.progress_range"),
        "{:?}",
        rows[&second]
    );
    assert_eq!(keys(&rows[&third]), ["import.bad_status"]);
    assert_eq!(keys(&rows["IX-9-9"]), ["update.unknown_number"]);
    // The other rows are untouched by their neighbours' problems.
    let others = rows
        .iter()
        .filter(|(n, _)| ![&first, &second, &third].contains(n) && n.as_str() != "IX-9-9");
    assert!(
        others.clone().all(|(_, p)| p.is_empty()),
        "{:?}",
        others.collect::<Vec<_>>()
    );
}

#[test]
fn a_drop_against_the_last_report_asks_for_a_reason_as_check_does() {
    let (_dir, session) = district();
    let site = session.site();
    let mut drafts = drafts_of(site);
    // A pledge still under way, its progress dropped by 20 without a reason.
    let pledge = site
        .pledges
        .iter()
        .find(|p| p.card.status == crate::status::Status::OnTrack && p.card.progress >= 30.0)
        .unwrap();
    let number = pledge.card.number.as_str().to_string();
    let row = drafts.get_mut(&number).unwrap();
    row.progress = format!("{}", pledge.card.progress - 20.0);
    row.reason = String::new();
    let rows = check(site, None, session.config(), &drafts);
    assert!(!rows[&number].is_empty(), "a drop says nothing: {rows:?}");
    // With a reason it passes.
    drafts.get_mut(&number).unwrap().reason = "사업 범위 조정".into();
    let rows = check(site, None, session.config(), &drafts);
    assert!(rows[&number].is_empty(), "{:?}", rows[&number]);
}

#[test]
fn the_form_is_read_by_field_and_pledge() {
    let fields = [
        ("token", "abc"),
        ("status[I-①-1]", " 보류 "),
        ("progress[I-①-1]", "60"),
        ("reason[I-①-1]", "부지 보상 지연"),
        ("progress[II-1]", "40%"),
        ("version[II-1]", "x"),
        ("junk", "1"),
    ];
    let drafts = drafts_from_form(fields);
    assert_eq!(
        drafts["I-①-1"],
        Draft {
            status: "보류".into(),
            progress: "60".into(),
            reason: "부지 보상 지연".into()
        }
    );
    assert_eq!(drafts["II-1"].progress, "40%");
    assert_eq!(drafts.len(), 2);
}

#[test]
fn a_save_writes_only_changed_rows_and_never_over_a_card_changed_since() {
    let (dir, session) = district();
    let root = dir.path().join("site");
    let site = session.site();
    let versions = versions(&root, site);
    let mut drafts = drafts_of(site);
    let pledges: Vec<&crate::model::Pledge> = site
        .pledges
        .iter()
        .filter(|p| p.card.status == crate::status::Status::OnTrack && p.card.progress < 90.0)
        .take(3)
        .collect();
    let (a, b, c) = (pledges[0], pledges[1], pledges[2]);
    for p in [a, b, c] {
        drafts.get_mut(p.card.number.as_str()).unwrap().progress =
            format!("{}", p.card.progress + 5.0);
    }
    // `b`'s card is changed by someone else after the page was loaded.
    let b_path = root.join(&b.index.path);
    let edited = std::fs::read_to_string(&b_path).unwrap() + "\n";
    std::fs::write(&b_path, &edited).unwrap();
    // `c` gets an impossible value.
    drafts.get_mut(c.card.number.as_str()).unwrap().progress = "150".into();
    let before_c = std::fs::read(root.join(&c.index.path)).unwrap();
    let before_a = std::fs::read_to_string(root.join(&a.index.path)).unwrap();

    let saved = save(&root, site, None, session.config(), &drafts, &versions).unwrap();
    assert_eq!(saved.written, vec![a.index.path.clone()]);
    assert!(saved.conflicts.contains_key(b.card.number.as_str()));
    assert_eq!(
        std::fs::read_to_string(&b_path).unwrap(),
        edited,
        "the other edit stays"
    );
    assert_eq!(std::fs::read(root.join(&c.index.path)).unwrap(), before_c);
    // In `a`, the progress line alone changed.
    let after_a = std::fs::read_to_string(root.join(&a.index.path)).unwrap();
    let changed: Vec<(&str, &str)> = before_a
        .lines()
        .zip(after_a.lines())
        .filter(|(x, y)| x != y)
        .collect();
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert!(changed[0].1.starts_with("progress: "), "{changed:?}");
}
