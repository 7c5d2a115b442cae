// Drives the HTML report in Debian's chromium (playwright-core, no browser download) and
// checks it against the run it was made from (issue 19, "Tests in a real browser"):
//   node tests/browser/report.test.mjs REPORT.html RUN.json SCREENSHOT_DIR
// RUN.json is `cleannet audit show RUN -o json` (a whole DATA file is accepted too).
// Exit 0: every check passed; 1: a check failed; 77: chromium cannot start (skipped).
import { createRequire } from "node:module";
import { mkdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const webDir = join(here, "..", "..", "web", "report");
const require = createRequire(join(webDir, "package.json"));

if (process.argv.length !== 5) {
  process.stderr.write("usage: node tests/browser/report.test.mjs REPORT.html RUN.json SCREENSHOT_DIR\n");
  process.exit(2);
}
const [htmlPath, runPath, shotDir] = process.argv.slice(2).map((p) => resolve(p));

let failures = 0;
function check(name, ok, detail = "") {
  process.stdout.write(`${ok ? "ok  " : "FAIL"} ${name}${detail ? `: ${detail}` : ""}\n`);
  if (!ok) failures++;
}

const { chromium } = require("playwright-core");
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
let browser;
try {
  browser = await chromium.launch({ executablePath, args: ["--no-sandbox"] });
} catch (e) {
  process.stderr.write(`report.test: skipped, chromium cannot start (${executablePath}): ${String(e.message || e).split("\n")[0]}\n`);
  process.exit(77);
}

try {
  const loaded = JSON.parse(readFileSync(runPath, "utf8"));
  const run = loaded.format === "cleannet-report/1" ? loaded.run : loaded;
  const findings = run.checks.flatMap((c) => c.findings.map((f) => ({ ...f, line: f.line || c.line })));

  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const consoleErrors = [];
  const requests = [];
  const url = pathToFileURL(htmlPath).href;
  page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
  page.on("pageerror", (e) => consoleErrors.push(String(e)));
  page.on("request", (r) => r.url() !== url && requests.push(r.url()));
  await page.goto(url, { waitUntil: "load" });
  await page.waitForSelector("html[data-rendered]", { timeout: 10000 });

  check("page loads with no console error", consoleErrors.length === 0, consoleErrors.join(" | "));
  check("no request other than the file itself", requests.length === 0, requests.slice(0, 5).join(" "));
  for (const id of ["summary", "findings", "changes", "trend", "maps", "plan", "provenance"]) {
    check(`section #${id} with a heading`, (await page.locator(`section#${id} > h2`).count()) === 1);
  }

  // Numbers shown against numbers computed from the run.
  const text = async (sel) => ((await page.locator(sel).count()) ? (await page.locator(sel).first().textContent()).trim() : null);
  check("total findings", (await text('[data-testid="total-findings"]')) === String(run.totals.findings), `page ${await text('[data-testid="total-findings"]')}, run ${run.totals.findings}`);
  check("total equals the number of findings", run.totals.findings === findings.length, `${run.totals.findings} vs ${findings.length}`);
  const tally = (key) => findings.reduce((m, f) => m.set(f[key], (m.get(f[key]) || 0) + 1), new Map());
  for (const [key, attr] of [["line", "data-count-line"], ["severity", "data-count-severity"]]) {
    const expected = tally(key);
    const shown = await page.$$eval(`[${attr}]`, (els, a) => els.map((e) => [e.getAttribute(a), e.textContent.trim()]), attr);
    const got = new Map(shown.map(([k, v]) => [k, Number(v)]));
    const same = got.size === expected.size && [...expected].every(([k, n]) => got.get(k) === n);
    check(`counts per ${key}`, same, `page ${JSON.stringify([...got])}, run ${JSON.stringify([...expected])}`);
  }

  // Show every row on one page so that the rows are the whole set.
  await page.selectOption("#page-size", "500");
  const fingerprints = async () => (await page.$$eval("#findings-table tbody tr[data-fingerprint]", (rs) => rs.map((r) => r.dataset.fingerprint))).sort();
  // The rows shown are exactly the expected set when it fits one page, else a page of it;
  // the count of matching findings is always the whole set's.
  const sameSet = async (expected) => {
    const got = await fingerprints();
    const want = new Set(expected);
    const shown = Number(await text('[data-testid="findings-shown"]'));
    const ok = shown === want.size && got.length === Math.min(500, want.size) && got.every((fp) => want.has(fp)) && new Set(got).size === got.length;
    return [ok, `${got.length} rows, ${shown} matching, expected ${want.size}`];
  };
  check("findings table lists every finding", ...(await sameSet(findings.map((f) => f.fingerprint))));

  // Filter by the line with most findings, then search an organisation of that line.
  const byLine = [...tally("line")].sort((a, b) => b[1] - a[1]);
  const line = byLine[0][0];
  const inLine = findings.filter((f) => f.line === line);
  const org = (inLine.find((f) => f.organisation_name) || inLine[0]).organisation_name || inLine[0].organisation;
  await page.selectOption("#filter-line", line);
  check(`filter line=${line}`, ...(await sameSet(inLine.map((f) => f.fingerprint))));
  await page.fill("#search", org);
  const q = org.toLowerCase();
  const hit = (f) => [f.subject, f.element, f.rule, f.organisation, f.organisation_name, f.explanation, f.fingerprint].some((x) => (x || "").toLowerCase().includes(q));
  const expBoth = inLine.filter(hit).map((f) => f.fingerprint);
  const [okBoth, detailBoth] = await sameSet(expBoth);
  check(`then search "${org}"`, expBoth.length > 0 && okBoth, detailBoth);

  // Open the first row's evidence with the keyboard.
  const firstToggle = page.locator("#findings-table tbody tr[data-fingerprint] button.expand").first();
  await firstToggle.focus();
  await page.keyboard.press("Enter");
  check("a row opens to its evidence with the keyboard", (await page.locator("#findings-table tr.detail-row ol.evidence").count()) === 1);
  await page.locator('#findings-table tbody tr[data-fingerprint] button.expand[aria-expanded="true"]').first().press("Enter");
  await page.fill("#search", "");
  await page.selectOption("#filter-line", "");

  // Cable map: one path per feature, with its verdict.
  const data = JSON.parse(await page.locator("#cleannet-data").textContent());
  if (data.cables) {
    const paths = await page.$$eval("svg#cable-map path.cable", (ps) => ps.map((p) => [p.dataset.cableId, p.dataset.verdict, p.getAttribute("d") || "", getComputedStyle(p).stroke]));
    const want = data.cables.features.map((f) => [f.properties.id, f.properties.verdict]);
    const drawn = new Map(paths.map(([id, v, d]) => [id, [v, d]]));
    const same = paths.length === want.length && drawn.size === want.length && want.every(([id, v]) => drawn.has(id) && drawn.get(id)[0] === v && drawn.get(id)[1].length > 0);
    check("cable map: one drawn path per cable with its verdict", same, `${paths.length} paths, ${want.length} features`);
    const strokes = new Map();
    for (const [, v, , s] of paths) strokes.set(v, s);
    const distinct = new Set(strokes.values()).size === strokes.size;
    check("cable map: each verdict its own colour", distinct, JSON.stringify([...strokes]));
  } else {
    check("no cable check: the map section says so", (await page.locator("svg#cable-map").count()) === 0);
  }
  if (await page.locator("svg#country-map").count()) {
    check("country map has the world's countries", (await page.locator("svg#country-map path.country[data-iso2]").count()) > 100);
    const metrics = await page.$$eval("#country-metric option", (os) => os.map((o) => o.value));
    for (const m of metrics) {
      await page.selectOption("#country-metric", m);
      const titled = await page.$$eval("svg#country-map path.country:not(.no-data) title", (ts) => ts.filter((t) => /\d/.test(t.textContent)).length);
      check(`country map shaded by ${m}`, titled > 0, `${titled} countries with a value`);
    }
  }

  // Inventory map: one circle per located device with its status; each demand chosen draws
  // its routed path, marks what is denied on it and dashes its clean alternative.
  const mapChecks = (data.run.checks || []).filter((c) => c.summary && c.summary.map);
  if (mapChecks.length) {
    const m = mapChecks[0].summary.map;
    const circles = await page.$$eval("svg#inventory-map circle.device", (cs) => cs.map((c) => [c.dataset.deviceId, c.dataset.status, getComputedStyle(c).fill]));
    const byId = new Map(circles.map(([id, s]) => [id, s]));
    const same = circles.length === m.devices.length && byId.size === m.devices.length && m.devices.every((d) => byId.get(d.id) === d.status);
    check("inventory map: one circle per located device with its status", same, `${circles.length} circles, ${m.devices.length} devices`);
    const fills = new Map(circles.map(([, s, f]) => [s, f]));
    check("inventory map: each status its own colour", new Set(fills.values()).size === fills.size, JSON.stringify([...fills]));
    const located = new Set(m.devices.map((d) => d.id));
    for (const [i, d] of (mapChecks[0].summary.demands || []).entries()) {
      await page.selectOption("#inventory-demand", `0:${i}`);
      const route = await page.$$eval(`svg#inventory-map path.route[data-demand-id="${d.id}"]`, (ps) => ps.map((p) => p.getAttribute("d") || ""));
      const hops = d.routed ? d.routed.devices.filter((x) => located.has(x)).length : 0;
      const moves = route.length ? (route[0].match(/[ML]/g) || []).length : 0;
      check(`inventory map: demand ${d.id} draws its routed path`, d.routed ? route.length === 1 && moves === hops : route.length === 0, `${route.length} paths, ${moves} points, ${hops} located hops`);
      const marked = await page.$$eval("svg#inventory-map .denied[data-element]", (ms) => ms.map((x) => x.dataset.element).sort());
      // Spelt as the path check names elements: "device ID (NAME)", "link ID".
      const onMap = new Set([...m.devices.map((x) => `device ${x.id}${x.name && x.name !== x.id ? ` (${x.name})` : ""}`), ...m.links.map((l) => `link ${l.id || `${l.a}-${l.b}`}`)]);
      const deniedLocated = (d.denied_on_route || []).filter((e) => onMap.has(e)).sort();
      check(`inventory map: demand ${d.id} marks what is denied on its route`, JSON.stringify(marked) === JSON.stringify(deniedLocated), `${marked} vs ${deniedLocated}`);
      const alt = await page.locator(`svg#inventory-map path.alternative[data-demand-id="${d.id}"]`).count();
      const wantAlt = !d.clean && d.clean_path_exists && !!d.alternative;
      check(`inventory map: demand ${d.id} ${wantAlt ? "dashes its clean alternative" : "has no alternative drawn"}`, alt === (wantAlt ? 1 : 0));
    }
  } else {
    check("no located devices: no inventory map", (await page.locator("svg#inventory-map").count()) === 0);
  }

  check("no console error while using the page", consoleErrors.length === 0, consoleErrors.join(" | "));

  // axe-core: no serious or critical violation, with a finding's evidence and every
  // <details> open so that their content is checked too.
  await page.locator("#findings-table tbody tr[data-fingerprint] button.expand").first().click();
  await page.$$eval("details", (ds) => ds.forEach((d) => (d.open = true)));
  await page.addScriptTag({ content: readFileSync(require.resolve("axe-core/axe.min.js"), "utf8") });
  const axe = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help, target: v.nodes[0] && v.nodes[0].target.join(" ") }));
  });
  const bad = axe.filter((v) => v.impact === "serious" || v.impact === "critical");
  check("axe-core: no serious or critical violation", bad.length === 0, bad.map((v) => `${v.id} (${v.impact}, ${v.nodes}x: ${v.help}; ${v.target})`).join("; "));
  for (const v of axe.filter((v) => !bad.includes(v))) process.stdout.write(`     axe ${v.impact}: ${v.id} (${v.nodes}x)\n`);

  // One screenshot per section, with the first finding opened to show its evidence.
  mkdirSync(shotDir, { recursive: true });
  await page.$$eval("details.unchanged, details.country-table", (ds) => ds.forEach((d) => (d.open = false)));
  // Each section whole, and for docs/report.md (docs/images/report/) its first 1,200 pixels
  // at quality 70, which keeps the documentation's pictures small.
  const shot = { type: "jpeg", quality: 80 };
  await page.locator("header.masthead").screenshot({ path: join(shotDir, "header.jpg"), ...shot });
  for (const id of ["summary", "findings", "changes", "trend", "maps", "plan", "provenance"]) {
    const section = page.locator(`section#${id}`);
    await section.screenshot({ path: join(shotDir, `${id}.jpg`), ...shot });
    await section.scrollIntoViewIfNeeded();
    const box = await section.boundingBox();
    const scroll = await page.evaluate(() => ({ x: window.scrollX, y: window.scrollY }));
    await page.screenshot({
      path: join(shotDir, `doc-${id}.jpg`),
      type: "jpeg",
      quality: 70,
      fullPage: true,
      clip: { x: box.x + scroll.x, y: box.y + scroll.y, width: box.width, height: Math.min(box.height, 1200) },
    });
  }
  check(`screenshots written to ${shotDir}`, true);

  // The print stylesheet: printing to PDF works and hides the controls.
  await page.emulateMedia({ media: "print" });
  const controlsHidden = await page.$$eval(".controls", (cs) => cs.every((c) => getComputedStyle(c).display === "none"));
  check("print stylesheet hides the interactive controls", controlsHidden);
  await page.emulateMedia({ media: "screen" });
  const pdf = await page.pdf({ format: "A4" });
  check("prints to PDF", pdf.length > 10000, `${pdf.length} bytes`);
} catch (e) {
  check("test ran to the end", false, String((e && e.stack) || e));
} finally {
  await browser.close();
}
process.stdout.write(failures ? `report.test: ${failures} check(s) failed\n` : "report.test: all checks passed\n");
process.exit(failures ? 1 : 0);
