#!/usr/bin/env python3
"""Validate infractl's SARIF for every seed inventory against the official SARIF 2.1.0 schema.

Usage: scripts/check-sarif.py PATH-TO-INFRACTL

Runs from the repository root (so artifact URIs are relative to it, as in CI) and reads the schema
from ../shared/schemas/sarif-schema-2.1.0.json. Besides the schema, checks what the schema cannot:
one result per finding (waived ones included, with a suppression), every ruleIndex pointing at its
rule, every result carrying its fingerprint.
"""
import json
import subprocess
import sys
from pathlib import Path

import jsonschema

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / ".." / "shared" / "schemas" / "sarif-schema-2.1.0.json"


def run(binary, *arguments):
    completed = subprocess.run([binary, "validate", "--fail-on", "never", *arguments],
                               cwd=ROOT, capture_output=True, text=True)
    if completed.returncode != 0:
        sys.exit(f"{binary} validate {' '.join(arguments)} exited {completed.returncode}: {completed.stderr.strip()}")
    return json.loads(completed.stdout)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__.strip().splitlines()[2])
    binary = str(Path(sys.argv[1]).resolve())
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)

    inventories = sorted((ROOT / "inventories").glob("*.json"))
    if not inventories:
        sys.exit("no inventories found")
    failed = False
    for inventory in inventories:
        path = inventory.relative_to(ROOT).as_posix()
        sarif = run(binary, "--format", "sarif", path)
        report = run(binary, "--format", "json", path)
        problems = [f"{'/'.join(map(str, error.absolute_path)) or '(root)'}: {error.message}"
                    for error in validator.iter_errors(sarif)]

        sarif_run = sarif["runs"][0]
        rules = sarif_run["tool"]["driver"]["rules"]
        results = sarif_run["results"]
        expected = len(report["findings"]) + len(report["suppressed"])
        if len(results) != expected:
            problems.append(f"{len(results)} results, expected {expected} (findings and waived findings)")
        suppressed = [result for result in results if result.get("suppressions")]
        if len(suppressed) != len(report["suppressed"]):
            problems.append(f"{len(suppressed)} suppressed results, expected {len(report['suppressed'])}")
        for number, result in enumerate(results):
            index = result.get("ruleIndex")
            if index is None or not 0 <= index < len(rules) or rules[index]["id"] != result["ruleId"]:
                problems.append(f"results/{number}: ruleIndex {index} does not point at rule {result['ruleId']}")
            if not result.get("partialFingerprints", {}).get("infractlFingerprint/v1"):
                problems.append(f"results/{number}: no infractlFingerprint/v1")
            uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            if uri != path:
                problems.append(f"results/{number}: artifact uri {uri!r}, expected {path!r}")

        if problems:
            failed = True
            print(f"FAIL {path}")
            for problem in problems:
                print(f"  {problem}")
        else:
            print(f"ok   {path}: valid SARIF 2.1.0, {len(rules)} rules, {len(results)} results ({len(suppressed)} suppressed)")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
