"""The Slack Web API client: one place that sets the base URL, timeouts and retry handlers."""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)

from bot.settings import Settings

WEB_API_TIMEOUT_S = 10
MAX_RETRIES = 2


def build_web_client(settings: Settings, *, token: str | None = None) -> WebClient:
    """A client for SLACK_API_URL that retries connection errors, 429 (honouring Retry-After) and 5xx."""
    return WebClient(
        token=token,
        base_url=settings.slack_api_url,
        timeout=WEB_API_TIMEOUT_S,
        retry_handlers=[
            ConnectionErrorRetryHandler(max_retry_count=MAX_RETRIES),
            RateLimitErrorRetryHandler(max_retry_count=MAX_RETRIES),
            ServerErrorRetryHandler(max_retry_count=MAX_RETRIES),
        ],
    )
