import { registry } from "@web/core/registry";

// An anonymous citizen looks for a centre open at weekends and opens its page.
registry.category("web_tour.tours").add("gov_site_finder", {
    url: "/gov",
    steps: () => [
        {
            content: "The finder lists the sites",
            trigger: ".o_gov_site_card",
        },
        {
            content: "Search the test district",
            trigger: "input[name='q']",
            run: "edit 测评区",
        },
        {
            content: "Only sites open at weekends",
            trigger: "input[name='weekend']",
            run: "check",
        },
        {
            content: "Search",
            trigger: "button.o_gov_finder_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "One site found, open it",
            trigger: ".o_gov_site_card a:contains('甲乡便民服务中心')",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The site page shows its tier and a navigation link",
            trigger: ".o_gov_site_name:contains('甲乡便民服务中心')",
        },
        {
            content: "Navigation link built from the coordinates",
            trigger: "a.o_gov_site_navigate[href*='uri.amap.com']",
        },
    ],
});
