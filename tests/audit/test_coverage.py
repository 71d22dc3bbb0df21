"""Duty matching: stems, synonyms, groups, windows and decoys from the rule files; covers: wins;
the words that matched are reported; recall and precision on the labelled roles are pinned."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from speccheck.audit.coverage import (
    MATCHES_KEPT,
    CatalogueMatcher,
    DutyMatcher,
    TextMatch,
    covered_duty_ids,
    library_matchers,
    matcher_for,
    statements,
)
from speccheck.audit.terms import Term, claimed_words, compile_term
from speccheck.files.loader import load_as, load_text
from speccheck.files.role import Role
from speccheck.files.rules import DutyCatalogue, StatutoryDuty
from speccheck.library.loading import RuleLibrary
from speccheck.text.tokens import Token, tokens

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "bench" / "duty_matching"))

import duty_measure  # noqa: E402


def _duty(**fields: object) -> StatutoryDuty:
    base: dict[str, object] = {
        "id": "x.duty",
        "text": "t",
        "applies_to": ["deputy_headteacher"],
        "source": {"doc": "D", "para": "1", "provenance": "UNVERIFIED"},
    }
    return StatutoryDuty.model_validate({**base, **fields})


@pytest.mark.parametrize(
    ("term", "text", "found"),
    [
        ("monitor*", "monitoring pupils", "monitoring"),
        ("monitor", "monitoring pupils", None),  # without * a word matches exactly
        ("line manag*", "Line-manage the team", "Line-manage"),
        ("school's aims", "the school’s aims", "school’s aims"),
    ],
)
def test_terms_are_words_or_stems(term: str, text: str, found: str | None) -> None:
    assert compile_term(term).find(tokens(text), text) == found


def test_every_group_must_match_in_one_sentence() -> None:
    matcher = matcher_for(_duty(terms=[["monitor*"], ["progress"]]), {})
    assert matcher.match("Monitor pupils' progress each term.") is not None
    assert matcher.match("Monitor attendance. Report on progress to parents.") is None


def test_synonym_lists_live_in_the_catalogue() -> None:
    matcher = matcher_for(_duty(terms=[["delegat*"], ["@head"]]), {"head": ["headteacher", "principal"]})
    found = matcher.match("Undertake duties delegated by the Principal")
    assert found is not None and found.words == ("delegated", "Principal")


def test_one_word_does_not_count_for_two_groups() -> None:
    matcher = matcher_for(_duty(terms=[["plan*", "set"], ["improvement plan*"]]), {})
    assert matcher.match("Evaluate the impact of the improvement plan") is None
    assert matcher.match("Set the improvement plan") is not None


def test_within_keeps_the_words_close() -> None:
    near = matcher_for(_duty(terms=[["review*"], ["teaching"]], within=5), {})
    assert near.match("Review the quality of teaching") is not None
    assert near.match("Review the school's curriculum, assessment and teaching policies") is None


def test_unless_terms_veto_a_sentence_and_alternatives_are_tried() -> None:
    matcher = matcher_for(
        _duty(terms=[["absen*"], ["headteacher"]], alternatives=[[["deputis*"]]], unless=["staff absence"]), {}
    )
    assert matcher.match("Manage staff absence and report to the headteacher") is None
    assert matcher.match("Deputise when required").words == ("Deputise",)  # type: ignore[union-attr]


def test_a_synonym_list_may_stand_inside_a_phrase() -> None:
    """ "@head is away": the headteacher is the one away, not the postholder or a school trip."""
    matcher = matcher_for(
        _duty(terms=[["@head is away", "absence of the @head"]]), {"head": ["headteacher", "principal"]}
    )
    found = matcher.match("Lead the school whenever the principal is away.")
    assert found is not None and found.words == ("principal is away",)
    assert matcher.match("Act for the school in the absence of the headteacher.") is not None
    assert matcher.match("Tell the headteacher when you are away on a course.") is None
    assert matcher.match("Plan trips away from school with the headteacher.") is None


def test_unknown_synonyms_inside_a_phrase_are_refused() -> None:
    with pytest.raises(ValueError, match='uses "@boss"'):
        DutyCatalogue.model_validate(
            {
                "kind": "duties",
                "version": 1,
                "id": "x",
                "framework": "X",
                "severity": "info",
                "duties": [
                    {
                        "id": "x.duty",
                        "text": "t",
                        "applies_to": ["deputy_headteacher"],
                        "terms": [["@boss is away"]],
                        "source": {"doc": "D", "para": "1", "provenance": "UNVERIFIED"},
                    }
                ],
            }
        )


def test_an_included_duty_matches_first_with_its_own_words() -> None:
    safe = matcher_for(_duty(id="x.safe", terms=[["safe"], ["children"]]), {})
    heading = matcher_for(_duty(terms=[["discipline"]], includes=["x.safe"]), {}, includes=[safe])
    found = heading.match("Keep children safe and maintain discipline.")
    assert found is not None and found.words == ("safe", "children")  # in group order
    assert heading.match("Maintain discipline.") is not None
    assert heading.match("Plan lessons.") is None


def test_an_include_the_library_does_not_define_is_refused() -> None:
    catalogue = DutyCatalogue.model_validate(
        {
            "kind": "duties",
            "version": 1,
            "id": "x",
            "framework": "X",
            "severity": "info",
            "duties": [
                {
                    "id": "x.duty",
                    "text": "t",
                    "applies_to": ["deputy_headteacher"],
                    "includes": ["y.missing"],
                    "source": {"doc": "D", "para": "1", "provenance": "UNVERIFIED"},
                }
            ],
        }
    )
    with pytest.raises(ValueError, match=r'includes "y\.missing"'):
        library_matchers([catalogue])


def test_a_duty_needs_terms_or_patterns() -> None:
    with pytest.raises(ValueError, match="give terms"):
        _duty()


def _role(text: str) -> Role:
    loaded = load_text(text, "r.yaml")
    assert isinstance(loaded.model, Role), loaded.findings
    return loaded.model


ROLE = """kind: role
version: 1
title: Deputy
post_type: deputy_headteacher
duties:
  - {id: D1, text: Monitor progress towards the school's aims, covers: [stpcd.deputy.major_role.policies]}
  - {id: D2, text: Write and review the school's policies}
  - {id: D3, text: Monitor and evaluate the impact of the development plan}
"""


def _catalogue(library: RuleLibrary, name: str) -> DutyCatalogue:
    return next(c for c in library.duty_catalogues if c.id == name)


def test_covers_always_wins(library: RuleLibrary) -> None:
    catalogue = _catalogue(library, "stpcd-deputy-assistant")
    role = _role(ROLE)
    found = statements(role, ["duties"])
    by_id = {d.id: d for d in catalogue.duties}
    matcher = CatalogueMatcher(catalogue, library=library.duty_catalogues)
    # D1 names policies: it covers policies, and D2 (which matches the words) is not needed
    assert [(h.statement.id, h.method) for h in matcher.hits(by_id["stpcd.deputy.major_role.policies"], found)] == [
        ("D1", "covers")
    ]
    # D1 said what it covers in this catalogue, so it is not matched for monitoring; D3 is
    assert [h.statement.id for h in matcher.hits(by_id["stpcd.deputy.major_role.monitoring"], found)] == ["D3"]
    # without covers: the words decide
    plain = CatalogueMatcher(catalogue, use_covers=False, library=library.duty_catalogues)
    assert [h.statement.id for h in plain.hits(by_id["stpcd.deputy.major_role.policies"], found)] == ["D2"]


def test_the_head_of_school_jd_is_covered_by_its_words_alone(library: RuleLibrary) -> None:
    """Seed 003 uses the STPCD deputy wording: with covers: ignored every deputy duty is still found."""
    role = load_as(ROOT / "samples" / "roles" / "head-of-school.yaml", Role).model
    assert role is not None
    catalogue = _catalogue(library, "stpcd-deputy-assistant")
    plain = CatalogueMatcher(catalogue, use_covers=False, library=library.duty_catalogues)
    found = statements(role, ["duties"])
    for duty in catalogue.duties:
        hits = [h.statement.id for h in plain.hits(duty, found)]
        assert hits, duty.id
    by_id = {d.id: d for d in catalogue.duties}
    assert [h.statement.id for h in plain.hits(by_id["stpcd.deputy.absence"], found)] == ["D7"]


# Pinned figures (tests/bench/duty_matching/duty_measure.py prints them; the README quotes them).
TUNING = {"pairs": (78, 4, 1), "duties": (62, 0, 0, 12)}
HELD_OUT = {"pairs": (24, 1, 1), "duties": (22, 0, 1, 1)}


@pytest.mark.parametrize(("labels", "expected"), [("labels.yaml", TUNING), ("heldout.yaml", HELD_OUT)])
def test_recall_and_precision_are_pinned(labels: str, expected: dict[str, tuple[int, ...]]) -> None:
    figures = duty_measure.measure(ROOT, ROOT / "tests" / "bench" / "duty_matching" / labels)
    p, d = figures.pairs, figures.duties
    assert (p.tp, p.fp, p.fn) == expected["pairs"], "\n".join(figures.errors)
    assert (d.tp, d.fp, d.fn, d.tn) == expected["duties"], "\n".join(figures.errors)
    assert p.precision >= 0.9 and p.recall >= 0.9


def test_statements_are_read_through_the_text_layer() -> None:
    """Abbreviations read as their words; a duty a statement denies is not covered by it."""
    from speccheck.text.variants import Variants

    variants = Variants({"senior leadership team": ["slt"]})
    matcher = matcher_for(_duty(terms=[["senior leadership team"], ["report*"]]), {}, variants)
    found = matcher.match("Report to the SLT each half term.")
    assert found is not None and "SLT" in found.words
    staff = matcher_for(_duty(terms=[["line manag*"], ["staff"]]), {}, variants)
    assert staff.match("The post holder line manages support staff.") is not None
    assert staff.match("The post holder will not line manage staff.") is None


EVERYDAY = """kind: role
version: 1
title: Deputy Headteacher
post_type: deputy_headteacher
duties:
  - {id: D1, text: "Take on any of the headteacher's responsibilities that the headteacher passes to you."}
  - {id: D2, text: Lead the school whenever the headteacher is away.}
  - {id: D3, text: Line-manage the phase leaders and the SENCo.}
  - {id: D4, text: "Be responsible for the school's finances and premises."}
  - {id: D5, text: Monitors the weather forecast before sports day.}
"""


def test_everyday_wording_covers_the_deputy_duties(library: RuleLibrary) -> None:
    """The wording of issue 10: delegated duties, absence, staff and resources; a decoy covers nothing."""
    role = _role(EVERYDAY)
    catalogue = _catalogue(library, "stpcd-deputy-assistant")
    matcher = CatalogueMatcher(catalogue, variants=library.normaliser.variants, library=library.duty_catalogues)
    found = statements(role, ["duties"])
    covering = {d.id: [h.statement.id for h in matcher.hits(d, found)] for d in catalogue.duties}
    assert covering["stpcd.deputy.delegated_duties"] == ["D1"]
    assert covering["stpcd.deputy.absence"] == ["D2"]
    assert covering["stpcd.deputy.major_role.staff_resources"] == ["D3", "D4"]
    assert not any("D5" in ids for ids in covering.values())


def test_a_decoy_covers_nothing_in_any_catalogue(library: RuleLibrary) -> None:
    weather = _role(
        EVERYDAY.split("  - {id: D1")[0] + "  - {id: D5, text: Monitors the weather forecast before sports day.}\n"
    )
    assert covered_duty_ids(weather, library.duty_catalogues, library.normaliser.variants) == frozenset()


def test_covered_duty_ids_are_what_the_tables_find(library: RuleLibrary) -> None:
    role = _role(EVERYDAY)
    covered = covered_duty_ids(role, library.duty_catalogues, library.normaliser.variants)
    assert {"stpcd.deputy.delegated_duties", "stpcd.deputy.absence"} <= covered
    assert "kcsie.jd.safeguarding_responsibilities" not in covered


# --------------------------------------------------------------------------- indexed matching, as term by term


def _all_groups_plainly(
    groups: tuple[tuple[Term, ...], ...], toks: list[Token], sentence: str, within: int | None
) -> tuple[str, ...] | None:
    """Every term of every group tried at every word of the sentence, then the first choice of one span per
    group (none overlapping, all within ``within`` words)."""
    options = [sorted({span for term in group for span in term.spans(toks)}) for group in groups]

    def choose(index: int, used: list[tuple[int, int]]) -> list[tuple[int, int]] | None:
        if index == len(options):
            return used
        for start, end in options[index]:
            spans = [*used, (start, end)]
            if any(start < b and end > a for a, b in used) or (
                within is not None and used and max(b for _, b in spans) - min(a for a, _ in spans) > within
            ):
                continue
            chosen = choose(index + 1, spans)
            if chosen is not None:
                return chosen
        return None

    chosen = choose(0, []) if all(options) else None
    return None if chosen is None else tuple(sentence[toks[a].start : toks[b - 1].end] for a, b in chosen)


def _term_by_term(matcher: DutyMatcher, text: str) -> TextMatch | None:
    """What ``DutyMatcher.match`` finds, with no index: the sentences' tokens as a plain list."""
    for included in matcher.includes:
        through = _term_by_term(included, text)
        if through is not None:
            return through
    for sentence, toks in claimed_words(text, matcher.variants).sentences if matcher.sets else ():
        plain = list(toks)
        if any(term.find(plain, sentence) for term in matcher.unless):
            continue
        for groups in matcher.sets:
            found = _all_groups_plainly(groups, plain, sentence, matcher.within)
            if found is not None:
                return TextMatch("terms", found)
    for pattern in matcher.patterns:
        hit = pattern.search(text)
        if hit:
            return TextMatch("pattern", (hit.group(0),))
    return None


@pytest.fixture(scope="module")
def every_matcher(library: RuleLibrary) -> dict[str, DutyMatcher]:
    return library_matchers(library.duty_catalogues, library.variants)


def test_every_statement_of_the_roles_is_matched_as_term_by_term(every_matcher: dict[str, DutyMatcher]) -> None:
    """Every duty of the library against every duty and criterion of the sample and benchmark roles."""
    texts = set()
    for path in [*ROOT.glob("samples/roles/*.yaml"), *ROOT.glob("tests/bench/audit/*/*.yaml")]:
        role = load_text(path.read_text(encoding="utf-8"), path.name).model
        assert isinstance(role, Role)
        texts |= {s.text for s in statements(role, ["duties", "criteria"])}
    assert len(texts) > 300
    for text in sorted(texts):
        for matcher in every_matcher.values():
            assert matcher.match(text) == _term_by_term(matcher, text)


def _words_of(matchers: dict[str, DutyMatcher]) -> list[str]:
    """The words of every term, with a stem's beginning alone and lengthened ("monitor", "monitoring")."""
    found = set()
    for matcher in matchers.values():
        for term in [t for groups in matcher.sets for group in groups for t in group] + list(matcher.unless):
            for word, stem in term.words:
                found |= {word, word + "ing", word[:-1]} if stem else {word}
    return sorted(found)


@given(data=st.data())
@settings(max_examples=300, deadline=None)
def test_random_statements_are_matched_as_term_by_term(
    data: st.DataObject, every_matcher: dict[str, DutyMatcher]
) -> None:
    words = _words_of(every_matcher)
    filler = ["not", "no", "will", "the", "and", ".", ";", "\n", "e.g.", "SENCO", "Head's", "co-ordinate"]
    pieces = st.lists(st.sampled_from(words) | st.sampled_from(filler), min_size=1, max_size=20)
    text = " ".join(data.draw(pieces))
    for matcher in data.draw(st.lists(st.sampled_from(sorted(every_matcher)), min_size=1, max_size=8)):
        assert every_matcher[matcher].match(text) == _term_by_term(every_matcher[matcher], text)


def test_a_matcher_keeps_a_bounded_number_of_statements_and_answers_as_afresh() -> None:
    duty = _duty(terms=[["monitor*"], ["progress"]])
    kept = matcher_for(duty, {})
    texts = [f"Monitor the progress of group {n}." if n % 2 else f"Report on group {n}." for n in range(2500)]
    for text in texts:
        assert kept.match(text) == matcher_for(duty, {}).match(text)
        assert len(kept._seen) <= MATCHES_KEPT
    assert kept.match(texts[-1]) is kept.match(texts[-1])  # the second answer is the one kept
