"""Blind mode: stable codes, redaction of each kind of personal detail, and no personal field of any
sample candidate in any output format (terminal, JSON, CSV, workbook, HTML pack, decision record)."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import pytest

from speccheck.cli import main
from speccheck.core.errors import ExitCode
from speccheck.files.candidate import Candidate
from speccheck.files.loader import load_as
from speccheck.shortlist.blind import Identity, Redactor, assign_codes

ROOT = Path(__file__).resolve().parents[2]
CANDIDATES = sorted((ROOT / "samples" / "candidates").glob("*.yaml"))


def _identity(**details: object) -> Identity:
    return Identity.of(Candidate.model_validate({"kind": "candidate", "version": 1, "personal_details": details}))


def test_names_emails_phones_dates_and_addresses_are_redacted() -> None:
    redactor = Redactor(
        _identity(
            first_name="Priya",
            last_name="Halloran",
            previous_names=["Priya Kaur"],
            email="priya.h@example.com",
            phone_number="07700 900672",
            address="5 Orchard Mews, Kestow, KS7 2RB",
            date_of_birth=dt.date(1981, 9, 30),
            national_insurance_number="QQ 12 34 56 C",
        )
    )
    text = (
        "I, Priya Halloran (née Kaur; PRIYA to friends), write from 5 Orchard Mews, Kestow, KS7 2RB. "
        "Call 07700900672 or +44 7700 900 672, or mail priya.h@example.com or me@other.org. "
        "Born 30/09/1981 (30th September 1981, Sept 30, 1981, 1981-09-30). NI QQ123456C. Halloran's plan."
    )
    out, count = redactor.redact(text)
    for value in (
        "Priya",
        "PRIYA",
        "Halloran",
        "Kaur",
        "Orchard Mews",
        "KS7 2RB",
        "07700",
        "7700 900",
        "example.com",
        "other.org",
        "30/09",
        "September 1981",
        "Sept 30",
        "1981-09-30",
        "QQ123456C",
    ):
        assert value not in out, (value, out)
    assert "Kestow" in out.split("[address]")[-1] or "[address]" in out
    assert count >= 14
    assert "[name]'s plan" in out


def test_redaction_leaves_ordinary_text_alone() -> None:
    redactor = Redactor(_identity(first_name="Ada", last_name="Quill", date_of_birth=dt.date(1980, 1, 2)))
    text = "Taught from 2012 to 2020 across 3 key stages; led 40 staff; Adamant about reading; 02/01/1981 is not her birthday."
    assert redactor.redact(text) == (text, 0)


def test_codes_are_stable_distinct_and_keyed_by_role() -> None:
    keys = [f"C-{i:03d}" for i in range(500)]
    first = assign_codes(keys, "role-a")
    assert assign_codes(list(reversed(keys)), "role-a") == first
    assert len(set(first.values())) == 500
    assert all(re.fullmatch(r"A-[2-9A-HJ-NP-Z]{5}", code) for code in first.values())
    assert assign_codes(keys, "role-b") != first
    assert not any(key[2:] in code for key, code in first.items())


def _personal_values() -> list[str]:
    """Every non-empty personal detail of every sample candidate, and name-like file stems."""
    values: set[str] = set()
    for path in CANDIDATES:
        candidate = load_as(path, Candidate).model
        assert candidate is not None
        details = candidate.personal_details.model_dump()
        for value in details.values():
            for item in value if isinstance(value, list) else [value]:
                if item:
                    values.add(item.isoformat() if isinstance(item, dt.date) else str(item))
        status = candidate.professional_status
        if status is not None and status.teacher_reference_number:
            values.add(status.teacher_reference_number)
        names = {candidate.personal_details.first_name, candidate.personal_details.last_name} - {None}
        if any(str(n).lower() in path.stem.lower() for n in names):
            values.add(path.stem)
    assert len(values) > 30
    return sorted(values)


def _xlsx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return "\n".join(archive.read(name).decode("utf-8") for name in archive.namelist() if name.endswith(".xml"))


@pytest.mark.parametrize(
    ("role", "sheets"),
    [
        ("head-of-school-completed", ["okafor.csv", "patel.csv", "lee.csv"]),
        ("assistant-head-teaching-learning", ["hughes.csv", "ahmed.csv", "walsh.csv"]),
    ],
)
def test_no_personal_field_reaches_any_output_in_blind_mode(
    role: str, sheets: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    folder = "head-of-school" if role == "head-of-school-completed" else "assistant-head"
    # Candidates named one by one, so the arguments (kept in the record) name each file too.
    args = ["shortlist", f"samples/roles/{role}.yaml", *(str(p.relative_to(ROOT)) for p in CANDIDATES), "--anonymise"]
    for name in sheets:
        args += ["--scores", f"samples/scores/{folder}/{name}"]
    outputs = {suffix: tmp_path / f"out{suffix}" for suffix in (".json", ".csv", ".html", ".xlsx", ".txt")}
    record = tmp_path / "record.json"
    code = main([*args, *(a for p in outputs.values() for a in ("-o", str(p))), "--record", str(record)])
    assert code == ExitCode.OK
    streams = capsys.readouterr()
    assert main([*args, "--color", "always"]) == ExitCode.OK
    terminal = capsys.readouterr()
    assert main([*args, "--format", "json"]) == ExitCode.OK
    stdout_json = capsys.readouterr()
    texts = {
        **{suffix: path.read_text() for suffix, path in outputs.items() if suffix != ".xlsx"},
        ".xlsx": _xlsx_text(outputs[".xlsx"].read_bytes()),
        "record": record.read_text(),
        "stderr": streams.err + terminal.err + stdout_json.err,
        "terminal": terminal.out,
        "stdout json": stdout_json.out,
    }
    leaks = [
        (where, value) for where, text in texts.items() for value in _personal_values() if value.lower() in text.lower()
    ]
    assert leaks == []
    # and the outputs still say something: every code, decision and the redactions made
    assert "A-" in texts["terminal"] and "[name]" in texts[".json"] and "BLIND" in texts["terminal"]
    for path in CANDIDATES:
        assert path.name not in texts["record"]
