"""Two workspaces on one server: everything the second can reach shows nothing of the first."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

import pytest

from bot.decisions.blocks import DECISION_ACCEPT_ACTION
from bot.standups.blocks import STANDUP_CONFIG_CALLBACK
from tests.e2e.test_decisions import submit
from tests.e2e.test_standups import config_values
from tests.support.bot_process import NORMS_SCRIPT, BotProcess, clean_environment
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
from tests.support.waiting import wait_until

pytestmark = pytest.mark.e2e

SECRET = "Marmalade"  # a word only the first workspace's data contains
SECRET_CHANNEL = "C0MARMALADE"  # the channel only the first workspace's ask was made in


def command_reply(
    bot: BotProcess, stand_in: SlackStandIn, team: str, user: str, command: str, text: str
) -> str:
    before = len(stand_in.calls("response_url"))
    request = slash_command_request(
        command,
        text,
        team_id=team,
        user_id=user,
        channel_id="C0SHARED01",
        response_url=stand_in.response_url(),
    )
    answer = post_signed(bot.base_url, request)
    assert answer.status == 200
    replies = stand_in.wait_for("response_url", count=before + 1, timeout_s=5)[before:]
    assert replies, f"no reply to {command} {text}"
    return answer.body + "".join(json.dumps(call.args) for call in replies)


def test_the_second_workspace_sees_nothing_of_the_first(
    bot: BotProcess, stand_in: SlackStandIn, bot_database_url: str, tmp_path: Path
) -> None:
    first, second = unique_id("TFIRST")[:20], unique_id("TSECOND")[:20]
    admin = unique_id("UADMIN")
    stand_in.add_user(admin, is_admin=True)
    submit(
        bot,
        first,
        admin,
        title=f"{SECRET} migration",
        status="accepted",
        context=f"{SECRET} is slow",
        outcome="Go",
    )
    stand_in.wait_for("chat.postMessage", timeout_s=5)
    assert SECRET in command_reply(bot, stand_in, first, admin, "/decision", f"search {SECRET.lower()}")
    assert "*observe*" in command_reply(bot, stand_in, first, admin, "/norms", "channel observe")
    colleague = unique_id("UCOLLEAGUE")
    stand_in.add_user(colleague, tz="Europe/Berlin")
    ask = {"type": "message", "channel": SECRET_CHANNEL, "channel_type": "channel", "user": admin,
           "text": f"<@{colleague}> can you review the {SECRET} RFC? It blocks the launch.", "ts": f"{time.time():.6f}"}  # fmt: skip
    assert post_signed(bot.base_url, event_request(ask, team_id=first)).status == 200
    assert wait_until(
        lambda: SECRET_CHANNEL in command_reply(bot, stand_in, first, admin, "/norms", "asks")
    ), "the first workspace's ask was not tracked"
    standup = view_submission_payload(STANDUP_CONFIG_CALLBACK, values=config_values([admin, colleague]),
                                      private_metadata="C0SHARED01", user_id=admin, team_id=first)  # fmt: skip
    assert post_signed(bot.base_url, interactive_request(standup)).status == 200
    assert wait_until(
        lambda: "Standup here" in command_reply(bot, stand_in, first, admin, "/standup", "status")
    )
    stand_in.reset()
    stand_in.add_user(admin, is_admin=True)

    seen = [
        command_reply(bot, stand_in, second, admin, "/decision", "list"),
        command_reply(bot, stand_in, second, admin, "/decision", f"search {SECRET.lower()}"),
        command_reply(bot, stand_in, second, admin, "/decision", "show ADR-0001"),
        command_reply(bot, stand_in, second, admin, "/norms", "channel"),
        command_reply(bot, stand_in, second, admin, "/norms", "asks"),
        command_reply(bot, stand_in, second, colleague, "/norms", "asks"),
        command_reply(bot, stand_in, second, admin, "/standup", "status"),
        command_reply(bot, stand_in, second, admin, "/standup", "history 30"),
    ]
    assert not any(SECRET in reply or SECRET_CHANNEL in reply for reply in seen), seen
    assert "(0)" in seen[4] and "(0)" in seen[5]
    assert "no standup yet" in seen[6] and "no standup yet" in seen[7]
    assert "*observe*" not in seen[3]
    assert "ADR-0001" in seen[2] and "no" in seen[2].lower()

    accept = block_action_payload(
        DECISION_ACCEPT_ACTION, value="1", team_id=second, user_id=admin, response_url=stand_in.response_url()
    )
    assert post_signed(bot.base_url, interactive_request(accept)).status == 200
    (refusal,) = stand_in.wait_for("response_url", count=9, timeout_s=5)[8:]
    assert SECRET not in json.dumps(refusal.args)
    home = event_request({"type": "app_home_opened", "user": admin, "tab": "home"}, team_id=second)
    assert post_signed(bot.base_url, home).status == 200
    stand_in.wait_for("views.publish", timeout_s=5)
    outbound = json.dumps([call.args for call in stand_in.calls()])
    assert SECRET not in outbound and SECRET_CHANNEL not in outbound

    submit(bot, second, admin, title="Second's own record", status="accepted", outcome="Fine")
    (posted,) = stand_in.wait_for("chat.postMessage", timeout_s=5)
    assert "ADR-0001" in json.dumps(posted.args)

    exported = subprocess.run(
        [str(NORMS_SCRIPT), "decisions", "export", "adr", "--team", second],
        cwd=tmp_path, env=clean_environment(DATABASE_URL=bot_database_url), capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert exported.returncode == 0, exported.stderr
    files = {path.name: path.read_text() for path in (tmp_path / "adr").iterdir()}
    assert len(files) == 2 and "index.md" in files
    assert not any(SECRET in text for text in files.values())
    metrics = subprocess.run(
        [str(NORMS_SCRIPT), "metrics", "--team", second, "--json"],
        cwd=tmp_path, env=clean_environment(DATABASE_URL=bot_database_url), capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert metrics.returncode == 0, metrics.stderr
    assert SECRET_CHANNEL not in metrics.stdout and '"asks": 0' in metrics.stdout


def test_the_working_agreement_of_one_workspace_is_not_anothers(
    bot: BotProcess, stand_in: SlackStandIn, bot_database_url: str, tmp_path: Path
) -> None:
    first, second = unique_id("TAGREE1")[:20], unique_id("TAGREE2")[:20]

    def norms(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(NORMS_SCRIPT), *args], cwd=tmp_path, env=clean_environment(DATABASE_URL=bot_database_url),
                              capture_output=True, text=True, check=False)  # fmt: skip

    exported = norms("agreement", "export", "--team", first).stdout
    (tmp_path / "first.yml").write_text(
        exported.replace("holidays: []", f"holidays:\n- day: 2027-01-04\n  name: {SECRET} day")
    )
    assert norms("agreement", "import", "first.yml", "--team", first).returncode == 0
    assert SECRET in norms("agreement", "export", "--team", first).stdout
    assert SECRET not in norms("agreement", "export", "--team", second).stdout
    admin = unique_id("UADMIN")
    stand_in.add_user(admin, is_admin=True)
    summary = command_reply(bot, stand_in, second, admin, "/norms", "agreement")
    assert "Our working agreement" in summary and SECRET not in summary
