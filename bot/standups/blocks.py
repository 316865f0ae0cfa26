"""Block Kit for standups: the configuration and answer modals (with validation), the prompt, the
reminder, the digest, answers in its thread, and history. Pure builders within Slack's limits."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from pydantic import BaseModel, Field, ValidationError, field_validator, model_validator

from bot.calendar.working_time import DAY_NAMES, format_days, zone_named
from bot.core.errors import FieldProblem, FormErrors
from bot.slack.block_kit import (
    MESSAGE_BLOCK_LIMIT,
    SECTION_TEXT_LIMIT,
    header,
    input_block,
    modal,
    option,
    radio,
    section,
)
from bot.slack.forms import form_errors
from bot.slack.modal_state import ModalState
from bot.slack.mrkdwn import escape_mrkdwn

STANDUP_CONFIG_CALLBACK = "standup_config"
STANDUP_ANSWER_CALLBACK = "standup_answer"
STANDUP_OPEN_ANSWER_ACTION = "standup_open_answer"

DAYS, PROMPT_TIME, TZ_MODE, FIXED_TZ = "days", "prompt_time", "tz_mode", "fixed_tz"
PARTICIPANTS, QUESTIONS, NAME = "participants", "questions", "standup_name"
NAME_LIMIT = 40
DIGEST_MODE, DIGEST_TIME, DIGEST_TZ, DIGEST_HOURS, DIGEST_STYLE = (
    "digest_mode",
    "digest_time",
    "digest_tz",
    "digest_hours",
    "digest_style",
)
OWN_ZONE, FIXED_ZONE = "own", "fixed"
AT_TIME, AFTER_PROMPTS = "time", "after"
IN_THREAD, ONE_MESSAGE = "thread", "single"
MENTIONS = "mentions"
NAMES_ONLY, BLOCKERS_ONLY, EVERYONE = "names", "blockers", "everyone"
MENTION_POLICIES = (
    (NAMES_ONLY, "Names only: the digest notifies nobody"),
    (BLOCKERS_ONLY, "Notify only the people a blocker names"),
    (EVERYONE, "Notify everyone it names"),
)
DEFAULT_DIGEST_AFTER_HOURS = 2

DEFAULT_QUESTIONS = ("Progress since your last update", "Plans until the next one", "Blockers", "Help needed")
MAX_QUESTIONS = 6
QUESTION_LIMIT = 150
ANSWER_LIMIT = 2000
MAX_PARTICIPANTS = 100
_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")
_ESCAPED_MENTION = re.compile(r"&lt;@([UW][A-Z0-9]+)(?:\|[^&]*)?&gt;")  # a mention after escape_mrkdwn
# An answer that says there is no blocker ("No blockers today", "nothing blocking me :+1:"), and only
# that: "No access to staging yet" is a blocker.
_NOTHING = re.compile(
    r"^(?:(?:no|zero)(?:\s+(?:blockers?|blocks|issues|impediments|problems))?|none|nothing(?:\s+blocking(?:\s+me)?)?"
    r"|not\s+blocked|nope|n/?a|nada|all\s+(?:good|clear)|-+)?"
    r"(?:\s+(?:today|so\s+far|for\s+now|right\s+now|at\s+the\s+moment|atm|here))?"
    r"(?:\s*(?::[a-z0-9_+-]+:|[.!)]))*$",
    re.IGNORECASE,
)


class StandupConfig(BaseModel):
    """The configuration modal's values; a validator names the block it reports against (FieldProblem)."""

    days: list[int] = Field(min_length=1)
    prompt_time: time
    fixed_tz: str | None = None
    participants: list[str] = Field(min_length=1, max_length=MAX_PARTICIPANTS)
    questions: list[str] = Field(min_length=1, max_length=MAX_QUESTIONS)
    digest_time: time | None = None
    digest_tz: str | None = None
    digest_after_hours: int | None = None
    digest_in_thread: bool = True
    mention_policy: str = NAMES_ONLY
    name: str = Field(default="", max_length=NAME_LIMIT)  # "" for a channel's first (unnamed) standup

    @field_validator("questions")
    @classmethod
    def _short_questions(cls, questions: list[str]) -> list[str]:
        if any(len(question) > QUESTION_LIMIT for question in questions):
            raise FieldProblem(QUESTIONS, f"Keep each question under {QUESTION_LIMIT} characters.")
        return questions

    @model_validator(mode="after")
    def _zones_and_digest(self) -> StandupConfig:
        if self.fixed_tz is not None and zone_named(self.fixed_tz) is None:
            raise FieldProblem(FIXED_TZ, "Use a time zone name like Europe/Berlin or America/New_York.")
        if self.digest_after_hours is None:
            if self.digest_time is None:
                raise FieldProblem(DIGEST_TIME, "Pick the time the digest is posted.")
            if self.digest_tz is None or zone_named(self.digest_tz) is None:
                raise FieldProblem(DIGEST_TZ, "Use a time zone name like Europe/Berlin or America/New_York.")
        elif not 1 <= self.digest_after_hours <= 23:
            raise FieldProblem(DIGEST_HOURS, "Give a whole number of hours from 1 to 23.")
        return self


def parse_config_form(values: object) -> StandupConfig:
    """The configuration; raises FormErrors ({block_id: message}) when it is not valid."""
    state = ModalState(values)
    questions = [line.strip() for line in state.text(QUESTIONS).splitlines() if line.strip()]
    if len(questions) > MAX_QUESTIONS:
        raise FormErrors({QUESTIONS: f"At most {MAX_QUESTIONS} questions, one per line."})
    fixed = state.option(TZ_MODE) == FIXED_ZONE
    after = state.option(DIGEST_MODE) == AFTER_PROMPTS
    hours_text = state.text(DIGEST_HOURS, limit=5).strip()
    if after and not hours_text.isdigit():
        raise FormErrors({DIGEST_HOURS: "Give a whole number of hours from 1 to 23."})
    raw = {
        "days": [DAY_NAMES.index(day) for day in state.options(DAYS) if day in DAY_NAMES],
        "prompt_time": state.time(PROMPT_TIME),
        "fixed_tz": state.text(FIXED_TZ, limit=64).strip() if fixed else None,
        "participants": state.users(PARTICIPANTS, limit=MAX_PARTICIPANTS + 1),
        "questions": questions,
        "digest_time": None if after else state.time(DIGEST_TIME),
        "digest_tz": None if after else state.text(DIGEST_TZ, limit=64).strip(),
        "digest_after_hours": int(hours_text) if after else None,
        "digest_in_thread": state.option(DIGEST_STYLE) != ONE_MESSAGE,
        "name": " ".join(state.text(NAME, limit=NAME_LIMIT + 1).split()),
        "mention_policy": next(
            (policy for policy, _ in MENTION_POLICIES if policy == state.option(MENTIONS)), NAMES_ONLY
        ),
    }
    try:
        return StandupConfig.model_validate(raw)
    except ValidationError as error:
        raise form_errors(
            error,
            block_for=lambda location: location[0] if location else QUESTIONS,
            message_for=lambda block, _problem: _FIELD_MESSAGES.get(block),
        ) from None


_FIELD_MESSAGES = {
    DAYS: "Pick at least one day.",
    PROMPT_TIME: "Pick the time people are asked.",
    PARTICIPANTS: f"Pick between 1 and {MAX_PARTICIPANTS} people.",
    QUESTIONS: f"Write between 1 and {MAX_QUESTIONS} questions, one per line.",
    DIGEST_TIME: "Pick the time the digest is posted.",
}


# -- the configuration modal -----------------------------------------------------------------


@dataclass(frozen=True)
class ConfigDefaults:
    days: frozenset[int] = frozenset({0, 1, 2, 3, 4})
    prompt_time: str = "09:30"
    fixed_tz: str | None = None
    participants: tuple[str, ...] = ()
    questions: tuple[str, ...] = DEFAULT_QUESTIONS
    digest_time: str | None = None
    digest_tz: str = "UTC"
    # By default the digest follows its people: after the last person is asked, wherever they are.
    digest_after_hours: int | None = DEFAULT_DIGEST_AFTER_HOURS
    digest_in_thread: bool = True
    mention_policy: str = NAMES_ONLY
    name: str = ""
    standup_id: int | None = None  # the standup being edited


def config_metadata(channel_id: str, standup_id: int | None, *, new: bool = False) -> str:
    return json.dumps({"c": channel_id, "s": standup_id, "n": new})


@dataclass(frozen=True)
class ConfigTarget:
    """Which standup a configuration form is for: the one being edited, a new one, or (a form opened
    before standups had names, which sent the channel id alone) the one of the name given."""

    channel_id: str
    standup_id: int | None = None
    new: bool = False


def read_config_metadata(raw: object) -> ConfigTarget:
    try:
        data = json.loads(raw) if isinstance(raw, str) and raw.startswith("{") else {"c": raw}
    except ValueError:
        data = {}
    channel, standup = data.get("c"), data.get("s")
    return ConfigTarget(
        channel if isinstance(channel, str) else "",
        standup if isinstance(standup, int) else None,
        data.get("n") is True,
    )


def build_config_modal(
    *, channel_id: str, current: ConfigDefaults, editing: bool, name_needed: bool = False
) -> dict[str, Any]:
    """The configuration; `name_needed` when the channel has a standup already (each other one is
    named)."""
    day_options = [option(name, name.capitalize()) for name in DAY_NAMES]
    return modal(
        "Edit standup" if editing else "Set up a standup",
        callback_id=STANDUP_CONFIG_CALLBACK,
        metadata=config_metadata(channel_id, current.standup_id if editing else None, new=not editing),
        blocks=[
            section(
                f"An async standup for <#{channel_id}>: I ask each person by DM at their local "
                "time, and post one digest here."
            ),
            input_block(
                NAME,
                "Name",
                {
                    "type": "plain_text_input",
                    "initial_value": current.name,
                    "max_length": NAME_LIMIT,
                    "placeholder": {"type": "plain_text", "text": "Design review"},
                },
                optional=not name_needed,
                hint="This channel has a standup already: name this one."
                if name_needed
                else "Only needed when a channel has more than one standup.",
            ),
            input_block(
                DAYS,
                "Days",
                {
                    "type": "checkboxes",
                    "options": day_options,
                    "initial_options": [day_options[day] for day in sorted(current.days)],
                },
            ),
            input_block(
                PROMPT_TIME,
                "Ask at (local time)",
                {"type": "timepicker", "initial_time": current.prompt_time},
            ),
            input_block(
                TZ_MODE,
                "Whose local time",
                radio(
                    [
                        (OWN_ZONE, "Each person's own time zone (from Slack)"),
                        (FIXED_ZONE, "One fixed time zone for everyone"),
                    ],
                    FIXED_ZONE if current.fixed_tz else OWN_ZONE,
                ),
            ),
            input_block(
                FIXED_TZ,
                "Fixed time zone",
                {
                    "type": "plain_text_input",
                    "initial_value": current.fixed_tz or "",
                    "placeholder": {"type": "plain_text", "text": "Europe/Berlin"},
                },
                optional=True,
                hint="Only used with one fixed time zone.",
            ),
            input_block(
                PARTICIPANTS,
                "Participants",
                {
                    "type": "multi_users_select",
                    "initial_users": list(current.participants[:MAX_PARTICIPANTS]),
                },
                hint="Starts with the channel's members. People who join the channel later are added.",
            ),
            input_block(
                QUESTIONS,
                f"Questions (one per line, up to {MAX_QUESTIONS})",
                {
                    "type": "plain_text_input",
                    "multiline": True,
                    "initial_value": "\n".join(current.questions),
                },
            ),
            input_block(
                DIGEST_MODE,
                "Post the digest",
                radio(
                    [
                        (AT_TIME, "At a set time"),
                        (AFTER_PROMPTS, "Some hours after the last person is asked"),
                    ],
                    AFTER_PROMPTS if current.digest_after_hours else AT_TIME,
                ),
            ),
            input_block(
                DIGEST_TIME,
                "Digest time",
                {"type": "timepicker", "initial_time": current.digest_time or "12:00"},
                optional=True,
            ),
            input_block(
                DIGEST_TZ,
                "Digest time zone",
                {"type": "plain_text_input", "initial_value": current.digest_tz},
                optional=True,
                hint="For a set time, e.g. America/New_York.",
            ),
            input_block(
                DIGEST_HOURS,
                "Hours after the last prompt",
                {
                    "type": "plain_text_input",
                    "initial_value": str(current.digest_after_hours or DEFAULT_DIGEST_AFTER_HOURS),
                },
                optional=True,
            ),
            input_block(
                DIGEST_STYLE,
                "Digest style",
                radio(
                    [
                        (IN_THREAD, "A summary, with each person's answers in its thread"),
                        (ONE_MESSAGE, "Everything in one message"),
                    ],
                    IN_THREAD if current.digest_in_thread else ONE_MESSAGE,
                ),
            ),
            input_block(MENTIONS, "Notifications", radio(list(MENTION_POLICIES), current.mention_policy)),
        ],
    )


# -- answering -------------------------------------------------------------------------------


def build_prompt(
    *,
    channel_id: str,
    run_date: date,
    entry_id: int,
    reminder: bool = False,
    questions: Sequence[str] = (),
    digest_at: datetime | None = None,
    standup_name: str = "",
) -> tuple[str, list[dict[str, Any]]]:
    """The DM asking for an update: the questions, and when the digest goes out (`digest_at` in the
    person's own zone)."""
    when = f" The digest goes out {digest_at:%a %H:%M} your time." if digest_at is not None else ""
    which = f"{escape_mrkdwn(standup_name)} " if standup_name else ""
    about = f"your {which}standup update for <#{channel_id}> ({run_date:%a %d %b})"
    text = f"A reminder: {about} is still open.{when}" if reminder else f"Time for {about}.{when}"
    listed = "\n".join(f"• {escape_mrkdwn(question)}" for question in questions)
    hint = "Reply here (one line per question, or `Progress: …` labels), `skip` to skip today, or:"
    return text, [
        section(text + (f"\n{listed}\n{hint}" if listed else "")),
        {
            "type": "actions",
            "block_id": "standup_prompt",
            "elements": [
                {
                    "type": "button",
                    "action_id": STANDUP_OPEN_ANSWER_ACTION,
                    "text": {"type": "plain_text", "text": "Write my update"},
                    "style": "primary",
                    "value": str(entry_id),
                }
            ],
        },
    ]


def question_block(index: int) -> str:
    return f"answer_{index}"


def build_answer_modal(
    *,
    entry_id: int,
    channel_name: str,
    questions: Sequence[str],
    current: Sequence[str] | None,
    progress_hint: str | None,
    blocked_on: Sequence[str] = (),
) -> dict[str, Any]:
    """Current answers when editing; otherwise yesterday's "Plans" pre-fill today's "Progress"; and
    whom the person is blocked on (a people picker: a typed "@ana" is only text)."""
    progress, _, _ = roles(questions)
    blocks = []
    for index, question in enumerate(questions):
        initial = current[index] if current and index < len(current) else ""
        if not current and index == progress and progress_hint:
            initial = progress_hint
        element = {
            "type": "plain_text_input",
            "multiline": True,
            "max_length": ANSWER_LIMIT,
            "initial_value": initial,
        }
        hint = (
            "Pre-filled with the plans you gave last time."
            if (not current and index == progress and progress_hint)
            else ""
        )
        blocks.append(input_block(question_block(index), question[:2000], element, optional=True, hint=hint))
    blocks.append(
        input_block(
            BLOCKED_ON, "Blocked on (people)",
            {"type": "multi_users_select", "initial_users": list(blocked_on)[:MAX_BLOCKED_ON],
             "max_selected_items": MAX_BLOCKED_ON},
            optional=True, hint="Each person picked gets the ask, with the team's norms and reminders.",
        )
    )  # fmt: skip
    return modal(
        "Standup update",
        callback_id=STANDUP_ANSWER_CALLBACK,
        metadata=str(entry_id),
        submit="Send",
        blocks=[
            {"type": "context", "elements": [{"type": "mrkdwn", "text": f"For {channel_name[:100]}"}]},
            *blocks,
        ],
    )


BLOCKED_ON = "blocked_on"
MAX_BLOCKED_ON = 5


def parse_blocked_on(values: object) -> list[str]:
    """The people picked as blocking the person."""
    return ModalState(values).users(BLOCKED_ON, limit=MAX_BLOCKED_ON)


def parse_answer_form(values: object, *, questions: Sequence[str]) -> list[str]:
    """The answers, one per question; raises FormErrors when all are empty."""
    state = ModalState(values)
    answers = [
        state.text(question_block(index), limit=ANSWER_LIMIT).strip() for index in range(len(questions))
    ]
    if not any(answers):
        raise FormErrors({question_block(0): "Write at least one answer."})
    return answers


def roles(questions: Sequence[str]) -> tuple[int | None, int | None, int | None]:
    """Which questions are Progress, Plans and Blockers (by their words, else by position)."""

    def find(words: tuple[str, ...], fallback: int) -> int | None:
        for index, question in enumerate(questions):
            if any(word in question.lower() for word in words):
                return index
        return fallback if fallback < len(questions) and len(questions) >= 3 else None

    return (
        find(("progress", "since", "did", "done"), 0),
        find(("plan", "next", "today"), 1),
        find(("block",), 2),
    )


def pair(questions: Sequence[str], answers: Sequence[str]) -> list[dict[str, str]]:
    return [{"q": question, "a": answer} for question, answer in zip(questions, answers, strict=False)]


def read_answers(stored: str | None) -> list[dict[str, str]]:
    try:
        data = json.loads(stored or "[]")
    except ValueError:
        return []
    return [item for item in data if isinstance(item, dict)] if isinstance(data, list) else []


def blocker_of(answers: Sequence[dict[str, str]]) -> str | None:
    """The blocker someone reported, or None (an answer like "none" is no blocker)."""
    for item in answers:
        if "block" in item.get("q", "").lower():
            text = item.get("a", "").strip()
            return None if _NOTHING.match(text) else text
    return None


def people_named(text: str) -> list[str]:
    return list(dict.fromkeys(_MENTION.findall(text)))


# -- the digest ------------------------------------------------------------------------------


@dataclass(frozen=True)
class DigestEntry:
    user_id: str
    status: str  # answered, away, missing
    answers: list[dict[str, str]]
    blocked_on: tuple[str, ...] = ()  # picked in the answer form


def _answers_text(
    answers: Sequence[dict[str, str]],
    *,
    limit: int = SECTION_TEXT_LIMIT - 200,
    naming: Callable[[str], str | None] | None = None,
) -> str:
    """Questions and answers; a mention typed in an answer shows as the person's name (from `naming`),
    else as typed: typed text notifies nobody."""

    def said(text: str) -> str:
        escaped = escape_mrkdwn(text)
        if naming is None:
            return escaped
        # A mention typed in an answer never notifies: it shows as the person's name, where known.
        return _ESCAPED_MENTION.sub(lambda found: naming(found.group(1)) or found.group(0), escaped)

    lines = [
        f"*{escape_mrkdwn(item.get('q', ''))}*\n{said(item.get('a', '')) or '_no answer_'}"
        for item in answers
    ]
    text = "\n".join(lines)
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class Naming:
    """How a digest names people: a mention (which notifies) or their name (which does not), by the
    standup's policy. Someone whose name Slack has not told us yet is mentioned."""

    policy: str = NAMES_ONLY
    names: dict[str, str] = field(default_factory=dict)
    notified: frozenset[str] = frozenset()  # the people blockers name, for BLOCKERS_ONLY

    def name_only(self, user: str) -> str | None:
        """The person's name, escaped, where it is known (it notifies nobody)."""
        name = self.names.get(user)
        return escape_mrkdwn(name) if name else None

    def __call__(self, user: str) -> str:
        name = self.names.get(user)
        if (
            self.policy == EVERYONE
            or name is None
            or (self.policy == BLOCKERS_ONLY and user in self.notified)
        ):
            return f"<@{user}>"
        return escape_mrkdwn(name)


def _blocker(entry: DigestEntry) -> tuple[str, str, list[str]] | None:
    """(who, their blocker as written, the people it needs: named in it or picked), or None."""
    said = blocker_of(entry.answers) or ""
    needs = list(dict.fromkeys([*people_named(said), *entry.blocked_on]))
    return (entry.user_id, said, needs) if said or needs else None


def build_digest(
    *,
    channel_id: str,
    run_date: date,
    entries: Sequence[DigestEntry],
    in_thread: bool,
    naming: Naming | None = None,
    standup_name: str = "",
) -> tuple[str, list[dict[str, Any]], set[str]]:
    """One digest: blockers on top (with the people they name), then answers or who answered, who is
    away and who has not answered yet; and whose answers it shows. In thread style (and for answers that
    do not fit) the answers follow in the thread. People are named as `naming` says."""
    answered = [entry for entry in entries if entry.status == "answered"]
    shown: set[str] = set()
    away = [entry.user_id for entry in entries if entry.status == "away"]
    missing = [entry.user_id for entry in entries if entry.status == "missing"]
    blockers = [found for entry in answered if (found := _blocker(entry)) is not None]
    naming = naming or Naming(EVERYONE)
    named_in_blockers = frozenset(person for _, _, named in blockers for person in named)
    who = Naming(naming.policy, naming.names, named_in_blockers)
    title = (
        f"{standup_name or 'Standup'} for {run_date:%A %d %B}: "
        f"{len(answered)} of {len(entries) - len(away)} answered"
    )
    blocks: list[dict[str, Any]] = [header(title)]
    if blockers:
        lines = []
        for user, blocker, named in blockers:
            needs = f" (needs {', '.join(who(person) for person in named)})" if named else ""
            text = _ESCAPED_MENTION.sub(
                lambda found: who.name_only(found.group(1)) or found.group(0), escape_mrkdwn(blocker)
            )
            lines.append(f"• {who(user)}: {text or 'blocked'}{needs}")
        blocks.append(section(":rotating_light: *Blockers*\n" + "\n".join(lines)))
    if in_thread:
        if answered:
            blocks.append(
                section(
                    "*Answered:* " + ", ".join(who(e.user_id) for e in answered) + " (answers in the thread)"
                )
            )
    else:
        room = MESSAGE_BLOCK_LIMIT - len(blocks) - 3
        shown = {entry.user_id for entry in answered[:room]}
        for entry in answered[:room]:
            blocks.append(
                section(f"*{who(entry.user_id)}*\n" + _answers_text(entry.answers, naming=who.name_only))
            )
        if len(answered) > room:
            blocks.append(section(f"…and {len(answered) - room} more answers in the thread."))
    if missing:
        blocks.append(section("*Not answered yet:* " + ", ".join(who(user) for user in missing)))
    if away:
        blocks.append(section("*Away:* " + ", ".join(who(user) for user in away)))
    return title, blocks[:MESSAGE_BLOCK_LIMIT], shown


def build_thread_answer(
    *, user_id: str, answers: Sequence[dict[str, str]], kind: str, naming: Naming | None = None
) -> tuple[str, list[dict[str, Any]]]:
    """An answer in the digest's thread: kind is "answer", "late" or "edited"."""
    who = naming or Naming(EVERYONE)
    lead = {
        "answer": f"*{who(user_id)}*",
        "late": f"*{who(user_id)}* (answered after the digest)",
        "edited": f"*{who(user_id)}* edited their update",
    }[kind]
    text = f"{lead}\n{_answers_text(answers, naming=who.name_only)}"
    return f"Standup update from {who(user_id)}", [section(text)]


def build_history(
    *, rows: Sequence[tuple[date, str, list[dict[str, str]]]], days: int, person: str | None
) -> tuple[str, list[dict[str, Any]]]:
    who = f" from <@{person}>" if person else ""
    if not rows:
        text = f"No standup answers{who} in the last {days} days here."
        return text, [section(text)]
    blocks = [section(f"*Standup answers{who}, last {days} days* (newest first)")]
    for day, user, answers in rows[: MESSAGE_BLOCK_LIMIT - 2]:
        blocks.append(section(f"*{day:%a %d %b}* · <@{user}>\n" + _answers_text(answers, limit=1500)))
    if len(rows) > MESSAGE_BLOCK_LIMIT - 2:
        blocks.append(
            section(f"…{len(rows) - (MESSAGE_BLOCK_LIMIT - 2)} older answers not shown; ask for fewer days.")
        )
    return f"Standup answers{who}", blocks


def describe_config(
    *,
    days: frozenset[int],
    prompt_time: str,
    fixed_tz: str | None,
    participants: int,
    digest: str,
    paused: bool = False,
) -> str:
    zone = f"{fixed_tz} time" if fixed_tz else "each person's own time"
    state = " It is *paused*." if paused else ""
    return (
        f"Standup here: {format_days(days)} at {prompt_time} {zone}, {participants} "
        f"{'person' if participants == 1 else 'people'}; the digest is posted {digest}.{state}"
    )


# -- answering by DM -----------------------------------------------------------------------------

SKIP = "skip"
_SKIP_WORDS = re.compile(
    r"^\s*(?:skip|skipping|pass)(?:\s+(?:today|this\s+one|for\s+today))?\s*[.!]?\s*$", re.I
)
_LABEL = re.compile(r"^\s*[*_]*([A-Za-z][\w ']{0,40}?)[*_]*\s*[:\-\u2013]\s*(.*)$")


def read_dm_answer(text: str, questions: Sequence[str]) -> list[str] | str:
    """A reply to the prompt's DM as one answer per question, or SKIP ("skip", "skip today").

    Lines that start with a question's first word ("Progress: …", "blockers - none") go to that
    question; with no such labels, one line per question when the counts match; else everything
    answers the first question (nothing is dropped)."""
    if _SKIP_WORDS.match(text):
        return SKIP
    keys = [question.split()[0].lower().strip(":") if question.split() else "" for question in questions]
    answers = [""] * len(questions)
    current: int | None = None
    unlabeled: list[str] = []
    labeled = False
    for line in text.strip().splitlines():
        found = _LABEL.match(line)
        index = None
        if found:
            label = found.group(1).strip().lower()
            index = next((i for i, key in enumerate(keys) if key and label.startswith(key)), None)
        if index is not None and found is not None:
            labeled, current = True, index
            answers[index] = found.group(2).strip()
        elif current is not None:
            answers[current] = f"{answers[current]}\n{line}".strip()
        else:
            unlabeled.append(line)
    rest = "\n".join(unlabeled).strip()
    if labeled:
        if rest:
            answers[0] = f"{rest}\n{answers[0]}".strip()
        return [answer[:ANSWER_LIMIT] for answer in answers]
    lines = [line.strip() for line in rest.splitlines() if line.strip()]
    if len(lines) == len(questions) and len(questions) > 1:
        return [line[:ANSWER_LIMIT] for line in lines]
    return [rest[:ANSWER_LIMIT], *([""] * (len(questions) - 1))]
