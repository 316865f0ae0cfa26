"""App Home: a person's own sections (asks, standups, decisions, tips, settings) and, for admins,
the team's metrics and channel modes. Pure builders; the whole view stays within 100 blocks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from typing import Any

from bot.agreement.blocks import AGREEMENT_EDIT_ACTION
from bot.calendar.working_time import DAY_NAMES
from bot.core.errors import FormErrors
from bot.lint import format_deadline
from bot.slack.block_kit import VIEW_BLOCK_LIMIT, button, header, input_block, modal, option, section
from bot.slack.modal_state import ModalState
from bot.slack.mrkdwn import escape_mrkdwn
from bot.standups.blocks import STANDUP_OPEN_ANSWER_ACTION

HOME_HOURS_ACTION = "home_set_hours"
HOME_AWAY_ACTION = "home_set_away"
HOME_PAUSE_ACTION = "home_pause_tips"
HOME_RESUME_ACTION = "home_resume_tips"
HOME_AGREEMENT_ACTION = "home_open_agreement"
HOME_HOURS_CALLBACK = "home_hours"
HOME_AWAY_CALLBACK = "home_away"
HOME_ACTIONS = (
    HOME_HOURS_ACTION,
    HOME_AWAY_ACTION,
    HOME_PAUSE_ACTION,
    HOME_RESUME_ACTION,
    HOME_AGREEMENT_ACTION,
)
MAX_STANDUPS, MAX_DECISIONS, MAX_MODES = 5, 5, 15

HOURS_START, HOURS_END, HOURS_DAYS, HOURS_DEFAULT = "hours_start", "hours_end", "hours_days", "hours_default"
AWAY_FROM, AWAY_UNTIL = "away_from", "away_until"


@dataclass(frozen=True)
class StandupLine:
    channel_id: str
    next_prompt: datetime | None
    open_entry_id: int | None  # a prompt not answered yet
    open_run_date: date | None
    name: str = ""  # of a channel's second or later standup

    @property
    def where(self) -> str:
        return f"<#{self.channel_id}>" + (f" ({escape_mrkdwn(self.name)})" if self.name else "")


@dataclass(frozen=True)
class HomeData:
    zone: tzinfo
    asks_blocks: list[dict[str, Any]]
    standups: list[StandupLine]
    decisions: list[tuple[str, str, str]]  # number, title, status
    nudges_this_week: int
    tips_paused_until: datetime | None
    away_until: date | None
    hours_text: str
    is_admin: bool = False
    metrics_lines: list[str] = field(default_factory=list)
    channel_modes: list[tuple[str, str]] = field(default_factory=list)


def build_personal_sections(data: HomeData) -> list[dict[str, Any]]:
    blocks: list[dict[str, Any]] = [*data.asks_blocks, header("Your standups")]
    if not data.standups:
        blocks.append(section("_You're not in a standup. `/standup` in a channel sets one up._"))
    for line in data.standups[:MAX_STANDUPS]:
        if line.open_entry_id is not None and line.open_run_date is not None:
            block = section(f"{line.where}: your update for {line.open_run_date:%a %d %b} is still open.")
            block["accessory"] = button(
                STANDUP_OPEN_ANSWER_ACTION, "Write my update", str(line.open_entry_id), primary=True
            )
        else:
            prompt = line.next_prompt
            next_text = format_deadline(prompt.astimezone(data.zone)) if prompt else "not scheduled"
            block = section(f"{line.where}: next prompt *{next_text}* (your time)")
        blocks.append(block)
    blocks.append(header("Recent decisions"))
    if data.decisions:
        blocks.append(
            section(
                "\n".join(
                    f"• *{number}* {escape_mrkdwn(title)} ({escape_mrkdwn(status)})"
                    for number, title, status in data.decisions[:MAX_DECISIONS]
                )
            )
        )
    else:
        blocks.append(section("_No decisions recorded yet. `/decision` records one._"))
    paused = f" Tips are paused until {data.tips_paused_until:%a %d %b}." if data.tips_paused_until else ""
    away = f" You're away until {data.away_until:%a %d %b}." if data.away_until else ""
    blocks.append(header("You"))
    blocks.append(
        section(f"Tips this week: *{data.nudges_this_week}*.{paused} Working hours: {data.hours_text}.{away}")
    )
    tips = (
        button(HOME_RESUME_ACTION, "Resume tips")
        if data.tips_paused_until
        else button(HOME_PAUSE_ACTION, "Pause tips for a week")
    )
    blocks.append(
        {
            "type": "actions",
            "block_id": "home_settings",
            "elements": [
                button(HOME_HOURS_ACTION, "Set working hours"),
                button(HOME_AWAY_ACTION, "Set away dates"),
                tips,
                button(HOME_AGREEMENT_ACTION, "Working agreement"),
            ],
        }
    )
    if data.is_admin:
        blocks.append(header("Team (admins)"))
        metrics = "\n".join(f"• {line}" for line in data.metrics_lines) or "_Nothing measured yet._"
        blocks.append(section(f"*Last 7 days*\n{metrics}"))
        modes = (
            ", ".join(f"<#{channel}> {mode}" for channel, mode in data.channel_modes[:MAX_MODES])
            or "none yet"
        )
        more = (
            f" and {len(data.channel_modes) - MAX_MODES} more" if len(data.channel_modes) > MAX_MODES else ""
        )
        blocks.append(section(f"*Channel modes:* {modes}{more}"))
        blocks.append(
            {
                "type": "actions",
                "block_id": "home_admin",
                "elements": [button(AGREEMENT_EDIT_ACTION, "Edit the working agreement", "edit")],
            }
        )
    return blocks


def fit_view(blocks: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """At most 100 blocks: anything beyond is cut, with a pointer to the commands that show it all."""
    if len(blocks) <= VIEW_BLOCK_LIMIT:
        return list(blocks)
    note = {
        "type": "context",
        "elements": [{"type": "mrkdwn", "text": "More in `/norms asks` and `/norms help`."}],
    }
    return [*blocks[: VIEW_BLOCK_LIMIT - 1], note]


# -- the two settings modals -----------------------------------------------------------------


def build_hours_modal(*, start: str, end: str, days: frozenset[int], personal: bool) -> dict[str, Any]:
    day_options = [option(name, name.capitalize()) for name in DAY_NAMES]
    use_default = option("default", "Use the workspace's hours")
    default_element: dict[str, Any] = {"type": "checkboxes", "options": [use_default]}
    if not personal:
        default_element["initial_options"] = [use_default]
    days_element: dict[str, Any] = {"type": "checkboxes", "options": day_options}
    if days:
        days_element["initial_options"] = [day_options[day] for day in sorted(days)]
    return modal(
        "Your working hours",
        callback_id=HOME_HOURS_CALLBACK,
        blocks=[
            section("Reminders reach you only in these hours, in your Slack time zone."),
            input_block(HOURS_START, "Start", {"type": "timepicker", "initial_time": start}),
            input_block(HOURS_END, "End", {"type": "timepicker", "initial_time": end}),
            input_block(HOURS_DAYS, "Days", days_element),
            input_block(HOURS_DEFAULT, "Or", default_element, optional=True),
        ],
    )


def parse_hours_modal(values: object) -> tuple[str, str, frozenset[int]] | None:
    """(start, end, days), or None for "use the workspace's"; raises FormErrors when not valid."""
    state = ModalState(values)
    if state.options(HOURS_DEFAULT):
        return None
    start, end = state.time(HOURS_START) or "", state.time(HOURS_END) or ""
    days = frozenset(DAY_NAMES.index(day) for day in state.options(HOURS_DAYS) if day in DAY_NAMES)
    if not start or not end or start >= end:
        raise FormErrors({HOURS_END: "The end must come after the start."})
    if not days:
        raise FormErrors({HOURS_DAYS: "Pick at least one day."})
    return start, end, days


def build_away_modal(*, first: date | None, last: date | None) -> dict[str, Any]:
    def picker(initial: date | None) -> dict[str, Any]:
        return {"type": "datepicker", **({"initial_date": initial.isoformat()} if initial else {})}

    return modal(
        "Away dates",
        callback_id=HOME_AWAY_CALLBACK,
        blocks=[
            section(
                "While you're away: no standup prompts, no reminders, and those days don't count toward "
                "anyone's response time. Leave the last day empty to clear it."
            ),
            input_block(AWAY_FROM, "First day (empty: from today)", picker(first), optional=True),
            input_block(AWAY_UNTIL, "Last day", picker(last), optional=True),
        ],
    )


def parse_away_modal(values: object, *, today: date) -> tuple[date | None, date | None]:
    """(first, last) day away, (None, None) to clear it; raises FormErrors when not valid."""
    state = ModalState(values)

    def picked(block: str) -> date | None:
        value = state.date(block)
        try:
            return date.fromisoformat(value) if value is not None else None
        except ValueError:
            return None

    first, last = picked(AWAY_FROM), picked(AWAY_UNTIL)
    if last is None:
        return None, None
    if last < today:
        raise FormErrors({AWAY_UNTIL: "That day has passed."})
    if first is not None and first > last:
        raise FormErrors({AWAY_FROM: "The first day must not come after the last."})
    return first, last
