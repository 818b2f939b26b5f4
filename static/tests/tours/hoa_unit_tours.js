/**
 * Back-office flows on units, run in Chinese by tests/test_unit_tours.py as
 * the service-centre head. Selectors use field names and classes; the search
 * and group-by entries, which carry no name, are found by their label.
 */
import { registry } from "@web/core/registry";
import { pageSettled } from "@hoa_committee/../tests/tours/hoa_tour_steps";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

/** The label of the Building field and filter, in Chinese */
const withLabel = (selector) => `${selector}:contains(楼栋)`;

/**
 * 房屋 › 新建, then type the estate in its dropdown and pick it.
 */
function newUnitPickingEstate(estate) {
    return [
        {
            content: "Units",
            trigger: 'a[data-menu-xmlid="hoa_committee.hoa_unit_menu"]',
            run: "click",
        },
        {
            content: "New unit",
            trigger: "button.o_list_button_add",
            run: "click",
        },
        {
            content: "Type the estate",
            trigger: ".o_field_widget[name=community_id] input",
            run: `edit ${estate.slice(0, 2)}`,
        },
        {
            content: "and pick it from the dropdown",
            trigger: `.o-autocomplete--dropdown-item:contains(${estate})`,
            run: "click",
        },
        {
            trigger: `.o_field_widget[name=community_id] input:value(${estate})`,
        },
    ];
}

registry.category("web_tour.tours").add("hoa_unit_buildings", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("hoa_committee.hoa_menu_root", "Owners' committees"),
        {
            content: "Estates menu",
            trigger: 'button[data-menu-xmlid="hoa_committee.hoa_menu_estates"]',
            run: "click",
        },
        ...newUnitPickingEstate("亮马河南岸家园"),
        {
            content: "Type the unit as the estate names it",
            trigger: ".o_field_widget[name=name] input",
            run: "edit 12栋2单元1203",
        },
        {
            content: "and its registered area (the unit's area follows it)",
            trigger: ".o_field_widget[name=registered_area] input",
            run: "edit 105.7",
        },
        ...stepUtils.saveForm(),
        {
            content: "The building is read from the name",
            trigger: ".o_field_widget[name=building] input:value(12)",
        },
        {
            trigger: ".o_field_widget[name=entrance] input:value(2)",
        },
        {
            trigger: ".o_field_widget[name=floor] input:value(12)",
        },
        {
            trigger: ".o_field_widget[name=room] input:value(1203)",
        },
        {
            content: "Back to the units",
            trigger: ".breadcrumb-item.o_back_button",
            run: "click",
        },
        {
            trigger: ".o_list_view .o_data_row",
        },
        {
            content: "Search the units of building 12",
            trigger: ".o_searchview_input",
            run: "edit 12",
        },
        {
            content: "as a building",
            trigger: withLabel(".o_searchview_autocomplete .o_menu_item"),
            run: "click",
        },
        {
            content: "Only building 12 is listed",
            trigger:
                ".o_list_view .o_data_row .o_data_cell[name=name]:contains(12栋2单元1203)",
        },
        {
            trigger:
                ".o_list_view:not(:has(.o_data_cell[name=name]:contains(3-2-1203)))",
        },
        {
            content: "Clear the search",
            trigger: ".o_searchview_facet .o_facet_remove",
            run: "click",
        },
        {
            trigger: ".o_list_view .o_data_cell[name=name]:contains(3-2-1203)",
        },
        {
            content: "Group the units by building",
            trigger: ".o_searchview_dropdown_toggler",
            run: "click",
        },
        {
            trigger: withLabel(".o_group_by_menu .o_menu_item"),
            run: "click",
        },
        {
            content: "One group per building",
            trigger: ".o_group_header:contains(12)",
        },
        {
            trigger: ".o_group_header:contains(3)",
            run: "click",
        },
        {
            content: "Building 3 holds its unit",
            trigger: ".o_data_row .o_data_cell[name=name]:contains(3-2-1203)",
        },
        pageSettled(),
    ],
});
