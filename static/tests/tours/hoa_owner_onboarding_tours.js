/**
 * Owners' onboarding, run in Chinese by tests/test_owner_onboarding_tours.py:
 * an owner registers at /hoa/register and lands in the portal; the head
 * invites every owner of an estate and reads the run's progress and report.
 */
import { registry } from "@web/core/registry";
import { pageSettled } from "@hoa_committee/../tests/tours/hoa_tour_steps";

const tours = registry.category("web_tour.tours");

tours.add("hoa_owner_register", {
    steps: () => [
        {
            content: "Choose the estate",
            trigger: ".o_hoa_register_form select[name=community_id]",
            run: "selectByLabel 丁香园",
        },
        {
            content: "Type the unit",
            trigger: ".o_hoa_register_form input[name=unit]",
            run: "edit 9-1-0101",
        },
        {
            content: "Type the owner's name",
            trigger: ".o_hoa_register_form input[name=name]",
            run: "edit 周业主",
        },
        {
            content: "Type the last four digits of the mobile number",
            trigger: ".o_hoa_register_form input[name=digits]",
            run: "edit 0009",
        },
        {
            content: "Choose a password",
            trigger: ".o_hoa_register_form input[name=password]",
            run: "edit owner-pass-1",
        },
        {
            content: "Type it again",
            trigger: ".o_hoa_register_form input[name=confirm_password]",
            run: "edit owner-pass-1",
        },
        {
            content: "Register",
            trigger: ".o_hoa_register_submit",
            run: "click",
        },
        {
            content: "The owner is in the portal",
            trigger: ".o_portal_my_home",
        },
        pageSettled(),
    ],
});

tours.add("hoa_owner_invite", {
    steps: () => [
        {
            content: "Open the estate",
            trigger: ".o_kanban_record:contains(丁香园)",
            run: "click",
        },
        {
            content: "Invite its owners",
            trigger: ".o_form_view button[name=action_invite_owners]",
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The run shows its progress",
            trigger: ".o_form_view .o_field_widget[name=progress] .o_progressbar",
        },
        {
            content: "Three owners to invite",
            trigger: ".o_form_view .o_field_widget[name=total]:contains(3)",
        },
        pageSettled(),
    ],
});

tours.add("hoa_owner_invitation_report", {
    steps: () => [
        {
            content: "Open the finished run",
            trigger: ".o_data_row .o_data_cell:contains(丁香园)",
            run: "click",
        },
        {
            content: "Two owners invited",
            trigger: ".o_form_view .o_field_widget[name=invited_count]:contains(2)",
        },
        {
            content: "The owner without mobile or email is reported",
            trigger: ".o_field_widget[name=failure_ids] .o_data_row:contains(孙业主)",
        },
        pageSettled(),
    ],
});
