//! The shares of the payment plan the playbook negotiates — the prepayment (rows due on
//! signing and nothing later) and the retention (质保金 rows) — measured on a draft, and a
//! plan rebalanced to a position: the share set, the other share kept, the rest of the
//! price spread over the remaining rows as they were spread before.

use rust_decimal::Decimal;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::dates::TriggerNames;
use crate::derived::cell_text;
use crate::draft::Draft;
use crate::values;

const PLAN: &str = "payment.milestones";

/// A share of the payment plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Share {
    Prepayment,
    Retention,
}

impl Share {
    /// The field whose rows hold the share.
    pub const FIELD: &'static str = PLAN;

    fn holds(self, row: &Value) -> bool {
        let is_retention = row.get("is_retention").and_then(Value::as_bool) == Some(true);
        match self {
            Share::Retention => is_retention,
            Share::Prepayment => {
                let trigger = row.get("trigger").and_then(cell_text).unwrap_or_default();
                TriggerNames::of(trigger, is_retention).is_prepayment()
            }
        }
    }

    fn other(self) -> Share {
        match self {
            Share::Prepayment => Share::Retention,
            Share::Retention => Share::Prepayment,
        }
    }

    /// The share of the total, in percent; `None` while a row of the plan has no valid
    /// percentage (the share is not known yet).
    pub fn of(self, draft: &Draft) -> Option<Decimal> {
        let rows = draft.rows(PLAN);
        if rows.is_empty() {
            return None;
        }
        let mut sum = Decimal::ZERO;
        for row in rows {
            let percent = percent_of(row)?;
            if self.holds(row) {
                sum += percent;
            }
        }
        Some(sum)
    }

    /// Rebalances the plan so this share is `percent`: the share's rows scaled to it (a row
    /// added when there is none, removed at zero), the other share kept, and what is left
    /// spread over the other rows in their old proportions. False, and the draft untouched,
    /// when the plan cannot take it (an invalid percentage, no row left to take the rest,
    /// or more than the whole price).
    pub fn set(self, draft: &mut Draft, percent: Decimal) -> bool {
        let mut rows = draft.rows(PLAN).to_vec();
        // A plan not yet entered starts from the field table's.
        if rows.is_empty()
            && let Some(Value::Array(preset)) = crate::schema::field(PLAN).and_then(crate::draft::preset_of)
        {
            rows = preset;
        }
        let Some(percents) = rows.iter().map(percent_of).collect::<Option<Vec<_>>>() else { return false };
        let kind = |row: &Value| {
            if self.holds(row) {
                Some(self)
            } else if self.other().holds(row) {
                Some(self.other())
            } else {
                None
            }
        };
        let kept: Decimal =
            rows.iter().zip(&percents).filter(|(r, _)| kind(r) == Some(self.other())).map(|(_, p)| *p).sum();
        let rest = Decimal::ONE_HUNDRED - percent - kept;
        let rest_rows: Vec<usize> = (0..rows.len()).filter(|i| kind(&rows[*i]).is_none()).collect();
        if rest <= Decimal::ZERO || rest_rows.is_empty() || percent < Decimal::ZERO {
            return false;
        }
        let share_rows: Vec<usize> = (0..rows.len()).filter(|i| kind(&rows[*i]) == Some(self)).collect();
        let mut new = percents.clone();
        spread(&mut new, &share_rows, percent);
        spread(&mut new, &rest_rows, rest);
        let mut out: Vec<Value> = Vec::with_capacity(rows.len() + 1);
        for (index, (mut row, share)) in rows.into_iter().zip(new).enumerate() {
            if percent.is_zero() && share_rows.contains(&index) {
                continue;
            }
            if let Some(cells) = row.as_object_mut() {
                cells.insert("percent".into(), Value::String(written(share)));
            }
            out.push(row);
        }
        if share_rows.is_empty() && !percent.is_zero() {
            if self == Share::Prepayment {
                out.insert(0, new_row("预付款", "本合同生效", "10", percent, false));
            } else {
                out.push(new_row("质保金", "质保期届满且乙方已修复质保期内发现的全部缺陷", "15", percent, true));
            }
        }
        draft.set(PLAN, Value::Array(out));
        true
    }
}

fn percent_of(row: &Value) -> Option<Decimal> {
    row.get("percent").and_then(cell_text).and_then(|p| values::parse_percent(p).ok())
}

/// Sets the rows at `indices` to add up to `total`, keeping their proportions (evenly when
/// they held nothing), to two decimals, the last row taking what rounding leaves.
fn spread(percents: &mut [Decimal], indices: &[usize], total: Decimal) {
    let Some((last, others)) = indices.split_last() else { return };
    let before: Decimal = indices.iter().map(|i| percents[*i]).sum();
    let count = Decimal::from(indices.len());
    let mut given = Decimal::ZERO;
    for &index in others {
        let share = if before.is_zero() { total / count } else { total * percents[index] / before };
        percents[index] = share.round_dp(2);
        given += percents[index];
    }
    percents[*last] = total - given;
}

/// A percentage as the draft stores it: 60, 33.33.
fn written(percent: Decimal) -> String {
    percent.normalize().to_string()
}

fn new_row(name: &str, trigger: &str, due_days: &str, percent: Decimal, is_retention: bool) -> Value {
    json!({
        "name": name,
        "trigger": trigger,
        "due_days": due_days,
        "percent": written(percent),
        "is_retention": is_retention,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(rows: &[(&str, &str, bool)]) -> Draft {
        let mut draft = Draft::default();
        let rows = rows
            .iter()
            .map(|(trigger, percent, retention)| {
                json!({"name": "款", "trigger": trigger, "due_days": "10", "percent": percent, "is_retention": retention})
            })
            .collect();
        draft.set(PLAN, Value::Array(rows));
        draft
    }

    fn percents(draft: &Draft) -> Vec<String> {
        draft.rows(PLAN).iter().map(|r| r["percent"].as_str().unwrap_or("").to_string()).collect()
    }

    #[test]
    fn the_shares_are_read_from_triggers_and_the_retention_flag() {
        let draft = plan(&[
            ("本合同生效", "30", false),
            ("系统上线运行满1个月且终验合格", "60", false),
            ("质保期满", "10", true),
        ]);
        assert_eq!(Share::Prepayment.of(&draft), Some(Decimal::from(30)));
        assert_eq!(Share::Retention.of(&draft), Some(Decimal::from(10)));
        // Due on signing *and* go-live is not a prepayment.
        let draft = plan(&[("本合同签订且系统上线", "100", false)]);
        assert_eq!(Share::Prepayment.of(&draft), Some(Decimal::ZERO));
        assert_eq!(Share::Prepayment.of(&plan(&[("生效", "三十", false)])), None);
    }

    #[test]
    fn setting_a_share_rebalances_the_rest_and_keeps_the_other_share() {
        let mut draft =
            plan(&[("生效", "30", false), ("上线", "40", false), ("终验", "20", false), ("质保", "10", true)]);
        assert!(Share::Prepayment.set(&mut draft, Decimal::from(10)));
        assert_eq!(percents(&draft), ["10", "53.33", "26.67", "10"]);
        assert!(Share::Retention.set(&mut draft, Decimal::ZERO));
        assert_eq!(percents(&draft), ["10", "60", "30"], "a zero share drops its row");
        assert!(Share::Retention.set(&mut draft, Decimal::from(5)));
        assert_eq!(draft.rows(PLAN).len(), 4, "a retention row is added");
        assert_eq!(Share::Retention.of(&draft), Some(Decimal::from(5)));
        let sum: Decimal = percents(&draft).iter().map(|p| p.parse::<Decimal>().unwrap_or_default()).sum();
        assert_eq!(sum, Decimal::ONE_HUNDRED);
    }

    #[test]
    fn a_plan_that_cannot_take_the_share_is_left_alone() {
        let mut draft = plan(&[("生效", "100", false)]);
        assert!(!Share::Prepayment.set(&mut draft, Decimal::from(10)), "no other row takes the rest");
        assert_eq!(percents(&draft), ["100"]);
        let mut draft = plan(&[("生效", "30", false), ("上线", "x", false)]);
        assert!(!Share::Prepayment.set(&mut draft, Decimal::from(10)));
    }
}
