"""The type-checker: unknown facts and tests that do not fit a fact's type, as problems and as findings."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import TypeAdapter

from speccheck.conditions.ast import Condition
from speccheck.conditions.typecheck import Catalogue, FactSpec, check, condition_findings
from speccheck.core.findings import Position, Severity
from speccheck.evaluate.plans import compile_role
from speccheck.files.loader import load_text
from speccheck.files.role import Role
from speccheck.library.loading import RuleLibrary

CONDITION = TypeAdapter(Condition)


def cond(data: dict[str, Any]) -> Condition:
    return CONDITION.validate_python(data)


CATALOGUE = Catalogue("test", [FactSpec("n1", "number", "years"), FactSpec("b1", "bool", "a member")])


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ({"fact": "years_teaching", "==": "10"}, "number fact"),
        ({"fact": "years_teaching", "==": True}, "bool"),
        ({"fact": "years_teaching", "!=": "5"}, "string"),
        ({"fact": "years_teaching", "!=": False}, "bool"),
        ({"fact": "qts_status", "==": 5}, "number"),
        ({"fact": "qts_status", "==": True}, "bool"),
        ({"fact": "set_membership", "==": 1}, "number"),
        ({"fact": "set_membership", "!=": "yes"}, "string"),
        ({"fact": "qts_status", ">=": 5}, "needs a number fact"),
        ({"fact": "qualifications", "==": "QTS"}, "list fact"),
        ({"fact": "personal_statement", "==": "x"}, "text fact"),
        ({"fact": "years_teaching", "has": "5"}, "needs a list fact"),
        ({"fact": "qualifications", "matches": "QTS"}, "needs a text fact"),
    ],
)
def test_check_rejects_mismatched_types(library: RuleLibrary, data: dict[str, Any], words: str) -> None:
    problems = check(cond(data), library.candidate_catalogue())
    assert len(problems) == 1, problems
    assert words in problems[0][1]
    assert data["fact"] in problems[0][1]


@pytest.mark.parametrize(
    "data",
    [
        {"fact": "years_teaching", "==": 10},
        {"fact": "years_teaching", ">=": 2.5},
        {"fact": "qts_status", "==": "yes"},
        {"fact": "set_membership", "!=": False},
        {"fact": "qualifications", "has": ["QTS", "QTLS"]},
        {"fact": "personal_statement", "exists": True},
        {"fact": "has_qts", "==": True},
    ],
)
def test_check_accepts_matching_types(library: RuleLibrary, data: dict[str, Any]) -> None:
    assert check(cond(data), library.candidate_catalogue()) == []


def test_check_says_where_and_what() -> None:
    condition = cond(
        {"all": [{"fact": "n1", ">=": 1}, {"not": {"fact": "b1", "==": 1}}, {"any": [{"fact": "zz", "exists": True}]}]}
    )
    assert check(condition, CATALOGUE) == [
        (("all", 1, "not"), '"b1" is a bool fact; == compares it with a number (1)'),
        (("all", 2, "any", 0, "fact"), 'unknown test fact "zz"'),
    ]


def test_condition_findings_place_each_problem_in_its_file() -> None:
    condition = cond({"any": [{"fact": "n1", "has": "x"}, {"fact": "zz", ">=": 1}]})
    seen: list[tuple[str | int, ...]] = []

    def locate(loc: tuple[str | int, ...]) -> Position:
        seen.append(loc)
        return Position(path="r.yaml", line=len(seen), col=3)

    findings = condition_findings(
        condition, CATALOGUE, at=("criteria", 2, "condition"), locate=locate, fix="do this", subject='criterion "E1"'
    )
    assert seen == [("criteria", 2, "condition", "any", 0), ("criteria", 2, "condition", "any", 1, "fact")]
    assert [(f.rule_id, f.severity, f.fix, str(f.position)) for f in findings] == [
        ("condition", Severity.ERROR, "do this", "r.yaml:1:3"),
        ("condition", Severity.ERROR, "do this", "r.yaml:2:3"),
    ]
    assert [f.message for f in findings] == [
        'criterion "E1": "n1" is a number fact; has needs a list fact',
        'criterion "E1": unknown test fact "zz"',
    ]


def test_condition_findings_without_a_file_or_subject() -> None:
    (finding,) = condition_findings(cond({"fact": "zz", "exists": True}), CATALOGUE, at=("when",), locate=None, fix="f")
    assert finding.position is None
    assert finding.message == 'unknown test fact "zz"'
    assert condition_findings(cond({"fact": "n1", "<": 1}), CATALOGUE, at=(), locate=None, fix="f") == []


def test_yaml_yes_is_a_bool_and_is_refused_for_a_string_fact(library: RuleLibrary) -> None:
    """YAML 1.1 reads an unquoted yes as true: the check catches it before the engine does 'yes' == true."""
    text = "kind: role\nversion: 1\ntitle: Deputy Headteacher\npost_type: deputy_headteacher\ncriteria:\n" + "".join(
        f"  - {{id: {cid}, text: {cid}, level: essential, category: other, assessed_by: [application], "
        f"condition: {condition}}}\n"
        for cid, condition in [
            ("E1", '{fact: qts_status, "==": yes}'),
            ("E2", '{fact: years_teaching, "==": "10"}'),
            ("E3", '{fact: years_teaching, ">=": 10}'),
        ]
    )
    loaded = load_text(text, "role.yaml")
    assert isinstance(loaded.model, Role), loaded.findings
    compiled, findings = compile_role(loaded, library)
    assert compiled is None
    assert [f.rule_id for f in findings] == ["condition", "condition"]
    assert "E1" in findings[0].message and "bool" in findings[0].message
    assert "E2" in findings[1].message and "string" in findings[1].message
    assert [f.position.line for f in findings if f.position] == [6, 7]
