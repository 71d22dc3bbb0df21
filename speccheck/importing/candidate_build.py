"""Application-form sections -> candidate data: personal details apart, professional status, qualifications,
employment history with dates, training, the supporting statement as evidence paragraphs, and every section
the vocabulary does not know kept as text. Messages never quote personal details."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from speccheck.core.findings import Severity
from speccheck.documents.model import Document, Place
from speccheck.importing.candidate_reader import Record, Section, read_form
from speccheck.importing.dates import parse_date, parse_year
from speccheck.importing.found import finding
from speccheck.importing.role_build import Built
from speccheck.importing.words import Words, bare, plain

_PERSONAL = (
    "first_name",
    "last_name",
    "name",
    "previous_names",
    "email",
    "phone_number",
    "address",
    "date_of_birth",
    "national_insurance_number",
)
_STATUS = ("teacher_reference_number", "qts_held", "qts_year", "induction")
_COLUMNS = {
    "qualifications": {
        "name": r"qualification|award|degree|course|title|type|examination",
        "subject": r"subject",
        "grade": r"grade|result|class",
        "institution": r"institution|university|college|school|awarding|establishment|provider|body",
        "year": r"date|year|awarded|obtained|completed",
    },
    "training": {
        "name": r"course|training|title|programme|qualification|description",
        "provider": r"provider|organis|delivered|body|by",
        "year_awarded": r"date|year|completed",
    },
    "employment": {
        "organisation": r"employer|school|organisation|establishment|name",
        "job_title": r"job|post|position|role|title",
        "started_on": r"^from$|start|began|commenced|date from",
        "ended_on": r"^to$|end|left|until|finish|date to",
        "main_duties": r"duties|responsibilit|description",
        "reason_for_leaving": r"reason",
    },
}
_INSTRUCTION = re.compile(
    r"^(?:please|use this|you should|you may|continue on|in no more than|tell us)\b", re.IGNORECASE
)
_CURRENT = re.compile(r"\b(?:present|current|to date|now|ongoing|date)\b", re.IGNORECASE)
_MONTH_YEAR_NUMERIC = re.compile(r"\b(\d{1,2})[/.-](\d{4})\b")
_YES = re.compile(r"^(?:yes|y|true|held|☒ ?yes|x ?yes)\b", re.IGNORECASE)
_NO = re.compile(r"^(?:no|n|false|none|not held|☒ ?no|x ?no)\b", re.IGNORECASE)


def build_candidate(document: Document, words: Words, *, file_id: str) -> Built:
    collector = _Collector(Built(data={"kind": "candidate", "version": 1, "id": file_id}), words, document.path)
    for section in read_form(document, words):
        collector.details(section)
        collector.records(section)
        collector.paragraphs(section)
    return collector.finish()


_LIST_KEYS = {"qualifications": "qualifications", "training": "training_and_cpds", "employment": "employment_history"}


class _Collector:
    """The candidate data gathered section by section, with each item's place and comment."""

    def __init__(self, built: Built, words: Words, shown: str) -> None:
        self.built = built
        self.words = words
        self.shown = shown
        self.personal: dict[str, Any] = {}
        self.status: dict[str, Any] = {}
        self.declarations: dict[str, Any] = {}
        self.lists: dict[str, list[dict[str, Any]]] = {key: [] for key in _LIST_KEYS.values()}
        self.evidence: list[dict[str, Any]] = []

    def _evidence(self, text: str, place: Place, where: str) -> None:
        self.evidence.append({"text": text})
        index = len(self.evidence) - 1
        self.built.places[("evidence", index)] = place
        self.built.comments[("evidence", index)] = [f"from: {place.words()} ({where})"]

    def _listed(self, key: str, item: dict[str, Any], place: Place) -> None:
        items = self.lists[key]
        self.built.places[(key, len(items))] = place
        self.built.comments[(key, len(items))] = [f"from: {place.words()}"]
        items.append(item)

    def details(self, section: Section) -> None:
        for label, value, place in section.details:
            name = self.words.field_of(label.rstrip(":?"), only=_PERSONAL + _STATUS)
            if name in _PERSONAL:
                _personal(self.personal, name, value)
                self.built.places.setdefault(("personal_details",), place)
            elif name in _STATUS:
                _status(self.status, name, value)
                self.built.places.setdefault(("professional_status",), place)
            elif section.name == "declarations":
                _declaration(self.declarations, label, value)
            elif section.name not in ("personal_details", "references"):
                self._evidence(f"{plain(label)}: {plain(value)}", place, section.heading or "details")

    def records(self, section: Section) -> None:
        key = _LIST_KEYS.get(section.name)
        for record in section.records:
            text = "; ".join(f"{k}: {v}" for k, v in record.values.items())
            if key is None:
                self._evidence(text, record.place, section.heading)
                continue
            item = _record(section.name, record)
            if item is None:
                self.built.findings.append(
                    finding(
                        "import-record-incomplete",
                        Severity.WARNING,
                        "a post in the employment history has no start date that can be read; it is kept as text",
                        self.shown,
                        record.place,
                        "give the post's start date (month and year)",
                    )
                )
                self._evidence(text, record.place, section.heading)
                continue
            self._listed(key, item, record.place)

    def paragraphs(self, section: Section) -> None:
        for text, place in section.paragraphs:
            if section.name == "references" or (section.name == "personal_details" and len(text.split()) < 8):
                continue  # referees' details, and form labels, are not the applicant's evidence
            if section.name == "employment" and (post := _dated_line(text)) is not None:
                self._listed("employment_history", post, place)
                continue
            if section.name in ("qualifications", "training") and len(text.split()) <= 20:
                self._listed(_LIST_KEYS[section.name], {"name": text}, place)
                continue
            if section.name == "statement" and _INSTRUCTION.match(text):
                continue  # the form's instruction above the statement
            prefix = "" if section.name == "statement" or not section.heading else f"{section.heading}: "
            self._evidence(prefix + text, place, section.heading or "untitled section")

    def finish(self) -> Built:
        built = self.built
        if self.personal:
            built.data["personal_details"] = self.personal
            built.comments[("personal_details",)] = [
                "personal details: kept apart, never used in a check, withheld in blind mode"
            ]
        if self.status:
            built.data["professional_status"] = self.status
        for key, items in self.lists.items():
            if items:
                if key == "employment_history":
                    _current(items)
                built.data[key] = items
        if self.evidence:
            built.data["evidence"] = self.evidence
        if self.declarations:
            built.data["declarations"] = self.declarations
        if not (any(self.lists.values()) or self.evidence or self.status):
            built.findings.append(
                finding(
                    "import-nothing-found",
                    Severity.ERROR,
                    "found no qualifications, employment history or statement in this application form",
                    self.shown,
                    None,
                    "give the completed application form",
                )
            )
        return built


def _personal(personal: dict[str, Any], name: str, value: str) -> None:
    value = plain(value)
    if not value:
        return
    if name == "name":
        parts = value.split()
        if parts and parts[0].rstrip(".").lower() in ("mr", "mrs", "ms", "miss", "dr", "mx", "prof"):
            parts = parts[1:]
        if parts:
            personal.setdefault("first_name", " ".join(parts[:-1]) or parts[0])
            if len(parts) > 1:
                personal.setdefault("last_name", parts[-1])
    elif name == "previous_names":
        personal.setdefault("previous_names", [value])
    elif name == "date_of_birth":
        day, exact = parse_date(value)
        if day is not None and exact:
            personal.setdefault("date_of_birth", day)
    else:
        personal.setdefault(name, value)


def _status(status: dict[str, Any], name: str, value: str) -> None:
    value = plain(value)
    if name == "teacher_reference_number":
        digits = re.sub(r"\D", "", value)
        if len(digits) == 7:
            status["teacher_reference_number"] = digits
    elif name == "qts_held":
        if _YES.match(value) or re.search(r"\bawarded\b|\b(19|20)\d{2}\b", value):
            status["qualified_teacher_status"] = "yes"
            year = parse_year(value)
            if year:
                status["qualified_teacher_status_year"] = year
        elif re.search(r"\b(?:on track|working towards|in progress)\b", value, re.IGNORECASE):
            status["qualified_teacher_status"] = "on_track"
        elif _NO.match(value):
            status["qualified_teacher_status"] = "no"
    elif name == "qts_year":
        year = parse_year(value)
        if year:
            status["qualified_teacher_status_year"] = year
    elif name == "induction":
        if _YES.match(value) or re.search(r"\bcompleted?\b", value, re.IGNORECASE):
            status["is_statutory_induction_complete"] = True
        elif _NO.match(value):
            status["is_statutory_induction_complete"] = False


def _declaration(declarations: dict[str, Any], label: str, value: str) -> None:
    text = bare(label)
    answer = True if _YES.match(plain(value)) else False if _NO.match(plain(value)) else None
    if answer is None:
        return
    if re.search(r"right to work", text):
        declarations["has_right_to_work_in_uk"] = answer
    elif re.search(r"relat|related|close", text):
        declarations["has_close_relationships"] = answer
    elif re.search(r"convict|caution|safeguard|barred|disqualif|investigat", text):
        declarations.setdefault("has_safeguarding_issue", answer)


def _column(name: str, table: dict[str, str]) -> str | None:
    for field, pattern in table.items():
        if re.search(pattern, bare(name)):
            return field
    return None


def _record(section: str, record: Record) -> dict[str, Any] | None:
    table = _COLUMNS[section]
    item: dict[str, Any] = {}
    headers: dict[str, str] = {}
    for header, value in record.values.items():
        field = _column(header, table)
        if field is None or field in item:
            continue
        item[field] = value
        headers[field] = header
    if section in ("qualifications", "training"):
        name = item.pop("name", None) or next(iter(record.values.values()), "")
        graded = re.match(r"^(.*?)\s*\(([^()]{1,30})\)\s*$", plain(name))
        # 'Qualification obtained (class or grade)': the grade stands in brackets after the name
        in_name = re.search(r"\b(?:grade|class)\b", headers.get("name", ""), re.IGNORECASE)
        if graded and in_name and section == "qualifications" and not item.get("grade"):
            name, item["grade"] = graded.group(1), graded.group(2)  # 'BSc (Hons) (First)': the grade in brackets
        out: dict[str, Any] = {"name": plain(name)}
        for key in ("subject", "grade", "institution", "provider"):
            if item.get(key):
                out[key] = plain(item[key])
        year_key = "year" if section == "qualifications" else "year_awarded"
        year = parse_year(item.get(year_key, "")) if item.get(year_key) else None
        if year:
            out[year_key] = year
        if section == "training" and re.search(
            r"\b(?:in progress|ongoing|working towards|current|due)\b", " ".join(record.values.values()), re.IGNORECASE
        ):
            out["completed"] = False
        return out if out["name"] else None
    started = _month(item.get("started_on", ""), start=True)
    if started is None:
        return None
    out = {
        "job_title": plain(item.get("job_title", "")) or None,
        "organisation": plain(item.get("organisation", "")) or None,
    }
    out = {k: v for k, v in out.items() if v}
    out["started_on"] = started
    ended_text = item.get("ended_on", "")
    ended = _month(ended_text, start=False) if ended_text else None
    if ended is not None and ended >= started:
        out["ended_on"] = ended
    else:
        out["is_current_role"] = True
    if item.get("main_duties"):
        duties = [plain(d) for d in item["main_duties"].split("\n") if d.strip()]
        out["main_duties"] = " ".join(duties)
        if len(duties) > 1:
            out["responsibilities"] = duties
    if item.get("reason_for_leaving"):
        out["reason_for_leaving"] = plain(item["reason_for_leaving"])
    return out


_DATED = re.compile(
    r"^(?P<start>[A-Za-z]{3,9}\.? \d{4}|\d{1,2}/\d{4}|\d{4})\s*(?:[–—-]|to)\s*(?P<end>[A-Za-z]{3,9}\.? \d{4}|\d{1,2}/\d{4}|\d{4}|present|current|date|now)\s*[:,–—-]\s*(?P<rest>.+)$",
    re.IGNORECASE,
)


def _dated_line(text: str) -> dict[str, Any] | None:
    """'Sep 2016 – present: SENCO and Year 2 Teacher, Millbeck Primary School' -> a post."""
    match = _DATED.match(plain(text))
    if not match:
        return None
    started = _month(match.group("start"), start=True)
    if started is None:
        return None
    title, _, organisation = match.group("rest").partition(", ")
    post: dict[str, Any] = {"job_title": title.strip()}
    if organisation.strip():
        post["organisation"] = organisation.strip()
    post["started_on"] = started
    ended = _month(match.group("end"), start=False)
    if ended is not None and ended >= started:
        post["ended_on"] = ended
    else:
        post["is_current_role"] = True
    return post


def _month(text: str, *, start: bool) -> dt.date | None:
    text = plain(text)
    if not text or (_CURRENT.search(text) and not re.search(r"\d{4}", text)):
        return None
    day, exact = parse_date(text)
    if day is not None:
        return day if exact or start else _end_of_month(day)
    match = _MONTH_YEAR_NUMERIC.search(text)
    if match and 1 <= int(match.group(1)) <= 12:
        day = dt.date(int(match.group(2)), int(match.group(1)), 1)
        return day if start else _end_of_month(day)
    year = parse_year(text)
    if year:
        return dt.date(year, 9, 1) if start else dt.date(year, 8, 31)
    return None


def _end_of_month(day: dt.date) -> dt.date:
    following = day.replace(day=28) + dt.timedelta(days=4)
    return following - dt.timedelta(days=following.day)


def _current(employment: list[dict[str, Any]]) -> None:
    """Only one post can be current: the latest started; others with no end are closed when the next began."""
    current = [e for e in employment if e.get("is_current_role")]
    if len(current) <= 1:
        return
    latest = max(current, key=lambda e: e["started_on"])
    for post in current:
        if post is latest:
            continue
        later = sorted(e["started_on"] for e in employment if e["started_on"] > post["started_on"])
        if later:
            post.pop("is_current_role")
            post["ended_on"] = later[0] - dt.timedelta(days=1)
