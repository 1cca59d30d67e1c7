//! Yearly targets (baseline, targets, actuals), target vs actual by category, and progress.

use super::canvas::{draw, rgb, wrap, Anchor};
use super::scale::Scale;
use super::{finish, num, Drawn, GRID, INK, MUTED, PALETTE};
use crate::model::{Card, Categories, Targets};

const WIDTH: f64 = 720.0;

pub fn yearly(t: &Targets, pledge: &str) -> Drawn {
    let name = "targets";
    let mut points: Vec<(String, f64, Option<f64>)> = vec![(
        format!("{}년(기준)", t.baseline.year),
        t.baseline.value,
        Some(t.baseline.value),
    )];
    points.extend(
        t.years
            .iter()
            .map(|y| (format!("{}년", y.year), y.target, y.actual)),
    );
    let has_actual = t.years.iter().any(|y| y.actual.is_some());
    let title = if t.title.is_empty() {
        "연차별 목표".to_string()
    } else {
        format!("{} 연차별 목표", t.title)
    };
    let unit = t.unit.as_str();

    let values: Vec<f64> = points
        .iter()
        .flat_map(|(_, target, actual)| std::iter::once(*target).chain(*actual))
        .collect();
    let lo = values.iter().cloned().fold(f64::INFINITY, f64::min);
    let hi = values.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
    let (top, bottom, left, right) = (78.0, 340.0, 78.0, WIDTH - 30.0);
    let y = Scale::nice(lo - (hi - lo) * 0.08, hi + (hi - lo) * 0.12, 4, bottom, top);
    let step = (right - left) / points.len().max(1) as f64;
    let x_at = |i: usize| left + step * (i as f64 + 0.5);

    let svg = draw(WIDTH as u32, 380, |c| {
        c.text(&title, (16.0, 22.0), 15.0, rgb(INK), Anchor::Start, true)?;
        if let Some(increase) = t.increase {
            let last = t.years.last().map_or(t.baseline.value, |y| y.target);
            let note = format!(
                "목표 증가 +{}{unit} ({} {} → {}{unit})",
                num(increase),
                points[0].0,
                num(t.baseline.value),
                num(last)
            );
            c.text(&note, (16.0, 44.0), 12.5, rgb(MUTED), Anchor::Start, false)?;
        }
        if !unit.is_empty() {
            c.text(
                &format!("(단위: {unit})"),
                (16.0, top - 16.0),
                11.5,
                rgb(MUTED),
                Anchor::Start,
                false,
            )?;
        }
        for tick in &y.ticks {
            let ty = y.at(*tick);
            c.line(&[(left, ty), (right, ty)], rgb(GRID), 1)?;
            c.text(
                &num(*tick),
                (left - 8.0, ty),
                11.5,
                rgb(MUTED),
                Anchor::End,
                false,
            )?;
        }
        for (i, (label, _, _)) in points.iter().enumerate() {
            c.text(
                label,
                (x_at(i), bottom + 18.0),
                12.0,
                rgb(INK),
                Anchor::Middle,
                false,
            )?;
        }
        let target_line: Vec<(f64, f64)> = points
            .iter()
            .enumerate()
            .map(|(i, p)| (x_at(i), y.at(p.1)))
            .collect();
        c.line(&target_line, rgb(PALETTE[0]), 2)?;
        for (i, (_, target, _)) in points.iter().enumerate() {
            c.circle(x_at(i), y.at(*target), 5, rgb(PALETTE[0]))?;
            c.text(
                &num(*target),
                (x_at(i), y.at(*target) - 16.0),
                12.5,
                rgb(INK),
                Anchor::Middle,
                true,
            )?;
        }
        if has_actual {
            let actual_line: Vec<(f64, f64)> = points
                .iter()
                .enumerate()
                .filter_map(|(i, p)| p.2.map(|a| (x_at(i), y.at(a))))
                .collect();
            c.line(&actual_line, rgb(PALETTE[5]), 2)?;
            for (i, (_, _, actual)) in points.iter().enumerate().skip(1) {
                if let Some(a) = actual {
                    let (ax, ay) = (x_at(i), y.at(*a));
                    c.rect(ax - 5.0, ay - 5.0, ax + 5.0, ay + 5.0, rgb(PALETTE[5]))?;
                    c.text(
                        &num(*a),
                        (ax, ay + 17.0),
                        12.5,
                        rgb(PALETTE[5]),
                        Anchor::Middle,
                        true,
                    )?;
                }
            }
            legend(
                c,
                &[("● 목표", PALETTE[0]), ("■ 실적", PALETTE[5])],
                right,
                22.0,
            )?;
        }
        Ok(())
    })
    .map_err(|e| (name, e))?;

    let mut desc = format!(
        "{}: 기준 {} {}{unit}",
        title,
        points[0].0,
        num(t.baseline.value)
    );
    for y in &t.years {
        desc.push_str(&format!(", {}년 목표 {}{unit}", y.year, num(y.target)));
        if let Some(a) = y.actual {
            desc.push_str(&format!("(실적 {}{unit})", num(a)));
        }
    }
    if let Some(increase) = t.increase {
        desc.push_str(&format!(". 증가 목표 {}{unit}.", num(increase)));
    }
    let title = format!("{title} — {pledge}");
    Ok(Some(finish(name, "targets", title, desc, svg)))
}

/// Legend entries right-aligned at `right`, from right to left.
pub(super) fn legend(
    c: &super::canvas::Canvas,
    entries: &[(&str, &str)],
    right: f64,
    y: f64,
) -> super::canvas::DrawResult {
    let mut x = right;
    for (label, colour) in entries.iter().rev() {
        let text = label.trim_start_matches(['●', '■', '▲', ' ']);
        let w = c.text_width(text, 12.0, false);
        c.text(text, (x, y), 12.0, rgb(INK), Anchor::End, false)?;
        x -= w + 6.0;
        c.rect(x - 12.0, y - 6.0, x, y + 6.0, rgb(colour))?;
        x -= 28.0;
    }
    Ok(())
}

pub fn categories(cat: &Categories, pledge: &str) -> Drawn {
    let name = "categories";
    if cat.items.is_empty() {
        return Ok(None);
    }
    let unit = cat.unit.as_str();
    let title = if cat.title.is_empty() {
        "목표 대비 실적".to_string()
    } else {
        format!("{} 목표 대비 실적", cat.title)
    };
    let max = cat
        .items
        .iter()
        .flat_map(|i| std::iter::once(i.target).chain(i.actual))
        .fold(0.0, f64::max);
    let (top, bottom, left, right) = (88.0, 316.0, 64.0, WIDTH - 24.0);
    let y = Scale::nice(0.0, max * 1.1, 4, bottom, top);
    let step = (right - left) / cat.items.len() as f64;
    let bar = (step * 0.3).min(56.0);
    let label_lines: Vec<Vec<String>> = cat
        .items
        .iter()
        .map(|i| wrap(&i.name, step - 8.0, 12.0, 2))
        .collect();
    let height =
        bottom + 24.0 + 16.0 * label_lines.iter().map(Vec::len).max().unwrap_or(1) as f64 + 8.0;

    let svg = draw(WIDTH as u32, height as u32, |c| {
        c.text(&title, (16.0, 22.0), 15.0, rgb(INK), Anchor::Start, true)?;
        if let Some(total) = &cat.total {
            let mut note = format!("계: 목표 {}{unit}", num(total.target));
            if let Some(a) = total.actual {
                note.push_str(&format!(" → 실적 {}{unit}", num(a)));
            }
            if let Some(as_of) = &cat.actual_as_of {
                note.push_str(&format!(
                    " ({} 기준)",
                    crate::render::format::date_ko(as_of)
                ));
            }
            c.text(&note, (16.0, 44.0), 12.5, rgb(MUTED), Anchor::Start, false)?;
        }
        legend(
            c,
            &[("목표", PALETTE[4]), ("실적", PALETTE[0])],
            right,
            22.0,
        )?;
        if !unit.is_empty() {
            c.text(
                &format!("(단위: {unit})"),
                (16.0, top - 16.0),
                11.5,
                rgb(MUTED),
                Anchor::Start,
                false,
            )?;
        }
        for tick in &y.ticks {
            c.line(&[(left, y.at(*tick)), (right, y.at(*tick))], rgb(GRID), 1)?;
            c.text(
                &num(*tick),
                (left - 8.0, y.at(*tick)),
                11.5,
                rgb(MUTED),
                Anchor::End,
                false,
            )?;
        }
        for (i, item) in cat.items.iter().enumerate() {
            let cx = left + step * (i as f64 + 0.5);
            let bars = [
                (item.target, PALETTE[4], cx - bar - 2.0),
                (item.actual.unwrap_or(0.0), PALETTE[0], cx + 2.0),
            ];
            for (j, (value, colour, x0)) in bars.iter().enumerate() {
                if j == 1 && item.actual.is_none() {
                    c.text(
                        "-",
                        (x0 + bar / 2.0, bottom - 10.0),
                        12.5,
                        rgb(MUTED),
                        Anchor::Middle,
                        false,
                    )?;
                    continue;
                }
                c.rect(*x0, y.at(*value), x0 + bar, bottom, rgb(colour))?;
                c.text(
                    &num(*value),
                    (x0 + bar / 2.0, y.at(*value) - 10.0),
                    12.5,
                    rgb(INK),
                    Anchor::Middle,
                    true,
                )?;
            }
            for (k, line) in label_lines[i].iter().enumerate() {
                c.text(
                    line,
                    (cx, bottom + 16.0 + 16.0 * k as f64),
                    12.0,
                    rgb(INK),
                    Anchor::Middle,
                    false,
                )?;
            }
        }
        c.line(&[(left, bottom), (right, bottom)], rgb(INK), 1)?;
        Ok(())
    })
    .map_err(|e| (name, e))?;

    let desc = cat
        .items
        .iter()
        .map(|i| {
            let actual = i
                .actual
                .map_or("-".to_string(), |a| format!("{}{unit}", num(a)));
            format!("{} 목표 {}{unit}, 실적 {actual}", i.name, num(i.target))
        })
        .collect::<Vec<_>>()
        .join("; ");
    Ok(Some(finish(
        name,
        "categories",
        format!("{title} — {pledge}"),
        format!("{title}: {desc}."),
        svg,
    )))
}

pub fn progress(card: &Card) -> Drawn {
    let name = "progress";
    let value = card.progress.clamp(0.0, 100.0);
    let (left, right) = (16.0, 464.0);
    let svg = draw(480, 64, |c| {
        c.text("추진율", (left, 16.0), 12.5, rgb(INK), Anchor::Start, true)?;
        c.text(
            &format!("{}%", num(card.progress)),
            (right, 16.0),
            12.5,
            rgb(INK),
            Anchor::End,
            true,
        )?;
        c.rect(left, 30.0, right, 48.0, rgb("#e3e7ec"))?;
        c.rect(
            left,
            30.0,
            left + (right - left) * value / 100.0,
            48.0,
            rgb("#0b6e4f"),
        )?;
        c.outline(left, 30.0, right, 48.0, rgb("#8a94a3"), 1)?;
        Ok(())
    })
    .map_err(|e| (name, e))?;
    let title = format!("추진율 — {}", card.title);
    let desc = format!(
        "{}의 추진율은 {}%이며 이행 상태는 {}입니다.",
        card.title,
        num(card.progress),
        card.status
    );
    Ok(Some(finish(name, "card", title, desc, svg)))
}
