//! Column widths of a table from what its columns hold, for Word and HTML alike: short
//! columns (numbers, percentages, amounts, dates, short codes) keep the width their widest
//! cell needs and never wrap; long text shares the rest; the table always fits between the
//! margins of an A4 page (25 mm).

use crate::document::{Inline, plain};

/// The width between the margins, in twentieths of a point: A4 (11,906) less 25 mm
/// (1,417) on either side.
pub const TEXT_WIDTH: usize = 11_906 - 2 * 1_417;

/// Twips one display column takes at the table's 10.5 pt (a CJK character is two), with
/// room for wide Latin glyphs such as % and ¥.
pub const TWIPS_PER_COLUMN: usize = 118;
/// Twips a cell's margins and border take, with a little slack.
pub const CELL_PADDING: usize = 260;
/// A column whose every cell is at most this many display columns wide keeps its width:
/// numbers, percentages, amounts, dates and short codes never wrap.
pub const SHORT_CELL: usize = 18;
/// What a long column keeps when the table would not fit otherwise.
pub const LEAST_LONG_COLUMN: usize = 6;
/// The narrowest a column of long text gets, in display columns (a date such as
/// 2026年12月18日 fits on one line).
pub const MIN_LONG_COLUMN: usize = 15;

/// How wide a cell's text prints, in half-em columns: ASCII is one, everything else two
/// (CJK, and ¥ or ％, which Word sets in the East Asian font).
pub fn print_width(text: &str) -> usize {
    text.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

/// Column widths in twips that fill the text width: short columns (every cell at most
/// [`SHORT_CELL`] wide) get what their widest cell needs, long columns share the rest by
/// how much they hold; a table of long columns only (the signature block) splits evenly.
pub fn column_widths(widest: &[usize]) -> Vec<usize> {
    let need = |columns: usize| columns * TWIPS_PER_COLUMN + CELL_PADDING;
    let is_short = |w: usize| w <= SHORT_CELL;
    if widest.is_empty() {
        return Vec::new();
    }
    if !widest.iter().any(|w| is_short(*w)) {
        return vec![TEXT_WIDTH / widest.len(); widest.len()];
    }
    let fixed: usize = widest.iter().filter(|w| is_short(**w)).map(|w| need(*w)).sum();
    let long_total: usize = widest.iter().filter(|w| !is_short(**w)).sum();
    let room = TEXT_WIDTH.saturating_sub(fixed);
    let mut widths: Vec<usize> = widest
        .iter()
        .map(|&w| if is_short(w) { need(w) } else { (room * w / long_total.max(1)).max(need(MIN_LONG_COLUMN)) })
        .collect();
    // Over the width: long columns give up what they have above the minimum first, then
    // everything shrinks alike; short columns only stretch to the width.
    let total: usize = widths.iter().sum();
    if total > TEXT_WIDTH {
        let floor = need(LEAST_LONG_COLUMN);
        let spare: usize = widest.iter().zip(&widths).filter(|(w, _)| !is_short(**w)).map(|(_, x)| x - floor).sum();
        let excess = total - TEXT_WIDTH;
        for (w, width) in widest.iter().zip(widths.iter_mut()) {
            if !is_short(*w) && spare > 0 {
                *width -= ((*width - floor) * excess.min(spare)).div_ceil(spare);
            }
        }
    }
    let total: usize = widths.iter().sum::<usize>().max(1);
    if long_total == 0 || total > TEXT_WIDTH {
        for width in &mut widths {
            *width = *width * TEXT_WIDTH / total;
        }
    }
    widths
}

/// The widths of a table's columns in twips, measured from each cell's printed text, and
/// which columns are short (never wrap).
pub fn of_cells(rows: &[&[Vec<Inline>]]) -> (Vec<usize>, Vec<bool>) {
    let columns = rows.iter().map(|r| r.len()).max().unwrap_or(0);
    let widest: Vec<usize> = (0..columns)
        .map(|c| rows.iter().filter_map(|r| r.get(c)).map(|cell| print_width(&plain(cell))).max().unwrap_or(1))
        .collect();
    let short = widest.iter().map(|w| *w <= SHORT_CELL).collect();
    (column_widths(&widest), short)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_columns_keep_their_width_and_the_table_fits_the_page() {
        // 序号, 付款节点, 付款条件, 期限, 比例, 金额, 大写金额 as `print_width` measures them.
        let widths = column_widths(&[4, 8, 30, 8, 4, 11, 18]);
        assert!(widths.iter().sum::<usize>() <= TEXT_WIDTH);
        assert!(widths[4] >= 4 * TWIPS_PER_COLUMN + CELL_PADDING, "40% never wraps");
        assert!(widths[1] >= 8 * TWIPS_PER_COLUMN + CELL_PADDING, "付款节点 on one line");
        assert!(widths[2] > widths[1], "long text gets the room");
        // Two long columns that cannot both have their minimum still fit the page.
        let widths = column_widths(&[4, 8, 30, 8, 4, 11, 40]);
        assert!(widths.iter().sum::<usize>() <= TEXT_WIDTH);
        assert!(widths[4] >= 4 * TWIPS_PER_COLUMN + CELL_PADDING, "short columns keep their width");
    }
}
