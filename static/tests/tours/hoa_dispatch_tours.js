/**
 * Channels and dispatches, in Chinese (tests/test_dispatch_tours.py): the head
 * adds a member's SMS channel and puts it first; a meeting notice goes to each
 * member by their channel and its per-recipient status is shown.
 * Selectors use field names, classes and record data, never interface text.
 */
import { registry } from "@web/core/registry";
import { pageSettled } from "@hoa_committee/../tests/tours/hoa_tour_steps";

const tours = registry.category("web_tour.tours");

const CHANNELS = ".o_field_widget[name=channel_ids]";
const EDITED = `${CHANNELS} .o_data_row.o_selected_row`;

function addLine(kind, address) {
    return [
        {
            content: `Add a ${kind} channel`,
            trigger: `${CHANNELS} .o_field_x2many_list_row_add a`,
            run: "click",
        },
        {
            trigger: `${EDITED} .o_field_widget[name=kind] select`,
            run: `select "${kind}"`,
        },
        {
            trigger: `${EDITED} .o_field_widget[name=address] input`,
            run: `edit ${address}`,
        },
    ];
}

tours.add("hoa_dispatch_member_channels", {
    steps: () => [
        {
            content: "Open the member's card",
            trigger: ".o_data_row td[name=partner_id]:contains('委员乙')",
            run: "click",
        },
        ...addLine("email", "weiyuanyi@example.com"),
        ...addLine("sms", "138 0000 0002"),
        {
            content: "Save the card",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Both lines are saved, email first",
            trigger: `.o_form_saved ${CHANNELS} .o_data_row:eq(1) td[name=address]:contains('+86 13800000002')`,
        },
        {
            content: "Put SMS first: drag its handle above the email line",
            trigger: `${CHANNELS} .o_data_row:eq(1) .o_row_handle`,
            run: `drag_and_drop ${CHANNELS} .o_data_row:eq(0)`,
        },
        {
            content: "Save the card",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved: the mobile is written the one way, SMS first",
            trigger: `.o_form_saved ${CHANNELS} .o_data_row:eq(0) td[name=address]:contains('+86 13800000002')`,
        },
        pageSettled(),
    ],
});

tours.add("hoa_dispatch_notice_status", {
    steps: () => [
        {
            content: "Open the meeting",
            trigger: ".o_data_row td[name=name]:contains('屋面防水说明会')",
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
            content: "Open the notice's proof of service",
            trigger: ".o_notebook .nav-link[name=notice]",
            run: "click",
        },
        {
            content: "The email taken by the mail server is delivered",
            trigger:
                ".o_field_widget[name=dispatch_ids] .o_data_row.text-success:contains('委员甲')",
        },
        {
            content: "The SMS waits for the sending job",
            trigger:
                ".o_field_widget[name=dispatch_ids] .o_data_row:contains('委员乙')",
        },
        {
            content: "Open the SMS sent to the member",
            trigger:
                ".o_field_widget[name=dispatch_ids] .o_data_row:contains('委员乙') td[name=address]",
            run: "click",
        },
        {
            content: "Its number and its state",
            trigger:
                ".modal .o_field_widget[name=address]:contains('+86 13800000002')",
        },
        {
            content: "and what the provider said: nothing yet",
            trigger: ".modal .o_field_widget[name=state]",
        },
        {
            trigger: ".modal .btn-close",
            run: "click",
        },
        {
            content: "Back on the meeting",
            trigger: "body:not(:has(.modal))",
        },
        pageSettled(),
    ],
});
