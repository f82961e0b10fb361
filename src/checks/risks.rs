//! The review's rules on free text, written over the clause analysis: each asks what a
//! sentence does — who may do what, who is freed from what, against which printed clause or
//! structured choice — and quotes the sentence it fires on. Every free-text value of the
//! draft is read, one-line fields included.

mod triggers;

use super::clause::{self, Actor, Modality, Names, Sentence};
use super::{At, Finding};
use crate::derived::cell_text;
use crate::draft::Draft;
use crate::schema::{self, Kind};

/// How the contract resolves disputes, as chosen.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Forum {
    Arbitration,
    Litigation,
    /// Not chosen, or a text reviewed without a draft.
    #[default]
    Unknown,
}

/// The structured choices a sentence can contradict.
#[derive(Debug, Clone, Copy, Default)]
pub struct Choices {
    pub forum: Forum,
    pub mainland_storage: bool,
    pub subprocessing_allowed: bool,
}

impl Choices {
    pub fn of(draft: &Draft) -> Self {
        let forum = match draft.text("disputes.method") {
            Some("arbitration") => Forum::Arbitration,
            Some("litigation") => Forum::Litigation,
            _ => Forum::Unknown,
        };
        Choices {
            forum,
            mainland_storage: draft.text("data.storage_location") == Some("mainland"),
            subprocessing_allowed: draft.flag("data.subprocessing_allowed") == Some(true),
        }
    }
}

/// A risk: the rule, the words its test needs, the test over one analysed sentence, and
/// what to tell the user.
pub struct Risk {
    pub rule: &'static str,
    /// Groups of words the text must hold one of each before its sentences are analysed for
    /// this risk: a word the test cannot be true without. Most texts (module descriptions,
    /// names) hold none, and cost one pass of an automaton.
    pub triggers: &'static [&'static [&'static str]],
    pub test: fn(&Sentence<'_>, &Choices) -> bool,
    pub zh: &'static str,
    pub en: &'static str,
}

const PRICE: &[&str] = &["价格", "费用", "服务费", "收费", "单价", "价款", "许可费", "费率", "资费"];
const CHANGE: &[&str] = &["调整", "变更", "修改", "上调", "提高", "上浮", "涨价", "调价"];
const DATA: &[&str] = &["数据", "客户信息", "个人信息", "资料", "信息"];
const OWN_PURPOSES: &[&str] = &[
    "训练",
    "模型",
    "算法",
    "产品优化",
    "产品改进",
    "优化产品",
    "改进产品",
    "行业分析",
    "分析报告",
    "大数据",
    "营销",
    "推荐",
    "推广",
    "商业目的",
    "自身目的",
    "自身业务",
    "合作伙伴",
    "广告",
];
const FOREIGN: &[&str] = &[
    "境外",
    "海外",
    "国外",
    "新加坡",
    "香港",
    "澳门",
    "台湾",
    "美国",
    "日本",
    "韩国",
    "欧洲",
    "欧盟",
    "英国",
    "印度",
    "马来西亚",
    "越南",
    "菲律宾",
];
const NOT_REFUNDED: &[&str] = &["不予退还", "不退还", "概不退还", "不予返还", "不返还", "不退", "不予退回"];
const AFTER_THE_END: &[&str] = &["终止后", "结束后", "期满后", "解除后", "届满后", "到期后"];
const ANY_CASE: &[&str] = &["任何情况", "任何原因", "任何情形", "一律", "概不", "均不", "全部责任", "一切责任"];
const LOST_DATA_OR_PROFIT: &[&str] =
    &["间接损失", "利润损失", "数据丢失", "数据损失", "数据灭失", "商誉", "预期利益", "可得利益", "营业损失", "利润"];

/// Whether the supplier (乙方 by any name) is freed from liability or has it capped.
fn supplier_exempt(s: &Sentence<'_>) -> bool {
    s.modal(Actor::Supplier, Modality::NotLiable).next().is_some()
        || s.modal(Actor::Supplier, Modality::LimitedTo).next().is_some()
}

/// Whether a party is freed (or capped) although the fault named is its own, or no one's in
/// particular: an exemption for one's own intent or gross negligence (民法典第五百零六条).
fn exempts_own_fault(s: &Sentence<'_>, actor: Actor) -> bool {
    let exempt =
        s.modal(actor, Modality::NotLiable).next().is_some() || s.modal(actor, Modality::LimitedTo).next().is_some();
    if !exempt || !s.has(&["故意", "重大过失"]) {
        return false;
    }
    let other = if actor == Actor::Supplier { Actor::Buyer } else { Actor::Supplier };
    s.fault_of(actor) || (!s.fault_of(other) && !s.fault_of(Actor::Either))
}

/// A court forum: disputes brought to, or decided by, a court — not interim measures,
/// enforcement, setting aside, or the court's power to adjust a penalty.
fn court_forum(s: &Sentence<'_>) -> bool {
    s.has(&["法院"])
        && s.has(&["管辖", "起诉", "提起诉讼", "诉讼解决", "诉至"])
        && !s.has(&["保全", "申请执行", "强制执行", "撤销", "不予执行", "仲裁协议的效力", "仲裁协议效力", "司法审查"])
}

pub static RISKS: &[Risk] = &[
    Risk {
        rule: "PRC-001",
        triggers: &[
            &[
                "价格",
                "费用",
                "服务费",
                "收费",
                "单价",
                "价款",
                "许可费",
                "费率",
                "资费",
                "合同",
                "协议",
                "条款",
                "规则",
            ],
            &[
                "调整", "变更", "修改", "上调", "提高", "上浮", "涨价", "调价", "视为", "公布", "公告", "更新", "修订",
                "补充",
            ],
        ],
        test: |s, _| {
            let unilateral = s.supplier_may(CHANGE) && s.has(PRICE) && !s.needs_consent();
            let deemed = s.has(PRICE) && s.has(CHANGE) && s.has(&["视为同意", "视为接受", "视为认可"]);
            // The contract's own terms changed by one side (服务条款以乙方最新公布的为准).
            let terms = s.supplier_may(&["修改", "变更", "调整", "更新", "修订", "补充"])
                && s.has(&["本合同", "本协议", "条款", "服务规则", "服务协议"])
                && !s.needs_consent()
                && !s.has(&["书面形式", "签字"]);
            unilateral || deemed || terms
        },
        zh: "乙方可以单方调整价格或者合同条款：合同的变更须双方协商一致；作为格式条款还可能因不合理地限制甲方主要权利而无效，并与“除本合同列明的费用外甲方无须支付其他费用”的约定冲突",
        en: "the supplier may change the price alone: a price changes only by agreement, and as a standard term this may be void",
    },
    Risk {
        rule: "SVC-002",
        triggers: &[&["中止", "暂停", "停止", "中断", "终止"], &["服务", "本系统", "使用"]],
        test: |s, _| {
            let stops = s.supplier_may(&["中止", "暂停", "停止", "中断"])
                || (s.supplier_may(&["终止"]) && s.has(&["服务"]) && !s.has(&["合同", "协议"]));
            let at_will = s.has(&[
                "随时",
                "无需事先通知",
                "无需通知",
                "无须通知",
                "不视为",
                "不构成违约",
                "任何时候",
                "自行决定",
            ]) || !s.has(&["逾期", "欠费", "未付", "未支付", "违约"]);
            stops && s.has(&["服务", "本系统", "使用"]) && at_will
        },
        zh: "乙方可以随时或者无正当理由中止、终止服务：暂停服务只应在甲方欠付无异议款项、经书面催告仍未支付时进行，并保存甲方数据、允许导出",
        en: "the supplier may suspend or stop the service at will: suspension should follow only unpaid undisputed sums, after notice",
    },
    Risk {
        rule: "SVC-003",
        triggers: &[&["功能", "模块"], &["下线", "删除", "删减", "取消", "停用", "调整", "变更", "修改"]],
        test: |s, _| {
            s.supplier_may(&["下线", "删除", "删减", "取消", "停用", "调整", "变更", "修改"])
                && s.has(&["功能", "模块"])
                && !s.needs_consent()
                && !s.has(&["不得降低", "不降低", "不影响", "不减少"])
        },
        zh: "乙方可以不经甲方同意调整或者下线系统功能：附件一所列功能是合同标的和验收依据，减少功能须双方书面同意",
        en: "the supplier may change or withdraw functions without consent: the listed functions are the subject of the contract",
    },
    Risk {
        rule: "TRM-010",
        triggers: &[&["续约", "续期", "顺延", "续签", "续订", "延续"]],
        test: |s, _| {
            s.has(&["续约", "续期", "顺延", "续签", "续订", "延续"])
                && s.has(&["上浮", "上调", "上涨", "涨价", "提高", "递增"])
                && s.has(PRICE)
                && !s.has(&["不高于", "不超过", "不得高于"])
        },
        zh: "续约价格上浮与合同续约条款（续期费用不高于最后一个服务年度的同项费用，或者另行协商）相矛盾",
        en: "a renewal price rise contradicts the renewal clause",
    },
    Risk {
        rule: "DAT-010",
        triggers: &[
            DATA,
            &[
                "归乙方",
                "属于乙方",
                "乙方所有",
                "乙方享有",
                "训练",
                "模型",
                "算法",
                "优化",
                "改进",
                "分析",
                "大数据",
                "营销",
                "推荐",
                "推广",
                "商业",
                "自身",
                "合作伙伴",
                "广告",
                "永久",
                "无偿",
                "免费",
                "任何目的",
                "不受限制",
                "自由使用",
                "无限制",
            ],
        ],
        test: |s, _| {
            let supplier_uses = s
                .supplier_may(&["用于", "使用", "利用", "处理", "分析", "推荐", "推广", "训练", "共享"])
                || s.has(&["甲方授权乙方", "甲方同意乙方", "授权乙方", "许可乙方"]);
            let own_ends = s.has(OWN_PURPOSES) && !s.forbids(OWN_PURPOSES) && !s.forbids(&["用于"]);
            // A use granted without bounds: 永久、免费、任何目的.
            let unbounded = s.has(&["永久", "无偿", "免费", "任何目的", "不受限制", "自由使用", "无限制"])
                && s.has(&["使用", "利用", "处理"])
                && !s.has(&["为履行本合同", "按甲方的指示", "仅限于"]);
            // The data themselves given to the supplier (数据的所有权属于乙方).
            let owned = s.has(&["归乙方", "属于乙方", "乙方所有", "乙方享有"])
                && s.has(&["所有权", "所有", "权属", "知识产权"]);
            s.has(DATA) && ((supplier_uses && (own_ends || unbounded)) || owned) && !s.forbids(&["使用", "利用", "归"])
        },
        zh: "乙方可以将甲方数据（含去标识化数据）用于自身目的（模型训练、产品优化、营销等）：受托人不得超出约定的目的处理个人信息，去标识化信息仍是个人信息",
        en: "the supplier may use the buyer's data (de-identified too) for its own purposes such as training or marketing",
    },
    Risk {
        rule: "ACC-005",
        triggers: &[&["验收"], &["视为", "为准", "为依据", "确认"]],
        test: |s, _| {
            let deemed_on_delivery = s.has(&["视为"])
                && s.has(&["验收"])
                && s.has(&["交付", "开通", "安装完成", "部署完成", "上线之日", "上线后"])
                && !s.has(&["验收申请", "提交验收", "申请验收"]);
            // The supplier's own test decides acceptance (以乙方出具的测试报告为准).
            let own_test = s.has(&["验收"])
                && s.has(&["以乙方", "由乙方确认", "乙方自行", "供应商出具", "以服务商"])
                && s.has(&["为准", "为依据", "视为", "确认"]);
            deemed_on_delivery || own_test
        },
        zh: "以交付或者上线起算“视为验收”，绕开了合同约定的验收申请、验收期限和整改程序",
        en: "deemed acceptance counted from delivery bypasses the agreed acceptance procedure",
    },
    Risk {
        rule: "LIA-008",
        triggers: &[
            &["违约金", "赔偿", "解除", "逾期", "延期", "迟延", "损失"],
            &["不得", "不承担", "不负", "不受", "免"],
        ],
        test: |s, _| {
            let buyer_barred = s.grants(Actor::Buyer, Modality::MustNot, &["违约金", "赔偿", "解除"]);
            let supplier_free_for_delay = s.modal(Actor::Supplier, Modality::NotLiable).next().is_some()
                && s.has(&["逾期", "延期", "迟延"])
                && !s.fault_of(Actor::Buyer)
                && !s.has(&["甲方未", "因甲方", "甲方原因", "不可抗力"]);
            let buyer_unlimited = s.has(&["甲方"])
                && s.has(&["一切损失", "全部损失", "所有损失"])
                && s.has(&["间接损失", "预期利益", "可得利益"])
                && s.has(&["不受"]);
            buyer_barred || supplier_free_for_delay || buyer_unlimited
        },
        zh: "违约责任只约束一方：甲方承担违约金或者无限责任，而乙方违约时甲方不得主张违约金、赔偿或者解除，显失公平，作为格式条款可能无效",
        en: "liability binds one side only: the buyer pays, the supplier's breach gives no remedy",
    },
    Risk {
        rule: "DSP-001",
        triggers: &[&["法院", "仲裁"]],
        test: |s, choices| {
            let both_in_one = s.has(&["仲裁"]) && court_forum(s) && s.has(&["或", "也可", "亦可"]);
            let against_arbitration = choices.forum == Forum::Arbitration && court_forum(s);
            let against_litigation = choices.forum == Forum::Litigation
                && s.has(&["仲裁委员会", "仲裁院", "仲裁中心", "申请仲裁", "提交仲裁"])
                && !s.has(&["不得", "不适用"]);
            both_in_one || against_arbitration || against_litigation
        },
        zh: "与合同选择的争议解决方式相矛盾（既约定仲裁又约定诉讼的，仲裁协议无效，即“或裁或诉”），请只保留一种",
        en: "contradicts the chosen dispute resolution (arbitration and a court both agreed voids the arbitration agreement)",
    },
    Risk {
        rule: "DSP-005",
        triggers: &[&["裁决"]],
        test: |s, _| {
            s.has(&["裁决"])
                && s.has(&["起诉", "提起诉讼", "另行诉讼", "诉至"])
                && !s.has(&["申请撤销", "撤销裁决", "撤销仲裁裁决", "不予执行", "申请执行"])
        },
        zh: "仲裁实行一裁终局，裁决作出后“可向法院起诉”与仲裁相矛盾，可能被认定为或裁或诉；对裁决的救济只有申请撤销或者不予执行",
        en: "an award is final; suing after it contradicts arbitration (only set-aside or non-enforcement)",
    },
    Risk {
        rule: "LIA-005",
        triggers: &[&["解释", "不承担任何", "概不负责", "不负任何", "不承担一切", "唯一", "全部补偿"]],
        test: |s, _| {
            let one_side_reads = s.has(&["解释"])
                && s.has(&[
                    "以乙方",
                    "归乙方",
                    "属于乙方",
                    "由乙方",
                    "乙方享有",
                    "乙方保留",
                    "乙方所有",
                    "归供应商",
                    "本公司",
                ])
                && s.has(&["为准", "所有", "享有", "保留", "归", "属于", "决定"]);
            let final_say = s.has(&["最终解释权", "最终解释"]);
            let denied = s.has(&["不享有", "均不享有", "无权", "不得"]);
            let blanket = s.has(&["不承担任何", "概不负责", "不负任何", "不承担一切"]) && supplier_exempt(s);
            let sole_remedy = s.has(&["唯一补偿", "唯一救济", "唯一的补偿", "唯一的救济", "唯一补救", "全部补偿"])
                && s.has(&["不再承担", "不承担其他", "不承担任何", "不再负"]);
            ((one_side_reads || final_say) && !denied) || blanket || sole_remedy
        },
        zh: "由一方解释合同或者一概免除一方责任：对格式条款有两种以上解释的，应作不利于提供方的解释；不合理地免除其责任、限制对方主要权利的格式条款无效",
        en: "one side interprets the contract, or is freed of all liability: such standard terms may be void",
    },
    Risk {
        rule: "LIA-009",
        triggers: &[&["不可抗力"]],
        test: |s, _| {
            s.has(&["不可抗力"])
                && s.has(&[
                    "黑客",
                    "攻击",
                    "病毒",
                    "云服务",
                    "电信",
                    "网络故障",
                    "服务器",
                    "系统故障",
                    "断网",
                    "第三方服务",
                    "机房",
                ])
                && !s.has(&["不属于", "不构成", "不视为", "不得作为", "不包括"])
        },
        zh: "把网络攻击、病毒、云服务商或者电信故障列为不可抗力：这些是乙方可以预见、可以防范的经营风险，不是不能预见、不能避免且不能克服的客观情况",
        en: "attacks, viruses and cloud or telecom outages are the supplier's foreseeable risks, not force majeure",
    },
    Risk {
        rule: "LIA-010",
        triggers: &[&["为限", "不超过", "上限"], &["责任", "赔偿"]],
        test: |s, _| {
            // A cap on liability, not on a service credit (当月抵扣总额以当月服务费为限).
            let capped = (s.modal(Actor::Supplier, Modality::LimitedTo).next().is_some() && s.has(&["责任", "赔偿"]))
                || (s.has(&["责任总额", "赔偿总额", "责任上限", "全部责任"]) && s.has(&["为限", "不超过", "上限"]));
            let small_base = s.has(&["一个月", "当月", "前一个月", "单月", "1个月", "一个季度", "当季"]);
            let universal = s.has(ANY_CASE) && !s.has(&["除下列情形外", "除外"]);
            capped && (small_base || universal) && !s.has(&["故意", "重大过失"])
        },
        zh: "赔偿上限过低或者适用于任何情况：数据泄露、侵犯知识产权、违反保密义务以及故意、重大过失造成的损失不应受上限限制，限制故意或者重大过失责任的部分无效",
        en: "a liability cap too low or applying in every case (data leaks, IP, intent and gross negligence should be outside it)",
    },
    Risk {
        rule: "LIA-004",
        triggers: &[
            &["故意", "重大过失", "人身", "伤亡", "泄露", "泄漏", "丢失"],
            &["不承担", "免", "不负", "不对", "为限", "不予赔偿", "不超过"],
        ],
        test: |s, _| {
            let own_fault = exempts_own_fault(s, Actor::Supplier)
                || exempts_own_fault(s, Actor::Buyer)
                || exempts_own_fault(s, Actor::Either);
            let injury = s.has(&["人身", "伤亡"])
                && (s.modal(Actor::Supplier, Modality::NotLiable).next().is_some()
                    || s.modal(Actor::Buyer, Modality::NotLiable).next().is_some())
                && !s.has(&["除外"]);
            let intent_only = s.has(&["故意"])
                && !s.has(&["重大过失"])
                && s.has(&["其他情形", "其他情况", "除此之外", "其余情形", "其他原因"])
                && supplier_exempt(s);
            let leaks_regardless = s.has(&["泄露", "泄漏", "丢失"])
                && s.modal(Actor::Supplier, Modality::NotLiable).next().is_some()
                && s.has(ANY_CASE)
                && !s.fault_of(Actor::Buyer);
            own_fault || injury || intent_only || leaks_regardless
        },
        zh: "免除或者限制一方因故意、重大过失造成财产损失的责任或者人身损害责任（包括只对故意负责、对数据泄露一概免责）的条款无效",
        en: "an exclusion or cap of liability for one's own intent, gross negligence or personal injury is void",
    },
    Risk {
        rule: "LIA-011",
        triggers: &[LOST_DATA_OR_PROFIT, &["不承担", "免", "不负", "不对", "为限", "不予赔偿", "不超过"]],
        test: |s, _| {
            s.modal(Actor::Supplier, Modality::NotLiable).next().is_some()
                && s.has(LOST_DATA_OR_PROFIT)
                && (s.has(&["数据丢失", "数据损失", "数据灭失"]) || s.has(ANY_CASE))
                && !s.fault_of(Actor::Buyer)
        },
        zh: "一概排除数据丢失、利润损失等损失：对CRM而言数据丢失正是最主要的损失，一概排除会使数据安全义务落空，作为格式条款可能无效",
        en: "data loss and lost profits excluded in every case: for a CRM this empties the data-security duties",
    },
    Risk {
        rule: "LIA-012",
        triggers: &[
            &["索赔", "异议", "主张", "追究", "赔偿请求"],
            &["放弃", "丧失", "不再承担", "不予受理", "不再受理", "视为接受", "视为无异议"],
        ],
        test: |s, _| {
            s.has(&["索赔", "异议", "主张", "追究", "赔偿请求"])
                && s.has(&["逾期", "超过", "届满后", "期满后", "未在"])
                && s.has(&[
                    "视为放弃",
                    "视为甲方放弃",
                    "丧失",
                    "不再承担",
                    "不予受理",
                    "不再受理",
                    "视为接受",
                    "视为无异议",
                    "放弃索赔",
                ])
        },
        zh: "约定索赔期限、逾期视为放弃：实际上缩短了法定诉讼时效，当事人对诉讼时效利益的预先放弃无效",
        en: "a claim bar (late claims forfeited) shortens the statutory limitation period",
    },
    Risk {
        rule: "LIA-007",
        triggers: &[&["诉讼时效", "起诉期限", "仲裁的期限", "诉讼的期限", "权利的期限"]],
        test: |s, _| {
            let period = s.has(&[
                "诉讼时效",
                "起诉期限",
                "提起诉讼或者申请仲裁的期限",
                "提起诉讼或申请仲裁的期限",
                "提起诉讼的期限",
                "申请仲裁的期限",
                "主张权利的期限",
            ]);
            let has_length = s.plain.chars().any(|c| {
                c.is_ascii_digit()
                    || matches!(c, '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '两' | '半')
            }) && s.has(&["年", "月", "日", "天"]);
            let statutory = s.has(&["三年", "3年"]) && (s.has(&["法律另有规定"]) || !s.has(&["缩短", "约定为"]));
            period && has_length && !statutory
        },
        zh: "约定变更诉讼时效（或者起诉、申请仲裁的期限）：诉讼时效期间由法律规定，当事人约定无效（一般为3年）",
        en: "an agreed limitation period is void; the law sets it (usually three years)",
    },
    Risk {
        rule: "LIA-003",
        triggers: &[&["违约金"]],
        test: |s, _| {
            s.has(&["违约金"])
                && (s.forbids(&["调整", "减少", "调低", "酌减", "降低", "调减"])
                    || (s.has(&["过高"]) && s.has(&["不得", "不能", "不予"])))
        },
        zh: "约定违约金不得调整或者不得以过高为由请求减少的，不影响人民法院或者仲裁机构依申请调整违约金",
        en: "a penalty declared non-reducible can still be reduced by the court or tribunal",
    },
    Risk {
        rule: "TRM-011",
        triggers: &[&["解除", "终止"], &["合同", "协议"]],
        test: |s, _| {
            s.supplier_may(&[
                "解除本合同",
                "解除合同",
                "终止本合同",
                "终止合同",
                "解除本协议",
                "终止本协议",
                "解除协议",
                "单方解除",
                "提前解除",
            ]) && !s.has(&[
                "甲方逾期",
                "甲方违约",
                "甲方未",
                "甲方严重",
                "如甲方",
                "甲方拒绝",
                "不可抗力",
                "经催告",
                "催告",
            ])
        },
        zh: "乙方可以无因解除合同：供应商的任意解除权使甲方已投入的实施和数据迁移落空，解除应限于甲方严重违约等情形",
        en: "the supplier may terminate without cause",
    },
    Risk {
        rule: "TRM-012",
        triggers: &[NOT_REFUNDED],
        test: |s, _| {
            s.has(NOT_REFUNDED)
                && s.has(&["费用", "款项", "服务费", "价款", "已支付", "已付"])
                && !s.forbids(NOT_REFUNDED)
        },
        zh: "提前终止时已付费用不予退还：与合同约定的按剩余服务期限比例退还预付费用相矛盾，作为格式条款可能无效",
        en: "prepaid fees are not refunded on early termination, against the refund clause",
    },
    Risk {
        rule: "DAT-011",
        triggers: &[
            &["委托", "分包", "外包", "交由", "转包"],
            &["关联", "第三方", "其他公司", "合作伙伴", "子公司", "母公司", "分支机构"],
        ],
        test: |s, choices| {
            let entrusts = s.has(&["委托", "转委托", "分包", "外包", "交由", "转包"])
                && s.has(&[
                    "关联公司",
                    "关联方",
                    "关联企业",
                    "第三方",
                    "其他公司",
                    "合作伙伴",
                    "子公司",
                    "母公司",
                    "分支机构",
                ]);
            let dispensed = s.has(&["无需", "无须", "不需", "不必"]) && s.has(&["同意", "许可", "确认"]);
            let may_entrust = s.supplier_may(&["委托", "转委托", "分包", "外包", "交由", "转包"]);
            let without_consent = dispensed || (may_entrust && !choices.subprocessing_allowed && !s.needs_consent());
            entrusts && without_consent && !s.forbids(&["委托", "分包", "外包", "转包"]) && s.has(&["乙方"])
        },
        zh: "乙方可以不经甲方同意把服务或者数据处理交给关联公司、第三方：与合同的转委托限制（须经甲方书面同意、列入受托处理方清单）相矛盾",
        en: "the supplier may hand the work or the data to affiliates or third parties without consent, against the sub-processing terms",
    },
    Risk {
        rule: "DAT-006",
        triggers: &[FOREIGN, &["访问", "登录", "传输", "提供", "存储", "调取", "查看", "处理", "运维", "存放"]],
        test: |s, choices| {
            const ACCESS: &[&str] = &["访问", "登录", "传输", "提供", "存储", "调取", "查看", "处理", "运维"];
            let allowed_abroad = s.supplier_may(ACCESS)
                || (s.has(&["境外访问", "向境外传输", "传输至境外", "存储于境外", "存放于境外", "境外存储"])
                    && !s.has(&["不得", "未经", "禁止"]));
            choices.mainland_storage
                && s.has(FOREIGN)
                && allowed_abroad
                && !s.forbids(ACCESS)
                && !s.has(&["不得", "未经"])
        },
        zh: "约定境内存储，却允许境外人员访问或者向境外传输甲方数据：境外访问即属个人信息出境，须经安全评估、认证或者标准合同并取得个人单独同意",
        en: "mainland storage agreed, but access from abroad allowed: that is a transfer abroad needing a legal route and consent",
    },
    Risk {
        rule: "DAT-012",
        triggers: &[AFTER_THE_END, &["保留", "留存", "保存", "存档", "继续使用"]],
        test: |s, _| {
            s.has(AFTER_THE_END)
                && s.supplier_may(&["保留", "留存", "保存", "存档", "继续使用"])
                && s.has(&["数据", "备份", "资料", "信息"])
        },
        zh: "合同终止后乙方可以保留甲方数据或者备份：与返还、删除并出具删除证明的约定相矛盾，受托人在委托关系终止后不得保留个人信息",
        en: "the supplier may keep the data or backups after the end, against return and deletion",
    },
    Risk {
        rule: "DEP-002",
        triggers: &[&["定金"], &["违约金"]],
        test: |s, _| {
            s.has(&["定金"])
                && s.has(&["违约金"])
                && s.has(&["同时", "一并", "还应", "并应", "另行支付", "并支付", "外，还"])
                && !s.has(&["不得同时", "选择适用", "二者不得", "只能选择", "择一"])
        },
        zh: "定金与违约金一并主张：约定了定金和违约金的，守约方只能选择适用其一",
        en: "earnest money and a penalty claimed together: only one of them applies",
    },
    Risk {
        rule: "DEP-003",
        triggers: &[&["订金", "订约金", "保证金", "押金", "担保金", "留置金"]],
        test: |s, _| {
            s.has(&["订金", "订约金", "保证金", "押金", "担保金", "留置金"])
                && s.has(&["担保", "罚则", "双倍返还", "不予返还", "无权要求返还", "履行本合同"])
                && !s.has(&["定金"])
        },
        zh: "使用“订金、保证金、押金”等字样而未约定定金性质的，不适用定金罚则；如需定金效力，请写明“定金”",
        en: "money called 订金/保证金 without being agreed as 定金 carries no earnest-money effect",
    },
    Risk {
        rule: "TRM-013",
        triggers: &[&["生效"], &["支付", "付款", "到账", "收到"]],
        test: |s, _| {
            s.has(&["生效"])
                && s.has(&["支付", "付款", "到账", "收到"])
                && s.has(&["之日起生效", "后生效", "时生效", "方可生效", "才生效"])
        },
        zh: "合同以付款为生效条件，而首付款又约定在合同生效后支付：合同可能永远不生效，付款义务也无从起算",
        en: "the contract takes effect on a payment that is due only once it is in effect",
    },
    Risk {
        rule: "TRM-014",
        triggers: &[&["转让", "转移"], &["合同", "协议", "权利义务", "权利和义务"]],
        test: |s, _| {
            s.supplier_may(&["转让", "转移"])
                && s.has(&["合同", "协议", "权利义务", "权利和义务"])
                && !s.needs_consent()
        },
        zh: "乙方可以不经甲方同意转让合同或者其中的权利义务：债务的转移和权利义务的一并转让须经对方同意，甲方将面对一个未经选择的供应商",
        en: "the supplier may assign the contract without the buyer's consent",
    },
    Risk {
        rule: "LIA-013",
        triggers: &[&["提示", "说明"], &["确认", "认可", "已充分理解", "已阅读"]],
        test: |s, _| {
            s.has(&["提示", "说明"])
                && s.has(&["义务", "说明", "提请"])
                && s.has(&["确认", "认可", "已充分理解", "已阅读"])
                && s.has(&["甲方"])
                && s.has(&["已"])
        },
        zh: "由甲方确认乙方已履行提示和说明义务：格式条款的提示说明义务要以明显标识和实际说明来履行，提供方对此负举证责任，一句概括的确认不能证明已经履行",
        en: "a boilerplate acknowledgement that the drafter explained its standard terms proves nothing",
    },
    Risk {
        rule: "LIA-001",
        triggers: &[&["违约金"]],
        test: |s, _| s.has(&["违约金"]) && percentages(&s.plain).any(|p| p > 30),
        zh: "违约金可能过分高于造成的损失（一般以超过损失的30%为过高），存在被人民法院或者仲裁机构调减的风险",
        en: "a penalty that may be excessive (over 30 % of the loss), liable to be reduced",
    },
];

/// Whole percentages written in a text: 50%, 50％, 百分之五十.
fn percentages(text: &str) -> impl Iterator<Item = u32> + '_ {
    let digits = text.char_indices().filter(|(_, c)| *c == '%' || *c == '％').filter_map(move |(at, _)| {
        let number: String =
            text[..at].chars().rev().take_while(char::is_ascii_digit).collect::<Vec<_>>().into_iter().rev().collect();
        number.parse().ok()
    });
    let words = text.match_indices("百分之").filter_map(move |(at, word)| {
        let rest: String =
            text[at + word.len()..].chars().take_while(|c| "零一二三四五六七八九十百".contains(*c)).collect();
        small_chinese_number(&rest)
    });
    digits.chain(words)
}

/// 五十 → 50, 三十五 → 35, 一百 → 100: the numbers a percentage is written with.
fn small_chinese_number(text: &str) -> Option<u32> {
    const DIGITS: &str = "零一二三四五六七八九";
    let digit = |c: char| DIGITS.chars().position(|d| d == c).and_then(|p| u32::try_from(p).ok());
    let chars: Vec<char> = text.chars().collect();
    match chars.as_slice() {
        ['一', '百'] => Some(100),
        ['十'] => Some(10),
        [d] => digit(*d),
        ['十', u] => Some(10 + digit(*u)?),
        [t, '十'] => Some(digit(*t)? * 10),
        [t, '十', u] => Some(digit(*t)? * 10 + digit(*u)?),
        _ => None,
    }
}

/// Every free-text value of the draft — long fields, one-line fields and list cells — with
/// where it is.
pub fn free_texts(draft: &Draft) -> Vec<(At, &str)> {
    texts_with_cells(draft, |kind| matches!(kind, Kind::Long | Kind::Text))
}

/// The values a clause can be written in: every long or one-line field, and the multi-line
/// cells of lists (a module's description, a phase's tasks) — not the one-line labels of a
/// row (a module's or a milestone's name), which hold no clause and would double the work on a
/// draft of 100,000 modules.
fn clause_texts(draft: &Draft) -> Vec<(At, &str)> {
    texts_with_cells(draft, |kind| matches!(kind, Kind::Long))
}

/// Every long and one-line field's text, and the list cells whose kind `cell` admits.
fn texts_with_cells(draft: &Draft, cell: impl Fn(Kind) -> bool) -> Vec<(At, &str)> {
    let mut texts = Vec::new();
    for (_, field) in schema::all_fields() {
        match field.kind {
            Kind::Long | Kind::Text => {
                if let Some(text) = draft.text(field.path) {
                    texts.push((At::Field(field.path), text));
                }
            }
            Kind::List(spec) => {
                for (row, cells) in draft.rows(field.path).iter().enumerate() {
                    for column in spec.columns.iter().filter(|c| cell(c.kind)) {
                        if let Some(text) = cells.get(column.path).and_then(cell_text) {
                            texts.push((At::Cell { list: field.path, row, column: column.path }, text));
                        }
                    }
                }
            }
            _ => {}
        }
    }
    texts
}

/// The parties' names as the draft has them.
pub fn names(draft: &Draft) -> Names<'_> {
    Names { buyer: draft.text("parties.buyer.name"), supplier: draft.text("parties.supplier.name") }
}

pub use super::search::Search;

/// The risks a text holds: each rule once, at its first sentence.
pub fn scan<'a>(text: &'a str, names: &Names<'_>, choices: &Choices) -> Vec<(&'static Risk, &'a str)> {
    scan_with(text, names, choices, Search::EachWord)
}

/// [`scan`], with the trigger words looked for as `search` says (the automaton for many texts).
pub fn scan_with<'a>(
    text: &'a str,
    names: &Names<'_>,
    choices: &Choices,
    search: Search,
) -> Vec<(&'static Risk, &'a str)> {
    let mut found: Vec<(&'static Risk, &'a str)> = Vec::new();
    // A risk's test reads one sentence and cannot be true without its trigger words, so a
    // sentence is analysed only for the risks whose words it holds (most hold none).
    for piece in clause::pieces(text) {
        let mask = triggers::candidates(piece, search);
        if mask == 0 {
            continue;
        }
        let sentence = clause::analyse(piece, names);
        for risk in RISKS.iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, r)| r) {
            if !found.iter().any(|(r, _)| r.rule == risk.rule) && (risk.test)(&sentence, choices) {
                found.push((risk, sentence.text));
            }
        }
    }
    found
}

/// Who bears a finding's risk: the text rules guard the buyer against a vendor's paper; a
/// void term, a broken mechanism or an excessive penalty is everyone's (`None`).
pub fn risk_to(finding: &Finding) -> Option<Actor> {
    if finding.severity == super::Severity::Error {
        return None;
    }
    match finding.rule {
        "LIA-001" | "LIA-003" | "DEP-002" | "DEP-003" | "TRM-013" | "LIA-013" => None,
        _ => Some(Actor::Buyer),
    }
}

impl Risk {
    /// The finding of this risk at a field (or "document"), quoting the sentence and saying
    /// whose risk it is.
    pub fn finding(&self, field: impl Into<String>, sentence: &str) -> Finding {
        let mut finding = Finding::of(
            self.rule,
            field,
            format!("“{sentence}”：{}。", self.zh),
            format!("“{sentence}”: {}.", self.en),
        )
        .quoting(sentence);
        let (zh, en) = whose(&finding);
        finding.message.insert_str(0, zh);
        finding.message_en.insert_str(0, en);
        finding
    }
}

/// The words that say whose risk a finding is, as it opens the message.
fn whose(finding: &Finding) -> (&'static str, &'static str) {
    match risk_to(finding) {
        Some(Actor::Buyer) => ("（甲方风险）", "(buyer's risk) "),
        Some(Actor::Supplier) => ("（乙方风险）", "(supplier's risk) "),
        _ => ("（双方风险）", "(both sides' risk) "),
    }
}

pub(super) fn check(draft: &Draft, findings: &mut Vec<Finding>) {
    let names = names(draft);
    let choices = Choices::of(draft);
    let texts = clause_texts(draft);
    let search = Search::for_texts(texts.len());
    for (at, text) in texts {
        for (risk, sentence) in scan_with(text, &names, &choices, search) {
            findings.push(risk.finding(at.path(), sentence));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(text: &str) -> Vec<&'static str> {
        rules_with(text, Choices { forum: Forum::Arbitration, mainland_storage: true, ..Choices::default() })
    }

    fn rules_with(text: &str, choices: Choices) -> Vec<&'static str> {
        let names = Names {
            buyer: Some("杭州悦购电子商务有限公司"), supplier: Some("上海云策信息科技有限公司")
        };
        let each: Vec<&'static str> = scan(text, &names, &choices).into_iter().map(|(r, _)| r.rule).collect();
        let automaton: Vec<&'static str> =
            scan_with(text, &names, &choices, Search::Automaton).into_iter().map(|(r, _)| r.rule).collect();
        assert_eq!(each, automaton, "both searches find the same: {text}");
        each
    }

    /// Wordings of each risk that the development corpus does not use: the rules must hold
    /// for the meaning.
    #[test]
    fn paraphrases_of_each_risk_are_found() {
        let cases: &[(&str, &str)] = &[
            ("PRC-001", "服务商有权视运营情况上调年度服务费，上调后的费用自通知之日起执行。"),
            ("PRC-001", "本公司可随时修改收费标准，客户继续使用即视为接受新的费用。"),
            ("SVC-002", "乙方可以在任何时候暂停本系统的全部服务，且不承担违约责任。"),
            ("SVC-003", "供应商可以根据产品规划删减系统模块，无须甲方同意。"),
            ("TRM-010", "合同到期自动续期的，次年的订阅费用按上年度递增10%。"),
            ("DAT-010", "甲方授权乙方将经汇总的客户信息用于乙方大数据产品的开发与营销。"),
            ("ACC-005", "系统开通后15日内甲方未提出书面问题清单的，视为验收通过。"),
            ("LIA-008", "乙方迟延交付的，不承担逾期违约责任；甲方不得因此解除本合同。"),
            ("DSP-001", "本合同争议由甲方所在地人民法院管辖。"),
            ("DSP-005", "任何一方对裁决不满意的，可另行向有管辖权的法院提起诉讼。"),
            ("LIA-005", "本协议的解释权属于乙方。"),
            ("LIA-005", "乙方保留对本合同的最终解释和修改的权利。"),
            ("LIA-005", "服务费减免是甲方就服务中断可获得的全部补偿，乙方不再承担其他责任。"),
            ("LIA-009", "因机房断电、服务器宕机或遭受网络攻击等不可抗力造成服务中断的，乙方免于承担责任。"),
            ("LIA-010", "乙方的赔偿总额在任何情况下均不超过甲方已支付的当月费用。"),
            ("LIA-004", "乙方对因其重大过失造成的数据泄露免于承担责任。"),
            ("LIA-004", "乙方不对任何人身伤害负责。"),
            ("LIA-011", "对于数据丢失或者损坏，乙方一律不予赔偿，也不承担任何间接损失。"),
            ("LIA-012", "甲方未在验收后三个月内提出赔偿请求的，视为放弃索赔。"),
            ("LIA-007", "双方同意诉讼时效缩短至一年。"),
            ("LIA-003", "违约金一经约定，任何一方均不得请求调整。"),
            ("TRM-011", "乙方可以提前十五日通知甲方终止本合同。"),
            ("TRM-012", "无论何种原因解除本合同，甲方已付款项均不予退还。"),
            ("DAT-011", "乙方可将数据存储和运维工作交由其子公司承担，无需另行征得甲方同意。"),
            ("DAT-006", "乙方设在香港的技术团队可以调取甲方数据进行故障排查。"),
            ("DAT-012", "合同到期后，乙方可以继续保存甲方业务数据五年。"),
            ("DEP-002", "甲方违约的，乙方有权没收定金，并同时要求甲方支付违约金。"),
            ("DEP-003", "甲方应向乙方交付保证金五万元作为履行本合同的担保，甲方违约的，保证金不予返还。"),
            ("TRM-013", "本合同在乙方收到甲方支付的首期款后生效。"),
            ("LIA-001", "甲方提前解除本合同的，应向乙方支付合同总价百分之四十的违约金。"),
            ("DAT-010", "甲方授权乙方永久、免费使用甲方数据。"),
            ("DAT-010", "甲方使用本系统产生的统计数据，其所有权属于乙方。"),
            ("PRC-001", "乙方有权不时修订本协议条款，修订后的条款在官网公布后即生效。"),
            ("ACC-005", "验收以乙方出具的测试报告为准。"),
            ("TRM-014", "乙方可以将本合同项下的权利义务转让给其关联公司，只需通知甲方。"),
            ("LIA-013", "甲方确认，乙方已就本合同全部条款履行了提示和说明义务。"),
        ];
        for (rule, text) in cases {
            assert!(rules(text).contains(rule), "{rule} missed: {text} (found {:?})", rules(text));
        }
    }

    /// Lawful sentences that share words with the risky ones.
    /// The trigger words only skip work: over every sentence of the development corpus and
    /// the vendor paper, read under every forum and storage, a risk whose test is true of a sentence has
    /// a word of each of its groups in that sentence.
    #[test]
    fn no_risk_is_true_of_a_sentence_without_its_trigger_words() {
        fn strings(value: &serde_json::Value, into: &mut Vec<String>) {
            match value {
                serde_json::Value::String(text) => into.push(text.clone()),
                serde_json::Value::Array(items) => items.iter().for_each(|v| strings(v, into)),
                serde_json::Value::Object(map) => map.values().for_each(|v| strings(v, into)),
                _ => {}
            }
        }
        let corpus: serde_json::Value =
            serde_json::from_str(include_str!("../../tests/fixtures/corpus/review-dev.json")).unwrap_or_default();
        let mut texts = vec![include_str!("../../tests/fixtures/review/vendor-paper.txt").to_string()];
        strings(&corpus, &mut texts);
        assert!(texts.len() > 100, "the corpus was read");
        let names = Names {
            buyer: Some("杭州悦购电子商务有限公司"), supplier: Some("上海云策信息科技有限公司")
        };
        let mut true_somewhere = 0;
        let forums = [Forum::Arbitration, Forum::Litigation, Forum::Unknown];
        for (forum, mainland_storage) in forums.into_iter().flat_map(|f| [(f, true), (f, false)]) {
            let choices = Choices { forum, mainland_storage, subprocessing_allowed: !mainland_storage };
            for piece in texts.iter().flat_map(|t| clause::pieces(t)) {
                let sentence = clause::analyse(piece, &names);
                let plain: String = piece.chars().filter(|c| !c.is_whitespace()).collect();
                for risk in RISKS.iter().filter(|risk| (risk.test)(&sentence, &choices)) {
                    true_somewhere += 1;
                    for group in risk.triggers {
                        assert!(
                            group.iter().any(|w| plain.contains(w)),
                            "{}: {group:?} missing from {piece}",
                            risk.rule
                        );
                    }
                }
            }
        }
        assert!(true_somewhere > 30, "the corpus holds risks: {true_somewhere}");
    }

    #[test]
    fn lawful_look_alikes_are_left_alone() {
        let clean = [
            "仲裁前或者仲裁过程中，任何一方均可依法向人民法院申请财产保全、证据保全或者行为保全。",
            "一方不服仲裁裁决的，可以依法向仲裁委员会所在地的中级人民法院申请撤销裁决。",
            "仲裁裁决生效后，当事人可以向被执行人住所地或者被执行的财产所在地的中级人民法院申请执行。",
            "乙方人员在甲方场所提供现场服务时发生人身损害的，由乙方依法承担用人单位责任，甲方不承担责任，但因甲方过错造成的除外。",
            "诉讼时效期间为三年，自权利人知道或者应当知道权利受到损害以及义务人之日起计算，法律另有规定的除外。",
            "任何一方均不享有本合同的最终解释权；对条款理解有争议的，依照《中华人民共和国民法典》第四百六十六条确定其含义。",
            "违约金低于造成的损失的，守约方可以请求人民法院或者仲裁机构予以增加。",
            "因甲方故意或者重大过失导致的损失，乙方不承担责任。",
            "经甲方书面同意，乙方可以调整服务价格。",
            "乙方不得将甲方数据用于训练任何算法模型。",
            "网络攻击、计算机病毒以及云服务商的故障不构成乙方的不可抗力。",
            "甲方逾期付款超过30日、经书面催告仍未支付的，乙方可以暂停提供本服务。",
            "甲方未按约定提供配合导致实施延误的，实施期限相应顺延，乙方不因此承担逾期责任。",
            "本合同终止后，乙方不得保留甲方数据。",
            "对方可以选择适用违约金条款或者定金条款，但二者不得同时适用。",
            "未经甲方书面同意，乙方不得允许境外主体访问甲方数据。",
            "本合同自双方签字盖章之日起生效。",
            "乙方未按约定开具发票的，甲方有权相应顺延付款。",
            "月可用率每低于承诺值0.1个百分点，乙方按当月服务费的5%予以抵扣，当月抵扣总额以当月服务费为限。",
            "经双方协商一致，可以书面形式修改本合同条款。",
            "甲方数据归甲方所有，乙方不得主张任何权利。",
            "验收合格以甲方签署的书面验收合格证明为准。",
            "未经对方书面同意，任何一方不得将本合同项下的权利义务转让给第三人。",
        ];
        for text in clean {
            assert!(rules(text).is_empty(), "{text} drew {:?}", rules(text));
        }
    }

    #[test]
    fn a_court_sentence_clashes_only_with_arbitration() {
        let text = "因本合同发生的争议，由甲方住所地有管辖权的人民法院管辖。";
        assert!(rules(text).contains(&"DSP-001"));
        let litigation = Choices { forum: Forum::Litigation, ..Choices::default() };
        assert!(!rules_with(text, litigation).contains(&"DSP-001"));
        assert!(rules_with("争议提交上海国际仲裁中心仲裁。", litigation).contains(&"DSP-001"));
    }

    #[test]
    fn percentages_in_figures_and_words() {
        assert_eq!(percentages("按50%支付，另付百分之四十").collect::<Vec<_>>(), [50, 40]);
    }
}
