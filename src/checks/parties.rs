//! PTY-002 and PTY-003: each party's 统一社会信用代码 is well-formed and its check
//! character matches (GB 32100-2015).

use super::{Finding, Severity};
use crate::draft::Draft;
use crate::uscc::{self, UsccProblem};

const BASIS: &str = "《法人和其他组织统一社会信用代码编码规则》（GB 32100-2015）";

pub(super) fn check(draft: &Draft, findings: &mut Vec<Finding>) {
    for (side, zh, en) in [("buyer", "甲方", "buyer"), ("supplier", "乙方", "supplier")] {
        let path = format!("parties.{side}.uscc");
        let Some(code) = draft.text(&path) else { continue };
        match uscc::validate(code) {
            Ok(()) => {}
            Err(UsccProblem::Format) => findings.push(
                Finding::new(
                    "PTY-002",
                    Severity::Error,
                    path,
                    format!("{zh}统一社会信用代码格式错误：应为18位数字或大写字母（不含I、O、Z、S、V）。"),
                    format!("The {en}'s USCC is malformed: 18 digits or capital letters (no I, O, Z, S, V)."),
                )
                .basis(BASIS),
            ),
            Err(UsccProblem::CheckDigit { expected }) => findings.push(
                Finding::new(
                    "PTY-003",
                    Severity::Error,
                    path,
                    format!("{zh}统一社会信用代码校验码错误（按前17位应为“{expected}”），请与营业执照核对；如确为早期试点代码，可在审阅中确认保留。"),
                    format!("The {en}'s USCC check character does not match (expected “{expected}”); check the business licence."),
                )
                .basis(BASIS),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reports_format_and_check_digit_separately() {
        let mut draft = Draft::empty();
        draft.set("parties.buyer.uscc", json!("91350100M000100YO3"));
        draft.set("parties.supplier.uscc", json!("91350100M000100Y44"));
        let mut found = Vec::new();
        check(&draft, &mut found);
        let rules: Vec<(&str, &str)> = found.iter().map(|f| (f.rule, f.field.as_str())).collect();
        assert_eq!(rules, vec![("PTY-002", "parties.buyer.uscc"), ("PTY-003", "parties.supplier.uscc")]);
    }
}
