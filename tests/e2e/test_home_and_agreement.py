"""App Home, the working agreement and its files, over the real server: for a new person and for an
admin with 500 open asks; the editor saving and refusing; export and import from the command line."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from bot.agreement.blocks import (
    AGREEMENT_EDIT_ACTION,
    AGREEMENT_MODAL_CALLBACK,
    AGREEMENT_SHARE_ACTION,
    NORM_NORMAL,
    WORK_HOURS,
)
from bot.agreement.document import WorkingAgreement
from bot.home.blocks import HOME_AWAY_ACTION, HOME_HOURS_ACTION, HOME_HOURS_CALLBACK, HOME_PAUSE_ACTION
from models import AskState, DueSource, TrackedAsk
from tests.e2e.test_decisions import submit
from tests.support.block_kit import block_kit_problems
from tests.support.bot_process import BotProcess, run_norms
from tests.support.slack_requests import (
    block_action_payload,
    event_request,
    interactive_request,
    post_signed,
    slash_command_request,
    unique_id,
    view_submission_payload,
)
from tests.support.slack_stand_in import SlackStandIn
from tests.unit.test_agreement import modal_values

pytestmark = pytest.mark.e2e
TEAM = "T0TEST001"


def open_home(bot: BotProcess, stand_in: SlackStandIn, user: str) -> dict[str, Any]:
    before = len(stand_in.calls("views.publish"))
    assert (
        post_signed(
            bot.base_url, event_request({"type": "app_home_opened", "user": user, "tab": "home"})
        ).status
        == 200
    )
    return dict(stand_in.wait_for("views.publish", count=before + 1)[-1].args["view"])


def norms(bot: BotProcess, stand_in: SlackStandIn, user: str, text: str) -> dict[str, Any]:
    before = len(stand_in.calls("response_url"))
    request = slash_command_request(
        "/norms",
        text,
        user_id=user,
        channel_id="C0TEAM0001",
        response_url=stand_in.response_url(unique_id("n")),
    )
    assert post_signed(bot.base_url, request).status == 200
    return dict(stand_in.wait_for("response_url", count=before + 1)[-1].args)


def seed_open_asks(engine: Engine, person: str, count: int) -> None:
    asked = datetime.now(UTC) - timedelta(days=3)
    with Session(engine) as session, session.begin():
        for index in range(count):
            for asker, recipient in ((f"UOTHER{index:04d}", person), (person, f"UOTHER{index:04d}")):
                session.add(
                    TrackedAsk(
                        team_id=TEAM,
                        channel_id=f"C{index:08d}",
                        message_ts=f"17000{index:05d}.{len(asker):06d}",
                        thread_ts=f"17000{index:05d}.000000",
                        asker_id=asker,
                        recipient_id=recipient,
                        urgency="normal",
                        due_source=DueSource.NORM,
                        norm_due_at=asked + timedelta(days=1),
                        due_at=asked + timedelta(days=1),
                        state=AskState.OPEN,
                        asked_at=asked,
                    )
                )


def test_a_new_persons_home_shows_their_sections_and_no_admin_tools(
    ticked_bot: BotProcess, stand_in: SlackStandIn
) -> None:
    person = unique_id("UNEW")[:20]
    stand_in.add_user(person, tz="Europe/Berlin")
    view = open_home(ticked_bot, stand_in, person)
    assert block_kit_problems(view["blocks"], surface="home") == []
    text = json.dumps(view)
    for expected in (
        "Waiting on you (0)",
        "Your standups",
        "Recent decisions",
        "Tips this week",
        "Set working hours",
        "Set away dates",
        "Pause tips for a week",
        "Working agreement",
        "/norms help",
    ):
        assert expected in text, expected
    assert "Team (admins)" not in text and AGREEMENT_EDIT_ACTION not in text


def test_an_admins_home_with_500_open_asks_each_way_stays_valid_and_shows_team_metrics(
    ticked_bot: BotProcess, stand_in: SlackStandIn, ticked_engine: Engine
) -> None:
    admin = unique_id("UADM")[:20]
    stand_in.add_user(admin, tz="America/New_York", is_admin=True)
    seed_open_asks(ticked_engine, admin, 500)
    view = open_home(ticked_bot, stand_in, admin)
    assert block_kit_problems(view["blocks"], surface="home") == []
    text = json.dumps(view)
    assert (
        "Waiting on you (500)" in text and "You're waiting on (500)" in text and "more: `/norms asks`" in text
    )
    assert "Team (admins)" in text and "responses: 1000 asks" in text and AGREEMENT_EDIT_ACTION in text


def test_home_buttons_open_the_settings_modals_and_saving_refreshes_home(
    ticked_bot: BotProcess, stand_in: SlackStandIn
) -> None:
    person = unique_id("UHOME")[:20]
    stand_in.add_user(person, tz="Asia/Tokyo")
    for action in (HOME_HOURS_ACTION, HOME_AWAY_ACTION):
        before = len(stand_in.calls("views.open"))
        payload = block_action_payload(action, user_id=person)
        payload["view"] = {"id": "VHOME", "type": "home"}
        assert post_signed(ticked_bot.base_url, interactive_request(payload)).status == 200
        modal = stand_in.wait_for("views.open", count=before + 1)[-1].args["view"]
        assert block_kit_problems(modal["blocks"], surface="modal") == []
    values: dict[str, dict[str, dict[str, Any]]] = {
        "hours_start": {"value": {"type": "timepicker", "selected_time": "17:00"}},
        "hours_end": {"value": {"type": "timepicker", "selected_time": "08:00"}},
        "hours_days": {"value": {"type": "checkboxes", "selected_options": [{"value": "mon"}]}},
        "hours_default": {"value": {"type": "checkboxes", "selected_options": []}},
    }
    bad = post_signed(
        ticked_bot.base_url,
        interactive_request(view_submission_payload(HOME_HOURS_CALLBACK, values=values, user_id=person)),
    )
    assert "hours_end" in json.loads(bad.body)["errors"]
    values["hours_start"]["value"]["selected_time"], values["hours_end"]["value"]["selected_time"] = (
        "07:30",
        "15:30",
    )
    good = post_signed(
        ticked_bot.base_url,
        interactive_request(view_submission_payload(HOME_HOURS_CALLBACK, values=values, user_id=person)),
    )
    assert good.status == 200 and "errors" not in good.body
    refreshed = stand_in.wait_for("views.publish")[-1].args["view"]
    assert "Saved your working hours" in json.dumps(refreshed) and "07:30-15:30 mon" in json.dumps(refreshed)
    pause = block_action_payload(HOME_PAUSE_ACTION, user_id=person)
    pause["view"] = {"id": "VHOME", "type": "home"}
    assert post_signed(ticked_bot.base_url, interactive_request(pause)).status == 200
    paused = stand_in.wait_for("views.publish", count=2)[-1].args["view"]
    assert "Tips paused for a week" in json.dumps(paused) and "Resume tips" in json.dumps(paused)


def test_the_agreement_editor_saves_valid_input_rejects_invalid_and_refuses_non_admins(
    ticked_bot: BotProcess, stand_in: SlackStandIn
) -> None:
    admin, member = unique_id("UADM")[:20], unique_id("UMEM")[:20]
    stand_in.add_user(admin, is_admin=True)
    stand_in.add_user(member)
    assert "Only workspace admins" in norms(ticked_bot, stand_in, member, "agreement edit")["text"]
    before = len(stand_in.calls("views.open"))
    request = slash_command_request(
        "/norms", "agreement edit", user_id=admin, response_url=stand_in.response_url("x")
    )
    assert post_signed(ticked_bot.base_url, request).status == 200
    modal = stand_in.wait_for("views.open", count=before + 1)[-1].args["view"]
    assert (
        modal["callback_id"] == AGREEMENT_MODAL_CALLBACK
        and block_kit_problems(modal["blocks"], surface="modal") == []
    )
    assert modal["private_metadata"] == "C0GENERAL"  # where it was opened: the confirmation goes there

    def submit(user: str, **changes: dict[str, object]) -> dict[str, Any]:
        values = modal_values(WorkingAgreement(), **changes)
        result = post_signed(
            ticked_bot.base_url,
            interactive_request(
                view_submission_payload(
                    AGREEMENT_MODAL_CALLBACK, values=values, user_id=user,
                    private_metadata=modal["private_metadata"],
                )
            ),
        )  # fmt: skip
        assert result.status == 200
        return json.loads(result.body) if result.body else {}

    errors = submit(admin, work_hours={"value": "17:00-09:00"}, norm_normal={"value": "soon"})["errors"]
    assert set(errors) == {WORK_HOURS, NORM_NORMAL}
    assert "errors" in submit(member, norm_normal={"value": "2"})  # lost rights: refused, nothing saved
    assert "1 business day" not in json.dumps(norms(ticked_bot, stand_in, member, "agreement"))
    assert submit(admin, norm_normal={"value": "2"}, norm_complex={"value": "4"}) == {}
    confirmed = [
        call.args for call in stand_in.wait_for("chat.postEphemeral") if call.args.get("user") == admin
    ]
    assert confirmed[-1]["channel"] == "C0GENERAL"
    assert confirmed[-1]["text"] == (
        "Saved the working agreement: normal asks answered within (business days), "
        "complex asks answered within (business days)."
    )
    summary = json.dumps(norms(ticked_bot, stand_in, member, "agreement"))
    assert "normal asks within 2 business days" in summary and f"<@{admin}>" in summary  # the change log
    assert "normal asks answered within (business days) 1 → 2" in summary.encode().decode("unicode_escape")
    assert "(your time)" in summary and "response_norms" not in summary
    assert AGREEMENT_EDIT_ACTION not in summary and AGREEMENT_SHARE_ACTION in summary
    share = block_action_payload(
        AGREEMENT_SHARE_ACTION, value="share", user_id=member, response_url=stand_in.response_url("share")
    )
    before = len(stand_in.calls("response_url"))
    assert post_signed(ticked_bot.base_url, interactive_request(share)).status == 200
    shared = stand_in.wait_for("response_url", count=before + 1)[-1].args
    assert shared["response_type"] == "in_channel" and "Our working agreement" in json.dumps(shared)


def test_agreement_files_round_trip_and_a_malformed_file_changes_nothing(
    ticked_bot: BotProcess, stand_in: SlackStandIn, ticked_database_file: Path, tmp_path: Path
) -> None:
    url = f"sqlite:///{ticked_database_file}"
    team = unique_id("TFILES")[:20]

    def norms_cli(*args: str) -> Any:
        return run_norms(*args, cwd=tmp_path, database_url=url, api_url=stand_in.api_url)

    exported = norms_cli("agreement", "export", "--team", team)
    assert exported.returncode == 0, exported.stderr
    edited = exported.stdout.replace("normal_days: 1", "normal_days: 2").replace(
        "holidays: []", "holidays:\n- day: 2027-12-24\n  name: Christmas Eve"
    )
    (tmp_path / "agreement.yml").write_text(edited)
    imported = norms_cli("agreement", "import", "agreement.yml", "--team", team)
    assert imported.returncode == 0 and "response_norms.normal_days" in imported.stdout
    assert norms_cli("agreement", "export", "--team", team).stdout == edited  # round trip
    (tmp_path / "broken.yml").write_text(
        edited.replace("normal_days: 2", "normal_days: -1").replace("hours: 09:00-17:00", "hours: soonish")
    )
    refused = norms_cli("agreement", "import", "broken.yml", "--team", team)
    assert refused.returncode == 1 and "Nothing changed" in refused.stderr
    lines = edited.splitlines()
    normal_line = next(number for number, line in enumerate(lines, start=1) if "normal_days" in line)
    hours_line = next(
        number for number, line in enumerate(lines, start=1) if line.strip().startswith("hours:")
    )
    assert f"broken.yml line {normal_line} (response_norms.normal_days)" in refused.stderr
    assert f"broken.yml line {hours_line} (working_time.hours)" in refused.stderr
    assert norms_cli("agreement", "export", "--team", team).stdout == edited  # unchanged


def test_home_shows_the_decisions_of_the_persons_own_channels(
    ticked_bot: BotProcess, stand_in: SlackStandIn
) -> None:
    insider, outsider = unique_id("UIN")[:20], unique_id("UOUT")[:20]
    for person in (insider, outsider):
        stand_in.add_user(person)
    stand_in.channel_members["C0DECIDE01"] = [insider]  # where test_decisions.submit records
    title = f"Adopt ruff {unique_id('')}"
    assert submit(ticked_bot, TEAM, insider, title=title, status="accepted", outcome="Fast").status == 200
    stand_in.wait_for("chat.postMessage")
    assert title in json.dumps(open_home(ticked_bot, stand_in, insider))
    assert title not in json.dumps(open_home(ticked_bot, stand_in, outsider))
