/** @odoo-module **/
/* The owners' vote in the back office, in Chinese, as the service-centre head
 * does it: reopening an open vote to draft with the reason to correct its
 * voter roll, and correcting an entered paper ballot with the reason. The
 * Python side checks the records. */

import { registry } from "@web/core/registry";
import { pageSettled } from "@hoa_committee/../tests/tours/hoa_tour_steps";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

const tours = registry.category("web_tour.tours");

function openDecision(name) {
    return [
        stepUtils.showAppsMenuItem(),
        {
            content: "open the Owners' Committees app",
            trigger: ".o_app[data-menu-xmlid='hoa_committee.hoa_menu_root']",
            run: "click",
        },
        {
            content: "open the section menu",
            trigger: ".o_menu_sections [data-menu-xmlid='hoa_committee.hoa_menu_committees']",
            run: "click",
        },
        {
            content: "the owners' decisions",
            trigger: ".dropdown-item[data-menu-xmlid='hoa_committee.hoa_decision_menu']",
            run: "click",
        },
        {
            content: `open ${name}`,
            trigger: `.o_data_row td[name=name]:contains(${name})`,
            run: "click",
        },
        {
            content: "voting",
            trigger: ".o_statusbar_status button[data-value=open].o_arrow_button_current",
        },
    ];
}

tours.add("hoa_vote_head_reopens_to_draft", {
    url: "/odoo",
    steps: () => [
        ...openDecision("电梯更新"),
        {
            content: "reopen to draft",
            trigger: ".o_form_view button[name=action_draft]",
            run: "click",
        },
        {
            content: "the reason",
            trigger: ".modal .o_field_widget[name=reason] textarea",
            run: "edit 5-101室面积登记错误，按不动产权证更正后重新开始表决",
        },
        {
            content: "confirm",
            trigger: ".modal button[name=action_reopen]",
            run: "click",
        },
        {
            content: "draft again",
            trigger: ".o_statusbar_status button[data-value=draft].o_arrow_button_current",
        },
        {
            content: "the reason is on the chatter",
            trigger: ".o-mail-Message-body:contains(按不动产权证更正)",
        },
        {
            content: "open voting again: a new roll is frozen",
            trigger: ".o_form_view button[name=action_open]",
            run: "click",
        },
        {
            content: "confirm",
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "voting",
            trigger: ".o_statusbar_status button[data-value=open].o_arrow_button_current",
        },
        {
            content: "print the notice for the notice boards",
            trigger: ".o_form_view button[name=action_print_board_notice]",
            run: "click",
        },
        {
            content: "the notices to the owners go out in the background",
            trigger: ".o_form_view .o_hoa_owner_serving",
        },
        pageSettled(),
    ],
});

tours.add("hoa_vote_head_corrects_a_paper_ballot", {
    url: "/odoo",
    steps: () => [
        ...openDecision("外墙维修"),
        {
            content: "the ballots tab",
            trigger: ".o_notebook_headers a[name=ballots]",
            run: "click",
        },
        {
            content: "the paper ballot of 王业主",
            trigger: ".o_field_widget[name=ballot_ids] .o_data_row:contains(王业主) td[name=choice]",
            run: "click",
        },
        {
            content: "oppose, as the paper says",
            trigger: ".o_field_widget[name=ballot_ids] .o_field_widget[name=choice] select",
            run: 'select "oppose"',
        },
        {
            content: "why",
            trigger: ".o_field_widget[name=ballot_ids] .o_field_widget[name=correction_reason] input",
            run: "edit 录入时看错了纸质表决票上的选项",
        },
        {
            content: "save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "the correction and its reason are on the chatter",
            trigger: ".o-mail-Message-body:contains(看错了纸质表决票)",
        },
        pageSettled(),
    ],
});
