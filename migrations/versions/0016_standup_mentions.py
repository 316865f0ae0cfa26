"""standups: whom the digest notifies (names without a ping by default); the people an answer is
blocked on; several standups in one channel (a name each)

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("standups") as batch:
        batch.add_column(sa.Column("name", sa.String(length=40), server_default="", nullable=False))
        batch.drop_constraint("uq_standups_team_id_channel_id", type_="unique")
        batch.create_unique_constraint(
            "uq_standups_team_id_channel_id_name", ["team_id", "channel_id", "name"]
        )
    with op.batch_alter_table("standups") as batch:
        batch.add_column(
            sa.Column("mention_policy", sa.String(length=16), server_default="names", nullable=False)
        )

    with op.batch_alter_table("standup_entries") as batch:
        batch.add_column(sa.Column("blocked_on", sa.String(length=1000), server_default="", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("standup_entries") as batch:
        batch.drop_column("blocked_on")
    with op.batch_alter_table("standups") as batch:
        batch.drop_column("mention_policy")
        batch.drop_constraint("uq_standups_team_id_channel_id_name", type_="unique")
        batch.create_unique_constraint("uq_standups_team_id_channel_id", ["team_id", "channel_id"])
        batch.drop_column("name")
