#!/usr/bin/env python3
"""Read infractl's JUnit report for every seed inventory with junitparser, a real JUnit consumer.

Usage: scripts/check-junit.py PATH-TO-INFRACTL

For each inventory in inventories/, with --fail-on note the number of failures junitparser reads
must equal the number of findings in the JSON report, and with --fail-on error the number of error
findings (warnings and notes pass below the threshold); the number of skipped cases must equal the
number of waived findings; the counts written on each <testsuite> must agree with the cases inside
them (the Ant schema gives <testsuites> no counts); test case names must be unique.
"""
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from junitparser import Error, Failure, JUnitXml, Skipped

ROOT = Path(__file__).resolve().parent.parent


def run(binary, *arguments, fail_on="never"):
    completed = subprocess.run([binary, "validate", "--fail-on", fail_on, *arguments],
                               cwd=ROOT, capture_output=True, text=True)
    if completed.returncode not in (0, 1):
        sys.exit(f"{binary} validate {' '.join(arguments)} exited {completed.returncode}: {completed.stderr.strip()}")
    return completed.stdout


def count(case, kind):
    return sum(1 for result in case.result if isinstance(result, kind))


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__.strip().splitlines()[2])
    binary = str(Path(sys.argv[1]).resolve())
    inventories = sorted((ROOT / "inventories").glob("*.json"))
    if not inventories:
        sys.exit("no inventories found")
    failed = False
    with tempfile.TemporaryDirectory() as directory:
        for inventory in inventories:
            path = inventory.relative_to(ROOT).as_posix()
            report = json.loads(run(binary, "--format", "json", path))
            problems = []
            totals = {}
            for fail_on in ("note", "error"):
                xml_file = Path(directory) / f"{inventory.stem}-{fail_on}.xml"
                xml_file.write_text(run(binary, "--format", "junit", path, fail_on=fail_on), encoding="utf-8")
                xml = JUnitXml.fromfile(str(xml_file))
                counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
                names = []
                for suite in xml:
                    cases = list(suite)
                    names += [(case.classname, case.name) for case in cases]
                    counted = {
                        "tests": len(cases),
                        "failures": sum(count(case, Failure) for case in cases),
                        "errors": sum(count(case, Error) for case in cases),
                        "skipped": sum(count(case, Skipped) for case in cases),
                    }
                    for key, value in counted.items():
                        counts[key] += value
                        if getattr(suite, key) != value:
                            problems.append(f"--fail-on {fail_on}: suite {suite.name}: {key}={getattr(suite, key)} but {value} cases")
                if len(set(names)) != len(names):
                    problems.append(f"--fail-on {fail_on}: {len(names) - len(set(names))} repeated test case names")
                totals[fail_on] = counts
            errors = sum(1 for finding in report["findings"] if finding["severity"] == "error")
            if totals["error"]["failures"] != errors:
                problems.append(f"--fail-on error: {totals['error']['failures']} failures, but the JSON report has {errors} errors")
            totals = totals["note"]

            findings = len(report["findings"])
            waived = len(report["suppressed"])
            if totals["failures"] != findings:
                problems.append(f"{totals['failures']} failures, but the JSON report has {findings} findings")
            if totals["skipped"] != waived:
                problems.append(f"{totals['skipped']} skipped, but the JSON report has {waived} waived findings")
            if totals["errors"] != 0:
                problems.append(f"{totals['errors']} errors: an inventory could not be read")

            if problems:
                failed = True
                print(f"FAIL {path}")
                for problem in problems:
                    print(f"  {problem}")
            else:
                print(f"ok   {path}: {totals['tests']} tests, {totals['failures']} failures = {findings} findings, "
                      f"{totals['skipped']} skipped = {waived} waived")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
