"""The HTML panel pack in a real browser: headless Chromium renders it to a PNG and dumps the DOM it
built, which must hold every candidate's decision. Skipped only when Chromium is absent outside CI
(CI=1 makes a missing browser a failure: .ci/run installs Debian's chromium)."""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from speccheck.cli import main
from speccheck.core.errors import ExitCode

ROOT = Path(__file__).resolve().parents[2]
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--mute-audio",
]


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    if os.environ.get("CI"):
        pytest.fail("chromium is not installed, and CI must run the browser check (.ci/run installs it)")
    pytest.skip("chromium is not installed (apt-get install chromium); CI runs this check")


class _Decisions(HTMLParser):
    """data-candidate -> data-decision, for candidate sections and matrix rows."""

    def __init__(self) -> None:
        super().__init__()
        self.sections: dict[str, str] = {}
        self.rows: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if "data-candidate" in found:
            target = self.sections if tag == "section" else self.rows
            target[found["data-candidate"] or ""] = found.get("data-decision") or ""


def _browser(binary: str, profile: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [binary, *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        timeout=120,
        check=False,
        stdin=subprocess.DEVNULL,
    )


@pytest.mark.slow
def test_pack_renders_in_chromium_with_every_decision(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    binary = _chromium()
    monkeypatch.chdir(ROOT)
    pack, data = tmp_path / "pack.html", tmp_path / "pack.json"
    args = [
        "shortlist",
        "samples/roles/head-of-school-completed.yaml",
        "samples/candidates",
        "-o",
        str(pack),
        "-o",
        str(data),
    ]
    for name in ("okafor", "patel", "lee"):
        args += ["--scores", f"samples/scores/head-of-school/{name}.csv"]
    assert main(args) == ExitCode.OK
    report = json.loads(data.read_text())

    png = tmp_path / "pack.png"
    shot = _browser(binary, tmp_path / "profile-1", f"--screenshot={png}", "--window-size=1280,2000", pack.as_uri())
    assert png.exists(), shot.stderr.decode(errors="replace")[-2000:]
    header = png.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", header[16:24]) == (1280, 2000)
    assert png.stat().st_size > 50_000  # a rendered page, not a blank one

    dumped = _browser(binary, tmp_path / "profile-2", "--dump-dom", pack.as_uri())
    dom = dumped.stdout.decode("utf-8")
    assert dumped.returncode == 0 and "<table" in dom, dumped.stderr.decode(errors="replace")[-2000:]
    parser = _Decisions()
    parser.feed(dom)
    expected = {c["candidate_id"]: c["decision"] for c in report["candidates"]}
    assert parser.sections == expected
    assert parser.rows == expected
    for candidate in report["candidates"]:
        assert f"{candidate['decision'].upper()}</span>" in dom
    shutil.copy(png, Path(os.environ.get("SPECCHECK_SCREENSHOT", tmp_path / "kept.png")))
