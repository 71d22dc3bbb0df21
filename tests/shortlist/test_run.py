"""One shortlist run as one library call: the request in, the report and its record out, progress told."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from speccheck.library.loading import load_library
from speccheck.shortlist.batch import FileSource, RowSource
from speccheck.shortlist.run import Advance, ShortlistRequest, gather_sources, make_shortlist

ROOT = Path(__file__).resolve().parents[2]
HEAD = ROOT / "samples/roles/head-of-school-completed.yaml"
CANDIDATES = ROOT / "samples/candidates"
TODAY = dt.date(2030, 1, 1)


def test_a_request_makes_the_report_and_its_record() -> None:
    request = ShortlistRequest(
        role=HEAD,
        candidates=(CANDIDATES,),
        scores=(ROOT / "samples/scores/head-of-school/okafor.csv",),
        today=TODAY,
    )
    made, problems = make_shortlist(request, load_library())
    assert problems == [] and made is not None
    assert len(made.report.candidates) == 8 and made.report.panellists == ["J Okafor"]
    assert made.record is not None and made.record.arguments.candidates == [str(CANDIDATES)]
    assert [r.candidate for r in made.record.ranking] == [c.candidate_id for c in made.report.candidates]
    unrecorded, _ = make_shortlist(
        ShortlistRequest(role=HEAD, candidates=(CANDIDATES,), today=TODAY, record=False), load_library()
    )
    assert unrecorded is not None and unrecorded.record is None


def test_the_day_judged_is_given_else_the_roles_closing_date_else_today(tmp_path: Path) -> None:
    """Never the issue date: that is when the role's guidance is judged, not when people apply."""
    library = load_library()
    given, _ = make_shortlist(
        ShortlistRequest(role=HEAD, candidates=(), as_of=dt.date(2020, 5, 1), today=TODAY, record=False), library
    )
    closing, _ = make_shortlist(ShortlistRequest(role=HEAD, candidates=(), today=TODAY, record=False), library)
    role = tmp_path / "role.yaml"
    role.write_text("\n".join(line for line in HEAD.read_text().splitlines() if not line.startswith("closing_date:")))
    open_ended, _ = make_shortlist(ShortlistRequest(role=role, candidates=(), today=TODAY, record=False), library)
    assert given is not None and closing is not None and open_ended is not None
    assert (given.report.as_of, given.report.as_of_from) == (dt.date(2020, 5, 1), "given")
    assert (closing.report.as_of, closing.report.as_of_from) == (dt.date(2021, 3, 19), "closing_date")
    assert (open_ended.report.as_of, open_ended.report.as_of_from) == (TODAY, "today")


def test_a_role_that_cannot_be_used_gives_findings_not_a_run() -> None:
    made, problems = make_shortlist(
        ShortlistRequest(role=CANDIDATES / "no-qts.yaml", candidates=(CANDIDATES,), today=TODAY), load_library()
    )
    assert made is None and [f.rule_id for f in problems] == ["file-kind"]


def test_progress_is_told_the_batch_size_and_every_application() -> None:
    told: list[tuple[str, int]] = []

    @contextmanager
    def progress(total: int) -> Iterator[Advance]:
        told.append(("total", total))
        yield lambda count: told.append(("done", count))

    made, _ = make_shortlist(
        ShortlistRequest(role=HEAD, candidates=(CANDIDATES,), today=TODAY, record=False),
        load_library(),
        progress=progress,
    )
    assert made is not None
    assert told[0] == ("total", 8) and sum(n for what, n in told[1:] if what == "done") == 8


def test_sources_keep_argument_order_and_csv_rows(tmp_path: Path) -> None:
    sheet = tmp_path / "applicants.csv"
    sheet.write_text("id,first_name\nR-1,Ada\nR-2,Ben\n")
    sources, findings, csv_files = gather_sources([sheet, CANDIDATES / "no-qts.yaml", tmp_path / "missing.yaml"])
    assert [type(s) for s in sources] == [RowSource, RowSource, FileSource]
    assert csv_files == [sheet]
    assert [f.rule_id for f in findings] == ["file-missing"]
