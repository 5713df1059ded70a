/* The rating form (好差评): show the bad-review reasons only when 不满意 or 非常不满意 is chosen.
 * Plain script, no framework; without it the reasons stay visible and the server checks them. */
(function () {
    "use strict";
    function setup(form) {
        var reasons = form.querySelector(".o_gov_rate_reasons");
        if (!reasons) {
            return;
        }
        var bad = (reasons.getAttribute("data-bad-levels") || "").split(",");
        function update() {
            var checked = form.querySelector("input[name=level]:checked");
            reasons.hidden = !(checked && bad.indexOf(checked.value) >= 0);
        }
        form.addEventListener("change", function (event) {
            if (event.target.name === "level") {
                update();
            }
        });
        update();
    }
    Array.prototype.forEach.call(document.querySelectorAll("form.o_gov_rate_form"), setup);
})();
