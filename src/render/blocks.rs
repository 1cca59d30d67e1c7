//! ```table and ```chart blocks of a pledge page: data tables, charts beside their tables,
//! and the data no block placed (shown at the end so nothing the district entered is hidden).

use super::markdown::Block;
use super::templates::Templates;
use super::value;
use crate::chart::{Chart, PLEDGE_CHARTS};
use crate::diagnostics::Diagnostic;
use crate::model::{DataSet, Pledge};
use minijinja::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

pub struct Placer<'a> {
    pledge: &'a Pledge,
    charts: &'a [Chart],
    templates: &'a Templates,
    strings: &'a crate::i18n::Strings,
    /// Where the page's standalone chart files are, e.g. `pledges/16-better-jobs/charts/`.
    chart_dir: String,
    /// Charts an author placed with a ```chart block: not repeated beside their table.
    explicit_charts: BTreeSet<String>,
    placed_sets: BTreeSet<DataSet>,
}

impl<'a> Placer<'a> {
    pub fn new(
        pledge: &'a Pledge,
        charts: &'a [Chart],
        templates: &'a Templates,
        strings: &'a crate::i18n::Strings,
        chart_dir: String,
    ) -> Self {
        Placer {
            pledge,
            charts,
            templates,
            strings,
            chart_dir,
            explicit_charts: pledge.placed_charts(),
            placed_sets: BTreeSet::new(),
        }
    }

    pub fn place(&mut self, block: &Block, path: &Path) -> Result<String, Diagnostic> {
        match block.lang {
            "chart" => self.chart_block(block, path),
            _ => {
                let (set, mut html) = self.table(block, path)?;
                // The standard charts of this data set follow its table.
                for chart in self.charts.iter().filter(|c| c.data_set == Some(set)) {
                    if !self.explicit_charts.contains(chart.name) {
                        html.push_str(&self.figure(chart, None, None, path)?);
                    }
                }
                self.placed_sets.insert(set);
                Ok(html)
            }
        }
    }

    fn chart_block(&mut self, block: &Block, path: &Path) -> Result<String, Diagnostic> {
        let Some(&(name, data_set)) = PLEDGE_CHARTS.iter().find(|(n, _)| *n == block.name) else {
            let valid: Vec<&str> = PLEDGE_CHARTS.iter().map(|(n, _)| *n).collect();
            return Err(
                Diagnostic::error(path, msg!("render.unknown_chart", name = block.name))
                    .at(block.line, 1)
                    .hint(msg!("render.one_of_hint", valid = valid.join(", "))),
            );
        };
        let Some(chart) = self.charts.iter().find(|c| c.name == name) else {
            let (message, hint) = match data_set {
                Some(set) => (
                    msg!("render.chart_without_data", name = name, set = set),
                    msg!("render.chart_without_data_hint", set = set),
                ),
                None => (
                    msg!("render.chart_nothing_to_draw", name = name),
                    msg!("render.chart_nothing_to_draw_hint"),
                ),
            };
            return Err(Diagnostic::error(path, message)
                .at(block.line, 1)
                .hint(hint));
        };
        // A chart placed on its own carries its data table in a disclosure.
        let table = match data_set {
            Some(set) => {
                self.placed_sets.insert(set);
                let table_block = Block {
                    lang: "table",
                    name: set.name(),
                    options: Vec::new(),
                    line: block.line,
                };
                Some(self.table(&table_block, path)?.1)
            }
            None => None,
        };
        let caption = block
            .options
            .iter()
            .find(|(k, _)| k == "caption")
            .map(|(_, v)| v.as_str());
        self.figure(chart, caption, table, path)
    }

    fn figure(
        &self,
        chart: &Chart,
        caption: Option<&str>,
        table_html: Option<String>,
        _path: &Path,
    ) -> Result<String, Diagnostic> {
        // The SVG goes in once, as a safe string; the rest of the chart is small.
        let context = minijinja::context! {
            chart => minijinja::context! { name => chart.name, title => caption.unwrap_or(&chart.title), desc => &chart.desc },
            svg => Value::from_safe_string(format!("{}{}", chart.svg, chart.narrow)),
            file => format!("{}{}.svg", self.chart_dir, chart.name),
            table_html => table_html.map(Value::from_safe_string),
        };
        self.templates.render("partials/chart.html", context)
    }

    /// Renders `tables/<name>.html` for one data set of the pledge.
    pub fn table(&self, block: &Block, path: &Path) -> Result<(DataSet, String), Diagnostic> {
        let pledge = self.pledge;
        let known = DataSet::parse(block.name);
        let present = known.filter(|set| pledge.data.has(*set));
        let Some(set) = present else {
            let (lang, name) = (block.lang, block.name);
            let (message, hint) = if known.is_some() {
                (
                    msg!("render.block_without_data", lang = lang, name = name),
                    msg!("render.block_without_data_hint", name = name),
                )
            } else {
                (
                    msg!("render.unknown_data_set", name = name, lang = lang),
                    msg!("render.one_of_hint", valid = DataSet::names()),
                )
            };
            return Err(Diagnostic::error(path, message)
                .at(block.line, 1)
                .hint(hint));
        };
        let options: BTreeMap<&str, &str> = block
            .options
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let context = || {
            let grid = match (&pledge.data.schedule, set) {
                (Some(schedule), DataSet::Schedule) => {
                    Some(super::schedule::grid(schedule, self.strings))
                }
                _ => None,
            };
            minijinja::context! {
                name => set.name(),
                grid => value(&grid),
                caption => options.get("caption").copied(),
                data => set_value(&pledge.data, set),
                options => value(&options),
            }
        };
        // The grid is made from the schedule and the strings, which the key holds already.
        let input = (&options, SetData(&pledge.data, set));
        let name = format!("tables/{}.html", set.name());
        let html = self.templates.render_kept(&name, &input, context)?;
        Ok((set, html))
    }

    /// A chart that belongs to no data table (such as `history`), unless a block placed it.
    pub fn unplaced_chart(
        &self,
        name: &str,
        path: &Path,
        problems: &mut Vec<Diagnostic>,
    ) -> String {
        if self.explicit_charts.contains(name) {
            return String::new();
        }
        let Some(chart) = self.charts.iter().find(|c| c.name == name) else {
            return String::new();
        };
        self.figure(chart, None, None, path).unwrap_or_else(|d| {
            problems.push(d);
            String::new()
        })
    }

    /// Tables (with their charts) for the data sets no block placed.
    pub fn appendix(&mut self, path: &Path, problems: &mut Vec<Diagnostic>) -> String {
        let mut html = String::new();
        for set in self.pledge.data.present() {
            if self.placed_sets.contains(&set) {
                continue;
            }
            let block = Block {
                lang: "table",
                name: set.name(),
                options: Vec::new(),
                line: 0,
            };
            match self.place(&block, path) {
                Ok(part) => html.push_str(&part),
                Err(d) => problems.push(d),
            }
        }
        html
    }
}

/// One data set of a pledge, serialised as it is: the tables' template value and cache key.
struct SetData<'a>(&'a crate::model::PledgeData, DataSet);

impl serde::Serialize for SetData<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let SetData(data, set) = self;
        match set {
            DataSet::Targets => data.targets.serialize(serializer),
            DataSet::Categories => data.categories.serialize(serializer),
            DataSet::Budget => data.budget.serialize(serializer),
            DataSet::Schedule => data.schedule.serialize(serializer),
            DataSet::Ordinances => data.ordinances.serialize(serializer),
            DataSet::Kpis => data.kpis.serialize(serializer),
        }
    }
}

/// One data set of a pledge for templates.
fn set_value(data: &crate::model::PledgeData, set: DataSet) -> Value {
    value(SetData(data, set))
}
