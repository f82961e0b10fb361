//! Filters the clauses use: money in figures and capitals, Chinese dates and numerals,
//! table-cell escaping and choice labels. A blank 【待填写】 passes through unchanged.

use minijinja::{Environment, Error, ErrorKind, Value};
use rust_decimal::Decimal;

use super::context;
use crate::document::marks::{CHOICE_CLOSE, CHOICE_OPEN, IDENT_CLOSE, IDENT_OPEN};
use crate::markdown;
use crate::money;
use crate::schema;
use crate::values;

pub(super) fn register(env: &mut Environment<'static>) {
    env.add_filter("amount", amount);
    env.add_filter("words", words);
    env.add_filter("cn_date", cn_date);
    env.add_filter("cn_num", cn_num);
    env.add_filter("cell", cell);
    env.add_filter("ident", ident);
    env.add_filter("pending", pending);
    env.add_filter("label", label);
    env.add_filter("clause", clause);
    env.add_filter("sentence", sentence);
    // A required yes/no nobody answered yet (a blank): `{% if x is undecided %}`; `is agreed`
    // holds only for an answered yes, so an unanswered switch never reads as agreed.
    env.add_test("undecided", |value: &Value| context::is_blank(value));
    // An amount that is present and zero: `{% if pricing.training_fee is zero %}`.
    env.add_test("zero", |value: &Value| !context::is_blank(value) && decimal(value).is_ok_and(|d| d.is_zero()));
    env.add_test("agreed", |value: &Value| value.kind() == minijinja::value::ValueKind::Bool && value.is_true());
}

fn invalid(message: String) -> Error {
    Error::new(ErrorKind::InvalidOperation, message)
}

/// A blank (or any other safe string we made) is printed as it is; a value that does not
/// apply yet because the field deciding it is missing prints as a bare blank.
fn passthrough(value: &Value) -> Option<Value> {
    if value.is_none() {
        return Some(context::blank(""));
    }
    context::is_blank(value).then(|| value.clone())
}

fn decimal(value: &Value) -> Result<Decimal, Error> {
    let text = value.as_str().map_or_else(|| value.to_string(), str::to_string);
    text.parse().map_err(|_| invalid(format!("not an amount: {text}")))
}

/// ¥120,000.00
fn amount(value: &Value) -> Result<Value, Error> {
    if let Some(same) = passthrough(value) {
        return Ok(same);
    }
    Ok(Value::from_safe_string(money::figures(decimal(value)?)))
}

/// 人民币壹拾贰万元整
fn words(value: &Value) -> Result<Value, Error> {
    if let Some(same) = passthrough(value) {
        return Ok(same);
    }
    let amount = decimal(value)?;
    money::words::to_words(amount)
        .map(Value::from_safe_string)
        .ok_or_else(|| invalid(format!("cannot write {amount} in capitals")))
}

/// 2026-12-01 → 2026年12月1日
fn cn_date(value: &Value) -> Result<Value, Error> {
    if let Some(same) = passthrough(value) {
        return Ok(same);
    }
    let text = value.as_str().unwrap_or_default();
    let date = values::parse_date(text).map_err(|_| invalid(format!("not a date: {text}")))?;
    Ok(Value::from_safe_string(values::chinese_date(date)))
}

/// 1 → 一, 12 → 十二, 20 → 二十, 105 → 一百零五: article numbers and counts.
fn cn_num(value: &Value) -> Result<Value, Error> {
    if let Some(same) = passthrough(value) {
        return Ok(same);
    }
    let number = u64::try_from(value.clone()).map_err(|_| invalid(format!("not a whole number: {value}")))?;
    Ok(Value::from_safe_string(chinese_numeral(number)))
}

/// Lower-case Chinese numerals as used for article numbers and counts.
pub(crate) fn chinese_numeral(number: u64) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let digit = |d: u64| DIGITS[usize::try_from(d).unwrap_or(0)];
    match number {
        0..=9 => digit(number).to_string(),
        10..=19 => format!("十{}", if number == 10 { "" } else { digit(number % 10) }),
        20..=99 => {
            format!("{}十{}", digit(number / 10), if number.is_multiple_of(10) { "" } else { digit(number % 10) })
        }
        100..=999 => {
            let rest = number % 100;
            let tail = match rest {
                0 => String::new(),
                1..=9 => format!("零{}", digit(rest)),
                10..=19 => format!("一{}", chinese_numeral(rest)),
                _ => chinese_numeral(rest),
            };
            format!("{}百{tail}", digit(number / 100))
        }
        _ => number.to_string(),
    }
}

/// Escapes user text for a table cell (one line, pipes escaped).
fn cell(value: &Value) -> Value {
    if let Some(same) = passthrough(value) {
        return same;
    }
    let text = value.as_str().map_or_else(|| value.to_string(), str::to_string);
    Value::from_safe_string(markdown::escape_cell(&text))
}

/// An identifier (e-mail, account number, credit code, telephone) that no format may break
/// across lines: escaped, between the marks the document tree reads as one.
fn ident(value: &Value) -> Value {
    if let Some(same) = passthrough(value) {
        return same;
    }
    let text = value.as_str().map_or_else(|| value.to_string(), str::to_string);
    Value::from_safe_string(format!("{IDENT_OPEN}{}{IDENT_CLOSE}", markdown::escape_text(&text)))
}

/// A choice the draft has not made, every option printed (`{% filter pending %}`): between
/// the marks the document tree reads as a pending choice (【待选择】 and boxes to tick).
fn pending(value: &Value) -> Value {
    Value::from_safe_string(format!("{CHOICE_OPEN}{value}{CHOICE_CLOSE}"))
}

/// Sentence-final punctuation a user may type at the end of a value.
const FINAL_PUNCTUATION: &[char] = &['。', '；', '，', '、', '.', ';', ',', ' '];

/// User text placed mid-sentence: trailing punctuation removed (the clause adds its own).
fn clause(value: &Value) -> Value {
    if let Some(same) = passthrough(value) {
        return same;
    }
    let text = value.as_str().map_or_else(|| value.to_string(), str::to_string);
    Value::from_safe_string(markdown::escape_text(text.trim_end_matches(FINAL_PUNCTUATION)))
}

/// User text that ends a paragraph: ends with exactly one 。.
fn sentence(value: &Value) -> Value {
    if let Some(same) = passthrough(value) {
        return same;
    }
    let text = value.as_str().map_or_else(|| value.to_string(), str::to_string);
    let trimmed = text.trim_end_matches(FINAL_PUNCTUATION);
    Value::from_safe_string(format!("{}。", markdown::escape_text(trimmed)))
}

/// The Chinese label of a choice id: `{{ disputes.court|label("disputes.court") }}`.
fn label(value: &Value, path: &str) -> Result<Value, Error> {
    if let Some(same) = passthrough(value) {
        return Ok(same);
    }
    let field = schema::field(path).ok_or_else(|| invalid(format!("no field {path}")))?;
    let id = value.as_str().unwrap_or_default();
    field
        .choice_label(id)
        .map(|label| Value::from_safe_string(label.zh.to_string()))
        .ok_or_else(|| invalid(format!("{id:?} is not an option of {path}")))
}

#[cfg(test)]
mod tests {
    use super::chinese_numeral;

    #[test]
    fn numerals_read_naturally() {
        let cases = [
            (1, "一"),
            (10, "十"),
            (12, "十二"),
            (20, "二十"),
            (21, "二十一"),
            (100, "一百"),
            (105, "一百零五"),
            (110, "一百一十"),
            (999, "九百九十九"),
        ];
        for (number, text) in cases {
            assert_eq!(chinese_numeral(number), text);
        }
    }
}
