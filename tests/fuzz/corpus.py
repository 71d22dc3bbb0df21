"""Seeds and mutations for the fuzz harness: every kind of file speccheck reads, made hostile.

Seeds are the bundled samples and small well-formed files of each kind; a
case takes one seed and applies one to four mutations drawn from a seeded
random source, so a case is reproducible from its number. Mutations are
textual (bytes flipped, lines dropped, doubled or swapped, the text cut) and
targeted (a value replaced by one of the hostile values the issue-13 review
used: rich markup, spreadsheet formulas, terminal escapes, unknown YAML tags,
digits that are not ASCII, 5,000-digit numbers, escaped UTF-16 halves, deep
nesting, a catastrophic pattern, paths outside the project, an id written like
a blind code, a field past the CSV limit).
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

KINDS = (
    "role",
    "candidate",
    "candidate_json",
    "rule",
    "scores_csv",
    "scores_yaml",
    "moderation_csv",
    "moderation_yaml",
    "applicants_csv",
    "config_yaml",
    "config_toml",
    "record",
)

HOSTILE_SCALARS = [
    "[/]",
    "[red]x[/red]",
    '"=HYPERLINK(\\"http://x.example\\",\\"y\\")"',
    '"\\t=1+1"',
    '"@SUM(A1)"',
    '"\\e]0;title\\a\\e[2J"',
    '"\\u009b31m"',
    "!!timestamp hello",
    "!!int abc",
    "!!float x",
    "!!binary ~~~",
    "!python/object:os.system ls",
    "²",
    "9" * 5000,
    '"\\ud83d\\ude00"',
    '"\\ud83d"',
    "A-23456",
    "a-zzzzz",
    "1979-02-31",
    "14 February 1979",
    "-1e999",
    ".nan",
    "0x1F",
    "~",
    "{}",
    "[]",
    "''",
    "&anchor x",
    "*anchor",
    "<<: {a: 1}",
    "/dev/zero",
    "../../../etc/passwd",
    "/usr",
    '"^(a|aa)+$"',
    '"[z-a]"',
    '"(unclosed"',
    "x" * 70_000,
    "[" * 60 + "]" * 60,
    "{a: " * 45 + "1" + "}" * 45,
    "Siobhán O’Neill siobhan1985 QQ-12-34-56-C TRN 123 4567 4-Jul-1985 19850704",
    '"\\x00"',
    "yes",
    "true",
    "3.5",
    "-7",
    "2100",
]

HOSTILE_CELLS = [
    '=HYPERLINK("http://x","y")',
    "\t=1+1",
    "\r=1",
    "+cmd",
    "@SUM(A1)",
    "-2+3",
    "[/]",
    "\x1b[2J\x07",
    "²",
    "9" * 5000,
    "x" * 140_000,
    "A-23456",
    "conflict",
    "*",
    "31/02/1980",
    "1/²/2010",
    "٣/٣/٢٠٢٠",
    "yes;no;;",
    '"unclosed',
    "\x00",
    "",
    "3",
    "-1",
    "1e308",
    "nan",
]


@dataclass(frozen=True)
class Seed:
    kind: str
    name: str  # file name to write it as
    text: str


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def seeds() -> dict[str, list[Seed]]:
    """Seed files of every kind (read once per process)."""
    samples = ROOT / "samples"
    roles = sorted((samples / "roles").glob("*.yaml"))
    candidates = sorted((samples / "candidates").glob("*.yaml"))
    rules = sorted((ROOT / "rules").glob("*/*.yaml"))[::9]
    sheets = sorted((samples / "scores").glob("*/*.csv"))
    table: dict[str, list[Seed]] = {kind: [] for kind in KINDS}
    table["role"] = [Seed("role", p.name, _read(p)) for p in roles]
    table["candidate"] = [Seed("candidate", p.name, _read(p)) for p in candidates]
    table["candidate_json"] = [Seed("candidate_json", p.stem + ".json", _as_json(_read(p))) for p in candidates]
    table["rule"] = [Seed("rule", p.name, _read(p)) for p in rules if p.parent.name != "profiles"]
    table["scores_csv"] = [Seed("scores_csv", p.name, _read(p)) for p in sheets if p.name != "moderation.csv"]
    table["moderation_csv"] = [Seed("moderation_csv", p.name, _read(p)) for p in sheets if p.name == "moderation.csv"]
    table["scores_yaml"] = [
        Seed(
            "scores_yaml",
            "sheet.yaml",
            "kind: scores\nversion: 1\npanellist: R Okafor\nconflicts: [{candidate: C-008, reason: knows them}]\n"
            "scores:\n  - {candidate: C-001, criterion: E02, score: 2, note: clear}\n"
            "  - {candidate: C-005, criterion: E07, score: 3}\n",
        )
    ]
    table["moderation_yaml"] = [
        Seed(
            "moderation_yaml",
            "moderation.yaml",
            "kind: moderation\nversion: 1\nmoderated:\n  - {candidate: C-001, criterion: E02, score: 2, reason: agreed}\n",
        )
    ]
    table["applicants_csv"] = [
        Seed(
            "applicants_csv",
            "applicants.csv",
            "id,first_name,last_name,date_of_birth,qualified_teacher_status,qualified_teacher_status_year,"
            "qualifications,training,job_1_title,job_1_started_on,job_1_current,job_1_key_stages,evidence_E02,"
            "personal_statement\n"
            "A-1,Ada,Quill,02/01/1980,yes,2008,BSc Maths;PGCE,NPQSL (in progress),Deputy Head,01/09/2015,yes,"
            'ks3;ks4,"I led safeguarding training for all staff.",I lead.\n'
            "A-2,Bo,Rae,1979-05-06,no,,MA,,Teacher,2010-09-01,yes,ks2,,\n",
        )
    ]
    table["config_yaml"] = [
        Seed(
            "config_yaml",
            "speccheck.yaml",
            "profile: strict\nfail_on: warning\nrules: {fixed-years-experience: info}\n"
            "overrides:\n  - files: ['legacy/**']\n    rules: {safeguarding-criterion: warning}\n"
            "exclude: ['drafts/**']\nrule_folders: []\n"
            "waivers:\n  - {rule: schema, path: 'old/*.yaml', reason: moving, owner: hr, expires: 2030-01-31}\n",
        )
    ]
    table["config_toml"] = [
        Seed(
            "config_toml",
            "pyproject.toml",
            "[project]\nname = 'x'\n\n[tool.speccheck]\nprofile = 'strict'\nfail_on = 'warning'\nexclude = ['drafts/**']\n"
            "[tool.speccheck.rules]\nfixed-years-experience = 'info'\n",
        )
    ]
    return table


def _as_json(yaml_text: str) -> str:
    import yaml

    return json.dumps(yaml.safe_load(yaml_text), default=str, indent=1)


# --------------------------------------------------------------------------- mutations

Mutation = Callable[[random.Random, str, str], str]


def _flip(rng: random.Random, text: str, kind: str) -> str:
    if not text:
        return text
    at = rng.randrange(len(text))
    junk = rng.choice(
        ["\x00", "\x1b", "\ufeff", "\ud83d", "\t", "\r", "'", '"', ":", "-", "{", "[", "&", "*", "!", "%", "é", "²"]
    )
    return text[:at] + junk + text[at + rng.randint(0, 2) :]


def _lines(rng: random.Random, text: str, kind: str) -> str:
    lines = text.splitlines(keepends=True)
    if len(lines) < 2:
        return text
    a, b = rng.randrange(len(lines)), rng.randrange(len(lines))
    operation = rng.randrange(4)
    if operation == 0:
        del lines[a]
    elif operation == 1:
        lines.insert(a, lines[b])
    elif operation == 2:
        lines[a], lines[b] = lines[b], lines[a]
    else:
        lines = lines[: a + 1]
    return "".join(lines)


def _cut(rng: random.Random, text: str, kind: str) -> str:
    return text[: rng.randrange(len(text) + 1)]


_VALUE = re.compile(r"(?m)(:[ ]+)([^\n{}\[\],#]+)")


def _hostile_value(rng: random.Random, text: str, kind: str) -> str:
    if kind.endswith("csv"):
        return _hostile_cell(rng, text, kind)
    if kind == "config_toml":
        return _hostile_toml(rng, text, kind)
    found = list(_VALUE.finditer(text))
    if not found:
        return text
    match = rng.choice(found)
    value = rng.choice(HOSTILE_SCALARS)
    if kind in ("candidate_json", "record") and not value.startswith('"'):
        value = json.dumps(value)
    return text[: match.start(2)] + value + text[match.end(2) :]


def _hostile_key(rng: random.Random, text: str, kind: str) -> str:
    keys = list(re.finditer(r"(?m)^(\s*-?\s*)([A-Za-z_]+):", text))
    if not keys:
        return _flip(rng, text, kind)
    match = rng.choice(keys)
    replacement = rng.choice(["!!int abc", "unknown_field", "personal_details", "kind", "? [a]", "&a k", "<<"])
    return text[: match.start(2)] + replacement + text[match.end(2) :]


def _hostile_cell(rng: random.Random, text: str, kind: str) -> str:
    lines = text.splitlines()
    if len(lines) < 2:
        return text + "\n" + rng.choice(HOSTILE_CELLS)
    row = rng.randrange(1, len(lines))
    cells = lines[row].split(",")
    cell = rng.choice(HOSTILE_CELLS)
    quoted = '"' + cell.replace('"', '""') + '"' if rng.random() < 0.7 else cell
    cells[rng.randrange(len(cells))] = quoted
    lines[row] = ",".join(cells)
    if rng.random() < 0.2:
        lines[0] += rng.choice([",extra", ",job_99_title", ",evidence_", ",id", ",note,note", ",JOB_1_TITLE"])
    return "\n".join(lines) + "\n"


def _hostile_toml(rng: random.Random, text: str, kind: str) -> str:
    choice = rng.randrange(6)
    if choice == 0:
        return text.replace("[project]", "[project]\ntool = 1", 1)
    if choice == 1:
        return "x = " + "[" * 100_000 + "]" * 100_000 + "\n" + text
    if choice == 2:
        return text + "rule_folders = ['/usr', '../..']\n"
    if choice == 3:
        return text + "exclude = ['[z-a]']\nbaseline = '/etc/passwd'\n"
    if choice == 4:
        return text + "profile = '" + "x" * 300 + "'\n"
    return text.replace("=", rng.choice(["==", "", "= [", "= {"]), 1)


def _deepen(rng: random.Random, text: str, kind: str) -> str:
    if kind.endswith("csv") or kind == "config_toml":
        return _hostile_cell(rng, text, kind) if kind.endswith("csv") else _hostile_toml(rng, text, kind)
    depth = rng.choice([13, 20, 45, 200])
    if kind == "role" and "condition:" in text:
        condition = '{fact: has_qts, "==": true}'
        for _ in range(depth if depth < 40 else 16):
            group = rng.choice(["all", "any", "not"])
            condition = f"{{not: {condition}}}" if group == "not" else f"{{{group}: [{condition}]}}"
        return re.sub(r"condition: \{[^\n]*\}\}", f"condition: {condition}}}", text, count=1)
    return text + f"\nextra: {'[' * depth}{']' * depth}\n"


def _grow(rng: random.Random, text: str, kind: str) -> str:
    if kind.endswith("csv"):
        rows = text.splitlines()
        if len(rows) > 1:
            return "\n".join([rows[0], *([rows[-1]] * rng.choice([50, 400]))]) + "\n"
        return text
    filler = "Siobhan O’Neill led whole-school safeguarding; " * rng.choice([100, 5000])
    return text.replace("personal_statement:", f"personal_statement: {json.dumps(filler)}\nx_statement:", 1)


MUTATIONS: tuple[Mutation, ...] = (_flip, _lines, _cut, _hostile_value, _hostile_value, _hostile_key, _deepen, _grow)


def mutate(rng: random.Random, seed: Seed) -> str:
    text = seed.text
    for _ in range(rng.randint(1, 4)):
        text = rng.choice(MUTATIONS)(rng, text, seed.kind)
    return text
