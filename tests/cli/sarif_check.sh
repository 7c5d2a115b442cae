#!/usr/bin/env bash
# SARIF from `cleannet registry lookup --format sarif` must validate with no error-level
# result in Microsoft's SARIF Multitool (tests/sarif/validate.sh; exit 77 = skipped).
set -euo pipefail
cli=$1
root="$(cd "$(dirname "$0")/../.." && pwd)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$root"
rc=0
"$cli" registry lookup --format sarif --as-of 2024-01-01 AS4134 AS1221 "Acme Widgets Ltd" \
  00:18:82:12:34:56 oss-cn-hangzhou.aliyuncs.com > "$tmp/args.sarif" || rc=$?
[ "$rc" -eq 1 ] || { echo "expected exit 1 (untrusted found), got $rc"; exit 1; }
printf 'AS4134\n# a comment\ncom.tencent.mm\nEricsson\n' > "$tmp/ids.txt"
rc=0
"$cli" registry lookup --format sarif --from "$tmp/ids.txt" > "$tmp/file.sarif" || rc=$?
[ "$rc" -eq 1 ] || { echo "expected exit 1, got $rc"; exit 1; }
for f in "$tmp/args.sarif" "$tmp/file.sarif"; do
  bash "$root/tests/sarif/validate.sh" "$f"
done
