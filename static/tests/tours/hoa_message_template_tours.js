/**
 * The messages' templates, run in Chinese by tests/test_message_template_tours.py:
 * Settings → 消息模板, open the meeting notice, edit its short text (SMS /
 * WeCom), save, preview it and read the rendered short text.
 */
import { registry } from "@web/core/registry";
import { pageSettled } from "@hoa_committee/../tests/tours/hoa_tour_steps";

registry.category("web_tour.tours").add("hoa_message_template_edit", {
    steps: () => [
        {
            content: "Settings: open the message templates",
            trigger: "#hoa_message_templates button",
            run: "click",
        },
        {
            content: "Open the meeting notice",
            trigger: ".o_list_view .o_data_row td[name=name]:contains(会议通知)",
            run: "click",
        },
        {
            content: "The SMS / WeCom page",
            trigger: ".o_notebook_headers a[name=hoa_sms_wecom]",
            run: "click",
        },
        {
            content: "The SMS template code is there",
            trigger: ".o_field_widget[name=hoa_sms_code] input:value(SMS_HOA_MEETING_NOTICE)",
        },
        {
            content: "Edit the short text",
            trigger: ".o_field_widget[name=hoa_short_body] textarea",
            run: "edit 会议{{ object.name }}的通知已发出，请在门户查看。",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_saved",
        },
        {
            content: "Preview",
            trigger: ".o_form_statusbar button.btn-primary",
            run: "click",
        },
        {
            content: "Preview it on the meeting 周例会",
            trigger: ".modal .o_field_widget[name=resource_ref] input",
            run: "edit 周例会",
        },
        {
            content: "Pick 周例会",
            trigger: ".o-autocomplete--dropdown-item:contains(周例会)",
            run: "click",
        },
        {
            content: "The short text, rendered on a meeting",
            trigger:
                ".modal .o_field_widget[name=hoa_short_preview]:contains(会议周例会的通知已发出，请在门户查看。)",
        },
        {
            content: "The SMS parameters, rendered",
            trigger:
                ".modal .o_field_widget[name=hoa_sms_preview]:contains(meeting: 周例会)",
        },
        {
            content: "Close the preview",
            trigger: ".modal .modal-footer .btn-secondary",
            run: "click",
        },
        {
            content: "Back to the templates",
            trigger: ".o_breadcrumb .breadcrumb-item:last-child a",
            run: "click",
        },
        {
            trigger: ".o_list_view .o_data_row",
        },
        pageSettled(),
    ],
});
