//! The parties: names and addresses (PTY-001), the 统一社会信用代码 (PTY-002 to PTY-006),
//! signing authority (PTY-008), phones (PTY-009) and the supplier's account (PTY-011/012).

use super::Finding;
use crate::draft::Draft;
use crate::uscc::{self, UsccProblem};

const SIDES: [(&str, &str, &str); 2] = [("buyer", "甲方", "buyer"), ("supplier", "乙方", "supplier")];

pub(super) fn check(draft: &Draft, findings: &mut Vec<Finding>) {
    for (side, zh, en) in SIDES {
        identity(draft, side, zh, en, findings);
        code(draft, side, zh, en, findings);
        authority(draft, side, zh, en, findings);
        phone(draft, side, zh, en, findings);
        account(draft, side, zh, en, findings);
    }
    same_party(draft, findings);
}

fn identity(draft: &Draft, side: &str, zh: &str, en: &str, findings: &mut Vec<Finding>) {
    for (key, what_zh, what_en) in [("name", "名称", "name"), ("address", "住所", "address")] {
        let path = format!("parties.{side}.{key}");
        if draft.text(&path).is_none() {
            findings.push(Finding::of(
                "PTY-001",
                path,
                format!("{zh}{what_zh}缺失，合同主体无法确定。"),
                format!("The {en}'s {what_en} is missing: the party cannot be identified."),
            ));
        }
    }
}

fn code(draft: &Draft, side: &str, zh: &str, en: &str, findings: &mut Vec<Finding>) {
    let path = format!("parties.{side}.uscc");
    let Some(code) = draft.text(&path) else { return };
    match uscc::validate(code) {
        Err(UsccProblem::Format) => findings.push(Finding::of(
            "PTY-002",
            path,
            format!("{zh}统一社会信用代码格式错误：应为18位数字或大写字母（不含I、O、Z、S、V）。"),
            format!("The {en}'s USCC is malformed: 18 digits or capital letters (no I, O, Z, S, V)."),
        )),
        Err(UsccProblem::CheckDigit { expected }) => findings.push(Finding::of(
            "PTY-003",
            path,
            format!("{zh}统一社会信用代码校验码错误（按前17位应为“{expected}”），请与营业执照核对；如确为早期试点代码，可在审阅中确认保留。"),
            format!("The {en}'s USCC check character does not match (expected “{expected}”); check the business licence."),
        )),
        Ok(()) => {
            if !uscc::organization_code_ok(code) {
                findings.push(Finding::of(
                    "PTY-004",
                    path.clone(),
                    format!("{zh}统一社会信用代码中的组织机构代码部分校验不通过，请核对。"),
                    format!("The organization code inside the {en}'s USCC fails its check."),
                ));
            }
            let prefix: String = code.trim().chars().take(2).collect();
            if prefix != "91" {
                findings.push(Finding::of(
                    "PTY-005",
                    path,
                    format!("{zh}登记类型不是企业（代码前两位为“{prefix}”），请核实主体资格、签约权限及开票能力。"),
                    format!("The {en} is not registered as an enterprise (code starts with “{prefix}”): check its capacity, authority and invoicing."),
                ));
            }
        }
    }
}

fn authority(draft: &Draft, side: &str, zh: &str, en: &str, findings: &mut Vec<Finding>) {
    if draft.flag(&format!("parties.{side}.signatory.is_legal_rep")) != Some(false) {
        return;
    }
    // A written power: 口头授权 or a reference naming no document is none.
    let has_reference = draft.text(&format!("parties.{side}.signatory.poa_ref")).is_some_and(|r| {
        !r.contains("口头") && ["书", "函", "文件", "证明", "决议", "号"].iter().any(|w| r.contains(w))
    });
    let checked = draft.flag("checklist.power_of_attorney") == Some(true);
    // Once the power is recorded, what is left is the tick on the review step: say so,
    // so recording it does not look like a change for nothing.
    let (message, message_en) = if has_reference {
        (
            format!(
                "{zh}的授权委托书已记录；签约前请核对原件，并在第11步“签约前准备”中勾选授权委托书一项，此提示即消失。"
            ),
            format!(
                "The {en}'s power of attorney is recorded; check the original before signing and tick it under Before signing (step 11) to clear this."
            ),
        )
    } else {
        (
            format!(
                "{zh}由授权代表签署，应附授权委托书，载明代理人、代理事项、权限和期限，并由委托人盖章；请记录委托书并在签约前准备中确认。"
            ),
            format!(
                "The {en}'s signatory is not the legal representative: attach a power of attorney stating the agent, matters, authority and term, sealed by the company."
            ),
        )
    };
    if !has_reference || !checked {
        findings.push(Finding::of("PTY-008", format!("parties.{side}.signatory.poa_ref"), message, message_en));
    }
}

/// A mainland mobile (1[3-9] and 11 digits, after +86, spaces and hyphens) or a landline
/// with an area code (0 and 2–3 digits, then 7–8 digits, an extension allowed).
pub(crate) fn phone_ok(raw: &str) -> bool {
    let compact: String = raw.chars().filter(|c| !matches!(c, ' ' | '-' | '(' | ')' | '（' | '）')).collect();
    let number = compact.strip_prefix("+86").or_else(|| compact.strip_prefix("0086")).unwrap_or(&compact);
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    let mobile =
        number.len() == 11 && number.starts_with('1') && matches!(number.as_bytes()[1], b'3'..=b'9') && digits(number);
    let (main, extension) = number.split_once(['#', '转']).unwrap_or((number, ""));
    let landline = main.starts_with('0')
        && (10..=12).contains(&main.len())
        && digits(main)
        && (extension.is_empty() || digits(extension));
    mobile || landline
}

fn phone(draft: &Draft, side: &str, zh: &str, en: &str, findings: &mut Vec<Finding>) {
    let path = format!("parties.{side}.phone");
    if let Some(raw) = draft.text(&path)
        && !phone_ok(raw)
    {
        findings.push(Finding::of(
            "PTY-009",
            path,
            format!("{zh}联系电话格式错误：大陆手机号应为以1开头的11位数字，固定电话应带区号（如0571-88886666）。"),
            format!(
                "The {en}'s phone is malformed: a mobile is 11 digits starting with 1; a landline needs its area code."
            ),
        ));
    }
}

fn account(draft: &Draft, side: &str, zh: &str, en: &str, findings: &mut Vec<Finding>) {
    let account = draft.text(&format!("parties.{side}.bank_account"));
    let bank = draft.text(&format!("parties.{side}.bank_name"));
    if let Some(account) = account {
        let compact: String = account.chars().filter(|c| *c != ' ').collect();
        let digits_only = compact.chars().all(|c| c.is_ascii_digit());
        if !digits_only || !(8..=30).contains(&compact.len()) || bank.is_none() {
            findings.push(Finding::of(
                "PTY-012",
                format!("parties.{side}.bank_account"),
                format!("{zh}银行账号或开户行信息不完整或格式异常：账号应为8至30位数字，并写明开户银行全称。"),
                format!("The {en}'s bank details look wrong: 8–30 digits and the full bank name."),
            ));
        }
    }
    let holder = draft.text(&format!("parties.{side}.bank_account_name"));
    if let (Some(holder), Some(name)) = (holder, draft.text(&format!("parties.{side}.name")))
        && holder != name
    {
        findings.push(Finding::of(
            "PTY-011",
            format!("parties.{side}.bank_account_name"),
            format!("{zh}收款账户户名（{holder}）与{zh}名称不一致，存在付款给第三方的风险，请核实或删除。"),
            format!("The {en}'s account holder ({holder}) is not the {en} itself: payments could reach a third party."),
        ));
    }
}

fn same_party(draft: &Draft, findings: &mut Vec<Finding>) {
    for (key, zh, en) in [("name", "名称", "name"), ("uscc", "统一社会信用代码", "code")] {
        let buyer = draft.text(&format!("parties.buyer.{key}"));
        if buyer.is_some() && buyer == draft.text(&format!("parties.supplier.{key}")) {
            findings.push(Finding::of(
                "PTY-006",
                format!("parties.supplier.{key}"),
                format!("甲乙双方{zh}相同，主体信息重复，请检查。"),
                format!("Buyer and supplier have the same {en}."),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn found(draft: &Draft) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        check(draft, &mut out);
        out.into_iter().map(|f| (f.rule, f.field)).collect()
    }

    #[test]
    fn reports_format_and_check_digit_separately() {
        let mut draft = Draft::empty();
        draft.set("parties.buyer.uscc", json!("91350100M000100YO3"));
        draft.set("parties.supplier.uscc", json!("91350100M000100Y44"));
        let rules = found(&draft);
        assert!(rules.contains(&("PTY-002", "parties.buyer.uscc".into())));
        assert!(rules.contains(&("PTY-003", "parties.supplier.uscc".into())));
    }

    #[test]
    fn phones() {
        for good in ["13957186420", "+86 139-5718-6420", "0571-88886666", "010 12345678", "0571-88886666转801"] {
            assert!(phone_ok(good), "{good}");
        }
        for bad in ["12957186420", "1395718642", "88886666", "电话", "0571-888"] {
            assert!(!phone_ok(bad), "{bad}");
        }
    }

    #[test]
    fn an_individual_business_is_not_an_enterprise() {
        let mut draft = Draft::empty();
        let code = format!("92350100M000100Y4{}", crate::uscc::check_char("92350100M000100Y4").unwrap_or('0'));
        draft.set("parties.supplier.uscc", json!(code));
        assert!(found(&draft).iter().any(|(r, _)| *r == "PTY-005"));
    }
}
