//! Korean number, money, date and quarter formatting, used as template filters.

/// `64355` → `64,355`; `1.9` → `1.9`; `-1234.5` → `-1,234.5`. At most two decimals.
pub fn number(value: f64) -> String {
    if !value.is_finite() {
        return "-".into();
    }
    let rounded = (value * 100.0).round() / 100.0;
    let negative = rounded < 0.0;
    let abs = rounded.abs();
    let int = abs.trunc() as u64;
    let frac = ((abs - abs.trunc()) * 100.0).round() as u64;
    let mut out = group_thousands(int);
    if frac > 0 {
        let decimals = format!("{frac:02}");
        out.push('.');
        out.push_str(decimals.trim_end_matches('0'));
    }
    if negative && out != "0" {
        out.insert(0, '-');
    }
    out
}

/// A rate the site computes (완료율, 평균 추진율, a share), as districts publish it: always one
/// decimal, `82.9%`, `50.0%`, so rates side by side read alike. A pledge's own progress is
/// shown as entered (`number`).
pub fn rate(value: f64) -> String {
    if !value.is_finite() {
        return "-".into();
    }
    let tenths = (value * 10.0).round() as i64;
    let sign = if tenths < 0 { "-" } else { "" };
    let tenths = tenths.unsigned_abs();
    format!("{sign}{}.{}%", group_thousands(tenths / 10), tenths % 10)
}

fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// `4263, "백만원"` → `4,263 백만원`.
pub fn money(value: f64, unit: &str) -> String {
    if unit.is_empty() {
        number(value)
    } else {
        format!("{} {unit}", number(value))
    }
}

/// How many 원 one of `unit` is, for the units Korean budgets use.
fn won_per_unit(unit: &str) -> Option<f64> {
    match unit.trim() {
        "원" => Some(1.0),
        "천원" => Some(1e3),
        "만원" => Some(1e4),
        "백만원" => Some(1e6),
        "천만원" => Some(1e7),
        "억원" => Some(1e8),
        _ => None,
    }
}

/// Spells an amount in 조/억/만 as people say it: `4263 백만원` → `42억 6,300만원`.
pub fn korean_money(value: f64, unit: &str) -> String {
    let Some(factor) = won_per_unit(unit) else {
        return money(value, unit);
    };
    let won = (value * factor).round();
    if won == 0.0 {
        return "0원".into();
    }
    let negative = won < 0.0;
    let mut rest = won.abs() as u128;
    let mut parts = Vec::new();
    for (size, name) in [
        (1_000_000_000_000u128, "조"),
        (100_000_000, "억"),
        (10_000, "만"),
    ] {
        if rest >= size {
            parts.push(format!("{}{name}", group_thousands((rest / size) as u64)));
            rest %= size;
        }
    }
    if rest > 0 {
        parts.push(group_thousands(rest as u64));
    }
    let mut out = parts.join(" ");
    out.push('원');
    if negative {
        out.insert(0, '-');
    }
    out
}

/// `2021-06-30` → `2021. 6. 30.` (the short form Korean documents use in tables).
pub fn date_dot(text: &str) -> String {
    match crate::calendar::Date::parse(text) {
        Some(d) => {
            let mut out = format!("{}.", d.year);
            if let Some(m) = d.month {
                out.push_str(&format!(" {m}."));
            }
            if let Some(day) = d.day {
                out.push_str(&format!(" {day}."));
            }
            out
        }
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_always_have_one_decimal() {
        assert_eq!(rate(50.0), "50.0%");
        assert_eq!(rate(46.42), "46.4%");
        assert_eq!(rate(82.95), "83.0%");
        assert_eq!(rate(100.0), "100.0%");
        assert_eq!(rate(0.0), "0.0%");
        assert_eq!(rate(1234.56), "1,234.6%");
        assert_eq!(rate(f64::NAN), "-");
    }

    #[test]
    fn numbers() {
        assert_eq!(number(64355.0), "64,355");
        assert_eq!(number(3000.0), "3,000");
        assert_eq!(number(1.9), "1.9");
        assert_eq!(number(0.0), "0");
        assert_eq!(number(-1234.5), "-1,234.5");
        assert_eq!(number(999.0), "999");
        assert_eq!(number(1_000_000.0), "1,000,000");
    }

    #[test]
    fn money_in_korean_units() {
        assert_eq!(money(4263.0, "백만원"), "4,263 백만원");
        assert_eq!(korean_money(4263.0, "백만원"), "42억 6,300만원");
        assert_eq!(korean_money(1.9, "억원"), "1억 9,000만원");
        assert_eq!(korean_money(50.0, "백만원"), "5,000만원");
        assert_eq!(
            korean_money(12_345_678.0, "백만원"),
            "12조 3,456억 7,800만원"
        );
        assert_eq!(korean_money(9130.0, "원"), "9,130원");
    }

    #[test]
    fn dates_and_quarters() {
        assert_eq!(date_dot("2018-10-01"), "2018. 10. 1.");
    }
}
