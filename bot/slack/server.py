"""Start the bot: HTTP (waitress) or Socket Mode, with migrations and background jobs."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import threading
from datetime import timedelta
from types import FrameType

from slack_bolt import App
from sqlalchemy import Engine
from waitress.server import create_server

from bot.core.db import create_db_engine
from bot.core.deps import Deps, build_deps, utc_now
from bot.core.inbox import Inbox
from bot.core.migrate import current_revision, head_revision, upgrade_to_head
from bot.core.settings import ConfigError, Settings, SlackMode
from bot.core.wiring import Wiring
from bot.core.workspaces import reencrypt_tokens
from bot.lint.native import build_in_use
from bot.scheduling.jobs import build_background_jobs
from bot.scheduling.scheduler import SchedulerLock
from bot.slack.inbox_worker import InboxWorker
from bot.slack.web import build_worker_wsgi_app, build_wsgi_app

logger = logging.getLogger(__name__)

# Slack's payloads are a few kilobytes; anything far larger is not from Slack.
MAX_REQUEST_BODY_BYTES = 1024 * 1024


def serve(settings: Settings, *, wiring: Wiring) -> None:
    """Run until SIGINT or SIGTERM. Raises ConfigError for configuration the operator must fix."""
    mode = settings.slack_mode()
    logger.info("linter: %s", build_in_use())
    lock = SchedulerLock(settings.database_url)
    if settings.scheduler_enabled:
        lock.acquire()
    engine = create_db_engine(settings.database_url)
    try:
        prepare_schema(engine, auto_migrate=settings.auto_migrate)
        if mode is SlackMode.HTTP_OAUTH:  # tokens an older version stored in plaintext: encrypted once
            sealed = reencrypt_tokens(engine=engine, cipher=settings.token_cipher(), plaintext_only=True)
            if sealed:
                logger.info("encrypted the stored tokens of %d installations and bots", sealed)
        deps = build_deps(settings, engine=engine)  # the one Deps of this process
        app = wiring.create_app(deps)
        tick = wiring.create_scheduler(deps, None).tick if settings.scheduler_enabled else None
        inbox = None if mode is SlackMode.SOCKET else open_inbox(settings)
        jobs = build_background_jobs(deps, tick=tick, inbox=inbox)
        jobs.start()
        stop_workers = threading.Event()
        try:
            if inbox is not None and settings.inbox_workers == "thread":
                start_inbox_worker(deps, inbox, wiring.create_worker_app(deps), stop_workers)
            elif inbox is not None and settings.inbox_workers == "process":
                keep_worker_process_running(stop_workers)
            if mode is SlackMode.SOCKET:
                _serve_socket_mode(app, settings)
            else:
                _serve_http(app, engine, settings, inbox)
        finally:
            stop_workers.set()
            jobs.shutdown(wait=False)
            if inbox is not None:
                inbox.close()
    finally:
        engine.dispose()
        lock.release()
    logger.info("Async Norms stopped")


def open_inbox(settings: Settings) -> Inbox:
    return Inbox.open(
        settings.database_url,
        clock=utc_now,
        max_backlog=settings.inbox_max_backlog,
        warn_backlog=settings.inbox_warn_backlog,
    )


def start_inbox_worker(deps: Deps, inbox: Inbox, worker_app: App, stop: threading.Event) -> threading.Thread:
    """Inbox workers in this process, in the background, until `stop` is set."""
    worker = InboxWorker(
        deps=deps,
        inbox=inbox,
        app=worker_app,
        threads=deps.settings.inbox_worker_threads,
        lease=timedelta(seconds=deps.settings.inbox_lease_seconds),
    )
    thread = threading.Thread(target=worker.run_forever, args=(stop,), name="inbox-worker", daemon=True)
    thread.start()
    return thread


WORKER_PARENT_ENV = "NORMS_WORKER_PARENT_PID"
WORKER_COMMAND = "import sys, app; sys.exit(app.main(['worker']))"
WORKER_RESTART_DELAY_S = 2.0


def keep_worker_process_running(stop: threading.Event) -> threading.Thread:
    """`norms worker` as a child process at lower priority, started again if it dies, stopped with us."""

    def watch() -> None:
        while not stop.is_set():
            child = subprocess.Popen(
                [sys.executable, "-c", WORKER_COMMAND],
                env={**os.environ, WORKER_PARENT_ENV: str(os.getpid())},
                preexec_fn=_as_lower_priority_child,  # noqa: PLW1509 - no threads are touched in it
            )
            while child.poll() is None and not stop.wait(0.5):
                pass
            if child.poll() is None:  # we are stopping
                child.terminate()
                try:
                    child.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    child.kill()
                return
            logger.error("the inbox worker process exited (%s); starting it again", child.returncode)
            stop.wait(WORKER_RESTART_DELAY_S)

    thread = threading.Thread(target=watch, name="inbox-worker-process", daemon=True)
    thread.start()
    return thread


def _as_lower_priority_child() -> None:
    """In the child before it runs: a lower CPU priority, and (Linux) SIGTERM when its parent dies."""
    os.nice(5)
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # elsewhere the worker notices its parent is gone by itself


def _parent_gone() -> bool:
    """For a worker started by `norms serve`: whether that server is gone."""
    parent = os.environ.get(WORKER_PARENT_ENV)
    return parent is not None and str(os.getppid()) != parent


def run_inbox_worker(settings: Settings, *, wiring: Wiring) -> None:
    """`norms worker`: only inbox workers, until SIGINT or SIGTERM (the server only acknowledges when
    INBOX_WORKERS=none, or runs its own workers beside these)."""
    if settings.slack_mode() is SlackMode.SOCKET:
        raise ConfigError(
            "Socket Mode has no inbox: its events are handled as they arrive. Run `norms serve`."
        )
    engine = create_db_engine(settings.database_url)
    inbox = open_inbox(settings)
    stop = threading.Event()
    _stop_on_sigterm()
    try:
        prepare_schema(engine, auto_migrate=settings.auto_migrate)
        deps = build_deps(settings, engine=engine)
        thread = start_inbox_worker(deps, inbox, wiring.create_worker_app(deps), stop)
        if settings.worker_metrics_port is not None and os.environ.get(WORKER_PARENT_ENV) is None:
            _serve_worker_metrics(engine, inbox, settings)  # `norms serve`'s own worker counts there
        while thread.is_alive() and not _parent_gone():
            thread.join(timeout=1.0)
    except (KeyboardInterrupt, SystemExit):
        logger.info("inbox worker stopping")
    finally:
        stop.set()
        inbox.close()
        engine.dispose()


def _serve_worker_metrics(engine: Engine, inbox: Inbox, settings: Settings) -> None:
    port = settings.worker_metrics_port
    try:
        server = create_server(build_worker_wsgi_app(engine=engine, inbox=inbox), host=settings.host,
                               port=port, threads=1)  # fmt: skip
    except OSError as error:
        raise ConfigError(
            f"WORKER_METRICS_PORT={port}: cannot listen on {settings.host}:{port} "
            f"({error.strerror or error}). Choose a free port, or leave WORKER_METRICS_PORT unset."
        ) from None
    threading.Thread(target=server.run, name="worker-metrics", daemon=True).start()
    logger.info("inbox worker metrics on http://%s:%s/metrics", settings.host, port)


def prepare_schema(engine: Engine, *, auto_migrate: bool) -> None:
    if auto_migrate:
        upgrade_to_head(engine)
        return
    current, head = current_revision(engine), head_revision()
    if current != head:
        raise ConfigError(
            f"The database schema is at revision {current or 'none'} but this version needs {head}. "
            "Run `norms db upgrade` (or set AUTO_MIGRATE=true)."
        )


def _serve_http(app: App, engine: Engine, settings: Settings, inbox: Inbox | None) -> None:
    server = create_server(
        build_wsgi_app(app, engine=engine, signing_secret=settings.signing_secret_text, inbox=inbox),
        host=settings.host,
        port=settings.port,
        threads=settings.http_threads,
        max_request_body_size=MAX_REQUEST_BODY_BYTES,
        ident="async-norms",
        clear_untrusted_proxy_headers=True,
    )
    _stop_on_sigterm()
    logger.info(
        "Async Norms listening on http://%s:%d (Slack requests: POST /slack/events; health: GET /healthz)",
        settings.host,
        settings.port,
    )
    server.run()


def _serve_socket_mode(app: App, settings: Settings) -> None:
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    assert settings.slack_app_token is not None
    _stop_on_sigterm()
    logger.info("Async Norms connecting to Slack in Socket Mode")
    handler = SocketModeHandler(app, settings.slack_app_token.get_secret_value())
    try:
        handler.start()  # type: ignore[no-untyped-call]
    except (KeyboardInterrupt, SystemExit):
        handler.close()  # type: ignore[no-untyped-call]


def _stop_on_sigterm() -> None:
    def raise_system_exit(_signum: int, _frame: FrameType | None) -> None:
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, raise_system_exit)
