/**
 * The committee's life cycle in the back office, run in Chinese by
 * tests/test_lifecycle_tours.py as the service-centre head: the first meeting
 * of a new committee, and the publication of a held meeting's resolutions
 * before its minutes are signed. Selectors use field and button names.
 */
import { registry } from "@web/core/registry";
import { pageSettled } from "@hoa_committee/../tests/tours/hoa_tour_steps";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("hoa_lifecycle_first_meeting", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("hoa_committee.hoa_menu_root", "Owners' committees"),
        {
            content: "Committees menu",
            trigger: 'button[data-menu-xmlid="hoa_committee.hoa_menu_committees"]',
            run: "click",
        },
        {
            content: "Committees",
            trigger: 'a[data-menu-xmlid="hoa_committee.hoa_committee_menu"]',
            run: "click",
        },
        {
            content: "Show every committee: the new one is still forming",
            trigger: ".o_searchview_facet .o_facet_remove",
            run: "click",
        },
        {
            content: "Open the newly elected committee",
            trigger: ".o_data_row td:contains(第二届业主委员会)",
            run: "click",
        },
        {
            content: "Its first meeting is due on the 7th day after the election",
            trigger: ".o_field_widget[name=first_meeting_deadline]:contains(2026)",
        },
        {
            content: "Not met yet and past the deadline: flagged late",
            trigger: ".o_hoa_first_meeting_late:contains(2026)",
        },
        {
            content: "Record the day the committee met",
            trigger: ".o_field_widget[name=first_meeting_date] input",
            run: "edit 2026-03-09",
        },
        ...stepUtils.saveForm(),
        {
            content: "Met on the 7th day: no longer late",
            trigger: ".o_form_view:not(:has(.o_hoa_first_meeting_late:visible))",
        },
        pageSettled(),
    ],
});

registry.category("web_tour.tours").add("hoa_lifecycle_publish_resolutions", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("hoa_committee.hoa_menu_root", "Owners' committees"),
        {
            content: "Meetings menu",
            trigger: 'button[data-menu-xmlid="hoa_committee.hoa_menu_meetings"]',
            run: "click",
        },
        {
            content: "Meetings",
            trigger: 'a[data-menu-xmlid="hoa_committee.hoa_meeting_menu"]',
            run: "click",
        },
        {
            content: "Open the held meeting",
            trigger: ".o_data_row td:contains(决议公布会议)",
            run: "click",
        },
        {
            content: "The resolutions tab",
            trigger: ".o_notebook a[name=resolutions]",
            run: "click",
        },
        {
            content: "Each resolution shows its publication deadline",
            trigger: ".o_field_widget[name=resolution_ids] td[name=publish_deadline]",
        },
        {
            content: "Publish before the minutes are signed",
            trigger: ".o_form_view button[name=action_publish_resolutions]",
            run: "click",
        },
        {
            content: "Published: the button is gone and the date is shown",
            trigger:
                ".o_form_view:not(:has(button[name=action_publish_resolutions])) td[name=published_date]:contains(2026)",
        },
        pageSettled(),
    ],
});
