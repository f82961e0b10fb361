//! Step 5 · 实施计划: dates, phases with tasks and deliverables, data migration, and what
//! the buyer must provide.

use super::{Field, Kind, ListSpec, Preset, Preview, Section, bi, choice};
use crate::draft::Draft;

fn migrates_data(draft: &Draft) -> bool {
    draft.flag("implementation.data_migration") == Some(true)
}

static PHASES: ListSpec = ListSpec {
    min_rows: 1,
    columns: &[
        Field::new("name", Kind::Text, "阶段", "Phase")
            .required()
            .help("如项目启动、数据迁移。", "E.g. kick-off, data migration."),
        Field::new("start", Kind::Date, "开始日期", "Start").required().help("格式 2026-12-01。", "As 2026-12-01."),
        Field::new("end", Kind::Date, "结束日期", "End").required().help("不得早于开始日期。", "Not before the start."),
        Field::new("tasks", Kind::Long, "任务", "Tasks")
            .required()
            .help("该阶段要完成的工作。", "The work of this phase."),
        Field::new("deliverables", Kind::Long, "交付物", "Deliverables")
            .required()
            .help("该阶段结束时交付的成果。", "What is handed over at its end."),
        Field::new(
            "owner",
            Kind::Choice(&[
                choice("supplier", "乙方", "Supplier"),
                choice("buyer", "甲方", "Buyer"),
                choice("both", "双方", "Both"),
            ]),
            "责任方",
            "Owner",
        )
        .required()
        .help("谁负责该阶段。", "Who is responsible."),
    ],
};

pub(super) static SECTION: Section = Section {
    id: "implementation",
    title: bi("实施计划", "Implementation"),
    preview: Preview::From("implementation"),
    intro: bi(
        "写清实施的时间安排、各阶段的任务和交付物，以及甲方需要配合的事项。",
        "Dates, each phase's tasks and deliverables, and what the buyer must provide.",
    ),
    is_step: true,
    shown_in: None,
    fields: &[
        Field::new("implementation.start_date", Kind::Date, "实施开始日期", "Start date")
            .required()
            .help("格式 2026-12-01。", "As 2026-12-01."),
        Field::new("implementation.go_live_date", Kind::Date, "上线日期", "Go-live date")
            .required()
            .help("系统正式上线运行的日期，晚于开始日期。", "When the system goes live; after the start."),
        Field::new("implementation.project_manager", Kind::Text, "乙方项目经理", "Supplier's project manager").help(
            "乙方指派的项目经理姓名；更换须经甲方同意。可留空，乙方在实施开始前书面告知。",
            "The supplier's project manager by name; replacing them needs the buyer's consent. May be left empty.",
        ),
        Field::new("implementation.phases", Kind::List(&PHASES), "实施阶段", "Phases")
            .required()
            .preset(Preset::Rows(&[
                &[
                    ("name", "项目启动"),
                    ("tasks", "组建双方项目团队，开展需求调研，编制项目计划与项目文档。"),
                    ("deliverables", "项目计划书、需求规格说明书"),
                    ("owner", "both"),
                ],
                &[
                    ("name", "安装与配置"),
                    ("tasks", "开通或安装系统，按需求完成参数、权限和流程配置，确保系统正常运行。"),
                    ("deliverables", "系统配置说明、测试报告"),
                    ("owner", "supplier"),
                ],
                &[
                    ("name", "数据迁移"),
                    ("tasks", "将甲方原有客户数据清洗后准确无误地迁移至新系统，并由双方核对。"),
                    ("deliverables", "数据迁移报告、数据核对记录"),
                    ("owner", "both"),
                ],
                &[
                    ("name", "培训"),
                    ("tasks", "对甲方管理员和业务人员进行操作培训。"),
                    ("deliverables", "培训材料、培训签到记录"),
                    ("owner", "supplier"),
                ],
                &[
                    ("name", "上线试运行"),
                    ("tasks", "系统正式上线并试运行，乙方驻场或远程保障，及时处理问题。"),
                    ("deliverables", "上线确认单、试运行报告"),
                    ("owner", "both"),
                ],
            ]))
            .help(
                "项目启动、安装与配置、数据迁移、培训、上线试运行……",
                "Kick-off, installation, migration, training, go-live...",
            ),
        Field::new("implementation.data_migration", Kind::Bool, "需要数据迁移", "Data migration")
            .required()
            .preset(Preset::Bool(true))
            .help("是否将原有客户数据迁入新系统。", "Is existing customer data moved into the new system."),
        Field::new("implementation.migration_scope", Kind::Long, "数据迁移范围", "Migration scope")
            .required()
            .when(migrates_data)
            .help("数据来源、记录数量、由谁清洗数据。", "Sources, record counts, who cleans the data."),
        Field::new("implementation.buyer_duties", Kind::Long, "甲方配合事项", "Buyer's duties").required().help(
            "甲方需提供的环境、人员、资料及期限，写成完整的句子，如“甲方应在实施开始前指定项目负责人一名；……”。",
            "What the buyer provides (environment, people, material) and by when, as a whole sentence.",
        ),
    ],
};
