"""Check the audit development set against itself and print its counts.

Validates every role file in roles/ and heldout/ against schemas/role.schema.json,
then checks that labels.yaml is consistent with the role files: every file
labelled; `at` ids exist; problem codes come from the agreed vocabulary; no
duplicate (problem, at); every file with criteria but no duties has no_duties;
every file with duties but no criteria has other:no_person_spec; duty labels
name exactly the role's duty ids; duty_missing:<id> equals the carried duties
that no statement covers. Does not import or run speccheck.

Run with an interpreter that has PyYAML and jsonschema:
    python tests/bench/audit/check_labels.py
"""

from __future__ import annotations

import collections
import datetime
import json
import sys
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator, FormatChecker

HERE = Path(__file__).resolve().parent
SCHEMA = HERE.parents[2] / "schemas" / "role.schema.json"
CODES = {
    "age_limit",
    "faith_requirement_unlawful",
    "route_exclusive",
    "process_as_criterion",
    "no_safeguarding_suitability",
    "no_safeguarding_duty",
    "unassessable_essential",
    "vague_recent",
    "superseded_standards",
    "npqh_required",
    "degree_without_equivalent",
    "health_question",
    "no_duties",
    "fixed_years",
    "native_speaker",
    "no_pay_range",
    "no_flexible_working",
    "no_online_search_notice",
    "no_adjustments",
}
FAMILY = {"headteacher": "stpcd.head.", "executive_headteacher": "stpcd.head."}


def _plain(value):
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


def _code(problem: str) -> str:
    return "duty_missing" if problem.startswith("duty_missing:") else problem


def main() -> int:  # noqa: C901 - one pass over the labels, check by check, reads best as one function
    errors: list[str] = []
    validator = Draft202012Validator(json.loads(SCHEMA.read_text()), format_checker=FormatChecker())
    labels = yaml.safe_load((HERE / "labels.yaml").read_text())
    carries = labels["carries"]
    all_ids = {i for ids in carries.values() for i in ids}
    counts: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    seen = set()
    for entry in labels["files"]:
        name, split = entry["file"], entry["split"]
        seen.add(name)
        role = _plain(yaml.safe_load((HERE / name).read_text()))
        errors += [f"{name}: schema: {e.message}" for e in validator.iter_errors(role)]
        if (split == "dev") != name.startswith("roles/"):
            errors.append(f"{name}: split {split} does not match its folder")
        ids = {x["id"] for x in role.get("criteria", []) + role.get("duties", [])}
        duty_ids = [x["id"] for x in role.get("duties", [])]
        raised = set()
        for finding in entry.get("findings", []):
            problem, at = finding["problem"], finding["at"]
            known = (
                problem in CODES
                or problem.startswith("other:")
                or (problem.startswith("duty_missing:") and problem.split(":", 1)[1] in all_ids)
            )
            if not known:
                errors.append(f"{name}: unknown problem {problem}")
            if at != "role" and at not in ids:
                errors.append(f"{name}: {problem} at unknown id {at}")
            if (problem, at) in raised:
                errors.append(f"{name}: duplicate {problem} at {at}")
            if finding.get("borderline") and not finding.get("note"):
                errors.append(f"{name}: borderline {problem} has no note")
            raised.add((problem, at))
            counts[split][_code(problem)] += 1
            counts[split]["(borderline)"] += bool(finding.get("borderline"))
        for item in entry.get("not_raised", []):
            if (item["problem"], item["at"]) in raised:
                errors.append(f"{name}: {item['problem']} at {item['at']} both raised and not raised")
        if role.get("criteria") and not duty_ids and ("no_duties", "role") not in raised:
            errors.append(f"{name}: criteria without duties but no no_duties")
        if duty_ids and not role.get("criteria") and ("other:no_person_spec", "role") not in raised:
            errors.append(f"{name}: duties without criteria but no other:no_person_spec")
        if duty_ids:
            duties = entry.get("duties") or {}
            if list(duties) != duty_ids:
                errors.append(f"{name}: duty labels {list(duties)} differ from the role's {duty_ids}")
            covered = {i for ids in duties.values() for i in ids}
            errors += [f"{name}: unknown duty id {i}" for i in covered - all_ids]
            carried = set(carries.get(entry.get("post_carries"), []))
            want = {f"duty_missing:{i}" for i in carried - covered}
            got = {p for p, _ in raised if p.startswith("duty_missing:")}
            if want != got:
                errors.append(f"{name}: duty_missing should be {sorted(want)}, is {sorted(got)}")
            prefix = FAMILY.get(role.get("post_type"), "stpcd.deputy.")
            family = [i for i in all_ids if i.startswith(prefix)] if entry.get("post_carries") != "none" else []
            counts[split]["duty statements"] += len(duties)
            counts[split]["decoy statements (cover nothing)"] += sum(1 for v in duties.values() if not v)
            counts[split]["(statement, id) pairs covered"] += sum(len(ids) for ids in duties.values())
            counts[split]["(statement, id) decisions"] += len(duties) * len(family)
        counts[split]["files"] += 1
    for folder in ("roles", "heldout"):
        for path in sorted((HERE / folder).glob("*.yaml")):
            if f"{folder}/{path.name}" not in seen:
                errors.append(f"{folder}/{path.name}: not labelled")
    for line in errors:
        print("ERROR", line)
    keys = sorted(
        set(counts["dev"]) | set(counts["heldout"]), key=lambda k: (-(counts["dev"][k] + counts["heldout"][k]), k)
    )
    print(f"{'':40} {'dev':>5} {'heldout':>8}")
    for key in keys:
        print(f"{key:40} {counts['dev'][key]:>5} {counts['heldout'][key]:>8}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
