/**
 * An owner's whole journey in the portal, in Chinese, run by
 * tests/test_owner_journey_tours.py: an owner with only a mobile number on
 * the roll registers at /hoa/register, reads their estate's published
 * statement, asks the service centre a question about one of their units,
 * and votes on the open owners' decision. The Python side checks the
 * records the journey leaves.
 */
import { registry } from "@web/core/registry";
import { pageSettled } from "@hoa_committee/../tests/tours/hoa_tour_steps";

registry.category("web_tour.tours").add("hoa_owner_journey", {
    steps: () => [
        // ------------------------------------------------------------
        // Register: estate, unit, name, last four digits of the mobile
        // ------------------------------------------------------------
        {
            content: "Choose the estate",
            trigger: ".o_hoa_register_form select[name=community_id]",
            run: "selectByLabel 海棠湾",
        },
        {
            content: "Type the unit",
            trigger: ".o_hoa_register_form input[name=unit]",
            run: "edit 3-1-0502",
        },
        {
            content: "Type the owner's name",
            trigger: ".o_hoa_register_form input[name=name]",
            run: "edit 钱业主",
        },
        {
            content: "Type the last four digits of the mobile number",
            trigger: ".o_hoa_register_form input[name=digits]",
            run: "edit 1130",
        },
        {
            content: "Choose a password",
            trigger: ".o_hoa_register_form input[name=password]",
            run: "edit qian-pass-2026",
        },
        {
            content: "Type it again",
            trigger: ".o_hoa_register_form input[name=confirm_password]",
            run: "edit qian-pass-2026",
        },
        {
            content: "Register",
            trigger: ".o_hoa_register_submit",
            run: "click",
        },
        {
            content: "The owner lands in the portal",
            trigger: ".o_portal_my_home",
        },
        // ------------------------------------------------------------
        // My estate → the published statement → its PDF
        // ------------------------------------------------------------
        {
            content: "Open 我的小区 from its card (the portal speaks Chinese)",
            trigger: ".o_portal_index_card a[href='/my/estate']:contains('我的小区')",
            run: "click",
        },
        {
            content: "The owner's unit is listed",
            trigger: ".o_hoa_estate .o_hoa_unit:contains('3-1-0502')",
        },
        {
            content: "Open the estate's income and expenditure statements",
            trigger: ".o_hoa_estate a.o_hoa_estate_disclosures",
            run: "click",
        },
        {
            content: "Open the published statement",
            trigger: "tr.o_hoa_row a[href^='/my/committee/disclosures/']",
            run: "click",
        },
        {
            content: "The statement shows the fund's opening balance",
            trigger:
                ".o_hoa_disclosure .o_hoa_disclosure_table:contains('1,234,567.89')",
        },
        {
            content: "The statement offers its PDF",
            trigger:
                ".o_hoa_disclosure a.o_hoa_pdf[href^='/my/committee/disclosures/'][href*='report_type=pdf'][href*='download=true']",
        },
        // ------------------------------------------------------------
        // Ask a question about one of their units
        // ------------------------------------------------------------
        {
            content: "Back to the portal's home",
            trigger: ".o_portal_submenu a[href='/my/home']",
            run: "click",
        },
        {
            content: "Open my questions and complaints from its card",
            trigger: ".o_portal_index_card a[href='/my/requests']",
            run: "click",
        },
        {
            content: "Ask",
            trigger: "a.o_hoa_new_request[href='/my/requests/new']",
            run: "click",
        },
        {
            content: "A question",
            trigger: ".o_hoa_owner_request_form input[name=kind][value=question]",
            run: "click",
        },
        {
            content: "About repairs",
            trigger: ".o_hoa_owner_request_form select[name=category]",
            run: "select repair",
        },
        {
            content: "About a unit",
            trigger: ".o_hoa_owner_request_form input[name=about][value=unit]",
            run: "click",
        },
        {
            content: "Their second unit",
            trigger: ".o_hoa_owner_request_form select[name=unit_id]",
            run: "selectByLabel 3-2-0101",
        },
        {
            content: "Describe it",
            trigger: ".o_hoa_owner_request_form textarea[name=description]",
            run: "edit 3-2-0101 阳台外墙渗水，请安排查看。",
        },
        {
            content: "Send it to the service centre",
            trigger: ".o_hoa_owner_request_form button.o_hoa_submit",
            run: "click",
        },
        {
            content: "It is on record",
            trigger: ".o_hoa_success",
        },
        {
            content: "With its number",
            trigger: ".o_hoa_owner_request .card-header h4:contains('TS-')",
        },
        {
            content: "About the unit chosen",
            trigger:
                ".o_hoa_owner_request:contains('阳台外墙渗水'):contains('3-2-0101')",
        },
        // ------------------------------------------------------------
        // Vote on the open decision
        // ------------------------------------------------------------
        {
            content: "Back to the portal's home",
            trigger: ".o_portal_submenu a[href='/my/home']",
            run: "click",
        },
        {
            content: "Open the vote waiting for the owner",
            trigger: ".o_hoa_waiting_vote a[href^='/my/decisions/']",
            run: "click",
        },
        {
            content: "Choose 同意",
            trigger: ".o_hoa_ballot_form label[for=hoa_choice_agree]",
            run: "click",
        },
        {
            content: "Vote, once 同意 is chosen",
            trigger:
                ".o_hoa_ballot_form:has(input[name=choice][value=agree]:checked) button.o_hoa_vote",
            run: "click",
        },
        {
            content: "The choice is shown back before it counts",
            trigger: ".o_hoa_decision_confirm .o_hoa_choice:contains('同意')",
        },
        {
            content: "Confirm the ballot",
            trigger: ".o_hoa_decision_confirm button.o_hoa_confirm_vote",
            run: "click",
        },
        {
            content: "The ballot is recorded",
            trigger: ".o_hoa_success",
        },
        {
            content: "The recorded choice is on the vote's page",
            trigger: ".o_hoa_my_vote .o_hoa_ballot:contains('同意')",
        },
        pageSettled(),
    ],
});
