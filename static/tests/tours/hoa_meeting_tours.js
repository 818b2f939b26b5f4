/**
 * The head runs a special meeting in the back office, in Chinese, from the
 * menu to the signed minutes (tests/test_meeting_tours.py). Selectors use
 * field names and classes, never interface text.
 */
import { registry } from "@web/core/registry";
import { pageSettled } from "@hoa_committee/../tests/tours/hoa_tour_steps";

const { DateTime } = luxon;

/** A 1×1 PNG: the scan of the page signed on paper. */
const SCAN =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

function attendanceRow(name) {
    return `.o_field_widget[name=attendance_ids] .o_data_row:contains('${name}')`;
}

function openTab(name) {
    return {
        content: `Open the ${name} tab`,
        trigger: `.o_notebook .nav-link[name=${name}]`,
        run: "click",
    };
}

function printReport(label) {
    return [
        {
            content: "Open the actions menu",
            trigger: ".o_cp_action_menus i.fa-cog",
            run: "click",
        },
        {
            content: "Open the print menu",
            trigger: ".o-dropdown--menu .o-dropdown-item:has(.fa-print)",
            run: "click",
        },
        {
            content: `Print ${label}`,
            trigger: `.o-dropdown--menu .o-dropdown-item:not(:has(.fa-print)):contains('${label}')`,
            run: "click",
        },
    ];
}

registry.category("web_tour.tours").add("hoa_meeting_backoffice", {
    steps: () => [
        {
            content: "Create a meeting",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "A new meeting is not called False",
            trigger: ".o_breadcrumb:not(:contains('False'))",
        },
        {
            content: "and offers no action before it is saved",
            trigger: ".o_form_view .o_form_statusbar:not(:has(button[name=action_propose], button[name=action_send_notice], button[name=action_cancel], button[name=action_decline]))",
        },
        {
            trigger: ".o_field_widget[name=name] input",
            run: "edit 3号楼外墙维修专题会",
        },
        {
            trigger: ".o_field_widget[name=meeting_type] select",
            run: 'select "special"',
        },
        {
            content: "Pick the estate by typing",
            trigger: ".o_field_widget[name=community_id] input",
            run: "edit 亮马",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains('亮马花园')",
            run: "click",
        },
        {
            content: "Pick the committee by typing",
            trigger: ".o_field_widget[name=committee_id] input",
            run: "edit 亮马花园业主",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains('亮马花园业主委员会')",
            run: "click",
        },
        {
            content: "In three days: the notice will be late",
            trigger: ".o_field_widget[name=date_start] input",
            run: `edit ${DateTime.now().plus({ days: 3 }).toFormat("yyyy-MM-dd")} 09:30:00`,
        },
        {
            trigger: ".o_field_widget[name=location] input",
            run: "edit 物业服务中心二楼会议室",
        },
        {
            trigger: ".o_field_widget[name=agenda] .odoo-editor-editable",
            run: "editor 外墙渗漏检测报告及维修方案",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved: the actions of a draft appear",
            trigger: ".o_form_saved button[name=action_propose]",
            run: "click",
        },
        {
            content: "Send the notice",
            trigger: ".o_form_statusbar button[name=action_send_notice]",
            run: "click",
        },
        {
            content: "The notice is late: confirm",
            trigger: ".modal .o_hoa_late_notice:contains('3号楼外墙维修专题会')",
        },
        {
            trigger: ".modal button[name=action_send]",
            run: "click",
        },
        {
            content: "Notified",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value=notified]",
        },
        {
            content: "No quorum warning before the attendance is taken",
            trigger: ".o_form_view:not(:has(.o_hoa_quorum_warning:visible))",
        },
        openTab("attendance"),
        ...["委员甲", "委员乙", "委员丙", "张经理"].map((name) => ({
            content: `${name} is present`,
            trigger: `${attendanceRow(name)} .o_field_widget[name=present] input`,
            run: "click",
        })),
        {
            content: "The meeting is held",
            trigger: ".o_form_statusbar button[name=action_hold]",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value=held]",
        },
        openTab("minutes"),
        {
            trigger: ".o_field_widget[name=minutes] .odoo-editor-editable",
            run: "editor 同意维修3号楼外墙，委员建议增加一家比选单位。",
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The head signs the minutes",
            trigger: ".o_form_saved .o_form_statusbar button[name=action_sign_as_staff]",
            run: "click",
        },
        {
            content: "From the first signature the minutes are frozen",
            trigger: ".o_hoa_signatures_banner",
        },
        {
            trigger: ".o_field_widget[name=minutes].o_readonly_modifier",
        },
        openTab("attendance"),
        {
            content: "委员甲 signed on paper",
            trigger: `${attendanceRow("委员甲")} button[name=action_open_paper_sign]`,
            run: "click",
        },
        {
            content: "The scan of the signed page is required",
            trigger: ".modal .o_field_widget[name=scan] input[type=file]:not(:visible)",
            run() {
                const bytes = Uint8Array.from(atob(SCAN), (c) => c.charCodeAt(0));
                const file = new File([bytes], "委员甲签字页.png", { type: "image/png" });
                const transfer = new DataTransfer();
                transfer.items.add(file);
                this.anchor.files = transfer.files;
                this.anchor.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            content: "The scan is attached",
            trigger: ".modal .o_field_widget[name=scan] .o_clear_file_button",
        },
        {
            trigger: ".modal button[name=action_sign]",
            run: "click",
        },
        {
            content: "The paper signature points to its scan",
            trigger: `${attendanceRow("委员甲")} td[name=paper_scan_id]:contains('委员甲签字页.png')`,
        },
        ...printReport("会议通知"),
        ...printReport("会议记录"),
        openTab("minutes"),
        {
            content: "The minutes stay frozen",
            trigger: ".o_field_widget[name=minutes].o_readonly_modifier",
        },
        pageSettled(),
    ],
});
