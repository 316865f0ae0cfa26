"""The Slack Web API client: one place that sets the base URL, timeouts and retry handlers."""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)

from bot.core.settings import Settings

MAX_RETRIES = 2

# What a Web API call can end in once the client's retries are spent: Slack's answer was an error,
# or the network failed or timed out (read timeouts are not retried: a post might then be duplicated).
SLACK_CALL_FAILURES: tuple[type[Exception], ...] = (SlackApiError, OSError)


def failure_reason(error: Exception) -> str:
    """Slack's error code (`not_in_channel`, `ratelimited`, …) or the kind of network failure."""
    if isinstance(error, SlackApiError):
        return str(error.response.get("error") or f"http_{error.response.status_code}")
    return type(error).__name__


def build_web_client(settings: Settings, *, token: str | None = None) -> WebClient:
    """A client for SLACK_API_URL that retries connection errors, 429 (honouring Retry-After) and 5xx."""
    return WebClient(
        token=token,
        base_url=settings.slack_api_url,
        timeout=settings.slack_api_timeout_seconds,
        retry_handlers=[
            ConnectionErrorRetryHandler(max_retry_count=MAX_RETRIES),
            RateLimitErrorRetryHandler(max_retry_count=MAX_RETRIES),
            ServerErrorRetryHandler(max_retry_count=MAX_RETRIES),
        ],
    )
