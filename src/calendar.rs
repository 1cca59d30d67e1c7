//! Dates and quarters as they appear in pledge data: `2021-06-30`, `2021-06`, `2018-Q3`.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quarter {
    pub year: i32,
    /// 1–4
    pub quarter: u8,
}

impl Quarter {
    pub fn parse(text: &str) -> Option<Quarter> {
        let (year, q) = text.trim().split_once(['-', ' '])?;
        let year: i32 = year.trim().parse().ok()?;
        let q = q.trim().trim_start_matches(['Q', 'q']);
        let quarter: u8 = q.parse().ok()?;
        ((1..=4).contains(&quarter) && (1900..=2200).contains(&year))
            .then_some(Quarter { year, quarter })
    }

    pub fn next(self) -> Quarter {
        if self.quarter == 4 {
            Quarter {
                year: self.year + 1,
                quarter: 1,
            }
        } else {
            Quarter {
                quarter: self.quarter + 1,
                ..self
            }
        }
    }

    /// Every quarter from `self` to `end`, both included.
    pub fn through(self, end: Quarter) -> Vec<Quarter> {
        let mut out = Vec::new();
        let mut q = self;
        while q <= end {
            out.push(q);
            q = q.next();
        }
        out
    }

    /// The quarter a `YYYY-MM[-DD]` date falls in.
    pub fn of_date(date: &Date) -> Option<Quarter> {
        date.month.map(|m| Quarter {
            year: date.year,
            quarter: (m - 1) / 3 + 1,
        })
    }
}

impl fmt::Display for Quarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-Q{}", self.year, self.quarter)
    }
}

/// Parses one entry of a task's `quarters`: a quarter or an inclusive range `A..B`.
pub fn parse_quarter_span(text: &str) -> Option<Vec<Quarter>> {
    match text.split_once("..") {
        Some((a, b)) => {
            let (a, b) = (Quarter::parse(a)?, Quarter::parse(b)?);
            (a <= b).then(|| a.through(b))
        }
        None => Quarter::parse(text).map(|q| vec![q]),
    }
}

/// A calendar date with optional month and day, validated (no 2021-02-30).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl Date {
    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.trim().split('-');
        let year: i32 = parts.next()?.parse().ok()?;
        let month: Option<u8> = parts.next().map(str::parse).transpose().ok()?;
        let day: Option<u8> = parts.next().map(str::parse).transpose().ok()?;
        if parts.next().is_some() || !(1900..=2200).contains(&year) {
            return None;
        }
        if let Some(m) = month {
            if !(1..=12).contains(&m) {
                return None;
            }
            if let Some(d) = day {
                if d == 0 || d > days_in_month(year, m) {
                    return None;
                }
            }
        }
        Some(Date { year, month, day })
    }

    /// A reporting date: a real day written `YYYY-MM-DD`, two-digit month and day, the one
    /// form every file name, report address and record uses.
    pub fn parse_reporting(text: &str) -> Option<Date> {
        let date = Date::parse(text)?;
        (date.day.is_some() && date.canonical().as_deref() == Some(text)).then_some(date)
    }

    /// The date written `YYYY-MM` or `YYYY-MM-DD`, two-digit month and day; `None` for a year.
    pub fn canonical(&self) -> Option<String> {
        Some(match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => format!("{:04}-{m:02}", self.year),
            _ => return None,
        })
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarters_and_ranges() {
        assert_eq!(
            parse_quarter_span("2018-Q4..2019-Q2").unwrap(),
            vec![
                Quarter {
                    year: 2018,
                    quarter: 4
                },
                Quarter {
                    year: 2019,
                    quarter: 1
                },
                Quarter {
                    year: 2019,
                    quarter: 2
                }
            ]
        );
        assert!(parse_quarter_span("2018-Q5").is_none());
        assert!(parse_quarter_span("2019-Q2..2018-Q1").is_none());
    }

    #[test]
    fn dates_are_real_dates() {
        assert!(Date::parse("2021-06-30").is_some());
        assert!(Date::parse("2021-06").is_some());
        assert!(Date::parse("2021-02-29").is_none());
        assert!(Date::parse("2020-02-29").is_some());
        assert!(Date::parse("21.6월").is_none());
        assert!(Date::parse_reporting("2026-06-30").is_some());
        for written in [
            "2026-6-30",
            "02026-6-30",
            "2026-06",
            "2026-02-30",
            " 2026-06-30",
        ] {
            assert!(Date::parse_reporting(written).is_none(), "{written}");
        }
    }
}
