/**
 * Mediations and the committee's review of the income and expenditure
 * statement, run in Chinese by tests/test_mediation_tours.py.
 */
import { registry } from "@web/core/registry";
import { pageSettled } from "@hoa_committee/../tests/tours/hoa_tour_steps";

const tours = registry.category("web_tour.tours");

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

function press(button) {
    return {
        content: `Press ${button}`,
        trigger: `.o_form_statusbar button[name=${button}]:visible`,
        run: "click",
    };
}

function tab(name) {
    return {
        content: `Open the ${name} tab`,
        trigger: `.o_notebook_headers a[name=${name}]`,
        run: "click",
    };
}

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

tours.add("hoa_mediation_disagreement", {
    steps: () => [
        {
            content: "新建",
            trigger: ".o_control_panel_main_buttons .o_list_button_add",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_form_editable",
        },
        {
            content: "A disagreement between the centre and the committee",
            trigger: ".o_field_widget[name=kind] select",
            run: 'select "disagreement"',
        },
        {
            content: "Subject",
            trigger: ".o_field_widget[name=subject] input",
            run: "edit 地面停车收费标准分歧",
        },
        ...pick("community_id", "亮马", "亮马河南岸家园"),
        tab("parties"),
        {
            content: "Add a party",
            trigger: "div[name=party_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        ...pick(
            "partner_id",
            "张建国",
            "张建国",
            "div[name=party_ids] .o_selected_row"
        ),
        {
            content: "The committee's side",
            trigger:
                "div[name=party_ids] .o_selected_row .o_field_widget[name=role] select",
            run: 'select "committee"',
        },
        tab("steps"),
        {
            content: "Add a step",
            trigger: "div[name=step_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "What was done",
            trigger:
                "div[name=step_ids] .o_selected_row .o_field_widget[name=name] textarea",
            run: "edit 服务中心与业委会主任会谈，核对周边小区收费标准",
        },
        tab("outcome"),
        {
            content: "The outcome",
            trigger: ".o_field_widget[name=outcome] .odoo-editor-editable",
            run: "editor 双方同意按每月150元执行，试行半年",
        },
        ...save,
        press("action_resolve"),
        {
            content: "Confirm",
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The mediation is resolved",
            trigger:
                ".o_statusbar_status button.o_arrow_button_current[data-value=resolved]",
        },
        pageSettled(),
    ],
});

tours.add("hoa_statement_submit_and_publish", {
    steps: () => [
        press("action_submit_review"),
        {
            content: "Sent to the committee",
            trigger: ".o_form_statusbar:not(:has(button[name=action_submit_review]))",
        },
        press("action_publish"),
        {
            content: "Not confirmed: the head gives the reason",
            trigger: ".modal div[name=reason] textarea",
            run: "edit 业委会在约定的5个工作日内未答复",
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

tours.add("hoa_portal_statement_review", {
    steps: () => [
        {
            content: "The statement asks for the committee's review",
            trigger: ".o_hoa_disclosure_review textarea[name=text]",
            run: "edit 人员工资一项请注明在岗人数",
        },
        {
            content: "Send the comment",
            trigger: ".o_hoa_disclosure_review .o_hoa_review_comment",
            run: "click",
        },
        {
            content: "The comment is recorded",
            trigger: ".o_hoa_success",
        },
        pageSettled(),
    ],
});
