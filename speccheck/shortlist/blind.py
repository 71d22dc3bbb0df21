"""Blind shortlisting: stable candidate codes, and personal details redacted from free text.

A candidate's code is a keyed hash of its id (keyed by the role, so the same
applicant has the same code for the same post on every run, and a different
code for another post). Codes show nothing of the id.

Redaction looks for the candidate's own personal details wherever free text
reaches an output (evidence quotes, explanations, panel notes, messages): the
names (first, last, full and previous), email addresses, telephone numbers
(written with any spacing), the date of birth in the usual written forms, the
address and its first line, the postcode, the National Insurance number and
the teacher reference number; and, whoever they belong to, anything shaped
like an email address, a UK telephone number, a UK postcode or an NI number.
Names are matched as whole words, ignoring case: a name that is also an
ordinary word is redacted there too, which errs on the side of privacy.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from speccheck.core.findings import Finding, Position
from speccheck.files.candidate import Candidate

CODE_PREFIX = "A-"
_CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: read aloud in a panel

_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_PHONE = re.compile(r"(?<![\w+])(?:\+44\s?\(?0?\)?\s?|\(?0)\d(?:[\s().-]?\d){8,9}(?!\w)")
_POSTCODE = re.compile(r"\b[A-Z]{1,2}[0-9][A-Z0-9]?\s*[0-9][A-Z]{2}\b", re.IGNORECASE)
_NI_NUMBER = re.compile(r"\b[A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b", re.IGNORECASE)
_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)


@dataclass(frozen=True)
class Identity:
    """The personal details of one candidate that redaction looks for."""

    names: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    birth_date: dt.date | None = None
    others: tuple[tuple[str, str], ...] = ()  # (text, label): address, NI number, TRN ...

    @classmethod
    def of(cls, candidate: Candidate) -> Identity:
        details = candidate.personal_details
        names: list[str] = []
        first, last = details.first_name, details.last_name
        if first and last:
            names.append(f"{first} {last}")
        for name in [first, last, *details.previous_names]:
            if name:
                names.append(name)
                names.extend(part for part in re.split(r"[\s-]+", name) if part != name)
        others: list[tuple[str, str]] = []
        if details.address:
            others.append((details.address, "[address]"))
            head = details.address.split(",")[0].strip()
            if head and head != details.address and any(ch.isdigit() for ch in head):
                others.append((head, "[address]"))
        if details.national_insurance_number:
            others.append((details.national_insurance_number, "[NI number]"))
        status = candidate.professional_status
        if status is not None and status.teacher_reference_number:
            others.append((status.teacher_reference_number, "[TRN]"))
        return cls(
            names=tuple(dict.fromkeys(n.strip() for n in names if len(n.strip()) >= 2)),
            emails=(details.email,) if details.email else (),
            phones=(details.phone_number,) if details.phone_number else (),
            birth_date=details.date_of_birth,
            others=tuple(others),
        )


def _birth_date_pattern(day: dt.date) -> str:
    d, m, y = day.day, day.month, day.year
    month = _MONTHS[m - 1]
    names = f"(?:{month}|{month[:3]}{'t' if m == 9 else ''}?|{month[:3]})"
    ordinal = r"(?:st|nd|rd|th)?"
    numeric = rf"0?{d}[./ -]0?{m}[./ -](?:{y}|{y % 100:02d})"
    iso = rf"{y}[./-]0?{m}[./-]0?{d}"
    words = rf"0?{d}{ordinal}\s+(?:of\s+)?{names}\.?,?\s+{y}"
    american = rf"{names}\.?\s+0?{d}{ordinal},?\s+{y}"
    return rf"\b(?:{iso}|{numeric}|{words}|{american})\b"


def _digits_pattern(number: str) -> str | None:
    digits = re.sub(r"\D", "", number)
    if len(digits) < 6:
        return None
    if digits.startswith("44") and len(digits) > 10:
        digits = digits[2:]
    if digits.startswith("0"):
        digits = digits[1:]
    body = r"[\s().-]*".join(digits)
    return rf"(?<!\d)(?:\+?44[\s().-]*)?(?:\(?0\)?[\s().-]*)?{body}(?!\d)"


class Redactor:
    """Replaces one candidate's personal details (and anything shaped like them) in text."""

    def __init__(self, identity: Identity, *, extra: Iterable[tuple[str, str]] = ()) -> None:
        rules: list[tuple[re.Pattern[str], str]] = []
        literal: list[tuple[str, str]] = [*identity.others, *extra]
        for text, label in sorted(literal, key=lambda item: -len(item[0])):
            if text.strip():
                # Spacing is free: "QQ 12 34 56 C" is also found as "QQ123456C".
                words = r"\s*".join(re.escape(part) for part in text.split())
                rules.append((re.compile(r"(?<!\w)" + words + r"(?!\w)", re.IGNORECASE), label))
        for email in identity.emails:
            rules.append((re.compile(re.escape(email), re.IGNORECASE), "[email]"))
        rules.append((_EMAIL, "[email]"))
        for phone in identity.phones:
            pattern = _digits_pattern(phone)
            if pattern:
                rules.append((re.compile(pattern), "[phone]"))
        rules.append((_PHONE, "[phone]"))
        if identity.birth_date is not None:
            rules.append((re.compile(_birth_date_pattern(identity.birth_date), re.IGNORECASE), "[date of birth]"))
        rules.append((_NI_NUMBER, "[NI number]"))
        rules.append((_POSTCODE, "[postcode]"))
        for name in sorted(identity.names, key=len, reverse=True):
            words = r"[\s-]+".join(re.escape(part) for part in name.split())
            rules.append((re.compile(rf"(?<!\w){words}(?!\w)", re.IGNORECASE), "[name]"))
        self._rules = rules

    def redact(self, text: str) -> tuple[str, int]:
        """The text with personal details replaced, and how many were replaced."""
        count = 0
        for pattern, label in self._rules:
            text, n = pattern.subn(label, text)
            count += n
        return text, count


def _encode(digest: bytes, length: int) -> str:
    number = int.from_bytes(digest, "big")
    chars = []
    for _ in range(length):
        number, index = divmod(number, len(_CODE_ALPHABET))
        chars.append(_CODE_ALPHABET[index])
    return "".join(chars)


def assign_codes(keys: Iterable[str], salt: str) -> dict[str, str]:
    """A stable code per key: ``A-`` and five characters of a keyed SHA-256, longer if two collide."""
    keys = list(dict.fromkeys(keys))
    digests = {key: hashlib.sha256(f"{salt}\x00{key}".encode()).digest() for key in keys}
    for length in range(5, 40):
        codes = {key: CODE_PREFIX + _encode(digest, length) for key, digest in digests.items()}
        if len(set(codes.values())) == len(codes):
            return codes
    raise AssertionError("sha256 collision")  # pragma: no cover


class MultiRedactor:
    """Several redactors applied in turn (for text that may mention any candidate)."""

    def __init__(self, redactors: list[Redactor]) -> None:
        self.redactors = redactors

    def redact(self, text: str) -> tuple[str, int]:
        total = 0
        for redactor in self.redactors:
            text, count = redactor.redact(text)
            total += count
        return text, total


def redactor_for_all(identities: Iterable[Identity], *, extra: Iterable[tuple[str, str]] = ()) -> MultiRedactor:
    """One redactor for the personal details of every candidate of a batch."""
    identities = list(identities)
    merged = Identity(
        names=tuple(n for i in identities for n in i.names),
        emails=tuple(e for i in identities for e in i.emails),
        phones=tuple(p for i in identities for p in i.phones),
        others=tuple(o for i in identities for o in i.others),
    )
    dates = sorted({i.birth_date for i in identities if i.birth_date is not None})
    return MultiRedactor([Redactor(merged, extra=extra), *(Redactor(Identity(birth_date=d)) for d in dates)])


class Counted:
    """Redacts text through one redactor (none: text passes unchanged) and counts what it replaced."""

    def __init__(self, redactor: Redactor | MultiRedactor | None) -> None:
        self.redactor = redactor
        self.count = 0

    def __call__(self, text: str | None) -> str | None:
        return None if text is None else self.text(text)

    def text(self, text: str) -> str:
        if self.redactor is None:
            return text
        out, count = self.redactor.redact(text)
        self.count += count
        return out


def blind_finding(finding: Finding, redact: Counted, paths: dict[str, str]) -> Finding:
    """A finding with its message and fix redacted and its file named by code (``paths``: file -> code)."""
    position = finding.position
    if position is not None and position.path in paths:
        position = Position(path=paths[position.path], line=position.line, col=position.col)
    return finding.model_copy(
        update={"message": redact.text(finding.message), "fix": redact(finding.fix), "position": position}
    )
