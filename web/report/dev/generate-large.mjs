// Writes a SYNTHETIC report DATA file with N findings, for the report's size and speed
// checks (same N, same file: the generator is seeded):
//   node web/report/dev/generate-large.mjs N OUT.json
// The run is labelled synthetic in run.audit.name; nothing in it describes a real estate.
import { writeFileSync } from "node:fs";

if (process.argv.length !== 4 || !(Number(process.argv[2]) >= 0)) {
  process.stderr.write("usage: node web/report/dev/generate-large.mjs N OUT.json\n");
  process.exit(2);
}
const n = Number(process.argv[2]);
const out = process.argv[3];

// mulberry32: a small seeded generator, so that two runs write the same file.
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = prng(19);
const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
const hex = (len) => Array.from({ length: len }, () => "0123456789abcdef"[Math.floor(rnd() * 16)]).join("");

const lines = ["path", "things", "carrier", "trace", "cloud", "cable", "apps", "registry"];
const severities = ["error", "warning", "warning", "warning", "note"];
const orgs = Array.from({ length: 60 }, (_, i) => [`org-${String(i).padStart(2, "0")}`, `Synthetic Organisation ${i} Ltd.`]);
const rules = ["EU-SM03-CORE", "EU-RAN", "EU-OTHER", "CN-PATH", "CN-CARRIER", "default-unknown"];

// Evidence as heavy as a real run's: 5 to 7 items of 150 to 300 characters per finding, drawn
// from a small pool per organisation, as traceroute findings through the same AS repeat the
// same chain. DATA holds each distinct item once (format 2: findings hold indices).
const kinds = ["identifier", "designation", "ownership", "inherited", "assessment", "policy", "note"];
const filler = "Synthetic evidence text for the speed check, long enough to weigh what a real chain of designations, ownership records and traceroute hops weighs in the report. ";
const pool = new Map();
function evidenceFor(org) {
  if (!pool.has(org)) {
    pool.set(
      org,
      Array.from({ length: 4 }, (_, v) =>
        Array.from({ length: 5 + Math.floor(rnd() * 3) }, (_, k) => {
          const e = { kind: kinds[k], text: `${org} chain ${v} item ${k}: ${filler.repeat(2).slice(0, 120 + Math.floor(rnd() * 150))}`, verified: rnd() < 0.8 };
          if (k % 2) {
            e.date = `20${10 + Math.floor(rnd() * 16)}-0${1 + Math.floor(rnd() * 9)}-1${Math.floor(rnd() * 9)}`;
            e.source_url = `https://example.org/synthetic-list/${org}/${k}`;
          }
          return e;
        }),
      ),
    );
  }
  return pick(pool.get(org));
}

const checks = lines.map((line) => ({ name: line, kind: line, line, command: `cleannet ${line} check`, errors: [], notes: [], counts: { findings: 0, error: 0, warning: 0, note: 0, suppressed: 0 }, summary: {}, findings: [] }));
const totals = { findings: 0, error: 0, warning: 0, note: 0, suppressed: 0, failing: 0 };
for (let i = 0; i < n; i++) {
  const c = checks[Math.floor(rnd() * checks.length)];
  const [org, orgName] = pick(orgs);
  const severity = pick(severities);
  const suppressed = rnd() < 0.02;
  const subject = `${c.line} element ${i} (synthetic)`;
  const f = {
    line: c.line,
    subject,
    element: `device syn-${i.toString(36)}`,
    rule: pick(rules),
    rule_text: "Synthetic rule text for the speed check.",
    severity,
    status: "untrusted",
    verified: rnd() < 0.7,
    organisation: org,
    organisation_name: orgName,
    evidence: evidenceFor(org),
    explanation: `${subject} is served by ${orgName}, untrusted on the synthetic list.`,
    suggested_fix: "Replace the element (synthetic).",
    fingerprint: hex(32),
  };
  if (suppressed) f.suppressed = { reason: "synthetic accepted risk", owner: "owner@example.org", expires: "2030-01-01", created: "2026-01-01", source: "synthetic.toml:1" };
  c.findings.push(f);
  c.counts.findings++;
  c.counts[severity]++;
  totals.findings++;
  totals[severity]++;
  if (suppressed) {
    c.counts.suppressed++;
    totals.suppressed++;
  }
}

const countries = ["CN", "US", "DE", "FR", "BR", "IN", "RU", "JP", "GB", "ZA", "AU", "CA", "NG", "EG", "AR"];
checks.find((c) => c.line === "carrier").summary = {
  countries: countries.map((cc) => ({ country: cc, ases: 100 + Math.floor(rnd() * 5000), connected: Array.from({ length: Math.floor(rnd() * 60) }, (_, k) => 64512 + k) })),
};
const cableList = Array.from({ length: 40 }, (_, i) => ({ id: `syn-cable-${i}`, name: `Synthetic cable ${i}`, verdict: pick(["untrusted-supplier", "untrusted-owner", "unknown", "trusted"]), clean: rnd() < 0.6, countries: [pick(countries), pick(countries)] }));
checks.find((c) => c.line === "cable").summary = { attribution: "Synthetic cable routes", policy: "synthetic", as_of: "2026-12-01", cables: cableList, countries: [], losing_clean: [] };

const run = {
  audit: { name: `SYNTHETIC speed check (${n} findings)`, scenario: "synthetic.toml", scenario_sha256: hex(64), run: 3, policy: "synthetic", as_of: "2026-12-01", version: "0.1.0", started: "2026-12-01T00:00:00Z", ended: "2026-12-01T00:01:00Z", fail_on: "error", suppressions_applied: true, exit_code: 1 },
  inputs: [{ role: "scenario", path: "synthetic.toml", size: 100, sha256: hex(64) }],
  checks,
  suppressions: { suppressed: totals.suppressed, expired: [], pending: [], stale: [] },
  compliance: [{ id: "EU-SM03", framework: "eu-5g-toolbox", title: "Synthetic measure", source_url: "https://example.org/", source_date: "2020-01-29", quote: "", status: "findings", findings: n, suppressed: totals.suppressed }],
  totals,
  failing: [],
};
const history = [1, 2, 3].map((r) => ({ run: r, scenario: run.audit.name, started: `2026-1${r - 1}-01T00:00:00Z`, findings: r === 3 ? n : Math.floor(n * (0.8 + 0.1 * r)), counts: lines.map((line) => ({ line, severity: "warning", findings: r === 3 ? checks.find((c) => c.line === line).counts.findings : Math.floor((n * (0.8 + 0.1 * r)) / lines.length), suppressed: 0 })) }));
const features = cableList.map((c) => {
  const lon = -170 + rnd() * 300, lat = -50 + rnd() * 100;
  return { type: "Feature", properties: { id: c.id, name: c.name, verdict: c.verdict, clean: c.clean, check: "cable" }, geometry: { type: "MultiLineString", coordinates: [[[lon, lat], [lon + 10 + rnd() * 40, lat + (rnd() - 0.5) * 30]]] } };
});
// Format 2: each distinct evidence item once in `evidence`, findings holding indices.
const evidence = [];
const indexOf = new Map();
for (const c of checks) {
  for (const f of c.findings) {
    f.evidence = f.evidence.map((e) => {
      if (!indexOf.has(e)) {
        indexOf.set(e, evidence.length);
        evidence.push(e);
      }
      return indexOf.get(e);
    });
  }
}
writeFileSync(out, JSON.stringify({ format: "cleannet-report/2", run, history, diff: null, cables: { type: "FeatureCollection", features }, evidence }));
