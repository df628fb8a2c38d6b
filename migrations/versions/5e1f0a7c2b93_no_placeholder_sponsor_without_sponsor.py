"""no placeholder sponsor in programs without a sponsor

A US visitor case used to be stored with a hidden "Sponsor" person. Cases of
programs without a sponsor now have none: remove the placeholders that hold
nothing (no documents, no account, no invitation). The program codes are frozen
here, as the program files said when this revision was written.

Revision ID: 5e1f0a7c2b93
Revises: 3b9e2c71d0a4
Create Date: 2026-11-30 08:50:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "5e1f0a7c2b93"
down_revision = "3b9e2c71d0a4"
branch_labels = None
depends_on = None

WITHOUT_SPONSOR = ("us_b1b2",)

cases = sa.table("cases", sa.column("id"), sa.column("program"))
people = sa.table(
    "people",
    sa.column("id"),
    sa.column("case_id"),
    sa.column("role"),
    sa.column("name"),
    sa.column("position"),
    sa.column("facts", sa.JSON),
    sa.column("eligible"),
    sa.column("reasons", sa.JSON),
)
requirements = sa.table("requirements", sa.column("id"), sa.column("person_id"))
documents = sa.table("documents", sa.column("id"), sa.column("requirement_id"))
members = sa.table("case_members", sa.column("person_id"))
invitations = sa.table("invitations", sa.column("person_id"))


def _placeholders() -> sa.Select:
    """Sponsors of cases without one, holding no document and named by nobody."""
    held = sa.select(requirements.c.person_id).join(
        documents, documents.c.requirement_id == requirements.c.id
    )
    return (
        sa.select(people.c.id)
        .join(cases, cases.c.id == people.c.case_id)
        .where(
            people.c.role == "sponsor",
            cases.c.program.in_(WITHOUT_SPONSOR),
            people.c.id.not_in(held),
            people.c.id.not_in(
                sa.select(members.c.person_id).where(members.c.person_id.isnot(None))
            ),
            people.c.id.not_in(
                sa.select(invitations.c.person_id).where(invitations.c.person_id.isnot(None))
            ),
        )
    )


def upgrade():
    bind = op.get_bind()
    found = [row[0] for row in bind.execute(_placeholders())]
    if found:
        bind.execute(sa.delete(requirements).where(requirements.c.person_id.in_(found)))
        bind.execute(sa.delete(people).where(people.c.id.in_(found)))


def downgrade():
    # The old code expects a sponsor in every case: give each such case its placeholder back.
    bind = op.get_bind()
    with_sponsor = sa.select(people.c.case_id).where(people.c.role == "sponsor")
    lacking = sa.select(cases.c.id).where(
        cases.c.program.in_(WITHOUT_SPONSOR), cases.c.id.not_in(with_sponsor)
    )
    for (case_id,) in bind.execute(lacking).all():
        bind.execute(
            sa.insert(people).values(
                case_id=case_id,
                role="sponsor",
                name="Sponsor",
                position=0,
                facts={},
                eligible=True,
                reasons=[],
            )
        )
