/**
 * Background jobs, run in Chinese by tests/test_background_tours.py: the
 * leadership refreshes the compliance dashboard of more estates than a
 * click computes at once, is told the work was queued, and finds the job
 * with its progress under 报表 › 后台任务. Selectors use names and classes.
 */
import { registry } from "@web/core/registry";
import { pageSettled } from "@hoa_committee/../tests/tours/hoa_tour_steps";

registry.category("web_tour.tours").add("hoa_background_refresh_queued", {
    steps: () => [
        {
            content: "The compliance dashboard",
            trigger: ".o_hoa_compliance_kanban",
        },
        {
            content: "Refresh every estate's figures",
            trigger: ".o_control_panel button[name=action_refresh]",
            run: "click",
        },
        {
            content: "Too many estates for one click: the work is queued",
            trigger: ".o_notification:contains(已加入后台任务)",
        },
        {
            content: "Open the reporting menu",
            trigger: ".o_menu_sections button:contains(报表)",
            run: "click",
        },
        {
            content: "Open the background jobs",
            trigger: ".dropdown-menu .dropdown-item:contains(后台任务)",
            run: "click",
        },
        {
            content: "The queued refresh is there, with its progress",
            trigger:
                ".o_list_view .o_data_row:contains(合规数据重算):contains(排队中) .o_progressbar",
        },
        {
            content: "Open it",
            trigger: ".o_data_row:contains(合规数据重算) td[name=name]",
            run: "click",
        },
        {
            content: "Its form shows who asked and how far it is",
            trigger: ".o_form_view .o_hoa_job_progress .o_progressbar",
        },
        pageSettled(),
    ],
});
