"""Block Kit for decision records: the modal, its validation, the posted record, lists. Pure builders."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from pydantic import BaseModel, Field, ValidationError, field_validator, model_validator

from bot.core.errors import FieldProblem
from bot.decisions import service as decisions_service
from bot.decisions.adr.layout import person_id, status_word
from bot.decisions.service import DecisionDraft, display_number
from bot.slack.block_kit import PRIVATE_METADATA_LIMIT, header, section
from bot.slack.forms import form_errors
from bot.slack.modal_state import VALUE, ModalState
from bot.slack.mrkdwn import escape_mrkdwn
from models import Decision, DecisionStatus

DECISION_MODAL_CALLBACK = "decision_record"
DECISION_ACCEPT_ACTION = "decision_accept"
DECISION_REJECT_ACTION = "decision_reject"
DECISION_DEPRECATE_ACTION = "decision_deprecate"
STATUS_ACTIONS = {
    DECISION_ACCEPT_ACTION: DecisionStatus.ACCEPTED,
    DECISION_REJECT_ACTION: DecisionStatus.REJECTED,
    DECISION_DEPRECATE_ACTION: DecisionStatus.DEPRECATED,
}

TITLE, STATUS, CONTEXT, OPTIONS, OUTCOME = "title", "status", "context", "options", "outcome"
GOOD, BAD, MAKERS, CONSULTED, INFORMED = (
    "consequences_good",
    "consequences_bad",
    "decision_makers",
    "consulted",
    "informed",
)
DECIDED_ON, REVIEW_BY, FEEDBACK_BY = "decided_on", "review_by", "feedback_by"
TITLE_LIMIT = 150
TEXT_LIMIT = 2900
CANVAS_RECORDS = 1000  # the newest records a log canvas lists


class DecisionForm(BaseModel):
    """The modal's values; errors are reported against the block that holds the field."""

    title: str = Field(min_length=1, max_length=TITLE_LIMIT)
    status: DecisionStatus
    context: str = ""
    options: str = ""
    outcome: str = ""
    consequences_good: str = ""
    consequences_bad: str = ""
    decision_makers: list[str] = []
    consulted: list[str] = []
    informed: list[str] = []
    decided_on: date | None = None
    review_by: date | None = None
    feedback_by: date | None = None
    today: date

    @field_validator("title", mode="before")
    @classmethod
    def _strip_title(cls, value: object) -> object:
        return value.strip() if isinstance(value, str) else value

    @model_validator(mode="after")
    def _rules(self) -> DecisionForm:
        if self.status is DecisionStatus.ACCEPTED and not self.outcome.strip():
            raise FieldProblem(OUTCOME, "An accepted decision needs its outcome: the chosen option and why.")
        if self.status is DecisionStatus.PROPOSED:
            if self.feedback_by is None:
                raise FieldProblem(
                    FEEDBACK_BY, "A proposal needs a feedback-by date, so people know when to comment."
                )
            if self.feedback_by <= self.today:
                raise FieldProblem(FEEDBACK_BY, "The feedback-by date must be in the future.")
        return self


def parse_decision_form(values: object, *, today: date) -> DecisionForm:
    """The form; raises FormErrors ({block_id: message}) when it is not valid."""
    state = ModalState(values)

    def text(block: str) -> str:
        return state.text(block, limit=TEXT_LIMIT)

    def users(block: str) -> list[str]:
        return state.users(block, limit=50)

    title = state.element(TITLE).get("value")  # whole: the form says when it is too long
    selected = state.element(STATUS).get("selected_option")
    raw = {
        "title": title if isinstance(title, str) else "",
        "status": selected.get("value") if isinstance(selected, dict) else DecisionStatus.ACCEPTED.value,
        "context": text(CONTEXT), "options": text(OPTIONS), "outcome": text(OUTCOME),
        "consequences_good": text(GOOD), "consequences_bad": text(BAD),
        "decision_makers": users(MAKERS), "consulted": users(CONSULTED), "informed": users(INFORMED),
        "decided_on": state.date(DECIDED_ON), "review_by": state.date(REVIEW_BY),
        "feedback_by": state.date(FEEDBACK_BY),
        "today": today,
    }  # fmt: skip
    try:
        return DecisionForm.model_validate(raw)
    except ValidationError as error:
        raise form_errors(
            error, block_for=lambda location: location[0] if location else TITLE, message_for=_field_message
        ) from None


def _field_message(block: str, _problem: dict[str, Any]) -> str | None:
    """What a person reads under a field that pydantic rejected (None: pydantic's own words)."""
    if block == TITLE:
        return f"Give the decision a title (at most {TITLE_LIMIT} characters)."
    if block in (DECIDED_ON, REVIEW_BY, FEEDBACK_BY):
        return "Pick a date."
    if block == STATUS:
        return "Pick a status."
    return None


def draft_from_form(form: DecisionForm, metadata: dict[str, str | None]) -> DecisionDraft:
    return DecisionDraft(
        title=form.title,
        status=form.status,
        context=form.context,
        options=form.options,
        outcome=form.outcome,
        consequences_good=form.consequences_good,
        consequences_bad=form.consequences_bad,
        decision_makers=tuple(form.decision_makers),
        consulted=tuple(form.consulted),
        informed=tuple(form.informed),
        decided_on=form.decided_on,
        review_by=form.review_by,
        feedback_by=form.feedback_by,
        channel_id=metadata.get("c"),
        thread_ts=metadata.get("t"),
        permalink=metadata.get("p"),
    )


def modal_metadata(*, channel_id: str | None, thread_ts: str | None, permalink: str | None) -> str:
    return json.dumps({"c": channel_id, "t": thread_ts, "p": permalink})[:PRIVATE_METADATA_LIMIT]


def read_metadata(raw: object) -> dict[str, str | None]:
    try:
        data = json.loads(raw) if isinstance(raw, str) and raw else {}
    except ValueError:
        data = {}
    if not isinstance(data, dict):
        return {}
    return {
        key: value if isinstance(value, str) else None
        for key, value in data.items()
        if key in ("c", "t", "p")
    }


def build_decision_modal(
    *,
    today: date,
    metadata: str,
    title: str = "",
    context: str = "",
    options: str = "",
    makers: list[str] | None = None,
    notice: str = "",
) -> dict[str, Any]:
    """The MADR 4 fields, pre-filled where we know them (from the command, or from a thread); a
    `notice` (the thread could not be read whole) stands above them."""
    statuses = [_option(status.value.capitalize(), status.value) for status in DecisionStatus]
    modal: dict[str, Any] = {
        "type": "modal",
        "callback_id": DECISION_MODAL_CALLBACK,
        "private_metadata": metadata,
        "title": {"type": "plain_text", "text": "Record a decision"},
        "submit": {"type": "plain_text", "text": "Record"},
        "close": {"type": "plain_text", "text": "Cancel"},
        "blocks": [
            _text_input(TITLE, "Title", initial=title[:TITLE_LIMIT], max_length=TITLE_LIMIT,
                        placeholder="Use PostgreSQL for the events store"),
            {"type": "input", "block_id": STATUS, "label": _plain("Status"),
             "element": {"type": "static_select", "action_id": VALUE, "options": statuses,
                         "initial_option": _option("Accepted", DecisionStatus.ACCEPTED.value)}},
            _text_input(CONTEXT, "Context and problem statement", initial=context, multiline=True,
                        optional=True),
            _text_input(OPTIONS, "Considered options (one per line)", initial=options, multiline=True,
                        optional=True),
            _text_input(OUTCOME, "Decision outcome: the chosen option and why", multiline=True,
                        optional=True),
            _text_input(GOOD, "Good consequences", multiline=True, optional=True),
            _text_input(BAD, "Bad consequences", multiline=True, optional=True),
            _users_input(MAKERS, "Decision-makers", initial=makers or []),
            _users_input(CONSULTED, "Consulted"),
            _users_input(INFORMED, "Informed"),
            _date_input(DECIDED_ON, "Date", initial=today),
            _date_input(REVIEW_BY, "Review by"),
            _date_input(FEEDBACK_BY, "Feedback by (for a proposal)"),
        ],
    }  # fmt: skip
    if notice:
        modal["blocks"].insert(0, {"type": "context", "elements": [{"type": "mrkdwn", "text": notice}]})
    return modal


def shown_status(record: Decision) -> str:
    """The status as people read it, escaped for mrkdwn (an imported file's "on hold" as written)."""
    return escape_mrkdwn(decisions_service.shown_status(record))


def mention_person(entry: str) -> str:
    """A record's person in Slack: a mention for a Slack user (an id, or "Ana Lima (U01ANA)" from an
    exported file), the name as written for someone from another tool's file."""
    found = person_id(entry)
    return f"<@{found}>" if found else escape_mrkdwn(entry)


def build_record_message(record: Decision) -> tuple[str, list[dict[str, Any]]]:
    """The record as posted into its thread or channel, with status buttons."""
    heading = f"{display_number(record.number)}: {record.title}"
    makers = ", ".join(mention_person(entry) for entry in record.decision_makers) or "not named"
    facts = [
        f"*Status:* {shown_status(record)}",
        f"*Date:* {record.decided_on:%d %b %Y}" if record.decided_on else "*Date:* not recorded",
        f"*Decision-makers:* {makers}",
    ]
    if record.feedback_by:
        facts.append(f"*Feedback by:* {record.feedback_by:%d %b %Y}")
    if record.supersedes:
        facts.append(f"*Supersedes:* {display_number(record.supersedes)}")
    if record.superseded_by:
        facts.append(f"*Superseded by:* {display_number(record.superseded_by)}")
    blocks: list[dict[str, Any]] = [
        header(heading),
        section("\n".join(facts)),
    ]
    sections = (
        ("Context", record.context),
        ("Considered options", record.options),
        ("Outcome", record.outcome),
        ("Good consequences", record.consequences_good),
        ("Bad consequences", record.consequences_bad),
    )
    for label, body in sections:
        if body.strip():
            blocks.append(section(f"*{label}*\n{escape_mrkdwn(body)}"[:TEXT_LIMIT]))
    if record.permalink:
        blocks.append(
            {
                "type": "context",
                "elements": [{"type": "mrkdwn", "text": f"<{record.permalink}|The discussion>"}],
            }
        )
    buttons = _status_buttons(record)
    if buttons:
        blocks.append({"type": "actions", "block_id": f"decision_{record.number}", "elements": buttons})
    fallback = f"{display_number(record.number)}: {escape_mrkdwn(record.title)} ({shown_status(record)})"
    return fallback, blocks


def build_decision_list(records: list[Decision], *, heading: str) -> str:
    if not records:
        return f"{heading}: nothing found."
    lines = [f"*{heading}*"]
    for record in records:
        link = f" <{record.permalink}|thread>" if record.permalink else ""
        title = escape_mrkdwn(record.title)
        lines.append(f"• *{display_number(record.number)}* {title} ({shown_status(record)}){link}")
    return "\n".join(lines)[:TEXT_LIMIT]


DECISION_HELP = (
    "*Decision records*\n"
    "• `/decision [TITLE]`: record a decision (or use *Record as decision* on a message to start "
    "from its thread)\n"
    "• `/decision accept|reject|deprecate ADR-7`, `/decision supersede ADR-3 with ADR-9`: change a status "
    "(decision-makers and the author)\n"
    "• `/decision link ADR-9 amends ADR-5`, `/decision link ADR-9 relates to ADR-5`: link two records\n"
    "• `/decision list [status]`, `/decision search WORDS`, `/decision show ADR-7`: the log\n"
    "• `/decision note ADR-7 TEXT`: append a dated note (records are otherwise immutable)\n"
    "• `/decision log-channel here|off`: also post new records in this channel; `/decision canvas on|off`: "
    "keep the log as a canvas there (admins)"
)


def build_log_canvas(records: list[Decision]) -> str:
    """The decision log as canvas Markdown: number, title (linked to its post), status and date."""
    lines = ["# Decision log", ""]
    for record in sorted(records, key=lambda r: r.number, reverse=True)[:CANVAS_RECORDS]:
        title = record.title.replace("[", "(").replace("]", ")")
        named = f"[{title}]({record.permalink})" if record.permalink else title  # the discussion
        day = f" · {record.decided_on:%d %b %Y}" if record.decided_on else ""
        status = status_word(record.status, record.status_label)
        lines.append(f"- **{display_number(record.number)}** {named} · {status}{day}")
    if len(lines) == 2:
        lines.append("No records yet: `/decision` records one.")
    return "\n".join(lines) + "\n"


def _status_buttons(record: Decision) -> list[dict[str, Any]]:
    wanted = {
        DecisionStatus.PROPOSED: ((DECISION_ACCEPT_ACTION, "Accept"), (DECISION_REJECT_ACTION, "Reject")),
        DecisionStatus.ACCEPTED: ((DECISION_DEPRECATE_ACTION, "Deprecate"),),
    }.get(record.status, ())
    return [
        {"type": "button", "text": _plain(label), "action_id": action, "value": str(record.number)}
        for action, label in wanted
    ]


def _text_input(block: str, label: str, *, initial: str = "", multiline: bool = False, optional: bool = False,
                max_length: int = TEXT_LIMIT, placeholder: str | None = None) -> dict[str, Any]:  # fmt: skip
    element: dict[str, Any] = {
        "type": "plain_text_input",
        "action_id": VALUE,
        "multiline": multiline,
        "max_length": max_length,
    }
    if initial:
        element["initial_value"] = initial[:max_length]
    if placeholder:
        element["placeholder"] = _plain(placeholder)
    return {
        "type": "input",
        "block_id": block,
        "label": _plain(label),
        "optional": optional,
        "element": element,
    }


def _users_input(block: str, label: str, *, initial: list[str] | None = None) -> dict[str, Any]:
    element: dict[str, Any] = {"type": "multi_users_select", "action_id": VALUE}
    if initial:
        element["initial_users"] = initial[:20]
    return {"type": "input", "block_id": block, "label": _plain(label), "optional": True, "element": element}


def _date_input(block: str, label: str, *, initial: date | None = None) -> dict[str, Any]:
    element: dict[str, Any] = {"type": "datepicker", "action_id": VALUE}
    if initial:
        element["initial_date"] = initial.isoformat()
    return {"type": "input", "block_id": block, "label": _plain(label), "optional": True, "element": element}


def _option(text: str, value: str) -> dict[str, Any]:
    return {"text": _plain(text), "value": value}


def _plain(text: str) -> dict[str, str]:
    return {"type": "plain_text", "text": text}
