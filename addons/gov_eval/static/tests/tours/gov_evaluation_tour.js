import { registry } from "@web/core/registry";

// A citizen scans the receipt's rating QR code with a phone: chooses 非常不满意, sees the reasons
// appear, is told to give one, gives one and submits.
registry.category("web_tour.tours").add("gov_evaluation_rate", {
    steps: () => [
        {
            content: "the rating page of the case, reasons hidden until a bad level is chosen",
            trigger: "form.o_gov_rate_form",
            run() {
                if (!document.querySelector(".o_gov_rate_reasons").hidden) {
                    throw new Error("the reasons are shown before a bad level is chosen");
                }
            },
        },
        {
            content: "choose 5 非常不满意",
            trigger: "label[for=o_gov_level_5]",
            run: "click",
        },
        {
            content: "the reasons appear",
            trigger: ".o_gov_rate_reasons input[name=reason_ids]",
        },
        {
            content: "submit without a reason",
            trigger: ".o_gov_rate_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "the server says a reason is needed, the level is kept and the reasons shown",
            trigger: ".o_gov_rate_error",
            run() {
                if (!document.querySelector("#o_gov_level_5").checked) {
                    throw new Error("the chosen level was not kept");
                }
            },
        },
        {
            trigger: ".o_gov_rate_reasons label:first input[name=reason_ids]",
            run: "click",
        },
        {
            trigger: ".o_gov_rate_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "thank you, and the follow-up of a bad review",
            trigger: ".o_gov_rate_thanks .o_gov_rate_bad_followup",
        },
    ],
});
