import { registry } from "@web/core/registry";

// A window clerk takes an on-the-spot case (即办件) at the counter: the application, the materials
// checklist, acceptance, the decision at the window, the result and its delivery by post.
registry.category("web_tour.tours").add("gov_case_intake_tour", {
    steps: () => [
        {
            trigger: ".o_list_button_add, .o-kanban-button-new",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=item_id] input",
            run: "edit 巡游测试即办事项",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains('巡游测试即办事项')",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=applicant_name] input",
            run: "edit 张三丰",
        },
        {
            trigger: ".o_field_widget[name=id_number_input] input",
            run: "edit 11010519491231002X",
        },
        {
            trigger: ".o_field_widget[name=applicant_phone] input",
            run: "edit 13800000000",
        },
        {
            content: "the item's materials are the checklist",
            trigger: ".o_field_widget[name=material_ids] .o_data_row td[name=name]:contains('巡游申请书')",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=material_ids] .o_data_row.o_selected_row .o_field_widget[name=received] input",
            run: "click",
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "saved: the resident ID is shown masked",
            trigger: ".o_field_widget[name=id_number_input] input:value(1101**********002X)",
        },
        {
            trigger: ".o_form_view button[name=action_accept]",
            run: "click",
        },
        {
            content: "accepted: decided at the window",
            trigger: ".o_form_view button[name=action_approve]",
            run: "click",
        },
        {
            trigger: ".o_form_view button[name=action_result_ready]",
            run: "click",
        },
        {
            content: "the result is numbered",
            trigger: ".o_field_widget[name=result_number]:not(:empty)",
        },
        {
            trigger: ".o_field_widget[name=delivery_method] input[data-value=post]",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=tracking_number] input",
            run: "edit EMS1234567890",
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_view button[name=action_deliver]",
            run: "click",
        },
        {
            content: "delivered: the case can be closed",
            trigger: ".o_form_view button[name=action_close]",
        },
    ],
});
