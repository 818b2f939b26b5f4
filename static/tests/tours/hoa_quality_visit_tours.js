/** @odoo-module **/
/* The quality department's half-year visit in the back office, in Chinese
 * (run by tests/test_quality_visit_tours.py): 品质管理 → 半年走访 lists the
 * visits of every estate; the quality user opens one, opens its half-year
 * work report, fills it from the records and prints it. Selectors use field
 * names, xml ids and classes, never interface text. */

import { registry } from "@web/core/registry";
import { pageSettled } from "@hoa_committee/../tests/tours/hoa_tour_steps";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("hoa_quality_visit_report", {
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "open the Owners' Committees app",
            trigger: ".o_app[data-menu-xmlid='hoa_committee.hoa_menu_root']",
            run: "click",
        },
        {
            content: "品质管理",
            trigger: ".o_menu_sections [data-menu-xmlid='hoa_committee.hoa_menu_quality']",
            run: "click",
        },
        {
            content: "半年走访",
            trigger: ".dropdown-item[data-menu-xmlid='hoa_committee.hoa_quality_visit_menu']",
            run: "click",
        },
        {
            content: "the visit of an estate the user is not on the team of is listed",
            trigger: ".o_list_view .o_data_row td:contains(乙小区半年走访)",
        },
        {
            content: "open the visit of 亮马花园",
            trigger: ".o_list_view .o_data_row td:contains(亮马花园半年走访)",
            run: "click",
        },
        {
            content: "半年工作报告",
            trigger: ".o_form_view .o_form_statusbar button[name=action_open_half_year_report]",
            run: "click",
        },
        {
            content: "the half-year report of the visit opens",
            trigger: ".o_form_view .o_field_widget[name=report_kind] select",
            run() {
                if (this.anchor.value !== '"half_year"') {
                    throw new Error(`report kind is ${this.anchor.value}`);
                }
            },
        },
        {
            content: "合规数据",
            trigger: ".o_notebook .nav-link[name=compliance_figures]",
            run: "click",
        },
        {
            content: "the figures of the half year's quarters are in",
            trigger: ".o_field_widget[name=compliance_figures]:contains(2026-Q2)",
        },
        {
            content: "需业委会协助",
            trigger: ".o_notebook .nav-link[name=help_needed]",
            run: "click",
        },
        {
            content: "type what the centre needs",
            trigger: ".o_field_widget[name=help_needed] .odoo-editor-editable",
            run: "editor 请业委会协助催缴物业费。",
        },
        {
            content: "填入",
            trigger: ".o_form_view .o_form_statusbar button[name=action_fill]",
            run: "click",
        },
        {
            content: "confirm",
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "saved and filled",
            trigger: ".o_form_view .o_form_saved",
        },
        {
            content: "Open the actions menu",
            trigger: ".o_cp_action_menus i.fa-cog",
            run: "click",
        },
        {
            content: "print the work report (its one report: in the menu itself)",
            trigger: ".o-dropdown--menu .o-dropdown-item:has(.fa-print)",
            run: "click",
        },
        {
            content: "back on the report once printed",
            trigger: ".o_form_view .o_field_widget[name=report_kind]",
        },
        pageSettled(),
    ],
});
