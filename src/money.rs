//! Money: CNY as `rust_decimal::Decimal`, rounded to 分 in exactly one place (`round_fen`),
//! written in figures (¥120,000.00) and in Chinese capitals (`words`).

pub mod words;

use rust_decimal::{Decimal, RoundingStrategy};

/// Amounts must stay below 壹亿亿 (10^16 元): the largest unit the capitals can write is 仟万亿.
pub const MAX_AMOUNT: Decimal = Decimal::from_parts(0x6fc1_0000, 0x0023_86f2, 0, false, 0);

/// Rounds to 分 (two decimals), half away from zero (四舍五入). The only rounding of money.
pub fn round_fen(amount: Decimal) -> Decimal {
    let mut rounded = amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    rounded.rescale(2);
    rounded
}

/// ¥120,000.00
pub fn figures(amount: Decimal) -> String {
    let rounded = round_fen(amount);
    let text = rounded.abs().to_string();
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, "00"));
    let mut grouped = String::with_capacity(whole.len() + whole.len() / 3);
    for (index, digit) in whole.chars().enumerate() {
        if index > 0 && (whole.len() - index).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    let sign = if rounded.is_sign_negative() && !rounded.is_zero() { "-" } else { "" };
    format!("{sign}¥{grouped}.{fraction}")
}

/// A plain two-decimal string, as stored in drafts: 120000.00
pub fn plain(amount: Decimal) -> String {
    round_fen(amount).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(text: &str) -> Decimal {
        text.parse().unwrap_or_default()
    }

    #[test]
    fn max_amount_is_ten_to_the_sixteenth() {
        assert_eq!(MAX_AMOUNT, dec("10000000000000000"));
    }

    #[test]
    fn rounds_half_away_from_zero_to_fen() {
        assert_eq!(round_fen(dec("1.005")).to_string(), "1.01");
        assert_eq!(round_fen(dec("1.004")).to_string(), "1.00");
        assert_eq!(round_fen(dec("7")).to_string(), "7.00");
    }

    #[test]
    fn figures_group_thousands() {
        assert_eq!(figures(dec("120000")), "¥120,000.00");
        assert_eq!(figures(dec("999.5")), "¥999.50");
        assert_eq!(figures(dec("1234567.891")), "¥1,234,567.89");
        assert_eq!(figures(dec("0")), "¥0.00");
    }
}
