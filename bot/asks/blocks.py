"""Block Kit for tracked asks: reminders, the asker's notice, escalations and the open-asks lists."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, tzinfo
from typing import Any

from bot.asks.service import AskAction, OpenAsks, SnoozeFor
from bot.core.errors import FormErrors
from bot.lint import Urgency, format_deadline
from bot.slack.block_kit import header, input_block, modal, option, section
from bot.slack.modal_state import ModalState
from bot.slack.mrkdwn import escape_mrkdwn, message_link
from models import TrackedAsk

ASK_ACTION_PREFIX = "ask_"
# One action id per button; the value is the ask's id.
ASK_ACTION_IDS = {action: f"{ASK_ACTION_PREFIX}{action.value}" for action in AskAction}
ACTION_FOR_ID = {action_id: action for action, action_id in ASK_ACTION_IDS.items()}
MAX_ASKS_PER_MESSAGE = 10  # two blocks each, well inside the 50-block limit
MAX_ASKS_LISTED = 15  # per list in /norms asks (one section of lines)
MAX_ASKS_WITH_BUTTONS = 8  # per list in App Home: two blocks each, the view stays under 100 blocks
BUTTON_LABELS = {
    AskAction.ANSWERED: "Answered",
    AskAction.SNOOZE: "Snooze…",
    AskAction.NOT_FOR_ME: "Not for me",
    AskAction.RESOLVE: "Resolved",
    AskAction.CANCEL: "Cancel",
    AskAction.EXTEND: "Give a day more",
    AskAction.ESCALATE: "Escalate in the thread",
}
RECIPIENT_BUTTONS = (AskAction.ANSWERED, AskAction.SNOOZE, AskAction.NOT_FOR_ME)
ASKER_BUTTONS = (AskAction.EXTEND, AskAction.ESCALATE, AskAction.CANCEL)
HOME_ASKER_BUTTONS = (AskAction.RESOLVE, AskAction.CANCEL)


def due_text(when: datetime, zone: tzinfo) -> str:
    return format_deadline(when.astimezone(zone))


# Slack sends a real mention as <@U…>; typed angle brackets arrive escaped. Escaping the summary and
# then restoring exactly those keeps the people asked readable and pings or disguises nothing else.
_ESCAPED_MENTION = re.compile(r"&lt;@([UW][A-Z0-9]{2,20})(?:\|[^&<>]{0,80})?&gt;")


def quoted(ask: TrackedAsk) -> str:
    """': “the ask's first line”', escaped, or nothing for an ask stored before summaries were kept."""
    if not ask.summary:
        return ""
    text = _ESCAPED_MENTION.sub(r"<@\1>", escape_mrkdwn(ask.summary))
    return f": “{text}”"


def build_declined_notice(ask: TrackedAsk) -> str:
    """The asker's DM when the person asked says "Not for me"."""
    return (
        f"<@{ask.recipient_id}> says your ask in <#{ask.channel_id}>{quoted(ask)} isn't for them "
        f"({_link(ask)}). "
        "Ask someone else in the thread; `/norms asks` keeps it under *Declined* for a week."
    )


def _link(ask: TrackedAsk) -> str:
    return f"<{message_link(ask.channel_id, ask.message_ts, thread_ts=ask.thread_ts)}|open the message>"


SNOOZE_CHOICES = (
    (SnoozeFor.TWO_HOURS, "For 2 working hours"),
    (SnoozeFor.TOMORROW, "Until tomorrow"),
    (SnoozeFor.NEXT_WEEK, "Until next week"),
)


def _buttons(ask: TrackedAsk, actions: Sequence[AskAction]) -> dict[str, Any]:
    """The ask's buttons; Snooze is a menu of how long (its options' values: "<ask id>:<choice>")."""
    return {
        "type": "actions",
        "block_id": f"ask_{ask.id}",
        "elements": [
            {
                "type": "static_select",
                "action_id": ASK_ACTION_IDS[action],
                "placeholder": {"type": "plain_text", "text": BUTTON_LABELS[action]},
                "options": [
                    {"text": {"type": "plain_text", "text": label}, "value": f"{ask.id}:{choice.value}"}
                    for choice, label in SNOOZE_CHOICES
                ],
            }
            if action is AskAction.SNOOZE
            else {
                "type": "button",
                "action_id": ASK_ACTION_IDS[action],
                "text": {"type": "plain_text", "text": BUTTON_LABELS[action]},
                "value": str(ask.id),
                **({"style": "primary"} if index == 0 else {}),
            }
            for index, action in enumerate(actions)
        ],
    }


def _more(total: int, shown: int) -> list[dict[str, Any]]:
    if total <= shown:
        return []
    return [
        {
            "type": "context",
            "elements": [
                {"type": "mrkdwn", "text": f"…and {total - shown} more: `/norms asks` lists them all."}
            ],
        }
    ]


def _ask_list_message(
    asks: Sequence[TrackedAsk], *, lead: str, line: Callable[[TrackedAsk], str], buttons: Sequence[AskAction]
) -> list[dict[str, Any]]:
    """A lead, then each ask (up to the limit) with its buttons, then how many more there are."""
    shown = list(asks[:MAX_ASKS_PER_MESSAGE])
    blocks: list[dict[str, Any]] = [section(lead)]
    for ask in shown:
        blocks.extend((section(line(ask)), _buttons(ask, buttons)))
    return blocks + _more(len(asks), len(shown))


def build_recipient_reminder(
    asks: Sequence[TrackedAsk], *, zone: tzinfo, now: datetime | None = None
) -> tuple[str, list[dict[str, Any]]]:
    """One DM for everything past due, or urgent, that waits on this person (a digest when there are
    several)."""
    overdue = now is None or all(ask.due_at <= now for ask in asks)
    if len(asks) == 1:
        text = (
            f"An ask from <@{asks[0].asker_id}> is past its due time."
            if overdue
            else f"An urgent ask from <@{asks[0].asker_id}> is waiting on you."
        )
    else:
        text = f"{len(asks)} asks are waiting on you" + (
            " past their due time." if overdue else ", urgent ones among them."
        )
    return text, _ask_list_message(
        asks,
        lead=f"{text} A quick reply in the thread, or a button, settles it.",
        line=lambda ask: (
            f"*<@{ask.asker_id}>* asked you in <#{ask.channel_id}>{quoted(ask)}, due "
            f"*{due_text(ask.due_at, zone)}* (your time) · {_link(ask)}"
        ),
        buttons=RECIPIENT_BUTTONS,
    )


def build_asker_notice(asks: Sequence[TrackedAsk], *, zone: tzinfo) -> tuple[str, list[dict[str, Any]]]:
    """Told once per ask: it is past due and the person was reminded; options to extend, escalate, cancel."""
    if len(asks) == 1:
        text = f"Your ask to <@{asks[0].recipient_id}> is past its due time; I reminded them."
    else:
        text = f"{len(asks)} of your asks are past their due time; I reminded the people asked."
    return text, _ask_list_message(
        asks,
        lead=text,
        line=lambda ask: (
            f"<@{ask.recipient_id}> in <#{ask.channel_id}>{quoted(ask)}, due *{due_text(ask.due_at, zone)}* "
            f"(your time) · {_link(ask)}"
        ),
        buttons=ASKER_BUTTONS,
    )


def build_escalation(ask: TrackedAsk, *, urgent: bool) -> str:
    """The thread message that surfaces an overdue ask where it was made."""
    kind = "urgent ask" if urgent else "ask"
    return (
        f"<@{ask.recipient_id}>, <@{ask.asker_id}>'s {kind} above is past its due time. "
        "Could you reply here, or react with :white_check_mark: once it's handled?"
    )


def build_action_reply(action: AskAction, ask: TrackedAsk, *, until: datetime | None, zone: tzinfo) -> str:
    """What the person sees after a button worked."""
    when = due_text(until, zone) if until is not None else ""
    return {
        AskAction.ANSWERED: f"Marked as answered: <@{ask.asker_id}>'s ask in <#{ask.channel_id}>.",
        AskAction.SNOOZE: f"Snoozed: I'll remind you again {when} (your time).",
        AskAction.NOT_FOR_ME: f"Noted: the ask in <#{ask.channel_id}> isn't for you. "
        f"Maybe let <@{ask.asker_id}> know who it is for.",
        AskAction.RESOLVE: f"Resolved: your ask to <@{ask.recipient_id}>.",
        AskAction.CANCEL: f"Cancelled: your ask to <@{ask.recipient_id}>; no more reminders.",
        AskAction.EXTEND: f"Extended: <@{ask.recipient_id}> now has until {when} (your time).",
        AskAction.ESCALATE: f"Posted in the thread, mentioning <@{ask.recipient_id}>.",
    }[action]


def build_open_asks(
    asks: OpenAsks, *, zone: tzinfo, now: datetime, with_buttons: bool
) -> tuple[str, list[dict[str, Any]]]:
    """ "Waiting on me" and "I'm waiting on", soonest first, overdue marked; for /norms asks and App Home."""
    text = f"{asks.total_waiting_on_me} waiting on you, you are waiting on {asks.total_i_am_waiting_on}."
    blocks: list[dict[str, Any]] = []
    lists = (
        ("Waiting on you", asks.waiting_on_me, asks.total_waiting_on_me, "asker_id", RECIPIENT_BUTTONS[:1]),
        (
            "You're waiting on",
            asks.i_am_waiting_on,
            asks.total_i_am_waiting_on,
            "recipient_id",
            HOME_ASKER_BUTTONS,
        ),
    )
    for title, items, total, person, buttons in lists:
        blocks.append(header(f"{title} ({total})"))
        if not items:
            blocks.append(section("_Nothing open._"))
            continue
        shown = items[: MAX_ASKS_WITH_BUTTONS if with_buttons else MAX_ASKS_LISTED]
        lines = []
        for ask in shown:
            overdue = " :warning: overdue" if ask.due_at <= now else ""
            lines.append(
                f"• <@{getattr(ask, person)}> in <#{ask.channel_id}>{quoted(ask)}, "
                f"due *{due_text(ask.due_at, zone)}*{overdue} · {_link(ask)}"
            )
        if with_buttons:
            for ask, line in zip(shown, lines, strict=True):
                blocks.append(section(line))
                blocks.append(_buttons(ask, buttons))
        else:
            blocks.append(section("\n".join(lines)))
        blocks.extend(_more(total, len(shown)))
    if asks.declined:
        lines = [
            f"• <@{ask.recipient_id}> said your ask in <#{ask.channel_id}> isn't for them · {_link(ask)}"
            for ask in asks.declined
        ]
        blocks.append(section("*Declined this week* (ask someone else in the thread)\n" + "\n".join(lines)))
    return text, blocks


# -- "Track as ask" (a message shortcut) ------------------------------------------------------

TRACK_ASK_CALLBACK = "track_as_ask_form"
TRACK_RECIPIENTS, TRACK_URGENCY, TRACK_DUE_DATE, TRACK_DUE_TIME = (
    "track_recipients",
    "track_urgency",
    "track_due_date",
    "track_due_time",
)
URGENCY_CHOICES = (
    (Urgency.URGENT, "Urgent: the same working day"),
    (Urgency.NORMAL, "Normal: the next business day"),
    (Urgency.COMPLEX, "Complex: a few business days"),
)


@dataclass(frozen=True)
class TrackedMessage:
    """The message a "Track as ask" form is about (its private metadata)."""

    channel_id: str
    ts: str
    thread_ts: str
    author_id: str
    summary: str | None

    def to_metadata(self) -> str:
        return json.dumps(
            {
                "c": self.channel_id,
                "ts": self.ts,
                "th": self.thread_ts,
                "a": self.author_id,
                "s": self.summary,
            }
        )

    @classmethod
    def from_metadata(cls, raw: object) -> TrackedMessage | None:
        try:
            data = json.loads(raw) if isinstance(raw, str) else None
        except ValueError:
            return None
        if not isinstance(data, dict) or not all(
            isinstance(data.get(key), str) for key in ("c", "ts", "th", "a")
        ):
            return None
        summary = data.get("s")
        return cls(
            data["c"], data["ts"], data["th"], data["a"], summary if isinstance(summary, str) else None
        )


def build_track_ask_modal(
    message: TrackedMessage, *, recipients: Sequence[str], urgency: Urgency
) -> dict[str, Any]:
    """Whom the message asks, how urgently, and by when (the team's norm when left empty)."""
    said = f"“{escape_mrkdwn(message.summary)}”" if message.summary else "this message"
    choices = [option(choice.value, label) for choice, label in URGENCY_CHOICES]
    return modal(
        "Track as ask",
        callback_id=TRACK_ASK_CALLBACK,
        metadata=message.to_metadata(),
        submit="Track",
        blocks=[
            section(f"<@{message.author_id}> asked {said}. Who is it for?"),
            input_block(
                TRACK_RECIPIENTS, "Asked of",
                {"type": "multi_users_select", "initial_users": list(recipients)[:MAX_TRACKED_RECIPIENTS],
                 "max_selected_items": MAX_TRACKED_RECIPIENTS},
            ),
            input_block(
                TRACK_URGENCY, "Urgency",
                {"type": "static_select", "options": choices,
                 "initial_option": next(choice for choice in choices if choice["value"] == urgency.value)},
            ),
            input_block(TRACK_DUE_DATE, "Due date", {"type": "datepicker"}, optional=True,
                        hint="Leave empty to use the team's response norm for the urgency."),
            input_block(TRACK_DUE_TIME, "Due time", {"type": "timepicker"}, optional=True,
                        hint="Your time; the end of the working day when left empty."),
        ],
    )  # fmt: skip


MAX_TRACKED_RECIPIENTS = 10


@dataclass(frozen=True)
class TrackAskForm:
    recipients: list[str]
    urgency: Urgency
    due_date: date | None
    due_time: time | None


def parse_track_ask_form(values: object) -> TrackAskForm:
    """The form's values; raises FormErrors for what cannot be used."""
    state = ModalState(values)
    recipients = state.users(TRACK_RECIPIENTS, limit=MAX_TRACKED_RECIPIENTS)
    if not recipients:
        raise FormErrors({TRACK_RECIPIENTS: "Pick the person (or people) the message asks."})
    chosen = state.option(TRACK_URGENCY)
    urgency = next((choice for choice, _ in URGENCY_CHOICES if choice.value == chosen), Urgency.NORMAL)
    raw_date, raw_time = state.date(TRACK_DUE_DATE), state.time(TRACK_DUE_TIME)
    try:
        due_date = date.fromisoformat(raw_date) if raw_date else None
        due_time = time.fromisoformat(raw_time) if raw_time else None
    except ValueError:
        raise FormErrors({TRACK_DUE_DATE: "Pick a date with the calendar."}) from None
    if due_time is not None and due_date is None:
        raise FormErrors({TRACK_DUE_DATE: "Pick the day too, or leave both empty for the norm."})
    return TrackAskForm(recipients, urgency, due_date, due_time)
