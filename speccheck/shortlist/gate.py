"""The role's audit gates its shortlist: which audit findings leave a criterion out of the decisions.

A shortlist runs the role's audit first (the default profile, or a rule
pack's own ``default`` profile). Every shortlist output opens with the audit's
errors and warnings, and a criterion the audit marks as possibly unlawful or
as unassessable at shortlisting is shown struck through, with the reason, and
left out of every decision, count and score. ``GATES`` is the one table of
which audit rules do that, and from what severity:

* **unlawful** (the equality rules on a criterion, at warning or error after the
  profile): an age limit or wording that stands in for age, a faith requirement
  the school's character does not support, health questions before an offer, a
  native speaker, a fixed number of years, the NPQH as essential, experience in
  the UK only. A panel that decides on these risks a discrimination claim.
* **unassessable** (the clarity rules, at any severity): a subjective criterion,
  a list of personal qualities, an essential criterion used to shortlist that
  only an interview, task or reference can judge. Nothing in an application
  shows them, so a decision on them is a guess.

Rules left out on purpose: ``route-exclusive-criterion`` (the evaluation already
reads equivalent routes as evidence for the panel to judge) and
``degree-without-equivalent`` (information only: a degree is a fact a
certificate proves).

A finding belongs to a criterion when it stands at the criterion's text (where
the audit places a criterion-scope finding, and where a role-scope text rule
such as ``no-age-limits`` places the words it matched), or at the criteria
heading when one finding stands for every criterion.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from speccheck.audit.run import audit_role
from speccheck.core.findings import Finding, Position, Severity, sorted_findings
from speccheck.files.loader import Loaded
from speccheck.files.role import Role
from speccheck.files.rules import Profile
from speccheck.library.loading import RuleLibrary

GateKind = Literal["unlawful", "unassessable"]


@dataclass(frozen=True)
class Gate:
    """What one audit rule does to a criterion it fires on."""

    kind: GateKind
    words: str  # the reason, in a panel's words
    at_least: Severity  # the lowest severity (after the profile) at which it gates


_EQUALITY = Severity.WARNING
_CLARITY = Severity.INFO

GATES: dict[str, Gate] = {
    "no-age-limits": Gate("unlawful", "sets an age limit (direct age discrimination)", _EQUALITY),
    "age-proxy-wording": Gate("unlawful", "wording that stands in for age (indirect age discrimination)", _EQUALITY),
    "faith-criterion": Gate("unlawful", "a religious requirement at a school with no religious character", _EQUALITY),
    "faith-criterion-support-staff": Gate("unlawful", "a religious requirement for a support staff post", _EQUALITY),
    "health-questions": Gate("unlawful", "asks about health before an offer (Equality Act 2010, s.60)", _EQUALITY),
    "native-speaker": Gate("unlawful", "asks for a native speaker (race discrimination)", _EQUALITY),
    "fixed-years-experience": Gate(
        "unlawful", "a fixed number of years (indirect age or sex discrimination)", _EQUALITY
    ),
    "npqh-required": Gate(
        "unlawful", "the NPQH as essential, with no equivalent (indirect age discrimination)", _EQUALITY
    ),
    "uk-experience-only": Gate("unlawful", "experience in the UK only (indirect race discrimination)", _EQUALITY),
    "subjective-criterion": Gate("unassessable", "subjective: panels will judge it differently", _CLARITY),
    "trait-list-criterion": Gate(
        "unassessable", "a list of personal qualities nothing in an application shows", _CLARITY
    ),
    "shortlisting-unassessable-essential": Gate(
        "unassessable", "only an interview, task or reference can assess it", _CLARITY
    ),
}

# Rules of the same families that do not gate, and why (a test checks that every equality rule on a
# criterion is in one table or the other, so a new rule gets a decision).
NOT_GATED: dict[str, str] = {
    "route-exclusive-criterion": "the evaluation reads equivalent routes as evidence for the panel to judge",
    "degree-without-equivalent": "information only: a degree is a fact a certificate proves",
}

KIND_WORDS: dict[str, str] = {
    "unlawful": "may be unlawful",
    "unassessable": "cannot be assessed from an application",
}


@dataclass(frozen=True)
class LeftOutCriterion:
    """Why one criterion is left out of the decisions: the gates and the audit findings behind them."""

    kind: GateKind  # unlawful if any gate says so
    reasons: tuple[str, ...]  # each gate's words, in table order
    rules: tuple[str, ...]
    findings: tuple[Finding, ...]

    @property
    def reason(self) -> str:
        return KIND_WORDS[self.kind] + ": " + "; ".join(self.reasons)


@dataclass(frozen=True)
class RoleGate:
    """The role's audit as the shortlist sees it."""

    findings: list[Finding] = field(default_factory=list)  # the audit's errors and warnings, sorted
    left_out: dict[str, LeftOutCriterion] = field(default_factory=dict)  # criterion id -> why

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]


def gate_role(loaded: Loaded[Role], library: RuleLibrary, *, profile: Profile | None = None) -> RoleGate:
    """Audit the role (guidance as at its issue date) and decide which criteria its findings leave out."""
    audit = audit_role(loaded, library, profile=profile)
    shown = [f for f in audit.findings if f.severity.rank >= Severity.WARNING.rank]
    return RoleGate(findings=sorted_findings(shown), left_out=left_out(audit.findings, loaded))


def gates(finding: Finding) -> Gate | None:
    """The gate of a finding, when its rule gates and its severity reaches the gate's."""
    gate = GATES.get(finding.rule_id)
    if gate is None or finding.severity.rank < gate.at_least.rank:
        return None
    return gate


def left_out(findings: list[Finding], loaded: Loaded[Role]) -> dict[str, LeftOutCriterion]:
    """Criterion id -> why it is left out, for every criterion a gating finding stands at."""
    role = loaded.model
    assert role is not None
    at_text: dict[Position, str] = {
        loaded.position(("criteria", index, "text")): criterion.id for index, criterion in enumerate(role.criteria)
    }
    heading = loaded.position(("criteria",), key=True) if role.criteria else None
    found: dict[str, list[tuple[Gate, Finding]]] = {}
    for finding in findings:
        gate = gates(finding)
        if gate is None or finding.position is None:
            continue
        if finding.position in at_text:
            ids = [at_text[finding.position]]
        elif finding.position == heading:
            ids = [c.id for c in role.criteria]
        else:
            continue
        for criterion_id in ids:
            found.setdefault(criterion_id, []).append((gate, finding))
    order = list(GATES)
    out: dict[str, LeftOutCriterion] = {}
    for criterion in role.criteria:
        pairs = sorted(found.get(criterion.id, []), key=lambda pair: order.index(pair[1].rule_id))
        if not pairs:
            continue
        kind: GateKind = "unlawful" if any(g.kind == "unlawful" for g, _ in pairs) else "unassessable"
        out[criterion.id] = LeftOutCriterion(
            kind=kind,
            reasons=tuple(dict.fromkeys(g.words for g, _ in pairs)),
            rules=tuple(dict.fromkeys(f.rule_id for _, f in pairs)),
            findings=tuple(f for _, f in pairs),
        )
    return out
