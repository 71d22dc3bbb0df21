"""Role drafts -> role data: ids, levels, categories, post type, dates, proposed conditions, and the comments
and findings that say where each item came from and what the importer was unsure of."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from speccheck.core.findings import Finding, Severity
from speccheck.documents.model import Document, Place
from speccheck.files.role import Category, Level, PostType
from speccheck.importing.dates import parse_date
from speccheck.importing.drafts import CriterionDraft
from speccheck.importing.found import finding
from speccheck.importing.proposals import propose
from speccheck.importing.role_reader import RoleRead
from speccheck.importing.words import Words, plain
from speccheck.importing.writer import Loc
from speccheck.library.loading import RuleLibrary

_TITLE_NOISE = re.compile(
    r"\b(?:job description(?: and| &)?(?: person specification)?|person specification|role profile|job profile|for the post of|post of|position of)\b|[:–—|]",
    re.IGNORECASE,
)
_PHASES = (
    ("primary", r"\b(?:primary|infant|junior|first school)\b"),
    ("secondary", r"\b(?:secondary|high school|upper school|11-1[68])\b"),
    ("special", r"\bspecial (?:school|academy|needs)\b"),
    ("nursery", r"\bnursery\b"),
    ("through", r"\ball[- ]through\b"),
)
_GUESS = (
    (Category.QUALIFICATIONS, r"\b(?:qualifi|degree|qts|npq|certificate|diploma|accredit|gcse|training|educated)"),
    (Category.SAFEGUARDING, r"\bsafeguard|child protection|suitab"),
    (
        Category.EXPERIENCE,
        r"^(?:recent |successful |proven |substantial |significant )*(?:experience|track record)|\byears\b",
    ),
    (
        Category.KNOWLEDGE,
        r"^(?:a |an )?(?:good |sound |secure |clear |thorough |up[- ]to[- ]date |detailed |in-depth |excellent )*(?:knowledge|understanding|awareness)",
    ),
    (Category.SKILLS, r"\b(?:ability|able to|skills?|proficien)"),
    (
        Category.PERSONAL_QUALITIES,
        r"\b(?:commit|enthusias|resilien|integrity|passion|sense of humour|flexib|approachab|empath|honest|calm)",
    ),
)


@dataclass
class Built:
    data: dict[str, Any]
    comments: dict[Loc, list[str]] = field(default_factory=dict)
    places: dict[Loc, Place] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)


def build_role(read: RoleRead, document: Document, library: RuleLibrary, words: Words, *, file_id: str) -> Built:
    built = Built(data={"kind": "role", "version": 1, "id": file_id})
    shown = document.path
    title, title_place = _title(read)
    built.data["title"] = title
    if title_place is not None:
        built.places[("title",)] = title_place
        built.comments[("title",)] = [f"from: {title_place.words()}"]
    post_type, unsure = _post_type(title, read, words)
    built.data["post_type"] = post_type.value
    built.comments[("post_type",)] = [
        f'read from the title "{title}"' if not unsure else f"not sure: {unsure}; check it"
    ]
    if unsure:
        built.findings.append(
            finding(
                "import-post-type-unsure",
                Severity.WARNING,
                f'post type "{post_type.value}" is a guess: {unsure}',
                shown,
                title_place,
                "set post_type: to the post this is (headteacher, deputy_headteacher, assistant_headteacher, ...)",
            )
        )
    _dates(read, built, shown)
    phases = _phases(title + " " + (read.fields["school"].value if "school" in read.fields else ""))
    if phases:
        built.data["school"] = {"phases": phases}
        built.comments[("school",)] = ["the phase as the title or school name says it"]
    for key, values in (("responsible_to", read.responsible_to), ("responsible_for", read.responsible_for)):
        if values:
            built.data[key] = [v.value for v in values]
            built.comments[(key,)] = [f"from: {values[0].place.words()}"]
            built.places[(key,)] = values[0].place
    _duties(read, built)
    _criteria(read, built, library, words, shown, phases)
    _recruitment(read, built)
    if not read.duties and not read.criteria:
        built.findings.append(
            finding(
                "import-nothing-found",
                Severity.ERROR,
                "found no duties and no person-specification criteria in this document",
                shown,
                None,
                "give the job description or person specification; a table of criteria needs Essential / Desirable columns or headings",
            )
        )
    return built


def _title(read: RoleRead) -> tuple[str, Place | None]:
    candidates = [read.fields.get("title"), read.first_heading]
    for found in candidates:
        if found is None:
            continue
        text = plain(_TITLE_NOISE.sub(" ", found.value)).strip(" -,")
        if text and len(text.split()) <= 14:
            return text, found.place
    return "Untitled post", None


def _post_type(title: str, read: RoleRead, words: Words) -> tuple[PostType, str | None]:
    found = words.post_types_in(title)
    if found:
        distinct = list(dict.fromkeys(found))
        if len(distinct) > 1 and not _nested(distinct):
            names = ", ".join(t.value for t in distinct)
            return distinct[0], f"the title names more than one kind of post ({names})"
        return distinct[0], None
    text = " ".join(d.text for d in read.duties[:30]) + " " + " ".join(c.text for c in read.criteria[:30])
    found = words.post_types_in(text)
    if found:
        return found[0], f'the title "{title}" names no post; read from the duties and criteria'
    return PostType.OTHER_LEADERSHIP, f'neither the title "{title}" nor the text names the post'


def _nested(found: list[PostType]) -> bool:
    """Post types a title names only because one contains another ('Headteacher' inside 'Assistant Headteacher')."""
    return found[0] in (
        PostType.EXECUTIVE_HEADTEACHER,
        PostType.HEAD_OF_SCHOOL,
        PostType.DEPUTY_HEADTEACHER,
        PostType.ASSISTANT_HEADTEACHER,
        PostType.HEAD_OF_YEAR_OR_PHASE,
        PostType.HEAD_OF_DEPARTMENT_OR_CURRICULUM,
        PostType.LEADING_PRACTITIONER,
    ) and set(found[1:]) <= {
        PostType.HEADTEACHER,
        PostType.TEACHER,
        PostType.SUPPORT_STAFF,
        PostType.HEAD_OF_DEPARTMENT_OR_CURRICULUM,
    }


def _phases(text: str) -> list[str]:
    return [phase for phase, pattern in _PHASES if re.search(pattern, text, re.IGNORECASE)]


def _dates(read: RoleRead, built: Built, shown: str) -> None:
    days = {}
    for key in ("issued", "closing_date"):
        found = read.fields.get(key)
        if found is None:
            continue
        day, exact = parse_date(found.value)
        if day is None:
            continue
        days[key] = day
        built.places[(key,)] = found.place
        note = f'from: {found.place.words()} ("{found.value}")'
        built.comments[(key,)] = [note if exact else note + "; no day was given, so the 1st"]
    if "issued" in days and "closing_date" in days and days["closing_date"] < days["issued"]:
        del days["issued"]
    built.data.update(days)


def _duties(read: RoleRead, built: Built) -> None:
    duties: list[dict[str, Any]] = []
    seen: set[str] = set()
    for draft in read.duties:
        key = draft.text.lower()
        if key in seen:
            continue
        seen.add(key)
        index = len(duties)
        duties.append({"id": f"D{index + 1}", "text": draft.text})
        built.places[("duties", index)] = draft.place
        note = f"from: {draft.place.words()}"
        built.comments[("duties", index)] = [note + (f" ({draft.heading})" if draft.heading else "")]
    if duties:
        built.data["duties"] = duties


def _criteria(read: RoleRead, built: Built, library: RuleLibrary, words: Words, shown: str, phases: list[str]) -> None:
    criteria: list[dict[str, Any]] = []
    counts = {Level.ESSENTIAL: 0, Level.DESIRABLE: 0}
    no_level: list[CriterionDraft] = []
    for draft in read.criteria:
        level = _level(draft, phases, built, shown)
        if level is None:
            no_level.append(draft)
            level = Level.ESSENTIAL
        counts[level] += 1
        prefix = "E" if level is Level.ESSENTIAL else "DS"
        index = len(criteria)
        item: dict[str, Any] = {
            "id": f"{prefix}{counts[level]}",
            "text": draft.text,
            "level": level.value,
            "category": (draft.category or _guess_category(draft.text)).value,
        }
        if draft.assessed_by:
            item["assessed_by"] = [a.value for a in draft.assessed_by]
        notes = [f"from: {draft.place.words()}" + (f' ("{draft.heading}")' if draft.heading else "")]
        proposal = propose(draft.text, library)
        if proposal is not None:
            item["condition"] = proposal.condition
            notes.append(f"condition proposed ({proposal.id}): the rule library decides this wording; check it")
        if draft.conditional is not None:
            notes.append(f'level depends: "{draft.conditional.words}"')
        elif draft.level is None:
            notes.append("the document gives no level for this criterion: essential until you say")
        criteria.append(item)
        built.places[("criteria", index)] = draft.place
        built.comments[("criteria", index)] = notes
    if criteria:
        built.data["criteria"] = criteria
    if no_level:
        built.findings.append(
            finding(
                "import-level-missing",
                Severity.WARNING,
                f"{len(no_level)} criteria have no level in the document; they are imported as essential",
                shown,
                no_level[0].place,
                "mark each criterion essential or desirable",
            )
        )


def _level(draft: CriterionDraft, phases: list[str], built: Built, shown: str) -> Level | None:
    if draft.conditional is None:
        return draft.level
    cond = draft.conditional
    chosen = cond.first
    for phase in phases:
        match = re.search(rf"\b(essential|desirable)\s+(?:for|in|at)\s+(?:a\s+)?{phase}", cond.words, re.IGNORECASE)
        if match:
            chosen = Level(match.group(1).lower())
            break
    built.findings.append(
        finding(
            "import-level-ambiguous",
            Severity.WARNING,
            f'the level of "{_short(draft.text)}" depends on the post: "{cond.words}"; imported as {chosen.value}',
            shown,
            draft.place,
            "give one level for this post, or split the criterion in two",
        )
    )
    return chosen


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57].rstrip() + "..."


def _guess_category(text: str) -> Category:
    for category, pattern in _GUESS:
        if re.search(pattern, text, re.IGNORECASE):
            return category
    return Category.OTHER


def _recruitment(read: RoleRead, built: Built) -> None:
    recruitment: dict[str, Any] = {}
    if read.safeguarding:
        recruitment["safeguarding_statement"] = " ".join(dict.fromkeys(read.safeguarding))
    salary = read.fields.get("salary")
    if salary is not None:
        pay: dict[str, Any] = {"text": salary.value}
        scale = re.search(r"\b([LMU]\s?\d{1,2}\s*(?:[-–—]|to)\s*[LMU]?\s?\d{1,2})\b", salary.value)
        if scale:
            pay["range"] = re.sub(r"\s*(?:[-–—]|to)\s*", "-", scale.group(1)).replace(" ", "")
        recruitment["advert"] = {"pay": pay}
        built.places[("recruitment", "advert")] = salary.place
        built.comments[("recruitment",)] = [f"pay from: {salary.place.words()}"]
    if recruitment:
        built.data["recruitment"] = recruitment
