"""Properties: the loader never raises, whatever the text; evaluation does not depend on list order."""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from speccheck.evaluate.plans import CompiledRole, compile_role
from speccheck.evaluate.verdicts import evaluate_candidate
from speccheck.files.candidate import Candidate
from speccheck.files.loader import load_file, load_text
from speccheck.files.role import Role
from speccheck.library.loading import RuleLibrary, load_library
from speccheck.results.evaluation import CandidateResult

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"

# YAML counts these as line breaks ("\r\n" is one break, counted twice here: an upper bound).
_BREAKS = ("\n", "\r", "\x85", "\u2028", "\u2029")


def _yaml_printable(ch: str) -> bool:
    """Characters YAML accepts in a stream (YAML 1.1 c-printable)."""
    code = ord(ch)
    return (
        ch in "\t\n\r"
        or 0x20 <= code <= 0x7E
        or code == 0x85
        or 0xA0 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or 0x10000 <= code <= 0x10FFFF
    )


def assert_loaded_or_located(text: str) -> None:
    loaded = load_text(text, "x.yaml")
    if loaded.model is not None:
        return
    assert loaded.findings, "a file that does not load must say why"
    last_line = sum(text.count(b) for b in _BREAKS) + 2
    for finding in loaded.findings:
        assert finding.position is not None, finding
        assert finding.position.path == "x.yaml"
        assert 1 <= finding.position.line <= last_line, finding
        assert finding.position.col >= 1, finding
        assert finding.message


# --------------------------------------------------------------------------- (a) the loader never raises


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.characters().filter(_yaml_printable)) | st.text(alphabet="ab: -[]{}&*!#|>'\"\n\t"))
def test_loader_never_raises_on_any_text(text: str) -> None:
    assert_loaded_or_located(text)


KEYS = [
    "kind",
    "version",
    "id",
    "title",
    "post_type",
    "criteria",
    "condition",
    "fact",
    "all",
    "any",
    "not",
    ">=",
    "==",
    "!=",
    "has",
    "matches",
    "exists",
    "text",
    "level",
    "category",
    "assessed_by",
    "duties",
    "evidence",
    "employment_history",
    "started_on",
    "name",
    "type",
    "when",
    "derives",
    "examples",
]
WORDS = [
    "role",
    "candidate",
    "rule",
    "derivation",
    "check",
    "vocabulary",
    "duties",
    "essential",
    "desirable",
    "qualifications",
    "deputy_headteacher",
    "years_teaching",
    "has_qts",
    "yes",
    "no",
    "~",
    "null",
    "1.0",
    "E1",
]
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12),
    st.dates(),
    st.sampled_from(WORDS),
)
NESTED = st.recursive(
    SCALARS,
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.sampled_from(KEYS) | st.text(min_size=1, max_size=6), children, max_size=4)
    ),
    max_leaves=25,
)
TOP_KEYS = st.sampled_from(KEYS) | st.text(min_size=1, max_size=6)


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    doc: dict[str, Any] = {}
    if draw(st.booleans()):
        doc["kind"] = draw(st.sampled_from(["role", "candidate", "rule", "duties", "vocabulary"]) | SCALARS)
    if draw(st.booleans()):
        doc["version"] = draw(st.sampled_from([1, 2, "1", None]))
    doc.update(draw(st.dictionaries(TOP_KEYS, NESTED, max_size=6)))
    return doc


def _dump(draw: Any, doc: dict[str, Any]) -> str:
    style = draw(st.sampled_from(["block", "flow", "default", "json"]))
    if style == "json":
        return json.dumps(doc, default=str, indent=draw(st.sampled_from([None, 2])))
    flow = {"block": False, "flow": True, "default": None}[style]
    text: str = yaml.safe_dump(doc, sort_keys=False, default_flow_style=flow, allow_unicode=draw(st.booleans()))
    return text


TOKENS = [
    ":",
    ": ",
    "\t",
    "&a ",
    "*a",
    "*a ",
    "- ",
    "? ",
    "{",
    "}",
    "[",
    "]",
    "#",
    "\n",
    "  ",
    "'",
    '"',
    "---\n",
    "...\n",
    "%YAML 1.1\n",
    "|",
    ">",
    "<<: ",
    ",",
    "\ufeff",
    "\r",
    "!",
    "%",
]


@st.composite
def mutated(draw: st.DrawFn, text: str) -> str:
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["truncate", "insert", "duplicate-line", "anchor-alias"]))
        if kind == "truncate":
            text = text[: draw(st.integers(0, len(text)))]
        elif kind == "insert":
            at = draw(st.integers(0, len(text)))
            text = text[:at] + draw(st.sampled_from(TOKENS)) + text[at:]
        elif kind == "duplicate-line":
            lines = text.splitlines(keepends=True)
            if lines:
                line = lines[draw(st.integers(0, len(lines) - 1))]
                at = draw(st.integers(0, len(lines)))
                lines.insert(at, line if line.endswith("\n") else line + "\n")
                text = "".join(lines)
        else:
            first, second = sorted(draw(st.lists(st.integers(0, len(text)), min_size=2, max_size=2)))
            text = text[:first] + "&a " + text[first:second] + "*a" + text[second:]
    return text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_loader_never_raises_on_yaml_documents(data: st.DataObject) -> None:
    doc = data.draw(documents(), label="document")
    text = _dump(data.draw, doc)
    if data.draw(st.booleans(), label="mutate"):
        text = data.draw(mutated(text), label="mutated")
    assert_loaded_or_located(text)


@pytest.mark.parametrize(
    "text",
    [
        "kind: role\nversion: 1\nid: E1\nid: E2\n",
        "kind: role\nversion: 1\ntitle: &t Deputy\npost_type: *t\n",
        "kind: role\n\tversion: 1\n",
        'kind: role\nversion: 1\ncriteria:\n  - id: E1\n    condition: {fact: years_teaching, ">=": five}\n',
        "kind: candidate\nversion: 1\nemployment_history:\n  - started_on: '2020-02-30'\n",
        "kind: role\nversion: 1\ncriteria: [" + "[" * 60 + "]" * 60 + "]\n",
        "kind: rule\nversion: 1\ntype: [derivation]\n",
        "kind: !!binary aGVsbG8=\n",
    ],
)
def test_loader_locates_awkward_documents(text: str) -> None:
    assert_loaded_or_located(text)


@pytest.mark.parametrize(
    "text", ["kind: [role]\nversion: 1\n", "kind: {a: 1}\n", "kind:\n- role\nversion: 1\n", "kind: !!set {role}\n"]
)
def test_loader_reports_a_collection_as_kind(text: str) -> None:
    assert_loaded_or_located(text)


@pytest.mark.parametrize(
    "text",
    [
        "kind: candidate\nversion: 1\nemployment_history:\n  - {job_title: Teacher, started_on: 2020-02-30, is_current_role: true}\n",
        "kind: role\nversion: 1\ntitle: Deputy\npost_type: deputy_headteacher\nissued: 2021-13-01\n",
        "kind: role\nversion: !!int abc\n",
        "kind: role\nversion: !!float abc\n",
        "kind: role\nissued: !!timestamp 2020-99-99\n",
        "kind: role\nversion: 1\nflag: !!bool maybe\n",
        "kind: !!int 0x\n",
    ],
)
def test_loader_reports_a_bad_scalar_value(text: str) -> None:
    assert_loaded_or_located(text)


@pytest.mark.parametrize("text", ["kind: role\nversion: 1\ntitle: Deputy\x0cHead\n", "\x1f", "kind: role\x07\n"])
def test_loader_reports_an_unacceptable_character(text: str) -> None:
    assert_loaded_or_located(text)


def test_load_file_reports_a_form_feed(tmp_path: Path) -> None:
    path = tmp_path / "role.yaml"
    path.write_text("kind: role\nversion: 1\ntitle: Deputy\x0cHead\npost_type: deputy_headteacher\n", encoding="utf-8")
    loaded = load_file(path)
    assert loaded.model is None and loaded.findings


# --------------------------------------------------------------------------- (b) list order does not matter

SHUFFLED = ("employment_history", "qualifications", "training_and_cpds", "evidence")


def _candidate_data() -> list[tuple[str, dict[str, Any]]]:
    found = sorted((SAMPLES / "candidates").glob("*.yaml"))
    assert found, "the property runs on the sample candidates"
    return [(path.name, yaml.safe_load(path.read_text(encoding="utf-8"))) for path in found]


@pytest.fixture(scope="module")
def roles() -> list[CompiledRole]:
    paths = sorted((SAMPLES / "roles").glob("*.yaml"))
    assert paths, "the property runs on the sample roles"
    library: RuleLibrary = load_library()
    compiled = []
    for path in paths:
        loaded = load_file(path)
        assert isinstance(loaded.model, Role), loaded.findings
        role, findings = compile_role(loaded, library)
        assert role is not None, findings
        compiled.append(role)
    return compiled


def _as_of(compiled: CompiledRole) -> dt.date:
    return compiled.role.issued or dt.date(2025, 9, 1)


def _evaluate(compiled: CompiledRole, name: str, data: dict[str, Any]) -> CandidateResult:
    loaded = load_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), name)
    assert isinstance(loaded.model, Candidate), loaded.findings
    return evaluate_candidate(compiled, loaded, _as_of(compiled))


def _verdicts(result: CandidateResult) -> tuple[Any, ...]:
    return (
        result.decision,
        tuple((r.criterion_id, r.verdict) for r in result.results),
        result.essential_met,
        result.desirable_score,
        tuple(sorted(result.derived.items())),
    )


@pytest.fixture(scope="module")
def baseline(roles: list[CompiledRole]) -> dict[tuple[str, str], tuple[Any, ...]]:
    return {
        (compiled.role_id, name): _verdicts(_evaluate(compiled, name, data))
        for compiled in roles
        for name, data in _candidate_data()
    }


def _shuffled(data: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    result = dict(data)
    for key in SHUFFLED:
        items = result.get(key)
        if isinstance(items, list):
            items = list(items)
            rng.shuffle(items)
            result[key] = items
    return result


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rng=st.randoms(use_true_random=False))
def test_verdicts_do_not_depend_on_list_order(
    rng: random.Random, roles: list[CompiledRole], baseline: dict[tuple[str, str], tuple[Any, ...]]
) -> None:
    for compiled in roles:
        for name, data in _candidate_data():
            result = _evaluate(compiled, name, _shuffled(data, rng))
            assert _verdicts(result) == baseline[(compiled.role_id, name)], (compiled.role_id, name)


def test_shuffling_really_reorders() -> None:
    """The property above is not vacuous: some sample lists have more than one item."""
    data = dict(_candidate_data())
    lengths = [len(d.get(key) or []) for d in data.values() for key in SHUFFLED]
    assert max(lengths) >= 2
