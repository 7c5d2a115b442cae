// DATA as the file holds it (docs/report.md, format "cleannet-report/2") made into what the
// sections read: each finding's evidence, written as indices into DATA.evidence, replaced by
// the items themselves. Findings with the same evidence share the same objects (nothing is
// copied), which keeps a large run's memory near the size of its distinct evidence.
export function expandEvidence(data) {
  const table = data.evidence || [];
  const expand = (findings) => {
    for (const f of findings || []) {
      const ev = f.evidence;
      if (!Array.isArray(ev)) continue;
      for (let k = 0; k < ev.length; k++) {
        const e = table[ev[k]];
        if (typeof ev[k] !== "number" || e === undefined) throw new Error(`evidence index ${ev[k]} out of range`);
        ev[k] = e;
      }
    }
  };
  for (const c of (data.run && data.run.checks) || []) expand(c.findings);
  if (data.diff) for (const list of ["new", "fixed", "changed_evidence", "unchanged"]) expand(data.diff[list]);
  return data;
}

// The findings of every check as one flat array, each with its check's name and a
// lower-case search key (the fields the free-text search covers).

export function flattenFindings(run) {
  const out = [];
  for (const c of run.checks || []) {
    for (const f of c.findings || []) {
      out.push({
        i: out.length,
        f,
        check: c.name,
        line: f.line || c.line,
        severity: f.severity || "",
        org: f.organisation || "",
        suppressed: !!f.suppressed,
        key: [f.subject, f.element, f.rule, f.organisation, f.organisation_name, f.explanation, f.fingerprint]
          .map((x) => x || "")
          .join("\u0000")
          .toLowerCase(),
      });
    }
  }
  return out;
}

// A check's verdict: errors (the check could not run fully), findings (one or more not
// accepted as a risk), or clean.
export function checkVerdict(c) {
  if ((c.errors || []).length) return "errors";
  const n = c.counts ? c.counts.findings - (c.counts.suppressed || 0) : (c.findings || []).filter((f) => !f.suppressed).length;
  return n > 0 ? "findings" : "clean";
}
