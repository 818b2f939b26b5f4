/**
 * Phone width (390 px), run in Chinese by tests/test_mobile_tours.py: Odoo
 * shows an action's kanban below 768 px, and the cards of Overdue Now and of
 * the background jobs keep what the list's narrow columns lost: the
 * deadline and days overdue, the progress and the status.
 */
import { registry } from "@web/core/registry";
import { pageSettled } from "@hoa_committee/../tests/tours/hoa_tour_steps";

registry.category("web_tour.tours").add("hoa_mobile_overdue", {
    steps: () => [
        {
            content: "Overdue Now as cards on a phone, the deadline in sight",
            trigger:
                ".o_hoa_overdue_kanban .o_kanban_record:contains(电梯异响) .o_hoa_deadline:contains(期限):visible",
        },
        {
            content: "and how many days it is overdue",
            trigger:
                ".o_hoa_overdue_kanban .o_kanban_record:contains(电梯异响) .o_hoa_days_overdue:contains(逾期):visible",
        },
        {
            content: "A tap opens the inquiry itself",
            trigger: ".o_hoa_overdue_kanban .o_kanban_record:contains(电梯异响)",
            run: "click",
        },
        {
            content: "The inquiry's form",
            trigger: ".o_form_view .o_field_widget[name=subject] input:value(电梯异响)",
        },
        pageSettled(),
    ],
});

registry.category("web_tour.tours").add("hoa_mobile_background_jobs", {
    steps: () => [
        {
            content: "The background jobs as cards on a phone, with the progress",
            trigger:
                ".o_hoa_background_job_kanban .o_kanban_record:contains(合规数据重算) .o_progressbar:visible",
        },
        {
            content: "and the status",
            trigger:
                ".o_hoa_background_job_kanban .o_kanban_record:contains(合规数据重算) .o_field_badge:contains(排队中):visible",
        },
        pageSettled(),
    ],
});

/**
 * The portal's lists on a phone: a period's two dates are read whole (the
 * portal table cuts a cell at 10rem with "…"), and no list is wider than
 * the screen.
 */
function periodsReadWhole(content, row) {
    return {
        content,
        trigger: `tr.o_hoa_row:contains(${row}) td.o_hoa_period`,
        run() {
            const table = this.anchor.closest("table");
            const frame = table.parentElement;
            if (table.scrollWidth > frame.clientWidth) {
                throw new Error(
                    `the list is ${table.scrollWidth}px wide on a ${frame.clientWidth}px screen`
                );
            }
            for (const cell of table.querySelectorAll("td.o_hoa_period")) {
                for (const line of [cell, ...cell.children]) {
                    if (line.scrollWidth > line.clientWidth) {
                        throw new Error(`a date is cut: "${cell.innerText}"`);
                    }
                }
            }
        },
    };
}

registry.category("web_tour.tours").add("hoa_mobile_portal_periods", {
    steps: () => [
        periodsReadWhole("The notices, each posting period whole", "停水通知"),
        {
            content: "Open the owners' votes",
            trigger: "body",
            run: "goToUrl /my/decisions",
        },
        periodsReadWhole("The votes, each voting period whole", "使用维修资金更换电梯"),
        {
            content: "Open the committees",
            trigger: "body",
            run: "goToUrl /my/committees",
        },
        periodsReadWhole("The committees, each term whole", "第二届业主委员会"),
        pageSettled(),
    ],
});
