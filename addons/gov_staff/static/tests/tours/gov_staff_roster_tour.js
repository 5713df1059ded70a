import { registry } from "@web/core/registry";

// A centre manager opens next period's draft roster, generates the proposal from the A/B
// posts and the working calendar, checks it and publishes it.
registry.category("web_tour.tours").add("gov_staff_roster_tour", {
    steps: () => [
        {
            trigger: ".o_list_renderer .o_data_row td:contains('2031')",
            run: "click",
        },
        {
            trigger: ".o_form_view button[name=action_generate]",
            run: "click",
        },
        {
            content: "the proposal lists the shifts",
            trigger: ".o_field_widget[name=shift_ids] .o_data_row",
        },
        {
            content: "no gap in the proposal",
            trigger: ".o_field_widget[name=gap_count]:contains('0')",
        },
        {
            trigger: ".o_form_view button[name=action_publish]",
            run: "click",
        },
        {
            content: "published: the roster can only be set back to draft",
            trigger: ".o_form_view button[name=action_draft]",
        },
    ],
});
