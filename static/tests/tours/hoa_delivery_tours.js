/** @odoo-module **/
/* Proof of service in the back office, in Chinese, as the service-centre head
 * does it (run by tests/test_delivery_tours.py): a report is sent to the
 * committee and delivered once the signed receipt is recorded with its scan;
 * an inquiry is answered with its reply letter on paper and counts as
 * answered once that receipt is recorded. */

import { inputFiles } from "@web/../tests/utils";
import { registry } from "@web/core/registry";
import { pageSettled } from "@hoa_committee/../tests/tours/hoa_tour_steps";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

const tours = registry.category("web_tour.tours");

function open(item, subject) {
    return [
        stepUtils.showAppsMenuItem(),
        {
            content: "open the Owners' Committees app",
            trigger: ".o_app[data-menu-xmlid='hoa_committee.hoa_menu_root']",
            run: "click",
        },
        {
            content: "往来",
            trigger: ".o_menu_sections [data-menu-xmlid='hoa_committee.hoa_menu_correspondence']",
            run: "click",
        },
        {
            trigger: `.dropdown-item[data-menu-xmlid='hoa_committee.${item}']`,
            run: "click",
        },
        {
            content: `open ${subject}`,
            trigger: `.o_data_row td:contains(${subject})`,
            run: "click",
        },
    ];
}

/** The receipt wizard of the first row of ``list``: who signed, the scan. */
function recordReceipt(list, signer) {
    return [
        {
            content: "签收回执",
            trigger: `.o_field_widget[name=${list}] .o_data_row:first button[name=action_open_receipt_wizard]`,
            run: "click",
        },
        {
            content: "who signed",
            trigger: ".modal .o_field_widget[name=signed_by] input",
            run: `edit ${signer}`,
        },
        {
            content: "upload the scan of the signed receipt",
            trigger: ".modal .o_field_widget[name=scan]",
            async run() {
                const scan = new File(["signed receipt"], "回执扫描件.png", {
                    type: "image/png",
                });
                await inputFiles(".modal .o_field_widget[name=scan] input.o_input_file", [
                    scan,
                ]);
            },
        },
        {
            content: "the scan is attached",
            trigger: ".modal .o_field_widget[name=scan] input.o_input:value('回执扫描件.png')",
        },
        {
            content: "确认",
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            trigger: "body:not(:has(.modal))",
        },
    ];
}

tours.add("hoa_delivery_report_receipt", {
    url: "/odoo",
    steps: () => [
        ...open("hoa_matter_menu", "3号楼外墙渗漏维修申请"),
        {
            content: "发送给业委会",
            trigger: ".o_form_view button[name=action_send]",
            run: "click",
        },
        {
            content: "sent, not delivered",
            trigger: ".o_statusbar_status button[data-value=sent].o_arrow_button_current",
        },
        {
            trigger: ".o_hoa_not_delivered",
        },
        {
            content: "送达与回执",
            trigger: ".o_notebook_headers a[name=delivery]",
            run: "click",
        },
        ...recordReceipt("service_ids", "徐静（业委会秘书）"),
        {
            content: "delivered",
            trigger: ".o_statusbar_status button[data-value=delivered].o_arrow_button_current",
        },
        {
            trigger: ".o_field_widget[name=receipt_signed_by]:contains(徐静)",
        },
        pageSettled(),
    ],
});

tours.add("hoa_delivery_inquiry_paper", {
    url: "/odoo",
    steps: () => [
        ...open("hoa_inquiry_menu", "3号楼电梯频繁停梯"),
        {
            content: "答复并发出答复函",
            trigger: ".o_form_view button[name=action_answer]",
            run: "click",
        },
        {
            content: "on paper",
            trigger: ".modal .o_field_widget[name=channel] input[data-value=paper]",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=channel] input[data-value=paper]:checked",
        },
        {
            content: "发出",
            trigger: ".modal button[name=action_send]",
            run: "click",
        },
        {
            content: "答复已发出, not yet answered",
            trigger: ".o_statusbar_status button[data-value=reply_sent].o_arrow_button_current",
        },
        {
            trigger: ".o_hoa_reply_pending",
        },
        {
            content: "送达记录",
            trigger: ".o_notebook_headers a[name=service]",
            run: "click",
        },
        ...recordReceipt("reply_service_ids", "王建国"),
        {
            content: "answered",
            trigger: ".o_statusbar_status button[data-value=answered].o_arrow_button_current",
        },
        pageSettled(),
    ],
});
