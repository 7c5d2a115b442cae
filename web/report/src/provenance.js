// #provenance: what the run was, on what inputs (with sizes and SHA-256), and the state
// of its accepted risks.
import { h, section, num, para } from "./util.js";

export function provenanceSection(data) {
  const run = data.run;
  const a = run.audit || {};
  const fields = [
    ["Scenario", `${a.name || "–"}`],
    ["Scenario file", h("code", null, a.scenario || "–")],
    ["Scenario SHA-256", h("code", { class: "hash" }, a.scenario_sha256 || "–")],
    ["Run", a.run ?? "–"],
    ["Policy", a.policy || "–"],
    ["Evidence as of", a.as_of || "–"],
    ["cleannet version", a.version || "–"],
    ["Started", a.started || "–"],
    ["Ended", a.ended || "–"],
    ["Fails on", a.fail_on || "–"],
    ["Accepted risks applied", a.suppressions_applied ? "yes" : "no"],
    ["Exit code", a.exit_code ?? "–"],
  ];
  const s = run.suppressions || {};
  const supList = (title, items) =>
    (items || []).length
      ? [h("h4", null, `${title} (${items.length})`), h("ul", null, items.map((x) => h("li", null, `${x.matches || ""}: ${x.reason || ""} — owner ${x.owner || "–"}, expires ${x.expires || "–"}`, x.source ? h("div", { class: "sub" }, x.source) : null)))]
      : null;
  return section(
    "provenance",
    "Provenance",
    h("dl", { class: "facts" }, fields.map(([k, v]) => [h("dt", null, k), h("dd", null, v)])),
    h(
      "table",
      { class: "data" },
      h("caption", null, `Inputs (${(run.inputs || []).length})`),
      h("thead", null, h("tr", null, ["Role", "Path", "Size (bytes)", "SHA-256"].map((x) => h("th", { scope: "col" }, x)))),
      h("tbody", null, (run.inputs || []).map((i) => h("tr", null, h("td", null, i.role), h("td", { class: "wrap" }, h("code", null, i.path)), h("td", { class: "n" }, num(i.size)), h("td", null, h("code", { class: "hash" }, i.sha256))))),
    ),
    h("h3", null, "Accepted risks"),
    para(`${num(s.suppressed ?? 0)} finding(s) accepted as risks in this run.`),
    supList("Expired (no longer applied)", s.expired),
    supList("Pending", s.pending),
    supList("Stale (match no finding)", s.stale),
  );
}
