"""The Slack Web API client: one place that sets the base URL, timeouts and retry handlers."""

from __future__ import annotations

from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.http_retry.handler import RetryHandler
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState
from slack_sdk.web import SlackResponse

from bot.core import telemetry
from bot.core.event_transaction import commit_before_outside_call
from bot.core.settings import Settings

MAX_RETRIES = 2
# A listener answers a person within seconds and runs on one of a few threads: it waits out a
# rate limit only this long (Slack says how long in Retry-After), and otherwise fails at once, so the
# person hears back and the other listeners keep their threads. Scheduled work waits as asked.
LISTENER_RATE_LIMIT_WAIT_S = 2.0

# What a Web API call can end in once the client's retries are spent: Slack's answer was an error,
# or the network failed or timed out (read timeouts are not retried: a post might then be duplicated).
SLACK_CALL_FAILURES: tuple[type[Exception], ...] = (SlackApiError, OSError)


def failure_reason(error: Exception) -> str:
    """Slack's error code (`not_in_channel`, `ratelimited`, …) or the kind of network failure."""
    if isinstance(error, SlackApiError):
        return str(error.response.get("error") or f"http_{error.response.status_code}")
    return type(error).__name__


class MeteredWebClient(WebClient):
    """A WebClient that counts its calls by method and outcome for /metrics (bot/core/telemetry.py)."""

    def api_call(self, api_method: str, *args: Any, **kwargs: Any) -> SlackResponse:
        commit_before_outside_call()  # an inbox event's work so far: no transaction open while Slack answers
        try:
            response = super().api_call(api_method, *args, **kwargs)
        except SlackApiError as error:
            outcome = "ratelimited" if error.response.status_code == 429 else "error"
            telemetry.count_slack_call(api_method, outcome)
            raise
        except Exception:
            telemetry.count_slack_call(api_method, "failed")  # network, timeout
            raise
        telemetry.count_slack_call(api_method, "ok")
        return response


def metered(client: WebClient) -> WebClient:
    """The same client, counting its calls (Bolt builds a plain WebClient for every request)."""
    if type(client) is WebClient:
        client.__class__ = MeteredWebClient  # no state of its own: the same object, one method more
    return client


class RateLimitCounter(RetryHandler):
    """Counts every 429 by method, whether or not another handler then retries it (it never does)."""

    def _can_retry(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        if response is not None and response.status_code == 429:
            telemetry.count_rate_limited(request.url.rstrip("/").rsplit("/", 1)[-1])
        return False


class ShortRateLimitRetryHandler(RateLimitErrorRetryHandler):
    """Retries a 429 (after its Retry-After) only when Slack asks to wait at most `max_wait_s`."""

    def __init__(self, *, max_retry_count: int, max_wait_s: float) -> None:
        super().__init__(max_retry_count=max_retry_count)
        self.max_wait_s = max_wait_s

    def _can_retry(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        if response is None or response.status_code != 429:
            return False
        return retry_after(response) <= self.max_wait_s


def retry_after(response: HttpResponse) -> float:
    """Slack's Retry-After in seconds (1 when it does not say, as slack_sdk assumes)."""
    for name, values in response.headers.items():
        if name.lower() == "retry-after":
            value = values[0] if isinstance(values, list) and values else values
            try:
                return float(str(value))
            except ValueError:
                return 1.0
    return 1.0


def build_web_client(
    settings: Settings, *, token: str | None = None, max_rate_limit_wait_s: float | None = None
) -> WebClient:
    """A client for SLACK_API_URL that retries connection errors, 429 (honouring Retry-After, up to
    `max_rate_limit_wait_s` when given) and 5xx."""
    rate_limits: RateLimitErrorRetryHandler = (
        RateLimitErrorRetryHandler(max_retry_count=MAX_RETRIES)
        if max_rate_limit_wait_s is None
        else ShortRateLimitRetryHandler(max_retry_count=MAX_RETRIES, max_wait_s=max_rate_limit_wait_s)
    )
    return MeteredWebClient(
        token=token,
        base_url=settings.slack_api_url,
        timeout=settings.slack_api_timeout_seconds,
        retry_handlers=[
            RateLimitCounter(),
            ConnectionErrorRetryHandler(max_retry_count=MAX_RETRIES),
            rate_limits,
            ServerErrorRetryHandler(max_retry_count=MAX_RETRIES),
        ],
    )
