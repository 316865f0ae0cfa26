"""settings_version and people_version: a workspace's counters of changes to what the nudge flow
caches per process (channel settings, holidays and rule feedback; people's profiles), bumped by
triggers in the same transaction as the change, whichever code path (ORM, bulk statement, another
instance) makes it. Two counters, so that refreshing a person's profile (daily) keeps the channels'.

A later migration that rebuilds one of these tables on SQLite (batch_alter_table copies the table)
drops its triggers: create them again there (tests/services/test_settings_cache.py checks that each
watched table bumps its counter at head).

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Each watched table, and the counter its changes bump.
WATCHED_TABLES = {
    "channel_settings": "settings_version",
    "workspace_holidays": "settings_version",
    "rule_feedback": "settings_version",
    "user_profiles": "people_version",
}
BUMP = "UPDATE workspace_settings SET {counter} = {counter} + 1 WHERE team_id = {row}.team_id"


def upgrade() -> None:
    with op.batch_alter_table("workspace_settings") as batch:
        for counter in sorted(set(WATCHED_TABLES.values())):
            batch.add_column(sa.Column(counter, sa.Integer(), server_default="0", nullable=False))
    if op.get_bind().dialect.name == "postgresql":
        for counter in sorted(set(WATCHED_TABLES.values())):
            op.execute(
                f"CREATE FUNCTION bump_{counter}() RETURNS trigger AS $$ BEGIN "
                f"IF TG_OP = 'INSERT' THEN {BUMP.format(counter=counter, row='NEW')}; "
                f"ELSE {BUMP.format(counter=counter, row='OLD')}; END IF; "
                "RETURN NULL; END $$ LANGUAGE plpgsql"
            )
        for table, counter in WATCHED_TABLES.items():
            op.execute(
                f"CREATE TRIGGER {table}_{counter} AFTER INSERT OR UPDATE OR DELETE ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION bump_{counter}()"
            )
        return
    for table, counter in WATCHED_TABLES.items():
        for change, row in (("INSERT", "NEW"), ("UPDATE", "OLD"), ("DELETE", "OLD")):
            op.execute(
                f"CREATE TRIGGER {table}_{counter}_{change.lower()} AFTER {change} ON {table} "
                f"BEGIN {BUMP.format(counter=counter, row=row)}; END"
            )


def downgrade() -> None:
    counters = sorted(set(WATCHED_TABLES.values()))
    if op.get_bind().dialect.name == "postgresql":
        for table, counter in WATCHED_TABLES.items():
            op.execute(f"DROP TRIGGER {table}_{counter} ON {table}")
        for counter in counters:
            op.execute(f"DROP FUNCTION bump_{counter}()")
    else:
        for table, counter in WATCHED_TABLES.items():
            for change in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER {table}_{counter}_{change}")
    with op.batch_alter_table("workspace_settings") as batch:
        for counter in counters:
            batch.drop_column(counter)
