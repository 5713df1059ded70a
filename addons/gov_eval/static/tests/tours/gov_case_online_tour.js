import { registry } from "@web/core/registry";

// A citizen applies online: finds the item by its pinyin initials, fills the form prefilled from
// their account, uploads a scan for each material and submits.
registry.category("web_tour.tours").add("gov_case_online_apply", {
    steps: () => [
        {
            trigger: "input[name=q]",
            run: "edit bjcswsjz",
        },
        {
            trigger: "form[role=search] button[type=submit]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger: ".o_gov_apply_item:contains('办件测试网上救助申请')",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "the form is prefilled from the account",
            trigger: "input[name=applicant_name]:value('王网办')",
        },
        {
            trigger: "input[name=id_number_input]",
            run: "edit 11010519491231002X",
        },
        {
            content: "a scan for every material (a test cannot pick a file from the disk)",
            trigger: ".o_gov_apply_material input[type=file]",
            run() {
                for (const input of document.querySelectorAll(".o_gov_apply_material input[type=file]")) {
                    const transfer = new DataTransfer();
                    transfer.items.add(
                        new File(["%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"], "扫描件.pdf", {
                            type: "application/pdf",
                        })
                    );
                    input.files = transfer.files;
                }
            },
        },
        {
            trigger: ".o_gov_apply_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "submitted: the case page says so, with its number",
            trigger: ".o_gov_case_submitted",
        },
    ],
});

// Later, the same citizen follows the case from "My Cases" to its result.
registry.category("web_tour.tours").add("gov_case_online_follow", {
    steps: () => [
        {
            trigger: ".o_portal_my_doc_table tbody tr:first a",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "the milestones: submitted, accepted, decided, result ready",
            trigger: ".o_gov_case_timeline li:nth-child(4)",
        },
        {
            trigger: "a.o_gov_case_result_download[href*='/result']",
        },
    ],
});
