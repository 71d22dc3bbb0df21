"""Decision records: what they hold, --verify identical, and --verify noticing a changed input."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import sys
from pathlib import Path

import pytest

from speccheck.cli import main
from speccheck.core.errors import ExitCode
from speccheck.results.shortlist import ShortlistReport
from speccheck.shortlist import record as records

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture()
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(ROOT / "samples", tmp_path / "samples")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _args(*extra: str) -> list[str]:
    sheets = [a for n in ("okafor", "patel", "lee") for a in ("--scores", f"samples/scores/head-of-school/{n}.csv")]
    return ["shortlist", "samples/roles/head-of-school-completed.yaml", "samples/candidates", *sheets, *extra]


def test_record_holds_hashes_versions_and_ranking(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(
            _args(
                "--record", "rec.json", "--moderated", "samples/scores/head-of-school/moderation.csv", "-o", "out.json"
            )
        )
        == ExitCode.OK
    )
    record = json.loads((workspace / "rec.json").read_text())
    assert record["kind"] == "shortlist-record"
    assert set(record["versions"]) == {"speccheck", "durable_rules", "python"}
    assert record["versions"]["python"] == ".".join(map(str, sys.version_info[:3]))
    assert (
        record["role"]["path"] == "samples/roles/head-of-school-completed.yaml" and len(record["role"]["sha256"]) == 64
    )
    assert len(record["candidates"]) == 8 and all(len(c["sha256"]) == 64 for c in record["candidates"])
    assert [s["path"] for s in record["score_sheets"]] == [
        f"samples/scores/head-of-school/{n}.csv" for n in ("okafor", "patel", "lee")
    ]
    assert record["moderation"][0]["path"].endswith("moderation.csv")
    assert len(record["rules"]) >= 5 and all(r["path"].startswith("rules/") for r in record["rules"])
    out = json.loads((workspace / "out.json").read_text())
    assert [r["candidate"] for r in record["ranking"]] == [c["candidate_id"] for c in out["candidates"]]
    report = ShortlistReport.model_validate_json((workspace / "out.json").read_text())
    assert record["result_sha256"] == hashlib.sha256(report.model_dump_json().encode()).hexdigest()


def test_verify_identical_then_changed(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(_args("--record", "rec.json", "-o", "out.csv")) == ExitCode.OK
    capsys.readouterr()
    assert main(["shortlist", "--verify", "rec.json"]) == ExitCode.OK
    assert capsys.readouterr().out.startswith("identical: 8 candidates")
    sheet = workspace / "samples/scores/head-of-school/lee.csv"
    sheet.write_text(sheet.read_text().replace("S Lee,C-005,E02,2,", "S Lee,C-005,E02,0,"))
    assert main(["shortlist", "--verify", "rec.json"]) == ExitCode.FINDINGS
    out = capsys.readouterr().out
    assert "score sheet samples/scores/head-of-school/lee.csv: changed since the record" in out
    assert "the shortlist differs" in out
    application = workspace / "samples/candidates/strong-deputy.yaml"
    application.write_text(
        application.read_text().replace('qualified_teacher_status: "yes"', 'qualified_teacher_status: "no"')
    )
    assert main(["shortlist", "--verify", "rec.json"]) == ExitCode.FINDINGS
    out = capsys.readouterr().out
    assert "candidate file samples/candidates/strong-deputy.yaml: changed since the record" in out
    assert "C-005: rank 1 (shortlist) then, rank" in out and "(reject) now" in out


def test_blind_record_withholds_candidate_paths(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = sorted(str(p.relative_to(workspace)) for p in (workspace / "samples/candidates").glob("*.yaml"))
    assert (
        main(
            [
                "shortlist",
                "samples/roles/head-of-school-completed.yaml",
                *files,
                "--anonymise",
                "--record",
                "rec.json",
                "-o",
                "o.json",
            ]
        )
        == ExitCode.OK
    )
    record = json.loads((workspace / "rec.json").read_text())
    assert record["arguments_redacted"] is True
    assert all(c["path"].startswith("A-") for c in record["candidates"])
    assert all(a.startswith("A-") for a in record["arguments"]["candidates"])
    assert main(["shortlist", "--verify", "rec.json"]) == ExitCode.USAGE
    assert "withholds the candidate paths" in capsys.readouterr().err
    assert (
        main(["shortlist", "--verify", "rec.json", "samples/roles/head-of-school-completed.yaml", *files])
        == ExitCode.OK
    )
    assert capsys.readouterr().out.startswith("identical")


def test_verify_rejects_a_file_that_is_not_a_record(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (workspace / "bad.json").write_text("{not json")
    assert main(["shortlist", "--verify", "bad.json"]) == ExitCode.USAGE
    assert "bad.json:1:2" in capsys.readouterr().err


def _record(ranking: list[tuple[str, int, str]], result: str, **changes: object) -> records.Record:
    fields: dict[str, object] = {
        "versions": records.Versions(speccheck="1", durable_rules="2", python="3"),
        "arguments": records.Arguments(role="r.yaml", candidates=["c"], as_of=dt.date(2021, 3, 1)),
        "role": records.FileHash(path="r.yaml", sha256="a"),
        "rules": [],
        "candidates": [records.FileHash(path="c/1.yaml", sha256="b")],
        "score_sheets": [],
        "moderation": [],
        "result_sha256": result,
        "ranking": [records.Ranked(rank=r, candidate=c, decision=d) for c, r, d in ranking],
    }
    return records.Record.model_validate({**fields, **changes})


def test_differences_name_each_changed_input_and_rank() -> None:
    old = _record([("C-1", 1, "shortlist"), ("C-2", 2, "review"), ("C-3", 3, "reject")], "0" * 64)
    assert records.differences(old, old) == []
    new = _record(
        [("C-2", 1, "shortlist"), ("C-1", 2, "review"), ("C-4", 3, "reject")],
        "1" * 64,
        candidates=[records.FileHash(path="c/1.yaml", sha256="x"), records.FileHash(path="c/2.yaml", sha256="y")],
    )
    assert records.differences(old, new) == [
        "candidate file c/1.yaml: changed since the record (sha256 differs)",
        "candidate file c/2.yaml: read now, not recorded",
        "the shortlist differs (sha256 000000000000... then, 111111111111... now)",
        "  C-1: rank 1 (shortlist) then, rank 2 (review) now",
        "  C-2: rank 2 (review) then, rank 1 (shortlist) now",
        "  C-3: rank 3 (reject) then; not in the shortlist now",
        "  C-4: not in the recorded shortlist; now rank 3 (reject)",
    ]


@pytest.mark.parametrize(
    ("closing", "extra", "basis"),
    [("closing_date: 2021-03-19\n", [], "closing_date"), ("", [], "today"), ("", ["--as-of", "2021-04-01"], "given")],
)
def test_a_record_keeps_where_its_date_came_from_and_verifies_identical(
    workspace: Path, capsys: pytest.CaptureFixture[str], closing: str, extra: list[str], basis: str
) -> None:
    """The date is chosen again the way it was first chosen (a run judged as at today re-runs on that day)."""
    role = workspace / "samples" / "roles" / "head-of-school-completed.yaml"
    role.write_text(role.read_text().replace("closing_date: 2021-03-19\n", closing))
    assert main(_args("--record", "rec.json", "-o", "out.json", *extra)) == ExitCode.OK
    record = json.loads((workspace / "rec.json").read_text())
    assert record["arguments"]["as_of_from"] == basis
    assert json.loads((workspace / "out.json").read_text())["as_of_from"] == basis
    capsys.readouterr()
    assert main(["shortlist", "--verify", "rec.json"]) == ExitCode.OK
    assert "identical" in capsys.readouterr().out


def _tamper(path: Path, change: object) -> None:
    record = json.loads(path.read_text())
    change(record)  # type: ignore[operator]
    path.write_text(json.dumps(record))


def _swap(record: dict) -> None:  # type: ignore[type-arg]
    ranking = record["ranking"]
    ranking[0], ranking[-1] = ranking[-1], ranking[0]


def _swap_ranks(record: dict) -> None:  # type: ignore[type-arg]
    ranking = record["ranking"]
    ranking[0]["candidate"], ranking[-1]["candidate"] = ranking[-1]["candidate"], ranking[0]["candidate"]


def _promote(record: dict) -> None:  # type: ignore[type-arg]
    rejected = next(r for r in record["ranking"] if r["decision"] == "reject")
    rejected["decision"] = "shortlist"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (_swap, "the same entries in another order"),
        (_swap_ranks, "rank 1 (shortlist) then"),
        (_promote, "(shortlist) then, rank"),
        (lambda r: r.update(ranking=r["ranking"][:3]), "not in the recorded shortlist"),
        (lambda r: r.update(arguments_redacted=True), "arguments_redacted differs"),
    ],
    ids=["order", "ranks", "decision", "cut", "field"],
)
def test_verify_compares_the_whole_result_not_the_recorded_hash(
    workspace: Path, capsys: pytest.CaptureFixture[str], change: object, expected: str
) -> None:
    """Issue 13: a record edited by hand (its sha256 left alone) verified as identical."""
    assert main(_args("--record", "rec.json", "-o", "out.csv")) == ExitCode.OK
    _tamper(workspace / "rec.json", change)
    capsys.readouterr()
    assert main(["shortlist", "--verify", "rec.json", *_args()[1:3]]) == ExitCode.FINDINGS
    out = capsys.readouterr().out
    assert expected in out, out


@pytest.mark.parametrize("field", ["version", "kind"])
def test_verify_refuses_a_record_of_another_version_or_kind(
    workspace: Path, capsys: pytest.CaptureFixture[str], field: str
) -> None:
    assert main(_args("--record", "rec.json", "-o", "out.csv")) == ExitCode.OK
    _tamper(workspace / "rec.json", lambda r: r.update({field: 99 if field == "version" else "shortlist-record"}))
    if field == "kind":
        _tamper(workspace / "rec.json", lambda r: r.update(kind="something-else"))
    capsys.readouterr()
    assert main(["shortlist", "--verify", "rec.json"]) == ExitCode.USAGE
    assert "record" in capsys.readouterr().err
