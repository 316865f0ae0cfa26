"""The WSGI application: Events API deliveries into the inbox, the rest of Slack's endpoints through
Bolt, a database-aware health check and the Prometheus metrics page."""

from __future__ import annotations

import io
import json
import logging
import time
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from slack_bolt import App, BoltRequest, BoltResponse
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_bolt.adapter.wsgi.http_request import WsgiHttpRequest
from slack_sdk.signature import SignatureVerifier
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from bot.core import telemetry
from bot.core.db import database_is_reachable
from bot.core.inbox import Inbox, InboxUnavailableError, delivery_from

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

logger = logging.getLogger(__name__)
SLACK_EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
METRICS_PATH = "/metrics"


class _MalformedPayloadGuard(SlackRequestHandler):
    """Bolt answers 500, or raises before verifying the signature, when a payload is malformed (a
    field of the wrong type where it reads eagerly). A correctly signed one is the sender's fault, not
    ours: answer 400; an unsigned one gets the 401 any unsigned request gets."""

    def __init__(self, app: App, *, signing_secret: str) -> None:
        super().__init__(app, path=SLACK_EVENTS_PATH)
        self._verifier = SignatureVerifier(signing_secret)

    def dispatch(self, request: WsgiHttpRequest) -> BoltResponse:
        body, headers = request.get_body(), request.get_headers()
        try:
            bolt_request = BoltRequest(body=body, query=request.query_string, headers=headers)
        except Exception as error:
            flat_headers = {name: value for name, value in headers.items() if isinstance(value, str)}
            if not self._verifier.is_valid_request(body, flat_headers):
                return BoltResponse(status=401, body="invalid request")
            logger.warning(
                "a signed Slack request could not be parsed (%s); answered 400", type(error).__name__
            )
            return BoltResponse(status=400, body="malformed request")
        response = self.app.dispatch(bolt_request)
        if response.status == 500:
            logger.warning(
                "a signed Slack request could not be processed; answered 400 (see the error above)"
            )
            return BoltResponse(status=400, body="malformed request")
        return response


def build_wsgi_app(
    bolt_app: App, *, engine: Engine, signing_secret: str, inbox: Inbox | None = None
) -> WSGIApplication:
    """Route /healthz here, Events API deliveries to the inbox (when there is one), and everything else
    (commands, interactivity, OAuth, URL verification) to Bolt."""
    slack_handler = _MalformedPayloadGuard(bolt_app, signing_secret=signing_secret)
    verifier = SignatureVerifier(signing_secret)

    def application(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        operator_page = _operator_page(environ, start_response, engine, inbox)
        if operator_page is not None:
            return operator_page
        path, method = environ.get("PATH_INFO"), environ.get("REQUEST_METHOD")
        if path != SLACK_EVENTS_PATH or method != "POST":
            return slack_handler(environ, start_response)  # OAuth pages, and Bolt's 404
        started = time.perf_counter()
        kind, answer = _answer_slack(environ, start_response)
        telemetry.observe_ack(kind, time.perf_counter() - started)
        return answer

    def _answer_slack(environ: WSGIEnvironment, start_response: StartResponse) -> tuple[str, Iterable[bytes]]:
        if not _signature_headers_well_formed(environ):
            # Bolt verifies the signature itself but fails with a 500 on a non-numeric timestamp.
            return "rejected", _plain(start_response, "401 Unauthorized", b"invalid request")
        if inbox is not None and _is_json(environ):
            raw = _read_body(environ)
            answer = _store_delivery(inbox, verifier, environ, raw)
            if answer is not None:
                return "event", _plain(start_response, *answer)
            environ["wsgi.input"] = io.BytesIO(raw)  # not an event delivery: Bolt reads it again
        return "bolt", slack_handler(environ, start_response)

    return application


def build_worker_wsgi_app(*, engine: Engine, inbox: Inbox) -> WSGIApplication:
    """A `norms worker` of its own: its /metrics (its counts, and the shared queues) and /healthz."""

    def application(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        operator_page = _operator_page(environ, start_response, engine, inbox)
        if operator_page is not None:
            return operator_page
        return _plain(start_response, "404 Not Found", b"not found: this worker serves /metrics and /healthz")

    return application


def _operator_page(
    environ: WSGIEnvironment, start_response: StartResponse, engine: Engine, inbox: Inbox | None
) -> list[bytes] | None:
    """/healthz or /metrics, for the server and a worker alike; None for any other request."""
    path, method = environ.get("PATH_INFO"), environ.get("REQUEST_METHOD")
    if path == HEALTH_PATH and method in ("GET", "HEAD"):
        return _health(engine, start_response, inbox)
    if path == METRICS_PATH and method == "GET":
        return _metrics_page(engine, inbox, start_response)
    return None


def _metrics_page(engine: Engine, inbox: Inbox | None, start_response: StartResponse) -> list[bytes]:
    try:
        body, content_type = telemetry.render(engine=engine, inbox=inbox, clock=lambda: datetime.now(UTC))
    except SQLAlchemyError as error:
        logger.warning("metrics unavailable, the database did not answer: %s", type(error).__name__)
        return _plain(start_response, "503 Service Unavailable", b"database unavailable")
    start_response("200 OK", [("Content-Type", content_type), ("Content-Length", str(len(body)))])
    return [body]


def _store_delivery(
    inbox: Inbox, verifier: SignatureVerifier, environ: WSGIEnvironment, raw: bytes
) -> tuple[str, bytes] | None:
    """Acknowledge an Events API delivery once it is stored: the status and body to answer, or None
    when the request is something else for Bolt. Nothing else happens before the acknowledgement."""
    timestamp = str(environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP", ""))
    signature = str(environ.get("HTTP_X_SLACK_SIGNATURE", ""))
    if not verifier.is_valid(raw, timestamp, signature):
        return "401 Unauthorized", b"invalid request"
    try:
        body = json.loads(raw)
    except ValueError:
        return "400 Bad Request", b"malformed request"
    if not isinstance(body, dict) or body.get("type") != "event_callback":
        return None
    delivery = delivery_from(body, raw.decode("utf-8", errors="replace"))
    if delivery is None:
        logger.warning("a signed event delivery without an event id or event; answered 400")
        return "400 Bad Request", b"malformed request"
    if inbox.seen_recently(delivery):
        return "200 OK", b""
    try:
        inbox.put(delivery)
    except InboxUnavailableError as error:
        logger.error("event %s not stored, left for Slack to deliver again: %s", delivery.event_id, error)
        return "503 Service Unavailable", b"try again later"
    return "200 OK", b""


def _is_json(environ: WSGIEnvironment) -> bool:
    return str(environ.get("CONTENT_TYPE", "")).split(";", 1)[0].strip().lower() == "application/json"


def _read_body(environ: WSGIEnvironment) -> bytes:
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    return environ["wsgi.input"].read(length) if length > 0 else b""


def _signature_headers_well_formed(environ: WSGIEnvironment) -> bool:
    timestamp = environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP", "")
    signature = environ.get("HTTP_X_SLACK_SIGNATURE", "")
    return (
        isinstance(timestamp, str)
        and timestamp.isascii()
        and timestamp.isdigit()
        and len(timestamp) <= 12
        and isinstance(signature, str)
        and signature.startswith("v0=")
    )


def _plain(start_response: Callable[..., object], status: str, body: bytes) -> list[bytes]:
    start_response(
        status, [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body)))]
    )
    return [body]


def _health(engine: Engine, start_response: Callable[..., object], inbox: Inbox | None) -> list[bytes]:
    healthy = database_is_reachable(engine)
    report: dict[str, object] = {
        "status": "ok" if healthy else "unavailable",
        "database": "ok" if healthy else "unreachable",
    }
    if inbox is not None:
        report["inbox"] = _inbox_health(inbox)
        healthy = healthy and report["inbox"] != "unreachable"
        report["status"] = "ok" if healthy else "unavailable"
    body = json.dumps(report).encode()
    start_response(
        "200 OK" if healthy else "503 Service Unavailable",
        [
            ("Content-Type", "application/json"),
            ("Content-Length", str(len(body))),
            ("Cache-Control", "no-store"),
        ],
    )
    return [body]


def _inbox_health(inbox: Inbox) -> dict[str, object] | str:
    """Events waiting and the oldest one's age; "growing" past INBOX_WARN_BACKLOG."""
    try:
        waiting, oldest = inbox.depth()
    except SQLAlchemyError as error:
        logger.warning("inbox health check failed: %s", type(error).__name__)
        return "unreachable"
    age = (datetime.now(UTC) - oldest).total_seconds() if oldest is not None else 0.0
    state = "growing" if waiting >= inbox.warn_backlog else "ok"
    return {"state": state, "waiting": waiting, "oldest_seconds": round(age, 1)}
