"""Validates SARIF logs against the official SARIF 2.1.0 schema (draft-04).

Usage: python3 tests/validate_sarif.py LOG.sarif [LOG.sarif ...]
Run by .ci/run on the logs `cargo test` writes to target/sarif/.
"""

import json
import pathlib
import sys

import jsonschema

schema_path = pathlib.Path(__file__).parent / "schemas" / "sarif-schema-2.1.0.json"
schema = json.loads(schema_path.read_text(encoding="utf-8"))
validator = jsonschema.Draft4Validator(schema)

failed = False
paths = sys.argv[1:]
if not paths:
    sys.exit("no SARIF logs given")
for path in paths:
    log = json.loads(pathlib.Path(path).read_text(encoding="utf-8"))
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    for error in errors:
        failed = True
        where = "/".join(str(p) for p in error.path)
        print(f"{path}: {where}: {error.message}", file=sys.stderr)
    if not errors:
        results = sum(len(run.get("results", [])) for run in log["runs"])
        print(f"{path}: valid SARIF 2.1.0 ({results} results)")
sys.exit(1 if failed else 0)
