"""Standup schedule arithmetic, form validation, digest layout and command parsing: pure parts."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from bot.core.errors import FormErrors
from bot.slack.mrkdwn import escape_mrkdwn
from bot.standups.blocks import (
    DAYS,
    DEFAULT_QUESTIONS,
    DIGEST_HOURS,
    DIGEST_TZ,
    FIXED_TZ,
    PARTICIPANTS,
    QUESTIONS,
    SKIP,
    DigestEntry,
    Naming,
    StandupConfig,
    blocker_of,
    build_digest,
    build_prompt,
    parse_config_form,
    read_dm_answer,
)
from bot.standups.command import StandupAction, parse_standup_command
from bot.standups.timing import StandupPlan

NEW_YORK, TOKYO = ZoneInfo("America/New_York"), ZoneInfo("Asia/Tokyo")
WEEKDAYS = frozenset({0, 1, 2, 3, 4})
PLAN = StandupPlan(days=WEEKDAYS, prompt_time=time(9, 30), digest_time=time(12, 0), digest_zone=NEW_YORK)


def test_monday_in_tokyo_is_due_while_it_is_still_sunday_in_new_york() -> None:
    sunday_evening_ny = datetime(2027, 1, 10, 19, 31, tzinfo=NEW_YORK)
    assert PLAN.prompt_days_due(sunday_evening_ny, TOKYO) == [date(2027, 1, 11)]
    assert PLAN.prompt_days_due(sunday_evening_ny, NEW_YORK) == []


def test_a_prompt_is_due_from_its_time_for_three_hours_and_never_on_other_days() -> None:
    monday = date(2027, 1, 11)
    assert PLAN.prompt_days_due(datetime(2027, 1, 11, 9, 29, tzinfo=NEW_YORK), NEW_YORK) == []
    assert PLAN.prompt_days_due(datetime(2027, 1, 11, 12, 29, tzinfo=NEW_YORK), NEW_YORK) == [monday]
    assert PLAN.prompt_days_due(datetime(2027, 1, 11, 12, 31, tzinfo=NEW_YORK), NEW_YORK) == []
    assert PLAN.prompt_days_due(datetime(2027, 1, 9, 9, 31, tzinfo=NEW_YORK), NEW_YORK) == []


def test_the_local_prompt_time_survives_dst() -> None:
    before, after = date(2027, 3, 12), date(2027, 3, 15)
    assert PLAN.prompt_at(before, NEW_YORK).astimezone(UTC).hour == 14
    assert PLAN.prompt_at(after, NEW_YORK).astimezone(UTC).hour == 13


def test_the_digest_is_at_its_time_or_hours_after_the_last_prompt() -> None:
    monday = date(2027, 1, 11)
    assert PLAN.digest_at(monday, [TOKYO, NEW_YORK]) == datetime(2027, 1, 11, 12, tzinfo=NEW_YORK)
    after = StandupPlan(days=WEEKDAYS, prompt_time=time(9, 30), digest_after_hours=3)
    assert after.digest_at(monday, [TOKYO, NEW_YORK]) == datetime(2027, 1, 11, 12, 30, tzinfo=NEW_YORK)
    fixed = StandupPlan(days=WEEKDAYS, prompt_time=time(9, 30), fixed_zone=TOKYO, digest_after_hours=1)
    assert fixed.zone_for(NEW_YORK) is TOKYO


def test_the_reminder_goes_an_hour_before_the_digest_unless_that_is_too_soon_after_the_prompt() -> None:
    digest = datetime(2027, 1, 11, 12, tzinfo=NEW_YORK)
    assert StandupPlan.reminder_at(digest, datetime(2027, 1, 11, 9, 30, tzinfo=NEW_YORK)) == datetime(
        2027, 1, 11, 11, tzinfo=NEW_YORK
    )
    assert StandupPlan.reminder_at(digest, datetime(2027, 1, 11, 10, 45, tzinfo=NEW_YORK)) is None


def values(**overrides: object) -> dict[str, object]:
    base: dict[str, dict[str, object]] = {
        DAYS: {"selected_options": [{"value": "mon"}, {"value": "wed"}]},
        "prompt_time": {"selected_time": "09:30"},
        "tz_mode": {"selected_option": {"value": "own"}},
        PARTICIPANTS: {"selected_users": ["U1", "U2"]},
        QUESTIONS: {"value": "What did you do?\nWhat's next?\nBlockers?"},
        "digest_mode": {"selected_option": {"value": "time"}},
        "digest_time": {"selected_time": "12:00"},
        DIGEST_TZ: {"value": "Europe/Berlin"},
        "digest_style": {"selected_option": {"value": "single"}},
    }
    for block, element in overrides.items():
        base[block] = element  # type: ignore[assignment]
    return {block: {"value": element} for block, element in base.items()}


def test_a_valid_configuration_is_read() -> None:
    config = parse_config_form(values())
    assert isinstance(config, StandupConfig)
    assert config.days == [0, 2] and config.participants == ["U1", "U2"] and not config.digest_in_thread
    assert config.questions == ["What did you do?", "What's next?", "Blockers?"]


def config_errors(values: object) -> dict[str, str]:
    """The errors by block that the form raises for these values."""
    with pytest.raises(FormErrors) as raised:
        parse_config_form(values)
    return raised.value.by_block


def test_invalid_configurations_get_an_error_on_the_right_field() -> None:
    assert DAYS in config_errors(values(days={"selected_options": []}))
    assert PARTICIPANTS in config_errors(values(participants={"selected_users": []}))
    assert QUESTIONS in config_errors(values(questions={"value": "\n".join(f"q{n}" for n in range(7))}))
    assert DIGEST_TZ in config_errors(values(digest_tz={"value": "Mars/Olympus"}))
    fixed = values(tz_mode={"selected_option": {"value": "fixed"}}, fixed_tz={"value": "Nowhere"})
    assert FIXED_TZ in config_errors(fixed)
    after = values(digest_mode={"selected_option": {"value": "after"}}, digest_hours={"value": "30"})
    assert DIGEST_HOURS in config_errors(after)
    assert DAYS in config_errors("not even a dict")


def test_the_digest_puts_blockers_first_and_names_who_is_needed() -> None:
    entries = [
        DigestEntry("U1", "answered", [{"q": "Blockers", "a": "waiting on <@U9> for the key"}]),
        DigestEntry("U2", "answered", [{"q": "Blockers", "a": "None."}]),
        DigestEntry("U3", "missing", []),
        DigestEntry("U4", "away", []),
    ]
    title, blocks, shown = build_digest(
        channel_id="C1", run_date=date(2027, 1, 11), entries=entries, in_thread=True
    )
    assert "2 of 3 answered" in title and shown == set()  # thread style: answers follow in the thread
    assert "Blockers" in blocks[1]["text"]["text"] and "needs <@U9>" in blocks[1]["text"]["text"]
    assert "<@U2>" not in blocks[1]["text"]["text"]
    assert blocker_of([{"q": "Blockers", "a": "n/a"}]) is None


@pytest.mark.parametrize(
    ("policy", "pinged"),
    [("names", set()), ("blockers", {"U9"}), ("everyone", {"U1", "U3", "U9"})],
)
def test_the_digest_names_people_and_notifies_only_whom_its_policy_says(
    policy: str, pinged: set[str]
) -> None:
    entries = [
        DigestEntry("U1", "answered", [{"q": "Blockers", "a": "waiting on <@U9> for the key"}]),
        DigestEntry("U3", "missing", []),
    ]
    names = {"U1": "Ana Lima", "U3": "Cleo <Ops>", "U9": "Ivo"}
    _, blocks, _ = build_digest(
        channel_id="C1",
        run_date=date(2027, 1, 11),
        entries=entries,
        in_thread=True,
        naming=Naming(policy, names),
    )
    text = " ".join(block["text"]["text"] for block in blocks if block.get("type") == "section")
    assert set(re.findall(r"<@(U\d+)>", text)) == pinged
    for user, name in names.items():
        if user not in pinged:
            assert escape_mrkdwn(name) in text  # by name, escaped like any typed text


def test_the_prompt_lists_the_questions_and_when_the_digest_goes_out() -> None:
    text, blocks = build_prompt(
        channel_id="C1", run_date=date(2027, 1, 11), entry_id=7, questions=["Progress", "Blockers"],
        digest_at=datetime(2027, 1, 11, 14, 30, tzinfo=UTC),
    )  # fmt: skip
    assert "The digest goes out Mon 14:30 your time." in text
    assert "• Progress\n• Blockers" in blocks[0]["text"]["text"]


def test_a_digest_of_many_people_in_one_message_stays_within_50_blocks() -> None:
    entries = [DigestEntry(f"U{n}", "answered", [{"q": "Progress", "a": "x" * 4000}]) for n in range(80)]
    _, blocks, shown = build_digest(
        channel_id="C1", run_date=date(2027, 1, 11), entries=entries, in_thread=False
    )
    assert len(blocks) <= 50 and all(
        len(block["text"]["text"]) <= 3000 for block in blocks if "text" in block
    )
    assert "more answers in the thread" in str(blocks)
    assert 0 < len(shown) < 80  # the rest are posted in the thread


def test_standup_commands_are_parsed() -> None:
    assert parse_standup_command("").action is StandupAction.CONFIGURE
    assert parse_standup_command("Pause").action is StandupAction.PAUSE
    away = parse_standup_command("away until 2027-01-20")
    assert (away.action, away.argument) == (StandupAction.AWAY, "until 2027-01-20")
    history = parse_standup_command("history <@U123|ana> 14")
    assert (history.action, history.person, history.days) == (StandupAction.HISTORY, "U123", 14)
    assert parse_standup_command("history 500").action is StandupAction.UNKNOWN
    assert parse_standup_command("dance").action is StandupAction.UNKNOWN
    # several standups in a channel: a new one, and the one named
    assert (parse_standup_command("new").action, parse_standup_command("new").argument) == (
        StandupAction.CONFIGURE,
        "new",
    )
    edit = parse_standup_command("edit Design review")
    assert (edit.action, edit.argument, edit.name) == (StandupAction.CONFIGURE, "edit", "Design review")
    delete = parse_standup_command("delete Design review confirm")
    assert (delete.action, delete.name, delete.confirmed) == (StandupAction.DELETE, "Design review", True)
    assert parse_standup_command("pause design review").name == "design review"
    assert parse_standup_command("delete").confirmed is False


@pytest.mark.parametrize(
    "answer",
    ["No blockers today", "none", "None!", "nothing blocking me :+1:", "all good.", "n/a", "Not blocked",
     "No blockers at the moment."],
)  # fmt: skip
def test_saying_there_is_no_blocker_is_not_a_blocker(answer: str) -> None:
    assert blocker_of([{"q": "Anything blocking you?", "a": answer}]) is None


@pytest.mark.parametrize(
    "answer",
    ["No access to staging yet, waiting on Ana", "Waiting on <@U1> for the creds", "blocked on review"],
)
def test_a_real_blocker_stays_one_even_when_it_starts_with_no(answer: str) -> None:
    assert blocker_of([{"q": "Anything blocking you?", "a": answer}]) == answer


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("skip", SKIP),
        ("Skip today.", SKIP),
        (
            "Progress: shipped the importer\nBlockers: waiting on Ana\nPlans - billing",
            ["shipped the importer", "billing", "waiting on Ana", ""],
        ),
        (
            "shipped the importer\nbilling\nnone\nnothing",
            ["shipped the importer", "billing", "none", "nothing"],
        ),
        ("a long update\nover two lines", ["a long update\nover two lines", "", "", ""]),
        ("intro first\nprogress: done\nmore on it", ["intro first\ndone\nmore on it", "", "", ""]),
    ],
)
def test_a_reply_in_the_prompts_dm_is_read_per_question(text: str, expected: object) -> None:
    assert read_dm_answer(text, DEFAULT_QUESTIONS) == expected


def test_people_picked_as_blocking_are_needed_even_when_the_blocker_names_nobody() -> None:
    entries = [
        DigestEntry("U1", "answered", [{"q": "Blockers", "a": ""}], ("U9",)),
        DigestEntry("U2", "answered", [{"q": "Blockers", "a": "the creds from <@U8>"}], ("U9",)),
    ]
    _, blocks, _ = build_digest(channel_id="C1", run_date=date(2027, 1, 11), entries=entries, in_thread=True)
    text = blocks[1]["text"]["text"]
    assert "• <@U1>: blocked (needs <@U9>)" in text
    assert "(needs <@U8>, <@U9>)" in text
