"""YAML text -> data with the 1-based line and column of every key and value, the same by either parser."""

from __future__ import annotations

import pytest

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
