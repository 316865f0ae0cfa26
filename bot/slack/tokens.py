"""Bot tokens for scheduled work: the single workspace's, or each installation's (refreshed when rotating)."""

from __future__ import annotations

import logging
import threading
from typing import Protocol

from slack_sdk.errors import SlackApiError
from slack_sdk.oauth.token_rotation import TokenRotator
from sqlalchemy import Engine

from bot.core.settings import Settings
from bot.core.workspaces import ReturningAwareInstallationStore
from bot.slack.client import build_web_client

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
        self._locks: dict[str, threading.Lock] = {}
        self._locks_guard = threading.Lock()

    def token_for(self, team_id: str) -> str | None:
        with self._lock(team_id):  # one refresh per workspace at a time
            bot = self._store.find_bot(enterprise_id=None, team_id=team_id)
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

    def _lock(self, team_id: str) -> threading.Lock:
        with self._locks_guard:
            return self._locks.setdefault(team_id, threading.Lock())


def token_source(settings: Settings, engine: Engine) -> TokenSource:
    if settings.oauth_configured:
        return InstalledTokens(settings, engine)
    assert settings.slack_bot_token is not None
    return SingleWorkspaceTokens(settings.slack_bot_token.get_secret_value())
