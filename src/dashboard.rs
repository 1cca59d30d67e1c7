//! Figures districts publish in their quarterly checks, computed from the pledges:
//! counts by status and area, 평균진행률, 완료율, budget. 통폐합 and 공약 제외 are left out.

use crate::model::Pledge;
use crate::status::Status;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default, Serialize)]
pub struct Dashboard {
    /// Every pledge shown on the site.
    pub total: usize,
    /// Pledges counted in the rates (without 통폐합 and 공약 제외).
    pub counted: usize,
    pub done: usize,
    /// (완료 + 이행후 계속추진) ÷ counted × 100
    pub completion_rate: Option<f64>,
    /// Mean of counted pledges' progress %.
    pub mean_progress: Option<f64>,
    pub statuses: Vec<StatusCount>,
    pub areas: Vec<AreaFigures>,
    /// Sum of card budgets in the most common unit, and that unit.
    pub budget_total: Option<f64>,
    pub budget_spent: Option<f64>,
    pub budget_unit: String,
    /// Latest as_of date among the pledges.
    pub as_of: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StatusCount {
    pub key: &'static str,
    pub icon: &'static str,
    pub colour: &'static str,
    pub counted: bool,
    pub count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct AreaFigures {
    pub name: String,
    pub slug: String,
    pub count: usize,
    pub done: usize,
    pub mean_progress: Option<f64>,
    pub budget_total: Option<f64>,
}

pub fn compute(pledges: &[&Pledge], area_slug: &dyn Fn(&str) -> String) -> Dashboard {
    let counted: Vec<&&Pledge> = pledges
        .iter()
        .filter(|p| p.card.status.is_counted())
        .collect();
    let done = counted.iter().filter(|p| p.card.status.is_done()).count();
    let mean = |ps: &[&&Pledge]| {
        (!ps.is_empty()).then(|| ps.iter().map(|p| p.card.progress).sum::<f64>() / ps.len() as f64)
    };

    let statuses = Status::ALL
        .iter()
        .map(|s| StatusCount {
            key: s.key(),
            icon: s.icon(),
            colour: s.colour(),
            counted: s.is_counted(),
            count: pledges.iter().filter(|p| p.card.status == *s).count(),
        })
        .filter(|c| c.counted || c.count > 0)
        .collect();

    let budget_unit = most_common_unit(pledges);
    let in_unit = |p: &&&Pledge| {
        p.card
            .budget
            .as_ref()
            .is_some_and(|b| b.unit == budget_unit)
    };
    let budgeted: Vec<&&Pledge> = pledges.iter().filter(in_unit).collect();
    let budget_total = (!budgeted.is_empty()).then(|| {
        budgeted
            .iter()
            .filter_map(|p| p.card.budget.as_ref().map(|b| b.total))
            .sum()
    });
    let spent: Vec<f64> = budgeted
        .iter()
        .filter_map(|p| p.data.budget.as_ref()?.total.as_ref()?.spent)
        .collect();

    let mut by_area: BTreeMap<&str, Vec<&&Pledge>> = BTreeMap::new();
    for p in &counted {
        by_area.entry(p.card.area.as_str()).or_default().push(p);
    }
    for p in pledges {
        by_area.entry(p.card.area.as_str()).or_default();
    }
    let areas = by_area
        .into_iter()
        .map(|(name, ps)| AreaFigures {
            slug: area_slug(name),
            name: name.to_string(),
            count: pledges.iter().filter(|p| p.card.area == name).count(),
            done: ps.iter().filter(|p| p.card.status.is_done()).count(),
            mean_progress: mean(&ps),
            budget_total: {
                let sums: Vec<f64> = ps
                    .iter()
                    .filter_map(|p| p.card.budget.as_ref())
                    .filter(|b| b.unit == budget_unit)
                    .map(|b| b.total)
                    .collect();
                (!sums.is_empty()).then(|| sums.iter().sum())
            },
        })
        .collect();

    Dashboard {
        total: pledges.len(),
        counted: counted.len(),
        done,
        completion_rate: (!counted.is_empty()).then(|| done as f64 * 100.0 / counted.len() as f64),
        mean_progress: mean(&counted),
        statuses,
        areas,
        budget_total,
        budget_spent: (!spent.is_empty()).then(|| spent.iter().sum()),
        budget_unit,
        as_of: pledges.iter().filter_map(|p| p.card.as_of.clone()).max(),
    }
}

fn most_common_unit(pledges: &[&Pledge]) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for b in pledges.iter().filter_map(|p| p.card.budget.as_ref()) {
        *counts.entry(b.unit.as_str()).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by_key(|(_, n)| *n)
        .map_or_else(crate::model::default_money_unit, |(u, _)| u.to_string())
}
