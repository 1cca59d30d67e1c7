//! Charts drawn once: a chart's SVG, title and description depend only on its input (the data
//! set, the pledge's title, the UI strings and this program's version), so they are kept by a
//! hash of that input (`crate::cache`) and reused by the next build.

use super::Chart;
use crate::cache::{key, with_name, Store};
use serde::Serialize;
use std::path::Path;

/// A chart input's key; `None`: no cache, or an input that cannot be hashed.
pub struct Input(Option<u128>);

#[derive(Default)]
pub struct ChartCache {
    store: Store,
}

impl ChartCache {
    /// No cache: every chart is drawn.
    pub fn none() -> ChartCache {
        ChartCache::default()
    }

    /// The cache of the site at `root`, kept in `dir`, as the last `build` saved it.
    pub fn open(dir: &Path, root: &Path) -> ChartCache {
        ChartCache {
            store: Store::open(dir, root, "charts"),
        }
    }

    /// The key of `input`, hashed once for every chart drawn from it (the budget's three);
    /// nothing is hashed without a cache.
    pub fn input<I: Serialize>(&self, input: &I) -> Input {
        Input(self.store.is_on().then(|| key(input)).flatten())
    }

    /// The chart named `name` that `draw` makes from `input`, from the cache when an earlier
    /// run drew it.
    pub fn chart(
        &self,
        name: &'static str,
        input: &Input,
        draw: impl FnOnce() -> Result<Option<Chart>, (&'static str, String)>,
    ) -> Result<Option<Chart>, (&'static str, String)> {
        let Some(input) = input.0 else {
            return draw();
        };
        let key = with_name(input, name);
        let chart = |title: String, desc: String, svg: String, narrow: String| Chart {
            name,
            data_set: super::data_set_of(name),
            title,
            desc,
            svg,
            narrow,
        };
        // Kept as [title, description, SVG, phone SVG], or [] for an input that draws no chart.
        let kept = self.store.get(key).map(<[String; 4]>::try_from);
        match kept {
            Some(Ok([title, desc, svg, narrow])) => Ok(Some(chart(title, desc, svg, narrow))),
            Some(Err(_)) => Ok(None),
            None => {
                let drawn = draw()?;
                let kept = drawn.as_ref().map_or_else(Vec::new, |c| {
                    vec![
                        c.title.clone(),
                        c.desc.clone(),
                        c.svg.clone(),
                        c.narrow.clone(),
                    ]
                });
                self.store.put(key, kept);
                Ok(drawn)
            }
        }
    }

    /// Writes what this run used; see `Store::save`.
    pub fn save(&self) {
        self.store.save();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_chart_is_not_drawn_again() {
        let dir = tempfile::tempdir().unwrap();
        let drawn = || {
            Ok(Some(Chart {
                name: "schedule",
                data_set: None,
                title: "일정".into(),
                desc: "설명".into(),
                svg: "<svg/>".into(),
                narrow: String::new(),
            }))
        };
        let first = ChartCache::open(dir.path(), dir.path());
        let chart = first
            .chart("schedule", &first.input(&("공약", 1)), drawn)
            .unwrap()
            .unwrap();
        first.save();
        let second = ChartCache::open(dir.path(), dir.path());
        let again = second
            .chart("schedule", &second.input(&("공약", 1)), || {
                panic!("drawn again")
            })
            .unwrap()
            .unwrap();
        assert_eq!((again.svg, again.title), (chart.svg, chart.title));
        assert_eq!(again.data_set, Some(crate::model::DataSet::Schedule));
        // Other input: drawn.
        let other = second.input(&("공약", 2));
        let other = second.chart("schedule", &other, || Ok(None)).unwrap();
        assert!(other.is_none());
        // Same input, another chart: drawn.
        let other = second
            .chart("targets", &second.input(&("공약", 1)), || Ok(None))
            .unwrap();
        assert!(other.is_none());
    }
}
