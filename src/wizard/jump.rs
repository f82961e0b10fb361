//! Ctrl-K: jump to any field by part of its label. The typed characters are looked for in
//! order in the field's Chinese label (so 逾违 finds 乙方逾期违约金), the pinyin initials of
//! that label (yqwyj, or jfmc for 甲方名称: quicker than switching the input method), its
//! English label or its path; fields whose label holds the text as one piece come first,
//! then the rest in the order of the wizard.

use crate::schema::{self, Field};

/// A field the jump can go to: its step's title and the field.
#[derive(Debug, Clone, Copy)]
pub struct Target {
    pub step: &'static str,
    pub field: &'static Field,
}

/// Every field of the wizard's steps, in their order.
fn all() -> impl Iterator<Item = Target> {
    schema::steps().flat_map(|step| {
        schema::sections_shown_in(step)
            .flat_map(move |section| section.fields.iter().map(move |field| Target { step: step.title.zh, field }))
    })
}

/// The fields that match `query`, best first (at most `limit`).
pub fn matches(query: &str, limit: usize) -> Vec<Target> {
    let query = query.trim().to_lowercase();
    let mut whole = Vec::new();
    let mut scattered = Vec::new();
    for target in all() {
        let texts = [
            target.field.label.zh.to_lowercase(),
            initials(target.field.label.zh),
            target.field.label.en.to_lowercase(),
            target.field.path.to_string(),
        ];
        if query.is_empty() || texts.iter().any(|t| t.contains(&query)) {
            whole.push(target);
        } else if texts.iter().any(|t| in_order(&query, t)) {
            scattered.push(target);
        }
    }
    whole.into_iter().chain(scattered).take(limit).collect()
}

/// The first letter of each character's pinyin (Latin letters and digits as they are):
/// 甲方名称 → jfmc.
fn initials(label: &str) -> String {
    use pinyin::ToPinyin;
    label
        .chars()
        .filter_map(|c| match c.to_pinyin() {
            Some(pinyin) => pinyin.first_letter().chars().next(),
            None => c.is_ascii_alphanumeric().then(|| c.to_ascii_lowercase()),
        })
        .collect()
}

/// Whether the characters of `query` appear in `text` in order.
fn in_order(query: &str, text: &str) -> bool {
    let mut rest = text.chars();
    query.chars().all(|wanted| rest.any(|c| c == wanted))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_part_of_a_label_finds_its_field() {
        let paths = |q: &str| matches(q, 5).iter().map(|t| t.field.path).collect::<Vec<_>>();
        assert_eq!(paths("仲裁委员会").first(), Some(&"disputes.arbitration_commission"));
        assert!(paths("逾违").contains(&"breach.supplier_delay_rate"), "characters in order: {:?}", paths("逾违"));
        assert!(paths("sla").contains(&"service.sla_percent"), "English or the path");
        assert!(paths("上线日期").contains(&"implementation.go_live_date"));
        assert!(matches("没有这样的字段吧", 5).is_empty());
        assert_eq!(paths("jfmc").first(), Some(&"parties.buyer.name"), "pinyin initials of 甲方名称");
        assert!(paths("yqwyj").contains(&"breach.supplier_delay_rate"), "{:?}", paths("yqwyj"));
        assert_eq!(initials("SLA可用率（%）"), "slakyl");
        assert!(!matches("", 1000).iter().any(|t| t.field.path.starts_with("checklist.")), "steps only");
    }
}
