//! Step 1 · 合同双方与签约代表: the buyer's and the supplier's identity, contacts, bank
//! account and signatory. The two blocks are identical but for who must give a bank account.

use super::{Field, Kind, Preview, Section, bi, choice};
use crate::draft::Draft;

/// One party's block; `$bank_required` is true for the supplier, who is paid.
macro_rules! party_fields {
    ($side:literal, $zh:literal, $en:literal, $not_rep:ident, $($bank:ident)?) => {
        [
            Field::new(concat!("parties.", $side, ".name"), Kind::Text, concat!($zh, "名称"), concat!($en, " name"))
                .required()
                .help("与营业执照完全一致的公司全称。", "The full registered name, exactly as on the business licence."),
            Field::new(concat!("parties.", $side, ".uscc"), Kind::Text, concat!($zh, "统一社会信用代码"), concat!($en, " USCC"))
                .required()
                .help("营业执照上的18位统一社会信用代码，末位为校验码（GB 32100-2015）。", "The 18-character unified social credit code; its last character is a check digit."),
            Field::new(concat!("parties.", $side, ".legal_rep"), Kind::Text, concat!($zh, "法定代表人"), concat!($en, " legal representative"))
                .required()
                .help("营业执照上登记的法定代表人姓名。", "The legal representative named on the licence."),
            Field::new(concat!("parties.", $side, ".address"), Kind::Text, concat!($zh, "住所"), concat!($en, " registered address"))
                .required()
                .help("营业执照登记的住所；也是默认的送达地址。", "The registered address; also where notices are served."),
            Field::new(concat!("parties.", $side, ".contact"), Kind::Text, concat!($zh, "联系人"), concat!($en, " contact person"))
                .required()
                .help("负责日常沟通、接收通知的联系人。", "Who receives day-to-day notices."),
            Field::new(concat!("parties.", $side, ".phone"), Kind::Text, concat!($zh, "联系电话"), concat!($en, " phone"))
                .required()
                .help("11位手机号（1开头）或带区号的固定电话。", "An 11-digit mobile number or a landline with area code."),
            Field::new(concat!("parties.", $side, ".email"), Kind::Text, concat!($zh, "电子邮箱"), concat!($en, " e-mail"))
                .help("只有写在合同中的邮箱，电子邮件通知才有效。", "Notices by e-mail count only if the address is written here."),
            Field::new(
                concat!("parties.", $side, ".size"),
                Kind::Choice(&[
                    choice("large", "大型企业", "Large enterprise"),
                    choice("sme", "中小企业", "SME"),
                ]),
                concat!($zh, "企业规模"),
                concat!($en, " size"),
            )
            .help("大型企业向中小企业采购时，适用《保障中小企业款项支付条例》的付款期限。", "A large buyer paying an SME supplier is bound by the SME payment regulation."),
            party_bank!(concat!("parties.", $side, ".bank_name"), concat!($zh, "开户银行"), concat!($en, " bank"), $($bank)?)
                .help("开户银行全称（含支行）。", "The full name of the bank and branch."),
            party_bank!(concat!("parties.", $side, ".bank_account"), concat!($zh, "银行账号"), concat!($en, " bank account"), $($bank)?)
                .help("对公结算账户账号，户名须与公司名称一致。", "The corporate account; its holder must be the party itself."),
            Field::new(concat!("parties.", $side, ".bank_account_name"), Kind::Text, concat!($zh, "账户户名"), concat!($en, " account holder"))
                .help("留空即为公司名称；与公司名称不一致时有付款给第三方的风险。", "Leave empty for the company's own name; any other holder is a risk."),
            Field::new(concat!("parties.", $side, ".signatory.name"), Kind::Text, concat!($zh, "签约代表"), concat!($en, " signatory"))
                .required()
                .help("在合同上签字的人。", "The person who signs."),
            Field::new(concat!("parties.", $side, ".signatory.title"), Kind::Text, concat!($zh, "签约代表职务"), concat!($en, " signatory's title"))
                .help("签约代表的职务，如总经理、销售总监。", "The signatory's position."),
            Field::new(concat!("parties.", $side, ".signatory.is_legal_rep"), Kind::Bool, concat!($zh, "签约代表为法定代表人"), concat!($en, " signatory is the legal representative"))
                .required()
                .preset(super::Preset::Bool(true))
                .help("不是法定代表人的，须凭授权委托书签约。", "Anyone else signs only with a written power of attorney."),
            Field::new(concat!("parties.", $side, ".signatory.poa_ref"), Kind::Text, concat!($zh, "授权委托书"), concat!($en, " power of attorney"))
                .required()
                .when($not_rep)
                .help("授权委托书的编号或出具日期；委托书应写明代理事项、权限和期限并加盖公章。", "Number or date of the power of attorney, which states the matters, authority and term."),
            Field::new(concat!("parties.", $side, ".signatory.id_number"), Kind::Text, concat!($zh, "签约代表身份证件号码"), concat!($en, " signatory's ID number"))
                .when($not_rep)
                .help("印在授权委托书上（export --document poa-…）；不印在合同中。留空则在委托书上留出手写的位置。", "Printed on the power of attorney (export --document poa-…), not in the contract; left empty, the form has a line to write it on."),
        ]
    };
}

macro_rules! party_bank {
    ($path:expr, $zh:expr, $en:expr, required) => {
        Field::new($path, Kind::Text, $zh, $en).required()
    };
    ($path:expr, $zh:expr, $en:expr,) => {
        Field::new($path, Kind::Text, $zh, $en)
    };
}

fn buyer_not_rep(draft: &Draft) -> bool {
    draft.flag("parties.buyer.signatory.is_legal_rep") == Some(false)
}

fn supplier_not_rep(draft: &Draft) -> bool {
    draft.flag("parties.supplier.signatory.is_legal_rep") == Some(false)
}

/// Fields per party: both blocks have the same rows.
const PER_PARTY: usize = 16;
const BUYER: [Field; PER_PARTY] = party_fields!("buyer", "甲方", "Buyer", buyer_not_rep,);
const SUPPLIER: [Field; PER_PARTY] = party_fields!("supplier", "乙方", "Supplier", supplier_not_rep, required);

static FIELDS: [Field; 2 * PER_PARTY] = {
    let mut all = [BUYER[0]; 2 * PER_PARTY];
    let mut i = 0;
    while i < PER_PARTY {
        all[i] = BUYER[i];
        all[i + PER_PARTY] = SUPPLIER[i];
        i += 1;
    }
    all
};

pub(super) static SECTION: Section = Section {
    id: "parties",
    title: bi("合同双方", "Parties"),
    preview: Preview::Parties,
    intro: bi(
        "甲方是购买CRM系统的企业，乙方是提供系统的供应商。信息须与营业执照一致，签约代表须有合法授权。",
        "The buyer purchases the CRM, the supplier provides it. Everything as on the business licences.",
    ),
    is_step: true,
    shown_in: None,
    fields: &FIELDS,
};
