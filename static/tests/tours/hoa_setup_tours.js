/**
 * Back-office set-up flows, run in Chinese by tests/test_setup_tours.py: open
 * the menu, 新建, type into each dropdown and pick, save, press the buttons.
 * Selectors use field names and classes; only record data is matched by text.
 */
import { registry } from "@web/core/registry";
import { pageSettled } from "@hoa_committee/../tests/tours/hoa_tour_steps";

const tours = registry.category("web_tour.tours");

/** Type ``text`` into the many2one (or many2many tags) ``name`` and pick ``pick``. */
function pick(name, text, choice = text, scope = "") {
    return [
        {
            content: `Type ${text} into ${name}`,
            trigger: `${scope} .o_field_widget[name=${name}] input`,
            run: `edit ${text}`,
        },
        {
            content: `Pick ${choice}`,
            trigger: `.o-autocomplete--dropdown-item:contains(${choice})`,
            run: "click",
        },
    ];
}

function fill(name, text, tag = "input") {
    return {
        content: `Fill ${name}`,
        trigger: `.o_field_widget[name=${name}] ${tag}`,
        run: `edit ${text}`,
    };
}

function choose(name, value, scope = "") {
    return {
        content: `Choose ${value} in ${name}`,
        trigger: `${scope} .o_field_widget[name=${name}] select`,
        run: `select "${value}"`,
    };
}

const create = [
    {
        content: "新建",
        trigger: ".o_control_panel_main_buttons .o_list_button_add",
        run: "click",
    },
    {
        trigger: ".o_form_view .o_form_editable",
    },
];

const save = [
    {
        content: "Save",
        trigger: ".o_form_button_save",
        run: "click",
    },
    {
        trigger: ".o_form_saved",
    },
];

function press(button) {
    return {
        content: `Press ${button}`,
        trigger: `.o_form_statusbar button[name=${button}]`,
        run: "click",
    };
}

tours.add("hoa_setup_contact", {
    steps: () => [
        ...create,
        ...pick("community_id", "亮马", "亮马河南岸家园"),
        ...pick("committee_id", "第一届", "第一届业主委员会"),
        choose("method", "phone"),
        ...pick("user_id", "赵", "赵专员"),
        ...pick("member_ids", "张建国"),
        fill("summary", "电话沟通三号楼外墙维修方案，主任同意下周公示。", "textarea"),
        ...save,
        pageSettled(),
    ],
});

tours.add("hoa_setup_notice_approve", {
    steps: () => [
        ...create,
        fill("title", "停水通知"),
        ...pick("community_id", "亮马", "亮马河南岸家园"),
        ...pick("requested_by_id", "李秀英"),
        fill("date_from", "+0"),
        fill("date_to", "+7"),
        fill("location", "各楼栋大堂公告栏"),
        ...save,
        press("action_approve"),
        {
            content: "The notice is posted, and I am its reviewer",
            trigger: ".o_field_widget[name=reviewer_id]:contains(王经理)",
        },
        pageSettled(),
    ],
});

tours.add("hoa_setup_notice_reject", {
    steps: () => [
        ...create,
        fill("title", "业委会选举结果公告"),
        ...pick("community_id", "浦东", "浦东滨江苑"),
        fill("date_from", "+1"),
        fill("date_to", "+10"),
        fill("reject_reason", "公告须加盖业委会印章后再张贴。", "textarea"),
        ...save,
        press("action_reject"),
        {
            content: "The notice is rejected",
            trigger:
                ".o_statusbar_status button.o_arrow_button_current[data-value=rejected]",
        },
        pageSettled(),
    ],
});

const members = [
    ["陈一鸣", "chair"],
    ["刘思远", "vice_chair"],
    ["杨静", "member"],
    ["黄海", "member"],
    ["周敏", "member"],
];

tours.add("hoa_setup_committee", {
    steps: () => [
        ...create,
        fill("name", "第一届业主委员会（二期）"),
        ...pick("community_id", "二期", "亮马二期"),
        fill("election_date", "2026-11-01"),
        fill("term_start", "2026-11-02"),
        fill("term_end", "2031-11-01"),
        ...members.flatMap(([name, role]) => [
            {
                content: `Add member ${name}`,
                trigger: "div[name=member_ids] .o_field_x2many_list_row_add a",
                run: "click",
            },
            ...pick("partner_id", name, name, "div[name=member_ids] .o_selected_row"),
            choose("role", role, "div[name=member_ids] .o_selected_row"),
        ]),
        ...save,
        press("action_activate"),
        {
            content: "The committee is active",
            trigger:
                ".o_statusbar_status button.o_arrow_button_current[data-value=active]",
        },
        pageSettled(),
    ],
});

const lines = [
    ["fund_opening", "维修资金期初余额", "120000"],
    ["fee_income", "物业费收入", "356000"],
    ["operating_cost", "保洁绿化支出", "98000"],
];

tours.add("hoa_setup_disclosure", {
    steps: () => [
        ...create,
        ...pick("community_id", "亮马", "亮马河南岸家园"),
        fill("date_from", "2026-07-01"),
        fill("date_to", "2026-09-30"),
        ...lines.flatMap(([category, name, amount]) => [
            {
                content: `Add line ${name}`,
                trigger: "div[name=line_ids] .o_field_x2many_list_row_add a",
                run: "click",
            },
            choose("category", category, "div[name=line_ids] .o_selected_row"),
            {
                trigger:
                    "div[name=line_ids] .o_selected_row .o_field_widget[name=name] input",
                run: `edit ${name}`,
            },
            {
                trigger:
                    "div[name=line_ids] .o_selected_row .o_field_widget[name=amount] input",
                run: `edit ${amount}`,
            },
        ]),
        ...save,
        press("action_publish"),
        {
            content: "Not reviewed by the committee: the head gives the reason",
            trigger: ".modal div[name=reason] textarea",
            run: "edit 业委会在约定时间内未回复，先行公示",
        },
        {
            content: "Publish",
            trigger: ".modal-footer button[name=action_publish]",
            run: "click",
        },
        {
            content: "The statement is published",
            trigger:
                ".o_statusbar_status button.o_arrow_button_current[data-value=published]",
        },
        pageSettled(),
    ],
});

tours.add("hoa_setup_workday_exception", {
    steps: () => [
        {
            content: "Ungroup the days, to enter one in the list",
            trigger: ".o_searchview_facet .o_facet_remove",
            run: "click",
        },
        {
            trigger: ".o_list_view:not(:has(.o_group_header))",
        },
        {
            content: "新建",
            trigger: ".o_control_panel_main_buttons .o_list_button_add",
            run: "click",
        },
        ...pick("calendar_id", "中国", "中国大陆法定工作日历", ".o_selected_row"),
        {
            trigger: ".o_selected_row .o_field_widget[name=date] input",
            run: "edit 2026-12-28",
        },
        choose("kind", "holiday", ".o_selected_row"),
        {
            trigger: ".o_selected_row .o_field_widget[name=name] input",
            run: "edit 小区停电检修调休",
        },
        {
            content: "Save",
            trigger: ".o_list_button_save",
            run: "click",
        },
        {
            trigger: ".o_data_row:contains(小区停电检修调休):not(.o_selected_row)",
        },
        pageSettled(),
    ],
});

tours.add("hoa_setup_community", {
    steps: () => [
        {
            content: "The estates",
            trigger: ".o_kanban_view, .o_list_view",
        },
        {
            content: "新建",
            trigger:
                ".o_control_panel_main_buttons .o-kanban-button-new, .o_control_panel_main_buttons .o_list_button_add",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_form_editable",
        },
        fill("name", "望京花园"),
        fill("code", "WJ-01"),
        fill("address", "北京市朝阳区望京街道"),
        ...pick("workday_calendar_id", "中国", "中国大陆法定工作日历"),
        ...pick("developer_partner_id", "华远", "华远地产"),
        ...pick("manager_id", "王经理"),
        ...pick("staff_ids", "赵专员"),
        ...save,
        pageSettled(),
    ],
});
