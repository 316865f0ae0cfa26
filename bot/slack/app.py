"""Build the Bolt app. Nothing happens at import time: the composition root calls create_app."""

from __future__ import annotations

import logging
from collections.abc import Callable

from slack_bolt import App
from slack_bolt.logger.messages import warning_client_prioritized_and_token_skipped
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import Engine

from bot.core.deps import Deps
from bot.core.settings import Settings, SlackMode
from bot.core.workspaces import ReturningAwareInstallationStore
from bot.slack.client import build_web_client
from bot.slack.surfaces import BOT_SCOPES

OAUTH_STATE_EXPIRATION_S = 600


def create_app(deps: Deps, *, register: Callable[[App, Deps], None]) -> App:
    """Compose the Bolt app for the configured mode; `register` adds every feature's listeners.

    Raises ConfigError when the Slack credentials are incomplete, and slack_bolt's BoltError when
    Slack rejects the bot token (checked with auth.test at start-up in single-workspace mode).
    """
    settings, engine = deps.settings, deps.engine
    mode = settings.slack_mode()
    signing_secret = settings.signing_secret_text
    app_logger = logging.getLogger("bot.slack.app")
    app_logger.addFilter(_drop_token_skipped_warning)
    if mode is SlackMode.HTTP_OAUTH:
        app = App(
            signing_secret=signing_secret,
            client=build_web_client(settings),
            oauth_settings=_oauth_settings(settings, engine),
            logger=app_logger,
        )
    else:
        assert settings.slack_bot_token is not None  # slack_mode() guarantees it
        app = App(
            signing_secret=signing_secret,
            client=build_web_client(settings, token=settings.slack_bot_token.get_secret_value()),
            request_verification_enabled=mode is not SlackMode.SOCKET,
            logger=app_logger,
        )
    register(app, deps)
    return app


def _drop_token_skipped_warning(record: logging.LogRecord) -> bool:
    """Bolt reads SLACK_BOT_TOKEN from the environment itself and warns that our client wins; it should."""
    return record.getMessage() != warning_client_prioritized_and_token_skipped()


def _oauth_settings(settings: Settings, engine: Engine) -> OAuthSettings:
    assert settings.slack_client_id is not None and settings.slack_client_secret is not None
    return OAuthSettings(
        client_id=settings.slack_client_id,
        client_secret=settings.slack_client_secret.get_secret_value(),
        scopes=list(BOT_SCOPES),
        authorization_url=settings.oauth_authorize_url,
        installation_store=ReturningAwareInstallationStore(client_id=settings.slack_client_id, engine=engine),
        state_store=SQLAlchemyOAuthStateStore(expiration_seconds=OAUTH_STATE_EXPIRATION_S, engine=engine),
    )
