// #findings: the findings table. Filters and search run over a flat array with a
// precomputed search key, and only one page of rows is in the DOM, so that 100,000
// findings stay responsive. Each row opens (button, so Enter and Space work) to its
// evidence chain, suppression and fingerprint.
import { h, section, num, badge, link, severities } from "./util.js";

const sevRank = Object.fromEntries(severities.map((s, i) => [s, i]));
const columns = [
  { key: "severity", label: "Severity", value: (x) => sevRank[x.severity] ?? 9 },
  { key: "line", label: "Line", value: (x) => x.line },
  { key: "organisation", label: "Organisation", value: (x) => x.f.organisation_name || x.org },
  { key: "subject", label: "Subject", value: (x) => x.f.subject || "" },
  { key: "element", label: "Element", value: (x) => x.f.element || "" },
  { key: "rule", label: "Rule", value: (x) => x.f.rule || "" },
  { key: "suppressed", label: "Accepted risk", value: (x) => (x.suppressed ? 0 : 1) },
];

function options(values, allLabel, labels = new Map()) {
  return [h("option", { value: "" }, allLabel), ...values.map((v) => h("option", { value: v }, labels.get(v) || v || "(none)"))];
}

function evidenceList(ev) {
  return h(
    "ol",
    { class: "evidence" },
    (ev || []).map((e) =>
      h(
        "li",
        null,
        h("span", { class: "ev-kind" }, e.kind || "evidence"),
        " ",
        e.text || "",
        e.date || e.source_url
          ? h("div", { class: "ev-source" }, e.date ? h("time", { datetime: e.date }, e.date) : null, e.date && e.source_url ? " · " : null, e.source_url ? link(e.source_url) : null)
          : null,
        e.verified === false ? h("span", { class: "unverified" }, " (unverified)") : null,
      ),
    ),
  );
}

function details(x) {
  const f = x.f;
  const s = f.suppressed;
  const loc = f.location;
  return h(
    "div",
    { class: "finding-detail" },
    h("p", null, f.explanation || ""),
    f.rule_text ? h("p", null, h("strong", null, `Rule ${f.rule}: `), f.rule_text) : null,
    f.suggested_fix ? h("p", null, h("strong", null, "Suggested fix: "), f.suggested_fix) : null,
    loc && loc.uri ? h("p", null, h("strong", null, "Location: "), h("code", null, `${loc.uri}${loc.line ? `:${loc.line}` : ""}${loc.column ? `:${loc.column}` : ""}`)) : null,
    h("h3", { class: "minor" }, "Evidence chain"),
    evidenceList(f.evidence),
    s
      ? h(
          "div",
          { class: "suppression" },
          h("h3", { class: "minor" }, "Accepted risk"),
          h("dl", null, h("dt", null, "Reason"), h("dd", null, s.reason || "–"), h("dt", null, "Owner"), h("dd", null, s.owner || "–"), h("dt", null, "Expires"), h("dd", null, s.expires || "–"), s.created ? [h("dt", null, "Created"), h("dd", null, s.created)] : null, s.source ? [h("dt", null, "Recorded in"), h("dd", null, h("code", null, s.source))] : null),
        )
      : null,
    h("p", { class: "fp" }, h("strong", null, "Fingerprint: "), h("code", null, f.fingerprint || "–"), ` · check ${x.check} · status ${f.status || "–"}${f.verified === false ? " (unverified)" : ""}`),
  );
}

// Rows that sort equal keep the run's order (check by check, each in its own order).
function tiebreak(a, b) {
  return a.i - b.i;
}

export function findingsSection(data, all) {
  const state = { line: "", severity: "", org: "", suppressed: "all", q: "", sort: "severity", dir: 1, page: 0, size: 50, open: new Set() };
  let shown = all;

  const lines = [...new Set(all.map((x) => x.line))].sort();
  const sevs = [...new Set(all.map((x) => x.severity))].sort((a, b) => (sevRank[a] ?? 9) - (sevRank[b] ?? 9));
  const orgNames = new Map(all.map((x) => [x.org, x.f.organisation_name ? `${x.f.organisation_name} (${x.org})` : x.org]));
  const orgs = [...orgNames.keys()].sort((a, b) => (orgNames.get(a) || "").localeCompare(orgNames.get(b) || ""));

  const selLine = h("select", { id: "filter-line" }, options(lines, "all lines"));
  const selSev = h("select", { id: "filter-severity" }, options(sevs, "all severities"));
  const selOrg = h("select", { id: "filter-organisation" }, options(orgs, "all organisations", orgNames));
  const selSup = h("select", { id: "filter-suppressed" }, h("option", { value: "all" }, "all"), h("option", { value: "yes" }, "accepted risks only"), h("option", { value: "no" }, "not accepted only"));
  const search = h("input", { id: "search", type: "search", placeholder: "subject, element, rule, organisation, fingerprint…", autocomplete: "off" });
  const selSize = h("select", { id: "page-size" }, [25, 50, 100, 500].map((n) => h("option", { value: n, selected: n === state.size }, String(n))));

  const shownCount = h("span", { "data-testid": "findings-shown" }, "0");
  const status = h("p", { class: "table-status", role: "status", "aria-live": "polite" });
  const tbody = h("tbody");
  const pageInfo = h("span", { class: "page-info" });
  const prev = h("button", { type: "button", class: "btn", onclick: () => go(state.page - 1) }, "‹ Previous");
  const next = h("button", { type: "button", class: "btn", onclick: () => go(state.page + 1) }, "Next ›");

  const sortButtons = new Map();
  const ths = columns.map((c) => {
    const b = h("button", { type: "button", class: "sort", onclick: () => sortBy(c.key) }, c.label, h("span", { class: "sort-mark", "aria-hidden": "true" }));
    sortButtons.set(c.key, b);
    return h("th", { scope: "col", "data-col": c.key }, b);
  });
  const table = h(
    "table",
    { id: "findings-table", class: "data findings" },
    h("caption", { class: "sr-only" }, "Findings; use the column buttons to sort and the Details buttons to open a finding's evidence."),
    h("thead", null, h("tr", null, h("th", { scope: "col" }, h("span", { class: "sr-only" }, "Details")), ths)),
    tbody,
  );

  // The rows are sorted once per sort order; filtering keeps that order, so a filter
  // change costs one pass over the findings and no sort.
  let sorted = all;
  function resort() {
    const col = columns.find((c) => c.key === state.sort);
    const d = state.dir;
    const keyed = all.map((x) => [col.value(x), x]);
    keyed.sort((a, b) => {
      const va = a[0], vb = b[0];
      const r = typeof va === "number" ? va - vb : va < vb ? -1 : va > vb ? 1 : 0;
      return r * d || tiebreak(a[1], b[1]);
    });
    sorted = keyed.map((k) => k[1]);
  }

  function filter() {
    const q = state.q.trim().toLowerCase();
    const sup = state.suppressed;
    const out = [];
    for (const x of sorted) {
      if (state.line && x.line !== state.line) continue;
      if (state.severity && x.severity !== state.severity) continue;
      if (state.org && x.org !== state.org) continue;
      if (sup === "yes" && !x.suppressed) continue;
      if (sup === "no" && x.suppressed) continue;
      if (q && !x.key.includes(q)) continue;
      out.push(x);
    }
    shown = out;
    state.page = 0;
    render();
  }

  function row(x) {
    const f = x.f;
    const fp = f.fingerprint || "";
    const open = state.open.has(fp);
    const detailId = `fd-${fp}`;
    const toggle = h("button", { type: "button", class: "btn expand", "aria-expanded": open ? "true" : "false", "aria-controls": detailId, "aria-label": `Details of ${f.subject || fp}` }, open ? "−" : "+");
    const tr = h(
      "tr",
      { "data-fingerprint": fp, class: x.suppressed ? "is-suppressed" : null },
      h("td", null, toggle),
      h("td", null, badge(x.severity, x.severity)),
      h("td", null, x.line),
      h("td", null, f.organisation_name || x.org || "–"),
      h("td", { class: "wrap" }, f.subject || ""),
      h("td", { class: "wrap" }, f.element || ""),
      h("td", null, h("span", { title: f.rule_text || "" }, f.rule || "")),
      h("td", null, x.suppressed ? badge("accepted", `accepted until ${f.suppressed.expires || "–"}`) : "no"),
    );
    const rows = [tr];
    if (open) rows.push(h("tr", { class: "detail-row", id: detailId }, h("td", { colspan: columns.length + 1 }, details(x))));
    toggle.addEventListener("click", () => {
      if (state.open.has(fp)) state.open.delete(fp);
      else state.open.add(fp);
      render();
      const again = tbody.querySelector(`tr[data-fingerprint="${CSS.escape(fp)}"] button.expand`);
      if (again) again.focus();
    });
    return rows;
  }

  function render(pageSize = state.size) {
    const pages = Math.max(1, Math.ceil(shown.length / pageSize));
    state.page = Math.min(Math.max(0, state.page), pages - 1);
    const start = state.page * pageSize;
    const slice = shown.slice(start, start + pageSize);
    const frag = document.createDocumentFragment();
    for (const x of slice) for (const r of row(x)) frag.append(r);
    if (!slice.length) frag.append(h("tr", null, h("td", { colspan: columns.length + 1, class: "empty" }, "No finding matches these filters.")));
    tbody.replaceChildren(frag);
    shownCount.textContent = String(shown.length);
    pageInfo.textContent = shown.length ? `Page ${state.page + 1} of ${pages} · findings ${num(start + 1)}–${num(start + slice.length)}` : "";
    prev.disabled = state.page === 0;
    next.disabled = state.page >= pages - 1;
    status.replaceChildren(shownCount, ` of ${num(all.length)} findings match.`);
    for (const [k, b] of sortButtons) {
      const th = b.parentElement;
      if (k === state.sort) th.setAttribute("aria-sort", state.dir > 0 ? "ascending" : "descending");
      else th.removeAttribute("aria-sort");
      b.lastChild.textContent = k === state.sort ? (state.dir > 0 ? " ▲" : " ▼") : "";
    }
  }

  function go(p) {
    state.page = p;
    render();
  }
  function sortBy(k) {
    state.dir = state.sort === k ? -state.dir : 1;
    state.sort = k;
    resort();
    filter();
  }

  const bind = (el, key, ev = "change") => el.addEventListener(ev, () => ((state[key] = el.value), filter()));
  bind(selLine, "line");
  bind(selSev, "severity");
  bind(selOrg, "org");
  bind(selSup, "suppressed");
  bind(search, "q", "input");
  selSize.addEventListener("change", () => ((state.size = Number(selSize.value)), (state.page = 0), render()));

  // Printing shows every matching finding (up to a bound that keeps the print job sane),
  // not just the page on screen.
  const printLimit = 2000;
  window.addEventListener("beforeprint", () => render(Math.min(Math.max(shown.length, 1), printLimit)));
  window.addEventListener("afterprint", () => render());

  const label = (el, text) => h("label", { for: el.id }, text);
  const controls = h(
    "div",
    { class: "controls no-print", role: "group", "aria-label": "Filter findings" },
    h("div", { class: "field" }, label(selLine, "Line"), selLine),
    h("div", { class: "field" }, label(selSev, "Severity"), selSev),
    h("div", { class: "field" }, label(selOrg, "Organisation"), selOrg),
    h("div", { class: "field" }, label(selSup, "Accepted risk"), selSup),
    h("div", { class: "field grow" }, label(search, "Search"), search),
  );
  resort();
  filter();
  return section(
    "findings",
    "Findings",
    h("p", null, `Every finding of the run (${num(all.length)}), accepted risks included. Open a row for its explanation, its evidence chain with dated sources, and its fingerprint.`),
    controls,
    status,
    h("div", { class: "table-scroll" }, table),
    h("div", { class: "pager no-print" }, prev, pageInfo, next, h("label", { for: "page-size" }, "Rows per page"), selSize),
    shown.length > printLimit ? h("p", { class: "print-only" }, `Printed: the first ${num(printLimit)} findings matching the filters; the JSON report has all of them.`) : null,
  );
}
