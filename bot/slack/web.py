"""The WSGI application: Slack's endpoints through Bolt, plus a database-aware health check."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from slack_bolt import App, BoltRequest, BoltResponse
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_bolt.adapter.wsgi.http_request import WsgiHttpRequest
from slack_sdk.signature import SignatureVerifier
from sqlalchemy import Engine

from bot.core.db import database_is_reachable

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

logger = logging.getLogger(__name__)
SLACK_EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"


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


def build_wsgi_app(bolt_app: App, *, engine: Engine, signing_secret: str) -> WSGIApplication:
    """Route /healthz here and everything else (events, commands, interactivity, OAuth) to Bolt."""
    slack_handler = _MalformedPayloadGuard(bolt_app, signing_secret=signing_secret)

    def application(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        path, method = environ.get("PATH_INFO"), environ.get("REQUEST_METHOD")
        if path == HEALTH_PATH and method in ("GET", "HEAD"):
            return _health(engine, start_response)
        if path == SLACK_EVENTS_PATH and method == "POST" and not _signature_headers_well_formed(environ):
            # Bolt verifies the signature itself but fails with a 500 on a non-numeric timestamp.
            return _plain(start_response, "401 Unauthorized", b"invalid request")
        return slack_handler(environ, start_response)

    return application


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


def _health(engine: Engine, start_response: Callable[..., object]) -> list[bytes]:
    healthy = database_is_reachable(engine)
    body = json.dumps(
        {"status": "ok" if healthy else "unavailable", "database": "ok" if healthy else "unreachable"}
    ).encode()
    start_response(
        "200 OK" if healthy else "503 Service Unavailable",
        [
            ("Content-Type", "application/json"),
            ("Content-Length", str(len(body))),
            ("Cache-Control", "no-store"),
        ],
    )
    return [body]
