//! Parsing what the user typed into typed values, one function per field kind. The draft
//! keeps the text; validation, the derived values and the template context call these.

use jiff::civil::Date;
use rust_decimal::Decimal;

use crate::money;
use crate::schema::Kind;

/// A value that does not parse as its kind, with the reason in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatError {
    pub zh: String,
    pub en: String,
}

fn err(zh: impl Into<String>, en: impl Into<String>) -> FormatError {
    FormatError { zh: zh.into(), en: en.into() }
}

/// A parsed value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Typed {
    Text(String),
    Money(Decimal),
    Decimal(Decimal),
    Int(u64),
    Date(Date),
    Bool(bool),
    Choice(String),
}

/// Parses a raw string as `kind`. Bools and lists are not strings and never reach here.
pub fn parse(kind: Kind, raw: &str) -> Result<Typed, FormatError> {
    match kind {
        Kind::Text | Kind::Long => Ok(Typed::Text(raw.to_string())),
        Kind::Money => parse_money(raw).map(Typed::Money),
        Kind::Percent => parse_percent(raw).map(Typed::Decimal),
        Kind::Rate => parse_rate(raw).map(Typed::Decimal),
        Kind::Int { min } => parse_int(raw, min).map(Typed::Int),
        Kind::Date => parse_date(raw).map(Typed::Date),
        Kind::Choice(choices) => {
            let id = raw.trim();
            if choices.iter().any(|c| c.id == id) {
                Ok(Typed::Choice(id.to_string()))
            } else {
                let ids: Vec<&str> = choices.iter().map(|c| c.id).collect();
                Err(err(
                    format!("“{id}”不是可选项，应为：{}", ids.join("、")),
                    format!("“{id}” is not one of: {}", ids.join(", ")),
                ))
            }
        }
        Kind::Bool | Kind::List(_) => Err(err("类型错误", "wrong type")),
    }
}

/// A plain decimal: ASCII digits, one optional point; thousands commas and a leading ¥ are
/// allowed for money only.
fn parse_decimal(raw: &str) -> Result<Decimal, FormatError> {
    let text = raw.trim();
    if text.starts_with('-') {
        return Err(err("不能为负数", "must not be negative"));
    }
    let well_formed = !text.is_empty()
        && text.chars().all(|c| c.is_ascii_digit() || c == '.')
        && text.chars().filter(|&c| c == '.').count() <= 1
        && text.chars().next().is_some_and(|c| c.is_ascii_digit())
        && !text.ends_with('.');
    if !well_formed {
        return Err(err(format!("“{text}”不是有效的数字"), format!("“{text}” is not a number")));
    }
    text.parse::<Decimal>().map_err(|_| err("数值过大", "number too large"))
}

/// Money in 元: at most two decimals, not negative, below 万亿 × 10 (what words can say).
pub fn parse_money(raw: &str) -> Result<Decimal, FormatError> {
    let cleaned: String = raw.trim().trim_start_matches(['¥', '￥']).chars().filter(|&c| c != ',').collect();
    let amount = parse_decimal(&cleaned)?;
    if amount.scale() > 2 && amount.normalize().scale() > 2 {
        return Err(err("金额最多两位小数（精确到分）", "at most two decimals (fen)"));
    }
    if amount >= money::MAX_AMOUNT {
        return Err(err("金额超出可书写的范围", "amount too large"));
    }
    Ok(money::round_fen(amount))
}

/// A percentage from 0 to 100.
pub fn parse_percent(raw: &str) -> Result<Decimal, FormatError> {
    let value = parse_decimal(raw.trim().trim_end_matches(['%', '％']))?;
    if value > Decimal::ONE_HUNDRED {
        return Err(err("百分比应在0到100之间", "a percentage is between 0 and 100"));
    }
    Ok(value.normalize())
}

/// A per-mille daily rate from 0 to 1000.
pub fn parse_rate(raw: &str) -> Result<Decimal, FormatError> {
    let value = parse_decimal(raw.trim().trim_end_matches('‰'))?;
    if value > Decimal::ONE_THOUSAND {
        return Err(err("千分比应在0到1000之间", "a per-mille rate is between 0 and 1000"));
    }
    Ok(value.normalize())
}

/// A whole number no smaller than `min`.
pub fn parse_int(raw: &str, min: u32) -> Result<u64, FormatError> {
    let text = raw.trim();
    if text.starts_with('-') {
        return Err(err("不能为负数", "must not be negative"));
    }
    if text.is_empty() || !text.chars().all(|c| c.is_ascii_digit()) {
        return Err(err(format!("“{text}”不是整数"), format!("“{text}” is not a whole number")));
    }
    let value: u64 = text.parse().map_err(|_| err("数值过大", "number too large"))?;
    if value < u64::from(min) {
        return Err(err(format!("不能小于{min}"), format!("must be at least {min}")));
    }
    Ok(value)
}

/// A stored value as the contract writes it: 是 / 否, a choice by its name, an amount with
/// its capitals, 50%, 0.5‰/日, a date in Chinese; for the 变更对照表 and the playbook's notes.
pub fn as_written(field: &crate::schema::Field, value: &serde_json::Value) -> String {
    use serde_json::Value;
    match (field.kind, value) {
        (Kind::Bool, Value::Bool(yes)) => if *yes { "是" } else { "否" }.to_string(),
        (Kind::Choice(_), Value::String(id)) => field.choice_label(id).map_or_else(|| id.clone(), |l| l.zh.to_string()),
        (Kind::Money, Value::String(text)) => match parse_money(text) {
            Ok(amount) => {
                format!("{}（{}）", money::figures(amount), money::words::to_words(amount).unwrap_or_default())
            }
            Err(_) => text.clone(),
        },
        (Kind::Percent, Value::String(text)) => format!("{text}%"),
        (Kind::Rate, Value::String(text)) => format!("{text}‰/日"),
        (Kind::Date, Value::String(text)) => parse_date(text).map_or_else(|_| text.clone(), chinese_date),
        (_, Value::String(text)) => text.clone(),
        (_, other) => other.to_string(),
    }
}

/// What a person types, in the form the draft stores, for the kinds people write in many
/// ways: dates as 2026-04-01 from 2026-4-1, 2026/4/1, 2026.4.1 or 2026年4月1日; money as
/// 320000.00 from 320,000.00, ¥320,000, 32万, 320000元 or 人民币320000元; percentages
/// without their sign; full-width digits and punctuation as ASCII. `None` when the text is
/// not such a value (it stays as typed, and its check says what is wrong).
pub fn canonical_input(kind: Kind, raw: &str) -> Option<String> {
    let text: String = raw
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(u32::from(c) - u32::from('０') + u32::from('0')).unwrap_or(c),
            '．' | '。' if !matches!(kind, Kind::Date) => '.',
            '，' => ',',
            '／' => '/',
            '－' => '-',
            '％' => '%',
            _ => c,
        })
        .collect();
    match kind {
        Kind::Date => canonical_date(&text),
        Kind::Money => canonical_money(&text),
        Kind::Percent => parse_percent(&text).ok().map(|d| d.to_string()),
        Kind::Rate => parse_rate(&text).ok().map(|d| d.to_string()),
        Kind::Int { min } => parse_int(&text, min).ok().map(|n| n.to_string()),
        _ => None,
    }
}

fn canonical_date(text: &str) -> Option<String> {
    let parts: Vec<&str> =
        text.trim_end_matches('日').split(['-', '/', '.', '年', '月']).filter(|p| !p.is_empty()).collect();
    let [year, month, day] = parts.as_slice() else { return None };
    let shaped = year.len() == 4 && (1..=2).contains(&month.len()) && (1..=2).contains(&day.len());
    if !shaped {
        return None;
    }
    parse_date(&format!("{year}-{month}-{day}")).ok().map(|d| d.to_string())
}

fn canonical_money(text: &str) -> Option<String> {
    let plain = text.trim_start_matches("人民币").trim_start_matches("RMB").trim_end_matches('元').trim();
    let (number, scale) = match plain.strip_suffix('万') {
        Some(number) => (number, Decimal::from(10_000)),
        None => (plain, Decimal::ONE),
    };
    // 3.256万 has three decimals before it is scaled: the figure is checked as money after.
    let figure: String = number.trim().trim_start_matches(['¥', '￥']).chars().filter(|&c| c != ',').collect();
    let amount = parse_decimal(&figure).ok()?.checked_mul(scale)?;
    parse_money(&amount.normalize().to_string()).ok().map(money::plain)
}

/// A date typed as YYYY-MM-DD that exists in the calendar.
pub fn parse_date(raw: &str) -> Result<Date, FormatError> {
    let text = raw.trim();
    let parts: Vec<&str> = text.split('-').collect();
    let shaped = parts.len() == 3
        && parts[0].len() == 4
        && (1..=2).contains(&parts[1].len())
        && (1..=2).contains(&parts[2].len())
        && parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit()));
    if !shaped {
        return Err(err(
            format!("“{text}”不是日期，格式应为2026-12-01"),
            format!("“{text}” is not a date like 2026-12-01"),
        ));
    }
    let number = |s: &str| s.parse::<i16>().unwrap_or(0);
    let (year, month, day) = (number(parts[0]), number(parts[1]), number(parts[2]));
    let month = i8::try_from(month).unwrap_or(0);
    let day = i8::try_from(day).unwrap_or(0);
    Date::new(year, month, day).map_err(|_| err(format!("日期“{text}”不存在"), format!("there is no date {text}")))
}

/// 2026年12月1日, as Chinese contracts write dates (no zero padding).
pub fn chinese_date(date: Date) -> String {
    format!("{}年{}月{}日", date.year(), date.month(), date.day())
}

/// 星期一 … 星期日.
/// The weekday in the interface language: 星期三, or Wednesday.
pub fn weekday_in(date: Date, lang: crate::i18n::Lang) -> &'static str {
    let index = usize::from(date.weekday().to_monday_zero_offset().unsigned_abs());
    match lang {
        crate::i18n::Lang::Zh => weekday_zh(date),
        crate::i18n::Lang::En => ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][index],
    }
}

pub fn weekday_zh(date: Date) -> &'static str {
    ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"]
        [usize::from(date.weekday().to_monday_zero_offset().unsigned_abs())]
}

#[cfg(test)]
mod tests {
    #[test]
    fn chinese_ways_of_writing_dates_and_money_become_what_the_draft_stores() {
        for typed in
            ["2026-04-01", "2026-4-1", "2026/4/1", "2026.4.1", "2026年4月1日", "２０２６年４月１日", " 2026/04/01 "]
        {
            assert_eq!(canonical_input(Kind::Date, typed).as_deref(), Some("2026-04-01"), "{typed}");
        }
        assert_eq!(canonical_input(Kind::Date, "2026年2月30日"), None, "no such day");
        assert_eq!(canonical_input(Kind::Date, "4月1日"), None, "no year");
        for typed in [
            "320000",
            "320,000.00",
            "¥320,000",
            "￥320,000",
            "32万",
            "320000元",
            "人民币320000元",
            "３２０，０００",
            "32.0万元",
        ] {
            assert_eq!(canonical_input(Kind::Money, typed).as_deref(), Some("320000.00"), "{typed}");
        }
        assert_eq!(canonical_input(Kind::Money, "3.256万").as_deref(), Some("32560.00"));
        assert_eq!(canonical_input(Kind::Money, "三十二万"), None, "words are not figures");
        assert_eq!(canonical_input(Kind::Percent, "３０％").as_deref(), Some("30"));
        assert_eq!(canonical_input(Kind::Int { min: 0 }, "１５").as_deref(), Some("15"));
        assert_eq!(canonical_input(Kind::Text, "2026年4月1日"), None, "text stays text");
    }

    use super::*;

    fn dec(text: &str) -> Decimal {
        text.parse().unwrap_or_default()
    }

    #[test]
    fn money_accepts_commas_and_yuan_sign_and_rejects_the_rest() {
        assert_eq!(parse_money("120,000.00"), Ok(dec("120000.00")));
        assert_eq!(parse_money("¥ 5"), Ok(dec("5.00")));
        assert_eq!(parse_money("￥5.5"), Ok(dec("5.50")));
        assert!(parse_money("1.234").is_err());
        assert!(parse_money("12a").is_err());
        assert!(parse_money("-1").is_err());
        assert!(parse_money("").is_err());
        assert!(parse_money("1.").is_err());
        assert!(parse_money(".5").is_err());
        assert!(parse_money("1.5.5").is_err());
        assert_eq!(parse_money("1.230"), Ok(dec("1.23")), "a trailing zero is still two decimals");
    }

    #[test]
    fn percents_and_rates_have_ranges() {
        assert_eq!(parse_percent("30"), Ok(dec("30")));
        assert_eq!(parse_percent("99.9%"), Ok(dec("99.9")));
        assert!(parse_percent("100.01").is_err());
        assert!(parse_percent("-1").is_err());
        assert_eq!(parse_rate("0.5"), Ok(dec("0.5")));
        assert!(parse_rate("1001").is_err());
    }

    #[test]
    fn ints_respect_their_minimum() {
        assert_eq!(parse_int("10", 1), Ok(10));
        assert!(parse_int("0", 1).is_err());
        assert!(parse_int("-3", 0).is_err());
        assert!(parse_int("3.5", 0).is_err());
        assert!(parse_int("99999999999999999999999", 0).is_err());
    }

    #[test]
    fn dates_must_exist() {
        assert_eq!(parse_date("2026-12-01").map(chinese_date), Ok("2026年12月1日".to_string()));
        assert!(parse_date("2026-02-30").is_err());
        assert!(parse_date("2026/02/03").is_err());
        assert!(parse_date("26-02-03").is_err());
        assert_eq!(parse_date("2026-12-01").map(weekday_zh), Ok("星期二"));
    }
}
