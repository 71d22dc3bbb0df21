"""The loader turns every kind of bad input into a finding at path:line:col."""

from __future__ import annotations

from pathlib import Path

import pytest

from speccheck.files.candidate import Candidate
from speccheck.files.loader import MAX_FILE_BYTES, load_as, load_file, load_text, of_kind
from speccheck.files.role import Role

GOOD_ROLE = """\
kind: role
version: 1
title: Deputy Headteacher
post_type: deputy_headteacher
criteria:
  - id: E1
    text: Qualified teacher status
    level: essential
    category: qualifications
    assessed_by: [certificate]
"""


def only(text: str) -> tuple[str, str, int, int]:
    loaded = load_text(text, "f.yaml")
    assert loaded.model is None
    assert loaded.findings, "bad input must give a finding"
    finding = loaded.findings[0]
    assert finding.position is not None
    return finding.rule_id, finding.message, finding.position.line, finding.position.col


def test_good_role_loads_without_findings() -> None:
    loaded = load_text(GOOD_ROLE, "f.yaml")
    assert isinstance(loaded.model, Role)
    assert loaded.findings == []


@pytest.mark.parametrize(
    ("text", "rule_id", "line", "col", "words"),
    [
        ("kind: role\nversion: 1\ntitle: [unclosed\n", "yaml-syntax", 4, 1, "syntax"),
        ("kind: role\nkind: role\n", "yaml-duplicate-key", 2, 1, 'duplicate key "kind"'),
        ("a: &x [1]\nb: *x\n", "yaml-alias", 2, 4, "aliases"),
        ("", "file-empty", 1, 1, "empty"),
        ("# only a comment\n", "file-empty", 1, 1, "empty"),
        ("- a\n- b\n", "file-not-mapping", 1, 1, "mapping"),
        ("version: 1\n", "file-kind", 1, 1, "no kind"),
        ("kind: poster\nversion: 1\n", "file-kind", 1, 7, 'unknown kind "poster"'),
        ("kind: role\n---\nkind: role\n", "yaml-multiple-documents", 2, 1, "more than one"),
        ("a: !!python/object:os.system x\n", "yaml-syntax", 1, 4, "value error"),
    ],
)
def test_yaml_problems_have_positions(text: str, rule_id: str, line: int, col: int, words: str) -> None:
    got_rule, message, got_line, got_col = only(text)
    assert (got_rule, got_line, got_col) == (rule_id, line, col)
    assert words in message


def test_unknown_field_points_at_its_key() -> None:
    text = GOOD_ROLE.replace("    level: essential\n", "    level: essential\n    levle: desirable\n")
    rule_id, message, line, col = only(text)
    assert (rule_id, line, col) == ("schema", 9, 5)
    assert message == 'unknown field "levle"'


def test_wrong_type_points_at_the_value_and_quotes_it() -> None:
    rule_id, message, line, col = only(GOOD_ROLE.replace("level: essential", "level: vital"))
    assert (rule_id, line, col) == ("schema", 8, 12)
    assert "criteria.0.level" in message and "'vital'" in message


def test_missing_field_points_at_its_parent() -> None:
    _rule_id, message, line, col = only(GOOD_ROLE.replace("    category: qualifications\n", ""))
    assert (line, col) == (6, 5)
    assert message == 'missing required field "category"'


def test_condition_errors_point_into_the_condition() -> None:
    text = GOOD_ROLE + "    condition: {fact: years_teaching, '>=': 5, has: QTS}\n"
    rule_id, message, line, _col = only(text)
    assert rule_id == "schema" and line == 11
    assert "exactly one operator" in message


def test_every_error_is_reported_not_just_the_first() -> None:
    text = GOOD_ROLE.replace("level: essential", "level: vital").replace(
        "post_type: deputy_headteacher", "post_type: janitor"
    )
    loaded = load_text(text, "f.yaml")
    assert len(loaded.findings) == 2


def test_deep_nesting_is_refused() -> None:
    text = "kind: role\nx: " + "[" * 60 + "]" * 60 + "\n"
    rule_id, _message, _, _ = only(text)
    assert rule_id == "yaml-too-deep"


def test_non_utf8_bytes_are_located(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(b"kind: role\ntitle: caf\xe9\n")
    loaded = load_file(path, "bad.yaml")
    finding = loaded.findings[0]
    assert finding.rule_id == "file-encoding"
    assert (finding.position.line, finding.position.col) == (2, 11)  # type: ignore[union-attr]


def test_oversized_file_is_refused_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"#" * (MAX_FILE_BYTES + 1))
    loaded = load_file(path, "big.yaml")
    assert [f.rule_id for f in loaded.findings] == ["file-too-large"]


def test_missing_file_is_a_finding(tmp_path: Path) -> None:
    loaded = load_file(tmp_path / "nope.yaml", "nope.yaml")
    assert [f.rule_id for f in loaded.findings] == ["file-unreadable"]


def test_json_is_accepted() -> None:
    loaded = load_text('{"kind": "candidate", "version": 1, "id": "C-9"}', "c.json")
    assert isinstance(loaded.model, Candidate)


def test_wrong_kind_for_the_command(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text("kind: candidate\nversion: 1\n")
    loaded = load_as(path, Role)
    assert loaded.model is None
    assert 'expected a role file; found kind "candidate"' in loaded.findings[0].message


def test_narrowing_to_a_kind_keeps_the_file_and_its_findings() -> None:
    candidate = load_text("kind: candidate\nversion: 1\n", "c.yaml")
    assert of_kind(candidate, Candidate).model is candidate.model
    wrong = of_kind(candidate, Role)
    assert wrong.model is None and candidate.model is not None  # the loaded file is left as it was
    [finding] = wrong.findings
    assert (finding.rule_id, str(finding.position), finding.fix) == (
        "file-kind",
        "c.yaml:1:7",
        "give a file with kind: role",
    )
    broken = load_text("kind: role\n", "r.yaml")
    assert of_kind(broken, Role).findings == broken.findings and of_kind(broken, Role).model is None


def test_inputs_are_never_modified(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(GOOD_ROLE)
    before = path.stat().st_mtime_ns, path.read_bytes()
    load_file(path)
    assert (path.stat().st_mtime_ns, path.read_bytes()) == before


def test_personal_values_are_never_quoted_in_a_message() -> None:
    """A schema error in a personal block says what is wrong, not what was written (issue 13)."""
    text = (
        "kind: candidate\nversion: 1\nid: C-9\n"
        "personal_details: {first_name: Nadia, date_of_birth: 14 February 1979, email: [nadia@example.org]}\n"
        "professional_status: {teacher_reference_number: 'TRN 123 4567'}\n"
        "declarations: {has_safeguarding_issue: maybe-ask-Nadia}\n"
        "personal_statement: [not, text]\n"
    )
    loaded = load_text(text, "c.yaml")
    messages = " ".join(f.message for f in loaded.findings)
    assert len(loaded.findings) == 5, messages
    for value in ("February", "1979", "nadia@", "4567", "Nadia"):
        assert value not in messages, value
    assert "(found ['not', 'text'])" not in messages  # not a personal block, but not a scalar either


def test_folders_with_nothing_to_check_or_that_cannot_be_read_are_findings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    from speccheck.files.loader import discover

    (tmp_path / "empty").mkdir()
    (tmp_path / "ok" / "locked").mkdir(parents=True)
    (tmp_path / "ok" / "a.yaml").write_text("kind: role\n")
    (tmp_path / "ok" / "locked" / "b.yaml").write_text("kind: role\n")
    real = os.scandir

    def scandir(path: object) -> object:  # root reads any folder: refuse this one as a permission would
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    files, findings = discover([tmp_path / "empty", tmp_path / "ok"])
    assert files == [tmp_path / "ok" / "a.yaml"]
    assert [(f.rule_id, f.message) for f in findings] == [
        ("file-missing", "folder holds no .yaml, .yml or .json file: nothing to check"),
        ("file-unreadable", "cannot read folder: Permission denied"),
    ]
    assert findings[1].position is not None and findings[1].position.path.endswith("locked")


def test_a_fifo_in_a_folder_is_reported_not_waited_for(tmp_path: Path) -> None:
    import os

    from speccheck.files.loader import discover

    os.mkfifo(tmp_path / "pipe.yaml")
    files, _ = discover([tmp_path])
    loaded = load_file(files[0])
    assert loaded.model is None and "pipe" in loaded.findings[0].message
