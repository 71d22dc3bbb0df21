"""Blind shortlisting: candidate codes that cannot be claimed, and what redaction looks for.

A candidate's code is ``A-`` and five characters of a SHA-256 of its id keyed
by a secret (``ranking.code_salt``: a new one for every run, kept in the
decision record; ``--codes-from RECORD`` keys a later run the same way) and
the role. Codes show nothing of the id, cannot be worked out from a guessable
id, and no application may have an id written like a code
(``looks_like_code``): one application cannot take another's panel scores.

Redaction (``redact``) looks for the candidate's own personal details
wherever free text reaches an output (evidence quotes, explanations, panel
notes, messages): the names (first, last, full and previous), email
addresses, telephone numbers, the date of birth in the usual written forms,
the address and its lines, the National Insurance number and the teacher
reference number; and, whoever they belong to, anything shaped like an email
address, a UK telephone number, a UK postcode or an NI number. Names are
matched as whole words however they are cased, accented or separated: a name
that is also an ordinary word is redacted there too, which errs on the side
of privacy.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from speccheck.core.findings import Finding, Position
from speccheck.files.candidate import Candidate
from speccheck.shortlist.redact import Redactor, Targets

CODE_PREFIX = "A-"
_CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: read aloud in a panel

_CODE_LIKE = re.compile(rf"{CODE_PREFIX}[0-9A-Z]{{5,}}", re.IGNORECASE)


def looks_like_code(candidate_id: str) -> bool:
    """Whether an id is written like a blind code (``A-`` and five or more letters or digits, any case)."""
    return _CODE_LIKE.fullmatch(candidate_id) is not None


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


def targets_of(identities: Iterable[Identity], extra: Iterable[tuple[str, str]] = ()) -> Targets:
    """What redaction looks for: every personal detail of ``identities``, and ``extra`` (text, label) pairs."""
    found = Targets()
    for identity in identities:
        own = _own_targets(identity)
        for joined, (label, counts) in own.table.items():
            found.add_compact(joined, label, counts)
        found.literal.extend(own.literal)
    for text, label in extra:
        found.add(text, label)
    return found


@lru_cache(maxsize=8192)
def _own_targets(identity: Identity) -> Targets:
    """One candidate's targets, made once (a batch's redactor and the candidate's own both use them)."""
    found = Targets()
    for name in identity.names:
        found.add_name(name)
    for email in identity.emails:
        found.add(email, "[email]")
    for phone in identity.phones:
        found.add_phone(phone)
    if identity.birth_date is not None:
        found.add_birth_date(identity.birth_date)
    for text, label in identity.others:
        if label == "[address]":
            found.add_address(text)
        else:
            found.add(text, label)
    return found


def redactor_for(identity: Identity | None, *, extra: Iterable[tuple[str, str]] = ()) -> Redactor:
    """A redactor for one candidate's personal details (and ``extra``)."""
    return Redactor(targets_of([identity] if identity is not None else [], extra))


def redactor_for_all(identities: Iterable[Identity], *, extra: Iterable[tuple[str, str]] = ()) -> Redactor:
    """One redactor for the personal details of every candidate of a batch."""
    return Redactor(targets_of(identities, extra))


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


class Counted:
    """Redacts text through one redactor (none: text passes unchanged) and counts what it replaced."""

    def __init__(self, redactor: Redactor | None) -> None:
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
