"""Block Kit for the working agreement: the summary everyone can read (and share), and the admins'
edit modal with validation. Pure builders."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, tzinfo
from typing import Any

from pydantic import ValidationError

from bot.agreement.document import WorkingAgreement
from bot.calendar.working_time import DAY_NAMES, format_days, parse_days
from bot.lint import Rule
from bot.slack.block_kit import SECTION_TEXT_LIMIT, button, header, input_block, modal, option, section
from bot.slack.forms import form_errors
from bot.slack.modal_state import ModalState
from bot.slack.mrkdwn import escape_mrkdwn
from models import AgreementChange

AGREEMENT_MODAL_CALLBACK = "agreement_edit"
AGREEMENT_SHARE_ACTION = "agreement_share"
AGREEMENT_EDIT_ACTION = "agreement_edit_open"
AGREEMENT_RESUME_RULE_ACTION = "agreement_resume_rule"  # value: the rule id

NORM_URGENT, NORM_NORMAL, NORM_COMPLEX = "norm_urgent", "norm_normal", "norm_complex"
WORK_HOURS, WORK_DAYS, TIME_ZONE, CORE_HOURS, FOCUS = (
    "work_hours",
    "work_days",
    "time_zone",
    "core_hours",
    "focus",
)
HOLIDAYS, RULES_OFF, WALL_WORDS, BROADCAST_SIZE, NUDGE_CAP = (
    "holidays", "rules_off", "wall_words", "broadcast_size", "nudge_cap",
)  # fmt: skip
CHANNEL_MODE, DECISION_LOG, ACK_EMOJI, SURFACE_URGENT, MANAGERS = (
    "channel_mode", "decision_log", "ack_emoji", "surface_urgent", "managers",
)  # fmt: skip

# Where each field's errors are shown in the modal.
ERROR_BLOCKS: dict[tuple[str, ...], str] = {
    ("response_norms", "urgent_days"): NORM_URGENT,
    ("response_norms", "normal_days"): NORM_NORMAL,
    ("response_norms", "complex_days"): NORM_COMPLEX,
    ("response_norms",): NORM_NORMAL,
    ("working_time", "hours"): WORK_HOURS,
    ("working_time", "days"): WORK_DAYS,
    ("working_time", "time_zone"): TIME_ZONE,
    ("working_time", "core_hours"): CORE_HOURS,
    ("working_time", "focus_blocks"): FOCUS,
    ("holidays",): HOLIDAYS,
    ("linter", "disabled_rules"): RULES_OFF,
    ("linter", "wall_of_text_words"): WALL_WORDS,
    ("linter", "broadcast_channel_size"): BROADCAST_SIZE,
    ("linter", "daily_nudge_cap"): NUDGE_CAP,
    ("linter", "default_channel_mode"): CHANNEL_MODE,
    ("decision_log_channel",): DECISION_LOG,
    ("acknowledgement_emoji",): ACK_EMOJI,
    ("managers",): MANAGERS,
}
URGENCY_WORDS = {0: "the same working day", 1: "the next business day"}
MODES = {"nudge": "private tips to authors", "observe": "measure only, send nothing", "off": "not reading"}


def _days_text(days: int) -> str:
    return URGENCY_WORDS.get(days, f"{days} business days")


def build_agreement_summary(
    agreement: WorkingAgreement,
    *,
    can_edit: bool,
    shareable: bool = True,
    paused_after_feedback: Sequence[str] = (),
) -> tuple[str, list[dict[str, Any]]]:
    """The agreement in plain words (for /norms agreement, sharing in a channel, and App Home);
    `paused_after_feedback` are the rules whose tips people's "Not helpful" reports paused."""
    norms, time, linter = agreement.response_norms, agreement.working_time, agreement.linter
    zone = f" ({time.time_zone})" if time.time_zone else ""
    lines = [
        f"*Answer* urgent asks within {_days_text(norms.urgent_days)}, normal asks within "
        f"{_days_text(norms.normal_days)}, complex ones (reviews, proposals, decisions) within "
        f"{_days_text(norms.complex_days)}, counted in the recipient's working days.",
        f"*Working time:* {time.hours}, {format_days(parse_days(time.days))}, in each person's own zone"
        f"{' (default ' + time.time_zone + ')' if time.time_zone else ''}.",
    ]
    if time.core_hours:
        lines.append(f"*Core overlap:* {time.core_hours}{zone}.")
    if time.focus_blocks:
        lines.append(f"*Focus time* (no reminders): {', '.join(time.focus_blocks)}.")
    if agreement.holidays:
        upcoming = ", ".join(
            f"{holiday.day:%d %b %Y} {escape_mrkdwn(holiday.name)}" for holiday in agreement.holidays[:8]
        )
        more = f" and {len(agreement.holidays) - 8} more" if len(agreement.holidays) > 8 else ""
        lines.append(f"*Holidays:* {upcoming}{more}.")
    off = ", ".join(f"`{rule.value}`" for rule in linter.disabled_rules) or "none"
    lines.append(
        f"*Message checks:* new channels start in *{linter.default_channel_mode}* mode "
        f"({MODES[linter.default_channel_mode]}); at most {linter.daily_nudge_cap} tips a day per person; "
        f"checks switched off: {off}; long messages over {linter.wall_of_text_words} words need structure; "
        f"@here/@channel is fine up to {linter.broadcast_channel_size} members."
    )
    if paused_after_feedback:
        paused = ", ".join(f"`{rule}`" for rule in paused_after_feedback)
        lines.append(
            f"*Paused after feedback:* tips for {paused} (people marked many as not helpful; still "
            "observed and counted). An admin turns them back on below or with `/norms rule RULE on`."
        )
    ack = " ".join(f":{emoji}:" for emoji in agreement.acknowledgement_emoji)
    lines.append(f"*Acknowledge* an ask with {ack}, or by replying in its thread.")
    if agreement.decision_log_channel:
        lines.append(f"*Decisions* are logged in <#{agreement.decision_log_channel}>.")
    if agreement.managers:
        lines.append("*Managers:* " + ", ".join(f"<@{user}>" for user in agreement.managers) + ".")
    blocks: list[dict[str, Any]] = [
        header("Our working agreement"),
        section("\n".join(lines)),
    ]
    buttons = []
    if shareable:
        buttons.append(button(AGREEMENT_SHARE_ACTION, "Share in this channel", "share"))
    if can_edit:
        buttons.append(button(AGREEMENT_EDIT_ACTION, "Edit the agreement", "edit"))
        buttons.extend(
            button(AGREEMENT_RESUME_RULE_ACTION, f"Turn {rule} tips back on", rule)
            for rule in paused_after_feedback[:3]
        )
    if buttons:
        blocks.append({"type": "actions", "block_id": "agreement_actions", "elements": buttons})
    return "Our working agreement", blocks


# The agreement's fields in the words the editor uses (the change log and confirmations).
FIELD_LABELS = {
    "response_norms.urgent_days": "urgent asks answered within (business days)",
    "response_norms.normal_days": "normal asks answered within (business days)",
    "response_norms.complex_days": "complex asks answered within (business days)",
    "working_time.hours": "working hours",
    "working_time.days": "working days",
    "working_time.time_zone": "time zone for people without one",
    "working_time.core_hours": "core overlap hours",
    "working_time.focus_blocks": "focus blocks",
    "holidays": "company holidays",
    "linter.disabled_rules": "checks switched off",
    "linter.wall_of_text_words": "words before a message is a wall of text",
    "linter.broadcast_channel_size": "channel size for @channel tips",
    "linter.daily_nudge_cap": "tips per person a day",
    "linter.default_channel_mode": "mode of new channels",
    "decision_log_channel": "decision-log channel",
    "acknowledgement_emoji": "emoji that acknowledge an ask",
    "surface_overdue_urgent_asks": "post overdue urgent asks in their thread",
    "managers": "managers",
}


def field_label(field: str) -> str:
    return FIELD_LABELS.get(field, field.rsplit(".", 1)[-1].replace("_", " "))


def describe_saved(fields: Sequence[str]) -> str:
    """The confirmation after saving, in the editor's words."""
    if not fields:
        return "Nothing changed in the working agreement."
    return "Saved the working agreement: " + ", ".join(field_label(field) for field in fields) + "."


def build_change_log(changes: Sequence[AgreementChange], *, zone: tzinfo = UTC) -> list[dict[str, Any]]:
    """The last changes, in plain words, at the reader's local time (`zone`)."""
    if not changes:
        return []
    when = "your time" if zone is not UTC else "UTC"
    lines = [
        f"• {change.changed_at.astimezone(zone):%a %d %b %H:%M} ({when}), {_who(change.changed_by)}: "
        f"{field_label(change.field)} {_value(change.old_value)} → {_value(change.new_value)}"
        for change in changes[:15]
    ]
    return [
        {
            "type": "context",
            "elements": [
                {"type": "mrkdwn", "text": ("*Recent changes*\n" + "\n".join(lines))[:SECTION_TEXT_LIMIT]}
            ],
        }
    ]


def _value(stored: str) -> str:
    """A stored value as people read it: typed text escaped, nothing shown as an empty string."""
    text = stored[:60] if stored not in ("", "null", "None", "[]") else "(none)"
    return escape_mrkdwn(text)


def _who(changed_by: str) -> str:
    return "imported from a file" if changed_by == "cli" else f"<@{changed_by}>"


# -- the edit modal --------------------------------------------------------------------------


def _text(initial: str, *, multiline: bool = False, placeholder: str = "") -> dict[str, Any]:
    element: dict[str, Any] = {"type": "plain_text_input", "multiline": multiline, "initial_value": initial}
    if placeholder:
        element["placeholder"] = {"type": "plain_text", "text": placeholder}
    return element


def build_agreement_modal(agreement: WorkingAgreement, *, origin_channel: str = "") -> dict[str, Any]:
    """The editor; `origin_channel`: where it was opened from (the confirmation goes there too)."""
    norms, time, linter = agreement.response_norms, agreement.working_time, agreement.linter
    day_options = [option(name, name.capitalize()) for name in DAY_NAMES]
    rule_options = [option(rule.value, rule.value) for rule in Rule]
    mode_options = [option(mode, f"{mode}: {meaning}") for mode, meaning in MODES.items()]
    surface = option("on", "Also post overdue urgent asks in their thread")
    checkbox_days = [day_options[day] for day in sorted(parse_days(time.days))]
    disabled = [
        option for option in rule_options if option["value"] in {rule.value for rule in linter.disabled_rules}
    ]
    log_channel: dict[str, Any] = {
        "type": "conversations_select",
        "filter": {"include": ["public", "private"]},
    }
    if agreement.decision_log_channel:
        log_channel["initial_conversation"] = agreement.decision_log_channel
    blocks = [
        input_block(
            NORM_URGENT,
            "Urgent asks: business days to answer",
            _text(str(norms.urgent_days)),
            hint="0 = the same working day",
        ),
        input_block(NORM_NORMAL, "Normal asks: business days to answer", _text(str(norms.normal_days))),
        input_block(NORM_COMPLEX, "Complex asks: business days to answer", _text(str(norms.complex_days))),
        input_block(WORK_HOURS, "Working hours", _text(time.hours, placeholder="09:00-17:00")),
        input_block(
            WORK_DAYS,
            "Working days",
            {
                "type": "checkboxes",
                "options": day_options,
                **({"initial_options": checkbox_days} if checkbox_days else {}),
            },
        ),
        input_block(
            TIME_ZONE,
            "Default time zone",
            _text(time.time_zone or "", placeholder="Europe/Berlin"),
            optional=True,
            hint="For people whose Slack time zone is unknown.",
        ),
        input_block(
            CORE_HOURS,
            "Core overlap hours",
            _text(time.core_hours or "", placeholder="14:00-16:00"),
            optional=True,
        ),
        input_block(
            FOCUS,
            "Focus blocks (no reminders then)",
            _text(", ".join(time.focus_blocks), placeholder="12:00-13:00, 15:00-16:00"),
            optional=True,
        ),
        input_block(
            HOLIDAYS,
            "Holidays (one per line: date and name)",
            _text(
                "\n".join(f"{h.day.isoformat()} {h.name}" for h in agreement.holidays),
                multiline=True,
                placeholder="2026-12-25 Christmas",
            ),
            optional=True,
        ),
        input_block(
            RULES_OFF,
            "Message checks switched off",
            {
                "type": "checkboxes",
                "options": rule_options,
                **({"initial_options": disabled} if disabled else {}),
            },
            optional=True,
        ),
        input_block(
            WALL_WORDS, "Words before a message needs structure", _text(str(linter.wall_of_text_words))
        ),
        input_block(
            BROADCAST_SIZE,
            "@here / @channel is fine up to this many members",
            _text(str(linter.broadcast_channel_size)),
        ),
        input_block(NUDGE_CAP, "Tips per person per day, at most", _text(str(linter.daily_nudge_cap))),
        input_block(
            CHANNEL_MODE,
            "Mode of channels the bot joins",
            {
                "type": "radio_buttons",
                "options": mode_options,
                "initial_option": next(o for o in mode_options if o["value"] == linter.default_channel_mode),
            },
        ),
        input_block(DECISION_LOG, "Decision-log channel", log_channel, optional=True),
        input_block(
            ACK_EMOJI, "Emoji that acknowledge an ask", _text(", ".join(agreement.acknowledgement_emoji))
        ),
        input_block(
            SURFACE_URGENT,
            "Overdue urgent asks",
            {
                "type": "checkboxes",
                "options": [surface],
                **({"initial_options": [surface]} if agreement.surface_overdue_urgent_asks else {}),
            },
            optional=True,
        ),
        input_block(
            MANAGERS,
            "Managers (may edit this agreement)",
            {"type": "multi_users_select", "initial_users": agreement.managers},
            optional=True,
        ),
    ]
    return modal(
        "Working agreement", blocks, callback_id=AGREEMENT_MODAL_CALLBACK, metadata=origin_channel[:32]
    )


def parse_agreement_form(values: object) -> WorkingAgreement:
    """The agreement from the modal; raises FormErrors ({block_id: message}) when it is not valid."""
    state = ModalState(values)
    holidays = []
    for number, line in enumerate(state.text(HOLIDAYS, limit=20_000).splitlines(), start=1):
        if line.strip():
            day, _, name = line.strip().partition(" ")
            holidays.append({"day": day, "name": name.strip() or "Holiday", "_line": number})
    raw = {
        "response_norms": {
            "urgent_days": state.text(NORM_URGENT, limit=5).strip(),
            "normal_days": state.text(NORM_NORMAL, limit=5).strip(),
            "complex_days": state.text(NORM_COMPLEX, limit=5).strip(),
        },
        "working_time": {
            "hours": state.text(WORK_HOURS, limit=20).strip(),
            "days": ",".join(state.options(WORK_DAYS)) or "none",
            "time_zone": state.text(TIME_ZONE, limit=64).strip() or None,
            "core_hours": state.text(CORE_HOURS, limit=20).strip() or None,
            "focus_blocks": _comma_list(state.text(FOCUS, limit=500)),
        },
        "holidays": [{"day": h["day"], "name": h["name"]} for h in holidays],
        "linter": {
            "disabled_rules": state.options(RULES_OFF),
            "wall_of_text_words": state.text(WALL_WORDS, limit=10).strip(),
            "broadcast_channel_size": state.text(BROADCAST_SIZE, limit=10).strip(),
            "daily_nudge_cap": state.text(NUDGE_CAP, limit=5).strip(),
            "default_channel_mode": state.option(CHANNEL_MODE) or "nudge",
        },
        "decision_log_channel": _selected_conversation(state),
        "acknowledgement_emoji": _comma_list(state.text(ACK_EMOJI, limit=500)),
        "surface_overdue_urgent_asks": bool(state.options(SURFACE_URGENT)),
        "managers": state.users(MANAGERS, limit=50),
    }
    try:
        return WorkingAgreement.model_validate(raw)
    except ValidationError as error:
        raise form_errors(
            error,
            block_for=lambda location: (
                ERROR_BLOCKS.get(location[:2]) or ERROR_BLOCKS.get(location[:1]) or NORM_NORMAL
            ),
            message_for=lambda _block, problem: _problem_message(problem, holidays),
        ) from None


def _comma_list(text: str) -> list[str]:
    """ "12:00-13:00, 16:00-17:00" -> ["12:00-13:00", "16:00-17:00"] (empty parts dropped)."""
    return [part.strip() for part in text.split(",") if part.strip()]


def _selected_conversation(state: ModalState) -> str | None:
    value = state.element(DECISION_LOG).get("selected_conversation")
    return value if isinstance(value, str) and value else None


def _problem_message(problem: dict[str, Any], holidays: list[dict[str, Any]]) -> str | None:
    """A holiday's line number, or a plainer message for no working days (None: pydantic's words)."""
    location = tuple(str(part) for part in problem.get("loc") or ())
    message = str(problem.get("msg", "")).removeprefix("Value error, ")
    if location[:1] == ("holidays",) and len(location) > 1 and location[1].isdigit():
        index = int(location[1])
        line = holidays[index]["_line"] if index < len(holidays) else index + 1
        return f"Line {line}: write a date like 2026-12-25, then the name ({message})."
    if location[:2] == ("working_time", "days") and "none" in str(problem.get("input")):
        return "Pick at least one working day."
    return None
