/**
 * The administrator configures SMS in Settings and sends a test SMS, in
 * Chinese, against the provider sandbox started by
 * tests/test_channel_settings_tours.py (which sets the sandbox's address as the
 * endpoint: its port is only known when the test runs).
 */
import { registry } from "@web/core/registry";
import { pageSettled } from "@hoa_committee/../tests/tours/hoa_tour_steps";

const tours = registry.category("web_tour.tours");

function fill(name, text) {
    return {
        content: `Fill ${name}`,
        trigger: `.o_field_widget[name=${name}] input`,
        run: `edit ${text}`,
    };
}

tours.add("hoa_channel_settings_sms", {
    steps: () => [
        {
            content: "Choose Aliyun",
            trigger: ".o_field_widget[name=hoa_sms_provider] select",
            run: 'select "aliyun"',
        },
        fill("hoa_sms_access_key_id", "LTAIsandboxKeyId"),
        fill("hoa_sms_access_key_secret", "sandbox-aliyun-secret"),
        fill("hoa_sms_sign_name", "示例物业"),
        {
            content: "保存",
            trigger: ".o_control_panel .o_form_button_save",
            run: "click",
        },
        {
            content: "Saved: the receipt address is shown",
            trigger: ".o_field_widget[name=hoa_receipt_url_aliyun]:contains(/hoa/receipts/aliyun/)",
        },
        {
            content: "发送测试短信",
            trigger: "button[name=action_hoa_sms_test]",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=phone] input",
            run: "edit 13800138000",
        },
        {
            trigger: ".modal .o_field_widget[name=template_code] input",
            run: "edit SMS_465930001",
        },
        {
            trigger: ".modal .o_field_widget[name=params] input",
            run: "edit name=张三",
        },
        {
            content: "发送",
            trigger: ".modal footer button[name=action_send]",
            run: "click",
        },
        {
            content: "The provider accepted it",
            trigger: ".o_notification:has(.o_notification_bar.bg-success) .o_notification_body:contains(+8613800138000)",
        },
        pageSettled(),
    ],
});
