"""Bot tokens for scheduled work: the single workspace's, or each installation's (refreshed when rotating)."""

from __future__ import annotations

import logging
import threading
from typing import Protocol

from slack_sdk.errors import SlackApiError
from slack_sdk.oauth.installation_store import Bot
from slack_sdk.oauth.token_rotation import TokenRotator
from sqlalchemy import Engine, select

from bot.core.settings import Settings
from bot.core.workspaces import ReturningAwareInstallationStore
from bot.slack.client import build_web_client
from models import WorkspaceSettings
from models.slack_oauth import bots_table

logger = logging.getLogger(__name__)
REFRESH_MINUTES_BEFORE_EXPIRY = 120


class TokenSource(Protocol):
    def token_for(self, team_id: str) -> str | None: ...


class SingleWorkspaceTokens:
    def __init__(self, token: str) -> None:
        self._token = token

    def token_for(self, team_id: str) -> str | None:
        return self._token


class InstalledTokens:
    """Tokens from the installation store; a rotating token is refreshed before use, once per workspace."""

    def __init__(self, settings: Settings, engine: Engine) -> None:
        assert settings.slack_client_id is not None and settings.slack_client_secret is not None
        self._store = ReturningAwareInstallationStore(
            client_id=settings.slack_client_id, engine=engine, cipher=settings.token_cipher()
        )
        self._rotator = TokenRotator(
            client_id=settings.slack_client_id,
            client_secret=settings.slack_client_secret.get_secret_value(),
            client=build_web_client(settings),
        )
        self._engine, self._client_id = engine, settings.slack_client_id
        self._locks: dict[str, threading.Lock] = {}
        self._locks_guard = threading.Lock()

    def token_for(self, team_id: str) -> str | None:
        with self._lock(team_id):  # one refresh per workspace at a time
            bot = self._installed_bot(team_id)
            if bot is None:
                return None
            if bot.bot_refresh_token:
                try:
                    refreshed = self._rotator.perform_bot_token_rotation(
                        bot=bot, minutes_before_expiration=REFRESH_MINUTES_BEFORE_EXPIRY
                    )
                except SlackApiError as error:
                    logger.error("token refresh for team %s failed: %s", team_id, error.response.get("error"))
                    return None
                if refreshed is not None:
                    self._store.save_bot(refreshed)
                    bot = refreshed
            return bot.bot_token

    def _installed_bot(self, team_id: str) -> Bot | None:
        """The workspace's bot: installed in the workspace itself (outside an Enterprise Grid org, or in
        one), or, for a workspace of an org, the org-wide install (as slack_sdk's store looks them up:
        by enterprise, team and is_enterprise_install)."""
        enterprise_id = self._enterprise_of(team_id)
        bot = self._store.find_bot(enterprise_id=enterprise_id, team_id=team_id)
        if bot is None and enterprise_id is not None:
            bot = self._store.find_bot(enterprise_id=enterprise_id, team_id=None, is_enterprise_install=True)
        return bot

    def _enterprise_of(self, team_id: str) -> str | None:
        """The Grid org a workspace belongs to: from its own install, else from its events."""
        with self._engine.connect() as connection:
            installed = connection.execute(
                select(bots_table.c.enterprise_id)
                .where(bots_table.c.team_id == team_id, bots_table.c.client_id == self._client_id)
                .order_by(bots_table.c.installed_at.desc())
                .limit(1)
            ).scalar_one_or_none()
            if installed is not None:
                return str(installed)
            seen = connection.execute(
                select(WorkspaceSettings.enterprise_id).where(WorkspaceSettings.team_id == team_id)
            ).scalar_one_or_none()
        return str(seen) if seen else None

    def _lock(self, team_id: str) -> threading.Lock:
        with self._locks_guard:
            return self._locks.setdefault(team_id, threading.Lock())


def token_source(settings: Settings, engine: Engine) -> TokenSource:
    if settings.oauth_configured:
        return InstalledTokens(settings, engine)
    assert settings.slack_bot_token is not None
    return SingleWorkspaceTokens(settings.slack_bot_token.get_secret_value())
