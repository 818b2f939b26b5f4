/** @odoo-module **/
/* The committee's evaluation of the service centre and the repair plan, in
 * Chinese (tests/test_evaluation_tours.py): a member fills the evaluation on
 * the portal and submits it, another member signs; the head opens an
 * evaluation and presents a repair plan; the quality department reads the
 * results. Selectors use field names, classes and record data. */

import { registry } from "@web/core/registry";
import { pageSettled } from "@hoa_committee/../tests/tours/hoa_tour_steps";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

const tours = registry.category("web_tour.tours");

const SCORES = {
    housekeeping: 4,
    engineering: 2,
    security: 5,
    cleaning: 4,
    greening: 3,
    customer_service: 4,
    liaison: 5,
};

function openApp() {
    return [
        stepUtils.showAppsMenuItem(),
        {
            content: "open the Owners' Committees app",
            trigger: ".o_app[data-menu-xmlid='hoa_committee.hoa_menu_root']",
            run: "click",
        },
    ];
}

function openMenu(section, item) {
    return [
        {
            content: "open the section menu",
            trigger: `.o_menu_sections [data-menu-xmlid='hoa_committee.${section}']`,
            run: "click",
        },
        {
            content: "open the menu item",
            trigger: `.dropdown-item[data-menu-xmlid='hoa_committee.${item}']`,
            run: "click",
        },
    ];
}

function pick(field, typed, shown) {
    return [
        {
            content: `type into ${field}`,
            trigger: `.o_field_widget[name=${field}] input`,
            run: `edit ${typed}`,
        },
        {
            content: `pick ${shown}`,
            trigger: `.o_field_widget[name=${field}] .o-autocomplete--dropdown-item:contains(${shown})`,
            run: "click",
        },
    ];
}

tours.add("hoa_evaluation_portal_fill", {
    url: "/my/committee/evaluations",
    steps: () => [
        {
            content: "Open the evaluation of the half year",
            trigger: "tr.o_hoa_row a:contains('CP')",
            run: "click",
        },
        ...Object.entries(SCORES).map(([area, score]) => ({
            content: `score ${area}`,
            trigger: `.o_hoa_evaluation_form input[name=score_${area}][value='${score}']`,
            run: "click",
        })),
        {
            content: "say why engineering is low",
            trigger: ".o_hoa_evaluation_form textarea[name=comment_engineering]",
            run: "edit 电梯报修后两天才来人",
        },
        {
            content: "a general comment",
            trigger: ".o_hoa_evaluation_form textarea[name=general_comment]",
            run: "edit 保安和联络工作值得肯定",
        },
        {
            content: "Submit and sign",
            trigger: "button.o_hoa_evaluation_submit",
            run: "click",
        },
        {
            content: "Submitted",
            trigger: ".o_hoa_success",
        },
        {
            content: "the scores are shown, the form is gone",
            trigger: ".o_hoa_evaluation_scores:not(:has(input))",
        },
        {
            content: "signed by me",
            trigger: ".o_hoa_signed",
        },
        pageSettled(),
    ],
});

tours.add("hoa_evaluation_portal_sign", {
    url: "/my/committee/evaluations",
    steps: () => [
        {
            content: "Open the submitted evaluation",
            trigger: "tr.o_hoa_row a:contains('CP')",
            run: "click",
        },
        {
            content: "the first member's signature is there",
            trigger: ".o_hoa_evaluation_signatures li",
        },
        {
            content: "Sign",
            trigger: "button.o_hoa_evaluation_sign",
            run: "click",
        },
        {
            content: "Signed",
            trigger: ".o_hoa_success",
        },
        {
            trigger: ".o_hoa_signed",
        },
        {
            content: "no second signature offered",
            trigger: "body:not(:has(button.o_hoa_evaluation_sign))",
        },
        pageSettled(),
    ],
});

tours.add("hoa_evaluation_backoffice", {
    url: "/odoo",
    steps: () => [
        ...openApp(),
        ...openMenu("hoa_menu_quality", "hoa_evaluation_menu"),
        {
            content: "新建",
            trigger: ".o_list_button_add",
            run: "click",
        },
        ...pick("community_id", "亮马", "亮马河花园"),
        {
            content: "the half year",
            trigger: ".o_field_widget[name=period] input",
            run: "edit 2026-H2",
        },
        {
            content: "save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "numbered once saved",
            trigger: ".o_field_widget[name=name]:contains(CP)",
        },
        {
            content: "every area is listed",
            trigger: ".o_field_widget[name=line_ids] .o_data_row:eq(6)",
        },
        {
            content: "发起测评",
            trigger: ".o_form_view button[name=action_open_for_committee]",
            run: "click",
        },
        {
            content: "open to the committee",
            trigger: ".o_statusbar_status button[data-value=open].o_arrow_button_current",
        },
        ...openMenu("hoa_menu_meetings", "hoa_repair_plan_menu"),
        {
            content: "新建",
            trigger: ".o_list_button_add",
            run: "click",
        },
        ...pick("community_id", "亮马", "亮马河花园"),
        {
            content: "add an item",
            trigger: ".o_field_widget[name=line_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "the facility",
            trigger: ".o_data_row .o_field_widget[name=facility] input",
            run: "edit 5号楼屋面",
        },
        {
            content: "the scope",
            trigger: ".o_data_row .o_field_widget[name=scope] textarea",
            run: "edit 屋面防水层翻新",
        },
        {
            content: "the budget",
            trigger: ".o_data_row .o_field_widget[name=budget] input",
            run: "edit 86000",
        },
        {
            content: "paid from the maintenance fund",
            trigger: ".o_data_row .o_field_widget[name=fund_source] select",
            run: 'select "maintenance_fund"',
        },
        {
            content: "save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "numbered once saved",
            trigger: ".o_field_widget[name=name]:contains(DZX)",
        },
        {
            content: "生成专项报告",
            trigger: ".o_data_row button[name=action_create_matter]",
            run: "click",
        },
        {
            content: "the special-matter report of category (a) opens",
            trigger: ".o_form_view .o_field_widget[name=subject] input:value('5号楼屋面')",
        },
        {
            content: "back to the plan",
            trigger: ".o_breadcrumb .breadcrumb-item a:contains(DZX)",
            run: "click",
        },
        {
            content: "the item shows its report",
            trigger: ".o_data_row td[name=matter_id]:contains(ZT)",
        },
        {
            content: "presented to the committee",
            trigger: ".o_form_view button[name=action_present]",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status button[data-value=presented].o_arrow_button_current",
        },
        {
            content: "archive it",
            trigger: ".o_form_view button[name=action_archive_plan]",
            run: "click",
        },
        {
            content: "confirm",
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "archived",
            trigger: ".o_statusbar_status button[data-value=archived].o_arrow_button_current",
        },
        pageSettled(),
    ],
});

tours.add("hoa_evaluation_results", {
    url: "/odoo",
    steps: () => [
        ...openApp(),
        ...openMenu("hoa_menu_quality", "hoa_evaluation_results_menu"),
        {
            content: "the pivot: the estate's rows",
            trigger: ".o_pivot .o_pivot_header_cell_closed:contains(亮马河花园), .o_pivot th:contains(亮马河花园)",
        },
        {
            content: "the trend: graph view",
            trigger: ".o_switch_view.o_graph",
            run: "click",
        },
        {
            content: "a line chart",
            trigger: ".o_graph_renderer canvas",
        },
        pageSettled(),
    ],
});
