"""Configuration: one pydantic-settings class, read once, from the environment and an optional `.env`."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.core.token_cipher import TokenCipher, TokenKeyError

SLACK_DEFAULT_API_URL = "https://slack.com/api/"

LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]
InboxWorkers = Literal["process", "thread", "none"]
LogFormat = Literal["text", "json"]


class ConfigError(Exception):
    """Configuration that is missing or invalid; the message names the variable and what to do."""


class SlackMode(enum.Enum):
    """How the bot talks to Slack."""

    SOCKET = "socket"  # Socket Mode with an app-level token (no public URL needed)
    HTTP_SINGLE = "http-single"  # HTTP events, one workspace, bot token
    HTTP_OAUTH = "http-oauth"  # HTTP events, many workspaces via the OAuth v2 install flow


class Settings(BaseSettings):
    """Every setting of the bot. Environment variables take precedence over `.env`."""

    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        case_sensitive=False,
    )

    slack_bot_token: SecretStr | None = None
    slack_signing_secret: SecretStr | None = None
    slack_app_token: SecretStr | None = None
    slack_client_id: str | None = None
    slack_client_secret: SecretStr | None = None
    # Fernet key(s) for the tokens a multi-workspace install stores (the first encrypts; see
    # bot/core/token_cipher.py). Required with SLACK_CLIENT_ID/SLACK_CLIENT_SECRET.
    token_encryption_key: SecretStr | None = None
    slack_api_url: str = SLACK_DEFAULT_API_URL
    slack_api_timeout_seconds: int = Field(default=10, ge=1, le=120)
    database_url: str = ""
    data_dir: Path = Path("data")
    host: str = "0.0.0.0"
    port: int = Field(default=3000, ge=1, le=65535)
    log_level: LogLevel = "INFO"
    log_format: LogFormat = "text"  # json: one JSON object per line, for log collectors
    http_threads: int = Field(default=8, ge=1, le=64)
    auto_migrate: bool = True
    processed_event_retention_hours: int = Field(default=48, ge=1)
    # The durable inbox (HTTP mode): events are stored and acknowledged, then done by workers.
    # Where `norms serve` runs inbox workers: a child process at lower priority (so acknowledging
    # never competes with them), threads of its own, or none (run `norms worker` separately).
    inbox_workers: InboxWorkers = "process"
    inbox_worker_threads: int = Field(default=4, ge=1, le=64)
    inbox_max_attempts: int = Field(default=5, ge=1, le=100)
    # How long a worker holds a channel without renewing (after a crash, its channels wait this long).
    inbox_lease_seconds: float = Field(default=60.0, gt=0, le=3600)
    inbox_warn_backlog: int = Field(default=1_000, ge=1)
    inbox_max_backlog: int = Field(default=100_000, ge=100)  # beyond it, Slack is asked to retry later
    # `norms worker` on its own: GET /metrics and /healthz on this port (its counts only; none: off).
    worker_metrics_port: int | None = Field(default=None, ge=1, le=65535)
    workspace_retention_days: int = Field(default=30, ge=0)
    # Scheduled messages once sent (digests carry standup answers), failed or skipped are deleted
    # after this many days.
    sent_item_retention_days: int = Field(default=30, ge=1)
    scheduler_enabled: bool = True
    scheduler_tick_seconds: float = Field(default=15.0, gt=0, le=3600)
    scheduler_lease_seconds: float = Field(default=120.0, gt=0)
    scheduler_batch_size: int = Field(default=200, ge=1, le=5000)
    scheduler_channel_interval_seconds: float = Field(default=1.0, ge=0, le=60)
    scheduler_workers: int = Field(default=8, ge=1, le=64)
    scheduler_max_attempts: int = Field(default=5, ge=1, le=50)

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_log_level(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @field_validator(
        "slack_bot_token",
        "slack_signing_secret",
        "slack_app_token",
        "slack_client_secret",
        "token_encryption_key",
        mode="before",
    )
    @classmethod
    def _blank_secret_is_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("slack_client_id", mode="before")
    @classmethod
    def _blank_client_id_is_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("slack_bot_token")
    @classmethod
    def _bot_token_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not value.get_secret_value().startswith(("xoxb-", "xoxe.xoxb-")):
            raise ValueError("must be a bot token starting with xoxb- (OAuth & Permissions page of your app)")
        return value

    @field_validator("slack_app_token")
    @classmethod
    def _app_token_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not value.get_secret_value().startswith("xapp-"):
            raise ValueError(
                "must be an app-level token starting with xapp- (Basic Information > App-Level Tokens)"
            )
        return value

    @field_validator("slack_api_url")
    @classmethod
    def _api_url_shape(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must be an http(s) URL such as https://slack.com/api/")
        return value if value.endswith("/") else value + "/"

    @model_validator(mode="after")
    def _default_database_url(self) -> Settings:
        if not self.database_url:
            self.database_url = f"sqlite:///{self.data_dir / 'async-norms.sqlite3'}"
        return self

    @property
    def oauth_configured(self) -> bool:
        return self.slack_client_id is not None and self.slack_client_secret is not None

    @property
    def signing_secret_text(self) -> str:
        """The signing secret, or "" in Socket Mode where requests are not signed."""
        return self.slack_signing_secret.get_secret_value() if self.slack_signing_secret is not None else ""

    def slack_mode(self) -> SlackMode:
        """Decide how to connect to Slack, or raise ConfigError saying exactly what to set."""
        if self.slack_bot_token is not None and self.oauth_configured:
            raise ConfigError(
                "Both SLACK_BOT_TOKEN and SLACK_CLIENT_ID/SLACK_CLIENT_SECRET are set. "
                "Use SLACK_BOT_TOKEN for one workspace, or the client id and secret for a "
                "multi-workspace install, and unset the other."
            )
        if (self.slack_client_id is None) != (self.slack_client_secret is None):
            missing = "SLACK_CLIENT_SECRET" if self.slack_client_secret is None else "SLACK_CLIENT_ID"
            raise ConfigError(
                f"{missing} is not set. A multi-workspace install needs both SLACK_CLIENT_ID and "
                "SLACK_CLIENT_SECRET (Basic Information > App Credentials)."
            )
        if self.slack_app_token is not None:
            if self.slack_bot_token is None:
                raise ConfigError(
                    "SLACK_APP_TOKEN is set (Socket Mode) but SLACK_BOT_TOKEN is not. Set SLACK_BOT_TOKEN "
                    "to the Bot User OAuth Token (OAuth & Permissions, starts with xoxb-)."
                )
            return SlackMode.SOCKET
        missing_vars: list[str] = []
        if self.slack_signing_secret is None:
            missing_vars.append("SLACK_SIGNING_SECRET (Basic Information > App Credentials > Signing Secret)")
        if self.slack_bot_token is None and not self.oauth_configured:
            missing_vars.append(
                "SLACK_BOT_TOKEN (OAuth & Permissions > Bot User OAuth Token, starts with xoxb-), "
                "or SLACK_CLIENT_ID and SLACK_CLIENT_SECRET for a multi-workspace install"
            )
        if missing_vars:
            raise ConfigError(
                "Slack credentials are missing. Set:\n"
                + "\n".join(f"  - {item}" for item in missing_vars)
                + "\nin the environment or in a .env file in the working directory "
                "(copy .env.example). Create the Slack app from manifest.yml first; the README's "
                "quickstart shows where each value is."
            )
        if self.oauth_configured:
            self.token_cipher()  # a multi-workspace install stores tokens: it needs a key
            return SlackMode.HTTP_OAUTH
        return SlackMode.HTTP_SINGLE

    def token_cipher(self) -> TokenCipher:
        """The cipher for stored tokens; ConfigError saying what to set when the key is missing or bad."""
        how = (
            'Generate one with: python -c "from cryptography.fernet import Fernet; '
            'print(Fernet.generate_key().decode())", keep it safe (without it the stored tokens cannot '
            "be read), and set it."
        )
        if self.token_encryption_key is None:
            raise ConfigError(
                "TOKEN_ENCRYPTION_KEY is not set. A multi-workspace install stores each workspace's bot "
                f"token, encrypted with this key. {how}"
            )
        try:
            return TokenCipher(self.token_encryption_key.get_secret_value())
        except TokenKeyError as error:
            raise ConfigError(f"TOKEN_ENCRYPTION_KEY is not valid: {error}. {how}") from None

    @property
    def oauth_authorize_url(self) -> str:
        """Slack's authorize page on the same host as the Web API (slack.com, or GovSlack)."""
        base = self.slack_api_url.removesuffix("/").removesuffix("/api")
        return f"{base}/oauth/v2/authorize"


def load_settings(**overrides: object) -> Settings:
    """Read the settings, turning validation errors into one ConfigError naming each variable."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as error:
        lines = []
        for problem in error.errors():
            variable = "_".join(str(part) for part in problem["loc"]).upper() or "configuration"
            lines.append(f"  - {variable}: {problem['msg']}")
        raise ConfigError(
            "Invalid configuration:\n"
            + "\n".join(lines)
            + "\nFix the value in the environment or in .env (every setting is described in "
            "docs/configuration.md)."
        ) from None
