"""Employment facts a panel can check: years by setting (school, early years, further education), overlapping
posts once, posts after the date judged at left out of every fact, recent posts and qualifications in the role's
window, gaps with their dates, and the words behind every value."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from speccheck.facts.candidate import Normaliser, candidate_facts
from speccheck.facts.employment import years_before
from speccheck.facts.values import Facts
from speccheck.files.candidate import Candidate
from speccheck.files.rules import Vocabulary

AS_OF = dt.date(2026, 9, 1)

# The kinds of post the vocabulary is moving to (school teacher, early-years teacher, further-education lecturer
# listed apart), written small: "Early Years Teacher" also reads as a teacher here, as a broad vocabulary might.
VOCABULARY = Vocabulary.model_validate(
    {
        "kind": "vocabulary",
        "version": 1,
        "id": "test",
        "qualifications": {
            "QTS": ["qts"],
            "QTLS": ["qtls"],
            "NPQH": ["npqh"],
            "NPQSL": ["npqsl"],
            "PGCE": ["pgce"],
        },
        "role_kinds": {
            "teacher": {"label": "teacher", "patterns": ["teacher"]},
            "early_years_teacher": {
                "label": "early years teacher",
                "patterns": ["early years teacher", "nursery teacher"],
            },
            "further_education_lecturer": {"label": "further-education lecturer", "patterns": ["lecturer"]},
            "support_staff": {"label": "support staff", "patterns": ["teaching assistant"]},
            "advanced_skills_teacher": {"label": "advanced skills teacher", "patterns": ["advanced skills teacher"]},
            "middle_leader": {"label": "middle leader", "patterns": ["head of department"]},
            "senior_leader": {"label": "senior leader", "patterns": ["deputy head", "assistant head"]},
            "headteacher": {"label": "headteacher", "patterns": ["^headteacher"]},
        },
        "teaching_role_kinds": [
            "teacher",
            "advanced_skills_teacher",
            "middle_leader",
            "senior_leader",
            "headteacher",
        ],
        "leadership_role_kinds": ["advanced_skills_teacher", "middle_leader", "senior_leader", "headteacher"],
        "senior_role_kinds": ["senior_leader", "headteacher"],
        "early_years_role_kinds": ["early_years_teacher"],
        "further_education_role_kinds": ["further_education_lecturer"],
    }
)
NORMALISER = Normaliser(VOCABULARY)


def job(title: str, start: str, end: str | None = None, **more: Any) -> dict[str, Any]:
    record: dict[str, Any] = {"job_title": title, "started_on": dt.date.fromisoformat(start)}
    if end is None:
        record["is_current_role"] = True
    else:
        record["ended_on"] = dt.date.fromisoformat(end)
    return {**record, **more}


def facts_of(*history: dict[str, Any], as_of: dt.date = AS_OF, recent_years: int = 5, **more: Any) -> Facts:
    candidate = Candidate.model_validate(
        {"kind": "candidate", "version": 1, "employment_history": list(history), **more}
    )
    return candidate_facts(candidate, NORMALISER, as_of, recent_years=recent_years)


# --------------------------------------------------------------------------- settings


def test_early_years_and_further_education_posts_are_counted_apart_from_school_teaching() -> None:
    facts = facts_of(
        job("Early Years Teacher", "2010-09-01", "2012-08-31"),
        job("Nursery Teacher", "2012-09-01", "2014-08-31"),
        job("Lecturer in Engineering", "2014-09-01", "2020-08-31", phases=["sixth_form_or_college"]),
        job("Primary Teacher", "2020-09-01", "2022-08-31", phases=["primary"]),
    )
    assert facts.values["years_teaching"] == 2.0
    assert facts.values["years_teaching_early_years"] == 4.0
    assert facts.values["years_teaching_further_education"] == 6.0
    assert facts.notes["years_teaching"] == ["Primary Teacher 2020–2022"]
    assert facts.left_out["years_teaching"] == [
        "Early Years Teacher 2010–2012 is early years, not school teaching",
        "Nursery Teacher 2012–2014 is early years, not school teaching",
        "Lecturer in Engineering 2014–2020 is further education, not school teaching",
    ]
    assert facts.notes["years_teaching_further_education"] == ["Lecturer in Engineering 2014–2020"]


def test_a_qtls_lecturer_with_no_school_post_has_no_years_of_school_teaching() -> None:
    facts = facts_of(job("Lecturer in Construction", "2016-09-01"), professional_status={"qtls": True})
    assert facts.values["years_teaching"] == 0.0
    assert facts.values["years_teaching_further_education"] == 10.0


def test_a_school_phase_puts_a_post_in_school_and_nursery_alone_puts_it_in_early_years() -> None:
    facts = facts_of(
        job("Early Years Teacher", "2018-09-01", "2020-08-31", phases=["primary"]),  # a reception class
        job("Nursery Manager", "2016-09-01", phases=["nursery"]),
    )
    assert facts.notes["years_teaching"] == ["Early Years Teacher 2018–2020"]
    assert facts.left_out["years_teaching"] == ["Nursery Manager 2016– is early years, not school teaching"]
    # a post outside teaching in an early-years setting is not early-years teaching either, and says why
    assert facts.values["years_teaching_early_years"] == 0.0
    assert facts.left_out["years_teaching_early_years"] == [
        "Nursery Manager 2016–: the title is not recognised as an early years teaching post"
    ]


def test_support_posts_and_unknown_titles_say_why_they_do_not_count() -> None:
    facts = facts_of(
        job("Teaching Assistant", "2012-09-01", "2014-08-31"),
        job("Computing Instructor", "2014-09-01", "2019-08-31"),
    )
    assert facts.values["years_teaching"] == 0.0
    assert facts.left_out["years_teaching"] == [
        "Teaching Assistant 2012–2014 is a support staff post, not school teaching",
        "Computing Instructor 2014–2019: the title is not recognised as a school teaching post",
    ]


def test_overlapping_posts_are_counted_once_and_each_is_named() -> None:
    facts = facts_of(
        job("Teacher of Maths", "2015-09-01", "2020-08-31"),
        job("Head of Department (Maths)", "2018-09-01", "2020-08-31"),
        as_of=dt.date(2021, 9, 1),
    )
    assert facts.values["years_teaching"] == 5.0
    assert facts.notes["years_teaching"] == ["Teacher of Maths 2015–2020", "Head of Department (Maths) 2018–2020"]
    assert facts.values["years_leadership"] == 2.0
    assert facts.left_out["years_leadership"] == ["Teacher of Maths 2015–2020 is a teacher post, not school leadership"]


# --------------------------------------------------------------------------- the date judged at


def test_a_post_that_starts_after_the_date_judged_at_is_left_out_of_every_fact_with_a_note() -> None:
    before = facts_of(job("Teacher", "2015-09-01", key_stages=["ks2"], phases=["primary"]))
    after = facts_of(
        job("Teacher", "2015-09-01", key_stages=["ks2"], phases=["primary"]),
        job("Deputy Head", "2027-01-01", key_stages=["ks1"], phases=["through"]),
    )
    assert after.values == before.values
    note = "Deputy Head from 2027-01 starts after the date judged at (2026-09-01)"
    for name in ("years_teaching", "years_leadership", "years_senior_leadership", "role_kinds", "recent_role_kinds"):
        assert note in after.left_out[name], name
    for name in ("key_stages", "key_stage_count", "phases", "phase_count"):
        assert after.left_out[name] == [note], name
    assert after.values["role_kinds"] == ["teacher"]


def test_a_post_ongoing_at_the_date_judged_at_reads_as_current() -> None:
    facts = facts_of(job("Teacher", "2020-09-01", "2028-08-31"))
    assert facts.notes["years_teaching"] == ["Teacher 2020–"]
    assert facts.values["years_teaching"] == 6.0


# --------------------------------------------------------------------------- recent


def test_recent_posts_are_those_held_within_the_window() -> None:
    facts = facts_of(
        job("Deputy Headteacher", "2012-09-01", "2019-08-31"),
        job("Advanced Skills Teacher", "2019-09-01"),
        as_of=dt.date(2026, 3, 19),
    )
    assert facts.values["role_kinds"] == ["advanced_skills_teacher", "senior_leader", "teacher"]
    assert facts.values["recent_role_kinds"] == ["advanced_skills_teacher", "teacher"]
    assert facts.notes["recent_role_kinds"] == ["advanced skills teacher", "teacher"]
    assert facts.left_out["recent_role_kinds"] == [
        "Deputy Headteacher 2012–2019 ended before 2021-03-19, more than 5 years before the date judged at"
    ]
    longer = facts_of(
        job("Deputy Headteacher", "2012-09-01", "2019-08-31"),
        job("Advanced Skills Teacher", "2019-09-01"),
        as_of=dt.date(2026, 3, 19),
        recent_years=8,
    )
    assert "senior_leader" in longer.values["recent_role_kinds"]  # type: ignore[operator]


def test_recent_qualifications_by_year_in_the_window_and_undated_ones_not_shown_recent() -> None:
    facts = facts_of(
        as_of=dt.date(2026, 3, 19),
        professional_status={"qualified_teacher_status": "yes", "qualified_teacher_status_year": 2008},
        qualifications=[{"name": "PGCE", "year": 2021}],  # the window's first year counts
        training_and_cpds=[
            {"name": "NPQSL", "year_awarded": 2020},
            {"name": "NPQH"},
            {"name": "QTLS", "year_awarded": 2030},
        ],
    )
    assert facts.values["qualifications"] == ["NPQH", "NPQSL", "PGCE", "QTLS", "QTS"]
    assert facts.values["recent_qualifications"] == ["PGCE"]
    assert facts.notes["recent_qualifications"] == ["PGCE 2021"]
    assert facts.left_out["recent_qualifications"] == [
        "NPQH: no year given, so not shown to be recent",
        "NPQSL 2020, QTS 2008: awarded before 2021-03-19, more than 5 years before the date judged at",
        "QTLS 2030: dated after the date judged at (2026-03-19)",
    ]


def test_no_recent_qualifications_fact_without_qualifications() -> None:
    assert "recent_qualifications" not in facts_of(job("Teacher", "2015-09-01")).values


def test_years_before_a_leap_day() -> None:
    assert years_before(dt.date(2024, 2, 29), 5) == dt.date(2019, 2, 28)
    assert years_before(dt.date(2024, 3, 1), 5) == dt.date(2019, 3, 1)


# --------------------------------------------------------------------------- gaps


def test_gaps_are_listed_with_their_dates() -> None:
    facts = facts_of(
        job("Teacher", "2010-09-01", "2014-08-31"),
        job("Teacher", "2015-09-01", "2020-07-31"),
        as_of=dt.date(2021, 3, 19),
    )
    assert facts.values["unexplained_gaps"] == 2
    assert facts.notes["unexplained_gaps"] == ["2014-09 to 2015-08", "2020-08 to 2021-03-19 (the date judged at)"]
    assert facts.left_out["unexplained_gaps"] == []


def test_an_explained_break_is_shown_as_explained_never_silently() -> None:
    facts = facts_of(
        job("Teacher", "2010-09-01", "2015-12-31"),
        {
            "employment_type": "break",
            "started_on": dt.date(2016, 1, 1),
            "ended_on": dt.date(2017, 6, 30),
            "reason_for_break": "Caring for a parent",
        },
        job("Teacher", "2017-07-01"),
    )
    assert facts.values["unexplained_gaps"] == 0
    assert facts.left_out["unexplained_gaps"] == ["career break 2016-01 to 2017-06: Caring for a parent (explained)"]


def test_a_break_that_covers_part_of_a_gap_leaves_the_rest_unexplained() -> None:
    facts = facts_of(
        job("Teacher", "2010-09-01", "2015-12-31"),
        {"employment_type": "break", "started_on": dt.date(2016, 1, 1), "ended_on": dt.date(2016, 6, 30)},
        job("Teacher", "2017-09-01"),
    )
    assert facts.notes["unexplained_gaps"] == ["2016-07 to 2017-08"]
    assert facts.left_out["unexplained_gaps"] == ["career break 2016-01 to 2016-06 (recorded, with no reason given)"]


# --------------------------------------------------------------------------- properties

_DAY = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31))
_TITLES = st.sampled_from(["Teacher", "Deputy Headteacher", "Lecturer", "Nursery Teacher", "Head of Department"])


@st.composite
def _posts(draw: st.DrawFn) -> list[dict[str, Any]]:
    posts = []
    for _ in range(draw(st.integers(0, 5))):
        start = draw(_DAY)
        end = draw(st.none() | st.dates(min_value=start, max_value=dt.date(2031, 12, 31)))
        record: dict[str, Any] = {"job_title": draw(_TITLES), "started_on": start}
        record.update({"is_current_role": True} if end is None else {"ended_on": end})
        posts.append(record)
    return posts


_YEARS = ("years_teaching", "years_teaching_early_years", "years_teaching_further_education", "years_leadership")


@settings(max_examples=150, deadline=None)
@given(posts=_posts(), as_of=_DAY)
def test_years_never_exceed_the_span_from_the_first_post_to_the_date_judged_at(
    posts: list[dict[str, Any]], as_of: dt.date
) -> None:
    facts = facts_of(*posts, as_of=as_of)
    starts = [p["started_on"] for p in posts if p["started_on"] <= as_of]
    span = (as_of - min(starts)).days / 365.25 if starts else 0.0
    for name in _YEARS:
        value = facts.values[name]
        assert isinstance(value, float)
        assert 0.0 <= value <= round(span, 1) + 0.05, name


@settings(max_examples=150, deadline=None)
@given(posts=_posts(), as_of=_DAY, title=_TITLES, days_after=st.integers(1, 4000))
def test_adding_a_post_after_the_date_judged_at_changes_no_value(
    posts: list[dict[str, Any]], as_of: dt.date, title: str, days_after: int
) -> None:
    later = {"job_title": title, "started_on": as_of + dt.timedelta(days=days_after), "is_current_role": True}
    assert facts_of(*posts, later, as_of=as_of).values == facts_of(*posts, as_of=as_of).values


@settings(max_examples=100, deadline=None)
@given(posts=_posts(), as_of=_DAY, seed=st.randoms(use_true_random=False))
def test_the_words_do_not_depend_on_the_order_posts_are_listed_in(
    posts: list[dict[str, Any]], as_of: dt.date, seed: Any
) -> None:
    shuffled = list(posts)
    seed.shuffle(shuffled)
    first, second = facts_of(*posts, as_of=as_of), facts_of(*shuffled, as_of=as_of)
    assert (first.values, first.notes, first.left_out) == (second.values, second.notes, second.left_out)
