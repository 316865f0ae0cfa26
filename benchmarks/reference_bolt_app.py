"""The reference for benchmarks/load.py: a minimal Bolt app that only acknowledges, under the same
WSGI server and settings as `norms serve` (waitress, HTTP_THREADS threads, signature verification).

Run by the benchmark with PORT, SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET and SLACK_API_URL (the stand-in)
in the environment.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from typing import Any

from slack_bolt import Ack, App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk import WebClient
from waitress import serve


def build() -> Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]:
    client = WebClient(token=os.environ["SLACK_BOT_TOKEN"], base_url=os.environ["SLACK_API_URL"])
    app = App(
        client=client,
        signing_secret=os.environ["SLACK_SIGNING_SECRET"],
        token_verification_enabled=False,
    )

    @app.event("message")
    def ignore_message() -> None:
        return None

    @app.command("/norms")
    def acknowledge_command(ack: Ack) -> None:
        ack()

    slack = SlackRequestHandler(app)

    def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == "/healthz":
            start_response("200 OK", [("Content-Type", "text/plain")])
            return [b"ok"]
        return slack(environ, start_response)

    return application


if __name__ == "__main__":
    serve(
        build(),
        host="127.0.0.1",
        port=int(os.environ["PORT"]),
        threads=int(os.environ.get("HTTP_THREADS", "8")),
        ident="bolt-reference",
    )
