/**
 * Portal flows of committee members and owners, run in Chinese by
 * tests/test_portal_tours.py. Selectors use classes and record data, never
 * interface text, so that the tours hold in every language.
 */
import { registry } from "@web/core/registry";

const tours = registry.category("web_tour.tours");

tours.add("hoa_portal_sign_minutes", {
    url: "/my/committee/meetings",
    steps: () => [
        {
            content: "The meeting waits for my signature",
            trigger: "tr.o_hoa_row:contains('Portal tour meeting') .text-bg-warning",
        },
        {
            content: "Open the meeting",
            trigger: "tr.o_hoa_row a:contains('Portal tour meeting')",
            run: "click",
        },
        {
            content: "Read the minutes",
            trigger: "#minutes:contains('Repaint the fences of building 3')",
        },
        {
            content: "Sign them",
            trigger: "button.o_hoa_sign",
            run: "click",
        },
        {
            content: "My signature is recorded",
            trigger: ".o_hoa_success",
        },
        {
            trigger: ".o_hoa_signed",
        },
        {
            content: "and no second signature is offered",
            trigger: "body:not(:has(button.o_hoa_sign))",
        },
    ],
});

tours.add("hoa_portal_submit_inquiry", {
    url: "/my/committee/inquiries",
    steps: () => [
        {
            content: "Start a new inquiry",
            trigger: "a.o_hoa_new",
            run: "click",
        },
        {
            content: "It is a request",
            trigger: "input[name=inquiry_type][value=request]",
            run: "click",
        },
        {
            trigger: "#hoa_subject",
            run: "edit 3号楼电梯噪音太大",
        },
        {
            trigger: "#hoa_description",
            run: "edit 夜间运行时噪音明显，请检查并答复。",
        },
        {
            content: "Send it",
            trigger: "button.o_hoa_submit",
            run: "click",
        },
        {
            content: "It is on record, awaiting the answer",
            trigger: ".o_hoa_success",
        },
        {
            trigger: ".o_hoa_inquiry h4:contains('3号楼电梯噪音太大')",
        },
    ],
});

tours.add("hoa_portal_read_reply", {
    url: "/my/committee/inquiries",
    steps: () => [
        {
            trigger: "tr.o_hoa_row a:contains('3号楼电梯噪音太大')",
            run: "click",
        },
        {
            content: "The answer is on the page",
            trigger: ".o_hoa_reply:contains('已更换3号楼电梯曳引机减震垫')",
        },
        {
            content: "Thank the service centre in the chatter",
            trigger: "#chatterRoot:shadow .o-mail-Composer-input",
            run: "edit 谢谢，已确认噪音消除。",
        },
        {
            trigger: "#chatterRoot:shadow .o-mail-Composer-send:enabled",
            run: "click",
        },
        {
            trigger: "#chatterRoot:shadow .o-mail-Message:contains('谢谢，已确认噪音消除。')",
        },
    ],
});

tours.add("hoa_portal_answer_matter", {
    url: "/my/committee/matters",
    steps: () => [
        {
            trigger: "tr.o_hoa_row a:contains('Repair the roof of building 5')",
            run: "click",
        },
        {
            content: "A member does not answer for the committee",
            trigger: "form.o_hoa_opinion_form",
        },
        {
            trigger: "body:not(:has(form.o_hoa_answer_form, button.o_hoa_approve))",
        },
        {
            content: "Confirm receipt of the report",
            trigger: "button.o_hoa_confirm_receipt",
            run: "click",
        },
        {
            trigger: ".o_hoa_receipt",
        },
        {
            content: "Give my own opinion",
            trigger: "#hoa_opinion_text",
            run: "edit 同意，请在施工前张贴公告。",
        },
        {
            trigger: "button.o_hoa_opinion_agree",
            run: "click",
        },
        {
            content: "My opinion is recorded as mine",
            trigger: ".o_hoa_opinion:contains('同意，请在施工前张贴公告。')",
        },
        {
            trigger: "body:not(:has(.o_hoa_answer))",
        },
    ],
});

tours.add("hoa_portal_cast_ballot", {
    url: "/my/decisions",
    steps: () => [
        {
            trigger: "tr.o_hoa_row a:contains('Use the fund for the lifts')",
            run: "click",
        },
        {
            content: "Choose to agree",
            trigger: "label[for=hoa_choice_agree]",
            run: "click",
        },
        {
            trigger: "button.o_hoa_vote",
            run: "click",
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
            trigger: ".o_hoa_ballot",
        },
    ],
});
