#!/usr/bin/env python3
"""Validate infractl's SARIF for every seed inventory against the official SARIF 2.1.0 schema.

Usage: scripts/check-sarif.py PATH-TO-INFRACTL

Runs from the repository root and from inventories/ (artifact URIs are relative to %SRCROOT%, the
project root, either way) and reads the schema from ../shared/schemas/sarif-schema-2.1.0.json.
Besides the schema, checks what the schema cannot: one result per active finding by default, and
with --sarif-suppressed mark one per finding with the waived ones suppressed; every ruleIndex
pointing at its rule; every result carrying its fingerprint and a primaryLocationLineHash equal to
it; every rule carrying tags and precision; the category of --sarif-category.
"""
import json
import subprocess
import sys
from pathlib import Path

import jsonschema

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / ".." / "shared" / "schemas" / "sarif-schema-2.1.0.json"


def run(binary, *arguments, cwd=ROOT):
    completed = subprocess.run([binary, "validate", "--fail-on", "never", *arguments],
                               cwd=cwd, capture_output=True, text=True)
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
        report = run(binary, "--format", "json", path)
        problems = []
        for label, arguments, cwd, expected in [
            ("default", ["--format", "sarif", path], ROOT, len(report["findings"])),
            ("from inventories/", ["--format", "sarif", inventory.name], ROOT / "inventories", len(report["findings"])),
            ("--sarif-suppressed mark", ["--format", "sarif", "--sarif-suppressed", "mark", "--sarif-category", "inventories", path],
             ROOT, len(report["findings"]) + len(report["suppressed"])),
        ]:
            sarif = run(binary, *arguments, cwd=cwd)
            problems += [f"{label}: {'/'.join(map(str, error.absolute_path)) or '(root)'}: {error.message}"
                         for error in validator.iter_errors(sarif)]
            sarif_run = sarif["runs"][0]
            rules = sarif_run["tool"]["driver"]["rules"]
            results = sarif_run["results"]
            if len(results) != expected:
                problems.append(f"{label}: {len(results)} results, expected {expected}")
            suppressed = [result for result in results if result.get("suppressions")]
            expected_suppressed = len(report["suppressed"]) if "mark" in arguments else 0
            if len(suppressed) != expected_suppressed:
                problems.append(f"{label}: {len(suppressed)} suppressed results, expected {expected_suppressed}")
            if "mark" in arguments and sarif_run.get("automationDetails", {}).get("id") != "inventories/":
                problems.append(f"{label}: automationDetails.id is {sarif_run.get('automationDetails')!r}")
            if "%SRCROOT%" not in sarif_run.get("originalUriBaseIds", {}):
                problems.append(f"{label}: no %SRCROOT% in originalUriBaseIds")
            for rule in rules:
                properties = rule.get("properties", {})
                if not properties.get("tags") or properties.get("precision") not in ("very-high", "high", "medium", "low"):
                    problems.append(f"{label}: rule {rule['id']} without tags or precision")
            for number, result in enumerate(results):
                index = result.get("ruleIndex")
                if index is None or not 0 <= index < len(rules) or rules[index]["id"] != result["ruleId"]:
                    problems.append(f"{label}: results/{number}: ruleIndex {index} does not point at rule {result['ruleId']}")
                fingerprints = result.get("partialFingerprints", {})
                if not fingerprints.get("infractlFingerprint/v1"):
                    problems.append(f"{label}: results/{number}: no infractlFingerprint/v1")
                if fingerprints.get("primaryLocationLineHash") != fingerprints.get("infractlFingerprint/v1"):
                    problems.append(f"{label}: results/{number}: primaryLocationLineHash is not the fingerprint")
                location = result["locations"][0]["physicalLocation"]["artifactLocation"]
                if location.get("uri") != path or location.get("uriBaseId") != "%SRCROOT%":
                    problems.append(f"{label}: results/{number}: artifact location {location!r}, expected {path!r} under %SRCROOT%")

        if problems:
            failed = True
            print(f"FAIL {path}")
            for problem in problems:
                print(f"  {problem}")
        else:
            print(f"ok   {path}: valid SARIF 2.1.0 three ways, {len(rules)} rules, {len(report['findings'])} results "
                  f"({len(report['suppressed'])} more, suppressed, with --sarif-suppressed mark)")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
