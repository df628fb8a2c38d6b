"""Demo data: the three documented log-ins and their cases, created once."""

from __future__ import annotations

import random
from collections.abc import Iterator

from tracker.extensions import db
from tracker.models import Case, PersonRole, Role, User
from tracker.rules.program import Program
from tracker.services.bulk_cases import NewCase, insert_cases
from tracker.services.cases import NewApplicant, add_member, create_case
from tracker.services.users import create_user, find_user

USERS = (
    ("consultant@example.com", "consultant-demo-1", Role.CONSULTANT, "Chan Tai Man (consultant)"),
    ("admin@example.com", "admin-demo-1", Role.ADMIN, "Admin"),
    ("applicant@example.com", "applicant-demo-1", Role.APPLICANT, "Maria Reyes"),
    ("other@example.com", "other-demo-1", Role.APPLICANT, "Siti Rahayu"),
)


def seed_demo(program: Program, *, extra_cases: int = 0) -> Iterator[str]:
    """Create what is missing of the demo set; yield lines telling how to log in."""
    users = {
        email: find_user(email) or create_user(email, pw, role, name=name)
        for email, pw, role, name in USERS
    }
    consultant = users["consultant@example.com"]
    _demo_case(
        program,
        "DEMO-0001",
        users["applicant@example.com"],
        consultant,
        "Daniel Reyes",
        [
            NewApplicant(
                "Maria Reyes",
                {
                    "relationship": "spouse",
                    "applicant_age": 34,
                    "applicant_nationality": "PH",
                    "applicant_residence": "overseas",
                },
            ),
            NewApplicant(
                "Sofia Reyes",
                {
                    "relationship": "child",
                    "applicant_age": 10,
                    "applicant_nationality": "PH",
                    "applicant_residence": "overseas",
                },
            ),
        ],
        {"application_type": "entry", "sponsor_category": "gep"},
    )
    _demo_case(
        program,
        "DEMO-0002",
        users["other@example.com"],
        consultant,
        "Budi Santoso",
        [
            NewApplicant(
                "Siti Rahayu",
                {
                    "relationship": "spouse",
                    "applicant_age": 31,
                    "applicant_nationality": "ID",
                    "applicant_residence": "overseas",
                },
            ),
        ],
        {"application_type": "entry", "sponsor_category": "qmas"},
    )
    if extra_cases:
        yield f"built {bulk_build_cases(program, extra_cases, consultant)} more cases"
    yield "Demo log-ins (http://127.0.0.1:5000/login):"
    for email, password, role, _ in USERS:
        yield f"  {role.value:<10} {email} / {password}"


def _demo_case(
    program: Program,
    reference: str,
    user: User,
    consultant: User,
    sponsor: str,
    applicants: list[NewApplicant],
    facts: dict[str, str],
) -> None:
    case = db.session.execute(db.select(Case).filter_by(reference=reference)).scalar_one_or_none()
    if case is None:
        case = create_case(
            program,
            case_facts=facts,
            sponsor_name=sponsor,
            applicants=applicants,
            consultant=consultant,
            reference=reference,
        )
    add_member(case, user, PersonRole.APPLICANT)
    db.session.commit()


NATIONALITIES = ("PH", "ID", "VN", "IN", "JP", "KR", "TH", "US", "GB", "FR", "BR", "CN", "RU", "MY")
RESIDENCES = ("overseas", "overseas", "overseas", "mainland", "macau", "taiwan", "hong_kong")
CATEGORIES = (
    "gep",
    "asmtp",
    "iang",
    "qmas",
    "ttps",
    "techtas",
    "student",
    "permanent_resident",
    "unconditional_stay",
    "new_cies",
    "cies",
    "trainee",
)


BATCH = 250  # cases per transaction when building many one by one


def build_cases(program: Program, count: int, consultant: User, *, seed: int = 7) -> int:
    """Create `count` varied, realistic cases one by one through `create_case`."""
    rng = random.Random(seed)  # noqa: S311 - reproducible demo data, not secrets
    for n in range(count):
        planned = random_case(rng, n)
        create_case(
            program,
            case_facts=planned.facts,
            sponsor_name=planned.sponsor_name,
            applicants=planned.applicants,
            consultant=consultant,
            commit=False,
        )
        if n % BATCH == BATCH - 1:
            db.session.commit()
    db.session.commit()
    return count


def bulk_build_cases(program: Program, count: int, consultant: User, *, seed: int = 7) -> int:
    """The same cases as `build_cases`, inserted in bulk (ten thousand in seconds)."""
    rng = random.Random(seed)  # noqa: S311 - reproducible demo data, not secrets
    planned = (random_case(rng, n) for n in range(count))
    return insert_cases(program, planned, consultant_id=consultant.id)


def random_case(rng: random.Random, n: int) -> NewCase:
    """One varied, realistic family: a spouse and up to two children."""
    family = [
        NewApplicant(
            f"Applicant {n}-0",
            {
                "relationship": "spouse",
                "applicant_age": rng.randint(22, 60),
                "applicant_nationality": rng.choice(NATIONALITIES),
                "applicant_residence": rng.choice(RESIDENCES),
            },
        )
    ]
    for k in range(rng.choice((0, 0, 1, 2))):
        family.append(
            NewApplicant(
                f"Applicant {n}-{k + 1}",
                {
                    "relationship": "child",
                    "applicant_age": rng.randint(0, 17),
                    "applicant_nationality": family[0].facts["applicant_nationality"],
                    "applicant_residence": family[0].facts["applicant_residence"],
                },
            )
        )
    facts = {
        "application_type": rng.choice(("entry", "entry", "extension")),
        "sponsor_category": rng.choice(CATEGORIES),
    }
    return NewCase(facts, f"Sponsor {n}", family)
