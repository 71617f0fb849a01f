#!/usr/bin/env python3
"""Cross-check infractl's JSON Schema against its decoder with Python's jsonschema (draft 2020-12).

Usage: scripts/check-schema.py PATH-TO-INFRACTL

From the repository root:
- `infractl schema` prints exactly the committed schema/inventory.schema.json, which is a valid
  draft 2020-12 schema;
- every seed inventory (inventories/*.json), every valid fixture
  (Tests/InfraKitTests/Fixtures/valid/*.json), every corpus inventory (examples/*/inventory.json),
  every JSON example of docs/format.md (an entity array is checked inside a minimal inventory)
  and a generated synthetic inventory validate;
- every broken fixture (Tests/InfraKitTests/Fixtures/broken/RULE.WHAT.json) is rejected by the
  schema, and `infractl validate` on it exits 1 or 2 and reports the structural rule RULE its
  name starts with.
Formats are asserted (format "date" checks the calendar), as an editor's validator may not.
"""
import json
import subprocess
import sys
from pathlib import Path

from jsonschema import Draft202012Validator

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "schema" / "inventory.schema.json"
FIXTURES = ROOT / "Tests" / "InfraKitTests" / "Fixtures"


def relative(path):
    return path.relative_to(ROOT).as_posix()


def schema_errors(validator, document):
    return [f"{'/'.join(map(str, error.absolute_path)) or '(root)'}: {error.message}"
            for error in sorted(validator.iter_errors(document), key=lambda error: list(map(str, error.absolute_path)))]


def format_examples():
    """The ```json blocks of docs/format.md as documents: a whole object as it is, an entity array
    (`"datastores": [...]`) inside the smallest inventory."""
    text = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    blocks = text.split("```json\n")[1:]
    for number, block in enumerate(blocks, 1):
        body = block.split("```", 1)[0]
        try:
            yield number, json.loads(body)
        except json.JSONDecodeError:
            fragment = json.loads("{" + body + "}")
            document = {"infractl": 2, "name": "docs", "environments": [{"id": "production", "kind": "production"}]}
            document.update(fragment)
            yield number, document


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__.strip().splitlines()[2])
    binary = str(Path(sys.argv[1]).resolve())
    failures = []

    printed = subprocess.run([binary, "schema"], cwd=ROOT, capture_output=True, text=True)
    if printed.returncode != 0 or printed.stdout != SCHEMA.read_text(encoding="utf-8"):
        failures.append(f"'infractl schema' (exit {printed.returncode}) differs from {relative(SCHEMA)}; "
                        "regenerate it with 'infractl schema --output schema/inventory.schema.json'")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)

    valid = (sorted((ROOT / "inventories").glob("*.json")) + sorted((FIXTURES / "valid").glob("*.json"))
             + sorted((ROOT / "examples").glob("*/inventory.json")))
    broken = sorted((FIXTURES / "broken").glob("*.json"))
    if len(valid) < 5 or not broken:
        sys.exit(f"expected the seed inventories and broken fixtures, found {len(valid)} valid and {len(broken)} broken files")

    for path in valid:
        problems = schema_errors(validator, json.loads(path.read_text(encoding="utf-8")))
        if problems:
            failures.append(f"{relative(path)} should validate: " + "; ".join(problems))
        else:
            print(f"ok   valid   {relative(path)}")

    examples = list(format_examples())
    for number, document in examples:
        problems = schema_errors(validator, document)
        if problems:
            failures.append(f"docs/format.md example {number} should validate: " + "; ".join(problems))
        else:
            print(f"ok   valid   docs/format.md example {number}")
    valid += [None] * len(examples)

    generated = subprocess.run([sys.executable, str(ROOT / "scripts" / "generate-inventory"), "120"],
                               cwd=ROOT, capture_output=True, text=True, check=True)
    problems = schema_errors(validator, json.loads(generated.stdout))
    if problems:
        failures.append("scripts/generate-inventory 120 should validate: " + "; ".join(problems[:5]))
    else:
        print("ok   valid   scripts/generate-inventory 120")

    for path in broken:
        rule = path.name.split(".", 1)[0]
        problems = schema_errors(validator, json.loads(path.read_text(encoding="utf-8")))
        decoded = subprocess.run([binary, "validate", relative(path)], cwd=ROOT, capture_output=True, text=True)
        wrong = []
        if not problems:
            wrong.append("the schema accepts it")
        if decoded.returncode not in (1, 2):
            wrong.append(f"infractl validate exited {decoded.returncode}, expected 1 or 2")
        if f"[{rule}]" not in decoded.stdout:
            wrong.append(f"infractl validate reported no [{rule}] finding")
        if wrong:
            failures.append(f"{relative(path)}: " + "; ".join(wrong))
        else:
            first = problems[0] if len(problems[0]) <= 100 else problems[0][:97] + "..."
            print(f"ok   broken  {relative(path)}: infractl exit {decoded.returncode} [{rule}]; schema: {first}")

    checked = len(valid) + 1 + len(broken)
    if failures:
        print(f"FAIL {len(failures)} of {checked} checks disagree:")
        for failure in failures:
            print(f"  {failure}")
        sys.exit(1)
    print(f"schema and decoder agree on {len(valid) + 1} valid and {len(broken)} broken inventories")


if __name__ == "__main__":
    main()
