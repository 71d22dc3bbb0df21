"""Role audits: what each sample role must show, --as-of, Teaching Vacancies job roles, profiles, several roles
at once, and the audit command's options."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from speccheck.audit.coverage import CatalogueMatcher
from speccheck.audit.run import audit, audit_findings, audit_role
from speccheck.cli import main
from speccheck.conditions.ast import facts_used
from speccheck.core.errors import ExitCode, SpeccheckError
from speccheck.core.findings import Finding, Severity
from speccheck.facts.advert import ADVERT_FACTS
from speccheck.files.loader import load_as, load_text
from speccheck.files.role import Role
from speccheck.files.rules import Profile
from speccheck.library.loading import RuleLibrary, load_library
from speccheck.library.profiles import apply_profile, load_profile
from speccheck.results.audit import RoleAudit
from tests.golden_files import golden_json

ROOT = Path(__file__).resolve().parents[2]
ROLES = ROOT / "samples" / "roles"


def _audit(
    library: RuleLibrary, name: str, *, as_of: dt.date | None = None, profile: Profile | None = None
) -> RoleAudit:
    return audit_role(load_as(ROLES / f"{name}.yaml", Role), library, as_of=as_of, profile=profile)


def _by_rule(role_audit: RoleAudit) -> dict[str, list[Finding]]:
    found: dict[str, list[Finding]] = {}
    for finding in role_audit.findings:
        found.setdefault(finding.rule_id, []).append(finding)
    return found


# --------------------------------------------------------------------------- the seed-003 head of school


def test_head_of_school_shows_what_seed_003_should(library: RuleLibrary) -> None:
    result = _audit(library, "head-of-school")
    found = _by_rule(result)
    # deputy-style STPCD duties covered: its job description uses that wording
    (table,) = result.coverage
    assert table.catalogue_id == "stpcd-deputy-assistant" and table.covered == table.total == 7
    assert table.note and "does not define a head of school" in table.note
    # no suitability / safeguarding criterion in its person specification (KCSIE is guidance: a warning)
    assert [f.severity for f in found["safeguarding-criterion"]] == [Severity.WARNING]
    # "at least 5 years" flagged
    assert any('"E03"' in f.message and "At least 5 years" in f.message for f in found["fixed-years-experience"])
    # "sense of humour" flagged as subjective
    assert [f.message for f in found["subjective-criterion"]] == [
        'criterion "E27" is subjective ("sense of humour"): panels will judge it differently'
    ]
    # and E29 repeats E10 word for word
    assert [f.message.split(" (")[0] for f in found["duplicate-criteria"]] == ['criterion "E29" repeats E10']
    assert "head-of-school-not-in-stpcd" in found


def test_the_faithful_head_of_school_says_it_has_no_date_and_no_assessment_methods(library: RuleLibrary) -> None:
    """Seed 003 as it is: undated, so judged against current guidance and not checked for superseded
    guidance; no assessment column, so one finding says none of the 42 criteria has a method."""
    result = _audit(library, "head-of-school")
    found = _by_rule(result)
    assert result.issued is None and result.as_of is None
    assert len(found["no-issued-date"]) == 1
    (methods,) = found["no-assessment-method"]
    assert methods.message.startswith("none of the 42 criteria has an assessment method")
    assert methods.position is not None and methods.position.line == _line_of(
        ROLES / "head-of-school.yaml", "criteria:"
    )
    assert "superseded-national-standards-2015" not in found  # the seed may predate October 2020
    assert [s.catalogue_id for s in result.standards] == ["headteachers-standards-2020"]


def test_the_completed_head_of_school_is_dated_and_assessed(library: RuleLibrary) -> None:
    result = _audit(library, "head-of-school-completed")
    found = _by_rule(result)
    assert result.as_of == dt.date(2021, 3, 1)
    # the 2015 National Standards reference flagged, the role being dated after October 2020
    (superseded,) = found["superseded-national-standards-2015"]
    assert superseded.position is not None
    assert superseded.position.line == _line_of(ROLES / "head-of-school-completed.yaml", "references:") + 1
    assert "2021-03-01" in superseded.message
    for added in ("no-issued-date", "no-assessment-method", "safeguarding-criterion", "safeguarding-statement"):
        assert added not in found, added
    assert "fixed-years-experience" in found and "duplicate-criteria" in found  # left as the seed wrote them


def _line_of(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if line.startswith(text))


def test_head_of_school_as_of_2019_is_judged_under_the_2015_standards(library: RuleLibrary) -> None:
    result = _audit(library, "head-of-school", as_of=dt.date(2019, 9, 1))
    assert result.as_of == dt.date(2019, 9, 1) and result.issued is None
    assert "superseded-national-standards-2015" not in _by_rule(result)
    assert [s.catalogue_id for s in result.standards] == ["national-standards-excellence-2015"]
    assert result.standards[0].covered == 24  # the job description copies all 24 characteristics
    current = _audit(library, "head-of-school-completed")
    assert [s.catalogue_id for s in current.standards] == ["headteachers-standards-2020"]


# --------------------------------------------------------------------------- a role without a job description


def _person_specification_only(**extra: object) -> str:
    import yaml

    role = yaml.safe_load((ROLES / "head-of-school-completed.yaml").read_text(encoding="utf-8"))
    del role["duties"]
    role.update(extra)
    return yaml.safe_dump(role, sort_keys=False, allow_unicode=True)


def test_a_role_without_duties_gets_one_finding_naming_what_could_not_run(library: RuleLibrary) -> None:
    result = audit_role(load_text(_person_specification_only(), "ps.yaml"), library)
    found = _by_rule(result)
    (finding,) = found["no-duties-section"]
    assert "has no job description (no duties), so these checks could not run: " in finding.message
    assert "coverage of the STPCD deputy and assistant headteacher duties" in finding.message
    assert "the job description sets out the post's safeguarding responsibilities" in finding.message
    assert "coverage of the Headteachers' Standards 2020" in finding.message
    # nothing else says the same absence again
    for rule in ("stpcd-deputy-assistant", "safeguarding-duty", "headteachers-standards-2020"):
        assert rule not in found, rule
    assert result.coverage == [] and result.standards == []
    assert [(n.id, n.kind) for n in result.not_run] == [
        ("stpcd-deputy-assistant", "coverage"),
        ("headteachers-standards-2020", "coverage"),
        ("safeguarding-duty", "check"),
    ]
    assert {n.reason for n in result.not_run} == {"the role has no job description"}


def test_a_person_specification_that_cites_the_standards_gets_their_summary(library: RuleLibrary) -> None:
    text = _person_specification_only(references=["Headteachers’ Standards 2020"])
    result = audit_role(load_text(text, "ps.yaml"), library)
    assert [s.catalogue_id for s in result.standards] == ["headteachers-standards-2020"]
    assert "headteachers-standards-2020" not in {n.id for n in result.not_run}
    assert "coverage of the Headteachers' Standards" not in _by_rule(result)["no-duties-section"][0].message


def test_a_standards_summary_names_the_standards_in_words(library: RuleLibrary) -> None:
    text = _person_specification_only(references=["Headteachers' Standards 2020"])
    (summary,) = _by_rule(audit_role(load_text(text, "ps.yaml"), library))["headteachers-standards-2020"]
    assert "not covered by the job description or person specification: Ethics and professional conduct" in (
        summary.message
    )
    assert "hts2020." not in summary.message  # ids only in the fix's role-file part
    assert summary.fix is not None and "(role file: `covers:` on a duty can name them: hts2020.ethics)" in summary.fix


def _job_description_only() -> str:
    import yaml

    role = yaml.safe_load((ROLES / "head-of-school-completed.yaml").read_text(encoding="utf-8"))
    del role["criteria"]
    return yaml.safe_dump(role, sort_keys=False, allow_unicode=True)


def test_a_role_without_criteria_gets_one_finding_naming_what_could_not_run(library: RuleLibrary) -> None:
    result = audit_role(load_text(_job_description_only(), "jd.yaml"), library)
    found = _by_rule(result)
    (finding,) = found["no-person-specification"]
    assert "has no person specification (no criteria)" in finding.message
    assert "the person specification has a criterion on suitability to work with children" in finding.message
    # the safeguarding criterion is not reported again, and the duties are still audited
    assert "safeguarding-criterion" not in found and "no-duties-section" not in found
    assert [t.catalogue_id for t in result.coverage] == ["stpcd-deputy-assistant"]
    assert {n.reason for n in result.not_run} == {"the role has no person specification"}


def test_an_assistant_head_away_duty_is_the_absence_duty_matcher(library: RuleLibrary) -> None:
    """The deputising check reads the statement through the absence duty's own matcher (one matcher)."""
    text = """
kind: role
version: 1
title: Assistant Headteacher
post_type: assistant_headteacher
duties:
  - {id: D1, text: Take full responsibility for the school whenever the executive headteacher is away.}
  - {id: D2, text: Manage staff absence and cover arrangements.}
"""
    found = _by_rule(audit_role(load_text(text, "ah.yaml"), library))
    assert [f.message.split('"')[1] for f in found["assistant-head-deputising-duty"]] == ["D1"]


# --------------------------------------------------------------------------- the three new roles


def test_headteacher_known_gaps(library: RuleLibrary) -> None:
    result = _audit(library, "headteacher")
    found = _by_rule(result)
    tables = {t.catalogue_id: t for t in result.coverage}
    assert sorted(tables) == ["sgr2013-headteacher", "stpcd-headteacher"]
    missing = [r.duty_id for r in tables["stpcd-headteacher"].rows if r.status == "missing"]
    assert missing == ["stpcd.head.communication", "stpcd.head.governance.report"]
    assert tables["sgr2013-headteacher"].covered == 2
    for rule, criterion in [
        ("npqh-required", "E2"),
        ("degree-without-equivalent", "E3"),
        ("route-exclusive-criterion", "E4"),
        ("age-proxy-wording", "E9"),
        ("health-questions", "E10"),
    ]:
        assert any(f'"{criterion}"' in f.message for f in found[rule]), rule
    assert any('"E12"' in f.message for f in found["shortlisting-unassessable-essential"])
    assert "faith-criterion" not in found  # the school states its religious character
    assert "safeguarding-criterion" not in found and "safeguarding-duty" not in found
    assert result.severity_counts == golden_json("audit-headteacher.json")["roles"][0]["severity_counts"]


def test_deputy_known_gaps(library: RuleLibrary) -> None:
    result = _audit(library, "deputy-head")
    found = _by_rule(result)
    (table,) = result.coverage
    assert [r.duty_id for r in table.rows if r.status == "missing"] == ["stpcd.deputy.absence"]
    assert all(r.method == "terms" for r in table.rows if r.status == "covered")  # no covers: in this file
    expected = {
        "superseded-national-standards-2004",
        "shortlisting-panel-size",
        "cv-only-applications",
        "references-before-interview",
        "fixed-years-experience",
        "route-exclusive-criterion",
        "age-proxy-wording",
        "dbs-as-criterion",
        "process-as-criterion",
        "duplicate-criteria",
        "subjective-criterion",
        "stpcd-deputy-assistant",
        # its advert
        "section-128-check",
        "flexible-working-statement",
        "selection-adjustments",
        "leadership-spine-points",
        "pay-figures-out-of-date",
    }
    assert expected <= set(found)
    (spine,) = found["leadership-spine-points"]
    assert '("leadership spine")' in spine.message and spine.position is not None and spine.position.line == 58
    # issued before KCSIE 2023 came into force: not held to the advert content it added, until judged after it
    kcsie_2023 = {"advert-rehabilitation-exemption", "advert-barred-list-offence"}
    assert not kcsie_2023 & set(found)
    assert kcsie_2023 <= set(_by_rule(_audit(library, "deputy-head", as_of=dt.date(2023, 9, 1))))
    # issued in May 2023, before KCSIE 2023 asked for the online-search notice; DS1's "recent" is desirable
    assert "online-search-notice" not in found and "vague-time-words" not in found
    golden = golden_json("audit-deputy-head.json")["roles"][0]
    assert set(found) == {f["rule_id"] for f in golden["findings"]}  # nothing else: the golden audit lists them all
    assert found["duplicate-criteria"][0].message.startswith('criterion "E7" repeats E4')


def test_assistant_head_known_gaps(library: RuleLibrary) -> None:
    result = _audit(library, "assistant-head-pastoral")
    found = _by_rule(result)
    (table,) = result.coverage
    assert "stpcd.deputy.absence" not in {r.duty_id for r in table.rows}
    assert [r.duty_id for r in table.rows if r.status == "missing"] == ["stpcd.deputy.delegated_duties"]
    (deputising,) = found["assistant-head-deputising-duty"]
    assert '"D6"' in deputising.message
    (age,) = found["no-age-limits"]
    assert age.severity is Severity.ERROR and '"Ideally under 35"' in age.message
    assert age.position is not None and age.position.line == 81  # the criterion that says it
    assert "fixed-years-experience" not in found  # an age is not a length of experience
    assert [f.severity for f in found["safer-recruitment-trained-panel"]] == [Severity.ERROR]
    for rule in (
        "route-exclusive-criterion",
        "faith-criterion",
        "shortlisting-unassessable-essential",
        "no-assessment-method",
        "superseded-npqml",
    ):
        assert rule in found, rule
    assert [f.severity for f in found["faith-criterion"]] == [Severity.WARNING]  # no religious character stated
    assert "vague-time-words" not in found  # DS2's "recently" is desirable
    # the file gives Teaching Vacancies job roles only; the post type follows from them
    assert result.post_type == "assistant_headteacher" and result.job_roles == ["assistant_headteacher"]


def test_existing_assistant_head_sample_is_nearly_clean(library: RuleLibrary) -> None:
    result = _audit(library, "assistant-head-teaching-learning")
    ids = {f.rule_id for f in result.findings}
    assert {"fixed-years-experience", "advert-not-given"} <= ids and result.severity_counts["error"] == 0
    golden = next(
        r
        for r in golden_json("audit-samples.json")["roles"]
        if Path(r["path"]).name == "assistant-head-teaching-learning.yaml"
    )
    assert ids == {f["rule_id"] for f in golden["findings"]}  # nothing else: the golden audit lists them all
    assert result.job_roles == ["assistant_headteacher"]


# --------------------------------------------------------------------------- Teaching Vacancies job roles


@pytest.mark.parametrize(
    ("job_roles", "post_type"),
    [
        (["deputy_headteacher"], "deputy_headteacher"),
        (["teacher", "head_of_department_or_curriculum"], "head_of_department_or_curriculum"),
        (["teaching_assistant"], "support_staff"),
        (["leadership_and_management"], "other_leadership"),
    ],
)
def test_teaching_vacancies_job_roles_give_the_post_type(job_roles: list[str], post_type: str) -> None:
    role = Role.model_validate({"kind": "role", "version": 1, "title": "T", "job_roles": job_roles})
    assert role.post_type.value == post_type


def test_a_role_needs_a_post_type_or_job_roles() -> None:
    loaded = load_text("kind: role\nversion: 1\ntitle: T\n", "r.yaml")
    assert loaded.model is None and "give post_type" in loaded.findings[0].message


# --------------------------------------------------------------------------- profiles


def test_default_profile_changes_nothing(library: RuleLibrary) -> None:
    loaded = load_as(ROLES / "deputy-head.yaml", Role)
    plain = audit_role(loaded, library)
    profiled = audit_role(loaded, library, profile=load_profile("default"))
    assert plain == profiled


def test_strict_profile_raises_severities(library: RuleLibrary) -> None:
    strict = load_profile("strict")
    assert strict.extends == "default" and strict.severity["age-proxy-wording"] is Severity.ERROR
    result = _audit(library, "deputy-head", profile=strict)
    found = _by_rule(result)
    assert found["age-proxy-wording"][0].severity is Severity.ERROR
    assert found["route-exclusive-criterion"][0].severity is Severity.WARNING  # guidance, not law
    assert found["superseded-national-standards-2004"][0].severity is Severity.INFO  # currency, not law
    assert found["stpcd-deputy-assistant"][0].severity is Severity.ERROR
    assert result.coverage[0].severity == "error"
    assert found["dbs-as-criterion"][0].severity is Severity.WARNING


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text("# yaml-language-server: $schema=../../schemas/profile.schema.json\n" + text)
    return path


def test_a_trust_profile_extends_disables_and_reenables(tmp_path: Path, library: RuleLibrary) -> None:
    profiles = tmp_path / "trust" / "profiles"
    _write(
        profiles,
        "base.yaml",
        "kind: profile\nversion: 1\nid: base\ntitle: b\nextends: strict\n"
        "disable: [duplicate-criteria, stpcd-deputy-assistant, subjective-criterion]\n",
    )
    _write(
        profiles,
        "trust.yaml",
        "kind: profile\nversion: 1\nid: trust\ntitle: t\nextends: base.yaml\n"
        "enable: [subjective-criterion]\nseverity: {subjective-criterion: warning}\n",
    )
    profile = load_profile("trust", rule_folders=[tmp_path / "trust"])
    assert profile.disable == ["duplicate-criteria", "stpcd-deputy-assistant"]
    assert profile.severity["age-proxy-wording"] is Severity.ERROR  # from strict, through base
    result = _audit(library, "deputy-head", profile=profile)
    found = _by_rule(result)
    assert "duplicate-criteria" not in found and "stpcd-deputy-assistant" not in found
    assert result.coverage == []  # the disabled catalogue draws no table
    assert found["subjective-criterion"][0].severity is Severity.WARNING


def test_profile_errors_are_usage_errors(tmp_path: Path) -> None:
    with pytest.raises(SpeccheckError, match='no profile named "nope"'):
        load_profile("nope")
    loop = tmp_path / "loop"
    _write(loop / "profiles", "a.yaml", "kind: profile\nversion: 1\nid: a\ntitle: a\nextends: b\n")
    _write(loop / "profiles", "b.yaml", "kind: profile\nversion: 1\nid: b\ntitle: b\nextends: a\n")
    with pytest.raises(SpeccheckError, match="loop"):
        load_profile("a", rule_folders=[loop])
    bad = _write(tmp_path, "bad.yaml", "kind: profile\nversion: 1\nid: bad\ntitle: b\nseverity: {x: fatal}\n")
    with pytest.raises(SpeccheckError) as caught:
        load_profile(str(bad))
    assert "bad.yaml:6:" in str(caught.value)


def test_apply_profile_for_other_commands() -> None:
    """The lint engineer's entry point: findings in, findings with the profile applied out."""
    library = load_library()
    findings = _audit(library, "deputy-head").findings
    strict = load_profile("strict")
    applied = apply_profile(findings, strict)
    assert len(applied) == len(findings)
    assert {f.severity for f in applied if f.rule_id == "age-proxy-wording"} == {Severity.ERROR}
    quiet = strict.model_copy(update={"disable": ["age-proxy-wording"]})
    assert "age-proxy-wording" not in {f.rule_id for f in apply_profile(findings, quiet)}


# --------------------------------------------------------------------------- the command


def test_audit_command_options(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    role = str(ROLES / "head-of-school.yaml")
    assert main(["audit", role, "-f", "json", "--profile", "strict", "--as-of", "2019-09-01"]) == ExitCode.FINDINGS
    report = json.loads(capsys.readouterr().out)
    assert report["profile"] == "strict" and report["as_of"] == "2019-09-01"
    assert report["severity_counts"] == report["roles"][0]["severity_counts"]
    assert report["roles"][0]["standards"][0]["catalogue_id"] == "national-standards-excellence-2015"
    # a profile naming a rule that is not loaded is a usage error
    typo = _write(tmp_path, "typo.yaml", "kind: profile\nversion: 1\nid: typo\ntitle: t\ndisable: [no-such-rule]\n")
    assert main(["audit", role, "--profile", str(typo)]) == ExitCode.USAGE
    assert "no-such-rule" in capsys.readouterr().err
    assert main(["audit", role, "--profile", "missing"]) == ExitCode.USAGE


def test_a_trust_rule_pack_with_its_own_profile(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pack = tmp_path / "pack"
    (pack / "clarity").mkdir(parents=True)
    (pack / "clarity" / "trust-house-style.yaml").write_text(
        "kind: rule\nversion: 1\ntype: check\nid: trust-house-style\ntitle: Criteria say 'the postholder'\n"
        "category: clarity\nseverity: info\napplies_to: [all]\nscope: criterion\n"
        "when: {fact: text, matches: ['\\byou\\b']}\nmessage: 'criterion \"{criterion.id}\" speaks to the reader'\n"
        "source: [{doc: Trust house style, para: '3', provenance: V-PRIMARY}]\nrationale: r\nfix: f\n"
        "examples: {pass: [{name: p, input: {}}], fail: []}\n"
    )
    _write(
        pack / "profiles",
        "trust.yaml",
        "kind: profile\nversion: 1\nid: trust\ntitle: t\nextends: default\nseverity: {trust-house-style: warning}\n",
    )
    role = tmp_path / "role.yaml"
    role.write_text(
        "kind: role\nversion: 1\ntitle: T\npost_type: teacher\nissued: 2024-01-01\ncriteria:\n"
        "  - {id: E1, text: You will inspire pupils, level: essential, category: skills, assessed_by: [interview]}\n"
        "  - {id: E2, text: Suitable to work with children, level: essential, category: safeguarding, assessed_by: [reference]}\n"
    )
    code = main(["audit", str(role), "--rules", str(pack), "--profile", "trust", "-f", "json", "--fail-on", "error"])
    report = json.loads(capsys.readouterr().out)
    assert code == ExitCode.OK
    ours = [f for f in report["roles"][0]["findings"] if f["rule_id"] == "trust-house-style"]
    assert [f["severity"] for f in ours] == ["warning"]


def test_audit_of_every_sample_is_fast_and_deterministic(library: RuleLibrary) -> None:
    loaded = [load_as(p, Role) for p in sorted(ROLES.glob("*.yaml"))]
    first = audit(loaded, library)
    second = audit(list(reversed(loaded)), library)
    assert sorted(first.roles, key=lambda r: r.path) == sorted(second.roles, key=lambda r: r.path)
    assert len(first.roles) == 6


# --------------------------------------------------------------------------- the advert


def _advert_rules(library: RuleLibrary) -> set[str]:
    """The bundled checks that read what the advert says (every advert fact but advert_given)."""
    advert_facts = {fact.name for fact in ADVERT_FACTS} - {"advert_given"}
    return {rule.id for rule in library.checks if advert_facts & set(facts_used(rule.when))}


def _advert_findings(library: RuleLibrary, recruitment: dict[str, object] | None) -> list[str]:
    role = {"kind": "role", "version": 1, "title": "Deputy", "post_type": "deputy_headteacher", "issued": "2025-10-01"}
    role |= {"school": {"governance": "academy"}} | ({} if recruitment is None else {"recruitment": recruitment})
    loaded = load_text(json.dumps(role), "r.json")
    ids = [f.rule_id for f in audit_role(loaded, library).findings]
    return sorted(i for i in ids if i in _advert_rules(library) | {"advert-not-given"})


@pytest.mark.parametrize("recruitment", [None, {"shortlisting_panel_size": 2, "online_search_notice": True}])
def test_a_role_without_an_advert_gets_one_note_not_one_finding_per_check(
    library: RuleLibrary, recruitment: dict[str, object] | None
) -> None:
    assert _advert_findings(library, recruitment) == ["advert-not-given"]


def test_an_advert_that_says_nothing_gets_each_check_of_the_advert(library: RuleLibrary) -> None:
    assert _advert_findings(library, {"advert": {"pay": {"year": 2024}}}) == [
        "advert-barred-list-offence",
        "advert-pre-employment-checks",
        "advert-rehabilitation-exemption",
        "flexible-working-statement",
        "leadership-pay-range",
        "online-search-notice",
        "pay-figures-out-of-date",
        "section-128-check",
        "selection-adjustments",
    ]


def test_an_advert_that_says_everything_passes_them_all(library: RuleLibrary) -> None:
    advert = {
        "text": (
            "Shortlisted candidates will be subject to an online search. This post is exempt from the Rehabilitation "
            "of Offenders Act 1974. It is an offence to apply if you are barred from regulated activity with children."
        ),
        "pay": {"range": "L8-L12", "text": "Leadership pay range L8 to L12", "year": 2025},
        "working_patterns": ["full_time"],
        "flexible_working": "We will consider flexible working.",
        "adjustments": "Tell us of any adjustments you need at interview.",
        "pre_employment_checks": ["enhanced_dbs_check", "childrens_barred_list", "section_128"],
    }
    assert _advert_findings(library, {"advert": advert}) == []


# --------------------------------------------------------------------------- one matcher for safeguarding

SAFEGUARDING = "kcsie.jd.safeguarding_responsibilities"
SAFETY_ROWS = {
    "headteacher": "stpcd.head.health_safety_discipline",
    "teacher": "stpcd.teacher.health_safety_discipline",
}


def _one_duty_audit(library: RuleLibrary, post_type: str, text: str) -> RoleAudit:
    role = (
        f"kind: role\nversion: 1\ntitle: Example\npost_type: {post_type}\nissued: 2025-09-01\n"
        f"duties:\n  - id: D1\n    text: {json.dumps(text)}\n"
    )
    return audit_role(load_text(role, "r.yaml"), library)


def _safety_examples(library: RuleLibrary) -> list[str]:
    duties = {d.id: d for c in library.duty_catalogues for d in c.duties}
    texts = [t for duty_id in (SAFEGUARDING, *SAFETY_ROWS.values()) for t in duties[duty_id].examples.passing]
    texts += [t for duty_id in (SAFEGUARDING, *SAFETY_ROWS.values()) for t in duties[duty_id].examples.failing]
    return list(dict.fromkeys(texts))


@pytest.mark.parametrize("post_type", sorted(SAFETY_ROWS))
def test_the_safety_row_and_the_safeguarding_check_agree(library: RuleLibrary, post_type: str) -> None:
    """Issue 10: "Ensure the school keeps children safe and promotes their welfare" counted for safety in the
    coverage table while the safeguarding-duty check said the job description had none. Both now use the one
    matcher of the shared duty: the check is satisfied exactly when the shared duty is covered, and then the
    safety row is covered by the same statement and the same words."""
    audit_ = _one_duty_audit(library, post_type, "Ensure the school keeps children safe and promotes their welfare.")
    row = next(r for t in audit_.coverage for r in t.rows if r.duty_id == SAFETY_ROWS[post_type])
    assert row.status == "covered" and row.matched == ["safe", "children"]
    assert "safeguarding-duty" not in {f.rule_id for f in audit_.findings}
    # every example statement of the shared duty and of the safety rows, both ways
    shared = next(c for c in library.duty_catalogues if c.id == "kcsie-safeguarding")
    matcher = CatalogueMatcher(shared, variants=library.normaliser.variants, library=library.duty_catalogues)
    for text in _safety_examples(library):
        audit_ = _one_duty_audit(library, post_type, text)
        row = next(r for t in audit_.coverage for r in t.rows if r.duty_id == SAFETY_ROWS[post_type])
        shared_match = matcher.matchers[SAFEGUARDING].match(text)
        check_fired = "safeguarding-duty" in {f.rule_id for f in audit_.findings}
        assert check_fired == (shared_match is None), text
        if shared_match is not None:  # a safeguarding statement: the row shows the check's own words
            assert row.status == "covered" and row.matched == list(shared_match.words), text


def test_good_order_alone_covers_the_heading_but_is_not_safeguarding(library: RuleLibrary) -> None:
    audit_ = _one_duty_audit(library, "headteacher", "Maintain good order and discipline throughout the school.")
    row = next(r for t in audit_.coverage for r in t.rows if r.duty_id == SAFETY_ROWS["headteacher"])
    assert row.status == "covered" and row.matched == ["good order"]
    assert "safeguarding-duty" in {f.rule_id for f in audit_.findings}
    # the shared catalogue has no table of its own
    assert "kcsie-safeguarding" not in {t.catalogue_id for t in [*audit_.coverage, *audit_.standards]}


def test_words_a_role_denies_are_no_match_but_a_limit_worded_with_no_is(library: RuleLibrary) -> None:
    """Check rules read the role through the text layer: "there is no upper age limit" is an equality
    statement, not an age limit; "no older than 45" is a limit (the cue is the rule's own wording)."""
    text = """
kind: role
version: 1
title: Teacher
post_type: teacher
school: {context: "We welcome applicants of any age; there is no upper age limit."}
criteria:
  - {id: E1, text: Qualified teacher status, level: essential, category: qualifications, assessed_by: [certificate]}
"""
    assert "no-age-limits" not in _by_rule(audit_role(load_text(text, "r.yaml"), library))
    limited = text.replace("Qualified teacher status", "No older than 45")
    (finding,) = _by_rule(audit_role(load_text(limited, "r.yaml"), library))["no-age-limits"]
    assert '("No older than 45")' in finding.message


@pytest.mark.parametrize("profile", ["default", "strict"])
def test_the_findings_without_the_tables_are_the_audits_findings(library: RuleLibrary, profile: str) -> None:
    """What lint reports of a role (``audit_findings``, no coverage tables built) is the audit's findings, on
    every sample role and test role, judged today and in 2019, under each profile."""
    folders = [Path(__file__).resolve().parents[2] / "samples" / "roles", Path(__file__).resolve().parents[1] / "data"]
    roles = [load_as(path, Role) for folder in folders for path in sorted(folder.rglob("*.yaml"))]
    roles = [loaded for loaded in roles if loaded.model is not None]
    assert len(roles) >= 6
    chosen = load_profile(profile)
    for as_of in (None, dt.date(2019, 6, 1)):
        for loaded in roles:
            expected = audit_role(loaded, library, as_of=as_of, profile=chosen).findings
            assert audit_findings(loaded, library, as_of=as_of, profile=chosen) == expected, loaded.path
