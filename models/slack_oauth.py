"""The tables of slack_sdk's SQLAlchemy installation and OAuth-state stores.

slack_sdk defines them; we declare them here too so that our own alembic migrations create them
and the models-versus-migrations check covers them.
"""

from __future__ import annotations

from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import MetaData

slack_oauth_metadata = MetaData()
installations_table = SQLAlchemyInstallationStore.build_installations_table(
    slack_oauth_metadata, SQLAlchemyInstallationStore.default_installations_table_name
)
bots_table = SQLAlchemyInstallationStore.build_bots_table(
    slack_oauth_metadata, SQLAlchemyInstallationStore.default_bots_table_name
)
oauth_states_table = SQLAlchemyOAuthStateStore.build_oauth_states_table(
    slack_oauth_metadata, SQLAlchemyOAuthStateStore.default_table_name
)
