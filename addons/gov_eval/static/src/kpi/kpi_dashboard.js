import { Component, onWillStart, useState } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";

/**
 * The district's KPI dashboard (gov.kpi.dashboard.get_dashboard): the plan's figures against their
 * targets for a period, one row per centre, the trend of the last 12 months. Every figure opens the
 * records behind it (gov.kpi.dashboard.action_drill); the server computes and formats everything.
 */
export class GovKpiDashboard extends Component {
    static template = "gov_eval.KpiDashboard";
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.state = useState({ period: "month", data: null });
        this.cards = [
            { key: "accepted", target: false },
            { key: "decided", target: false },
            { key: "one_window", target: "one_window" },
            { key: "on_time", target: "on_time" },
            { key: "satisfaction", target: "satisfaction" },
            { key: "rectification", target: "rectification" },
            { key: "work_days", target: false },
            { key: "work_days_p90", target: false },
            { key: "online", target: false },
            { key: "agent", target: false },
            { key: "outreach_count", target: false },
            { key: "evaluated", target: false },
            { key: "bad", target: false },
            { key: "callback", target: false },
            { key: "complaints", target: false },
            { key: "unresolved", target: false },
            { key: "waiting", target: false },
            { key: "no_show", target: false },
        ];
        this.columns = [
            "accepted",
            "decided",
            "on_time",
            "work_days",
            "work_days_p90",
            "one_window",
            "online",
            "agent",
            "outreach_count",
            "evaluated",
            "satisfaction",
            "bad",
            "rectification",
            "complaints",
            "waiting",
            "no_show",
        ];
        onWillStart(() => this.load());
    }

    async load() {
        this.state.data = await this.orm.call("gov.kpi.dashboard", "get_dashboard", [this.state.period]);
    }

    async onPeriodChange(ev) {
        this.state.period = ev.target.value;
        await this.load();
    }

    async drill(figure, centreId = false) {
        const action = await this.orm.call("gov.kpi.dashboard", "action_drill", [
            figure,
            this.state.period,
            centreId,
        ]);
        await this.action.doAction(action);
    }

    openFigures() {
        return this.action.doAction("gov_eval.action_gov_kpi_fact");
    }

    isMissed(row, key) {
        return row.missed.includes(key);
    }

    trendHeight(value) {
        const max = Math.max(1, ...this.state.data.trend.map((month) => month.accepted));
        return `${Math.round((100 * value) / max)}%`;
    }
}

registry.category("actions").add("gov_kpi_dashboard", GovKpiDashboard);
