// Entry point: reads the run's DATA from script#cleannet-data and builds every section
// into #app. Nothing is fetched; the page is whole once this has run.
import { h } from "./util.js";
import { expandEvidence, flattenFindings } from "./data.js";
import { summarySection } from "./summary.js";
import { findingsSection } from "./findings.js";
import { changesSection, trendSection } from "./changes.js";
import { mapsSection } from "./maps.js";
import { planSection } from "./plan.js";
import { provenanceSection } from "./provenance.js";

const sections = [
  ["summary", "Summary"],
  ["findings", "Findings"],
  ["changes", "Changes"],
  ["trend", "Trend"],
  ["maps", "Maps"],
  ["plan", "Plan"],
  ["provenance", "Provenance"],
];

function header(data) {
  const a = data.run.audit || {};
  const synthetic = /synthetic/i.test(a.name || "");
  return h(
    "header",
    { class: "masthead" },
    h("p", { class: "kicker" }, "cleannet audit report"),
    h("h1", null, `${a.name || "audit"}`, h("span", { class: "run-id" }, ` run ${a.run ?? "–"}`)),
    h(
      "p",
      { class: "meta" },
      `Policy ${a.policy || "–"} · evidence as of ${a.as_of || "–"} · run started ${a.started || "–"} · cleannet ${a.version || "–"}`,
    ),
    synthetic ? h("p", { class: "synthetic", role: "note" }, "Synthetic data: this report was generated for testing and describes no real estate.") : null,
    h("nav", { "aria-label": "Sections", class: "toc" }, h("ul", null, sections.map(([id, t]) => h("li", null, h("a", { href: `#${id}` }, t))))),
  );
}

function main() {
  const app = document.getElementById("app");
  const el = document.getElementById("cleannet-data");
  let data;
  try {
    data = JSON.parse(el.textContent);
    if (!data || data.format !== "cleannet-report/2" || !data.run) throw new Error(`unexpected format ${data && data.format}`);
    expandEvidence(data);
  } catch (e) {
    app.append(h("main", null, h("h1", null, "cleannet audit report"), h("p", { role: "alert" }, `The report's data could not be read: ${e.message}`)));
    return;
  }
  const findings = flattenFindings(data.run);
  const main = h(
    "main",
    null,
    summarySection(data, findings),
    findingsSection(data, findings),
    changesSection(data),
    trendSection(data),
    mapsSection(data),
    planSection(data),
    provenanceSection(data),
  );
  app.append(header(data), main);
  // Closed <details> would print as their summary only: open them for printing.
  let closed = [];
  window.addEventListener("beforeprint", () => {
    closed = [...document.querySelectorAll("details:not([open])")];
    for (const d of closed) d.open = true;
  });
  window.addEventListener("afterprint", () => closed.forEach((d) => (d.open = false)));
  document.documentElement.dataset.rendered = "1";
  performance.mark("cleannet-rendered");
}

main();
