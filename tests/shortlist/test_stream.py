"""A shortlist written as it streams: the same bytes in this process and in two workers, and nothing left
behind (no output, no temporary file, no spool) by a run that stops half way."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest
import yaml

from speccheck.cli import main
from speccheck.core.errors import ExitCode
from speccheck.files.loader import load_as
from speccheck.files.role import Role
from speccheck.results.shortlist import ShortlistReport
from speccheck.shortlist.run import SERIAL_BELOW

ROOT = Path(__file__).resolve().parents[2]
ROLE = ROOT / "samples/roles/head-of-school-completed.yaml"
SYNTHETIC = 30
sys.path.insert(0, str(ROOT / "tests" / "bench"))

from synthetic import candidate  # noqa: E402

APPLICANTS = """id,first_name,last_name,email,qualified_teacher_status,job_1_title,job_1_started_on,job_1_current,evidence_E02
R-1,Ada,Lovelace,ada@example.org,yes,Deputy Headteacher,2015-09-01,yes,"As deputy I led the whole school; Ada Lovelace"
R-2,Ben,Okri,,no,Teacher,31/02/2019,maybe,
S-00004,Dup,Licate,,yes,,,,
"""
SCORES = """panellist,candidate,criterion,score,note
Q Adams,S-00004,E02,3,"Strong: see S-00004's file"
Q Adams,S-00004,E06,1,weak
Q Adams,R-1,E02,3,Ada Lovelace did well
Q Adams,S-00007,,conflict,Worked with them
Q Adams,NOPE-1,E02,2,no such candidate
R Berry,S-00004,E02,1,
R Berry,S-00012,E07,2,
"""


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Synthetic applications with a broken file, a wrong type, a second use of an id, an id written like a
    code; an applicants CSV (a row that cannot be read, a row reusing an id); a score sheet."""
    base = tmp_path_factory.mktemp("stream")
    folder = base / "applications"
    folder.mkdir()
    role = load_as(ROLE, Role).model
    assert role is not None
    ids = [c.id for c in role.criteria]
    for index in range(SYNTHETIC):
        data = json.loads(json.dumps(candidate(index, ids), default=str))
        (folder / f"S-{index:05d}.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    (folder / "zz-broken.yaml").write_text("kind: candidate\nversion: 1\nid: broken\nevidence: [\n")
    (folder / "zz-wrong.yaml").write_text("kind: candidate\nversion: 1\nid: 7\n")
    (folder / "zz-again.yaml").write_text((folder / "S-00010.yaml").read_text())
    (folder / "zz-code.yaml").write_text((folder / "S-00003.yaml").read_text().replace("id: S-00003", "id: A-ABCDE"))
    (base / "applicants.csv").write_text(APPLICANTS)
    (base / "scores.csv").write_text(SCORES)
    return base


@pytest.fixture(autouse=True)
def fixed_codes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Codes keyed by the role alone, as make_shortlist keys them by default, so that runs compare."""
    monkeypatch.setattr("speccheck.cli.shortlist.new_blind_key", lambda: None)


def _args(batch: Path, jobs: int, *extra: str) -> list[str]:
    return [
        "shortlist",
        str(ROLE),
        str(batch / "applications"),
        str(batch / "applicants.csv"),
        "--scores",
        str(batch / "scores.csv"),
        "--jobs",
        str(jobs),
        *extra,
    ]


def _workbook(path: Path) -> dict[str, bytes]:
    """A workbook's parts; the document properties without the save time openpyxl stamps on them."""
    with zipfile.ZipFile(path) as book:
        parts = {name: book.read(name) for name in book.namelist()}
    core = parts.pop("docProps/core.xml").decode()
    parts["docProps/core.xml"] = core[: core.find("<dcterms:modified")].encode()
    return parts


@pytest.mark.parametrize("blind", [False, True], ids=["named", "blind"])
def test_serial_and_two_workers_write_the_same_bytes(
    batch: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], blind: bool
) -> None:
    extra = ["--anonymise"] if blind else []
    assert SYNTHETIC + 4 + 3 > SERIAL_BELOW  # large enough to run in workers when given two
    written: dict[int, dict[str, bytes]] = {}
    for jobs in (1, 2):
        out = tmp_path / f"jobs{jobs}"
        files = [out / f"shortlist.{suffix}" for suffix in ("json", "csv", "html", "xlsx")]
        outputs = [a for path in files for a in ("-o", str(path))]
        code = main(_args(batch, jobs, *extra, *outputs, "--record", str(out / "record.json")))
        assert code == ExitCode.FINDINGS  # the broken files, the reused ids and the unknown candidate
        capsys.readouterr()
        assert main(_args(batch, jobs, *extra, "--details", "--color", "always")) == ExitCode.FINDINGS
        text = capsys.readouterr().out.encode()
        written[jobs] = {p.name: p.read_bytes() for p in files[:3]}
        written[jobs].update(_workbook(files[3]))
        written[jobs]["record.json"] = (out / "record.json").read_bytes()
        written[jobs]["text"] = text
    assert written[1] == written[2]
    report = ShortlistReport.model_validate_json(written[2]["shortlist.json"])
    rules = {f.rule_id for f in report.findings}
    assert {"yaml-syntax", "schema", "candidate-duplicate-id", "candidate-id-reserved"} <= rules
    assert len(report.candidates) == SYNTHETIC + 1  # and R-1: the reused ids and the coded one are left out
    assert report.discussion and report.conflicts and report.anonymised is blind


def test_the_whole_report_is_what_the_stream_writes(
    batch: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """make_shortlist (the whole report, for callers that want it) and the command line's streamed JSON agree."""
    import datetime as dt

    from speccheck.library.loading import load_library
    from speccheck.shortlist.run import ShortlistRequest, ShortlistRun, make_shortlist

    request = ShortlistRequest(
        role=ROLE,
        candidates=(batch / "applications", batch / "applicants.csv"),
        scores=(batch / "scores.csv",),
        today=dt.date(2030, 1, 1),
        jobs=2,
        record=False,
    )
    made, _ = make_shortlist(request, load_library())
    assert isinstance(made, ShortlistRun)
    out = tmp_path / "out.json"
    assert main(_args(batch, 1, "-o", str(out))) == ExitCode.FINDINGS
    assert out.read_text() == made.report.model_dump_json(indent=2) + "\n"


@pytest.mark.parametrize("stop", [RuntimeError, KeyboardInterrupt, SystemExit])
def test_a_run_stopped_while_writing_leaves_nothing_behind(
    batch: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], stop: type
) -> None:
    """The pack fails at its fifth candidate, after the JSON's pieces were written: no output appears, the
    old one stays, no temporary file is left beside them, and the spool is gone."""
    from speccheck.report import shortlist_html

    spool = tmp_path / "spool"
    spool.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(spool))
    out = tmp_path / "out"
    out.mkdir()
    (out / "shortlist.json").write_text("old\n")
    made = {"count": 0}
    real = shortlist_html.piece

    def failing(*args: object) -> str:
        made["count"] += 1
        if made["count"] == 5:
            raise stop("stopped half way")
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(shortlist_html, "piece", failing)
    outputs = ["-o", str(out / "shortlist.json"), "-o", str(out / "shortlist.html"), "-o", str(out / "shortlist.csv")]
    args = _args(batch, 1, *outputs, "--record", str(out / "record.json"))
    if stop is SystemExit:
        with pytest.raises(SystemExit):
            main(args)
    else:
        assert main(args) == ExitCode.INTERNAL
    capsys.readouterr()
    assert made["count"] == 5
    assert sorted(p.name for p in out.iterdir()) == ["shortlist.json"]
    assert (out / "shortlist.json").read_text() == "old\n"
    assert list(spool.iterdir()) == []


SLOW_RUN = """
import os, sys, time
from speccheck.report import shortlist_json
from speccheck.cli import main

real = shortlist_json.piece
told = []

def slow(candidate, frame):
    if not told:  # once in each worker, in one write
        told.append(1)
        os.write(1, b"writing\\n")
    time.sleep(0.2)
    return real(candidate, frame)

shortlist_json.piece = slow
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.skipif(os.name != "posix", reason="signals and forked workers")
def test_sigterm_while_workers_write_leaves_nothing_behind(batch: Path, tmp_path: Path) -> None:
    """SIGTERM to a run whose two workers are building its candidates: it exits, and neither the output nor
    a temporary file nor the spool remains."""
    spool = tmp_path / "spool"
    spool.mkdir()
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(spool)}
    args = _args(batch, 2, "-o", str(out / "shortlist.json"), "--record", str(out / "record.json"))
    with subprocess.Popen(
        [sys.executable, "-c", SLOW_RUN, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True
    ) as child:
        assert child.stdout is not None and child.stdout.readline().strip() == "writing"
        child.send_signal(signal.SIGTERM)
        assert child.wait(timeout=60) != 0
    assert list(out.iterdir()) == []
    assert list(spool.iterdir()) == []


def test_json_on_standard_output_is_the_file(batch: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(_args(batch, 1, "-o", str(tmp_path / "out.json"))) == ExitCode.FINDINGS
    capsys.readouterr()
    assert main(_args(batch, 2, "--format", "json")) == ExitCode.FINDINGS
    assert capsys.readouterr().out == (tmp_path / "out.json").read_text()
