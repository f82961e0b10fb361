//! Step 9 · 争议解决: negotiation first, then exactly one of arbitration (a named
//! commission) or litigation (a court connected to the dispute), and the governing law.

use super::{Field, Kind, Preset, Preview, Section, bi, choice};
use crate::draft::Draft;

fn arbitration(draft: &Draft) -> bool {
    draft.text("disputes.method") == Some("arbitration")
}

fn litigation(draft: &Draft) -> bool {
    draft.text("disputes.method") == Some("litigation")
}

pub(super) static SECTION: Section = Section {
    id: "disputes",
    title: bi("争议解决", "Disputes"),
    preview: Preview::From("disputes"),
    intro: bi(
        "先协商；协商不成的，仲裁或诉讼只能二选一，并写明仲裁机构或管辖法院。",
        "Negotiate first; then arbitration or litigation, exactly one, with the commission or the court named.",
    ),
    is_step: true,
    shown_in: None,
    fields: &[
        Field::new("disputes.negotiation_days", Kind::Int { min: 1 }, "协商期限（日）", "Negotiate for (days)")
            .required()
            .preset(Preset::Str("30"))
            .help("争议发生后先友好协商N日。", "Days of negotiation before going further."),
        Field::new(
            "disputes.method",
            Kind::Choice(&[
                super::choice("arbitration", "仲裁", "Arbitration"),
                super::choice("litigation", "诉讼", "Litigation"),
            ]),
            "争议解决方式",
            "Method",
        )
        .required()
        .help(
            "只能选择一种：既约定仲裁又约定诉讼的，仲裁协议无效。",
            "Exactly one: both together void the arbitration clause.",
        ),
        Field::new("disputes.arbitration_commission", Kind::Text, "仲裁委员会", "Arbitration commission")
            .required()
            .when(arbitration)
            .help("写明仲裁机构全称，如“上海国际仲裁中心”。", "The commission's full name, e.g. 上海国际仲裁中心."),
        Field::new(
            "disputes.court",
            Kind::Choice(&[
                choice("buyer_domicile", "甲方住所地有管辖权的人民法院", "Court of the buyer's domicile"),
                choice("supplier_domicile", "乙方住所地有管辖权的人民法院", "Court of the supplier's domicile"),
                choice("signing_place", "合同签订地有管辖权的人民法院", "Court of the place of signing"),
                choice("performance_place", "合同履行地有管辖权的人民法院", "Court of the place of performance"),
            ]),
            "管辖法院",
            "Court",
        )
        .required()
        .when(litigation)
        .help("只能选择与争议有实际联系的地点（民事诉讼法第三十五条）。", "Only a place connected to the dispute."),
        Field::new("disputes.governing_law", Kind::Text, "适用法律", "Governing law")
            .required()
            .preset(Preset::Str(
                "中华人民共和国法律（为本合同之目的，不包括香港特别行政区、澳门特别行政区和台湾地区法律）",
            ))
            .help("一般为中华人民共和国法律。", "Usually the law of the PRC."),
    ],
};
