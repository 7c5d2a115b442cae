// #changes: what is new, fixed, changed or unchanged since the scenario's previous run;
// #trend: findings per line over every stored run (SVG chart plus the same numbers as a table).
import { h, section, num, badge, para } from "./util.js";
import { scaleLinear, scalePoint } from "d3-scale";
import { line as d3line } from "d3-shape";

const groups = [
  ["new", "New", "findings"],
  ["fixed", "Fixed", "clean"],
  ["changed_evidence", "Changed evidence", "neutral"],
  ["unchanged", "Unchanged", "neutral"],
];

function findingList(items) {
  return h(
    "table",
    { class: "data" },
    h("thead", null, h("tr", null, ["Severity", "Line", "Organisation", "Subject", "Rule", "Fingerprint"].map((x) => h("th", { scope: "col" }, x)))),
    h(
      "tbody",
      null,
      items.map((f) =>
        h(
          "tr",
          null,
          h("td", null, badge(f.severity, f.severity)),
          h("td", null, f.line),
          h("td", null, f.organisation_name || f.organisation || "–"),
          h("td", { class: "wrap" }, f.subject, f.element && f.element !== f.subject ? h("div", { class: "sub" }, f.element) : null),
          h("td", null, f.rule),
          h("td", null, h("code", { class: "fp-short" }, f.fingerprint || "")),
        ),
      ),
    ),
  );
}

export function changesSection(data) {
  const d = data.diff;
  if (!d) return section("changes", "Changes since the previous run", para("This is the scenario's first stored run (or the run is not stored), so there is no earlier run to compare with."));
  const c = d.counts || {};
  const limit = 500;
  return section(
    "changes",
    "Changes since the previous run",
    para(`Run ${d.a?.run ?? "–"} (${d.a?.started || "–"}, as of ${d.a?.as_of || "–"}) compared with run ${d.b?.run ?? "–"} (${d.b?.started || "–"}, as of ${d.b?.as_of || "–"}).`),
    h(
      "div",
      { class: "tiles" },
      groups.map(([k, label, kind]) => h("div", { class: "tile", "data-change": k }, h("div", { class: "tile-n" }, num(c[k] ?? (d[k] || []).length)), h("div", null, badge(kind, label)))),
    ),
    groups
      .filter(([k]) => k !== "unchanged" && (d[k] || []).length)
      .map(([k, label]) => [
        h("h3", null, `${label} (${num(d[k].length)})`),
        findingList(d[k].slice(0, limit)),
        d[k].length > limit ? para(`and ${num(d[k].length - limit)} more; the JSON diff has them all.`) : null,
      ]),
    (d.unchanged || []).length
      ? h("details", { class: "unchanged" }, h("summary", null, `Unchanged findings (${num(d.unchanged.length)})`), findingList(d.unchanged.slice(0, limit)))
      : null,
  );
}

function perLine(entry) {
  const m = new Map();
  for (const c of entry.counts || []) m.set(c.line, (m.get(c.line) || 0) + (c.findings || 0));
  return m;
}

const palette = ["#1f5fa8", "#b4462b", "#2e7d4f", "#7a4fa3", "#9a6a00", "#00748a", "#a1306b", "#555c66", "#5b7f1e", "#7c3d12"];

export function trendSection(data) {
  const hist = data.history || [];
  if (!hist.length) return section("trend", "Trend", para("The run is not stored, so there is no history to draw."));
  const per = hist.map(perLine);
  const lines = [...new Set(per.flatMap((m) => [...m.keys()]))].sort();
  const runs = hist.map((e) => String(e.run));
  const W = 820, H = 300, M = { t: 16, r: 170, b: 40, l: 64 };
  const x = scalePoint().domain(runs).range([M.l, W - M.r]).padding(hist.length === 1 ? 0.5 : 0.1);
  const ymax = Math.max(1, ...hist.map((e) => e.findings || 0), ...per.flatMap((m) => [...m.values()]));
  const y = scaleLinear().domain([0, ymax]).nice().range([H - M.b, M.t]);
  const path = d3line().x((d) => x(d[0])).y((d) => y(d[1]));
  const series = [["all lines", hist.map((e, i) => [runs[i], e.findings ?? [...per[i].values()].reduce((a, b) => a + b, 0)])], ...lines.map((l) => [l, per.map((m, i) => [runs[i], m.get(l) || 0])])];
  // Labels at the right end would overlap when lines end on the same value: spread them.
  const ends = series.map(([name, pts], i) => ({ name, i, y: y(pts[pts.length - 1][1]) })).sort((a, b) => a.y - b.y);
  for (let k = 1; k < ends.length; k++) ends[k].y = Math.max(ends[k].y, ends[k - 1].y + 13);
  const colour = (i) => (i === 0 ? "#111" : palette[(i - 1) % palette.length]);
  const svg = h(
    "svg:svg",
    { viewBox: `0 0 ${W} ${H + Math.max(0, ends[ends.length - 1].y - H + M.b)}`, class: "chart", role: "img", "aria-labelledby": "trend-title trend-desc" },
    h("svg:title", { id: "trend-title" }, "Findings per line over the scenario's runs"),
    h("svg:desc", { id: "trend-desc" }, series.map(([n, pts]) => `${n}: ${pts.map((p) => `run ${p[0]} ${p[1]}`).join(", ")}`).join("; ")),
    y.ticks(5).map((t) => h("svg:g", { class: "tick" }, h("svg:line", { x1: M.l, x2: W - M.r, y1: y(t), y2: y(t) }), h("svg:text", { x: M.l - 6, y: y(t), dy: "0.32em", "text-anchor": "end" }, num(t)))),
    runs.map((r) => h("svg:text", { class: "xlabel", x: x(r), y: H - M.b + 18, "text-anchor": "middle" }, `run ${r}`)),
    h("svg:text", { class: "xlabel", x: (M.l + W - M.r) / 2, y: H - 4, "text-anchor": "middle" }, "stored runs of the scenario, oldest first"),
    series.map(([name, pts], i) =>
      h(
        "svg:g",
        { class: `series${i === 0 ? " total" : ""}` },
        h("svg:path", { d: path(pts), stroke: colour(i), fill: "none", "stroke-dasharray": i === 0 ? "5 3" : null }),
        pts.map((p) => h("svg:circle", { cx: x(p[0]), cy: y(p[1]), r: 3, fill: colour(i) }, h("svg:title", null, `${name}, run ${p[0]}: ${p[1]}`))),
      ),
    ),
    ends.map((e) => h("svg:text", { class: "serieslabel", x: W - M.r + 8, y: e.y, dy: "0.32em", fill: colour(e.i) }, `${e.name} (${num(series[e.i][1][series[e.i][1].length - 1][1])})`)),
  );
  return section(
    "trend",
    "Trend",
    para(`Findings per line over the ${hist.length} stored run${hist.length === 1 ? "" : "s"} of scenario ${hist[hist.length - 1].scenario || ""}, accepted risks included.`),
    h("figure", null, svg),
    h(
      "table",
      { class: "data compact" },
      h("caption", null, "Findings per line and run"),
      h("thead", null, h("tr", null, h("th", { scope: "col" }, "Line"), hist.map((e) => h("th", { scope: "col", class: "n" }, `run ${e.run}`, h("div", { class: "sub" }, (e.started || "").slice(0, 10)))))),
      h(
        "tbody",
        null,
        lines.map((l) => h("tr", null, h("th", { scope: "row" }, l), per.map((m) => h("td", { class: "n" }, num(m.get(l) || 0))))),
      ),
      h("tfoot", null, h("tr", null, h("th", { scope: "row" }, "all lines"), hist.map((e) => h("td", { class: "n" }, num(e.findings))))),
    ),
  );
}
