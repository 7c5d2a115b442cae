// #plan: the path check's demands (clean or not, what is denied on the route, the clean
// alternative) and the rip-and-replace plan when the run has one.
import { h, section, num, badge, para } from "./util.js";

const route = (r) => (r ? `${(r.devices || []).join(" → ")}${r.cost != null ? ` (cost ${num(r.cost)})` : ""}${r.given ? ", given path" : ""}` : "none");

function demandsTable(c) {
  const ds = c.summary.demands;
  return [
    h("h3", null, `Demands of check ${c.name}`),
    c.summary.network ? para(`Network ${c.summary.network.name || "–"}${c.summary.network.synthetic ? " (synthetic estate)" : ""}: ${num(c.summary.network.devices)} devices, ${num(c.summary.network.links)} links; policy ${c.summary.policy || "–"} as of ${c.summary.as_of || "–"}.`) : null,
    h(
      "table",
      { class: "data" },
      h("thead", null, h("tr", null, ["Demand", "Traffic class", "Verdict", "Routed path", "Denied on the route", "Clean alternative"].map((x) => h("th", { scope: "col" }, x)))),
      h(
        "tbody",
        null,
        ds.map((d) =>
          h(
            "tr",
            null,
            h("th", { scope: "row", class: "nowrap" }, d.id, h("div", { class: "sub" }, `${d.source} → ${d.destination}`)),
            h("td", null, d.traffic_class || "–"),
            h("td", null, badge(d.clean ? "clean" : "findings", d.clean ? "clean" : "not clean")),
            h("td", { class: "wrap" }, route(d.routed)),
            h("td", { class: "wrap" }, [...(d.denied_on_route || []), ...(d.warned_on_route || []).map((w) => `${w} (warned)`)].join(", ") || "nothing"),
            h("td", { class: "wrap" }, d.clean ? "not needed" : d.clean_path_exists && d.alternative ? route(d.alternative) : "no clean path exists"),
          ),
        ),
      ),
    ),
  ];
}

function planBlock(c) {
  const p = c.summary.plan;
  return [
    h("h3", null, `Rip-and-replace plan (check ${c.name})`),
    para(`Method ${p.method}${p.exact ? " (proven optimal)" : ""}; total cost ${num(p.total_cost)}${p.lower_bound != null ? `, lower bound ${num(p.lower_bound)}` : ""}. ${p.note || ""}`),
    (p.replace || []).length
      ? h(
          "table",
          { class: "data" },
          h("caption", null, "Elements to replace"),
          h("thead", null, h("tr", null, ["Element", "Vendor", "Rule", "Traffic class", "Cost", "Serves demands"].map((x, i) => h("th", { scope: "col", class: i === 4 ? "n" : null }, x)))),
          h("tbody", null, p.replace.map((e) => h("tr", null, h("th", { scope: "row" }, `${e.kind} ${e.id}`), h("td", null, e.vendor || "–"), h("td", null, e.rule || "–"), h("td", null, e.traffic_class || "–"), h("td", { class: "n" }, `${num(e.cost)}${e.cost_from_inventory ? "" : " (default)"}`), h("td", null, (e.demands || []).join(", "))))),
        )
      : para("Nothing needs to be replaced."),
    (p.demands || []).length
      ? h(
          "table",
          { class: "data" },
          h("caption", null, "Demands under the plan"),
          h("thead", null, h("tr", null, ["Demand", "Outcome", "Path after the plan", "Replaced on it", "Reason"].map((x) => h("th", { scope: "col" }, x)))),
          h("tbody", null, p.demands.map((d) => h("tr", null, h("th", { scope: "row", class: "nowrap" }, d.id, h("div", { class: "sub" }, `${d.source} → ${d.destination}`)), h("td", null, badge(d.outcome === "impossible" ? "findings" : "clean", d.outcome)), h("td", { class: "wrap" }, route(d.path)), h("td", null, (d.replaced || []).join(", ") || "–"), h("td", null, d.reason || "")))),
        )
      : null,
  ];
}

export function planSection(data) {
  const checks = (data.run.checks || []).filter((c) => c.summary && typeof c.summary === "object");
  const withDemands = checks.filter((c) => Array.isArray(c.summary.demands) && c.summary.demands.length && "clean" in c.summary.demands[0]);
  const withPlan = checks.filter((c) => c.summary.plan && typeof c.summary.plan === "object");
  if (!withDemands.length && !withPlan.length) return section("plan", "Path and plan", para("The run has no path check, so there are no demands or replacement plan to show."));
  return section(
    "plan",
    "Path and plan",
    withDemands.map(demandsTable),
    withPlan.length ? withPlan.map(planBlock) : para("The run has no rip-and-replace plan: its path check did not ask for one."),
  );
}
