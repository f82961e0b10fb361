//! Reviewing a contract this tool did not write (the other side's paper): its paragraphs
//! with their headings, read from .docx, .md or .txt, run through the same clause analysis
//! and risk rules as the free text of a draft, plus the eight items of 《民法典》第四百七十条.

mod document;

pub use document::{Document, Paragraph, ReadError, from_text, read};

use crate::checks::Finding;
use crate::checks::clause::{Actor, Names};
use crate::checks::risks::{self, Choices, Forum};

/// Whose side the review takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Side {
    #[default]
    Buyer,
    Supplier,
}

/// A finding of the review with where it is in the document.
#[derive(Debug, Clone)]
pub struct Located {
    pub finding: Finding,
    /// The paragraph it is in, counted from 1; `None` for the whole document.
    pub paragraph: Option<usize>,
    pub heading: Option<String>,
}

/// One of the eight items of 《民法典》第四百七十条 and whether the text has it.
#[derive(Debug, Clone, Copy)]
pub struct Item {
    pub label: &'static str,
    pub present: bool,
}

/// The review of one document.
#[derive(Debug, Clone)]
pub struct Review {
    pub findings: Vec<Located>,
    pub items: Vec<Item>,
}

/// The items of 《民法典》第四百七十条第一款 and words that show a contract has each.
const ITEMS: [(&str, &[&[&str]]); 8] = [
    (
        "（一）当事人的名称和住所",
        &[&["甲方", "买方", "采购方", "委托方"], &["乙方", "卖方", "供应商", "服务商"], &["住所", "地址"]],
    ),
    ("（二）标的", &[&["系统", "软件", "平台", "服务", "产品"], &["提供", "交付", "许可", "开通"]]),
    ("（三）数量", &[&["用户数", "账号", "数量", "授权用户", "许可数", "套", "模块"]]),
    ("（四）质量", &[&["验收", "质量", "标准", "可用率", "性能", "规格"]]),
    ("（五）价款或者报酬", &[&["价款", "费用", "总价", "价格", "服务费", "报酬"], &["元", "¥", "￥", "人民币"]]),
    (
        "（六）履行期限、地点和方式",
        &[&["期限", "日期", "之日起", "日内", "年"], &["地点", "远程", "在线", "方式", "交付", "互联网"]],
    ),
    ("（七）违约责任", &[&["违约责任", "违约金", "赔偿"]]),
    ("（八）解决争议的方法", &[&["仲裁", "诉讼", "法院", "争议解决", "争议的解决"]]),
];

/// The choices the document makes itself: the forum its dispute clause names, where it
/// keeps the data, whether it allows sub-processing.
fn choices_of(document: &Document) -> Choices {
    let all = document.text();
    let arbitration = ["仲裁委员会", "仲裁院", "仲裁中心"].iter().any(|w| all.contains(w)) && all.contains("仲裁");
    let litigation = ["提起诉讼", "人民法院管辖", "法院管辖"].iter().any(|w| all.contains(w));
    // Both named: each court sentence is read against the arbitration clause, which finds
    // 或裁或诉 across the paragraphs.
    let forum = match (arbitration, litigation) {
        (true, _) => Forum::Arbitration,
        (false, true) => Forum::Litigation,
        (false, false) => Forum::Unknown,
    };
    Choices {
        forum,
        mainland_storage: ["存储于中华人民共和国境内", "存储于中国境内", "境内存储", "存放于中国境内"]
            .iter()
            .any(|w| all.contains(w)),
        subprocessing_allowed: ["可以转委托", "同意乙方委托", "可以委托第三方"].iter().any(|w| all.contains(w)),
    }
}

/// The parties' names as the document introduces them (甲方（…）：X公司).
fn names_of(document: &Document) -> (Option<String>, Option<String>) {
    let name_after = |role: &str| {
        document.paragraphs.iter().find_map(|p| {
            let text = p.text.trim_start_matches(['*', ' ']);
            let rest = text.strip_prefix(role)?;
            let rest = rest.split_once('：').or_else(|| rest.split_once(':')).map(|(_, r)| r)?;
            let name = rest.trim().trim_end_matches(['*', ' ']);
            (name.chars().count() >= 4).then(|| name.to_string())
        })
    };
    (name_after("甲方"), name_after("乙方"))
}

/// Reviews a document from one side.
pub fn review(document: &Document, side: Side) -> Review {
    let (buyer, supplier) = names_of(document);
    let names = Names { buyer: buyer.as_deref(), supplier: supplier.as_deref() };
    let choices = choices_of(document);
    let mut findings = Vec::new();
    let search = risks::Search::for_texts(document.paragraphs.len());
    for (index, paragraph) in document.paragraphs.iter().enumerate() {
        for (risk, sentence) in risks::scan_with(&paragraph.text, &names, &choices, search) {
            let finding = risk.finding("document", sentence);
            let theirs = matches!(
                (risks::risk_to(&finding), side),
                (Some(Actor::Buyer), Side::Supplier) | (Some(Actor::Supplier), Side::Buyer)
            );
            if !theirs {
                findings.push(Located { finding, paragraph: Some(index + 1), heading: paragraph.heading.clone() });
            }
        }
    }
    let all = document.text();
    let items: Vec<Item> = ITEMS
        .iter()
        .map(|(label, groups)| Item { label, present: groups.iter().all(|g| g.iter().any(|w| all.contains(w))) })
        .collect();
    for item in items.iter().filter(|i| !i.present) {
        findings.push(Located {
            finding: Finding::of(
                "REV-001",
                "document",
                format!(
                    "合同缺少《民法典》第四百七十条第一款所列的{}：合同的主要内容不完整，履行中易生争议。",
                    item.label
                ),
                format!("The contract lacks item {} of Civil Code art. 470.", item.label),
            ),
            paragraph: None,
            heading: None,
        });
    }
    findings.sort_by_key(|f| (f.finding.severity, f.paragraph));
    Review { findings, items }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document(text: &str) -> Document {
        document::from_text(text)
    }

    #[test]
    fn vendor_clauses_are_found_with_their_paragraph_and_heading() {
        let doc = document(
            "## 第五条　价格\n\n乙方有权根据市场情况调整服务价格。\n\n## 第九条　争议解决\n\n争议提交上海仲裁委员会仲裁。\n\n本合同争议由乙方所在地人民法院管辖。\n",
        );
        let review = review(&doc, Side::Buyer);
        let price = review.findings.iter().find(|f| f.finding.rule == "PRC-001").expect("the price clause");
        assert_eq!(price.paragraph, Some(1), "headings are not paragraphs");
        assert_eq!(price.heading.as_deref(), Some("第五条　价格"));
        assert_eq!(price.finding.quote.as_deref(), Some("乙方有权根据市场情况调整服务价格。"));
        assert!(review.findings.iter().any(|f| f.finding.rule == "DSP-001"), "或裁或诉 across paragraphs");
    }

    #[test]
    fn the_items_of_article_470_present_or_missing() {
        let review = review(&document("甲方应向乙方支付服务费。"), Side::Buyer);
        assert!(review.items.iter().any(|i| !i.present && i.label.contains("解决争议")));
        assert!(review.findings.iter().any(|f| f.finding.rule == "REV-001"));
    }

    #[test]
    fn the_supplier_side_sees_what_binds_everyone() {
        let doc = document("乙方有权根据市场情况调整服务价格。\n\n诉讼时效缩短为一年。\n");
        let rules: Vec<&str> = review(&doc, Side::Supplier).findings.iter().map(|f| f.finding.rule).collect();
        assert!(!rules.contains(&"PRC-001"), "the buyer's risk, not the supplier's");
        assert!(rules.contains(&"LIA-007"), "a void term is everyone's");
    }
}
