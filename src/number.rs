//! A pledge's 관리번호: an integer (`16`) or a district's own code (`III-①-1`, `2-3`), shown as
//! written and sorted naturally (`2` before `10`, `II` before `IV`, `①` before `②`).

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::cmp::Ordering;
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PledgeNumber(String);

impl PledgeNumber {
    /// A code as written (surrounding spaces dropped); `None` when it is empty.
    pub fn parse(text: &str) -> Option<PledgeNumber> {
        let text = text.trim();
        (!text.is_empty()).then(|| PledgeNumber(text.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The number as an integer when it is one (`16`, not `016` or `2-3`).
    pub fn as_integer(&self) -> Option<u64> {
        let plain = !self.0.starts_with('0') || self.0 == "0";
        plain.then(|| self.0.parse().ok()).flatten()
    }

    /// Sort key: runs of digits, circled digits and Roman numerals compare as numbers, the
    /// rest as text, so `I-②-10` comes after `I-②-9` and `IV-①-1` after `III-①-1`.
    fn key(&self) -> Vec<Part<'_>> {
        let mut parts = Vec::new();
        for piece in self.0.split_inclusive(|c: char| !c.is_alphanumeric()) {
            let (word, sep) = match piece.char_indices().last() {
                Some((i, c)) if !c.is_alphanumeric() => (&piece[..i], &piece[i..]),
                _ => (piece, ""),
            };
            if let Some(n) = roman(word) {
                parts.push(Part::Number(n));
            } else {
                split_digits(word, &mut parts);
            }
            if !sep.is_empty() {
                parts.push(Part::Text(sep));
            }
        }
        parts
    }
}

#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Part<'a> {
    Number(u64),
    Text(&'a str),
}

/// Splits `word` into runs of digits (numbers) and of other characters (text); a circled
/// digit is a number on its own (⑫ is twelve, ①② is one then two).
fn split_digits<'a>(word: &'a str, parts: &mut Vec<Part<'a>>) {
    let mut text_start = 0;
    let mut number: Option<u64> = None;
    for (i, c) in word.char_indices() {
        let Some(d) = digit_value(c) else {
            if let Some(n) = number.take() {
                parts.push(Part::Number(n));
                text_start = i;
            }
            continue;
        };
        if number.is_none() && i > text_start {
            parts.push(Part::Text(&word[text_start..i]));
        }
        if is_circled(c) {
            parts.extend(number.take().map(Part::Number));
            parts.push(Part::Number(d));
        } else {
            number = Some(number.unwrap_or(0).saturating_mul(10).saturating_add(d));
        }
        text_start = i + c.len_utf8();
    }
    match number {
        Some(n) => parts.push(Part::Number(n)),
        None if text_start < word.len() => parts.push(Part::Text(&word[text_start..])),
        None => {}
    }
}

fn is_circled(c: char) -> bool {
    ('\u{2460}'..='\u{2473}').contains(&c)
}

fn digit_value(c: char) -> Option<u64> {
    if is_circled(c) {
        return Some(c as u64 - 0x2460 + 1);
    }
    c.to_digit(10).map(u64::from)
}

/// The value of an upper-case Roman numeral up to 39 (I … XXXIX), as districts number areas.
fn roman(word: &str) -> Option<u64> {
    if word.is_empty() || word.len() > 7 || !word.chars().all(|c| "IVX".contains(c)) {
        return None;
    }
    const NUMERALS: [&str; 39] = [
        "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV",
        "XV", "XVI", "XVII", "XVIII", "XIX", "XX", "XXI", "XXII", "XXIII", "XXIV", "XXV", "XXVI",
        "XXVII", "XXVIII", "XXIX", "XXX", "XXXI", "XXXII", "XXXIII", "XXXIV", "XXXV", "XXXVI",
        "XXXVII", "XXXVIII", "XXXIX",
    ];
    NUMERALS
        .iter()
        .position(|n| *n == word)
        .map(|i| i as u64 + 1)
}

impl Ord for PledgeNumber {
    fn cmp(&self, other: &Self) -> Ordering {
        // Most codes are plain digits: their key is that one number, made without allocating.
        let digits = |n: &Self| {
            let all_digits = n.0.bytes().all(|b| b.is_ascii_digit());
            all_digits.then(|| n.0.parse::<u64>().ok()).flatten()
        };
        let by_key = match (digits(self), digits(other)) {
            (Some(a), Some(b)) => a.cmp(&b),
            _ => self.key().cmp(&other.key()),
        };
        by_key.then_with(|| self.0.cmp(&other.0))
    }
}

impl PartialOrd for PledgeNumber {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for PledgeNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<u32> for PledgeNumber {
    fn from(n: u32) -> Self {
        PledgeNumber(n.to_string())
    }
}

/// Integers stay integers in JSON (`"number": 16`), codes are strings.
impl Serialize for PledgeNumber {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.as_integer() {
            Some(n) => serializer.serialize_u64(n),
            None => serializer.serialize_str(&self.0),
        }
    }
}

impl<'de> Deserialize<'de> for PledgeNumber {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NumberVisitor;
        impl Visitor<'_> for NumberVisitor {
            type Value = PledgeNumber;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a pledge number (16) or code (III-①-1)")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<PledgeNumber, E> {
                Ok(PledgeNumber(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<PledgeNumber, E> {
                if v < 0 {
                    let message = msg!("number.negative", value = v);
                    return Err(crate::yaml::custom_error(message));
                }
                Ok(PledgeNumber(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<PledgeNumber, E> {
                Err(crate::yaml::custom_error(msg!("number.decimal", value = v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<PledgeNumber, E> {
                let empty = || crate::yaml::custom_error(msg!("number.empty"));
                PledgeNumber::parse(v).ok_or_else(empty)
            }
        }
        deserializer.deserialize_any(NumberVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(codes: &[&str]) -> Vec<String> {
        let mut numbers: Vec<PledgeNumber> = codes
            .iter()
            .map(|c| PledgeNumber::parse(c).unwrap())
            .collect();
        numbers.sort();
        numbers.into_iter().map(|n| n.0).collect()
    }

    #[test]
    fn natural_order() {
        assert_eq!(sorted(&["10", "2", "1"]), ["1", "2", "10"]);
        // Plain digits (compared without a key) and codes keep one order.
        assert_eq!(
            sorted(&["10", "7", "1-1", "007", "2", "99999999999999999999"]),
            ["1-1", "2", "007", "7", "10", "99999999999999999999"]
        );
        assert_eq!(
            sorted(&["IV-①-1", "III-②-1", "III-①-10", "III-①-2", "II-①-1"]),
            ["II-①-1", "III-①-2", "III-①-10", "III-②-1", "IV-①-1"]
        );
        assert_eq!(sorted(&["2-10", "2-3", "1-9"]), ["1-9", "2-3", "2-10"]);
        assert_eq!(sorted(&["⑫", "②", "①"]), ["①", "②", "⑫"]);
        assert_eq!(
            sorted(&["가-2", "가-10", "나-1"]),
            ["가-2", "가-10", "나-1"]
        );
    }

    #[test]
    fn integers_serialise_as_numbers_and_codes_as_strings() {
        let json = |s: &str| serde_json::to_string(&PledgeNumber::parse(s).unwrap()).unwrap();
        assert_eq!(json("16"), "16");
        assert_eq!(json("016"), "\"016\"");
        assert_eq!(json("III-①-1"), "\"III-①-1\"");
    }

    #[test]
    fn reads_integers_and_codes_from_yaml() {
        let parse = |text: &str| {
            crate::yaml::parse::<PledgeNumber>(text, std::path::Path::new("index.md"), 0)
        };
        assert_eq!(parse("16").unwrap().as_str(), "16");
        assert_eq!(parse("III-①-1").unwrap().as_str(), "III-①-1");
        assert_eq!(parse("-3").unwrap_err().message.key(), "number.negative");
        assert_eq!(parse("1.5").unwrap_err().message.key(), "number.decimal");
    }
}
