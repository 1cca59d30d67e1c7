//! ```table and ```chart blocks of a pledge page: data tables, charts beside their tables,
//! and the data no block placed (shown at the end so nothing the district entered is hidden).

use super::markdown::Block;
use super::templates::Templates;
use super::value;
use crate::chart::{Chart, PLEDGE_CHARTS};
use crate::diagnostics::Diagnostic;
use crate::model::{Pledge, DATA_SETS};
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
    placed_sets: BTreeSet<String>,
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
                let mut html = self.table(block, path)?;
                // The standard charts of this data set follow its table.
                for chart in self.charts.iter().filter(|c| c.data_set == block.name) {
                    if !self.explicit_charts.contains(chart.name) {
                        html.push_str(&self.figure(chart, None, None, path)?);
                    }
                }
                self.placed_sets.insert(block.name.to_string());
                Ok(html)
            }
        }
    }

    fn chart_block(&mut self, block: &Block, path: &Path) -> Result<String, Diagnostic> {
        let Some(&(name, data_set)) = PLEDGE_CHARTS.iter().find(|(n, _)| *n == block.name) else {
            let valid: Vec<&str> = PLEDGE_CHARTS.iter().map(|(n, _)| *n).collect();
            return Err(
                Diagnostic::error(path, format!("unknown chart `{}`", block.name))
                    .at(block.line, 1)
                    .hint(format!("use one of: {}", valid.join(", "))),
            );
        };
        let Some(chart) = self.charts.iter().find(|c| c.name == name) else {
            return Err(Diagnostic::error(
                path,
                format!("chart `{name}` needs {data_set} data, and this pledge has none"),
            )
            .at(block.line, 1)
            .hint(format!(
                "add `{data_set}:` to data.yaml in this folder, or remove the block"
            )));
        };
        // A chart placed on its own carries its data table in a disclosure.
        let table = if DATA_SETS.contains(&data_set) {
            self.placed_sets.insert(data_set.to_string());
            let table_block = Block {
                lang: "table",
                name: data_set,
                options: Vec::new(),
                line: block.line,
            };
            Some(self.table(&table_block, path)?)
        } else {
            None
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
            svg => Value::from_safe_string(chart.svg.clone()),
            file => format!("{}{}.svg", self.chart_dir, chart.name),
            table_html => table_html.map(Value::from_safe_string),
        };
        self.templates.render("partials/chart.html", context)
    }

    /// Renders `tables/<name>.html` for one data set of the pledge.
    pub fn table(&self, block: &Block, path: &Path) -> Result<String, Diagnostic> {
        let pledge = self.pledge;
        let known = DATA_SETS.contains(&block.name);
        let present = known && pledge.data.present().contains(&block.name);
        let set = present
            .then(|| set_value(&pledge.data, block.name))
            .flatten();
        let Some(set) = set else {
            let (message, hint) = if known {
                (
                    format!("```{} block names `{}`, but this pledge has no {} data", block.lang, block.name, block.name),
                    format!("add `{}:` to data.yaml in this folder (see docs/content-guide.md), or remove the block", block.name),
                )
            } else {
                (
                    format!(
                        "unknown data set `{}` in a ```{} block",
                        block.name, block.lang
                    ),
                    format!("use one of: {}", DATA_SETS.join(", ")),
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
        let grid = match (&pledge.data.schedule, block.name) {
            (Some(schedule), "schedule") => Some(super::schedule::grid(schedule, self.strings)),
            _ => None,
        };
        let context = minijinja::context! {
            name => block.name,
            grid => value(&grid),
            caption => options.get("caption").copied(),
            data => set,
            options => value(&options),
        };
        self.templates
            .render(&format!("tables/{}.html", block.name), context)
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
        for name in self.pledge.data.present() {
            if self.placed_sets.contains(name) {
                continue;
            }
            let block = Block {
                lang: "table",
                name,
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

/// One data set of a pledge for templates; None when it is absent.
fn set_value(data: &crate::model::PledgeData, name: &str) -> Option<Value> {
    Some(match name {
        "targets" => value(&data.targets),
        "categories" => value(&data.categories),
        "budget" => value(&data.budget),
        "schedule" => value(&data.schedule),
        "ordinances" => value(&data.ordinances),
        "kpis" => value(&data.kpis),
        _ => return None,
    })
}
