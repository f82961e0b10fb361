//! 统一社会信用代码 (GB 32100-2015): the character set, the MOD 31-3 check character in
//! position 18, and the GB 11714 check of the embedded organization code (positions 9–17).

/// The 31 code characters, in value order (no I, O, S, V, Z).
const ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS: [u32; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS: [u32; 8] = [3, 7, 9, 10, 5, 8, 4, 2];

/// What is wrong with a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UsccProblem {
    /// Not 18 characters of the code alphabet (PTY-002).
    Format,
    /// The 18th character does not match (PTY-003).
    CheckDigit { expected: char },
}

fn value(c: char) -> Option<u32> {
    ALPHABET.find(c).and_then(|p| u32::try_from(p).ok())
}

/// The check character for the first 17 characters, if they are all valid.
pub fn check_char(first17: &str) -> Option<char> {
    if first17.chars().count() != 17 {
        return None;
    }
    let mut sum = 0;
    for (c, weight) in first17.chars().zip(WEIGHTS) {
        sum += value(c)? * weight;
    }
    let check = (31 - sum % 31) % 31;
    ALPHABET.chars().nth(check as usize)
}

/// Validates a code as written (surrounding spaces ignored, letters must be upper case).
pub fn validate(code: &str) -> Result<(), UsccProblem> {
    let code = code.trim();
    if code.chars().count() != 18 || !code.chars().all(|c| value(c).is_some()) {
        return Err(UsccProblem::Format);
    }
    // Positions 3–8 are an administrative division code: digits only.
    if !code.chars().skip(2).take(6).all(|c| c.is_ascii_digit()) {
        return Err(UsccProblem::Format);
    }
    let (first17, last) = code.split_at(17);
    let expected = check_char(first17).ok_or(UsccProblem::Format)?;
    if last.starts_with(expected) { Ok(()) } else { Err(UsccProblem::CheckDigit { expected }) }
}

/// Whether the organization code in positions 9–17 passes its own GB 11714 check.
pub fn organization_code_ok(code: &str) -> bool {
    let chars: Vec<char> = code.trim().chars().collect();
    if chars.len() != 18 {
        return false;
    }
    let body = &chars[8..16];
    let mut sum = 0;
    for (c, weight) in body.iter().zip(ORG_WEIGHTS) {
        let Some(v) = c.to_digit(36) else { return false };
        sum += v * weight;
    }
    let check = 11 - sum % 11;
    let expected = match check {
        10 => 'X',
        11 => '0',
        n => char::from_digit(n, 10).unwrap_or('?'),
    };
    chars[16] == expected
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legal_md_vectors_pass_both_checks() {
        for code in ["91350100M000100Y43", "91510100350611266D", "91350500676532779B", "91510100MA6BKY6U36"] {
            assert_eq!(validate(code), Ok(()), "{code}");
            assert!(organization_code_ok(code), "{code}");
        }
    }

    #[test]
    fn legal_md_negative_vectors_fail() {
        assert_eq!(validate("91350100M000100Y44"), Err(UsccProblem::CheckDigit { expected: '3' }));
        assert_eq!(validate("91350100M000100YO3"), Err(UsccProblem::Format));
        assert_eq!(validate("9135010"), Err(UsccProblem::Format));
        assert_eq!(validate("91350100m000100y43"), Err(UsccProblem::Format));
        assert_eq!(validate("91A50100M000100Y43"), Err(UsccProblem::Format));
    }

    #[test]
    fn pilot_codes_fail_the_check_digit() {
        assert!(matches!(validate("91350100M0001TGQXM"), Err(UsccProblem::CheckDigit { .. })));
    }
}
