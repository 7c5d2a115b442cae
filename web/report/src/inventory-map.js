// #maps, inventory: the devices of a path check's inventory that have a location, coloured
// and labelled by trust status over the land around them, with one demand at a time drawn
// on top: its routed path, the elements denied on it and its clean alternative (dashed).
// The path check's summary gives the places (`map`) and the demands their routes; a table
// repeats the picture's facts for readers who do not use it.
import { h, num, badge, para } from "./util.js";
import { geoMercator, geoPath } from "d3-geo";
import { feature } from "topojson-client";
import world from "world-atlas/countries-110m.json";

const land = feature(world, world.objects.countries).features;
const W = 960, H = 560;

const statuses = [
  ["untrusted", "untrusted"],
  ["unknown", "unknown (no trusted or untrusted party)"],
  ["trusted", "trusted"],
];
const statusBadge = (s) => badge(s === "trusted" ? "clean" : s === "untrusted" ? "findings" : "neutral", s);

// Device names beside the circles help only while they do not cover each other; above
// this many, only the devices of the chosen demand's paths are named.
const kMaxLabels = 25;

function mapChecks(run) {
  return (run.checks || []).filter((c) => c.summary && typeof c.summary === "object" && c.summary.map && Array.isArray(c.summary.map.devices));
}

// Mercator fitted to the devices with a margin: an estate is regional, and a conformal
// projection keeps its shape familiar. One device alone still gets some land around it.
function fitProjection(devices) {
  const lons = devices.map((d) => d.longitude), lats = devices.map((d) => d.latitude);
  const x0 = Math.min(...lons), x1 = Math.max(...lons), y0 = Math.min(...lats), y1 = Math.max(...lats);
  const padX = Math.max(1, (x1 - x0) * 0.15), padY = Math.max(0.7, (y1 - y0) * 0.15);
  const corners = { type: "MultiPoint", coordinates: [[Math.max(-180, x0 - padX), Math.max(-85, y0 - padY)], [Math.min(180, x1 + padX), Math.min(85, y1 + padY)]] };
  return geoMercator().fitExtent([[12, 12], [W - 12, H - 12]], corners);
}

// A demand names its denied elements as the path check's findings do (findings.cc,
// element_name): "device ID", "device ID (NAME)" when the name differs, "link ID", or
// "link A-B" for a link without an id. The same spellings of the map's elements find them.
const deviceElement = (d) => `device ${d.id}${d.name && d.name !== d.id ? ` (${d.name})` : ""}`;
const linkElement = (l) => `link ${l.id || `${l.a}-${l.b}`}`;

function routeText(r) {
  return r ? `${(r.devices || []).join(" → ")}${r.cost != null ? ` (cost ${num(r.cost)})` : ""}${r.given ? ", given path" : ""}` : "none";
}

export function inventoryMap(data) {
  const checks = mapChecks(data.run);
  const omitted = (data.run.checks || []).filter((c) => c.summary && typeof c.summary === "object" && c.summary.map_omitted);
  const notes = omitted.map((c) => para(`Check ${c.name}: no inventory map, ${c.summary.map_omitted}.`));
  if (!checks.length) return notes.length ? [h("h3", null, "Inventory"), notes] : [];

  const choices = checks.flatMap((c, ci) => (c.summary.demands || []).map((d, di) => ({ c, d, value: `${ci}:${di}` })));
  const select = h(
    "select",
    { id: "inventory-demand" },
    checks.map((c, ci) =>
      h(
        "optgroup",
        { label: `Check ${c.name}` },
        (c.summary.demands || []).map((d, di) => h("option", { value: `${ci}:${di}` }, `${d.id} (${d.source} → ${d.destination}): ${d.clean ? "clean" : "not clean"}`)),
      ),
    ),
  );
  const figure = h("figure");
  const about = h("div", { "aria-live": "polite" });
  const tableHolder = h("div");
  let drawnCheck = null;
  let layers = null;

  // The check's devices and links; kept while demands of the same check are chosen.
  function drawBase(c) {
    const m = c.summary.map;
    const proj = fitProjection(m.devices);
    const path = geoPath(proj);
    const at = new Map(m.devices.map((d) => [d.id, proj([d.longitude, d.latitude])]));
    const counts = new Map();
    for (const d of m.devices) counts.set(d.status, (counts.get(d.status) || 0) + 1);
    const route = h("svg:g", { class: "route-layer" });
    const marks = h("svg:g", { class: "denied-layer" });
    const labels = h("svg:g", { class: "device-labels", "aria-hidden": "true" });
    const svg = h(
      "svg:svg",
      { id: "inventory-map", class: `map inventory${m.devices.length > kMaxLabels ? " dense" : ""}`, viewBox: `0 0 ${W} ${H}`, role: "img", "aria-labelledby": "inventory-map-title" },
      h("svg:title", { id: "inventory-map-title" }),
      h("svg:rect", { class: "sea", x: 0, y: 0, width: W, height: H }),
      h("svg:g", { class: "land" }, land.map((f) => h("svg:path", { class: "land", d: path(f) }))),
      h(
        "svg:g",
        { class: "links" },
        m.links.filter((l) => at.has(l.a) && at.has(l.b)).map((l) => h("svg:line", { class: "link", "data-link-id": l.id, x1: at.get(l.a)[0], y1: at.get(l.a)[1], x2: at.get(l.b)[0], y2: at.get(l.b)[1] }, h("svg:title", null, `link ${l.id}: ${l.a} – ${l.b}`))),
      ),
      route,
      marks,
      h(
        "svg:g",
        { class: "devices" },
        // Untrusted devices last, so that no other device hides them.
        [...m.devices]
          .sort((a, b) => statuses.findIndex(([k]) => k === b.status) - statuses.findIndex(([k]) => k === a.status))
          .map((d) =>
            h(
              "svg:circle",
              { class: "device", cx: at.get(d.id)[0], cy: at.get(d.id)[1], r: m.devices.length > kMaxLabels ? 4 : 7, "data-device-id": d.id, "data-status": d.status },
              h("svg:title", null, `${d.id}${d.name ? ` (${d.name})` : ""}: ${d.status}; vendor ${d.vendor || "–"}${d.organisation ? ` (${d.organisation})` : ""}${d.site ? `, site ${d.site}` : ""}`),
            ),
          ),
      ),
      labels,
    );
    const legend = h(
      "ul",
      { class: "legend", "aria-label": "Device statuses and the chosen demand" },
      statuses.map(([k, t]) => h("li", null, h("span", { class: `swatch dot s-${k}`, "aria-hidden": "true" }), `${t}: ${counts.get(k) || 0}`)),
      h("li", null, h("span", { class: "swatch line route", "aria-hidden": "true" }), "routed path"),
      h("li", null, h("span", { class: "swatch ring", "aria-hidden": "true" }), "denied on the route"),
      h("li", null, h("span", { class: "swatch line alternative", "aria-hidden": "true" }), "clean alternative (dashed)"),
    );
    figure.replaceChildren(svg, legend, h("figcaption", { class: "attribution" }, `${num(m.devices.length)} of the ${num((c.summary.network || {}).devices)} devices of ${(c.summary.network || {}).name || `check ${c.name}`} have a location and are drawn, with ${num(m.links.length)} links between them${(c.summary.network || {}).synthetic ? " (synthetic estate)" : ""}. Land: Natural Earth (public domain).`));
    return { c, m, at, route, marks, labels, svg };
  }

  // The routed path's line between consecutive located devices; a device without a
  // location breaks the line rather than drawing a hop that is not there.
  function line(devices, at) {
    let d = "", pen = false;
    for (const id of devices || []) {
      const p = at.get(id);
      if (!p) { pen = false; continue; }
      d += `${pen ? "L" : "M"}${p[0].toFixed(1)},${p[1].toFixed(1)}`;
      pen = true;
    }
    return d;
  }

  function show(value) {
    const choice = choices.find((x) => x.value === value) || choices[0];
    if (!choice) return;
    if (drawnCheck !== choice.c) {
      layers = drawBase(choice.c);
      drawnCheck = choice.c;
    }
    const { m, at, route, marks, labels, svg } = layers;
    const d = choice.d;
    const denied = d.denied_on_route || [];
    const alternative = !d.clean && d.clean_path_exists && d.alternative ? d.alternative : null;
    const deviceByElement = new Map(m.devices.map((x) => [deviceElement(x), x.id]));
    const linkByElement = new Map(m.links.map((l) => [linkElement(l), l]));
    route.replaceChildren(
      d.routed ? h("svg:path", { class: `route${d.clean ? " clean" : ""}`, d: line(d.routed.devices, at), "data-demand-id": d.id }, h("svg:title", null, `routed path of ${d.id}: ${routeText(d.routed)}`)) : null,
      alternative ? h("svg:path", { class: "alternative", d: line(alternative.devices, at), "data-demand-id": d.id }, h("svg:title", null, `clean alternative of ${d.id}: ${routeText(alternative)}`)) : null,
    );
    marks.replaceChildren(
      ...denied
        .map((e) => {
          const id = deviceByElement.get(e);
          if (id !== undefined) return h("svg:circle", { class: "denied", cx: at.get(id)[0], cy: at.get(id)[1], r: 13, "data-element": e }, h("svg:title", null, `denied on the route: ${e}`));
          const l = linkByElement.get(e);
          if (l) return h("svg:line", { class: "denied", x1: at.get(l.a)[0], y1: at.get(l.a)[1], x2: at.get(l.b)[0], y2: at.get(l.b)[1], "data-element": e }, h("svg:title", null, `denied on the route: ${e}`));
          return null;
        })
        .filter(Boolean),
    );
    const onRoute = new Set((d.routed && d.routed.devices) || []);
    const onAlt = new Set((alternative && alternative.devices) || []);
    const deniedSet = new Set(denied);
    for (const c of svg.querySelectorAll("circle.device")) c.classList.toggle("on-route", onRoute.has(c.dataset.deviceId));
    labels.replaceChildren(
      ...m.devices
        .filter((x) => m.devices.length <= kMaxLabels || onRoute.has(x.id) || onAlt.has(x.id))
        .map((x) => h("svg:text", { x: at.get(x.id)[0] + 10, y: at.get(x.id)[1] + 4 }, `${x.name || x.id} · ${x.status}`)),
    );
    svg.firstChild.textContent =
      `Map of ${m.devices.length} located devices by trust status (${statuses.filter(([k]) => m.devices.some((x) => x.status === k)).map(([k]) => `${m.devices.filter((x) => x.status === k).length} ${k}`).join(", ")}); ` +
      `demand ${d.id} ${d.clean ? "is clean" : "is not clean"}, routed ${routeText(d.routed)}` +
      `${denied.length ? `, denied on it: ${denied.join(", ")}` : ""}` +
      `${alternative ? `; clean alternative ${routeText(alternative)}` : d.clean ? "" : "; no clean path exists"}.`;
    about.replaceChildren(
      para(
        `Demand ${d.id} (${d.traffic_class || "no traffic class"}, ${d.source} → ${d.destination}): ${d.clean ? "clean" : "not clean"}. ` +
          `Routed path: ${routeText(d.routed)}. ` +
          `Denied on it: ${(d.denied_on_route || []).join(", ") || "nothing"}. ` +
          `Clean alternative: ${d.clean ? "not needed" : alternative ? routeText(alternative) : "none, no clean path exists"}.`,
      ),
    );
    const role = (id) => [onRoute.has(id) ? "routed" : null, deniedSet.has(deviceElement(m.devices.find((x) => x.id === id))) ? "denied" : null, onAlt.has(id) ? "alternative" : null].filter(Boolean).join(", ") || "–";
    tableHolder.replaceChildren(
      h(
        "table",
        { class: "data compact" },
        h("caption", null, `Located devices of check ${choice.c.name} and their part in demand ${d.id}`),
        h("thead", null, h("tr", null, ["Device", "Status", "Vendor (organisation)", "Site", "Latitude", "Longitude", `On demand ${d.id}`].map((x) => h("th", { scope: "col" }, x)))),
        h(
          "tbody",
          null,
          m.devices.map((x) =>
            h(
              "tr",
              null,
              h("th", { scope: "row" }, x.id, x.name ? h("div", { class: "sub" }, x.name) : null),
              h("td", null, statusBadge(x.status)),
              h("td", null, `${x.vendor || "–"}${x.organisation ? ` (${x.organisation})` : ""}`),
              h("td", null, x.site || "–"),
              h("td", { class: "n" }, x.latitude.toFixed(3)),
              h("td", { class: "n" }, x.longitude.toFixed(3)),
              h("td", null, role(x.id)),
            ),
          ),
        ),
      ),
    );
  }

  select.addEventListener("change", () => show(select.value));
  // The first demand that is not clean shows the most: what is denied and the way around it.
  const first = choices.find((x) => !x.d.clean) || choices[0];
  if (first) {
    select.value = first.value;
    show(first.value);
  }
  return [
    h("h3", null, "Inventory"),
    para("Devices with a location, coloured and labelled by the trust status of their least trusted equipment; choose a demand to draw its routed path, what is denied on it and its clean alternative."),
    notes,
    h("div", { class: "controls no-print" }, h("div", { class: "field grow" }, h("label", { for: "inventory-demand" }, "Demand"), select)),
    figure,
    about,
    h("details", { class: "inventory-table", open: checks[0].summary.map.devices.length <= 15 }, h("summary", null, "The located devices as a table"), tableHolder),
  ];
}
