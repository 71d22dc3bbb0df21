"""The spool: details written as they arrive and read back by index, in a file no one else can see."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from speccheck.shortlist.spool import Spool


def test_items_read_back_by_index_in_any_order() -> None:
    with Spool() as spool:
        items = [os.urandom(size) for size in (0, 1, 70_000, 5)]
        indexes = [spool.add(item) for item in items]
        assert indexes == [0, 1, 2, 3] and len(spool) == 4
        for index in (3, 0, 2, 1, 2):
            assert spool.read(index) == items[index]
        assert spool.add(b"late") == 4 and spool.read(4) == b"late" and spool.read(2) == items[2]


@pytest.mark.skipif(os.name != "posix", reason="POSIX temporary files have no name")
def test_the_spool_has_no_name_and_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with Spool() as spool:
        spool.add(b"a candidate's explanations")
        assert list(tmp_path.iterdir()) == []
    assert list(tmp_path.iterdir()) == []
