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
