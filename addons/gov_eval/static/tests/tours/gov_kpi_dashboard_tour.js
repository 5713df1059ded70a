import { registry } from "@web/core/registry";

// The district administrator opens the KPI dashboard: the figures against the targets, a missed
// target in red; changes the period; clicks the satisfaction card and gets the ratings behind it.
registry.category("web_tour.tours").add("gov_kpi_dashboard", {
    steps: () => [
        {
            content: "the dashboard with its cards and the row of each centre",
            trigger: ".o_gov_kpi_dashboard .o_gov_kpi_card[data-figure=satisfaction]",
        },
        {
            content: "a target missed this year is shown in red",
            trigger: ".o_gov_kpi_card.o_gov_kpi_missed .text-danger",
        },
        {
            content: "choose this year",
            trigger: "select.o_gov_kpi_period",
            run: "select year",
        },
        {
            content: "the centres of the district",
            trigger: ".o_gov_kpi_centres tbody tr td.o_gov_kpi_cell",
        },
        {
            content: "open the ratings behind the satisfaction",
            trigger: ".o_gov_kpi_card[data-figure=satisfaction]",
            run: "click",
        },
        {
            content: "the list of the ratings",
            trigger: ".o_list_view .o_data_row",
        },
    ],
});
