// Bundles the report's front end into two self-contained files (issue 19's report
// contract, section 1):  node web/report/build.mjs OUTDIR
//   OUTDIR/report.js   one classic script (iife, minified, es2020), every library and the
//                      world map shapes inlined
//   OUTDIR/report.css  the stylesheet, print rules included
// The script goes inside an HTML <script> element, so it must not contain "</script" or
// "<!--" (either would end or change the element); both are written as "\x3C" escapes,
// which mean the same inside the string, template and regex literals where they occur,
// and the result is parsed again to prove that.
import * as esbuild from "esbuild";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));

function fail(message) {
  process.stderr.write(`build.mjs: ${message}\n`);
  process.exit(1);
}

const forbidden = /<(\/script|!--)/gi;

async function main() {
  if (process.argv.length !== 3) fail("usage: node web/report/build.mjs OUTDIR");
  const out = resolve(process.argv[2]);
  mkdirSync(out, { recursive: true });

  const js = await esbuild.build({
    entryPoints: [join(here, "src", "main.js")],
    bundle: true,
    format: "iife",
    minify: true,
    target: "es2020",
    platform: "browser",
    legalComments: "none",
    write: false,
    logLevel: "silent",
    loader: { ".json": "json" },
  });
  let code = js.outputFiles[0].text.replace(forbidden, (_, rest) => "\\x3C" + rest);
  // The escape is only the same text inside literals: a parse error here means one
  // occurred in code, which must then be changed at its source.
  await esbuild.transform(code, { loader: "js", logLevel: "silent" });
  if (/<(\/script|!--)/i.test(code)) fail("report.js still contains </script or <!--");

  const css = readFileSync(join(here, "src", "report.css"), "utf8");
  const cssMin = (await esbuild.transform(css, { loader: "css", minify: true, logLevel: "silent" })).code;
  if (/<\/style/i.test(cssMin)) fail("report.css contains </style");

  writeFileSync(join(out, "report.js"), code);
  writeFileSync(join(out, "report.css"), cssMin);
}

main().catch((e) => fail(e && e.message ? e.message : String(e)));
