"""YAML text -> data with the 1-based line and column of every key and value, the same by either parser."""

from __future__ import annotations

import copy

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from speccheck.core import yamlpos
from speccheck.core.yamlpos import YamlProblem, parse

TEXT = """\
kind: role
criteria:
  - id: E1
    text: "QTS"
  - {id: E2, text: NPQH}
"""


def test_keys_and_values_are_located() -> None:
    located = parse(TEXT)
    assert located.data == {"kind": "role", "criteria": [{"id": "E1", "text": "QTS"}, {"id": "E2", "text": "NPQH"}]}
    assert located.position(("kind",), key=True) == (1, 1)
    assert located.position(("kind",)) == (1, 7)
    assert located.position(("criteria", 0)) == (3, 5)
    assert located.position(("criteria", 0, "text")) == (4, 11)
    assert located.position(("criteria", 1, "text"), key=True) == (5, 14)


def test_an_unlocated_path_falls_back_to_its_nearest_ancestor() -> None:
    located = parse(TEXT)
    assert located.position(("criteria", 0, "level")) == (3, 5)
    assert located.position(("nothing", "here")) == (1, 1)


def test_the_python_parser_locates_as_libyaml_does(monkeypatch: pytest.MonkeyPatch) -> None:
    fast = parse(TEXT)
    monkeypatch.setattr(yamlpos, "_FAST_LOADER", None)
    slow = parse(TEXT)
    assert (slow.data, slow.values, slow.keys) == (fast.data, fast.values, fast.keys)


@pytest.mark.parametrize(
    ("text", "rule_id", "line", "col"),
    [
        ("a: &x [1]\nb: *x\n", "yaml-alias", 2, 4),
        ("a: &x {k: 1}\nb: {<<: *x}\n", "yaml-alias", 2, 9),
        ("b: {<<: {k: 1}}\n", "yaml-alias", 1, 5),
        ("a: 1\na: 2\n", "yaml-duplicate-key", 2, 1),
        ("a: 1\n---\nb: 2\n", "yaml-multiple-documents", 2, 1),
        ("? [a]\n: 1\n", "yaml-key", 1, 3),
        ("d: 2021-13-01\n", "yaml-value", 1, 4),
        ("a: [\n", "yaml-syntax", 2, 1),
        ("a: \x07\n", "yaml-character", 1, 4),
        ("a: " + "[" * 50 + "]" * 50 + "\n", "yaml-too-deep", 1, 44),
    ],
)
def test_problems_carry_their_rule_and_place(text: str, rule_id: str, line: int, col: int) -> None:
    with pytest.raises(YamlProblem) as caught:
        parse(text)
    assert (caught.value.rule_id, caught.value.line, caught.value.col) == (rule_id, line, col)


@pytest.mark.parametrize(
    ("text", "line", "col"),
    [
        ("!version: 1\n", 1, 1),  # a key with a tag YAML has no constructor for (found by the loader property)
        ("kind: role\n!!int abc: 1\n", 2, 1),  # a key whose tag cannot read its text
        ("!: :\n", 1, 1),
    ],
)
def test_a_key_yaml_cannot_read_is_a_problem_at_the_key(text: str, line: int, col: int) -> None:
    with pytest.raises(YamlProblem) as caught:
        parse(text)
    assert (caught.value.line, caught.value.col) == (line, col)


@pytest.mark.parametrize(
    ("text", "col"),
    [
        ("a: !!timestamp hello\n", 4),  # the constructor fails with AttributeError, not ValueError
        ("a: !!int " + "1" * 5000 + "\n", 4),  # over Python's limit on digits in an int
        ("a: !!float x\n", 4),
        ("date_of_birth: 1979-02-31\n", 16),
    ],
)
def test_any_value_a_tag_cannot_read_is_located_and_never_quoted(text: str, col: int) -> None:
    with pytest.raises(YamlProblem) as caught:
        parse(text)
    problem = caught.value
    assert (problem.rule_id, problem.line, problem.col) == ("yaml-value", 1, col)
    assert "hello" not in problem.message and "1979" not in problem.message and "111" not in problem.message


def test_escaped_astral_characters_are_joined_and_a_lone_half_is_a_problem() -> None:
    assert parse('{"t": "smile \\ud83d\\ude00 done"}').data == {"t": "smile \U0001f600 done"}
    assert parse('"\\ud83d\\ude00": 1\n').data == {"\U0001f600": 1}
    with pytest.raises(YamlProblem) as caught:
        parse('{"t": "half \\ud83d here"}')
    assert (caught.value.rule_id, caught.value.line, caught.value.col) == ("yaml-value", 1, 7)


# --------------------------------------------------------------------------- which parser decides


def _outcome(text: str) -> tuple[object, ...]:
    """What parsing a text gives: the data and every position, or the problem with its place."""
    try:
        located = parse(text)
    except YamlProblem as problem:
        return ("problem", problem.rule_id, problem.message, problem.line, problem.col)
    return ("parsed", located.data, located.values, located.keys)


def _python_outcome(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[object, ...]:
    with monkeypatch.context() as patched:
        patched.setattr(yamlpos, "_FAST_LOADER", None)
        return _outcome(text)


@pytest.fixture
def python_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts that reach the Python parser (every other text is libyaml's)."""
    reached: list[str] = []
    slowly = yamlpos._parse_slowly

    def spy(text: str) -> yamlpos.Located:
        reached.append(text)
        return slowly(text)

    monkeypatch.setattr(yamlpos, "_parse_slowly", spy)
    return reached


@pytest.mark.parametrize(
    "text",
    [
        'text: "5* rating"\n',
        "text: 5* rating, *not* an alias\n",
        "pattern: '\\bhead\\w*\\b'\n",
        "matches: ['(?i)deput(y|ies)*', \"a*b\"]\n",
        "- note: two ** stars\n- '*'\n",
        '{"t": "*", "u": ["**"]}',
    ],
)
def test_a_star_inside_a_string_stays_on_libyaml(
    text: str, python_parses: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    outcome = _outcome(text)
    assert python_parses == []
    assert outcome[0] == "parsed"
    assert outcome == _python_outcome(text, monkeypatch)


@pytest.mark.parametrize(
    ("text", "line", "col"),
    [
        ("a: &x [1]\nb: *x\n", 2, 4),
        ("a: &x 1\nb: [2, *x]\n", 2, 8),
        ("a: &x {k: 1}\nb: {<<: *x}\n", 2, 9),
        ("&x [*x]\n", 1, 5),  # an alias of its own ancestor: composed as a cycle, still found
        ("a: &x '5*'\nb: *x\n", 2, 4),
        ("a: *x\n", 1, 4),  # an alias of no anchor: libyaml rejects it, the Python parser locates it
    ],
)
def test_a_real_alias_takes_the_python_path_and_is_refused_at_its_place(
    text: str, line: int, col: int, python_parses: list[str]
) -> None:
    with pytest.raises(YamlProblem) as caught:
        parse(text)
    assert python_parses == [text]
    assert (caught.value.rule_id, caught.value.line, caught.value.col) == ("yaml-alias", line, col)


def test_an_anchor_nothing_refers_to_is_no_alias(python_parses: list[str]) -> None:
    assert parse("a: &x 1\nb: '*'\n").data == {"a": 1, "b": "*"}
    assert python_parses == []


def test_an_alias_after_another_problem_is_reported_as_the_python_parser_reports_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The Python parser refuses the alias while composing, before it sees the duplicate key above it."""
    text = "a: &x 1\na: 2\nb: *x\n"
    assert _outcome(text) == _python_outcome(text, monkeypatch)
    assert _outcome(text)[1] == "yaml-alias"


_SCALARS = st.one_of(
    st.integers(-1000, 1000),
    st.booleans(),
    st.none(),
    st.text(alphabet=st.sampled_from("ab *&!:-#'\"\\[]{},?|>%@`\n\t"), max_size=12),
)


@st.composite
def _documents(draw: st.DrawFn) -> str:
    """YAML texts with stars in strings and, sometimes, anchors and aliases (a list or mapping used twice)."""
    shared = draw(st.lists(_SCALARS, max_size=3) | st.dictionaries(st.text("abc*", max_size=3), _SCALARS, max_size=3))
    data = draw(
        st.recursive(
            _SCALARS | st.just(shared),
            lambda inner: (
                st.lists(inner, max_size=4) | st.dictionaries(st.text("xyz*&", max_size=4), inner, max_size=4)
            ),
            max_leaves=12,
        )
    )
    again = data if draw(st.booleans()) else copy.deepcopy(data)  # the same list or mapping twice is an alias
    style = draw(st.sampled_from([False, None, True]))  # block, either, flow
    return yaml.dump({"doc": data, "again": again}, default_flow_style=style, allow_unicode=True, sort_keys=False)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_documents())
def test_either_parser_gives_the_same_outcome(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Data and positions, or the problem and its place, whichever parser reads a text with stars and aliases."""
    assert _outcome(text) == _python_outcome(text, monkeypatch)


_PLAIN_LOOKING = st.one_of(
    st.text(max_size=12),
    st.text(alphabet=st.sampled_from("0123456789+-._:eExXoObB~TtZz "), max_size=12),
    st.sampled_from(
        [
            "",
            "~",
            "null",
            "Null",
            "yes",
            "No",
            "on",
            "OFF",
            "true",
            "False",
            "y",
            "n",
            ".inf",
            "-.Inf",
            ".nan",
            "0x1F",
            "0o17",
            "017",
            "0b101",
            "1_000",
            "190:20:30",
            "1.5e3",
            "2026-11-29",
            "2026-11-29 10:00:00Z",
            "2026-11-29T10:00:00.5+01:00",
            "<<",
            "=",
            "1,000",
        ]
    ),
)


@given(value=_PLAIN_LOOKING, plain=st.booleans(), quoted=st.booleans())
def test_the_lean_resolver_tags_every_scalar_as_pyyaml_does(value: str, plain: bool, quoted: bool) -> None:
    """libyaml asks the resolver for every node's tag; the leaner one gives PyYAML's answer for any scalar."""
    loader = yamlpos._FAST_LOADER
    assert loader is not None
    lean = loader("")
    try:
        general = yaml.resolver.Resolver()
        for kind in (yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode):
            assert lean.resolve(kind, value, (plain, quoted)) == general.resolve(kind, value, (plain, quoted))
    finally:
        lean.dispose()
