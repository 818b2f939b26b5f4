/**
 * Proof of service of a meeting notice, in Chinese (tests/test_service_tours.py):
 * the head sends the notice and records the signed receipt of the member it
 * could only reach on paper; a member confirms receipt in the portal.
 * Selectors use field names, classes and record data, never interface text.
 */
import { registry } from "@web/core/registry";
import { pageSettled } from "@hoa_committee/../tests/tours/hoa_tour_steps";

const tours = registry.category("web_tour.tours");

/** A 1×1 PNG: the scan of the signed receipt. */
const SCAN =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

function serviceRow(name) {
    return `.o_field_widget[name=service_ids] .o_data_row:contains('${name}')`;
}

tours.add("hoa_service_backoffice", {
    steps: () => [
        {
            content: "Open the meeting",
            trigger: ".o_data_row td[name=name]:contains('外墙维修专题会')",
            run: "click",
        },
        {
            content: "Send the notice and the materials",
            trigger: ".o_form_statusbar button[name=action_send_notice]",
            run: "click",
        },
        {
            content: "The meeting is notified",
            trigger:
                ".o_statusbar_status button.o_arrow_button_current[data-value=notified]",
        },
        {
            content: "The member without email or portal is named, with what to do",
            trigger: ".o_hoa_notice_unserved:contains('委员戊')",
        },
        {
            content: "Open the notice's proof of service",
            trigger: ".o_notebook .nav-link[name=notice]",
            run: "click",
        },
        {
            content: "Members reached by email are served",
            trigger: `${serviceRow("委员甲")}.text-success`,
        },
        {
            content: "Record the receipt the paper member signed",
            trigger: `${serviceRow("委员戊")} button[name=action_open_receipt_wizard]`,
            run: "click",
        },
        {
            content: "The signer is proposed",
            trigger: ".modal .o_field_widget[name=signed_by] input:value('委员戊')",
        },
        {
            content: "Upload the scan of the signed receipt",
            trigger: ".modal .o_field_widget[name=scan] input[type=file]:not(:visible)",
            run() {
                const bytes = Uint8Array.from(atob(SCAN), (c) => c.charCodeAt(0));
                const file = new File([bytes], "委员戊回执.png", { type: "image/png" });
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
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            content: "Back on the meeting",
            trigger: "body:not(:has(.modal))",
        },
        {
            content: "The paper member is served: the receipt is the evidence",
            trigger: `${serviceRow("委员戊")}.text-success`,
        },
        {
            content: "and nobody is left unserved",
            trigger: ".o_form_view:not(:has(.o_hoa_notice_unserved:visible))",
        },
        pageSettled(),
    ],
});

tours.add("hoa_service_portal_confirm", {
    url: "/my/committee/meetings",
    steps: () => [
        {
            content: "Open the meeting",
            trigger: "tr.o_hoa_row a:contains('外墙维修专题会')",
            run: "click",
        },
        {
            content: "Confirm receipt of the notice",
            trigger: "button.o_hoa_confirm_receipt",
            run: "click",
        },
        {
            content: "The receipt is recorded",
            trigger: ".o_hoa_success",
        },
        {
            content: "and not offered again",
            trigger: ".o_hoa_service:not(:has(button.o_hoa_confirm_receipt))",
        },
        pageSettled(),
    ],
});
