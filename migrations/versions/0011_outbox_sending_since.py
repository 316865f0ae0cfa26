"""outbox: when an item's first unconfirmed send began, so that an item whose post may have reached
Slack (a crash, a read timeout) is looked up in the channel before it is sent again

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("scheduled_items") as batch:
        batch.add_column(sa.Column("sending_since", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("scheduled_items") as batch:
        batch.drop_column("sending_since")
