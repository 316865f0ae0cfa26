"""Decision records over the real server: the modal, numbering, the shortcut, lifecycle, search."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import select

from bot.core.db import create_db_engine
from bot.decisions.blocks import DECISION_ACCEPT_ACTION, DECISION_MODAL_CALLBACK
from models import Decision, DecisionStatus
from tests.support.bot_process import BotProcess
from tests.support.slack_requests import (
    block_action_payload,
    interactive_request,
    message_shortcut_payload,
    post_signed,
    slash_command_request,
    unique_id,
    view_submission_payload,
)
from tests.support.slack_stand_in import SlackStandIn

pytestmark = pytest.mark.e2e


def values(**fields: Any) -> dict[str, dict[str, dict[str, Any]]]:
    """view.state.values for the decision modal from plain field values."""
    state: dict[str, dict[str, dict[str, Any]]] = {}
    for block, value in fields.items():
        if block == "status":
            element = {"type": "static_select", "selected_option": {"value": value}}
        elif block in ("decision_makers", "consulted", "informed"):
            element = {"type": "multi_users_select", "selected_users": value}
        elif block in ("decided_on", "review_by", "feedback_by"):
            element = {"type": "datepicker", "selected_date": value}
        else:
            element = {"type": "plain_text_input", "value": value}
        state[block] = {"value": element}
    return state


def submit(bot: BotProcess, team: str, user: str, **fields: Any) -> Any:
    metadata = '{"c": "C0DECIDE01", "t": null, "p": null}'
    payload = view_submission_payload(
        DECISION_MODAL_CALLBACK,
        values=values(**fields),
        private_metadata=metadata,
        user_id=user,
        team_id=team,
    )
    return post_signed(bot.base_url, interactive_request(payload))


def in_the_decision_channel(stand_in: SlackStandIn, *users: str) -> None:
    members = stand_in.channel_members.setdefault("C0DECIDE01", [])
    members.extend(user for user in users if user not in members)


def records(database_url: str, team: str) -> list[Decision]:
    engine = create_db_engine(database_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                select(Decision).where(Decision.team_id == team).order_by(Decision.number)
            )
            return [Decision(**row._mapping) for row in rows]
    finally:
        engine.dispose()


def test_decision_opens_the_modal_with_the_commands_trigger_and_title(
    bot: BotProcess, stand_in: SlackStandIn
) -> None:
    trigger = unique_id("trigger.")
    command = slash_command_request("/decision", "Use Postgres for events", trigger_id=trigger)
    assert post_signed(bot.base_url, command).status == 200
    (opened,) = stand_in.wait_for("views.open", timeout_s=5)
    assert opened.args["trigger_id"] == trigger
    view = opened.args["view"]
    assert view["callback_id"] == DECISION_MODAL_CALLBACK
    title_block = next(block for block in view["blocks"] if block["block_id"] == "title")
    assert title_block["element"]["initial_value"] == "Use Postgres for events"
    assert len(view["title"]["text"]) <= 24


def test_submitting_stores_adr_0001_and_posts_it(
    bot: BotProcess, stand_in: SlackStandIn, bot_database_url: str
) -> None:
    team = unique_id("TDEC")[:20]
    result = submit(bot, team, "U0AUTHOR01", title="Use PostgreSQL for the events store", status="accepted",
                    context="Events outgrew SQLite", outcome="PostgreSQL, because we already run it", decision_makers=["U0MAKER001"])  # fmt: skip
    assert result.status == 200
    assert result.body in ("", "{}")
    (posted,) = stand_in.wait_for("chat.postMessage", timeout_s=5)
    assert posted.args["channel"] == "C0DECIDE01"
    assert "ADR-0001: Use PostgreSQL for the events store" in str(posted.args["blocks"])
    (record,) = records(bot_database_url, team)
    assert (record.number, record.status) == (1, DecisionStatus.ACCEPTED)


def test_malformed_submissions_get_field_errors(bot: BotProcess) -> None:
    team = unique_id("TBAD")[:20]
    missing_title = submit(bot, team, "U1", title="   ", status="accepted", outcome="x")
    assert missing_title.json() == {
        "response_action": "errors",
        "errors": {"title": "Give the decision a title (at most 150 characters)."},
    }
    no_outcome = submit(bot, team, "U1", title="Pick a queue", status="accepted")
    assert set(no_outcome.json()["errors"]) == {"outcome"}
    stale_proposal = submit(
        bot, team, "U1", title="Pick a queue", status="proposed", feedback_by="2020-01-01"
    )
    assert "in the future" in stale_proposal.json()["errors"]["feedback_by"]
    wrong_types = submit(bot, team, "U1", title=["not", "text"], status={"odd": 1}, decided_on="someday")
    assert wrong_types.json()["response_action"] == "errors"
    garbage = post_signed(
        bot.base_url,
        interactive_request(
            {
                "type": "view_submission",
                "view": {"callback_id": DECISION_MODAL_CALLBACK, "state": {"values": "nope"}},
            }
        ),
    )
    assert garbage.status == 400  # signed but malformed: refused, never a 5xx
    assert bot.process.poll() is None


def test_the_shortcut_on_a_thread_prefills_context_options_and_people(
    bot: BotProcess, stand_in: SlackStandIn
) -> None:
    thread = [
        {
            "type": "message",
            "user": "U0ANA00001",
            "ts": "100.1",
            "text": "Which queue should we use for billing events?\nWe lose events on deploys.",
        },
        {
            "type": "message",
            "user": "U0BEN00001",
            "ts": "100.2",
            "thread_ts": "100.1",
            "text": "Options:\n- SQS\n- Kafka",
        },
        {
            "type": "message",
            "user": "U0CAT00001",
            "ts": "100.3",
            "thread_ts": "100.1",
            "text": "1. Postgres LISTEN/NOTIFY",
        },
        {
            "type": "message",
            "user": "U0ANA00001",
            "ts": "100.4",
            "thread_ts": "100.1",
            "text": "SQS is simplest for us",
        },
        {"type": "message", "bot_id": "B0OTHER", "ts": "100.5", "thread_ts": "100.1", "text": "reminder bot"},
    ]
    stand_in.add_thread("C0THREAD01", "100.1", thread)  # served two messages per page
    payload = message_shortcut_payload("record_as_decision", message=thread[2], channel_id="C0THREAD01")
    assert post_signed(bot.base_url, interactive_request(payload)).status == 200
    (opened,) = stand_in.wait_for("views.open", timeout_s=5)
    (filled,) = stand_in.wait_for("views.update", timeout_s=5)
    replies = stand_in.calls("conversations.replies")
    assert len(replies) == 3  # every page...
    assert opened.at < replies[0].at  # ...read after the form opened: the trigger lives 3 seconds
    first = {block["block_id"]: block for block in opened.args["view"]["blocks"]}
    assert first["title"]["element"]["initial_value"] == "1. Postgres LISTEN/NOTIFY"  # the message alone
    assert filled.args["view_id"] == opened.response["view"]["id"]
    blocks = {block["block_id"]: block for block in filled.args["view"]["blocks"]}
    assert blocks["title"]["element"]["initial_value"] == "Which queue should we use for billing events?"
    assert "We lose events on deploys." in blocks["context"]["element"]["initial_value"]
    assert blocks["options"]["element"]["initial_value"] == "SQS\nKafka\nPostgres LISTEN/NOTIFY"
    assert blocks["decision_makers"]["element"]["initial_users"] == ["U0ANA00001", "U0BEN00001", "U0CAT00001"]
    assert "archives/C0THREAD01" in filled.args["view"]["private_metadata"]


def test_a_thread_slack_will_not_serve_now_prefills_what_arrived_and_says_so(
    bot: BotProcess, stand_in: SlackStandIn
) -> None:
    message = {"type": "message", "user": "U0ANA00001", "ts": "300.1", "text": "Pick a queue for billing"}
    stand_in.add_thread("C0LIMITED1", "300.1", [message])
    stand_in.fail("conversations.replies", error="ratelimited")  # Slack's 1-a-minute pace for such apps
    payload = message_shortcut_payload("record_as_decision", message=message, channel_id="C0LIMITED1")
    assert post_signed(bot.base_url, interactive_request(payload)).status == 200
    (opened,) = stand_in.wait_for("views.open", timeout_s=5)
    (filled,) = stand_in.wait_for("views.update", timeout_s=5)
    assert filled.args["view_id"] == opened.response["view"]["id"]
    notice = filled.args["view"]["blocks"][0]
    assert notice["type"] == "context"
    assert "read only 1 message(s) of this thread" in notice["elements"][0]["text"]
    blocks = {block.get("block_id"): block for block in filled.args["view"]["blocks"]}
    assert blocks["title"]["element"]["initial_value"] == "Pick a queue for billing"


def test_status_changes_work_for_decision_makers_and_refuse_others(
    bot: BotProcess, stand_in: SlackStandIn, bot_database_url: str
) -> None:
    team = unique_id("TLIFE")[:20]
    in_the_decision_channel(stand_in, "U0STRANGER", "U0ALICE01")  # records are for its members
    submit(
        bot,
        team,
        "U0AUTHOR01",
        title="Adopt trunk-based development",
        status="proposed",
        outcome="Short-lived branches merged daily",
        feedback_by="2099-01-01",
        decision_makers=["U0MAKER001"],
    )
    stand_in.wait_for("chat.postMessage", count=2, timeout_s=5)  # the record, and its request for comments
    refused = slash_command_request(
        "/decision",
        "accept ADR-1",
        user_id="U0STRANGER",
        team_id=team,
        response_url=stand_in.response_url("refused"),
    )
    assert post_signed(bot.base_url, refused).status == 200
    (reply,) = stand_in.wait_for("response_url", timeout_s=5)
    assert "Only ADR-0001's decision-makers or its author" in reply.args["text"]
    button = block_action_payload(
        DECISION_ACCEPT_ACTION,
        value="1",
        user_id="U0MAKER001",
        team_id=team,
        response_url=stand_in.response_url("accept"),
    )
    button["container"] = {"type": "message", "channel_id": "C0DECIDE01", "message_ts": "1700000001.000100"}
    assert post_signed(bot.base_url, interactive_request(button)).status == 200
    updates = stand_in.wait_for("chat.update", timeout_s=5)  # the clicked message, then other copies
    (updated,) = [call for call in updates if call.args["ts"] == "1700000001.000100"]
    assert "accepted" in updated.args["text"]
    assert records(bot_database_url, team)[0].status is DecisionStatus.ACCEPTED
    submit(
        bot,
        team,
        "U0AUTHOR01",
        title="Adopt merge queues",
        status="accepted",
        outcome="Merge queues",
        decision_makers=["U0MAKER001"],
    )
    supersede = slash_command_request(
        "/decision",
        "supersede ADR-1 with ADR-2",
        user_id="U0MAKER001",
        team_id=team,
        response_url=stand_in.response_url("supersede"),
    )
    post_signed(bot.base_url, supersede)
    replies = stand_in.wait_for("response_url", count=2, timeout_s=5)
    assert "ADR-0001 is superseded by ADR-0002" in replies[1].args["text"]
    first, second = records(bot_database_url, team)
    assert (first.status, first.superseded_by, second.supersedes) == (DecisionStatus.SUPERSEDED, 2, 1)
    for said, reply_number in (("link ADR-2 relates to ADR-1", 3), ("show ADR-1", 4)):
        post_signed(bot.base_url, slash_command_request(
            "/decision", said, user_id="U0MAKER001", team_id=team, response_url=stand_in.response_url(unique_id("link")),
        ))  # fmt: skip
        stand_in.wait_for("response_url", count=reply_number, timeout_s=5)
    replies = stand_in.calls("response_url")
    assert "ADR-0002 relates to ADR-0001; both records show the link" in replies[2].args["text"]
    assert "Relates to ADR-0002." in replies[3].args["text"]
    submit(bot, team, "U0AUTHOR01", title="Adopt Bazel", status="proposed", feedback_by="2099-01-01",
           decision_makers=["U0MAKER001"])  # fmt: skip
    for text, answer in (
        ("accept ADR-3", "ADR-0003 has no outcome yet"),  # the form refuses it too
        ("reject ADR-2", "ADR-0002 is accepted"),  # a lifecycle, not any status at any time
    ):
        before = len(stand_in.calls("response_url"))
        command = slash_command_request("/decision", text, user_id="U0MAKER001", team_id=team,
                                        response_url=stand_in.response_url(unique_id("life")))  # fmt: skip
        assert post_signed(bot.base_url, command).status == 200
        reply = stand_in.wait_for("response_url", count=before + 1, timeout_s=5)[-1]
        assert answer in reply.args["text"], reply.args["text"]


def test_search_finds_a_record_by_a_word_of_its_context_and_stays_in_its_workspace(
    bot: BotProcess, stand_in: SlackStandIn
) -> None:
    team, other = unique_id("TSRCH")[:20], unique_id("TOTHR")[:20]
    in_the_decision_channel(stand_in, "U0STRANGER", "U0ALICE01")  # records are for its members
    submit(
        bot,
        team,
        "U1",
        title="Cache the pricing API",
        status="accepted",
        context="The pricing endpoint is slow under load",
        outcome="Redis",
    )
    submit(
        bot,
        other,
        "U1",
        title="Other team's secret plan",
        status="accepted",
        context="pricing is slow",
        outcome="Memcached",
    )
    stand_in.wait_for("chat.postMessage", count=2, timeout_s=5)
    search = slash_command_request(
        "/decision", "search endpoint", team_id=team, response_url=stand_in.response_url("search")
    )
    post_signed(bot.base_url, search)
    (reply,) = stand_in.wait_for("response_url", timeout_s=5)
    assert "ADR-0001" in reply.args["text"] and "Cache the pricing API" in reply.args["text"]
    assert "secret plan" not in reply.args["text"]


def test_buttons_refuse_the_unauthorised_and_notes_and_history_show(
    bot: BotProcess, stand_in: SlackStandIn
) -> None:
    team = unique_id("TBTN")[:20]
    in_the_decision_channel(stand_in, "U0STRANGER", "U0ALICE01")  # records are for its members
    submit(
        bot,
        team,
        "U0AUTHOR01",
        title="Move the standup to 10:30",
        status="proposed",
        feedback_by="2099-01-01",
        decision_makers=["U0MAKER001"],
    )
    stand_in.wait_for("chat.postMessage", count=2, timeout_s=5)
    button = block_action_payload(
        DECISION_ACCEPT_ACTION,
        value="1",
        user_id="U0STRANGER",
        team_id=team,
        response_url=stand_in.response_url("btn"),
    )
    assert post_signed(bot.base_url, interactive_request(button)).status == 200
    (refusal,) = stand_in.wait_for("response_url", timeout_s=5)
    assert "Only ADR-0001's decision-makers or its author" in refusal.args["text"]
    assert stand_in.calls("chat.update") == []
    note = slash_command_request(
        "/decision",
        "note ADR-1 Moved after the Berlin team joined",
        user_id="U0STRANGER",
        team_id=team,
        response_url=stand_in.response_url("note"),
    )
    post_signed(bot.base_url, note)
    show = slash_command_request(
        "/decision", "show ADR-1", team_id=team, response_url=stand_in.response_url("show")
    )
    post_signed(bot.base_url, show)
    replies = stand_in.wait_for("response_url", count=3, timeout_s=5)
    assert "Note added to ADR-0001" in replies[1].args["text"]
    assert "new → proposed" in replies[2].args["text"]
    assert "Moved after the Berlin team joined" in replies[2].args["text"]


def test_typed_text_in_a_decision_can_neither_ping_nor_disguise_a_link(
    bot: BotProcess, stand_in: SlackStandIn
) -> None:
    team, author = unique_id("TESC")[:20], unique_id("UESC")[:20]
    disguised = "<https://evil.example/login|https://sso.company.example/billing>"
    result = submit(bot, team, author, title="<!here> Use the new SSO", status="accepted",
                    context=f"<!channel> log in at {disguised}", outcome=f"Adopt it <@U0CEO00001> {disguised}",
                    decision_makers=[author])  # fmt: skip
    assert result.status == 200
    posted = next(
        call
        for call in stand_in.wait_for("chat.postMessage", timeout_s=5)
        if "Use the new SSO" in str(call.args.get("text"))
    )
    assert "<!here>" not in posted.args["text"] and "&lt;!here&gt;" in posted.args["text"]
    shown = json.dumps([block for block in posted.args["blocks"] if block["type"] != "header"])
    for raw in ("<!channel>", "<https://evil.example", "<@U0CEO00001>"):
        assert raw not in shown, raw
    note = slash_command_request("/decision", f"note ADR-1 {disguised} <!channel>", user_id=author, team_id=team,
                                 response_url=stand_in.response_url(unique_id("note")))  # fmt: skip
    noted = len(stand_in.calls("response_url"))
    assert post_signed(bot.base_url, note).status == 200
    stand_in.wait_for("response_url", count=noted + 1, timeout_s=5)
    before = len(stand_in.calls("response_url"))
    show = slash_command_request("/decision", "show ADR-1", user_id=author, team_id=team,
                                 response_url=stand_in.response_url(unique_id("show")))  # fmt: skip
    assert post_signed(bot.base_url, show).status == 200
    reply = stand_in.wait_for("response_url", count=before + 1, timeout_s=5)[-1].args["text"]
    assert "Use the new SSO" in reply and "&lt;!here&gt;" in reply
    for raw in ("<!here>", "<!channel>", "<https://evil.example", "<@U0CEO00001>"):
        assert raw not in reply, raw


def test_a_decision_is_shown_only_to_the_members_of_its_channel(
    bot: BotProcess, stand_in: SlackStandIn
) -> None:
    team, author, member, outsider = unique_id("TPRIV")[:20], "U0PRIVAUTH", "U0PRIVMEMB", "U0OUTSIDER"
    stand_in.channel_members["G0PRIVATE1"] = [author, member]
    metadata = '{"c": "G0PRIVATE1", "t": null, "p": null}'
    payload = view_submission_payload(
        DECISION_MODAL_CALLBACK, private_metadata=metadata, user_id=author, team_id=team,
        values=values(title="Layoffs in Q3", status="accepted", outcome="Confidential outcome"),
    )  # fmt: skip
    assert post_signed(bot.base_url, interactive_request(payload)).status == 200
    stand_in.wait_for("chat.postMessage", timeout_s=5)

    def ask(user: str, text: str) -> str:
        before = len(stand_in.calls("response_url"))
        command = slash_command_request("/decision", text, user_id=user, team_id=team,
                                        response_url=stand_in.response_url(unique_id("priv")))  # fmt: skip
        assert post_signed(bot.base_url, command).status == 200
        return str(stand_in.wait_for("response_url", count=before + 1, timeout_s=5)[-1].args["text"])

    for text in ("show ADR-1", "list", "search layoffs", "note ADR-1 I was here", "accept ADR-1"):
        reply = ask(outsider, text)
        assert "Layoffs" not in reply and "Confidential" not in reply, text
    assert "There is no ADR-0001 in this workspace that you can see." in ask(outsider, "show ADR-1")
    assert "Confidential outcome" in ask(member, "show ADR-1")
    assert "Layoffs in Q3" in ask(member, "list")
    stand_in.fail("users.conversations", error="ratelimited")  # membership unknown: show less, never more
    assert "Layoffs" not in ask(member, "list")
    assert "Layoffs in Q3" in ask(author, "list")  # the author took part in it


def decision_command(bot: BotProcess, stand_in: SlackStandIn, team: str, user: str, text: str) -> str:
    before = len(stand_in.calls("response_url"))
    command = slash_command_request("/decision", text, user_id=user, team_id=team, channel_id="C0DECIDE01",
                                    response_url=stand_in.response_url(unique_id("dec")))  # fmt: skip
    assert post_signed(bot.base_url, command).status == 200
    return str(stand_in.wait_for("response_url", count=before + 1, timeout_s=5)[-1].args["text"])


def test_every_posted_copy_follows_the_record_and_a_refused_post_is_explained(
    bot: BotProcess, stand_in: SlackStandIn
) -> None:
    team, admin = unique_id("TCOPY")[:20], unique_id("UADM")[:20]
    stand_in.add_user(admin, is_admin=True, tz="Europe/Berlin")
    in_the_decision_channel(stand_in, admin)
    log = slash_command_request("/decision", "log-channel here", user_id=admin, team_id=team,
                                channel_id="C0DECISIONLOG", response_url=stand_in.response_url("log"))  # fmt: skip
    assert post_signed(bot.base_url, log).status == 200
    stand_in.wait_for("response_url", timeout_s=5)
    submit(bot, team, admin, title="Use Renovate", status="accepted", outcome="Renovate, weekly",
           decision_makers=[admin])  # fmt: skip
    submit(bot, team, admin, title="Use Dependabot", status="accepted", outcome="Dependabot",
           decision_makers=[admin])  # fmt: skip
    posts = stand_in.wait_for("chat.postMessage", count=4, timeout_s=5)
    assert sorted(call.args["channel"] for call in posts) == ["C0DECIDE01", "C0DECIDE01", "C0DECISIONLOG",
                                                              "C0DECISIONLOG"]  # fmt: skip
    assert "superseded by ADR-0002" in decision_command(
        bot, stand_in, team, admin, "supersede ADR-1 with ADR-2"
    )
    updates = stand_in.wait_for("chat.update", count=4, timeout_s=5)  # both records, both copies
    assert sorted(call.args["channel"] for call in updates) == sorted(call.args["channel"] for call in posts)
    assert {str(call.args["ts"]) for call in updates} == {str(call.response["ts"]) for call in posts}
    shown = decision_command(bot, stand_in, team, admin, "show ADR-1")
    assert "Superseded by ADR-0002" in shown and "(your time)" in shown and "UTC" not in shown
    assert "Say which record" in decision_command(bot, stand_in, team, admin, "accept")
    assert not stand_in.calls("views.open")  # no form titled "accept"

    stand_in.fail("chat.postMessage", error="not_in_channel")
    submit(bot, team, admin, title="Use Snyk", status="accepted", outcome="Snyk", decision_makers=[admin])
    told = [
        c for c in stand_in.wait_for("chat.postMessage", count=6, timeout_s=5) if c.args["channel"] == admin
    ]
    assert told and "ADR-0003 is saved, but I couldn't post it" in told[-1].args["text"]
    assert "/invite @Async Norms" in told[-1].args["text"]


def test_the_log_channel_keeps_a_canvas_of_the_log_up_to_date(
    bot: BotProcess, stand_in: SlackStandIn
) -> None:
    team, admin, member = unique_id("TCANV")[:20], unique_id("UADM")[:20], unique_id("UMEM")[:20]
    stand_in.add_user(admin, is_admin=True)
    in_the_decision_channel(stand_in, admin, member)

    def said_in_log_channel(user: str, text: str) -> str:
        before = len(stand_in.calls("response_url"))
        command = slash_command_request("/decision", text, user_id=user, team_id=team, channel_id="C0LOGCANVAS",
                                        response_url=stand_in.response_url(unique_id("canvas")))  # fmt: skip
        assert post_signed(bot.base_url, command).status == 200
        return str(stand_in.wait_for("response_url", count=before + 1, timeout_s=5)[-1].args["text"])

    assert "Choose the decision-log channel first" in said_in_log_channel(admin, "canvas on")
    assert "Only workspace admins" in said_in_log_channel(member, "canvas on")
    said_in_log_channel(admin, "log-channel here")
    stand_in.fail("conversations.canvases.create", error="channel_canvas_already_exists")
    assert "The decision log is now a canvas in <#C0LOGCANVAS>" in said_in_log_channel(admin, "canvas on")
    (shared,) = stand_in.wait_for("canvases.create", timeout_s=5)  # the channel had a canvas of its own
    assert shared.args["channel_id"] == "C0LOGCANVAS"

    submit(bot, team, admin, title="Use Renovate", status="proposed", feedback_by="2099-01-01",
           decision_makers=[admin])  # fmt: skip
    edits = stand_in.wait_for("canvases.edit", count=2, timeout_s=5)
    markdown = edits[-1].args["changes"][0]["document_content"]["markdown"]
    assert edits[-1].args["canvas_id"] == "F0SHAREDCANVAS"
    assert "- **ADR-0001** Use Renovate · proposed" in markdown
    assert "ADR-0001 is now *rejected*" in decision_command(bot, stand_in, team, admin, "reject ADR-1")
    edits = stand_in.wait_for("canvases.edit", count=3, timeout_s=5)
    assert "Use Renovate · rejected" in edits[-1].args["changes"][0]["document_content"]["markdown"]
    assert "no longer updated" in said_in_log_channel(admin, "canvas off")


def test_an_admin_decides_on_an_imported_record_that_names_nobody_in_slack(
    bot: BotProcess, stand_in: SlackStandIn, bot_database_url: str
) -> None:
    from bot.core.db import create_session_factory
    from bot.decisions.adr.reader import read_record
    from bot.decisions.service import import_decision

    team, admin, member = unique_id("TIMP")[:20], unique_id("UADM")[:20], unique_id("UMEM")[:20]
    stand_in.add_user(admin, is_admin=True)
    stand_in.add_user(member)
    imported = read_record("0001-cache.md", "# Cache\n\n- Status: on hold\n- Deciders: Oliver Kopp\n\n"
                           "## Decision Outcome\n\nRedis.\n", 1)  # fmt: skip
    engine = create_db_engine(bot_database_url)
    try:
        with create_session_factory(engine).begin() as session:
            assert import_decision(session=session, team_id=team, imported=imported, now=datetime.now(UTC))
    finally:
        engine.dispose()
    assert "(on hold)" in decision_command(bot, stand_in, team, member, "show ADR-1")  # the team's: readable
    assert "a workspace admin can" in decision_command(bot, stand_in, team, member, "accept ADR-1")
    assert "ADR-0001 is now *accepted*" in decision_command(bot, stand_in, team, admin, "accept ADR-1")
    assert records(bot_database_url, team)[0].status is DecisionStatus.ACCEPTED
