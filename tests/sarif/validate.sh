#!/usr/bin/env bash
# Validate one SARIF 2.1.0 log with Microsoft's SARIF Multitool (npm @microsoft/sarif-multitool,
# pinned in tools/sarif/package-lock.json and installed by scripts/setup).
#
#   tests/sarif/validate.sh FILE.sarif
#
# Prints every result of the validator (errors, warnings and notes) and a summary line.
# Exit status:
#    0  no error-level result (warnings and notes are printed but allowed)
#    1  at least one error-level result, the file could not be loaded as SARIF 2.1.0,
#       or the validator itself failed
#    2  usage error (no argument, or FILE does not exist)
#   77  skipped: the multitool (or python3) is not installed
#
# Environment:
#   SARIF_MULTITOOL             path of the Sarif.Multitool executable (default: the one
#                               under tools/sarif/node_modules)
#   SARIF_VALIDATE_RULE_KINDS   rule sets to run, ';'-separated (default 'Sarif'; the
#                               multitool also knows 'Ghas', 'GHAzDO' and 'AI')
#   SARIF_VALIDATE_KEEP=1       keep the temporary directory with the validator's own log
#   SARIF_VALIDATE_SKIP=1       only check that FILE is JSON with a 2.1.0 "version" and
#                               "runs" (set by ctest in the sanitizer pass, whose SARIF is
#                               byte-identical to the normal pass's, validated there)
#
# Why it works the way it does (multitool 5.7.0):
# - 'validate' exits 0 even when it reports error-level results; it exits non-zero only
#   when it cannot run at all. So the error count is taken from the SARIF log it writes
#   with -o: every result whose level (or its rule's defaultConfiguration.level,
#   else 'warning') is 'error'.
# - 'validate' silently reports nothing for a file it cannot deserialize (for example an
#   unknown enum value such as "level": "bogus" or "kind": "bogus"), and for an input
#   whose name has no extension. So the input is copied to a '.sarif' name first, and
#   'rewrite' (which loads the file into the SARIF object model and fails loudly) is run
#   as a second check: a failure there counts as one error.
# - The .NET runtime needs ICU unless DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1, which is
#   set here (validation needs no culture data), so libicu is not required.
# - tools/sarif/validate-config.xml turns off SARIF2006 (HTTP GET of every URI), so the
#   run is offline and deterministic.
set -uo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 FILE.sarif" >&2
  exit 2
fi
input=$1
if [ ! -f "$input" ]; then
  echo "sarif-validate: no such file: $input" >&2
  exit 2
fi

if [ "${SARIF_VALIDATE_SKIP:-0}" = 1 ]; then
  python3 - "$input" <<'PY' || exit 1
import json, sys
log = json.load(open(sys.argv[1], encoding="utf-8"))
assert log.get("version") == "2.1.0" and isinstance(log.get("runs"), list), "not a SARIF 2.1.0 log"
print(f"sarif-validate: {sys.argv[1]}: JSON and version checked; Multitool left to the normal pass")
PY
  exit 0
fi

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
tool=${SARIF_MULTITOOL:-$root/tools/sarif/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool}
config=$root/tools/sarif/validate-config.xml
rule_kinds=${SARIF_VALIDATE_RULE_KINDS:-Sarif}
# An unknown rule kind makes the multitool run no rule at all and pass everything.
IFS=';' read -r -a kinds <<<"$rule_kinds"
[ ${#kinds[@]} -gt 0 ] || { echo "sarif-validate: SARIF_VALIDATE_RULE_KINDS is empty" >&2; exit 2; }
for k in "${kinds[@]}"; do
  case "${k,,}" in
    sarif | ghas | gh | ghazdo | ado | ai) ;;
    *)
      echo "sarif-validate: unknown rule kind '$k' in SARIF_VALIDATE_RULE_KINDS (use Sarif, Ghas, GHAzDO, AI)" >&2
      exit 2
      ;;
  esac
done

skip() {
  echo "sarif-validate: SKIP: $*" >&2
  exit 77
}
if [ -z "${SARIF_MULTITOOL:-}" ] && [ "$(uname -s)" != Linux ]; then
  skip "the pinned multitool binary is for Linux only"
fi
if [ -z "${SARIF_MULTITOOL:-}" ] && [ "$(uname -m)" != x86_64 ]; then
  skip "the npm package ships an x86-64 Linux binary only (this is $(uname -m))"
fi
if [ ! -f "$tool" ]; then
  skip "SARIF Multitool not installed ($tool); run scripts/setup"
fi
if [ ! -x "$tool" ]; then
  # npm install --ignore-scripts leaves it without the execute bit (its postinstall does chmod).
  chmod u+x "$tool" 2>/dev/null || true
  [ -x "$tool" ] || skip "$tool is not executable; run: chmod u+x '$tool'"
fi
command -v python3 >/dev/null 2>&1 || skip "python3 is needed to read the validator's log"
if [ ! -f "$config" ]; then
  echo "sarif-validate: missing $config" >&2
  exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/sarif-validate.XXXXXX") || exit 1
if [ "${SARIF_VALIDATE_KEEP:-0}" = 1 ]; then
  echo "sarif-validate: keeping $tmp" >&2
else
  trap 'rm -rf "$tmp"' EXIT
fi

export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=${DOTNET_SYSTEM_GLOBALIZATION_INVARIANT:-1}
export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
run_tool() {
  if command -v timeout >/dev/null 2>&1; then
    timeout 600 "$tool" "$@"
  else
    "$tool" "$@"
  fi
}

# A fixed, extension-bearing name in a directory of our own (see above).
target=$tmp/input.sarif
cp -- "$input" "$target" || exit 1

run_tool validate "$target" \
  --config "$config" \
  --output "$tmp/validate.sarif" \
  --level "Error;Warning;Note" \
  --kind "Fail" \
  --rule-kind "$rule_kinds" \
  --log "ForceOverwrite;PrettyPrint" >"$tmp/validate.log" 2>&1
validate_rc=$?

run_tool rewrite "$target" --output "$tmp/rewrite.sarif" --log "ForceOverwrite" \
  >"$tmp/rewrite.log" 2>&1
rewrite_rc=$?

python3 - "$input" "$target" "$tmp" "$validate_rc" "$rewrite_rc" <<'PY'
import json, os, re, sys

shown, target, tmp, validate_rc, rewrite_rc = sys.argv[1:4] + [int(a) for a in sys.argv[4:6]]
target_uri_suffix = "/" + os.path.basename(target)
counts = {"error": 0, "warning": 0, "note": 0}


def say(level, rule, where, text):
    counts[level] = counts.get(level, 0) + 1
    where = f"{shown}:{where}" if where else shown
    print(f"{where}: {level} {rule}: {text}")


def tail(path, n=20):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            lines = [l.rstrip("\n") for l in f if l.strip()]
    except OSError:
        return ""
    return "\n".join("    " + l for l in lines[-n:])


def fmt(template, args):
    # SARIF message strings: {N} placeholders, '{{' and '}}' escapes.
    def sub(m):
        tok = m.group(0)
        if tok in ("{{", "}}"):
            return tok[0]
        i = int(m.group(1))
        return str(args[i]) if i < len(args) else tok
    return re.sub(r"\{\{|\}\}|\{(\d+)\}", sub, template)


def message_text(msg, rule):
    if msg.get("text"):
        return msg["text"]
    mid = msg.get("id")
    strings = rule.get("messageStrings", {})
    if mid in strings and "text" in strings[mid]:
        return fmt(strings[mid]["text"], msg.get("arguments", []))
    return f"{mid} {msg.get('arguments', [])}"


def where_of(result):
    for loc in result.get("locations", []):
        pl = loc.get("physicalLocation", {})
        region = pl.get("region", {})
        uri = pl.get("artifactLocation", {}).get("uri", "")
        line = region.get("startLine")
        if line is None:
            continue
        col = region.get("startColumn")
        other = "" if uri.endswith(target_uri_suffix) else uri + ":"
        return f"{other}{line}" + (f":{col}" if col else "")
    return ""


# 1. The validator itself must have run.
log_path = os.path.join(tmp, "validate.sarif")
if validate_rc != 0 or not os.path.isfile(log_path):
    say("error", "VALIDATOR", "", f"Sarif.Multitool validate failed (exit {validate_rc}):\n"
        + tail(os.path.join(tmp, "validate.log")))
    log = {"runs": []}
else:
    with open(log_path, encoding="utf-8-sig") as f:
        log = json.load(f)

# 2. Its results, and its own notifications.
for run in log.get("runs", []):
    rules = run.get("tool", {}).get("driver", {}).get("rules", [])
    for result in run.get("results", []):
        idx = result.get("ruleIndex", -1)
        rule = rules[idx] if isinstance(idx, int) and 0 <= idx < len(rules) else {}
        level = result.get("level") or rule.get("defaultConfiguration", {}).get("level") or "warning"
        if level == "none":
            continue
        rule_id = result.get("ruleId") or rule.get("id", "?")
        if rule.get("name"):
            rule_id += "/" + rule["name"]
        say(level, rule_id, where_of(result), message_text(result.get("message", {}), rule))
    for inv in run.get("invocations", []):
        notes = inv.get("toolConfigurationNotifications", []) + inv.get("toolExecutionNotifications", [])
        for n in notes:
            nid = n.get("descriptor", {}).get("id", "NOTIFICATION")
            text = n.get("message", {}).get("text", "")
            # Our own config disables SARIF2006 on purpose; the multitool warns about that.
            if nid.startswith("WRN999") and "SARIF2006" in text:
                continue
            level = n.get("level", "warning")
            if level in ("error", "warning", "note"):
                say(level, nid, "", text)
        if inv.get("executionSuccessful") is False:
            say("error", "VALIDATOR", "", "the validator reports that its execution was not successful")

# 3. The file must load into the SARIF 2.1.0 object model (validate skips it silently
#    otherwise). Only reported when validate found no error already: the cause is the same.
if rewrite_rc != 0 and counts["error"] == 0:
    detail = ""
    try:
        with open(os.path.join(tmp, "rewrite.log"), encoding="utf-8", errors="replace") as f:
            for line in f:
                if "Exception" in line:
                    detail = line.strip()
                    break
    except OSError:
        pass
    say("error", "DESERIALIZE", "", "the file does not load as a SARIF 2.1.0 log "
        f"(Sarif.Multitool rewrite exit {rewrite_rc}): {detail or 'see below'}"
        + ("" if detail else "\n" + tail(os.path.join(tmp, "rewrite.log"))))

print(f"sarif-validate: {shown}: {counts['error']} error(s), {counts['warning']} warning(s), "
      f"{counts['note']} note(s) -> {'FAIL' if counts['error'] else 'OK'}")
sys.exit(1 if counts["error"] else 0)
PY
