"""Privacy as a test (issue 13, item 3): in blind mode no personal value of any sample candidate or of a set of
hostile candidates, written the ways people write them, reaches any output, the decision record, a message or
a line on standard error; and in every mode a value from a personal block is never quoted in a message."""

from __future__ import annotations

import csv
import io
import logging
import re
import zipfile
from pathlib import Path

import pytest

from speccheck.cli import main
from speccheck.core.errors import ExitCode

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "samples" / "candidates").glob("*.yaml"))
ROLES = sorted((ROOT / "samples" / "roles").glob("*.yaml"))

SIOBHAN = """\
kind: candidate
version: 1
id: H-001
personal_details:
  first_name: Siobhán
  last_name: O'Neill
  previous_names: [Siobhán Byrne]
  email: s.oneill@example.org
  phone_number: 07700 900123
  address: "Flat 2, 12 Acacia Road\\nLeeds LS1 4AB"
  date_of_birth: 1985-07-04
  national_insurance_number: QQ123456C
professional_status: {qualified_teacher_status: "yes", teacher_reference_number: "1234567"}
employment_history:
  - {job_title: "Deputy Head (Siobhan_ONeill)", organisation: "Acacia Road Primary", started_on: 2015-09-01,
     is_current_role: true, responsibilities: ["Led safeguarding as O’Neill; cover 4-Jul-1985"]}
evidence:
  - text: >-
      I, Siobhan O’Neill (siobhan1985, SIOBHAN_ONEILL, née Byrne), led whole-school safeguarding training.
      Born 4-Jul-1985, 19850704, the 4th of July 1985, July 4th, 1985 and 04/07/85. NI QQ-12-34-56-C,
      TRN 123 4567. I live at 12 Acacia Road; Acacia Road, Leeds LS1 4AB. Call +44 (0)7700 900 123 or
      mail s.oneill@example.org. O'Neill's plan.
personal_statement: Siobhán O'Neill, 12 Acacia Road. SIOBHÁN. siobhan_o_neill.
"""

ZOE = """\
kind: candidate
version: 1
id: H-002
personal_details: {first_name: Zoë, last_name: Marchetti-Dunn, date_of_birth: 1979-02-14, phone_number: "+44 20 7946 0018"}
professional_status: {qualified_teacher_status: "yes", teacher_reference_number: "7654321"}
evidence:
  - {text: "Zoe Marchetti Dunn (zoe.marchetti_dunn, ZOE79) led safeguarding; born 14 February 1979, 14/02/1979, Feb 14, 1979. Ring 020 7946 0018.", criteria: []}
"""

# Fails validation: its date of birth and TRN are written wrongly; none of it may appear anywhere.
NADIA = """\
kind: candidate
version: 1
id: H-003
personal_details: {first_name: Nadia, last_name: Kellaway, date_of_birth: 14 March 1971, national_insurance_number: "AB 12 34 56 D"}
professional_status: {qualified_teacher_status: "yes", teacher_reference_number: "TRN 99 88"}
evidence: [{text: "Nadia Kellaway led safeguarding."}]
"""

APPLICANTS = [
    [
        "id",
        "first_name",
        "last_name",
        "date_of_birth",
        "national_insurance_number",
        "qualified_teacher_status",
        "evidence",
    ],
    [
        "R-1",
        "Oluwaseun",
        "Adeyemi-Okafor",
        "03/11/1982",
        "JT 98 76 54 B",
        "yes",
        "Oluwaseun_Adeyemi led safeguarding (3rd November 1982).",
    ],
    ["R-2", "Bartholomew", "Fairweather", "31/02/1980", "", "yes", "Bartholomew Fairweather led safeguarding."],
]

PERSONAL = [
    # Siobhán: the values, and the ways the application writes them
    "Siobh",
    "O'Neill",
    "O’Neill",
    "ONeill",
    "O Neill",
    "O_Neill",
    "Byrne",
    "example.org",
    "07700",
    "7700 900",
    "900123",
    "Acacia",
    "LS1 4AB",
    "1985-07-04",
    "4-Jul-1985",
    "19850704",
    "4th of July",
    "July 4th",
    "04/07/85",
    "QQ123456C",
    "QQ-12-34-56-C",
    "1234567",
    "123 4567",
    # Zoë
    "Zoë",
    "Zoe",
    "Marchetti",
    "Dunn",
    "1979-02-14",
    "14 February 1979",
    "14/02/1979",
    "Feb 14",
    "7946",
    "ZOE79",
    # Nadia (a file that fails validation)
    "Nadia",
    "Kellaway",
    "14 March 1971",
    "AB 12 34 56 D",
    "TRN 99 88",
    # applicants CSV rows, one that fails
    "Oluwaseun",
    "Adeyemi",
    "Okafor-",
    "1982",
    "JT 98 76 54 B",
    "Bartholomew",
    "Fairweather",
    "31/02/1980",
]


def _found(value: str, text: str) -> bool:
    """Whether ``value`` appears in ``text`` (any case) not inside a longer word."""
    return re.search(rf"(?<![A-Za-z0-9]){re.escape(value)}(?![A-Za-z])", text, re.IGNORECASE) is not None


def _xlsx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return "\n".join(archive.read(name).decode("utf-8") for name in archive.namelist() if name.endswith(".xml"))


def _workspace(tmp_path: Path) -> tuple[list[str], list[str]]:
    folder = tmp_path / "applications"
    folder.mkdir()
    (folder / "siobhan-oneill.yaml").write_text(SIOBHAN)
    (folder / "zoe.json").write_text(_as_json(ZOE))
    (folder / "nadia-kellaway.yaml").write_text(NADIA)
    with (tmp_path / "applicants.csv").open("w", newline="") as sheet:
        csv.writer(sheet).writerows(APPLICANTS)
    with (tmp_path / "panel.csv").open("w", newline="") as sheet:
        writer = csv.writer(sheet)
        writer.writerow(["panellist", "candidate", "criterion", "score", "note"])
        writer.writerow(["J Doe", "H-001", "*", "conflict", "worked with Siobhan O’Neill at Acacia Road"])
        writer.writerow(["K Roe", "H-001", "ZZ", "2", "Siobhán's evidence is strong"])
    samples = [str(p) for p in SAMPLES]
    return [str(folder), str(tmp_path / "applicants.csv"), *samples], ["--scores", str(tmp_path / "panel.csv")]


def _as_json(yaml_text: str) -> str:
    import json

    import yaml

    return json.dumps(yaml.safe_load(yaml_text), default=str)


@pytest.mark.parametrize("role", ROLES, ids=[r.stem for r in ROLES])
def test_no_personal_value_reaches_any_blind_output(
    role: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    candidates, sheets = _workspace(tmp_path)
    args = ["shortlist", str(role), *candidates, *sheets, "--anonymise", "--as-of", "2025-03-01"]
    outputs = {suffix: tmp_path / f"out{suffix}" for suffix in (".json", ".csv", ".html", ".xlsx", ".txt")}
    record = tmp_path / "record.json"
    assert main([*args, *(a for p in outputs.values() for a in ("-o", str(p))), "--record", str(record)]) == 1
    written = capsys.readouterr()
    assert main([*args, "--color", "always"]) == ExitCode.FINDINGS
    terminal = capsys.readouterr()
    assert main([*args, "--format", "json"]) == ExitCode.FINDINGS
    as_json = capsys.readouterr()
    assert main(["shortlist", "--verify", str(record), str(role), *candidates]) == ExitCode.OK
    verified = capsys.readouterr()
    texts = {
        **{suffix: path.read_text() for suffix, path in outputs.items() if suffix != ".xlsx"},
        ".xlsx": _xlsx_text(outputs[".xlsx"].read_bytes()),
        "record": record.read_text(),
        "stderr": written.err + terminal.err + as_json.err + verified.err,
        "terminal": terminal.out,
        "stdout json": as_json.out + verified.out,
        "log": caplog.text,
    }
    personal = PERSONAL + [_sample for _sample in _sample_values()]
    leaks = sorted({(where, value) for where, text in texts.items() for value in personal if _found(value, text)})
    assert leaks == []
    # the blind outputs still say something: the hostile applications are ranked, the failed ones reported
    import json

    report = json.loads(texts[".json"])
    assert sum(c["redactions"] for c in report["candidates"]) >= 5 and "[name]" in texts[".json"]
    assert len(report["candidates"]) == len(SAMPLES) + 3  # Siobhán, Zoë and the good CSV row; two left out
    assert "schema" in texts["stderr"]


def _sample_values() -> list[str]:
    from tests.shortlist.test_blind import _personal_values

    return _personal_values()


def test_personal_values_are_not_quoted_in_any_mode(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    candidates, _ = _workspace(tmp_path)
    for args in (
        ["shortlist", str(ROLES[0]), *candidates[:2], "--as-of", "2025-03-01", "--format", "json"],
        ["evaluate", str(ROLES[0]), candidates[0], "--as-of", "2025-03-01", "--format", "json"],
        ["lint", candidates[0], "--format", "parsable"],
    ):
        main(args)
        captured = capsys.readouterr()
        messages = captured.err + "".join(re.findall(r'"message": "([^"]*)"', captured.out))
        if args[0] == "lint":
            messages += captured.out
        for value in ("14 March 1971", "TRN 99 88", "AB 12 34 56 D", "31/02/1980"):
            assert value not in messages, (args[0], value)
