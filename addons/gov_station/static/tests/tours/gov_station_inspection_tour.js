import { registry } from "@web/core/registry";

// A centre manager inspects one of their stations: every item met, the station reaches its tier.
registry.category("web_tour.tours").add("gov_station_inspection", {
    steps: () => [
        {
            content: "The station form is open",
            trigger: ".o_last_breadcrumb_item:contains('甲村便民服务站')",
        },
        {
            content: "Start an inspection",
            trigger: "button[name='action_new_inspection']",
            run: "click",
        },
        {
            content: "The checklist is loaded (八有 first)",
            trigger: ".o_field_widget[name='line_ids'] .o_data_row:contains('有场所')",
        },
        {
            content: "Mark the unchecked items as met",
            trigger: "button[name='action_mark_all_met']",
            run: "click",
        },
        {
            content: "Nothing left unchecked",
            trigger: ".o_field_widget[name='unchecked_count']:contains('0')",
        },
        {
            content: "Close the inspection",
            trigger: "button[name='action_done']",
            run: "click",
        },
        {
            content: "The inspection is done and the station has a tier",
            trigger: ".o_field_widget[name='achieved_tier']:contains('标准型')",
        },
    ],
});
