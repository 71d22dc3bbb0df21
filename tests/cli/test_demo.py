"""speccheck demo: the product's story in two screens, from the installed package, with the pack written to files.

Regenerate the golden file after an intended change with
python -m pytest tests/cli/test_demo.py --update-goldens, and review the diff like code.
"""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from openpyxl import load_workbook

from speccheck.cli import main
from speccheck.core.errors import ExitCode
from tests.golden_files import assert_golden

SCREENS = 50  # two screens of about 25 lines


@pytest.fixture()
def story(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> str:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("COLUMNS", raising=False)
    assert main(["demo", "--color", "never"]) == ExitCode.OK
    return capsys.readouterr().out


def test_golden(story: str, update_goldens: bool) -> None:
    assert_golden("demo.txt", story, update=update_goldens)


def test_two_screens_at_80_columns(story: str) -> None:
    lines = story.splitlines()
    assert len(lines) <= SCREENS and max(len(line) for line in lines) <= 80


def test_tells_the_story_in_order_and_names_the_next_commands(story: str) -> None:
    audit = story.index("1. HR audits a role")
    fair = story.index("2. A panel reads an Advanced Skills Teacher fairly (seed 002)")
    shortlist = story.index("3. The panel shortlists 8 applications")
    after = story.index("Next, on your own files")
    assert audit < fair < shortlist < after
    assert "[safeguarding-criterion]" in story[audit:fair]  # the seed-003 role's headline finding
    assert "C-001 (Nadia Kellaway): SHORTLIST" in story[fair:shortlist]  # the AST is not rejected for a title
    assert "evidenced: an equivalent route, for the panel to judge" in story[fair:shortlist]
    assert "C-004 (Samir Dunmore): REJECT" in story[fair:shortlist]  # no QTS: what a certificate proves
    for decision in ("shortlist", "review", "reject"):
        assert decision in story[shortlist:after]
    for command in ("speccheck audit", "speccheck evaluate", "speccheck shortlist", "speccheck lint"):
        assert command in story[after:]


def test_writes_the_pack_and_the_workbook_readable_only_by_their_owner(story: str, tmp_path: Path) -> None:
    folder = tmp_path / "speccheck-demo"
    assert "wrote speccheck-demo/shortlist.html, speccheck-demo/shortlist.xlsx" in story
    assert (folder / "shortlist.html").read_text().startswith("<!DOCTYPE html>")
    assert load_workbook(folder / "shortlist.xlsx").sheetnames[:2] == [
        "Summary",
        "Shortlist",
    ]  # the printable summary first
    for path in folder.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600  # they hold applicants' personal data


def test_output_dir_is_chosen_and_the_working_folder_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["demo", "--output-dir", "pack", "--color", "never"]) == ExitCode.OK
    assert sorted(p.name for p in (tmp_path / "pack").iterdir()) == ["shortlist.html", "shortlist.xlsx"]
    assert Path.cwd() == tmp_path and not (tmp_path / "speccheck-demo").exists()
