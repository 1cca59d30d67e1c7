//! UI strings in the site's language, from the theme's `i18n/<language>.yaml` (falling back to
//! the default theme's built-in files), plus dates, quarters and status names in that language.

use crate::calendar::{Date, Quarter};
use crate::diagnostics::Diagnostic;
use crate::status::Status;
use std::collections::BTreeMap;
use std::fmt::Display;
use std::path::Path;

pub const LANGUAGES: [(&str, &str); 2] = [
    ("ko", include_str!("../themes/default/i18n/ko.yaml")),
    ("en", include_str!("../themes/default/i18n/en.yaml")),
];

#[derive(Debug, Clone)]
pub struct Strings {
    pub language: String,
    map: BTreeMap<String, String>,
    /// A hash of the language and every string: what a chart drawn with them depends on.
    fingerprint: u64,
}

impl Strings {
    /// The theme's strings for `language`, or the built-in ones when the theme has none.
    pub fn load(theme_dir: &Path, language: &str) -> Result<Strings, Diagnostic> {
        let file = theme_dir.join("i18n").join(format!("{language}.yaml"));
        let shown = Path::new("themes")
            .join(theme_dir.file_name().unwrap_or_default())
            .join("i18n")
            .join(format!("{language}.yaml"));
        let text = if file.is_file() {
            crate::load::text::read(&file, &shown)?
        } else {
            let builtin = LANGUAGES.iter().find(|(l, _)| *l == language);
            builtin
                .ok_or_else(|| {
                    Diagnostic::error(
                        crate::config::CONFIG_FILE,
                        msg!("theme.no_strings", language = language),
                    )
                    .hint(msg!("theme.no_strings_hint", language = language))
                })?
                .1
                .to_string()
        };
        let map = crate::yaml::parse(&text, &shown, 0)?;
        Ok(Strings::new(language, map))
    }

    fn new(language: &str, map: BTreeMap<String, String>) -> Strings {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        (language, &map).hash(&mut hasher);
        Strings {
            language: language.to_string(),
            map,
            fingerprint: hasher.finish(),
        }
    }

    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    pub fn builtin(language: &str) -> Strings {
        let text = LANGUAGES
            .iter()
            .find(|(l, _)| *l == language)
            .map_or(LANGUAGES[0].1, |(_, t)| t);
        let map = crate::yaml::parse(text, Path::new("i18n.yaml"), 0).unwrap_or_default();
        Strings::new(language, map)
    }

    #[cfg(test)]
    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.map.keys()
    }

    /// Every key with its string.
    pub fn entries(&self) -> impl Iterator<Item = (&str, &str)> {
        self.map.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// The string for `key`; a missing key shows as itself so it is easy to spot.
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.map.get(key).map_or(key, String::as_str)
    }

    /// The string for `key` with `{name}` placeholders filled in.
    pub fn fill(&self, key: &str, args: &[(&str, &dyn Display)]) -> String {
        use std::fmt::Write as _;
        let mut rest = self.get(key);
        let mut text = String::with_capacity(rest.len() + 16);
        while let Some(open) = rest.find('{') {
            text.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let named = after.find('}').and_then(|close| {
                let name = &after[..close];
                let value = args.iter().find(|(n, _)| *n == name)?.1;
                Some((value, close))
            });
            match named {
                Some((value, close)) => {
                    let _ = write!(text, "{value}");
                    rest = &after[close + 1..];
                }
                None => {
                    text.push('{');
                    rest = after;
                }
            }
        }
        text.push_str(rest);
        text
    }

    pub fn status(&self, status: Status) -> String {
        self.get(&format!("status.{}", status.key())).to_string()
    }

    /// `2021-06-30` → `2021년 6월 30일` / `June 30, 2021`; other text is returned as is.
    pub fn date(&self, text: &str) -> String {
        let Some(d) = Date::parse(text) else {
            return text.to_string();
        };
        let month = d
            .month
            .map(|m| self.get(&format!("month.{m}")).to_string())
            .unwrap_or_default();
        let (y, m, day) = (d.year, d.month.unwrap_or(1), d.day.unwrap_or(1));
        let key = match (d.month, d.day) {
            (Some(_), Some(_)) => "format.date_ymd",
            (Some(_), None) => "format.date_ym",
            _ => "format.date_y",
        };
        self.fill(key, &[("y", &y), ("m", &m), ("d", &day), ("month", &month)])
    }

    pub fn quarter(&self, q: Quarter) -> String {
        self.fill("format.quarter", &[("y", &q.year), ("q", &q.quarter)])
    }

    /// `2018-Q3` → `2018년 3분기` / `Q3 2018`; other text is returned as is.
    pub fn quarter_text(&self, text: &str) -> String {
        Quarter::parse(text).map_or_else(|| text.to_string(), |q| self.quarter(q))
    }

    /// Marked quarters in words, consecutive ones joined: `2018년 4분기, 2019년 2분기 ~ 2022년 4분기`.
    pub fn quarters(&self, quarters: &[Quarter]) -> String {
        let mut sorted = quarters.to_vec();
        sorted.sort();
        sorted.dedup();
        let mut runs: Vec<(Quarter, Quarter)> = Vec::new();
        for q in sorted {
            match runs.last_mut() {
                Some((_, end)) if end.next() == q => *end = q,
                _ => runs.push((q, q)),
            }
        }
        runs.iter()
            .map(|(a, b)| {
                if a == b {
                    self.quarter(*a)
                } else {
                    self.fill(
                        "format.range",
                        &[("from", &self.quarter(*a)), ("to", &self.quarter(*b))],
                    )
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Money as people say it: `42억 6,300만원` in Korean; the plain amount and unit otherwise.
    pub fn money_words(&self, value: f64, unit: &str) -> String {
        if self.language == "ko" {
            crate::format::korean_money(value, unit)
        } else {
            crate::format::money(value, unit)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_every_key() {
        let ko = Strings::builtin("ko");
        let en = Strings::builtin("en");
        let (ko_keys, en_keys): (Vec<_>, Vec<_>) = (ko.keys().collect(), en.keys().collect());
        assert!(ko_keys.len() > 100);
        assert_eq!(ko_keys, en_keys);
        for key in en.keys() {
            assert!(
                !en.get(key)
                    .chars()
                    .any(|c| ('\u{ac00}'..='\u{d7a3}').contains(&c)),
                "Korean in en: {key}"
            );
        }
    }

    #[test]
    fn dates_and_quarters_in_both_languages() {
        let (ko, en) = (Strings::builtin("ko"), Strings::builtin("en"));
        assert_eq!(ko.date("2021-06-30"), "2021년 6월 30일");
        assert_eq!(en.date("2021-06-30"), "June 30, 2021");
        assert_eq!(ko.date("2021-06"), "2021년 6월");
        assert_eq!(en.quarter_text("2018-Q3"), "Q3 2018");
        assert_eq!(ko.quarter_text("2018-Q3"), "2018년 3분기");
        let q = |y, q| Quarter {
            year: y,
            quarter: q,
        };
        assert_eq!(
            ko.quarters(&[q(2018, 4), q(2019, 2), q(2019, 3)]),
            "2018년 4분기, 2019년 2분기 ~ 2019년 3분기"
        );
        assert_eq!(ko.status(Status::Continuing), "이행후 계속추진");
        assert_eq!(en.status(Status::OnTrack), "On track");
    }
}
