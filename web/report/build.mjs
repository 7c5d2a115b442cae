// STUB of the front end's bundle command, until the real one (esbuild over web/report/src)
// replaces it: `node web/report/build.mjs OUTDIR` writes OUTDIR/report.js (a classic script
// that shows the number of findings of the report's data in #app) and OUTDIR/report.css,
// self-contained, needing no npm package. Like the real one it refuses a script that could
// end its <script> element early (docs/report.md).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const out = process.argv[2];
if (!out) {
  console.error("usage: node web/report/build.mjs OUTDIR");
  process.exit(2);
}

const js = `(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("cleannet-data").textContent);
  var app = document.getElementById("app");
  var h = document.createElement("h1");
  h.textContent = document.title;
  var p = document.createElement("p");
  p.setAttribute("data-testid", "total-findings");
  p.textContent = String(data.run.totals.findings);
  app.appendChild(h);
  app.appendChild(p);
  app.appendChild(document.createTextNode(" findings (front end not built: stub web/report/build.mjs)"));
})();
`;
const css = `body { font-family: sans-serif; margin: 2em; }
@media print { body { margin: 0; } }
`;

for (const [name, text] of [["report.js", js], ["report.css", css]]) {
  if (/<\/script|<!--|<\/style/i.test(text)) {
    console.error(`build.mjs: ${name} contains </script, </style or <!--, which would end its element early`);
    process.exit(1);
  }
}
mkdirSync(out, { recursive: true });
writeFileSync(join(out, "report.js"), js);
writeFileSync(join(out, "report.css"), css);
