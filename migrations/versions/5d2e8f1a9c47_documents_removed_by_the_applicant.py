"""documents removed by the applicant

An applicant may take back an upload until a consultant decided on it; the row
stays for the history, marked with when it was removed.

Revision ID: 5d2e8f1a9c47
Revises: 5d2f8a61c9e3
Create Date: 2026-11-30 08:45:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "5d2e8f1a9c47"
down_revision = "5d2f8a61c9e3"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("removed_at", sa.DateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_column("removed_at")
