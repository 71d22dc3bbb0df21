"""Recall and precision of role audits against a careful HR reviewer, on published role definitions restated.

Not collected by pytest (tests/audit/test_audit_quality.py imports it and pins the figures). Run from the
repository root:

    python tests/bench/audit/measure_audit.py [--heldout] [--misses]

``labels.yaml`` holds, for every role file under ``roles/`` (development) and ``heldout/`` (run only at the
end), the findings a careful HR reviewer raises, as problem codes at a criterion, a duty or the role, and the
statutory duties each job description statement truly covers. The files restate published person
specifications and job descriptions; they and the labels were written by someone who had not read the rule
files. The audit runs with the default profile; each finding's rule is mapped to the reviewer's problem code
(``PROBLEMS``); a finding of a rule with no code counts against precision.

Two figures: findings (problem code and place, as a reviewer would tick them) and duty coverage (statement
and duty pairs, ``covers:`` ignored, only for roles with a job description).
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[3]
HERE = Path(__file__).resolve().parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from speccheck.audit.run import audit_role  # noqa: E402
from speccheck.files.loader import Loaded, load_as  # noqa: E402
from speccheck.files.role import Role  # noqa: E402
from speccheck.files.rules import DEFAULT_PROFILE  # noqa: E402
from speccheck.library.loading import load_library  # noqa: E402
from speccheck.library.profiles import load_profile  # noqa: E402

AS_OF = dt.date(2026, 9, 1)  # the day the labels were made for

# The reviewer's problem code for each rule whose findings speak of it.
PROBLEMS = {
    "no-age-limits": "age_limit",
    "age-proxy-wording": "age_limit",
    "faith-criterion": "faith_requirement_unlawful",
    "route-exclusive-criterion": "route_exclusive",
    "process-as-criterion": "process_as_criterion",
    "dbs-as-criterion": "process_as_criterion",
    "safeguarding-criterion": "no_safeguarding_suitability",
    "safeguarding-duty": "no_safeguarding_duty",
    "shortlisting-unassessable-essential": "unassessable_essential",
    "subjective-criterion": "unassessable_essential",
    "vague-time-words": "vague_recent",
    "superseded-national-standards-2004": "superseded_standards",
    "superseded-national-standards-2015": "superseded_standards",
    "superseded-npqml": "superseded_standards",
    "nasenco-without-npq": "superseded_standards",
    "npqh-required": "npqh_required",
    "degree-without-equivalent": "degree_without_equivalent",
    "health-questions": "health_question",
    "no-duties-section": "no_duties",
    "fixed-years-experience": "fixed_years",
    "native-speaker": "native_speaker",
    "online-search-notice": "no_online_search_notice",
}
# Problems a rule reports under another id in some versions; extended as checks are added.
PROBLEMS_BY_PREFIX = {
    "pay-": "no_pay_range",
    "flexible-working": "no_flexible_working",
    "reasonable-adjustments": "no_adjustments",
}


def problem_of(rule_id: str) -> str:
    if rule_id in PROBLEMS:
        return PROBLEMS[rule_id]
    for prefix, code in PROBLEMS_BY_PREFIX.items():
        if rule_id.startswith(prefix):
            return code
    return f"other:{rule_id}"


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass
class Figures:
    findings: Counts = field(default_factory=Counts)
    duties: Counts = field(default_factory=Counts)
    misses: list[str] = field(default_factory=list)


def _at(message: str) -> str:
    """The criterion or duty a finding is about, as its message names it; else the role."""
    for word in ("criterion", "duty", "statement"):
        marker = f'{word} "'
        if marker in message:
            return message.split(marker, 1)[1].split('"', 1)[0]
    return "role"


def measure(*, heldout: bool = False) -> Figures:
    labels = yaml.safe_load((HERE / "labels.yaml").read_text(encoding="utf-8"))
    library = load_library()
    profile = load_profile(DEFAULT_PROFILE, rule_folders=None)
    figures = Figures()
    for name, expected in sorted(labels["roles"].items()):
        path = HERE / name
        if (path.parent.name == "heldout") != heldout:
            continue
        loaded = load_as(path, Role)
        assert loaded.model is not None, [f.message for f in loaded.findings]
        report = audit_role(loaded, library, as_of=AS_OF, profile=profile)
        got = set()
        for finding in report.findings:
            got.add((problem_of(finding.rule_id), _at(finding.message)))
        for table in report.coverage:
            for row in table.rows:
                if row.status == "missing":
                    got.add((f"duty_missing:{row.duty_id}", "role"))
        wanted = {(str(f["problem"]), str(f.get("at", "role"))) for f in expected.get("findings") or []}
        for item in sorted(got | wanted):
            if item in got and item in wanted:
                figures.findings.tp += 1
            elif item in got:
                figures.findings.fp += 1
                figures.misses.append(f"{name}: extra {item[0]} at {item[1]}")
            else:
                figures.findings.fn += 1
                figures.misses.append(f"{name}: missed {item[0]} at {item[1]}")
        _duty_pairs(loaded, library, expected, figures, name)
    return figures


def _duty_pairs(loaded: Loaded[Role], library: object, expected: dict[str, object], figures: Figures, name: str) -> None:
    from speccheck.audit.applies import catalogue_applies
    from speccheck.audit.coverage import CatalogueMatcher, statements

    role = loaded.model
    assert role is not None
    if not role.duties or "covers" not in expected:
        return
    truth = {(sid, d) for sid, duties in (expected["covers"] or {}).items() for d in duties or []}
    found: set[tuple[str, str]] = set()
    carried: set[str] = set()
    for catalogue in library.duty_catalogues:  # type: ignore[attr-defined]
        if not catalogue_applies(catalogue, role, AS_OF):
            continue
        matcher = CatalogueMatcher(catalogue, use_covers=False, variants=library.normaliser.variants)  # type: ignore[attr-defined]
        for duty in catalogue.duties:
            if role.post_type.value not in duty.applies_to:
                continue
            carried.add(duty.id)
            for hit in matcher.hits(duty, statements(role, ("duties",))):
                found.add((hit.statement.id, duty.id))
    truth = {(s, d) for s, d in truth if d in carried}
    figures.duties.tp += len(found & truth)
    figures.duties.fp += len(found - truth)
    figures.duties.fn += len(truth - found)
    figures.misses += [f"{name}: duty extra {s} -> {d}" for s, d in sorted(found - truth)]
    figures.misses += [f"{name}: duty missed {s} -> {d}" for s, d in sorted(truth - found)]


def _report(name: str, figures: Figures) -> None:
    f, d = figures.findings, figures.duties
    print(f"{name}: findings recall {f.recall:.3f} precision {f.precision:.3f} (tp {f.tp}, fp {f.fp}, fn {f.fn})")
    print(f"  duty coverage recall {d.recall:.3f} precision {d.precision:.3f} (tp {d.tp}, fp {d.fp}, fn {d.fn})")


def main(argv: list[str]) -> int:
    figures = measure()
    _report("development roles", figures)
    if "--heldout" in argv:
        held = measure(heldout=True)
        _report("held-out roles", held)
        figures.misses += held.misses
    if "--misses" in argv:
        print("\n".join(figures.misses))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
