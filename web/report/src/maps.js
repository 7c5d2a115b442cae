// #maps: submarine cables coloured by verdict over Natural Earth land, a country map
// shading the per-country numbers of the run (cable, carrier or trace check), and the
// located devices of a path check's inventory (inventory-map.js), each with a table of the
// same numbers for readers who do not use the picture.
import { h, section, num, badge, para } from "./util.js";
import { geoNaturalEarth1, geoPath, geoBounds } from "d3-geo";
import { scaleSqrt } from "d3-scale";
import { feature } from "topojson-client";
import world from "world-atlas/countries-110m.json";
import { numericToAlpha2 } from "i18n-iso-countries/index.js";
import { inventoryMap } from "./inventory-map.js";

const countries = feature(world, world.objects.countries).features;
const iso = countries.map((c) => (c.id != null ? numericToAlpha2(c.id) : undefined) || "");
const nameOf = new Map(countries.map((c, i) => [iso[i], c.properties.name]).filter(([k]) => k));
const named = (code) => (nameOf.has(code) ? `${nameOf.get(code)} (${code})` : code);
const W = 960, H = 500;

const verdicts = [
  ["untrusted-supplier", "untrusted supplier"],
  ["untrusted-owner", "untrusted owner"],
  ["unknown", "unknown (no trusted or untrusted party)"],
  ["trusted", "trusted"],
];

const drawRank = (f) => ["unknown", "trusted", "untrusted-owner", "untrusted-supplier"].indexOf(f.properties.verdict);

function landPaths(path, cls) {
  return countries.map((c) => h("svg:path", { class: cls, d: path(c) }));
}

// The projection fits the cables (or the world when there are none) with a margin.
function fitProjection(fc) {
  const p = geoNaturalEarth1();
  if (!fc || !fc.features.length) return p.fitExtent([[8, 8], [W - 8, H - 8]], { type: "Sphere" });
  const [[x0, y0], [x1, y1]] = geoBounds(fc);
  const padX = Math.max(4, (x1 - x0) * 0.15), padY = Math.max(3, (y1 - y0) * 0.15);
  const box = { type: "Polygon", coordinates: [[[x0 - padX, y0 - padY], [x0 - padX, y1 + padY], [x1 + padX, y1 + padY], [x1 + padX, y0 - padY], [x0 - padX, y0 - padY]]] };
  // geoBounds crosses the antimeridian with x0 > x1: the whole world is the honest fit then.
  return x0 > x1 || x1 - x0 > 300 ? p.fitExtent([[8, 8], [W - 8, H - 8]], { type: "Sphere" }) : p.fitExtent([[8, 8], [W - 8, H - 8]], box);
}

function cableChecks(run) {
  return (run.checks || []).filter((c) => c.summary && Array.isArray(c.summary.cables));
}

function cableMap(data) {
  const fc = data.cables;
  const checks = cableChecks(data.run);
  if (!fc) return [h("h3", null, "Submarine cables"), para("The run has no cable check.")];
  const listed = new Set(checks.flatMap((c) => c.summary.cables.map((x) => x.id)));
  const drawn = new Set(fc.features.map((f) => f.properties.id));
  const noRoute = [...listed].filter((id) => !drawn.has(id)).length;
  const proj = fitProjection(fc);
  const path = geoPath(proj);
  const counts = new Map();
  for (const f of fc.features) counts.set(f.properties.verdict, (counts.get(f.properties.verdict) || 0) + 1);
  const attribution = [...new Set(checks.map((c) => c.summary.attribution).filter(Boolean))];
  const svg = h(
    "svg:svg",
    { id: "cable-map", class: `map${fc.features.length > 60 ? " dense" : ""}`, viewBox: `0 0 ${W} ${H}`, role: "img", "aria-labelledby": "cable-map-title" },
    h("svg:title", { id: "cable-map-title" }, `Map of ${fc.features.length} submarine cables coloured by verdict: ${verdicts.filter(([k]) => counts.get(k)).map(([k, t]) => `${counts.get(k)} ${t}`).join(", ")}`),
    h("svg:rect", { class: "sea", x: 0, y: 0, width: W, height: H }),
    h("svg:g", { class: "land" }, landPaths(path, "land")),
    h(
      "svg:g",
      { class: "cables" },
      // Untrusted cables are drawn last so that no other cable hides them.
      [...fc.features].sort((a, b) => drawRank(a) - drawRank(b)).map((f) =>
        h("svg:path", { class: "cable", d: path(f), "data-cable-id": f.properties.id, "data-verdict": f.properties.verdict }, h("svg:title", null, `${f.properties.name}: ${f.properties.verdict}${f.properties.clean ? ", clean" : ", not clean"}`)),
      ),
    ),
  );
  const legend = h(
    "ul",
    { class: "legend", "aria-label": "Cable verdicts" },
    verdicts.map(([k, t]) => h("li", null, h("span", { class: `swatch line c-${k}`, "aria-hidden": "true" }), `${t}: ${counts.get(k) || 0}`)),
  );
  const rows = checks.flatMap((c) =>
    c.summary.cables.map((x) =>
      h(
        "tr",
        null,
        h("th", { scope: "row" }, x.name, drawn.has(x.id) ? null : h("div", { class: "sub" }, "no route to draw")),
        h("td", null, badge(x.verdict === "trusted" ? "clean" : x.verdict === "unknown" ? "neutral" : "findings", x.verdict)),
        h("td", null, x.clean ? "yes" : "no"),
        h("td", null, (x.countries || []).join(", ")),
        h("td", { class: "n" }, x.rfs_year ?? "–"),
        h("td", { class: "n" }, x.length_km != null ? num(x.length_km) : "–"),
        h("td", { class: "wrap" }, (x.parties || []).map((p) => `${p.role}: ${p.organisation_name || p.text} (${p.status})`).join("; ")),
      ),
    ),
  );
  const s = checks[0] ? checks[0].summary : {};
  const losing = checks.flatMap((c) => c.summary.losing_clean || []);
  return [
    h("h3", null, "Submarine cables"),
    para(
      `Cables${s.country ? ` of ${s.country}` : ""} judged under policy ${s.policy || "–"} as of ${s.as_of || "–"}${s.include_planned ? ", planned cables included" : ""}${(s.without || []).length ? `, assuming without: ${s.without.join(", ")}` : ""}. ` +
        `${fc.features.length} drawn${noRoute ? `; ${noRoute} listed cable${noRoute === 1 ? " has" : "s have"} no route in the bundled data and ${noRoute === 1 ? "is" : "are"} not drawn` : ""}.`,
    ),
    h("figure", null, svg, legend, h("figcaption", { class: "attribution" }, attribution.join(" · "), attribution.length ? " · " : "", "Land: Natural Earth (public domain).")),
    h(
      "details",
      { class: "cable-table", open: rows.length <= 15 },
      h("summary", null, `The ${num(rows.length)} cables, their verdicts and parties`),
      h(
      "table",
      { class: "data" },
      h("caption", null, "Cables and their verdicts"),
      h("thead", null, h("tr", null, ["Cable", "Verdict", "Clean", "Countries", "Ready", "Length (km)", "Parties"].map((x) => h("th", { scope: "col" }, x)))),
      h("tbody", null, rows),
      ),
    ),
    losing.length ? para(`Countries that lose a clean connection to the targets: ${losing.map((x) => (typeof x === "string" ? x : x.code || x.country || JSON.stringify(x))).join(", ")}.`) : para("No country loses its clean cable connection to the targets."),
  ];
}

// A cable check's min-cut result: how many cables, and which, cut the connection.
const cutText = (cut) => `${num(cut.min_cut)}${(cut.cut_names || []).length ? `: ${cut.cut_names.join(", ")}` : ""}`;
function cutCells(x) {
  if (x.in_target) return ["in the target set", "–"];
  if (!x.clean) return ["–", "–"];
  const before = x.clean_before === undefined ? "" : x.clean_before ? " (had one before the cut)" : " (none before the cut either)";
  return x.clean.connected ? ["yes" + before, cutText(x.clean)] : ["no" + before, "–"];
}

// Each per-country data set the run offers: a value per ISO code, a caption and table rows.
function countryMetrics(run) {
  const out = [];
  for (const c of run.checks || []) {
    const s = c.summary;
    if (!s || typeof s !== "object") continue;
    if (Array.isArray(s.countries) && s.countries.length && "connected" in s.countries[0]) {
      out.push({
        id: `${c.name}-connected`,
        label: `${c.name}: ASes interconnected with untrusted carriers`,
        unit: "ASes connected",
        values: new Map(s.countries.map((x) => [x.country, (x.connected || []).length])),
        headers: ["Country", "ASes connected to untrusted carriers", "ASes in the country", "Share"],
        rows: s.countries.map((x) => [named(x.country), num((x.connected || []).length), num(x.ases), x.ases ? `${((100 * (x.connected || []).length) / x.ases).toFixed(1)} %` : "–"]),
      });
    }
    if (Array.isArray(s.countries) && s.countries.length && "clean_cables" in s.countries[0]) {
      out.push({
        id: `${c.name}-clean-cables`,
        label: `${c.name}: clean cables per country`,
        unit: "clean cables",
        values: new Map(s.countries.map((x) => [x.code, x.clean_cables])),
        headers: ["Country", "Clean cables", "Cables", "In target set", "Clean connection to the targets", "Smallest clean cut", "Loses clean connection"],
        rows: s.countries.map((x) => [`${x.name || x.code} (${x.code})`, num(x.clean_cables), num(x.cables), x.in_target ? "yes" : "no", ...cutCells(x), x.loses_clean ? "yes" : "no"]),
      });
      const outside = s.countries.filter((x) => !x.in_target && x.clean);
      if (outside.length) {
        out.push({
          id: `${c.name}-clean-cut`,
          label: `${c.name}: cables whose loss cuts the clean connection to the targets (0: no clean connection)`,
          unit: "cables in the smallest cut",
          values: new Map(outside.map((x) => [x.code, x.clean.connected ? x.clean.min_cut : 0])),
          special: { label: "in the target set", codes: new Set(s.countries.filter((x) => x.in_target).map((x) => x.code)) },
          headers: ["Country", "Clean connection to the targets", "Smallest clean cut", "Any connection", "Smallest cut of any connection"],
          rows: outside.map((x) => [`${x.name || x.code} (${x.code})`, ...cutCells(x), x.all && x.all.connected ? "yes" : "no", x.all && x.all.connected ? cutText(x.all) : "–"]),
        });
      }
    }
    if (Array.isArray(s.by_country) && s.by_country.length) {
      out.push({
        id: `${c.name}-traces`,
        label: `${c.name}: traceroutes not clean (untrusted or undetermined)`,
        unit: "traces not clean",
        values: new Map(s.by_country.map((x) => [x.key, (x.untrusted || 0) + (x.undetermined || 0)])),
        headers: ["Country", "Traces", "Clean", "Untrusted", "Undetermined"],
        rows: s.by_country.map((x) => [named(x.key), num(x.traces), num(x.clean), num(x.untrusted), num(x.undetermined)]),
      });
    }
  }
  // The data set covering most countries is the most informative default.
  return out.sort((a, b) => b.values.size - a.values.size);
}

function countryMap(data) {
  const metrics = countryMetrics(data.run);
  if (!metrics.length) return [h("h3", null, "Countries"), para("No check of the run reports numbers per country.")];
  const proj = geoNaturalEarth1().fitExtent([[8, 8], [W - 8, H - 8]], { type: "Sphere" });
  const path = geoPath(proj);
  const paths = countries.map((c, i) => h("svg:path", { class: "country", d: path(c), "data-iso2": iso[i] }, h("svg:title")));
  const svg = h(
    "svg:svg",
    { id: "country-map", class: "map", viewBox: `0 0 ${W} ${H}`, role: "img", "aria-labelledby": "country-map-title" },
    h("svg:title", { id: "country-map-title" }),
    h("svg:path", { class: "sphere", d: path({ type: "Sphere" }) }),
    h("svg:g", null, paths),
  );
  const select = h("select", { id: "country-metric" }, metrics.map((m) => h("option", { value: m.id }, m.label)));
  const legend = h("div", { class: "scale-legend" });
  const tableHolder = h("div");

  function show(m) {
    const max = Math.max(1, ...m.values.values());
    // Square-root shading: one large value would otherwise leave every other country pale.
    const colour = scaleSqrt().domain([0, max]).range(["#f4e6d8", "#8c2d04"]);
    const drawnCodes = new Set();
    paths.forEach((p, i) => {
      const code = iso[i];
      const v = code ? m.values.get(code) : undefined;
      const name = countries[i].properties.name;
      const special = v === undefined && m.special && m.special.codes.has(code);
      p.style.fill = v === undefined ? "" : colour(v);
      p.classList.toggle("no-data", v === undefined && !special);
      p.classList.toggle("special", !!special);
      p.firstChild.textContent = `${name}${code ? ` (${code})` : ""}: ${special ? m.special.label : v === undefined ? "no data" : `${num(v)} ${m.unit}`}`;
      if (v !== undefined) drawnCodes.add(code);
    });
    svg.firstChild.textContent = `World map: ${m.label}; ${drawnCodes.size} countries with data, darker is more (up to ${num(max)}).`;
    const notDrawn = [...m.values.keys()].filter((k) => !drawnCodes.has(k));
    const parts = [
      h("span", null, "0"),
      h("span", { class: "ramp", "aria-hidden": "true" }),
      h("span", null, `${num(max)} ${m.unit}`),
      h("span", { class: "swatch no-data", "aria-hidden": "true" }),
      h("span", null, "no data"),
    ];
    if (m.special) parts.push(h("span", { class: "swatch special", "aria-hidden": "true" }), h("span", null, m.special.label));
    if (notDrawn.length) parts.push(h("span", { class: "sub" }, ` · not on the map (no shape or not a country): ${notDrawn.join(", ")}`));
    legend.replaceChildren(...parts);
    tableHolder.replaceChildren(
      h(
        "table",
        { class: "data compact" },
        h("caption", null, m.label),
        h("thead", null, h("tr", null, m.headers.map((x) => h("th", { scope: "col" }, x)))),
        h("tbody", null, m.rows.map((r) => h("tr", null, r.map((c, i) => (i === 0 ? h("th", { scope: "row" }, c) : h("td", { class: "n" }, c)))))),
      ),
    );
  }
  select.addEventListener("change", () => show(metrics.find((m) => m.id === select.value)));
  show(metrics[0]);
  return [
    h("h3", null, "Countries"),
    h("div", { class: "controls no-print" }, h("div", { class: "field grow" }, h("label", { for: "country-metric" }, "Shade countries by"), select)),
    h("figure", null, svg, legend),
    h("details", { class: "country-table", open: metrics[0].rows.length <= 15 }, h("summary", null, "The same numbers as a table"), tableHolder),
  ];
}

export function mapsSection(data) {
  return section("maps", "Maps", cableMap(data), countryMap(data), inventoryMap(data));
}
