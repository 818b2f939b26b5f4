/** @odoo-module **/
/* Owners' questions and complaints, in Chinese: the service centre records
 * a call from the back office and answers it; an owner asks in the portal
 * with a photo and reads the answer. The Python side checks the records. */

import { registry } from "@web/core/registry";
import { pageSettled } from "@hoa_committee/../tests/tours/hoa_tour_steps";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

const tours = registry.category("web_tour.tours");

/** A 1×1 PNG: the owner's photo. */
const PNG =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

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

tours.add("hoa_owner_request_staff_records_and_answers", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "open the Owners' Committees app",
            trigger: ".o_app[data-menu-xmlid='hoa_committee.hoa_menu_root']",
            run: "click",
        },
        {
            content: "open Correspondence",
            trigger:
                ".o_menu_sections [data-menu-xmlid='hoa_committee.hoa_menu_correspondence']",
            run: "click",
        },
        {
            content: "open the owners' questions and complaints",
            trigger: ".dropdown-item[data-menu-xmlid='hoa_committee.hoa_owner_request_menu']",
            run: "click",
        },
        {
            content: "新建",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "a complaint",
            trigger: ".o_field_widget[name=kind] input[data-value=complaint]",
            run: "click",
        },
        ...pick("community_id", "亮马", "亮马河花园"),
        ...pick("partner_id", "王业", "王业主"),
        {
            content: "about a common part",
            trigger: ".o_field_widget[name=about] select",
            run: 'select "common"',
        },
        {
            trigger: ".o_field_widget[name=building] input",
            run: "edit 1",
        },
        {
            trigger: ".o_field_widget[name=common_part] input",
            run: "edit 1号楼大堂",
        },
        {
            trigger: ".o_field_widget[name=description] textarea",
            run: "edit 王业主来电：1号楼大堂门禁坏了，外人随意进出。",
        },
        {
            content: "save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "numbered",
            trigger: ".o_field_widget[name=name]:contains(TS-)",
        },
        {
            content: "the answer tab",
            trigger: ".o_notebook_headers a[name=answer]",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=answer] textarea",
            run: "edit 已安排工程部今天修复门禁，修复前由秩序维护员值守大堂。",
        },
        {
            content: "answer the owner",
            trigger: "button[name=action_answer]",
            run: "click",
        },
        {
            content: "answered",
            trigger: ".o_field_widget[name=answered_date]:not(:empty)",
        },
        pageSettled(),
    ],
});

tours.add("hoa_owner_request_owner_asks", {
    url: "/my",
    steps: () => [
        {
            content: "open my questions and complaints",
            trigger: "a[href='/my/requests']",
            run: "click",
        },
        {
            content: "ask",
            trigger: "a.o_hoa_new_request",
            run: "click",
        },
        {
            content: "a question",
            trigger: "input[name=kind][value=question]",
            run: "click",
        },
        {
            trigger: "#hoa_category",
            run: "select repair",
        },
        {
            trigger: "#hoa_description",
            run: "edit 卫生间天花板渗水，请派人查看。",
        },
        {
            content: "attach a photo",
            trigger: "#hoa_photos",
            run() {
                const bytes = Uint8Array.from(atob(PNG), (c) => c.charCodeAt(0));
                const transfer = new DataTransfer();
                transfer.items.add(new File([bytes], "渗水.png", { type: "image/png" }));
                this.anchor.files = transfer.files;
            },
        },
        {
            content: "send it",
            trigger: "button.o_hoa_submit",
            run: "click",
        },
        {
            content: "it is on record",
            trigger: ".o_hoa_success",
        },
        {
            trigger: ".o_hoa_owner_request:contains('卫生间天花板渗水')",
        },
        {
            content: "the photo is on the page's chatter",
            trigger: "#chatterRoot:shadow .o-mail-Message .o-mail-AttachmentList",
        },
        pageSettled(),
    ],
});

tours.add("hoa_owner_request_owner_reads_answer", {
    url: "/my/requests",
    steps: () => [
        {
            content: "open the request",
            trigger: "tr.o_hoa_row a",
            run: "click",
        },
        {
            content: "the answer is on the page",
            trigger: ".o_hoa_owner_answer:contains('物业维修工明天上午上门')",
        },
        {
            content: "the chatter is loaded",
            trigger: "#chatterRoot:shadow .o-mail-Message",
        },
        pageSettled(),
    ],
});
