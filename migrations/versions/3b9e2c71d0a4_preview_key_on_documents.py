"""preview key on documents

Previews are drawn once, in the isolated child after the checks, and kept in the
storage under this key; a request only serves the stored picture.

Revision ID: 3b9e2c71d0a4
Revises: 3c1d9e7a5b20
Create Date: 2026-11-30 06:30:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "3b9e2c71d0a4"
down_revision = "3c1d9e7a5b20"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("preview_key", sa.String(length=100), nullable=True))


def downgrade():
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_column("preview_key")
