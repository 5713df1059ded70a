import { registry } from "@web/core/registry";

// A visitor (no login) finds 居民户口簿遗失补发 by the pinyin initials "hkb" and opens its guide.
registry.category("web_tour.tours").add("gov_items_public_search", {
    url: "/gov/items",
    steps: () => [
        {
            content: "Type the pinyin initials of 户口簿",
            trigger: ".o_gov_item_search_form input[name=q]",
            run: "edit hkb",
        },
        {
            content: "Search",
            trigger: ".o_gov_item_search_form button[type=submit]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The item is found by its initials",
            trigger: ".o_gov_item_result .o_gov_item_name:contains(居民户口簿遗失补发)",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The item page shows its guide: title",
            trigger: "h1.o_gov_item_title:contains(居民户口簿遗失补发)",
        },
        {
            content: "… the materials to bring",
            trigger: ".o_gov_item_materials td:contains(居民身份证)",
        },
        {
            content: "… the steps",
            trigger: ".o_gov_item_steps li:contains(受理)",
        },
        {
            content: "… and the printable guide",
            trigger: "a.o_gov_item_pdf[href$='/guide.pdf']",
        },
    ],
});
