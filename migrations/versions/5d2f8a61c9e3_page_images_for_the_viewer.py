"""page images for the viewer

The consultant's viewer shows each page as a bounded picture drawn once in the
isolated child, kept in the storage under these keys (a JSON list, in page order).

Revision ID: 5d2f8a61c9e3
Revises: 5e1f0a7c2b93
Create Date: 2026-11-30 08:45:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "5d2f8a61c9e3"
down_revision = "5e1f0a7c2b93"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("page_keys", sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_column("page_keys")
