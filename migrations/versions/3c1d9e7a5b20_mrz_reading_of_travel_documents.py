"""the machine-readable zone read from a travel document

Stored on the document by services.background_checks, shown beside it to the
consultant and compared with the case's facts.

Revision ID: 3c1d9e7a5b20
Revises: 281097f260cc
Create Date: 2026-11-30 06:35:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "3c1d9e7a5b20"
down_revision = "281097f260cc"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("mrz", sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_column("mrz")
