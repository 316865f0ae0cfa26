"""external people: a person's profile says whether they belong to another organisation (Slack
Connect), and a workspace may opt in to tips and tracked asks for them

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("user_profiles") as batch:
        batch.add_column(sa.Column("is_external", sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table("workspace_settings") as batch:
        batch.add_column(
            sa.Column("include_external_people", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("workspace_settings") as batch:
        batch.drop_column("include_external_people")
    with op.batch_alter_table("user_profiles") as batch:
        batch.drop_column("is_external")
