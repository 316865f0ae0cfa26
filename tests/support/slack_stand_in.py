"""A local stand-in for the Slack Web API: records every call and can inject failures.

It listens on an ephemeral loopback port. Point a WebClient (or the bot, via SLACK_API_URL) at
`stand_in.api_url`. Responses follow the shape of Slack's real ones for the methods the bot uses;
an unknown method answers `ok: false, error: unknown_method` so unexpected calls show up in tests.
Bolt's `respond()` posts to a response_url: use `stand_in.response_url(name)` in payloads and
the posts are recorded as method "response_url".
"""

from __future__ import annotations

import itertools
import json
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl

Payload = dict[str, Any]
DEFAULT_TEAM_ID = "T0TEST001"
BOT_USER_ID = "U0BOT0001"
BOT_ID = "B0BOT0001"


@dataclass(frozen=True)
class RecordedCall:
    method: str
    args: Payload
    token: str | None
    status: int
    response: Payload
    at: float = field(default_factory=time.monotonic)  # when the stand-in answered


@dataclass
class _Failure:
    status: int = 200
    error: str | None = None
    retry_after: int | None = None
    delay_s: float = 0.0
    remaining: int = 1


@dataclass
class SlackStandIn:
    """Start with `start()`, stop with `stop()`; or use it as a context manager."""

    team_id: str = DEFAULT_TEAM_ID
    users: dict[str, Payload] = field(default_factory=dict)
    threads: dict[tuple[str, str], list[Payload]] = field(default_factory=dict)
    channel_sizes: dict[str, int] = field(default_factory=dict)
    channel_members: dict[str, list[str]] = field(default_factory=dict)
    user_groups: dict[str, list[str]] = field(default_factory=dict)  # usergroups.users.list
    page_size: int = 2
    # What oauth.v2.access answers for a code, over the defaults: e.g. a Grid workspace's or an org-wide
    # install's team, enterprise, is_enterprise_install and access_token.
    install_answer: Payload = field(default_factory=dict)
    # What chat.postMessage posted, by conversation (a DM under its D id), for conversations.history and
    # conversations.replies (no `oldest` filter: a test's stand-in holds only that test's posts).
    posted: dict[str, list[Payload]] = field(default_factory=dict)
    _calls: list[RecordedCall] = field(default_factory=list)
    _failures: dict[str, list[_Failure]] = field(default_factory=dict)
    _overrides: dict[str, Callable[[Payload], Payload]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _changed: threading.Condition = field(init=False)
    _server: ThreadingHTTPServer | None = None
    _ts_counter: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def __post_init__(self) -> None:
        self._changed = threading.Condition(self._lock)

    # -- lifecycle ---------------------------------------------------------------------------

    def start(self) -> SlackStandIn:
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, name="slack-stand-in", daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> SlackStandIn:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        assert self._server is not None, "start() the stand-in first"
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def api_url(self) -> str:
        return f"{self.base_url}/api/"

    def response_url(self, name: str = "default") -> str:
        return f"{self.base_url}/response/{name}"

    # -- configuration -----------------------------------------------------------------------

    def add_user(
        self, user_id: str, *, tz: str = "America/New_York", is_bot: bool = False, **extra: Any
    ) -> None:
        # No team_id unless one is given: Slack answers with the asking workspace's own team, and one
        # stand-in serves tests of several workspaces. Give team_id for someone of another organisation.
        self.users[user_id] = {
            "id": user_id,
            "name": user_id.lower(),
            "real_name": f"User {user_id}",
            "tz": tz,
            "is_bot": is_bot,
            "deleted": False,
            "is_admin": False,
            "is_owner": False,
            **extra,
        }

    def add_thread(self, channel: str, thread_ts: str, messages: list[Payload]) -> None:
        self.threads[(channel, thread_ts)] = messages

    def fail(
        self,
        method: str,
        *,
        status: int = 200,
        error: str | None = None,
        retry_after: int | None = None,
        delay_s: float = 0.0,
        times: int = 1,
    ) -> None:
        """Make the next `times` calls of `method` fail: HTTP `status`, `ok: false` with `error`, or slow."""
        with self._lock:
            self._failures.setdefault(method, []).append(
                _Failure(
                    status=status, error=error, retry_after=retry_after, delay_s=delay_s, remaining=times
                )
            )

    def respond_with(self, method: str, build: Callable[[Payload], Payload]) -> None:
        self._overrides[method] = build

    def reset(self) -> None:
        with self._lock:
            self._calls.clear()
            self._failures.clear()
            self._overrides.clear()

    # -- inspection --------------------------------------------------------------------------

    def calls(self, method: str | None = None) -> list[RecordedCall]:
        with self._lock:
            return [call for call in self._calls if method is None or call.method == method]

    def successful_calls(self, method: str) -> list[RecordedCall]:
        return [call for call in self.calls(method) if call.status == 200 and call.response.get("ok")]

    def wait_for(self, method: str, count: int = 1, timeout_s: float = 5.0) -> list[RecordedCall]:
        """Wait until at least `count` calls of `method` were recorded; return them (maybe fewer)."""
        deadline = time.monotonic() + timeout_s
        with self._changed:
            while True:
                found = [call for call in self._calls if call.method == method]
                remaining = deadline - time.monotonic()
                if len(found) >= count or remaining <= 0:
                    return found
                self._changed.wait(remaining)

    # -- request handling --------------------------------------------------------------------

    def _take_failure(self, method: str) -> _Failure | None:
        with self._lock:
            queue = self._failures.get(method)
            if not queue:
                return None
            failure = queue[0]
            failure.remaining -= 1
            if failure.remaining <= 0:
                queue.pop(0)
            return failure

    def _record(self, call: RecordedCall) -> None:
        with self._changed:
            self._calls.append(call)
            self._changed.notify_all()

    def handle(self, method: str, args: Payload, token: str | None) -> tuple[int, dict[str, str], Payload]:
        failure = self._take_failure(method)
        headers: dict[str, str] = {}
        if failure is not None:
            if failure.delay_s:
                time.sleep(failure.delay_s)
            if failure.status == 429:
                headers["Retry-After"] = str(failure.retry_after if failure.retry_after is not None else 1)
                response: Payload = {"ok": False, "error": "ratelimited"}
            elif failure.status >= 500:
                response = {"ok": False, "error": "internal_error"}
            elif failure.error is not None:
                response = {"ok": False, "error": failure.error}
            else:
                response = self._answer(method, args)
            self._record(RecordedCall(method, args, token, failure.status, response))
            return failure.status, headers, response
        response = self._answer(method, args)
        self._record(RecordedCall(method, args, token, 200, response))
        return 200, headers, response

    def _next_ts(self) -> str:
        return f"{1_700_000_000 + next(self._ts_counter)}.000100"

    def _answer(self, method: str, args: Payload) -> Payload:
        override = self._overrides.get(method)
        if override is not None:
            return override(args)
        answer = _DEFAULT_ANSWERS.get(method)
        if answer is None:
            return {"ok": False, "error": "unknown_method"}
        return answer(self, args)


def _auth_test(stand_in: SlackStandIn, _args: Payload) -> Payload:
    return {
        "ok": True,
        "url": "https://test-team.slack.com/",
        "team": "Test Team",
        "user": "asyncnorms",
        "team_id": stand_in.team_id,
        "user_id": BOT_USER_ID,
        "bot_id": BOT_ID,
        "is_enterprise_install": False,
    }


def _post_message(stand_in: SlackStandIn, args: Payload) -> Payload:
    ts = stand_in._next_ts()
    channel = str(args.get("channel") or "")
    conversation = _dm_id(channel) if channel.startswith(("U", "W")) else channel
    posted = {"type": "message", "ts": ts, "text": args.get("text", ""), "user": BOT_USER_ID}
    if args.get("metadata"):
        posted["metadata"] = args["metadata"]
    if args.get("thread_ts"):
        posted["thread_ts"] = args["thread_ts"]
    with stand_in._lock:
        stand_in.posted.setdefault(conversation, []).append(posted)
    return {
        "ok": True,
        "channel": args.get("channel"),
        "ts": ts,
        "message": {
            "type": "message",
            "text": args.get("text", ""),
            "user": BOT_USER_ID,
            "bot_id": BOT_ID,
            "ts": ts,
        },
    }


def _post_ephemeral(stand_in: SlackStandIn, _args: Payload) -> Payload:
    return {"ok": True, "message_ts": stand_in._next_ts()}


def _view(stand_in: SlackStandIn, args: Payload) -> Payload:
    view = args.get("view")
    if isinstance(view, str):
        view = json.loads(view)
    return {
        "ok": True,
        "view": {"id": f"V{next(stand_in._ts_counter):08d}", "team_id": stand_in.team_id, **(view or {})},
    }


def _users_info(stand_in: SlackStandIn, args: Payload) -> Payload:
    user = stand_in.users.get(str(args.get("user")))
    return {"ok": True, "user": user} if user else {"ok": False, "error": "user_not_found"}


def _conversations_replies(stand_in: SlackStandIn, args: Payload) -> Payload:
    channel, thread_ts = str(args.get("channel")), str(args.get("ts"))
    replies = [m for m in stand_in.posted.get(channel, []) if m.get("thread_ts") == thread_ts]
    configured = stand_in.threads.get((channel, thread_ts))
    if configured is None and not replies:
        return {"ok": False, "error": "thread_not_found"}
    messages = [*(configured or []), *_with_metadata(replies, args)]
    start = int(args.get("cursor") or 0)
    page = messages[start : start + stand_in.page_size]
    more = start + stand_in.page_size < len(messages)
    return {
        "ok": True,
        "messages": page,
        "has_more": more,
        "response_metadata": {"next_cursor": str(start + stand_in.page_size) if more else ""},
    }


def _conversations_history(stand_in: SlackStandIn, args: Payload) -> Payload:
    posted = stand_in.posted.get(str(args.get("channel")), [])
    newest_first = _with_metadata([m for m in reversed(posted) if "thread_ts" not in m], args)
    start = int(args.get("cursor") or 0)
    more = start + stand_in.page_size < len(newest_first)
    return {
        "ok": True,
        "messages": newest_first[start : start + stand_in.page_size],
        "has_more": more,
        "response_metadata": {"next_cursor": str(start + stand_in.page_size) if more else ""},
    }


def _with_metadata(messages: list[Payload], args: Payload) -> list[Payload]:
    """Messages as Slack returns them: metadata only when asked for with include_all_metadata."""
    if str(args.get("include_all_metadata")).lower() in ("true", "1"):
        return messages
    return [{k: v for k, v in message.items() if k != "metadata"} for message in messages]


def _dm_id(user: str) -> str:
    """The app's DM with a person (as conversations.open answers)."""
    return "D" + user.removeprefix("U")[:10]


def _conversations_info(stand_in: SlackStandIn, args: Payload) -> Payload:
    channel = str(args.get("channel", ""))
    size = stand_in.channel_sizes.get(channel, 12)
    return {
        "ok": True,
        "channel": {"id": channel, "name": channel.lower(), "is_member": True, "num_members": size},
    }


def _conversations_members(stand_in: SlackStandIn, args: Payload) -> Payload:
    members = stand_in.channel_members.get(str(args.get("channel", "")), [])
    start = int(str(args.get("cursor") or "0"))
    page = members[start : start + stand_in.page_size]
    more = start + stand_in.page_size < len(members)
    return {
        "ok": True,
        "members": page,
        "response_metadata": {"next_cursor": str(start + stand_in.page_size) if more else ""},
    }


def _users_conversations(stand_in: SlackStandIn, args: Payload) -> Payload:
    user = str(args.get("user", ""))
    channels = [{"id": channel} for channel, members in stand_in.channel_members.items() if user in members]
    return {"ok": True, "channels": channels, "response_metadata": {"next_cursor": ""}}


def _conversations_open(_stand_in: SlackStandIn, args: Payload) -> Payload:
    users = str(args.get("users", ""))
    return {"ok": True, "channel": {"id": _dm_id(users.split(",", maxsplit=1)[0])}}


def _permalink(_stand_in: SlackStandIn, args: Payload) -> Payload:
    ts = str(args.get("message_ts", "")).replace(".", "")
    return {"ok": True, "permalink": f"https://test-team.slack.com/archives/{args.get('channel')}/p{ts}"}


INSTALLED_TEAM_ID = "T0INSTALL"
INSTALLED_BOT_TOKEN = "xoxb-9999999999-8888888888-INSTALLEDTOKEN"


ROTATED_BOT_TOKEN = "xoxe.xoxb-1-ROTATEDTOKENVALUE"


def _oauth_access(stand_in: SlackStandIn, args: Payload) -> Payload:
    if args.get("grant_type") == "refresh_token":
        if not args.get("refresh_token"):
            return {"ok": False, "error": "invalid_refresh_token"}
        return {
            "ok": True,
            "app_id": "A0TESTAPP1",
            "token_type": "bot",
            "access_token": ROTATED_BOT_TOKEN,
            "refresh_token": "xoxe-1-NEXTREFRESHTOKEN",
            "expires_in": 43200,
            "scope": "chat:write,commands",
            "bot_user_id": BOT_USER_ID,
            "team": {"id": INSTALLED_TEAM_ID, "name": "Installed Team"},
            "enterprise": None,
            "is_enterprise_install": False,
        }
    if not args.get("code"):
        return {"ok": False, "error": "invalid_code"}
    return {
        "ok": True,
        "app_id": "A0TESTAPP1",
        "authed_user": {"id": "U0ALICE01"},
        "scope": "chat:write,commands",
        "token_type": "bot",
        "access_token": INSTALLED_BOT_TOKEN,
        "bot_user_id": BOT_USER_ID,
        "team": {"id": INSTALLED_TEAM_ID, "name": "Installed Team"},
        "enterprise": None,
        "is_enterprise_install": False,
        **stand_in.install_answer,
    }


def _ok(_stand_in: SlackStandIn, _args: Payload) -> Payload:
    return {"ok": True}


_DEFAULT_ANSWERS: dict[str, Callable[[SlackStandIn, Payload], Payload]] = {
    "auth.test": _auth_test,
    "chat.postMessage": _post_message,
    "chat.update": _post_message,
    "chat.postEphemeral": _post_ephemeral,
    "chat.delete": _ok,
    "chat.getPermalink": _permalink,
    "views.open": _view,
    "views.publish": _view,
    "views.update": _view,
    "views.push": _view,
    "users.info": _users_info,
    "conversations.history": _conversations_history,
    "conversations.replies": _conversations_replies,
    "conversations.open": _conversations_open,
    "conversations.info": _conversations_info,
    "conversations.members": _conversations_members,
    "users.conversations": _users_conversations,
    "oauth.v2.access": _oauth_access,
    "response_url": _ok,
    "usergroups.users.list": lambda stand_in, args: (
        {"ok": True, "users": stand_in.user_groups[str(args.get("usergroup"))]}
        if str(args.get("usergroup")) in stand_in.user_groups
        else {"ok": False, "error": "no_such_subteam"}
    ),
    "conversations.canvases.create": lambda stand_in, _args: {"ok": True, "canvas_id": "F0CHANNELCANVAS"},
    "canvases.create": lambda stand_in, _args: {"ok": True, "canvas_id": "F0SHAREDCANVAS"},
    "canvases.edit": _ok,
}


def _handler_for(stand_in: SlackStandIn) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length).decode("utf-8") if length else ""
            if self.path.startswith("/api/"):
                method = self.path.removeprefix("/api/").split("?", 1)[0]
            elif self.path.startswith("/response/"):
                method = "response_url"
            else:
                self._send(404, {}, {"ok": False, "error": "not_found"})
                return
            args = _parse_body(raw, self.headers.get("Content-Type", ""))
            if "?" in self.path:  # GET methods (usergroups.users.list) send their arguments in the URL
                query = urllib.parse.parse_qs(self.path.split("?", 1)[1])
                args = {**{key: values[0] for key, values in query.items()}, **args}
            authorization = self.headers.get("Authorization", "")
            token = authorization.removeprefix("Bearer ") if authorization.startswith("Bearer ") else None
            if token is None and isinstance(args.get("token"), str):
                token = args["token"]
            status, headers, response = stand_in.handle(method, args, token)
            self._send(status, headers, response)

        do_GET = do_POST  # noqa: N815 - the name http.server looks up

        def _send(self, status: int, headers: dict[str, str], payload: Payload) -> None:
            body = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            for name, value in headers.items():
                self.send_header(name, value)
            try:
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client timed out and left, as timeout tests intend

        def log_message(self, format: str, *args: Any) -> None:
            return

    return Handler


def _parse_body(raw: str, content_type: str) -> Payload:
    if not raw:
        return {}
    if "json" in content_type:
        parsed = json.loads(raw)
        return parsed if isinstance(parsed, dict) else {"_body": parsed}
    args: Payload = {}
    for key, value in parse_qsl(raw, keep_blank_values=True):
        args[key] = _maybe_json(value)
    return args


def _maybe_json(value: str) -> Any:
    if value[:1] in ("[", "{"):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value
