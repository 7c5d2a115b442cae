// #summary: verdict per check, counts by line, severity and organisation, and the
// compliance view per framework measure.
import { h, section, num, badge, link, countBy, severities, para } from "./util.js";
import { checkVerdict } from "./data.js";

const verdictText = { clean: "clean", findings: "findings", errors: "errors" };

function checksTable(run) {
  return h(
    "table",
    { class: "data" },
    h("caption", null, "Verdict per check"),
    h("thead", null, h("tr", null, ["Check", "Line", "Verdict", "Findings", "Accepted risks", "Errors"].map((x, i) => h("th", { scope: "col", class: i === 3 || i === 4 ? "n" : null }, x)))),
    h(
      "tbody",
      null,
      (run.checks || []).map((c) => {
        const v = checkVerdict(c);
        const counts = c.counts || {};
        return h(
          "tr",
          null,
          h("th", { scope: "row" }, c.name, h("div", { class: "sub" }, c.command || c.kind || "")),
          h("td", null, c.line),
          h("td", null, badge(v, verdictText[v])),
          h("td", { class: "n" }, num(counts.findings)),
          h("td", { class: "n" }, num(counts.suppressed)),
          h("td", null, (c.errors || []).length ? h("ul", { class: "plain" }, c.errors.map((e) => h("li", null, String(e)))) : "none"),
        );
      }),
    ),
  );
}

function countList(title, entries, attr, total) {
  const max = Math.max(1, ...entries.map(([, n]) => n));
  return h(
    "table",
    { class: "data counts" },
    h("caption", null, title),
    h("thead", null, h("tr", null, h("th", { scope: "col" }, attr === "data-count-organisation" ? "Organisation" : title.replace("By ", "").replace(/^./, (c) => c.toUpperCase())), h("th", { scope: "col", class: "n" }, "Findings"), h("th", { scope: "col" }, h("span", { class: "sr-only" }, "Share")))),
    h(
      "tbody",
      null,
      entries.map(([k, n, label]) =>
        h(
          "tr",
          null,
          h("th", { scope: "row" }, label ?? k),
          h("td", { class: "n", [attr]: k }, String(n)),
          h("td", { class: "bar-cell", "aria-hidden": "true" }, h("span", { class: "bar", style: `width:${((100 * n) / max).toFixed(1)}%` })),
        ),
      ),
    ),
    total !== undefined ? h("tfoot", null, h("tr", null, h("th", { scope: "row" }, "Total"), h("td", { class: "n" }, String(total)), h("td"))) : null,
  );
}

function complianceTable(run) {
  const items = run.compliance || [];
  if (!items.length) return para("The run has no compliance view.");
  const statusKind = (s) => (s === "findings" ? "findings" : s === "clean" || s === "no findings" ? "clean" : "neutral");
  return h(
    "table",
    { class: "data" },
    h("caption", null, "Compliance per framework measure"),
    h("thead", null, h("tr", null, ["Measure", "Framework", "Title and source", "Status", "Findings", "Accepted risks"].map((x, i) => h("th", { scope: "col", class: i >= 4 ? "n" : null }, x)))),
    h(
      "tbody",
      null,
      items.map((m) =>
        h(
          "tr",
          null,
          h("th", { scope: "row", class: "nowrap" }, m.id),
          h("td", { class: "nowrap" }, m.framework),
          h("td", null, m.title, h("div", { class: "sub" }, link(m.source_url, "source"), m.source_date ? `, ${m.source_date}` : "")),
          h("td", null, badge(statusKind(m.status), m.status)),
          h("td", { class: "n" }, num(m.findings)),
          h("td", { class: "n" }, num(m.suppressed)),
        ),
      ),
    ),
  );
}

export function summarySection(data, findings) {
  const run = data.run;
  const t = run.totals || {};
  const byLine = [...countBy(findings, (x) => x.line)].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const sevMap = countBy(findings, (x) => x.severity);
  const bySev = [...severities.filter((s) => sevMap.has(s)), ...[...sevMap.keys()].filter((s) => !severities.includes(s))].map((s) => [s, sevMap.get(s)]);
  const names = new Map(findings.map((x) => [x.org, x.f.organisation_name]));
  const byOrgAll = [...countBy(findings, (x) => x.org)].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const byOrg = byOrgAll.slice(0, 15).map(([k, n]) => [k, n, k ? [names.get(k) || k, h("div", { class: "sub" }, k)] : "no organisation"]);
  const checks = run.checks || [];
  const failing = checks.filter((c) => checkVerdict(c) !== "clean").length;
  const a = run.audit || {};
  const overall = a.exit_code === 0 ? "clean" : a.exit_code === 1 ? "findings" : "errors";
  const overallText = a.exit_code === 0 ? `passes (fail-on ${a.fail_on || "–"})` : a.exit_code === 1 ? `fails (fail-on ${a.fail_on || "–"})` : `did not complete (exit ${a.exit_code ?? "–"})`;

  return section(
    "summary",
    "Summary",
    h(
      "div",
      { class: "tiles" },
      h("div", { class: "tile" }, h("div", { class: "tile-n", "data-testid": "total-findings" }, String(t.findings ?? findings.length)), h("div", null, "findings in total")),
      h("div", { class: "tile" }, h("div", { class: "tile-n" }, String(t.suppressed ?? 0)), h("div", null, "accepted risks (suppressed)")),
      h("div", { class: "tile" }, h("div", { class: "tile-n" }, `${failing} / ${checks.length}`), h("div", null, "checks with findings or errors")),
      h("div", { class: "tile" }, h("div", { class: "tile-n" }, badge(overall, overallText)), h("div", null, "the run against its fail-on threshold")),
    ),
    checksTable(run),
    h(
      "div",
      { class: "grid3" },
      countList("By line", byLine, "data-count-line", findings.length),
      countList("By severity", bySev, "data-count-severity", findings.length),
      h(
        "div",
        null,
        countList("By organisation", byOrg, "data-count-organisation"),
        byOrgAll.length > byOrg.length ? para(`and ${num(byOrgAll.length - byOrg.length)} more organisations (see the findings table).`) : null,
      ),
    ),
    complianceTable(run),
  );
}
