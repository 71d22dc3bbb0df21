"""Sources: of each document's dated editions, a finding cites the one in force on the day the role is judged at."""

from __future__ import annotations

import datetime as dt

import pytest

from speccheck.core.findings import SourceRef, sources_in_force


def _edition(year: int, para: str, *, last: bool = False) -> SourceRef:
    return SourceRef(
        doc="Keeping Children Safe in Education",
        edition=str(year),
        para=para,
        provenance="V-SECONDARY",
        in_force_from=dt.date(year, 9, 1),
        in_force_until=None if last else dt.date(year + 1, 9, 1),
    )


KCSIE = [_edition(2022, "220"), _edition(2023, "220"), _edition(2024, "225"), _edition(2025, "224", last=True)]
UNDATED = SourceRef(doc="Acas", para="guide", provenance="V-SECONDARY")


@pytest.mark.parametrize(
    ("day", "edition"),
    [
        (dt.date(2023, 8, 31), "2022"),
        (dt.date(2023, 9, 1), "2023"),
        (dt.date(2024, 10, 1), "2024"),
        (dt.date(2026, 1, 5), "2025"),
        (dt.date(2019, 1, 1), "2022"),  # older than every edition listed: the first
        (None, "2025"),  # an undated role: the current edition
    ],
)
def test_the_edition_in_force_is_cited(day: dt.date | None, edition: str) -> None:
    cited = sources_in_force([UNDATED, *KCSIE], day)
    assert [s.edition for s in cited] == [None, edition]  # undated sources stay, in their order


def test_a_withdrawn_document_keeps_its_last_edition() -> None:
    old = [_edition(2020, "1"), _edition(2021, "2")]
    assert [s.edition for s in sources_in_force(old, dt.date(2025, 1, 1))] == ["2021"]


def test_undated_sources_are_all_kept() -> None:
    assert sources_in_force([UNDATED], dt.date(2024, 1, 1)) == (UNDATED,)


def test_the_dates_choose_the_citation_and_are_not_shown() -> None:
    source = KCSIE[0]
    assert "in_force_from" not in source.model_dump() and source.cite() == (
        "Keeping Children Safe in Education 2022 para 220 [V-SECONDARY]"
    )
