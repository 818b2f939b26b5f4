/**
 * Portal flows of committee members and owners, run in Chinese by
 * tests/test_portal_tours.py. Selectors use classes and record data, never
 * interface text, so that the tours hold in every language.
 */
import { registry } from "@web/core/registry";
import { pageSettled } from "@hoa_committee/../tests/tours/hoa_tour_steps";

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
        pageSettled(),
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
        pageSettled(),
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
            trigger:
                "#chatterRoot:shadow .o-mail-Message:contains('谢谢，已确认噪音消除。')",
        },
        pageSettled(),
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
            content: "My receipt is recorded (the report was already delivered)",
            trigger: ".o_hoa_success",
        },
        {
            trigger: "body:not(:has(button.o_hoa_confirm_receipt))",
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
        pageSettled(),
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
        pageSettled(),
    ],
});

/**
 * A "Download (PDF)" button saves a PDF file: fetched as the browser does,
 * it answers 200 with a PDF as an attachment.
 */
function downloadsPdf(content) {
    return {
        content,
        trigger: "a.o_hoa_pdf[href*='download=true']",
        async run() {
            const response = await fetch(this.anchor.href);
            const type = response.headers.get("Content-Type");
            const disposition = response.headers.get("Content-Disposition") || "";
            if (
                response.status !== 200 ||
                type !== "application/pdf" ||
                !disposition.startsWith("attachment;")
            ) {
                throw new Error(
                    `${this.anchor.href} answered ${response.status} ${type} ${disposition}`
                );
            }
        },
    };
}

/** The day ``offset`` days from today, as a date input takes it. */
function isoDay(offset) {
    const day = new Date();
    day.setDate(day.getDate() + offset);
    const month = String(day.getMonth() + 1).padStart(2, "0");
    return `${day.getFullYear()}-${month}-${String(day.getDate()).padStart(2, "0")}`;
}

function setDate(trigger, offset) {
    return {
        trigger,
        run() {
            this.anchor.value = isoDay(offset);
        },
    };
}

function goHome() {
    return {
        content: "Back to /my",
        trigger: ".o_portal_submenu a[href='/my/home']",
        run: "click",
    };
}

tours.add("hoa_portal_chair_flow", {
    url: "/my",
    steps: () => [
        {
            content: "What waits for the chair comes first: the minutes to sign",
            trigger:
                ".o_hoa_waiting .o_hoa_waiting_sign a:contains('Portal tour meeting')",
        },
        {
            content: "and the report awaiting the committee",
            trigger:
                ".o_hoa_waiting .o_hoa_waiting_matter a:contains('Repair the roof of building 5')",
        },
        {
            content: "The cards show their counts",
            trigger:
                ".o_portal_index_card:not(.d-none) .o_hoa_count[data-counter=hoa_meeting_count]:contains(2)",
        },
        {
            trigger:
                ".o_portal_index_card:not(.d-none) .o_hoa_count[data-counter=hoa_matter_count]:contains(1)",
        },
        {
            content: "Open the minutes to sign",
            trigger: ".o_hoa_waiting_sign a",
            run: "click",
        },
        {
            trigger: "#minutes:contains('Repaint the fences of building 3')",
        },
        downloadsPdf("Download the minutes"),
        {
            content: "Sign them",
            trigger: "button.o_hoa_sign",
            run: "click",
        },
        {
            trigger: ".o_hoa_signed",
        },
        goHome(),
        {
            content: "The signed minutes no longer wait",
            trigger: ".o_hoa_waiting:not(:has(.o_hoa_waiting_sign))",
        },
        {
            content: "Open the report",
            trigger: ".o_hoa_waiting_matter a",
            run: "click",
        },
        downloadsPdf("Download the letter"),
        goHome(),
        {
            content: "Meetings",
            trigger: ".o_portal_index_card a[href='/my/committee/meetings']",
            run: "click",
        },
        {
            trigger: "tr.o_hoa_row a:contains('Download test')",
            run: "click",
        },
        downloadsPdf("Download the meeting notice"),
        goHome(),
        {
            content: "Inquiries",
            trigger: ".o_portal_index_card a[href='/my/committee/inquiries']",
            run: "click",
        },
        {
            trigger: "tr.o_hoa_row a:contains('Lift 3 is noisy')",
            run: "click",
        },
        {
            trigger: ".o_hoa_reply",
        },
        downloadsPdf("Download the reply letter"),
        goHome(),
        {
            content: "Income and expenditure",
            trigger: ".o_portal_index_card a[href='/my/committee/disclosures']",
            run: "click",
        },
        {
            trigger: "tr.o_hoa_row a",
            run: "click",
        },
        downloadsPdf("Download the statement"),
        pageSettled(),
    ],
});

tours.add("hoa_portal_member_notice", {
    url: "/my",
    steps: () => [
        {
            content: "The member's minutes to sign wait at the top of /my",
            trigger:
                ".o_hoa_waiting .o_hoa_waiting_sign a:contains('Portal tour meeting')",
        },
        {
            content: "Notices, with their count",
            trigger:
                ".o_portal_index_card:not(.d-none):has(.o_hoa_count[data-counter=hoa_notice_count]:contains(1)) a[href='/my/committee/notices']",
            run: "click",
        },
        {
            content: "Ask for a notice",
            trigger: "a.o_hoa_new",
            run: "click",
        },
        {
            trigger: "#hoa_title",
            run: "edit 停水通知",
        },
        {
            trigger: "#hoa_body",
            run: "edit 周二9:00至12:00停水，请提前储水。",
        },
        setDate("#hoa_date_from", -10),
        setDate("#hoa_date_to", -3),
        {
            content: "Send it with a period already over",
            trigger: "button.o_hoa_submit",
            run: "click",
        },
        {
            content: "It is refused with a readable message naming the period, the input kept",
            trigger: `.o_hoa_error:contains(${isoDay(-10)}):contains(${isoDay(-3)})`,
        },
        {
            trigger: "#hoa_title[value='停水通知']",
        },
        setDate("#hoa_date_from", 1),
        setDate("#hoa_date_to", 4),
        {
            trigger: "button.o_hoa_submit",
            run: "click",
        },
        {
            content: "Sent, awaiting the head's review",
            trigger: ".o_hoa_success",
        },
        {
            trigger: "h4:contains('停水通知')",
        },
        pageSettled(),
    ],
});
