/**
 * The administrator's Verify in the seals list says what it found, run in
 * Chinese by tests/test_seal_chain.py.
 */
import { registry } from "@web/core/registry";
import { pageSettled } from "@hoa_committee/../tests/tours/hoa_tour_steps";

registry.category("web_tour.tours").add("hoa_seal_verify_notifies", {
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
            content: "What it found is shown",
            trigger: ".o_notification:contains(与记录不符)",
        },
        {
            content: "The altered seal is marked in red",
            trigger: ".o_data_row.text-danger",
        },
        pageSettled(),
    ],
});
