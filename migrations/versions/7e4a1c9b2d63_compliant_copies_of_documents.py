"""a compliant copy remembers the document it was made from

The bundle files an accepted copy (smaller, or to the photo specification)
instead of its original; the original stays for the history.

Revision ID: 7e4a1c9b2d63
Revises: 5d7e0a9c4b11
Create Date: 2026-11-30 08:45:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "7e4a1c9b2d63"
down_revision = "5d7e0a9c4b11"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("copy_of_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_documents_copy_of_id"), ["copy_of_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_documents_copy_of_id_documents"), "documents", ["copy_of_id"], ["id"]
        )


def downgrade():
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_documents_copy_of_id_documents"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_documents_copy_of_id"))
        batch_op.drop_column("copy_of_id")
