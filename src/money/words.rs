//! Amounts in Chinese capitals (中文大写金额) per the PBOC's 《正确填写票据和结算凭证的基本规定》:
//! a canonical writer (人民币壹拾贰万元整) and a tolerant reader that accepts the permitted
//! variants (圆, 正, optional 零, 拾 for 壹拾, traditional forms), for checks and tests.

use rust_decimal::Decimal;

use super::{MAX_AMOUNT, round_fen};

const DIGITS: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const PLACES: [&str; 4] = ["", "拾", "佰", "仟"];
const YI: u64 = 100_000_000;

/// The canonical capitals for an amount, e.g. 人民币壹拾贰万元整. `None` for a negative
/// amount or one of 10^16 元 or more.
pub fn to_words(amount: Decimal) -> Option<String> {
    let amount = round_fen(amount);
    if amount.is_sign_negative() || amount >= MAX_AMOUNT {
        return None;
    }
    let total_fen = u64::try_from((amount * Decimal::ONE_HUNDRED).trunc().mantissa()).ok()?;
    let (yuan, fen) = (total_fen / 100, total_fen % 100);
    let (jiao, fen) = (fen / 10, fen % 10);
    let mut out = String::from("人民币");
    if yuan > 0 {
        out.push_str(&integer(yuan));
        out.push('元');
    }
    if jiao == 0 && fen == 0 {
        out.push_str(if yuan == 0 { "零元整" } else { "整" });
        return Some(out);
    }
    // 零 after 元 when the 元 digit is 0 (optional, written) or the 角 is 0 (mandatory).
    if yuan > 0 && (yuan % 10 == 0 || jiao == 0) {
        out.push('零');
    }
    if jiao > 0 {
        out.push(digit(jiao));
        out.push('角');
    }
    if fen > 0 {
        out.push(digit(fen));
        out.push('分');
    }
    Some(out)
}

fn digit(value: u64) -> char {
    DIGITS[usize::try_from(value % 10).unwrap_or(0)]
}

/// Words for a whole number of 元 (1 ≤ n < 10^16).
fn integer(n: u64) -> String {
    let (high, low) = (n / YI, n % YI);
    let mut out = String::new();
    if high > 0 {
        out.push_str(&below_yi(high));
        out.push('亿');
        if low > 0 && low < YI / 10 {
            out.push('零');
        }
    }
    if low > 0 {
        out.push_str(&below_yi(low));
    }
    out
}

/// Words for 1 ≤ n < 10^8, as a 万 group and a units group.
fn below_yi(n: u64) -> String {
    let (wan, units) = (n / 10_000, n % 10_000);
    let mut out = String::new();
    if wan > 0 {
        out.push_str(&group(wan));
        out.push('万');
        if units > 0 && units < 1000 {
            out.push('零');
        }
    }
    if units > 0 {
        out.push_str(&group(units));
    }
    out
}

/// Words for 1 ≤ n ≤ 9999: one 零 for any run of zeros between digits, none at the end.
fn group(n: u64) -> String {
    let mut out = String::new();
    let mut pending_zero = false;
    for place in (0..4).rev() {
        let d = (n / 10u64.pow(place)) % 10;
        if d == 0 {
            pending_zero = !out.is_empty();
            continue;
        }
        if pending_zero {
            out.push('零');
            pending_zero = false;
        }
        out.push(digit(d));
        out.push_str(PLACES[place as usize]);
    }
    out
}

/// Reads capitals back into an amount; `None` if the text is not a well-formed amount.
/// Accepts 圆 or 圓 for 元, 正 for 整, an optional 人民币, optional 零s, 拾 for 壹拾 and the
/// traditional forms 貳 陸 億 萬.
pub fn parse_words(text: &str) -> Option<Decimal> {
    let normalized: String = text
        .trim()
        .trim_start_matches("人民币")
        .chars()
        .map(|c| match c {
            '圆' | '圓' => '元',
            '貳' => '贰',
            '陸' => '陆',
            '億' => '亿',
            '萬' => '万',
            '正' => '整',
            other => other,
        })
        .collect();
    let body = normalized.strip_suffix('整').unwrap_or(&normalized);
    if body.is_empty() || body.contains('整') {
        return None;
    }
    let (whole, fraction) = match body.split_once('元') {
        Some((whole, fraction)) => (whole, fraction),
        None => ("", body),
    };
    if whole.is_empty() && fraction.is_empty() {
        return None;
    }
    let yuan = if whole.is_empty() || whole == "零" { 0 } else { parse_integer(whole)? };
    let fen = parse_fraction(fraction)?;
    // 整 may not follow 分.
    if normalized.ends_with('整') && fraction.ends_with('分') {
        return None;
    }
    let total = yuan.checked_mul(100)?.checked_add(fen)?;
    Some(Decimal::new(i64::try_from(total).ok()?, 2))
}

fn digit_value(c: char) -> Option<u64> {
    DIGITS.iter().position(|&d| d == c).map(|p| p as u64)
}

fn parse_integer(text: &str) -> Option<u64> {
    let (mut yi_part, mut wan_part, mut section) = (0u64, 0u64, 0u64);
    let mut pending: Option<u64> = None;
    for c in text.chars() {
        if let Some(d) = digit_value(c) {
            if pending.is_some() {
                return None; // two digits in a row
            }
            pending = (d != 0).then_some(d);
            continue;
        }
        let place = match c {
            '拾' => 10,
            '佰' => 100,
            '仟' => 1000,
            '万' => {
                wan_part = (wan_part + section + pending.take().unwrap_or(0)).checked_mul(10_000)?;
                section = 0;
                continue;
            }
            '亿' => {
                yi_part = (yi_part + wan_part + section + pending.take().unwrap_or(0)).checked_mul(YI)?;
                wan_part = 0;
                section = 0;
                continue;
            }
            _ => return None,
        };
        // 拾 alone means 壹拾; 佰 and 仟 need their digit.
        let d = match pending.take() {
            Some(d) => d,
            None if place == 10 => 1,
            None => return None,
        };
        section += d * place;
    }
    let total = yi_part + wan_part + section + pending.unwrap_or(0);
    (total > 0).then_some(total)
}

fn parse_fraction(text: &str) -> Option<u64> {
    let text = text.trim_start_matches('零');
    let mut fen = 0;
    let mut rest = text;
    if let Some((jiao, after)) = rest.split_once('角') {
        fen += single_digit(jiao)? * 10;
        rest = after.trim_start_matches('零');
    }
    if let Some((f, after)) = rest.split_once('分') {
        if !after.is_empty() {
            return None;
        }
        fen += single_digit(f)?;
        rest = "";
    }
    rest.is_empty().then_some(fen)
}

fn single_digit(text: &str) -> Option<u64> {
    let mut chars = text.chars();
    let d = digit_value(chars.next()?)?;
    (chars.next().is_none() && d > 0).then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(text: &str) -> Decimal {
        text.parse().unwrap_or_default()
    }

    /// legal.md §5.1's worked examples; canonical forms first, accepted alternatives after.
    const VECTORS: &[(&str, &str, &[&str])] = &[
        ("1409.50", "人民币壹仟肆佰零玖元伍角", &["人民币壹仟肆佰零玖元伍角整"]),
        ("6007.14", "人民币陆仟零柒元壹角肆分", &[]),
        ("1680.32", "人民币壹仟陆佰捌拾元零叁角贰分", &["人民币壹仟陆佰捌拾元叁角贰分"]),
        ("107000.53", "人民币壹拾万柒仟元零伍角叁分", &["人民币壹拾万零柒仟元伍角叁分"]),
        ("16409.02", "人民币壹万陆仟肆佰零玖元零贰分", &[]),
        ("325.04", "人民币叁佰贰拾伍元零肆分", &[]),
        ("10.00", "人民币壹拾元整", &["人民币拾元整", "人民币壹拾圆正"]),
        ("0.50", "人民币伍角", &["人民币伍角整"]),
        ("0.05", "人民币伍分", &[]),
        ("20001.00", "人民币贰万零壹元整", &[]),
        ("10203.40", "人民币壹万零贰佰零叁元肆角", &[]),
        ("100010.10", "人民币壹拾万零壹拾元零壹角", &[]),
        ("1000001.00", "人民币壹佰万零壹元整", &[]),
        ("150000.00", "人民币壹拾伍万元整", &[]),
        ("300000.00", "人民币叁拾万元整", &[]),
        ("2580000.00", "人民币贰佰伍拾捌万元整", &[]),
        ("1234567.89", "人民币壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分", &[]),
        ("100000000.00", "人民币壹亿元整", &["人民币壹億圓整"]),
        ("100010000.00", "人民币壹亿零壹万元整", &[]),
        ("1200000000.00", "人民币壹拾贰亿元整", &[]),
        ("120000.00", "人民币壹拾贰万元整", &[]),
        ("1000000000000.00", "人民币壹万亿元整", &[]),
        ("1234500000000.00", "人民币壹万贰仟叁佰肆拾伍亿元整", &[]),
        ("0.00", "人民币零元整", &[]),
    ];

    #[test]
    fn writes_every_vector_of_legal_md() {
        for (figures, words, _) in VECTORS {
            assert_eq!(to_words(dec(figures)).as_deref(), Some(*words), "{figures}");
        }
    }

    #[test]
    fn reads_canonical_and_alternative_forms() {
        for (figures, words, alternatives) in VECTORS {
            for text in std::iter::once(words).chain(alternatives.iter()) {
                assert_eq!(parse_words(text), Some(dec(figures)), "{text}");
            }
        }
    }

    #[test]
    fn rejects_what_the_rules_forbid() {
        for bad in [
            "人民币壹万元零伍分整",
            "人民币一万元整",
            "人民币壹万两仟元整",
            "人民币",
            "人民币元",
            "人民币壹壹元整",
            "人民币佰元整",
        ] {
            assert_eq!(parse_words(bad), None, "{bad}");
        }
    }

    #[test]
    fn refuses_what_it_cannot_write() {
        assert_eq!(to_words(dec("-1")), None);
        assert_eq!(to_words(MAX_AMOUNT), None);
        assert!(to_words(MAX_AMOUNT - dec("0.01")).is_some());
    }
}
