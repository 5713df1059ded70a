import { registry } from "@web/core/registry";

// The district administrator changes a published item: a new revision is drafted, changed
// and published; the old revision stays as history.
registry.category("web_tour.tours").add("gov_items_revision", {
    steps: () => [
        {
            content: "The published item cannot be edited in place: draft a new revision",
            trigger: ".o_form_view .o_statusbar_status button[data-value=published].o_arrow_button_current",
        },
        {
            trigger: ".o_form_view button[name=action_new_revision]",
            run: "click",
        },
        {
            content: "The revision is a draft",
            trigger: ".o_form_view .o_statusbar_status button[data-value=draft].o_arrow_button_current",
        },
        {
            content: "Shorten the promised time limit",
            trigger: ".o_form_view .o_field_widget[name=promised_time_limit] input",
            run: "edit 15",
        },
        {
            content: "Say what the revision changes",
            trigger: ".o_form_view .o_notebook a.nav-link[name=revisions]",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=change_note] textarea",
            run: "edit 承诺时限由20个工作日压缩为15个工作日",
        },
        {
            content: "Publish the revision",
            trigger: ".o_form_view button[name=action_publish]",
            run: "click",
        },
        {
            content: "The revision is published",
            trigger: ".o_form_view .o_statusbar_status button[data-value=published].o_arrow_button_current",
        },
    ],
});
