// Writes a report HTML file exactly as the contract's section 2 (the same file the C++
// side writes) from a DATA file and a fresh bundle:
//   node web/report/dev/make-html.mjs DATA.json OUT.html
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));

if (process.argv.length !== 4) {
  process.stderr.write("usage: node web/report/dev/make-html.mjs DATA.json OUT.html\n");
  process.exit(2);
}
const [dataPath, outPath] = process.argv.slice(2);

const escapeHtml = (s) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
// Compact JSON in which nothing can close the script element early.
const escapeJson = (s) => s.replace(/[<>&\u2028\u2029]/g, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));

const data = JSON.parse(readFileSync(dataPath, "utf8"));
const dir = mkdtempSync(join(tmpdir(), "cleannet-report-"));
try {
  execFileSync(process.execPath, [join(here, "..", "build.mjs"), dir], { stdio: "inherit" });
  const js = readFileSync(join(dir, "report.js"), "utf8");
  const css = readFileSync(join(dir, "report.css"), "utf8");
  const a = (data.run && data.run.audit) || {};
  const title = `cleannet audit: ${a.name ?? ""}, run ${a.run ?? "-"}`;
  const html =
    "<!doctype html>\n" +
    '<html lang="en">\n' +
    "<head>\n" +
    '<meta charset="utf-8">\n' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n' +
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:\">\n" +
    `<title>${escapeHtml(title)}</title>\n` +
    `<style>${css}</style>\n` +
    "</head>\n" +
    "<body>\n" +
    '<div id="app"></div>\n' +
    `<script type="application/json" id="cleannet-data">${escapeJson(JSON.stringify(data))}</script>\n` +
    `<script>${js}</script>\n` +
    "</body>\n" +
    "</html>\n";
  writeFileSync(outPath, html);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
