#!/usr/bin/env python3
"""`cleannet registry export` must validate against docs/schemas/registry-export.schema.json,
for the bundled registry alone and with a user layer (docs/examples/operator-registry.toml).

usage: export_schema.py CLEANNET_BINARY
"""
import json
import os
import subprocess
import sys

import jsonschema

CLI = os.path.abspath(sys.argv[1])
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
with open(os.path.join(ROOT, "docs/schemas/registry-export.schema.json"), encoding="utf-8") as f:
    schema = json.load(f)
jsonschema.Draft202012Validator.check_schema(schema)
failed = 0
for extra in ([], ["--registry", "docs/examples/operator-registry.toml"]):
    p = subprocess.run([CLI, "registry", "export", *extra], cwd=ROOT, stdout=subprocess.PIPE, text=True, check=True)
    doc = json.loads(p.stdout)
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(doc))
    for e in errors[:10]:
        print("schema error:", list(e.absolute_path), e.message)
    failed += bool(errors)
    # The export is the registry: spot-check that it says what the registry says.
    ids = {o["id"]: o for o in doc["organisations"]}
    if ids["huawei"]["designations"][0]["list"] != "FCC Covered List" or ids["china-telecom"]["identifiers"]["asns"][0] != 4134:
        print("export content differs from the registry")
        failed += 1
print(f"export schema: {2 - failed} passed, {failed} failed")
sys.exit(1 if failed else 0)
