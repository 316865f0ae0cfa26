"""The one error path: listeners raise Refusal or FormErrors, one Bolt error handler answers the person.

A real Bolt app (built by bot.slack.app.create_app) with listeners registered for the test, signed
requests dispatched to it, and the Slack stand-in recording what the person is told.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from slack_bolt import Ack, App, BoltRequest, BoltResponse

from bot.core.db import create_db_engine
from bot.core.deps import Deps, build_deps
from bot.core.errors import FieldProblem, FormErrors, Refusal
from bot.core.settings import load_settings
from bot.slack.app import SOMETHING_WENT_WRONG, create_app
from handlers.middleware import register as register_event_deduplication
from tests.support.databases import copy_sqlite_database
from tests.support.slack_requests import (
    BOT_TOKEN,
    SIGNING_SECRET,
    SlackRequest,
    event_request,
    interactive_request,
    sign,
    slash_command_request,
)
from tests.support.slack_stand_in import SlackStandIn
from tests.support.waiting import wait_until

HANDLED_REACTIONS: list[str] = []


def register_failing_listeners(app: App, deps: Deps) -> None:
    register_event_deduplication(app, deps)

    def refuse_after_ack(ack: Ack) -> None:
        ack()
        raise Refusal("Only workspace admins can do that; ask one of them.")

    def refuse_form(ack: Ack) -> None:
        raise FormErrors({"title": "Give it a title."})

    def break_unexpectedly(ack: Ack) -> None:
        ack()
        raise RuntimeError("a bug, with a secret message body in it")

    def break_a_form(ack: Ack) -> None:
        raise KeyError("oops")

    def refuse_from_home(ack: Ack) -> None:
        ack()
        raise Refusal("That prompt is for someone else.")

    def fail_the_first_time(ack: Ack, event: dict[str, Any]) -> None:
        ack()
        HANDLED_REACTIONS.append(str(event.get("reaction")))
        if len(HANDLED_REACTIONS) == 1:
            raise RuntimeError("the database went away mid-listener")

    app.event("reaction_added")(fail_the_first_time)
    app.command("/refuse")(refuse_after_ack)
    app.command("/broken")(break_unexpectedly)
    app.view("refused_form")(refuse_form)
    app.view("broken_form")(break_a_form)
    app.action("home_button")(refuse_from_home)


@pytest.fixture
def app(slack: SlackStandIn, sqlite_template: Path, tmp_path: Path) -> Iterator[App]:
    engine = create_db_engine(copy_sqlite_database(sqlite_template, tmp_path / "app.sqlite3"))
    settings = load_settings(
        _env_file=None,
        slack_bot_token=BOT_TOKEN,
        slack_signing_secret=SIGNING_SECRET,
        slack_api_url=slack.api_url,
    )
    app = create_app(build_deps(settings, engine=engine), register=register_failing_listeners)
    yield app
    app._listener_runner.listener_executor.shutdown(wait=True)
    engine.dispose()


def dispatch(app: App, request: SlackRequest) -> BoltResponse:
    headers: dict[str, str | Sequence[str]] = {"content-type": request.content_type, **sign(request.body)}
    return app.dispatch(BoltRequest(body=request.body, headers=headers))


def view_submission(callback_id: str) -> SlackRequest:
    return interactive_request(
        {
            "type": "view_submission",
            "team": {"id": "T0TEST001"},
            "user": {"id": "U0ALICE01"},
            "view": {"type": "modal", "callback_id": callback_id, "state": {"values": {}}},
        }
    )


def told(slack: SlackStandIn, method: str) -> list[dict[str, Any]]:
    return [call.args for call in slack.wait_for(method, timeout_s=5)]


def test_a_refusal_after_the_acknowledgement_is_told_privately_and_the_ack_stands(
    app: App, slack: SlackStandIn
) -> None:
    for _ in range(20):  # Bolt used to drop the ack in a race when the listener raised after it
        response = dispatch(app, slash_command_request("/refuse", response_url=slack.response_url("r")))
        assert response.status == 200
    (first, *_) = told(slack, "response_url")
    assert first["text"] == "Only workspace admins can do that; ask one of them."
    assert first["response_type"] == "ephemeral"


def test_form_errors_answer_the_submission_under_their_fields(app: App) -> None:
    response = dispatch(app, view_submission("refused_form"))
    assert response.status == 200
    assert json.loads(response.body) == {"response_action": "errors", "errors": {"title": "Give it a title."}}


def test_an_unexpected_error_is_logged_by_type_and_the_person_hears_something_went_wrong(
    app: App, slack: SlackStandIn, caplog: pytest.LogCaptureFixture
) -> None:
    assert dispatch(app, slash_command_request("/broken", response_url=slack.response_url("b"))).status == 200
    (reply,) = told(slack, "response_url")
    assert reply["text"] == SOMETHING_WENT_WRONG
    assert "RuntimeError" in caplog.text
    assert "secret message body" not in caplog.messages[-1]


def test_an_unexpected_error_in_a_form_replaces_the_form_with_an_apology(app: App) -> None:
    response = dispatch(app, view_submission("broken_form"))
    assert response.status == 200
    answer = json.loads(response.body)
    assert answer["response_action"] == "update"
    assert SOMETHING_WENT_WRONG in json.dumps(answer["view"]["blocks"])


def test_a_refusal_on_a_surface_without_response_url_arrives_by_dm(app: App, slack: SlackStandIn) -> None:
    payload = {
        "type": "block_actions",
        "team": {"id": "T0TEST001"},
        "user": {"id": "U0ALICE01"},
        "view": {"type": "home"},
        "actions": [{"action_id": "home_button", "value": "1"}],
    }
    assert dispatch(app, interactive_request(payload)).status == 200
    (message,) = told(slack, "chat.postMessage")
    assert (message["channel"], message["text"]) == ("U0ALICE01", "That prompt is for someone else.")


def test_a_validator_names_its_block_with_field_problem() -> None:
    from pydantic import BaseModel, ValidationError, model_validator

    from bot.slack.forms import form_errors

    class Form(BaseModel):
        start: int
        end: int

        @model_validator(mode="after")
        def _ordered(self) -> Form:
            if self.end <= self.start:
                raise FieldProblem("end_block", "The end must come after the start.")
            return self

    with pytest.raises(ValidationError) as invalid:
        Form(start=5, end=1)
    assert form_errors(invalid.value, block_for=lambda location: "x").by_block == {
        "end_block": "The end must come after the start."
    }
    with pytest.raises(ValidationError) as mistyped:
        Form.model_validate({"start": "soon", "end": 1})
    placed = form_errors(mistyped.value, block_for=lambda location: f"{location[0]}_block")
    assert list(placed.by_block) == ["start_block"]


def test_an_event_whose_listener_failed_is_handled_again_when_slack_redelivers_it(app: App) -> None:
    HANDLED_REACTIONS.clear()
    delivery = event_request(
        {"type": "reaction_added", "user": "U0ALICE01", "reaction": "eyes"}, event_id="Ev0FAIL01"
    )
    assert dispatch(app, delivery).status == 200
    assert wait_until(lambda: HANDLED_REACTIONS == ["eyes"])
    time.sleep(0.2)  # the error handler releases the event id after the listener raised
    assert dispatch(app, delivery).status == 200  # Slack's retry: handled, not dropped as already done
    assert wait_until(lambda: HANDLED_REACTIONS == ["eyes", "eyes"])
    assert dispatch(app, delivery).status == 200  # done now: a further repeat is dropped
    time.sleep(0.2)
    assert HANDLED_REACTIONS == ["eyes", "eyes"]
