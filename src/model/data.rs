//! A bundle's data files as plain data: yearly targets, target vs actual by category, budget by
//! year and funding source, the quarterly schedule, ordinances and KPIs.

use super::{default_money_unit, Number};
use serde::{Deserialize, Serialize};

/// Everything a bundle's data files hold. All parts are optional.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PledgeData {
    #[serde(default)]
    pub targets: Option<Targets>,
    #[serde(default)]
    pub categories: Option<Categories>,
    #[serde(default)]
    pub budget: Option<Budget>,
    #[serde(default)]
    pub schedule: Option<Schedule>,
    #[serde(default)]
    pub ordinances: Vec<Ordinance>,
    #[serde(default)]
    pub kpis: Vec<Kpi>,
}

impl PledgeData {
    /// Names of the data sets present, in the order the page shows them.
    pub fn present(&self) -> Vec<&'static str> {
        let mut names = Vec::new();
        if self.targets.is_some() {
            names.push("targets");
        }
        if self.categories.is_some() {
            names.push("categories");
        }
        if self.schedule.is_some() {
            names.push("schedule");
        }
        if self.budget.is_some() {
            names.push("budget");
        }
        if !self.ordinances.is_empty() {
            names.push("ordinances");
        }
        if !self.kpis.is_empty() {
            names.push("kpis");
        }
        names
    }
}

pub const DATA_SETS: [&str; 6] = [
    "targets",
    "categories",
    "budget",
    "schedule",
    "ordinances",
    "kpis",
];

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Targets {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub measure: Option<String>,
    #[serde(default)]
    pub unit: String,
    pub baseline: YearValue,
    #[serde(default)]
    pub increase: Option<Number>,
    pub years: Vec<YearTarget>,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct YearValue {
    pub year: i32,
    pub value: Number,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct YearTarget {
    pub year: i32,
    pub target: Number,
    #[serde(default)]
    pub actual: Option<Number>,
    /// Overrides `actual ≥ target` for 목표달성도, e.g. when the target counts down.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub achieved: Option<bool>,
}

impl YearTarget {
    /// Whether the year's target was met; `None` while no result is known.
    pub fn met(&self) -> Option<bool> {
        self.achieved
            .or_else(|| self.actual.map(|a| a >= self.target - 1e-9))
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Categories {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub period: Option<String>,
    #[serde(default)]
    pub actual_as_of: Option<String>,
    #[serde(default)]
    pub total: Option<TargetActual>,
    pub items: Vec<CategoryItem>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TargetActual {
    pub target: Number,
    #[serde(default)]
    pub actual: Option<Number>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CategoryItem {
    pub name: String,
    pub target: Number,
    #[serde(default)]
    pub actual: Option<Number>,
}

/// Budget by year × funding source. `None` amounts are blank or "-" in the report.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Budget {
    #[serde(default = "default_money_unit")]
    pub unit: String,
    #[serde(default)]
    pub spent_period: Option<String>,
    #[serde(default)]
    pub columns: Vec<String>,
    #[serde(default)]
    pub total: Option<BudgetRow>,
    #[serde(default)]
    pub sources: Vec<BudgetRow>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct BudgetRow {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub total: Option<Number>,
    #[serde(default)]
    pub years: Vec<Option<Number>>,
    #[serde(default)]
    pub spent: Option<Number>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Schedule {
    pub start: String,
    pub end: String,
    pub groups: Vec<ScheduleGroup>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ScheduleGroup {
    pub name: String,
    pub tasks: Vec<ScheduleTask>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ScheduleTask {
    pub name: String,
    /// Quarters (`2018-Q3`) and ranges (`2019-Q2..2022-Q4`).
    pub quarters: Vec<String>,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Ordinance {
    pub name: String,
    #[serde(default)]
    pub action: Option<String>,
    pub date: String,
    #[serde(default)]
    pub committee: Option<Committee>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Committee {
    pub name: String,
    pub members: u32,
    #[serde(default)]
    pub ex_officio: Option<u32>,
    #[serde(default)]
    pub appointed: Option<u32>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Kpi {
    pub label: String,
    pub value: Number,
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub note: Option<String>,
}
