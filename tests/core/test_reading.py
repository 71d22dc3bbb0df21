"""Inputs are read only from regular files, within the size cap, and never block (issue 13: FIFOs, /dev/zero)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from speccheck.core.reading import ReadProblem, is_file, is_folder, read_capped


def test_a_regular_file_is_read_whole(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_bytes(b"kind: role\n")
    assert read_capped(tmp_path / "a.yaml", 100) == b"kind: role\n"


def test_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    started = time.monotonic()
    with pytest.raises(ReadProblem) as caught:
        read_capped(fifo, 100)
    assert time.monotonic() - started < 2
    assert "pipe" in caught.value.message and caught.value.rule_id == "file-unreadable"


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null"])
def test_a_device_is_refused(device: str) -> None:
    with pytest.raises(ReadProblem, match="device"):
        read_capped(Path(device), 100)


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ReadProblem, match="folder"):
        read_capped(tmp_path, 100)


def test_the_cap_holds_while_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file that says it is small but yields more (it grew) is cut off at the cap, not read into memory."""
    path = tmp_path / "grows.yaml"
    path.write_bytes(b"x" * 10)
    real = os.read
    monkeypatch.setattr(os, "read", lambda fd, n: b"y" * n if n > 0 else real(fd, n))
    with pytest.raises(ReadProblem, match="more than 50"):
        read_capped(path, 50)


def test_too_large_and_missing_are_problems(tmp_path: Path) -> None:
    (tmp_path / "big.yaml").write_bytes(b"x" * 101)
    with pytest.raises(ReadProblem, match="101 bytes"):
        read_capped(tmp_path / "big.yaml", 100)
    with pytest.raises(ReadProblem, match="cannot read"):
        read_capped(tmp_path / "nope.yaml", 100)


def test_probes_never_raise_for_names_the_system_refuses() -> None:
    long = Path("x" * 300)
    assert not is_file(long) and not is_folder(long)
    assert not is_file(Path("a\x00b"))
