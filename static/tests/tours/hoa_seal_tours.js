/**
 * Archive seals, run in Chinese by tests/test_seal_tours.py: the
 * administrator verifies the archive and acknowledges a failing seal with a
 * reason; a committee member finds a seal's hash in the portal and checks it
 * on the public verify page. Selectors use names and classes.
 */
import { registry } from "@web/core/registry";
import { pageSettled } from "@hoa_committee/../tests/tours/hoa_tour_steps";

const tours = registry.category("web_tour.tours");

tours.add("hoa_seal_verify_acknowledge", {
    steps: () => [
        {
            content: "The archive's seals",
            trigger: ".o_list_view .o_data_row",
        },
        {
            content: "Verify the archive",
            trigger: "button[name=action_verify]",
            run: "click",
        },
        {
            content:
                "The altered letter fails (its row alone offers it): acknowledge it",
            trigger: ".o_data_row button[name=action_acknowledge]",
            run: "click",
        },
        {
            content: "Give the reason",
            trigger: ".modal .o_field_widget[name=reason] textarea",
            run: "edit 总部已核实：标题录入错误，已另行更正",
        },
        {
            content: "Acknowledge",
            trigger: ".modal footer button[name=action_acknowledge]",
            run: "click",
        },
        {
            content: "The dialog closes",
            trigger: "body:not(:has(.modal))",
        },
        {
            content: "The seal is acknowledged: nothing left to acknowledge",
            trigger:
                ".o_list_view:not(:has(.o_data_row button[name=action_acknowledge]))",
        },
        pageSettled(),
    ],
});

tours.add("hoa_seal_member_sees_the_hash", {
    steps: () => [
        {
            content: "The report shows its seal's hash",
            trigger: ".o_hoa_seal .o_hoa_seal_hash",
        },
        {
            content: "Back to my portal",
            trigger: "a[href='/my/home']",
            run: "click",
        },
        {
            content: "Open the estate's seals",
            trigger: "a[href='/my/committee/seals']",
            run: "click",
        },
        {
            content: "Check the newest seal on the public page",
            trigger: "tr.o_hoa_seal_row:first-child a.o_hoa_seal_hash",
            run: "click",
        },
        {
            content: "It matches the archive",
            trigger: ".o_hoa_verify_match .o_hoa_verify_document:contains('ZT')",
        },
        pageSettled(),
    ],
});
