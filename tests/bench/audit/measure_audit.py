"""Recall and precision of role audits against a careful HR reviewer, on published role definitions restated.

Not collected by pytest (tests/audit/test_audit_quality.py imports it and pins the figures). Run from the
repository root:

    python tests/bench/audit/measure_audit.py [--heldout] [--misses]

``labels.yaml`` holds, for every role file under ``roles/`` (development) and ``heldout/`` (run only at the
end; ``split:``), the findings a careful HR reviewer raises, as problem codes at a criterion, a duty or the role, and the
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

from speccheck.audit.coverage import CatalogueMatcher, statements  # noqa: E402
from speccheck.audit.run import audit_role  # noqa: E402
from speccheck.files.loader import Loaded, load_as  # noqa: E402
from speccheck.files.role import Role  # noqa: E402
from speccheck.files.rules import DEFAULT_PROFILE  # noqa: E402
from speccheck.library.loading import RuleLibrary, load_library  # noqa: E402
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
    "trait-list-criterion": "unassessable_essential",
    "obsolete-reference": "other:obsolete_reference",
    "obsolete-reference-role": "other:obsolete_reference",
    "uk-experience-only": "other:uk_experience_only",
    "assistant-head-deputising-duty": "other:assistant_required_to_deputise",
    "vague-time-words": "vague_recent",
    "superseded-national-standards-2004": "superseded_standards",
    "superseded-national-standards-2015": "superseded_standards",
    "superseded-npqml": "superseded_standards",
    "nasenco-without-npq": "superseded_standards",
    "npqh-required": "npqh_required",
    "degree-without-equivalent": "degree_without_equivalent",
    "health-questions": "health_question",
    "no-duties-section": "no_duties",
    "no-person-specification": "other:no_person_spec",
    "fixed-years-experience": "fixed_years",
    "native-speaker": "native_speaker",
    "online-search-notice": "no_online_search_notice",
}
# Findings of the measured duty frameworks are their missing duties, which are counted from the coverage table.
COUNTED_BY_TABLE = frozenset({"stpcd-deputy-assistant", "stpcd-headteacher"})
# Findings the reviewer was not asked to judge: they are printed as a count, not scored. Each says why.
NOT_JUDGED = {
    # notes on how the audit ran, not problems in the document
    "advert-not-given": "a note that the advert checks could not run (no advert in the file)",
    "head-of-school-not-in-stpcd": "a note on which duties a head of school is audited against",
    "executive-head-not-in-stpcd": "a note on which duties an executive head is audited against",
    # a good-practice observation outside the reviewer's conventions (labels.yaml header): several files
    # also drop a method column that was unreadable in the copy, so its absence says nothing of the source
    "no-assessment-method": "assessment methods were outside the reviewer's conventions",
}
# Problems a rule reports under another id in some versions; extended as checks are added.
PROBLEMS_BY_PREFIX = {
    "leadership-pay-range": "no_pay_range",
    "leadership-spine-points": "no_pay_range",
    "pay-figures-out-of-date": "no_pay_range",
    "flexible-working": "no_flexible_working",
    "selection-adjustments": "no_adjustments",
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
    not_judged: int = 0  # findings of rules the reviewer did not judge (NOT_JUDGED, unmeasured catalogues)


def _at(message: str) -> str:
    """The criterion or duty a finding is about, as its message names it; else the role."""
    for word in ("criterion", "duty", "statement"):
        marker = f'{word} "'
        if marker in message:
            return message.split(marker, 1)[1].split('"', 1)[0]
    return "role"


# The reviewer labelled the headteacher's duties under seven STPCD headings; the catalogue splits some of
# them. Both sides are compared under the reviewer's headings.
HEAD_HEADINGS = {
    "stpcd.head.whole_school.strategic_leadership": "stpcd.head.strategic",
    "stpcd.head.whole_school.policies": "stpcd.head.strategic",
    "stpcd.head.teaching.lead_manage": "stpcd.head.teaching",
    "stpcd.head.staff_resources": "stpcd.head.staff",
    "stpcd.head.professional_development": "stpcd.head.staff",
    "stpcd.head.communication": "stpcd.head.colleagues",
    "stpcd.head.colleagues": "stpcd.head.colleagues",
    "stpcd.head.health_safety_discipline": "stpcd.head.safety",
    "stpcd.head.governance.report": "stpcd.head.accountability",
}
REVIEWER_HEADINGS = {
    "stpcd.head.leading_managing_staff": "stpcd.head.staff",
    "stpcd.head.resources": "stpcd.head.staff",
}
# The catalogues the reviewer labelled (the duties of the leadership group); others are not measured.
MEASURED_CATALOGUES = ("stpcd-deputy-assistant", "stpcd-headteacher")


def _heading(duty_id: str) -> str:
    return HEAD_HEADINGS.get(duty_id, REVIEWER_HEADINGS.get(duty_id, duty_id))


def _label(problem: str) -> str:
    if problem.startswith("duty_missing:"):
        return "duty_missing:" + _heading(problem.split(":", 1)[1])
    return problem


def measure(*, heldout: bool = False) -> Figures:
    labels = yaml.safe_load((HERE / "labels.yaml").read_text(encoding="utf-8"))
    library = load_library()
    profile = load_profile(DEFAULT_PROFILE, rule_folders=None)
    figures = Figures()
    for entry in labels["files"]:
        if (entry.get("split") == "heldout") != heldout:
            continue
        name = str(entry["file"])
        loaded = load_as(HERE / name, Role)
        assert loaded.model is not None, [f.message for f in loaded.findings]
        report = audit_role(loaded, library, as_of=AS_OF, profile=profile)
        # the reviewer labelled the duties of the leadership catalogues only; the other catalogues' findings
        # (teachers' duties, the standards' summary rows) are not judged
        unmeasured = {c.id for c in library.duty_catalogues} - set(MEASURED_CATALOGUES)
        figures.not_judged += sum(1 for f in report.findings if f.rule_id in NOT_JUDGED or f.rule_id in unmeasured)
        got = {
            (problem_of(f.rule_id), _at(f.message))
            for f in report.findings
            if f.rule_id not in COUNTED_BY_TABLE | NOT_JUDGED.keys() | unmeasured
        }
        for table in report.coverage if loaded.model.duties else ():
            if table.catalogue_id not in MEASURED_CATALOGUES:
                continue
            headings: dict[str, bool] = {}
            for row in table.rows:
                heading = _heading(row.duty_id)
                headings[heading] = headings.get(heading, False) or row.status != "missing"
            got |= {(f"duty_missing:{h}", "role") for h, covered in headings.items() if not covered}
        wanted = {(_label(str(f["problem"])), str(f.get("at", "role"))) for f in entry.get("findings") or []}
        for item in sorted(got | wanted):
            if item in got and item in wanted:
                figures.findings.tp += 1
            elif item in got:
                figures.findings.fp += 1
                figures.misses.append(f"{name}: extra {item[0]} at {item[1]}")
            else:
                figures.findings.fn += 1
                figures.misses.append(f"{name}: missed {item[0]} at {item[1]}")
        if entry.get("duties"):
            _duty_pairs(loaded, library, entry, figures, name)
    return figures


def _duty_pairs(
    loaded: Loaded[Role], library: RuleLibrary, entry: dict[str, object], figures: Figures, name: str
) -> None:
    """Statement and duty pairs (covers: ignored), under the reviewer's headings."""
    role = loaded.model
    assert role is not None
    carried = {_heading(d) for d in LABELS_CARRIES.get(str(entry.get("post_carries", role.post_type.value)), [])}
    duties = entry["duties"]
    assert isinstance(duties, dict)
    truth = {(sid, _heading(d)) for sid, ids in duties.items() for d in ids or [] if _heading(d) in carried}
    found: set[tuple[str, str]] = set()
    for catalogue in library.duty_catalogues:
        if catalogue.id not in MEASURED_CATALOGUES:
            continue
        matcher = CatalogueMatcher(
            catalogue, use_covers=False, variants=library.normaliser.variants, library=library.duty_catalogues
        )
        for duty in catalogue.duties:
            if _heading(duty.id) not in carried:
                continue
            for hit in matcher.hits(duty, statements(role, ("duties",))):
                found.add((hit.statement.id, _heading(duty.id)))
    figures.duties.tp += len(found & truth)
    figures.duties.fp += len(found - truth)
    figures.duties.fn += len(truth - found)
    figures.misses += [f"{name}: duty extra {s} -> {d}" for s, d in sorted(found - truth)]
    figures.misses += [f"{name}: duty missed {s} -> {d}" for s, d in sorted(truth - found)]


LABELS_CARRIES: dict[str, list[str]] = yaml.safe_load((HERE / "labels.yaml").read_text(encoding="utf-8"))["carries"]


def _report(name: str, figures: Figures) -> None:
    f, d = figures.findings, figures.duties
    print(f"{name}: findings recall {f.recall:.3f} precision {f.precision:.3f} (tp {f.tp}, fp {f.fp}, fn {f.fn})")
    print(f"  duty coverage recall {d.recall:.3f} precision {d.precision:.3f} (tp {d.tp}, fp {d.fp}, fn {d.fn})")
    print(f"  not judged by the reviewer (notes, other catalogues, assessment methods): {figures.not_judged}")


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
