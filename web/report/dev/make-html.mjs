// Writes a report HTML file exactly as the contract's section 2 (the same file the C++
// side writes) from a DATA file (format 2, or format 1, converted) and a fresh bundle:
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

// DATA of format 1 (evidence written out in every finding) is made format 2 as the C++ side
// writes it: each distinct evidence item once in `evidence`, in order of first appearance
// (run, then the diff's lists), findings holding indices.
function toFormat2(data) {
  const evidence = [];
  const indexOf = new Map();
  const intern = (findings) => {
    for (const f of findings || []) {
      f.evidence = (f.evidence || []).map((e) => {
        const key = JSON.stringify(e);
        if (!indexOf.has(key)) {
          indexOf.set(key, evidence.length);
          evidence.push(e);
        }
        return indexOf.get(key);
      });
    }
  };
  for (const c of (data.run && data.run.checks) || []) intern(c.findings);
  if (data.diff) for (const list of ["new", "fixed", "changed_evidence", "unchanged"]) intern(data.diff[list]);
  return { ...data, format: "cleannet-report/2", evidence };
}

const read = JSON.parse(readFileSync(dataPath, "utf8"));
const data = read.format === "cleannet-report/1" ? toFormat2(read) : read;
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
