/** @odoo-module **/
/* Back-office flows in Chinese, as the service-centre head and the company's
 * leadership do them: the menus, 新建, the estate typed and picked from its
 * dropdown, every button of the flow. The Python side checks the records. */

import { registry } from "@web/core/registry";
import { pageSettled } from "@hoa_committee/../tests/tours/hoa_tour_steps";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

const tours = registry.category("web_tour.tours");
const { DateTime } = luxon;

/** A 1×1 PNG: the scan of the signed paper ballot. */
const SCAN =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

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

function estate() {
    return pick("community_id", "亮马", "亮马河花园");
}

function newInquiry(subject) {
    return [
        ...openMenu("hoa_menu_correspondence", "hoa_inquiry_menu"),
        {
            content: "新建",
            trigger: ".o_list_button_add",
            run: "click",
        },
        ...estate(),
        {
            content: "the subject",
            trigger: ".o_field_widget[name=subject] input",
            run: `edit ${subject}`,
        },
        ...pick("raised_by_id", "李主", "李主任"),
        {
            content: "save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "numbered once saved",
            trigger: ".o_field_widget[name=name]:contains(ZX)",
        },
    ];
}

tours.add("hoa_inquiry_head_answers", {
    url: "/odoo",
    steps: () => [
        ...openApp(),
        ...newInquiry("3号楼电梯经常停在半层"),
        {
            content: "assess it reasonable",
            trigger: ".o_field_widget[name=assessment] select",
            run: 'select "reasonable"',
        },
        {
            content: "记录评估",
            trigger: ".o_form_view button[name=action_assess]",
            run: "click",
        },
        {
            content: "assessed",
            trigger: ".o_statusbar_status button[data-value=assessed].o_arrow_button_current",
        },
        {
            content: "the answer tab",
            trigger: ".o_notebook_headers a[name=answer]",
            run: "click",
        },
        {
            content: "write the answer",
            trigger: ".o_field_widget[name=response] .odoo-editor-editable",
            run: "editor 已联系电梯维保单位更换平层感应器，故障已排除。",
        },
        {
            content: "答复并发出答复函",
            trigger: ".o_form_view button[name=action_answer]",
            run: "click",
        },
        {
            content: "the letter goes to the member who raised it, by email",
            trigger: ".modal .o_field_widget[name=partner_id]:contains(李主任)",
        },
        {
            trigger: ".modal .o_field_widget[name=channel] input[data-value=email]:checked",
        },
        {
            content: "send",
            trigger: ".modal button[name=action_send]",
            run: "click",
        },
        {
            content: "accepted by the mail server: answered",
            trigger: ".o_statusbar_status button[data-value=answered].o_arrow_button_current",
        },
        pageSettled(),
    ],
});

tours.add("hoa_inquiry_head_escalates", {
    url: "/odoo",
    steps: () => [
        ...openApp(),
        ...newInquiry("小区外墙整体翻新"),
        {
            content: "上报公司领导",
            trigger: ".o_form_view button[name=action_escalate]",
            run: "click",
        },
        {
            content: "the reason is asked",
            trigger: ".modal .o_field_widget[name=reason] textarea",
            run: "edit 需动用专项维修资金，超出服务中心权限。",
        },
        {
            content: "上报",
            trigger: ".modal button[name=action_escalate]",
            run: "click",
        },
        {
            content: "escalated, with the reason on the inquiry",
            trigger: ".o_field_widget[name=escalation_note]:contains(超出服务中心权限)",
        },
        {
            content: "and on the chatter",
            trigger: ".o-mail-Message:contains(超出服务中心权限)",
        },
        pageSettled(),
    ],
});

tours.add("hoa_leadership_home", {
    url: "/odoo",
    steps: () => [
        {
            content: "leadership lands on the compliance dashboard",
            trigger: ".o_hoa_compliance_kanban .o_kanban_record:contains(亮马河花园)",
        },
        {
            content: "computed at is shown",
            trigger: ".o_hoa_compliance_kanban .o_hoa_computed_at:contains(2026)",
        },
        {
            content: "refresh from the dashboard",
            trigger: ".o_control_panel button[name=action_refresh]",
            run: "click",
        },
        {
            content: "still the dashboard",
            trigger: ".o_hoa_compliance_kanban .o_kanban_record:contains(亮马河花园)",
        },
        ...openMenu("hoa_menu_correspondence", "hoa_inquiry_escalated_menu"),
        {
            content: "the reason column",
            trigger: ".o_list_view th[data-name=escalation_reason]",
        },
        {
            content: "the escalation date column",
            trigger: ".o_list_view th[data-name=escalated_date]",
        },
        {
            content: "the reason given",
            trigger: ".o_data_row td[name=escalation_note]:contains(超出服务中心权限)",
        },
        pageSettled(),
    ],
});

tours.add("hoa_decision_head_runs_a_vote", {
    url: "/odoo",
    steps: () => [
        ...openApp(),
        ...openMenu("hoa_menu_committees", "hoa_decision_menu"),
        {
            content: "新建",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "the matter",
            trigger: ".o_field_widget[name=name] input",
            run: "edit 关于使用专项维修资金维修电梯的决定",
        },
        ...estate(),
        {
            content: "the item",
            trigger: ".o_field_widget[name=item] select",
            run: 'select "fund_use"',
        },
        {
            content: "voting opens",
            trigger: ".o_field_widget[name=date_open] input",
            // ballots are entered in the voting window only
            run: `edit ${DateTime.now().minus({ days: 7 }).toFormat("yyyy-MM-dd")}`,
        },
        {
            content: "voting closes",
            trigger: ".o_field_widget[name=date_close] input",
            run: `edit ${DateTime.now().plus({ days: 7 }).toFormat("yyyy-MM-dd")}`,
        },
        {
            content: "save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "open voting",
            trigger: ".o_form_view button[name=action_open]",
            run: "click",
        },
        {
            content: "confirm: the roll is frozen",
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "voting",
            trigger: ".o_statusbar_status button[data-value=open].o_arrow_button_current",
        },
        {
            content: "the ballots tab",
            trigger: ".o_notebook_headers a[name=ballots]",
            run: "click",
        },
        {
            content: "add a ballot",
            trigger: ".o_field_widget[name=ballot_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        ...pick("partner_id", "王业", "王业主"),
        {
            content: "agree",
            trigger: ".o_field_widget[name=ballot_ids] .o_field_widget[name=choice] select",
            run: 'select "agree"',
        },
        {
            content: "the scan of the signed paper ballot is required",
            trigger:
                ".o_field_widget[name=ballot_ids] .o_field_widget[name=scan] input[type=file]:not(:visible)",
            run() {
                const bytes = Uint8Array.from(atob(SCAN), (c) => c.charCodeAt(0));
                const file = new File([bytes], "王业主表决票.png", { type: "image/png" });
                const transfer = new DataTransfer();
                transfer.items.add(file);
                this.anchor.files = transfer.files;
                this.anchor.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            content: "the scan is attached",
            trigger: ".o_field_widget[name=ballot_ids] .o_field_widget[name=scan] .o_clear_file_button",
        },
        {
            content: "save the ballot",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "the ballot counts",
            trigger: ".o_field_widget[name=ballot_count]:contains(1)",
        },
        {
            content: "print the interim tally (marked as not final)",
            trigger: ".o_form_view button[name=action_print_result]",
            run: "click",
        },
        {
            content: "close voting",
            trigger: ".o_form_view button[name=action_close]",
            run: "click",
        },
        {
            content: "confirm",
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "publish the result",
            trigger: ".o_form_view button[name=action_publish]",
            run: "click",
        },
        {
            content: "published",
            trigger: ".o_statusbar_status button[data-value=published].o_arrow_button_current",
        },
        {
            content: "print the announcement",
            trigger: ".o_form_view button[name=action_print_result]",
            run: "click",
        },
        pageSettled(),
    ],
});
