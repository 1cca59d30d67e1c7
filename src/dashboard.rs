//! Figures districts publish in their quarterly checks, computed from the pledges' status and
//! progress at one reporting date: counts by status and area, 평균진행률, 완료율, 임기내 이행률,
//! 목표달성도, budget. One denominator everywhere: 통폐합 and 공약 제외 pledges, and their
//! budgets, are left out of every figure.

use crate::config::Config;
use crate::model::Pledge;
use crate::status::Status;
use serde::Serialize;
use std::collections::BTreeMap;

/// A pledge as it stood at a reporting date: from a snapshot row, or the card for the present.
#[derive(Debug, Clone, Copy)]
pub struct Entry<'a> {
    pub pledge: &'a Pledge,
    pub status: Status,
    pub progress: f64,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Dashboard {
    /// Every pledge shown on the site.
    pub total: usize,
    /// Pledges counted in the figures (without 통폐합 and 공약 제외): the one denominator.
    pub counted: usize,
    pub done: usize,
    /// (완료 + 이행후 계속추진) ÷ counted × 100
    pub completion_rate: Option<f64>,
    /// Mean of counted pledges' progress %.
    pub mean_progress: Option<f64>,
    /// 임기내 이행률: done ÷ counted pledges marked 임기내 × 100.
    pub in_term: InTerm,
    /// 목표달성도 for each year with a target.
    pub target_years: Vec<TargetYear>,
    pub statuses: Vec<StatusCount>,
    pub areas: Vec<AreaFigures>,
    /// Sum of counted pledges' card budgets in the most common unit, and that unit.
    pub budget_total: Option<f64>,
    pub budget_spent: Option<f64>,
    pub budget_unit: String,
    /// Latest as_of date among the pledges.
    pub as_of: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct InTerm {
    pub counted: usize,
    pub done: usize,
    pub rate: Option<f64>,
}

/// 목표달성도 of one year: pledges whose target for the year is met ÷ pledges with a target
/// for the year whose result is known; `pending` have a target but no result yet.
#[derive(Debug, Clone, Serialize)]
pub struct TargetYear {
    pub year: i32,
    pub with_target: usize,
    pub met: usize,
    pub pending: usize,
    pub rate: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StatusCount {
    pub key: &'static str,
    pub icon: &'static str,
    pub colour: &'static str,
    pub counted: bool,
    pub count: usize,
    /// Share of the counted pledges; `None` for 통폐합 and 공약 제외, which are not counted.
    pub share: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AreaFigures {
    pub name: String,
    pub slug: String,
    /// The area's page, `areas/<slug>/`.
    pub path: String,
    /// Every pledge of the area, counted or not.
    pub count: usize,
    pub counted: usize,
    pub done: usize,
    pub mean_progress: Option<f64>,
    pub budget_total: Option<f64>,
    /// 세부분야 in the order of site.yaml, then by name; empty when no pledge has one.
    pub sub_areas: Vec<SubAreaFigures>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SubAreaFigures {
    pub name: String,
    pub count: usize,
    pub counted: usize,
    pub done: usize,
    pub mean_progress: Option<f64>,
}

fn rate(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| part as f64 * 100.0 / whole as f64)
}

fn mean(entries: &[&Entry]) -> Option<f64> {
    (!entries.is_empty())
        .then(|| entries.iter().map(|e| e.progress).sum::<f64>() / entries.len() as f64)
}

pub fn compute(entries: &[Entry], config: &Config) -> Dashboard {
    let counted: Vec<&Entry> = entries.iter().filter(|e| e.status.is_counted()).collect();
    let done = counted.iter().filter(|e| e.status.is_done()).count();

    let statuses = Status::ALL
        .iter()
        .map(|s| {
            let count = entries.iter().filter(|e| e.status == *s).count();
            StatusCount {
                key: s.key(),
                icon: s.icon(),
                colour: s.colour(),
                counted: s.is_counted(),
                count,
                share: s.is_counted().then(|| rate(count, counted.len())).flatten(),
            }
        })
        .filter(|c| c.counted || c.count > 0)
        .collect();

    let budget_unit = most_common_unit(&counted);
    let budget_of = |e: &&Entry| {
        e.pledge
            .card
            .budget
            .as_ref()
            .filter(|b| b.unit == budget_unit)
            .map(|b| b.total)
    };
    let budget_sum = |es: &[&Entry]| {
        let sums: Vec<f64> = es.iter().filter_map(budget_of).collect();
        (!sums.is_empty()).then(|| sums.iter().sum::<f64>())
    };
    let spent: Vec<f64> = counted
        .iter()
        .filter(|e| budget_of(e).is_some())
        .filter_map(|e| e.pledge.data.budget.as_ref()?.total.as_ref()?.spent)
        .collect();

    let in_term: Vec<&&Entry> = counted
        .iter()
        .filter(|e| e.pledge.card.term.replace(' ', "") == "임기내")
        .collect();
    let in_term_done = in_term.iter().filter(|e| e.status.is_done()).count();

    Dashboard {
        total: entries.len(),
        counted: counted.len(),
        done,
        completion_rate: rate(done, counted.len()),
        mean_progress: mean(&counted),
        in_term: InTerm {
            counted: in_term.len(),
            done: in_term_done,
            rate: rate(in_term_done, in_term.len()),
        },
        target_years: target_years(&counted),
        statuses,
        areas: areas(entries, config, &|es| budget_sum(es)),
        budget_total: budget_sum(&counted),
        budget_spent: (!spent.is_empty()).then(|| spent.iter().sum()),
        budget_unit,
        as_of: entries
            .iter()
            .filter_map(|e| e.pledge.card.as_of.clone())
            .max(),
    }
}

/// Areas in site.yaml's order, then the others by name; each with its sub-areas.
fn areas(
    entries: &[Entry],
    config: &Config,
    budget_sum: &dyn Fn(&[&Entry]) -> Option<f64>,
) -> Vec<AreaFigures> {
    let mut by_area: BTreeMap<(usize, &str), Vec<&Entry>> = BTreeMap::new();
    for e in entries {
        let area = e.pledge.card.area.as_str();
        by_area
            .entry((config.areas.rank(area), area))
            .or_default()
            .push(e);
    }
    by_area
        .into_iter()
        .map(|((_, name), all)| {
            let (counted, done) = tally(&all);
            let mut by_sub: BTreeMap<(usize, &str), Vec<&Entry>> = BTreeMap::new();
            for e in &all {
                if let Some(sub) = e.pledge.card.sub_area.as_deref() {
                    by_sub
                        .entry((config.areas.sub_rank(name, sub), sub))
                        .or_default()
                        .push(e);
                }
            }
            let sub_areas = by_sub
                .into_iter()
                .map(|((_, sub), es)| {
                    let (counted, done) = tally(&es);
                    SubAreaFigures {
                        name: sub.to_string(),
                        count: es.len(),
                        counted: counted.len(),
                        done,
                        mean_progress: mean(&counted),
                    }
                })
                .collect();
            let slug = config.area_slug(name);
            AreaFigures {
                path: crate::urls::area_path(&slug),
                slug,
                name: name.to_string(),
                count: all.len(),
                counted: counted.len(),
                done,
                mean_progress: mean(&counted),
                budget_total: budget_sum(&counted),
                sub_areas,
            }
        })
        .collect()
}

/// The entries counted in the figures (not 통폐합 or 공약 제외), and how many of them are done.
fn tally<'a>(entries: &[&'a Entry<'a>]) -> (Vec<&'a Entry<'a>>, usize) {
    let counted: Vec<&Entry> = entries
        .iter()
        .copied()
        .filter(|e| e.status.is_counted())
        .collect();
    let done = counted.iter().filter(|e| e.status.is_done()).count();
    (counted, done)
}

/// 목표달성도 per year, from `targets.years` (met when the actual reaches the target, or as
/// `achieved:` says) and the card's `achieved:` for pledges without a numeric target.
fn target_years(counted: &[&Entry]) -> Vec<TargetYear> {
    let mut years: BTreeMap<i32, TargetYear> = BTreeMap::new();
    for e in counted {
        let mut results: BTreeMap<i32, Option<bool>> = BTreeMap::new();
        if let Some(t) = &e.pledge.data.targets {
            for y in &t.years {
                results.insert(y.year, y.met());
            }
        }
        for (year, met) in &e.pledge.card.achieved {
            results.insert(*year, Some(*met));
        }
        for (year, met) in results {
            let y = years.entry(year).or_insert(TargetYear {
                year,
                with_target: 0,
                met: 0,
                pending: 0,
                rate: None,
            });
            match met {
                Some(true) => {
                    y.with_target += 1;
                    y.met += 1;
                }
                Some(false) => y.with_target += 1,
                None => y.pending += 1,
            }
        }
    }
    years
        .into_values()
        .map(|mut y| {
            y.rate = rate(y.met, y.with_target);
            y
        })
        .collect()
}

fn most_common_unit(entries: &[&Entry]) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for b in entries.iter().filter_map(|e| e.pledge.card.budget.as_ref()) {
        *counts.entry(b.unit.as_str()).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by_key(|(_, n)| *n)
        .map_or_else(crate::model::default_money_unit, |(u, _)| u.to_string())
}
