"""The HTML panel pack in a real browser, and on paper.

Headless Chromium renders the pack to a PNG and dumps the DOM it built, which
must hold every candidate's decision; it prints the sample pack to PDF, whose
pages are counted by a tiny reader of our own (``pdf_pages``): at most 20 A4
pages for the eight sample applications, at most two per candidate, a running
header naming the candidate and a footer on every page. Where poppler's
``pdftotext`` is installed, the printed words are read too. Skipped only when
Chromium is absent outside CI (CI=1 makes a missing browser a failure:
.ci/run installs Debian's chromium). The checks of the HTML itself need no
browser.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import struct
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from speccheck.cli import main
from speccheck.core.errors import ExitCode
from tests.report.pdf_pages import page_count, pages_and_destinations

ROOT = Path(__file__).resolve().parents[2]
HEAD = "samples/roles/head-of-school-completed.yaml"
PASTORAL = "samples/roles/assistant-head-pastoral.yaml"
ASSISTANT = "samples/roles/assistant-head-teaching-learning.yaml"
MAX_PACK_PAGES = 20  # the eight sample applications
MAX_CANDIDATE_PAGES = 2
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
NAMES = ("Priya", "Halloran", "Nadia", "Kellaway", "Harriet", "Lowden", "Tomasz", "Samir", "Bethan", "Marcus", "Owen")


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    if os.environ.get("CI"):
        pytest.fail("chromium is not installed, and CI must run the browser check (.ci/run installs it)")
    pytest.skip("chromium is not installed (apt-get install chromium); CI runs this check")


class _Decisions(HTMLParser):
    """data-candidate -> data-decision, for candidate sections and decision rows."""

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


def _head_pack(tmp_path: Path, *extra: str) -> tuple[Path, dict[str, object]]:
    pack, data = tmp_path / "pack.html", tmp_path / "pack.json"
    args = ["shortlist", HEAD, "samples/candidates", "-o", str(pack), "-o", str(data), *extra]
    for name in ("okafor", "patel", "lee"):
        args += ["--scores", f"samples/scores/head-of-school/{name}.csv"]
    args += ["--moderated", "samples/scores/head-of-school/moderation.csv"]
    assert main(args) == ExitCode.OK
    return pack, json.loads(data.read_text())


def _print(binary: str, html: Path, tmp_path: Path) -> bytes:
    pdf = tmp_path / (html.stem + ".pdf")
    done = _browser(binary, tmp_path / f"profile-{html.stem}", f"--print-to-pdf={pdf}", html.as_uri())
    assert pdf.exists(), done.stderr.decode(errors="replace")[-2000:]
    return pdf.read_bytes()


def _page_texts(pdf: bytes, tmp_path: Path) -> list[str] | None:
    """The words of each printed page, by poppler's pdftotext, or None when it is not installed."""
    if shutil.which("pdftotext") is None:
        return None
    path = tmp_path / "read.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True).stdout
    return text.decode("utf-8").split("\f")[:-1]


@pytest.mark.slow
def test_pack_renders_in_chromium_with_every_decision(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    binary = _chromium()
    monkeypatch.chdir(ROOT)
    pack, report = _head_pack(tmp_path)

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
    candidates = report["candidates"]
    assert isinstance(candidates, list)
    expected = {c["candidate_id"]: c["decision"] for c in candidates}
    assert parser.sections == expected
    assert parser.rows == expected
    for candidate in candidates:
        assert f"{candidate['decision'].upper()}</span>" in dom
    shutil.copy(png, Path(os.environ.get("SPECCHECK_SCREENSHOT", tmp_path / "kept.png")))


@pytest.mark.slow
def test_the_sample_pack_prints_on_a4_within_its_page_budget(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Eight applications, three panellists' scores: at most 20 pages, each candidate on at most two, with the
    post and the candidate in the running header and 'Page x of y' and 'Confidential' in the footer."""
    binary = _chromium()
    monkeypatch.chdir(ROOT)
    pack, report = _head_pack(tmp_path, "--meeting-date", "2021-03-26")
    pdf = _print(binary, pack, tmp_path)
    pages, destinations = pages_and_destinations(pdf)
    assert len(pages) == page_count(pdf) <= MAX_PACK_PAGES
    candidates = report["candidates"]
    assert isinstance(candidates, list)
    starts = {c["candidate_id"]: destinations[f"c-{c['code']}"] for c in candidates}
    order = sorted(starts.values())
    assert order == [starts[c["candidate_id"]] for c in candidates]  # one section each, in rank order
    spans = [end - start for start, end in zip(order, [*order[1:], len(pages)], strict=True)]
    assert max(spans) <= MAX_CANDIDATE_PAGES, dict(zip(starts, spans, strict=True))
    texts = _page_texts(pdf, tmp_path)
    if texts is None:
        return
    assert len(texts) == len(pages)
    for number, text in enumerate(texts, start=1):
        assert "Confidential — shortlisting" in text and f"Page {number} of {len(pages)}" in text
        assert text.lstrip().startswith("Head of School")
    for candidate in candidates:
        first = texts[starts[candidate["candidate_id"]]]
        assert f"Candidate {candidate['candidate_id']}" in first.splitlines()[0]
    summary = texts[0]
    assert "2021-03-26" in summary and "J Okafor, R Patel, S Lee" in summary
    assert summary.index("Before you shortlist") < summary.index("Decisions") < summary.index("Reject")
    body = "\n".join(texts[min(order) :])
    assert not re.search(r"\bline \d+", body) and "machine" not in body.lower()


@pytest.mark.slow
def test_a_blind_pack_prints_no_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    binary = _chromium()
    monkeypatch.chdir(ROOT)
    pack = tmp_path / "blind.html"
    args = ["shortlist", ASSISTANT, "samples/candidates", "--anonymise", "--panel", "D Ahmed", "-o", str(pack)]
    assert main(args) == ExitCode.OK
    pdf = _print(binary, pack, tmp_path)
    assert page_count(pdf) <= MAX_PACK_PAGES
    texts = _page_texts(pdf, tmp_path)
    printed = "\n".join(texts) if texts is not None else pack.read_text()
    assert "D Ahmed" in printed
    assert not [name for name in NAMES if name in printed]
    assert not re.search(r"Candidate C-\d", printed)


# --------------------------------------------------------------------------- the HTML, without a browser


def _pack(tmp_path: Path, role: str, *extra: str) -> str:
    out = tmp_path / "pack.html"
    assert main(["shortlist", role, "samples/candidates", "-o", str(out), *extra]) == ExitCode.OK
    return out.read_text()


def _sections(html: str) -> dict[str, str]:
    """Each candidate section's HTML, by candidate id."""
    found = re.findall(r'<section class="candidate"[^>]*data-candidate="([^"]+)"[^>]*>(.*?)</section>', html, re.S)
    return dict(found)


def test_the_pack_opens_with_the_audit_and_strikes_what_it_leaves_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    html = _pack(tmp_path, PASTORAL)
    body = html[html.index("<body>") :]
    assert body.index("Before you shortlist: the role's audit") < body.index("<h2>Decisions</h2>")
    assert "the role sets an age limit for applicants" in body and '<span class="sev">error</span>' in body
    for criterion in ("E3", "E4", "E6"):
        assert re.search(rf'<s class="struck"><b>{criterion}</b>', body), criterion  # summary
        assert re.search(rf'<s class="struck"><span class="mark">.</span> <b>{criterion}</b>', body)  # matrix
    for section in _sections(html).values():
        assert not re.search(r"<b>E[346]</b>", section)  # never offered as a criterion to judge, nor its words
        assert "Ideally under 35" not in section and "practising" not in section.lower()
        assert re.search(
            r'leaves out <s class="struck">E3</s>, <s class="struck">E4</s>, <s class="struck">E6</s>', section
        )


def test_the_pack_is_in_a_panels_words(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No file paths, line numbers, developer notes or 'machine' verdicts; evidence located in words; criteria
    with their titles; decisions grouped with reasons; a signature line per panel member; A4 page rules."""
    monkeypatch.chdir(ROOT)
    html = _pack(
        tmp_path,
        HEAD,
        "--panel",
        "J Okafor (chair)",
        "--panel",
        "R Patel",
        "--meeting-date",
        "2021-03-26",
        "--scores",
        "samples/scores/head-of-school/okafor.csv",
    )
    assert "@page { size: A4 portrait" in html and 'counter(page) " of " counter(pages)' in html
    assert "Confidential \\2014  shortlisting" in html
    assert re.search(r"@page cand-A-\w+ \{ @top-right \{ content: \"Candidate C\\2d 005\"", html)
    for heading in ("Shortlist (1)", "Review (2)", "Reject (5)", "Agreed by the panel", "Criteria and candidates"):
        assert heading in html, heading
    assert html.count('<td class="name">J Okafor (chair)</td>') == 1 and "2021-03-26" in html
    assert "<b>E01</b> Qualified teacher status or recognised equivalent" in html  # a title, not an id alone
    assert "unknown-criterion" not in html and "does not have" not in html  # notes for whoever prepared the files
    for section in _sections(html).values():
        assert "samples/" not in section and not re.search(r"\bline \d+", section)
        assert "machine" not in section and "(evidence statement" in html
    sparse = _sections(html)["C-006"]
    assert "the application addresses none of the essential criteria" in sparse.lower()


def test_every_matrix_cell_reads_without_colour(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Greyscale: each cell carries a symbol, and essential and desirable rows differ by marker and rule."""
    monkeypatch.chdir(ROOT)
    html = _pack(tmp_path, HEAD, "-o", str(tmp_path / "pack.json"))
    criteria = json.loads((tmp_path / "pack.json").read_text())["criteria"]
    judged = [c["level"] for c in criteria if c["application_stage"] and c["left_out"] is None]
    matrix = html[html.index('<section class="matrix"') : html.index('<section class="candidate"')]
    cells = re.findall(r'<td class="(met|not_met|evidenced|no_evidence|deferred)">([^<]*)</td>', matrix)
    assert cells and all(text[:1] in "✓✗E–D" for _, text in cells)
    assert {verdict for verdict, _ in cells} == {"met", "not_met", "evidenced", "no_evidence"}
    assert matrix.count('<tr class="essential">') == judged.count("essential") > 0
    assert matrix.count('<tr class="desirable">') == judged.count("desirable") > 0
    assert (
        "tr.essential th.crit { border-left: 2.2pt solid" in html
        and "tr.desirable th.crit { border-left: 1.4pt dashed" in html
    )
