"""Deterministic synthetic applications for benchmarks (invented, never real people)."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

TITLES = [
    "Teacher of Mathematics",
    "Teacher of English",
    "Head of Science",
    "Advanced Skills Teacher",
    "Leading Practitioner",
    "Assistant Headteacher",
    "Deputy Headteacher",
    "Class Teacher",
    "Head of Year 9",
    "SENCO",
    "Unqualified Teacher",
    "Instructor",
]
QUALIFICATIONS = [
    "BA Hons History",
    "BSc Mathematics",
    "PGCE Secondary",
    "Qualified Teacher Status",
    "MA Education",
    "EYTS",
]
TRAINING = ["NPQSL", "NPQH", "NPQML", "Safer Recruitment", "Autism awareness (accredited)", "Aspiring Heads programme"]
RESPONSIBILITIES = [
    "Led whole-school CPD on feedback",
    "Coached staff across the school",
    "Taught Year 10 mathematics",
    "Line managed the science department",
    "Led the school improvement plan priority on attendance",
    "Analysed assessment data for pupil groups",
    "Worked with governors on the curriculum committee",
    "Supported other schools in the local authority",
    "Ran the behaviour policy review",
]
SENTENCES = [
    "I have led professional development for staff and coached colleagues.",
    "I use data analysis to evaluate the performance of student groups.",
    "I work collaboratively with external agencies and families.",
    "I have experience of Ofsted inspection and action planning.",
    "I am committed to getting the best outcomes for all pupils.",
    "I have led curriculum planning and resource management.",
]
STAGES = ["early_years", "ks1", "ks2", "ks3", "ks4", "ks5"]


def candidate(index: int, criteria_ids: list[str]) -> dict[str, Any]:
    """One application as file data; the same index always gives the same application."""
    rng = random.Random(index)
    jobs = []
    start = dt.date(2000 + rng.randrange(15), 9, 1)
    for number in range(rng.randrange(1, 5)):
        length = rng.randrange(1, 7)
        end = dt.date(start.year + length, 8, 31)
        current = number == 3 or end > dt.date(2021, 3, 1)
        jobs.append(
            {
                "employment_type": "job",
                "organisation": f"School {rng.randrange(100)}",
                "job_title": rng.choice(TITLES),
                "responsibilities": rng.sample(RESPONSIBILITIES, rng.randrange(0, 3)),
                "started_on": start,
                **({"is_current_role": True} if current else {"ended_on": end}),
                "key_stages": sorted(rng.sample(STAGES, rng.randrange(1, 3))),
                "phases": [rng.choice(["primary", "secondary", "special"])],
            }
        )
        if current:
            break
        start = dt.date(end.year + rng.choice([0, 0, 0, 2]), 9, 1)
    data: dict[str, Any] = {
        "kind": "candidate",
        "version": 1,
        "id": f"S-{index:05d}",
        "personal_details": {"first_name": "Synthetic", "last_name": f"Applicant{index}"},
        "professional_status": {"qualified_teacher_status": rng.choice(["yes", "yes", "yes", "no"])},
        "qualifications": [{"name": q} for q in rng.sample(QUALIFICATIONS, rng.randrange(1, 3))],
        "training_and_cpds": [{"name": t} for t in rng.sample(TRAINING, rng.randrange(0, 3))],
        "employment_history": jobs,
        "evidence": [
            {"text": rng.choice(SENTENCES), "criteria": rng.sample(criteria_ids, 1)} for _ in range(rng.randrange(0, 3))
        ],
        "personal_statement": " ".join(rng.sample(SENTENCES, 3)),
    }
    return data
