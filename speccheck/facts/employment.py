"""Employment history -> facts a panel can check, each with the words that justify it.

Years are counted by setting (school, early years, further education) and kind of post, overlapping posts
once; the kinds of post held, ever and recently; key stages and phases; gaps of over three months, each
with its dates, and the breaks that explain them. Everything is judged as at one date: a post that starts
after it is left out of every fact, with a note saying so. The words (``Facts.notes`` and
``Facts.left_out``) name posts by their titles and years and kinds of post by their labels, never by codes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

from speccheck.facts.values import Facts
from speccheck.files.candidate import Employment
from speccheck.files.rules import Vocabulary

GAP_DAYS = 92  # Teaching Vacancies flags gaps of more than 3 months (domain.md §6.2)
DAYS_PER_YEAR = 365.25
DEFAULT_RECENT_YEARS = 5

Setting = Literal["school", "early_years", "further_education"]
SETTING_WORDS: dict[str, str] = {
    "school": "school",
    "early_years": "early years",
    "further_education": "further education",
}
# A phase that only a school has: a post that names one is in a school, whatever its title says.
SCHOOL_PHASES = frozenset({"primary", "secondary", "through", "special"})
KEY_STAGE_WORDS = {"early_years": "early years", "ks1": "KS1", "ks2": "KS2", "ks3": "KS3", "ks4": "KS4", "ks5": "KS5"}

KindsOf = Callable[[str | None], set[str]]


def years_before(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` years earlier (28 February for a 29 February with no match)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


@dataclass(frozen=True)
class Judged:
    """The date a candidate is judged at, and what "recent" means then."""

    as_of: dt.date
    recent_years: int = DEFAULT_RECENT_YEARS

    @property
    def recent_from(self) -> dt.date:
        """The first day of the recent window."""
        return years_before(self.as_of, self.recent_years)

    @property
    def after(self) -> str:
        return f"starts after the date judged at ({self.as_of})"

    @property
    def before_window(self) -> str:
        """After "ended before" or "was awarded before": the start of the recent window, in words."""
        return f"{self.recent_from}, more than {self.recent_years} years before the date judged at"


@dataclass(frozen=True)
class Post:
    """A job of the history, read once: its kinds of post, its setting, its dates as at the date judged."""

    index: int
    record: Employment
    kinds: frozenset[str]
    setting: Setting
    future: bool  # starts after the date judged at
    span: tuple[dt.date, dt.date] | None  # up to the date judged at; None when it covers no day
    words: str  # "Primary Teacher 2012–2018", "Deputy Head from 2027-01"


def _setting(record: Employment, kinds: set[str], vocab: Vocabulary) -> Setting:
    """Where a post is: a school phase says school; else a further-education or early-years kind of post, or a
    post whose only phase is nursery, is outside school; else school."""
    phases = set(record.phases)
    if phases & SCHOOL_PHASES:
        return "school"
    if kinds & set(vocab.further_education_role_kinds):
        return "further_education"
    if kinds & set(vocab.early_years_role_kinds) or phases == {"nursery"}:
        return "early_years"
    return "school"


def span(record: Employment, as_of: dt.date) -> tuple[dt.date, dt.date] | None:
    """The days an entry covers up to ``as_of``; None when it covers none."""
    end = min(record.ended_on or as_of, as_of)
    if record.started_on >= end:
        return None
    return record.started_on, end


def _post_words(record: Employment, judged: Judged) -> str:
    title = " ".join((record.job_title or "a post with no title").split())
    if record.started_on > judged.as_of:
        return f"{title} from {record.started_on:%Y-%m}"
    if record.ended_on is None or record.ended_on >= judged.as_of:
        return f"{title} {record.started_on.year}–"
    return f"{title} {record.started_on.year}–{record.ended_on.year}"


def read_posts(history: list[Employment], kinds_of: KindsOf, vocab: Vocabulary, judged: Judged) -> list[Post]:
    """The jobs of an employment history (breaks and education gaps are not posts)."""
    posts = []
    for index, record in enumerate(history):
        if record.employment_type != "job":
            continue
        kinds = kinds_of(record.job_title)
        posts.append(
            Post(
                index=index,
                record=record,
                kinds=frozenset(kinds),
                setting=_setting(record, kinds, vocab),
                future=record.started_on > judged.as_of,
                span=span(record, judged.as_of),
                words=_post_words(record, judged),
            )
        )
    return posts


def years(intervals: Iterable[tuple[dt.date, dt.date]]) -> float:
    """Total years covered by date intervals, overlaps counted once, to 0.1 year."""
    days = 0
    end_so_far: dt.date | None = None
    for start, end in sorted(intervals):
        if end_so_far is not None and start <= end_so_far:
            if end > end_so_far:
                days += (end - end_so_far).days
                end_so_far = end
            continue
        days += (end - start).days
        end_so_far = end
    return round(days / DAYS_PER_YEAR, 1)


# --------------------------------------------------------------------------- years by setting and kind


@dataclass(frozen=True)
class YearsFact:
    """A count of years: posts of these kinds in this setting."""

    name: str
    setting: Setting
    kinds: Callable[[Vocabulary], set[str]]
    what: str  # what the years are of, in words: "school teaching"


def _teaching(vocab: Vocabulary) -> set[str]:
    """Every kind of teaching post, wherever it is: the setting decides which count it joins."""
    return {*vocab.teaching_role_kinds, *vocab.early_years_role_kinds, *vocab.further_education_role_kinds}


YEARS_FACTS: tuple[YearsFact, ...] = (
    YearsFact("years_teaching", "school", _teaching, "school teaching"),
    YearsFact("years_teaching_early_years", "early_years", _teaching, "early years teaching"),
    YearsFact("years_teaching_further_education", "further_education", _teaching, "further-education teaching"),
    YearsFact("years_leadership", "school", lambda v: set(v.leadership_role_kinds), "school leadership"),
    YearsFact("years_senior_leadership", "school", lambda v: set(v.senior_role_kinds), "senior leadership in a school"),
)


def _a(words: str) -> str:
    return ("an " if words[:1] in "aeiou" else "a ") + words


class Labels:
    """Kinds of post in words, by the vocabulary's labels."""

    def __init__(self, labels: dict[str, str]) -> None:
        self._labels = labels

    def of(self, kind: str) -> str:
        return self._labels.get(kind) or kind.replace("_", " ")

    def all(self, kinds: Iterable[str]) -> list[str]:
        return sorted({self.of(kind) for kind in kinds})


def _years_fact(
    fact: YearsFact, posts: list[Post], vocab: Vocabulary, labels: Labels, judged: Judged, facts: Facts
) -> None:
    wanted = fact.kinds(vocab)
    counted: list[Post] = []
    left_out: list[str] = []
    for post in posts:
        if post.setting != fact.setting:
            if fact.setting == "school" and not post.future:
                left_out.append(f"{post.words} is {SETTING_WORDS[post.setting]}, not {fact.what}")
            continue
        if post.future:
            left_out.append(f"{post.words} {judged.after}")
        elif post.kinds & wanted:
            counted.append(post)
        elif post.kinds:
            left_out.append(f"{post.words} is {_a(' and '.join(labels.all(post.kinds)))} post, not {fact.what}")
        else:
            left_out.append(f"{post.words}: the title is not recognised as {_a(fact.what)} post")
    facts.values[fact.name] = years(p.span for p in counted if p.span is not None)
    facts.notes[fact.name] = [p.words for p in counted]
    facts.left_out[fact.name] = left_out


# --------------------------------------------------------------------------- posts held, key stages, phases


def _future_notes(posts: list[Post], judged: Judged, has: Callable[[Post], bool]) -> list[str]:
    return [f"{p.words} {judged.after}" for p in posts if p.future and has(p)]


def _kinds_held(posts: list[Post], labels: Labels, judged: Judged, facts: Facts) -> None:
    """Kinds of post held at any time, and within the recent window."""
    held = [p for p in posts if not p.future]
    facts.values["role_kinds"] = sorted({k for p in held for k in p.kinds})
    facts.notes["role_kinds"] = labels.all(k for p in held for k in p.kinds)
    facts.left_out["role_kinds"] = _future_notes(posts, judged, lambda p: bool(p.kinds))
    recent = [p for p in held if p.record.ended_on is None or p.record.ended_on >= judged.recent_from]
    facts.values["recent_role_kinds"] = sorted({k for p in recent for k in p.kinds})
    facts.notes["recent_role_kinds"] = labels.all(k for p in recent for k in p.kinds)
    earlier = [p.words for p in held if p not in recent and p.kinds]
    ended = [f"{', '.join(earlier)} ended before {judged.before_window}"] if earlier else []
    facts.left_out["recent_role_kinds"] = ended + facts.left_out["role_kinds"]


def _stages_and_phases(posts: list[Post], judged: Judged, facts: Facts) -> None:
    held = [p for p in posts if not p.future]
    stages: list[str] = sorted({ks for p in held for ks in p.record.key_stages})
    phases: list[str] = sorted({ph for p in held for ph in p.record.phases})
    # A history that names no key stage (or phase) for any post says nothing of them: absent, never "none".
    if stages:
        facts.values["key_stages"], facts.values["key_stage_count"] = stages, len(stages)
    if phases:
        facts.values["phases"], facts.values["phase_count"] = phases, len(phases)
    stage_words = [KEY_STAGE_WORDS[ks] for ks in stages]
    phase_words = [ph.replace("_", " ") for ph in phases]
    for name, words in (("key_stages", stage_words), ("key_stage_count", stage_words)):
        facts.notes[name] = words
        facts.left_out[name] = _future_notes(posts, judged, lambda p: bool(p.record.key_stages))
    for name, words in (("phases", phase_words), ("phase_count", phase_words)):
        facts.notes[name] = words
        facts.left_out[name] = _future_notes(posts, judged, lambda p: bool(p.record.phases))


# --------------------------------------------------------------------------- gaps


def _month(day: dt.date) -> str:
    return f"{day:%Y-%m}"


def _uncovered(start: dt.date, end: dt.date, spans: list[tuple[dt.date, dt.date]]) -> list[tuple[dt.date, dt.date]]:
    """The stretches of [start, end] no span covers that last over three months, as (last day covered, first
    day covered again): the arithmetic the gap check has always used."""
    gaps = []
    covered_to = start
    for first, last in sorted(spans):
        if last <= covered_to:
            continue
        if (first - covered_to).days > GAP_DAYS:
            gaps.append((covered_to, first))
        covered_to = max(covered_to, last)
    if (end - covered_to).days > GAP_DAYS:
        gaps.append((covered_to, end))
    return gaps


def _gap_words(gap: tuple[dt.date, dt.date], as_of: dt.date) -> str:
    first = gap[0] + dt.timedelta(days=1)
    if gap[1] >= as_of:
        return f"{_month(first)} to {as_of} (the date judged at)"
    return f"{_month(first)} to {_month(gap[1] - dt.timedelta(days=1))}"


def _break_words(record: Employment, as_of: dt.date) -> str:
    what = "career break" if record.employment_type == "break" else "education"
    end = record.ended_on
    dates = (
        f"{_month(record.started_on)} to {_month(end)}" if end and end < as_of else f"since {_month(record.started_on)}"
    )
    reason = " ".join((record.reason_for_break or record.job_title or "").split())
    if reason:
        return f"{what} {dates}: {reason} (explained)"
    return f"{what} {dates} (recorded, with no reason given)"


def _gaps(history: list[Employment], judged: Judged, facts: Facts) -> None:
    """Gaps of over three months between the entries of the history and before the date judged at.

    A gap no break or education entry covers is unexplained, listed with its dates; a break that covers time
    without a job is listed too, as explained, with its reason, so a break record never hides a gap silently.
    """
    as_of = judged.as_of
    entries = [(r, s) for r in history for s in [span(r, as_of)] if s is not None]
    unexplained: list[str] = []
    explained: list[str] = []
    if entries:
        start = min(s[0] for _, s in entries)
        spans = [s for _, s in entries]
        unexplained = [_gap_words(g, as_of) for g in _uncovered(start, as_of, spans)]
        jobless = _uncovered(start, as_of, [s for r, s in entries if r.employment_type == "job"])
        explained = [
            _break_words(r, as_of)
            for r, s in sorted(entries, key=lambda entry: entry[1])
            if r.employment_type != "job" and any(s[0] < g[1] and s[1] > g[0] for g in jobless)
        ]
    facts.values["unexplained_gaps"] = len(unexplained)
    facts.notes["unexplained_gaps"] = unexplained
    facts.left_out["unexplained_gaps"] = explained


# --------------------------------------------------------------------------- all of it


def employment_facts(
    history: list[Employment],
    kinds_of: KindsOf,
    vocab: Vocabulary,
    kind_labels: dict[str, str],
    judged: Judged,
    facts: Facts,
) -> list[Post]:
    """Every employment fact of a history, with its words; returns the posts read (for the jobs' texts)."""
    posts = read_posts(history, kinds_of, vocab, judged)
    # notes read in date order, whatever order the history lists the posts in
    ordered = sorted(posts, key=lambda p: (p.record.started_on, p.record.ended_on or dt.date.max, p.words))
    labels = Labels(kind_labels)
    for fact in YEARS_FACTS:
        _years_fact(fact, ordered, vocab, labels, judged, facts)
    _kinds_held(ordered, labels, judged, facts)
    _stages_and_phases(ordered, judged, facts)
    _gaps(history, judged, facts)
    return posts
