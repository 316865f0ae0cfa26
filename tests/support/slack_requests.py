"""Build correctly signed Slack requests (events, commands, shortcuts, actions, view submissions)."""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from tests.support.slack_stand_in import DEFAULT_TEAM_ID

SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"  # a test value, not a real secret
# A Fernet key for the tokens a multi-workspace install stores (base64 of 32 bytes; tests only).
TOKEN_KEY = "dGVzdC1rZXktZm9yLWFzeW5jLW5vcm1zLXRlc3RzISE="
BOT_TOKEN = "xoxb-1111111111-2222222222-TESTTOKENVALUE"
API_APP_ID = "A0TESTAPP1"

_ids = itertools.count(1)


def unique_id(prefix: str) -> str:
    return f"{prefix}{int(time.time() * 1000) % 10**9:09d}{next(_ids):06d}"


def sign(body: str, *, secret: str = SIGNING_SECRET, timestamp: int | None = None) -> dict[str, str]:
    """The two headers Slack sends: X-Slack-Request-Timestamp and X-Slack-Signature (v0 HMAC-SHA256)."""
    ts = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": str(ts), "X-Slack-Signature": f"v0={digest}"}


@dataclass(frozen=True)
class SlackRequest:
    body: str
    content_type: str


def event_request(
    event: dict[str, Any],
    *,
    team_id: str = DEFAULT_TEAM_ID,
    event_id: str | None = None,
    shared_externally: bool = False,
    enterprise_id: str | None = None,
    org_wide_install: bool = False,
) -> SlackRequest:
    """An Events API delivery; `enterprise_id` for a workspace of an Enterprise Grid org, and
    `org_wide_install` when the app is installed for the whole org rather than the workspace."""
    payload = {
        "token": "legacy-verification-token",
        "team_id": team_id,
        "enterprise_id": enterprise_id,
        "api_app_id": API_APP_ID,
        "event": event,
        "type": "event_callback",
        "event_id": event_id or unique_id("Ev"),
        "event_time": int(time.time()),
        "is_ext_shared_channel": shared_externally,  # a Slack Connect channel
        "authorizations": [
            {
                "enterprise_id": enterprise_id,
                "team_id": None if org_wide_install else team_id,
                "user_id": "U0BOT0001",
                "is_bot": True,
                "is_enterprise_install": org_wide_install,
            }
        ],
    }
    if enterprise_id is None:
        del payload["enterprise_id"]
    return SlackRequest(json.dumps(payload), "application/json")


def url_verification_request(challenge: str) -> SlackRequest:
    payload = {"token": "legacy", "challenge": challenge, "type": "url_verification"}
    return SlackRequest(json.dumps(payload), "application/json")


def slash_command_request(
    command: str,
    text: str = "",
    *,
    user_id: str = "U0ALICE01",
    channel_id: str = "C0GENERAL",
    team_id: str = DEFAULT_TEAM_ID,
    response_url: str = "http://127.0.0.1:9/response/unused",
    trigger_id: str | None = None,
) -> SlackRequest:
    form = {
        "token": "legacy",
        "team_id": team_id,
        "team_domain": "test-team",
        "channel_id": channel_id,
        "channel_name": "general",
        "user_id": user_id,
        "user_name": user_id.lower(),
        "command": command,
        "text": text,
        "api_app_id": API_APP_ID,
        "response_url": response_url,
        "trigger_id": trigger_id or unique_id("trigger."),
    }
    return SlackRequest(urlencode(form), "application/x-www-form-urlencoded")


def interactive_request(payload: dict[str, Any]) -> SlackRequest:
    """Interactivity (shortcuts, block actions, view submissions) arrives as a form field `payload`."""
    return SlackRequest(urlencode({"payload": json.dumps(payload)}), "application/x-www-form-urlencoded")


def message_shortcut_payload(
    callback_id: str,
    *,
    message: dict[str, Any],
    channel_id: str = "C0GENERAL",
    user_id: str = "U0ALICE01",
    team_id: str = DEFAULT_TEAM_ID,
    response_url: str = "http://127.0.0.1:9/response/unused",
) -> dict[str, Any]:
    return {
        "type": "message_action",
        "callback_id": callback_id,
        "trigger_id": unique_id("trigger."),
        "team": {"id": team_id, "domain": "test-team"},
        "user": {"id": user_id, "team_id": team_id},
        "channel": {"id": channel_id, "name": "general"},
        "message": message,
        "message_ts": message.get("ts"),
        "response_url": response_url,
        "api_app_id": API_APP_ID,
        "token": "legacy",
    }


def block_action_payload(
    action_id: str,
    *,
    value: str = "",
    block_id: str = "block",
    user_id: str = "U0ALICE01",
    team_id: str = DEFAULT_TEAM_ID,
    channel_id: str = "C0GENERAL",
    response_url: str = "http://127.0.0.1:9/response/unused",
) -> dict[str, Any]:
    return {
        "type": "block_actions",
        "team": {"id": team_id, "domain": "test-team"},
        "user": {"id": user_id, "team_id": team_id},
        "api_app_id": API_APP_ID,
        "token": "legacy",
        "trigger_id": unique_id("trigger."),
        "channel": {"id": channel_id},
        "response_url": response_url,
        "actions": [
            {
                "type": "button",
                "action_id": action_id,
                "block_id": block_id,
                "value": value,
                "action_ts": "1.2",
            }
        ],
    }


def view_submission_payload(
    callback_id: str,
    *,
    values: dict[str, dict[str, dict[str, Any]]],
    private_metadata: str = "",
    user_id: str = "U0ALICE01",
    team_id: str = DEFAULT_TEAM_ID,
) -> dict[str, Any]:
    return {
        "type": "view_submission",
        "team": {"id": team_id, "domain": "test-team"},
        "user": {"id": user_id, "team_id": team_id},
        "api_app_id": API_APP_ID,
        "token": "legacy",
        "trigger_id": unique_id("trigger."),
        "view": {
            "id": unique_id("V"),
            "team_id": team_id,
            "type": "modal",
            "callback_id": callback_id,
            "private_metadata": private_metadata,
            # The input blocks, as Slack sends them back (their elements do not matter here).
            "blocks": [{"type": "input", "block_id": block_id} for block_id in values],
            "state": {"values": values},
            "hash": "1.abc",
        },
    }


@dataclass(frozen=True)
class HttpResult:
    status: int
    body: str
    headers: dict[str, str] = field(default_factory=dict)

    def json(self) -> Any:
        return json.loads(self.body)


def http_request(
    url: str,
    *,
    method: str = "GET",
    body: str | None = None,
    headers: dict[str, str] | None = None,
    timeout_s: float = 10.0,
) -> HttpResult:
    data = body.encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout_s) as response:
            return HttpResult(response.status, response.read().decode(), dict(response.headers))
    except urllib.error.HTTPError as error:
        return HttpResult(error.code, error.read().decode(), dict(error.headers))


def post_signed(
    base_url: str,
    request: SlackRequest,
    *,
    secret: str = SIGNING_SECRET,
    timestamp: int | None = None,
    extra_headers: dict[str, str] | None = None,
    path: str = "/slack/events",
) -> HttpResult:
    headers = {"Content-Type": request.content_type, **sign(request.body, secret=secret, timestamp=timestamp)}
    headers.update(extra_headers or {})
    return http_request(base_url + path, method="POST", body=request.body, headers=headers)
