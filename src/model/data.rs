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

/// The kinds of data a bundle may hold: one table each, and the charts drawn from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DataSet {
    Targets,
    Categories,
    Budget,
    Schedule,
    Ordinances,
    Kpis,
}

impl DataSet {
    pub const ALL: [DataSet; 6] = [
        DataSet::Targets,
        DataSet::Categories,
        DataSet::Budget,
        DataSet::Schedule,
        DataSet::Ordinances,
        DataSet::Kpis,
    ];

    /// The order a pledge page shows them in: the plan before the money.
    const PAGE_ORDER: [DataSet; 6] = [
        DataSet::Targets,
        DataSet::Categories,
        DataSet::Schedule,
        DataSet::Budget,
        DataSet::Ordinances,
        DataSet::Kpis,
    ];

    /// Its key in data.yaml, its template `tables/<name>.html` and ```table block name.
    pub fn name(self) -> &'static str {
        match self {
            DataSet::Targets => "targets",
            DataSet::Categories => "categories",
            DataSet::Budget => "budget",
            DataSet::Schedule => "schedule",
            DataSet::Ordinances => "ordinances",
            DataSet::Kpis => "kpis",
        }
    }

    pub fn parse(name: &str) -> Option<DataSet> {
        DataSet::ALL.into_iter().find(|s| s.name() == name)
    }

    /// The data set a CSV file of the bundle replaces the rows of.
    pub fn of_csv(file_name: &str) -> Option<DataSet> {
        match file_name {
            "budget.csv" => Some(DataSet::Budget),
            "categories.csv" => Some(DataSet::Categories),
            "kpis.csv" => Some(DataSet::Kpis),
            _ => None,
        }
    }

    /// Every name, for "use one of" hints.
    pub fn names() -> String {
        DataSet::ALL.map(DataSet::name).join(", ")
    }
}

impl std::fmt::Display for DataSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for DataSet {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl PledgeData {
    pub fn has(&self, set: DataSet) -> bool {
        match set {
            DataSet::Targets => self.targets.is_some(),
            DataSet::Categories => self.categories.is_some(),
            DataSet::Budget => self.budget.is_some(),
            DataSet::Schedule => self.schedule.is_some(),
            DataSet::Ordinances => !self.ordinances.is_empty(),
            DataSet::Kpis => !self.kpis.is_empty(),
        }
    }

    /// The data sets present, in the order the page shows them.
    pub fn present(&self) -> Vec<DataSet> {
        DataSet::PAGE_ORDER
            .into_iter()
            .filter(|s| self.has(*s))
            .collect()
    }
}

/// Where each data set was read from, for diagnostics: its part of data.yaml, and the CSV file
/// whose rows replaced it.
#[derive(Debug, Clone, Default)]
pub struct DataSources {
    yaml: std::collections::BTreeMap<DataSet, super::Source>,
    csv: std::collections::BTreeMap<DataSet, super::Source>,
}

impl DataSources {
    pub fn insert_yaml(&mut self, set: DataSet, source: super::Source) {
        self.yaml.insert(set, source);
    }

    pub fn insert_csv(&mut self, set: DataSet, source: super::Source) {
        self.csv.insert(set, source);
    }

    /// Every data file's text.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.sources().map(|s| s.text.as_str())
    }

    /// Every data file.
    pub fn sources(&self) -> impl Iterator<Item = &super::Source> {
        self.yaml.values().chain(self.csv.values())
    }

    /// data.yaml, where the data set's settings are.
    pub fn yaml(&self, set: DataSet) -> Option<&super::Source> {
        self.yaml.get(&set)
    }

    /// The file holding the data set's rows: its CSV when one replaced them, else data.yaml.
    pub fn rows(&self, set: DataSet) -> Option<&super::Source> {
        self.csv.get(&set).or_else(|| self.yaml(set))
    }
}

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
