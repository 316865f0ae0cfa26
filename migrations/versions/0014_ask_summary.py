"""tracked asks: the ask's first line (at most 120 characters), so reminders and lists say what was asked

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("tracked_asks") as batch:
        batch.add_column(sa.Column("summary", sa.String(length=120), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("tracked_asks") as batch:
        batch.drop_column("summary")
