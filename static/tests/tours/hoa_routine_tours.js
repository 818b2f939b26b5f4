/**
 * Routine meetings and the owners' assembly in the back office, in Chinese
 * (tests/test_routine_tours.py): the head names the minutes keeper, takes
 * the attendance, holds the meeting and sees the absent supervisor flagged;
 * then sets the estate's owners' assembly interval. Selectors use field
 * names and classes, never interface text.
 */
import { registry } from "@web/core/registry";
import { pageSettled } from "@hoa_committee/../tests/tours/hoa_tour_steps";

const { DateTime } = luxon;

function attendanceRow(name) {
    return `.o_field_widget[name=attendance_ids] .o_data_row:contains('${name}')`;
}

registry.category("web_tour.tours").add("hoa_routine_meeting_backoffice", {
    steps: () => [
        {
            content: "Create a meeting",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=name] input",
            run: "edit 第四季度例行工作会议",
        },
        {
            content: "A routine meeting",
            trigger: ".o_field_widget[name=meeting_type] select",
            run: 'select "routine"',
        },
        {
            trigger: ".o_field_widget[name=community_id] input",
            run: "edit 亮马",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains('亮马花园')",
            run: "click",
        },
        {
            content: "The committee follows the estate",
            trigger: ".o_field_widget[name=committee_id] input:value(亮马花园业主委员会)",
        },
        {
            content: "The minutes keeper defaults to the housekeeping supervisor",
            trigger: ".o_field_widget[name=minutes_keeper_id] input:value(李管家)",
        },
        {
            content: "The head names the staff secretary instead",
            trigger: ".o_field_widget[name=minutes_keeper_id] input",
            run: "edit 王秘",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains('王秘书')",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=date_start] input",
            run: `edit ${DateTime.now().plus({ days: 3 }).toFormat("yyyy-MM-dd")} 09:30:00`,
        },
        {
            trigger: ".o_field_widget[name=location] input",
            run: "edit 物业服务中心会议室",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Propose it to the chair",
            trigger: ".o_form_saved button[name=action_propose]",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value=proposed]",
        },
        {
            content: "Open the attendance",
            trigger: ".o_notebook .nav-link[name=attendance]",
            run: "click",
        },
        {
            content: "The staff secretary attends as staff",
            trigger: attendanceRow("王秘书"),
        },
        ...["委员甲", "委员乙", "张经理", "王秘书"].map((name) => ({
            content: `${name} is present`,
            trigger: `${attendanceRow(name)} .o_field_widget[name=present] input`,
            run: "click",
        })),
        {
            content: "The meeting is held",
            trigger: ".o_form_statusbar button[name=action_hold]",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value=held]",
        },
        {
            content: "The absent housekeeping supervisor is flagged",
            trigger: ".o_hoa_staff_absent:contains('李管家')",
        },
        {
            content: "and the present head is not",
            trigger: ".o_hoa_staff_absent:not(:contains('张经理'))",
        },
        pageSettled(),
    ],
});

registry.category("web_tour.tours").add("hoa_assembly_backoffice", {
    steps: () => [
        {
            content: "Open the estate",
            trigger: ".o_kanban_record:contains('亮马花园')",
            run: "click",
        },
        {
            trigger: ".o_notebook .nav-link[name=liaison]",
            run: "click",
        },
        {
            content: "The rules of procedure say every 6 months",
            trigger: ".o_field_widget[name=assembly_interval_months] input",
            run: "edit 6",
        },
        {
            content: "The last assembly was held outside the addon",
            trigger: ".o_field_widget[name=last_assembly_date] input",
            run: "edit 2026-09-01",
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The next assembly is due six months later",
            trigger: ".o_form_saved .o_field_widget[name=next_assembly_due]:contains('2027')",
        },
        pageSettled(),
    ],
});
