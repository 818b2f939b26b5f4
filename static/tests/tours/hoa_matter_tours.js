/**
 * Special-matter reports as people use them, run in Chinese by
 * tests/test_matter_tours.py: the chair enters the committee's answer in the
 * portal citing the resolution that took it; the service-centre head files,
 * delivers and answers a report in the back office and prints the letter.
 */
import { inputFiles } from "@web/../tests/utils";
import { localization } from "@web/core/l10n/localization";
import { registry } from "@web/core/registry";
import { pageSettled } from "@hoa_committee/../tests/tours/hoa_tour_steps";

const { DateTime } = luxon;
const tours = registry.category("web_tour.tours");

/** A day as typed into a date field in Chinese (yyyy年MM月dd日 style). */
function typedDate(days) {
    return DateTime.now()
        .plus({ days })
        .toFormat(localization.dateFormat);
}

tours.add("hoa_matter_chair_answer", {
    url: "/my/committee/matters",
    steps: () => [
        {
            trigger: "tr.o_hoa_row a:contains('Repair the roof of building 5')",
            run: "click",
        },
        {
            content: "The maintenance fund is the owners' to decide",
            trigger: ".o_hoa_owners_decision",
        },
        {
            content: "Cite the resolution the committee passed",
            trigger: "select.o_hoa_resolution",
            run: "selectByLabel 同意使用维修资金维修5号楼屋面",
        },
        {
            trigger: "#hoa_comment",
            run: "edit 请在施工前张贴公告。",
        },
        {
            content: "Approve for the committee",
            trigger: "button.o_hoa_approve",
            run: "click",
        },
        {
            trigger: ".o_hoa_success",
        },
        {
            content: "The answer shows the resolution it rests on",
            trigger: ".o_hoa_answer_resolution:contains('同意使用维修资金维修5号楼屋面')",
        },
        {
            trigger: "body:not(:has(form.o_hoa_answer_form))",
        },
        pageSettled(),
    ],
});

tours.add("hoa_matter_backoffice", {
    url: "/odoo",
    steps: () => [
        {
            trigger: ".o_navbar_apps_menu button:enabled",
            run: "click",
        },
        {
            trigger: ".o_app[data-menu-xmlid='hoa_committee.hoa_menu_root']",
            run: "click",
        },
        {
            trigger: ".o_main_navbar [data-menu-xmlid='hoa_committee.hoa_menu_correspondence']",
            run: "click",
        },
        {
            content: "专题报告",
            trigger: ".dropdown-item[data-menu-xmlid='hoa_committee.hoa_matter_menu']",
            run: "click",
        },
        {
            content: "新建",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=subject] input",
            run: "edit 5号楼屋面防水维修申请使用专项维修资金",
        },
        {
            content: "Type the estate",
            trigger: ".o_field_widget[name=community_id] input",
            run: "edit 亮马",
        },
        {
            content: "and pick it from the dropdown",
            trigger:
                ".o_field_widget[name=community_id] .o-autocomplete--dropdown-item:contains(亮马河花园)",
            run: "click",
        },
        {
            content: "The estate and its committee",
            trigger: ".o_field_widget[name=community_id] input:value('亮马河花园')",
        },
        {
            trigger: ".o_field_widget[name=committee_id] input:value('亮马河花园业委会')",
        },
        {
            trigger: ".o_field_widget[name=planned_date] input",
            run: `edit ${typedDate(30)}`,
        },
        {
            content: "Delivery and receipt",
            trigger: ".o_notebook .nav-link[name=delivery]",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=delivery_method] select",
            run: 'select "hand"',
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Send it to the committee",
            trigger: "button[name=action_send]",
            run: "click",
        },
        {
            content: "Sent, not yet delivered",
            trigger: ".o_statusbar_status .o_arrow_button_current[data-value=sent]",
        },
        {
            content: "The member's receipt came back signed",
            trigger:
                ".o_field_widget[name=service_ids] .o_data_row:first button[name=action_open_receipt_wizard]",
            run: "click",
        },
        {
            content: "Record who signed the receipt",
            trigger: ".modal .o_field_widget[name=signed_by] input",
            run: "edit 徐静（业委会秘书）",
        },
        {
            content: "with the scan of the signed receipt",
            trigger: ".modal .o_field_widget[name=scan]",
            async run() {
                const scan = new File(["signed"], "receipt.png", { type: "image/png" });
                await inputFiles(".modal .o_field_widget[name=scan] input.o_input_file", [
                    scan,
                ]);
            },
        },
        {
            trigger: ".modal .o_field_widget[name=scan] input.o_input:value('receipt.png')",
        },
        {
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            content: "Delivered on the receipt",
            trigger: ".o_statusbar_status .o_arrow_button_current[data-value=delivered]",
        },
        {
            content: "The committee's answer",
            trigger: ".o_notebook .nav-link[name=answer]",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=answer] select",
            run: 'select "approved"',
        },
        {
            content: "Cite the resolution that took it",
            trigger: ".o_field_widget[name=resolution_id] input",
            run: "edit 同意使用",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains('同意使用维修资金维修5号楼屋面')",
            run: "click",
        },
        {
            trigger: "button[name=action_record_answer]",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status .o_arrow_button_current[data-value=answered]",
        },
        {
            content: "Print the letter",
            trigger: ".o_cp_action_menus button:has(i.fa-cog)",
            run: "click",
        },
        {
            trigger: ".o-dropdown--menu button:has(i.fa-print)",
            run: "click",
        },
        {
            trigger: ".o-dropdown--menu .o_menu_item:contains('工作联系函')",
            run: "click",
        },
        {
            content: "The letter is downloaded, without an error",
            trigger: "body:not(:has(.o_error_dialog))",
            timeout: 60000,
        },
        pageSettled(),
    ],
});
