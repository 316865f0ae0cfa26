"""Block Kit for asks stays within Slack's limits however many asks there are."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.asks.blocks import ASK_ACTION_IDS, build_asker_notice, build_open_asks, build_recipient_reminder
from bot.asks.service import AskAction, OpenAsks, ask_summary
from bot.home.help import build_home_view
from models import AskState, DueSource, TrackedAsk

NOW = datetime(2027, 1, 12, 8, 0, tzinfo=UTC)
BERLIN = ZoneInfo("Europe/Berlin")


def many_asks(count: int) -> list[TrackedAsk]:
    return [
        TrackedAsk(
            id=index + 1,
            team_id="T1",
            channel_id=f"C{index:09d}",
            message_ts=f"17000{index:05d}.000100",
            thread_ts=f"17000{index:05d}.000100",
            asker_id=f"UASKER{index:05d}",
            recipient_id=f"URECIP{index:05d}",
            urgency="normal",
            due_source=DueSource.NORM,
            norm_due_at=NOW - timedelta(hours=index),
            due_at=NOW - timedelta(hours=index),
            state=AskState.OPEN,
            asked_at=NOW - timedelta(days=2),
        )
        for index in range(count)
    ]


def all_texts(blocks: list[dict[str, object]]) -> list[str]:
    return [str(block["text"]["text"]) for block in blocks if isinstance(block.get("text"), dict)]  # type: ignore[index]


def test_the_home_view_stays_under_100_blocks_with_500_open_asks_each_way() -> None:
    asks = many_asks(500)
    _, sections = build_open_asks(OpenAsks(asks, asks, 500, 500), zone=BERLIN, now=NOW, with_buttons=True)
    view = build_home_view(sections=sections, notice="Done.")
    assert len(view["blocks"]) <= 100
    assert all(len(text) <= 3000 for text in all_texts(view["blocks"]))
    rendered = str(view)
    assert "Waiting on you (500)" in rendered and "492 more" in rendered


def test_a_reminder_digest_stays_under_50_blocks_and_shows_due_times_in_the_readers_zone() -> None:
    asks = many_asks(30)
    text, blocks = build_recipient_reminder(asks, zone=BERLIN)
    assert text.startswith("30 asks") and len(blocks) <= 50
    assert "Tue 12 Jan, 09:00" in str(blocks)  # 08:00 UTC is 09:00 in Berlin
    assert "20 more" in str(blocks)
    buttons = [
        element["action_id"]
        for block in blocks
        if block["type"] == "actions"
        for element in block["elements"]
    ]
    assert buttons[:3] == [
        ASK_ACTION_IDS[action] for action in (AskAction.ANSWERED, AskAction.SNOOZE, AskAction.NOT_FOR_ME)
    ]


def test_the_askers_notice_offers_extend_escalate_and_cancel() -> None:
    text, blocks = build_asker_notice(many_asks(1), zone=BERLIN)
    assert "<@URECIP00000>" in text
    labels = [
        element["text"]["text"]
        for block in blocks
        if block["type"] == "actions"
        for element in block["elements"]
    ]
    assert labels == ["Give a day more", "Escalate in the thread", "Cancel"]


def test_reminders_quote_what_was_asked_escaped_with_real_mentions_kept() -> None:
    [ask] = many_asks(1)
    ask.summary = ask_summary(
        "<@UBERLIN> can you rotate the <!channel> creds? <https://evil.example|https://sso.example> now\nmore"
    )
    _text, blocks = build_recipient_reminder([ask], zone=BERLIN)
    line = all_texts(blocks)[1]
    assert "“<@UBERLIN> can you rotate the &lt;!channel&gt; creds?" in line  # a real mention stays one
    assert "<!channel>" not in line and "<https://evil" not in line and "more" not in line
    assert ask_summary("x" * 500) == "x" * 119 + "…"
    assert ask_summary("  \n\n  ") is None


def test_an_ask_kept_before_summaries_reads_as_before() -> None:
    [ask] = many_asks(1)
    _text, blocks = build_asker_notice([ask], zone=BERLIN)
    assert "“" not in "".join(all_texts(blocks))
