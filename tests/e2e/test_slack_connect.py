"""Slack Connect over the real server: people from another organisation hold no admin rights here,
get no tips and have no asks tracked unless the workspace opts in, and a channel shared with another
organisation starts in observe mode."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from bot.agreement.blocks import AGREEMENT_MODAL_CALLBACK, MANAGERS
from bot.agreement.document import WorkingAgreement
from bot.core.db import create_db_engine
from models import NudgeOutcome, TrackedAsk, UserProfile
from tests.e2e.test_home_and_agreement import norms
from tests.e2e.test_nudges import message_event, nudges_for, records, settle
from tests.support.bot_process import BotProcess
from tests.support.slack_requests import (
    event_request,
    interactive_request,
    post_signed,
    slash_command_request,
    unique_id,
    view_submission_payload,
)
from tests.support.slack_stand_in import SlackStandIn
from tests.support.waiting import wait_until
from tests.unit.test_agreement import modal_values

pytestmark = pytest.mark.e2e

PARTNER_TEAM = "T0PARTNER1"  # the other organisation of the shared channels
INCOMPLETE = "thoughts?"


def send(bot: BotProcess, event: dict[str, object], *, shared_externally: bool = False) -> None:
    request = event_request(event, shared_externally=shared_externally)
    assert post_signed(bot.base_url, request).status == 200


def tracked_asks(database_url: str, recipient: str) -> list[str]:
    engine = create_db_engine(database_url)
    try:
        with engine.connect() as connection:
            query = select(TrackedAsk.message_ts).where(TrackedAsk.recipient_id == recipient)
            return list(connection.scalars(query))
    finally:
        engine.dispose()


@pytest.fixture
def outsider(stand_in: SlackStandIn) -> str:
    """An admin of another organisation, in a channel shared with this one."""
    user_id = unique_id("UEXT")[:20]
    stand_in.add_user(user_id, team_id=PARTNER_TEAM, is_admin=True, is_owner=True)
    return user_id


@pytest.fixture
def admin(stand_in: SlackStandIn) -> str:
    user_id = unique_id("UADMIN")[:20]
    stand_in.add_user(user_id, is_admin=True)
    return user_id


def test_an_admin_of_another_organisation_has_no_admin_rights_here(
    bot: BotProcess, stand_in: SlackStandIn, outsider: str, bot_database_url: str
) -> None:
    assert "Only workspace admins" in norms(bot, stand_in, outsider, "default observe")["text"]
    assert "Only workspace admins" in norms(bot, stand_in, outsider, "external on")["text"]
    assert "Only workspace admins" in norms(bot, stand_in, outsider, "agreement edit")["text"]
    result = post_signed(
        bot.base_url,
        interactive_request(
            view_submission_payload(
                AGREEMENT_MODAL_CALLBACK,
                values=modal_values(WorkingAgreement(), managers={"selected_users": [outsider]}),
                user_id=outsider,
            )
        ),
    )
    assert result.status == 200 and "errors" in json.loads(result.body)
    assert outsider not in json.dumps(norms(bot, stand_in, outsider, "agreement"))
    engine = create_db_engine(bot_database_url)
    try:
        with engine.connect() as connection:
            profile = connection.execute(select(UserProfile).where(UserProfile.user_id == outsider)).one()
    finally:
        engine.dispose()
    assert profile.is_external and profile.is_admin  # what Slack says, and what it means here


def test_an_admin_cannot_name_someone_from_another_organisation_manager(
    bot: BotProcess, stand_in: SlackStandIn, outsider: str, admin: str
) -> None:
    colleague = unique_id("UCOL")[:20]
    stand_in.add_user(colleague)
    values = modal_values(WorkingAgreement(), managers={"selected_users": [colleague, outsider]})
    result = post_signed(
        bot.base_url,
        interactive_request(view_submission_payload(AGREEMENT_MODAL_CALLBACK, values=values, user_id=admin)),
    )
    errors = json.loads(result.body)["errors"]
    assert set(errors) == {MANAGERS} and f"<@{outsider}>" in errors[MANAGERS]
    assert f"<@{colleague}>" not in errors[MANAGERS]
    summary = json.dumps(norms(bot, stand_in, admin, "agreement"))
    assert colleague not in summary and outsider not in summary  # nothing was saved


def test_someone_from_another_organisation_gets_no_tip_and_the_finding_is_observed(
    bot: BotProcess, stand_in: SlackStandIn, outsider: str, bot_database_url: str
) -> None:
    channel = unique_id("C")[:20]
    event = message_event(outsider, channel, INCOMPLETE)
    send(bot, event)
    settle(bot, stand_in, channel)  # a colleague's tip in the same channel arrives: the channel nudges
    assert nudges_for(stand_in, outsider) == []
    (record,) = records(bot_database_url, channel_id=channel, message_ts=event["ts"])
    assert record.outcome is NudgeOutcome.OBSERVED


def test_a_channel_shared_with_another_organisation_starts_in_observe_mode(
    bot: BotProcess, stand_in: SlackStandIn, bot_database_url: str, admin: str
) -> None:
    member = unique_id("UMEM")[:20]
    stand_in.add_user(member)
    shared = unique_id("CSHARED")[:20]
    event = message_event(member, shared, INCOMPLETE)
    send(bot, event, shared_externally=True)
    assert wait_until(lambda: bool(records(bot_database_url, channel_id=shared, message_ts=event["ts"])))
    assert nudges_for(stand_in, member) == []
    (record,) = records(bot_database_url, channel_id=shared, message_ts=event["ts"])
    assert record.outcome is NudgeOutcome.OBSERVED
    # A channel the bot already knew, shared later, and one an admin set on purpose.
    known, chosen = unique_id("CKNOWN")[:20], unique_id("CCHOSEN")[:20]
    send(bot, message_event(member, known, "Morning! The deploy went out fine."))
    settle(bot, stand_in, known)
    assert "*nudge*" in _channel_mode(bot, stand_in, admin, chosen, "channel nudge")
    in_known = message_event(member, known, INCOMPLETE)
    send(bot, in_known, shared_externally=True)
    send(bot, message_event(member, chosen, INCOMPLETE), shared_externally=True)
    settle(bot, stand_in, chosen)
    assert wait_until(lambda: bool(records(bot_database_url, channel_id=known, message_ts=in_known["ts"])))
    tips = [call.args["channel"] for call in nudges_for(stand_in, member)]
    assert tips == [chosen]  # the admin's choice holds; the newly shared channel only observes


def test_asks_to_and_from_another_organisation_are_tracked_only_when_the_workspace_opts_in(
    bot: BotProcess, stand_in: SlackStandIn, bot_database_url: str, outsider: str, admin: str
) -> None:
    channel = unique_id("C")[:20]
    ask = f"<@{outsider}> can you send the signed contract by Friday? Legal needs it for the renewal."
    send(bot, message_event(admin, channel, ask))
    colleague = unique_id("UCOL")[:20]
    stand_in.add_user(colleague)
    send(bot, message_event(admin, channel, ask.replace(outsider, colleague)))
    assert wait_until(lambda: bool(tracked_asks(bot_database_url, colleague))), (
        "the colleague's ask was not tracked"
    )
    assert tracked_asks(bot_database_url, outsider) == []
    assert "in shared channels now get tips" in norms(bot, stand_in, admin, "external on")["text"]
    try:
        later = message_event(admin, channel, ask)
        send(bot, later)
        assert wait_until(lambda: tracked_asks(bot_database_url, outsider) == [later["ts"]])
    finally:
        assert "get no tips" in norms(bot, stand_in, admin, "external off")["text"]


def _channel_mode(bot: BotProcess, stand_in: SlackStandIn, admin: str, channel: str, text: str) -> str:
    before = len(stand_in.calls("response_url"))
    request = slash_command_request(
        "/norms", text, user_id=admin, channel_id=channel, response_url=stand_in.response_url(unique_id("m"))
    )
    assert post_signed(bot.base_url, request).status == 200
    return str(stand_in.wait_for("response_url", count=before + 1)[-1].args["text"])
