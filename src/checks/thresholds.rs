//! Rules of thumb, named and in one place. They are heuristics, not law: findings based
//! on them say “可能”.

use rust_decimal::Decimal;

/// A penalty above this share of the amount it secures may be cut down by a court (LIA-001).
pub const PENALTY_SHARE_MAX_PERCENT: Decimal = Decimal::from_parts(30, 0, 0, false, 0);
/// A late-payment rate above 1 ‰ a day (0.1 %) may be excessive (LIA-002).
pub const LATE_RATE_MAX_PERMILLE: Decimal = Decimal::ONE;
/// One-year LPR in per cent a year; the floor for late interest owed to an SME (LIA-002).
pub const LPR_PERCENT_A_YEAR: Decimal = Decimal::from_parts(30, 0, 0, false, 1);
/// A retention above this share may be too high (WAR-002).
pub const RETENTION_MAX_PERCENT: Decimal = Decimal::TEN;
/// A prepayment above this share is lopsided for the buyer (PAY-005).
pub const PREPAYMENT_MAX_PERCENT: Decimal = Decimal::from_parts(50, 0, 0, false, 0);
/// A last payment above this share is lopsided for the supplier (PAY-005).
pub const FINAL_PAYMENT_MAX_PERCENT: Decimal = Decimal::from_parts(30, 0, 0, false, 0);
/// Days within which a large buyer pays an SME (保障中小企业款项支付条例第九条; law, not a heuristic).
pub const SME_PAYMENT_DAYS_MAX: u64 = 60;
/// Earnest money may not exceed this share of the contract (民法典第五百八十六条; law).
pub const DEPOSIT_MAX_PERCENT: Decimal = Decimal::from_parts(20, 0, 0, false, 0);
/// An incident notice slower than this may be too slow for the buyer's own duties (DAT-005).
pub const INCIDENT_NOTICE_MAX_HOURS: u64 = 72;

/// The LPR as a daily per-mille rate (÷ 365 × 10).
pub fn lpr_permille_a_day() -> Decimal {
    LPR_PERCENT_A_YEAR * Decimal::TEN / Decimal::from(365)
}

/// The longest a supplier should keep the data after the end before returning or deleting
/// it (DAT-015): a rule of thumb, the shortest period necessary being the law's test.
pub const RETURN_DAYS_MAX: u64 = 60;
