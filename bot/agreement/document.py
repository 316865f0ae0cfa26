"""The team's working agreement: one validated document, readable as YAML with line-precise errors.

Pure: pydantic and PyYAML, no Slack and no database. bot/agreement/service.py maps it to the
workspace's settings, which every feature reads.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from bot.calendar.working_time import format_days, format_time_range, parse_days, parse_time_range, zone_named
from bot.lint import Rule

USER_ID = r"^[UW][A-Z0-9]{2,30}$"
CHANNEL_ID = r"^[CG][A-Z0-9]{2,30}$"
EMOJI = re.compile(r"^[a-z0-9_+\-']{1,60}$")
ChannelModeName = Literal["nudge", "observe", "off"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ResponseNorms(_Strict):
    """Business days to answer, by urgency (0 = by the end of the same working day)."""

    urgent_days: int = Field(default=0, ge=0, le=10)
    normal_days: int = Field(default=1, ge=0, le=20)
    complex_days: int = Field(default=3, ge=0, le=30)

    @model_validator(mode="after")
    def _ordered(self) -> ResponseNorms:
        if not self.urgent_days <= self.normal_days <= self.complex_days:
            raise ValueError("urgent must not take longer than normal, nor normal longer than complex")
        return self


class WorkingTime(_Strict):
    hours: str = "09:00-17:00"
    days: str = "mon-fri"
    time_zone: str | None = None  # for people whose Slack zone is unknown
    core_hours: str | None = None  # when everyone overlaps, in time_zone (shown, not enforced)
    focus_blocks: list[str] = []  # local times with no deliveries, e.g. "12:00-13:00"

    @field_validator("hours", "core_hours")
    @classmethod
    def _range(cls, value: str | None) -> str | None:
        # "9am-5pm", "9-5" and "09:00 to 17:00" are kept in one spelling, "09:00-17:00"
        return format_time_range(parse_time_range(value)) if value is not None else None

    @field_validator("focus_blocks")
    @classmethod
    def _ranges(cls, values: list[str]) -> list[str]:
        return [format_time_range(parse_time_range(value)) for value in values]

    @field_validator("days")
    @classmethod
    def _days(cls, value: str) -> str:
        days = parse_days(value)
        if not days:
            raise ValueError("name at least one day")
        return format_days(days)  # one spelling ("mon-fri"), so changes are only real changes

    @field_validator("time_zone")
    @classmethod
    def _zone(cls, value: str | None) -> str | None:
        if value is not None and zone_named(value) is None:
            raise ValueError(f"{value!r} is not a time zone name like Europe/Berlin")
        return value


class Holiday(_Strict):
    day: date
    name: str = Field(default="Holiday", max_length=100)


class LinterSettings(_Strict):
    disabled_rules: list[Rule] = []
    wall_of_text_words: int = Field(default=120, ge=20, le=5000)
    broadcast_channel_size: int = Field(default=25, ge=2, le=1_000_000)
    daily_nudge_cap: int = Field(default=3, ge=0, le=50)
    default_channel_mode: ChannelModeName = "nudge"


class WorkingAgreement(_Strict):
    """Everything the team agreed that the bot enforces."""

    response_norms: ResponseNorms = ResponseNorms()
    working_time: WorkingTime = WorkingTime()
    holidays: list[Holiday] = Field(default=[], max_length=200)
    linter: LinterSettings = LinterSettings()
    decision_log_channel: str | None = Field(default=None, pattern=CHANNEL_ID)
    acknowledgement_emoji: list[str] = Field(
        default=["white_check_mark", "eyes"], min_length=1, max_length=20
    )
    surface_overdue_urgent_asks: bool = False
    managers: list[str] = Field(default=[], max_length=50)

    @field_validator("acknowledgement_emoji")
    @classmethod
    def _emoji(cls, values: list[str]) -> list[str]:
        cleaned = [value.strip().strip(":") for value in values]
        for value in cleaned:
            if not EMOJI.match(value):
                raise ValueError(f"{value!r} is not an emoji name like white_check_mark")
        return cleaned

    @field_validator("managers")
    @classmethod
    def _user_ids(cls, values: list[str]) -> list[str]:
        for value in values:
            if not re.match(USER_ID, value):
                raise ValueError(f"{value!r} is not a Slack user id like U012AB3CD")
        return values


# -- YAML -------------------------------------------------------------------------------------

HEADER = (
    "# The working agreement of this Slack workspace, as Async Norms enforces it.\n"
    "# Edit it, then: norms agreement import agreement.yml --team {team}\n"
)


def to_yaml(agreement: WorkingAgreement, *, team_id: str) -> str:
    data = agreement.model_dump(mode="json")
    for holiday in data["holidays"]:
        holiday["day"] = date.fromisoformat(holiday["day"])  # written as a plain YAML date, not a string
    return HEADER.format(team=team_id) + yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


class AgreementFileError(ValueError):
    """What is wrong with an agreement file, one line per problem, each with its line number."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


class _DatesAsText(yaml.SafeLoader):
    """Leaves dates as text, so pydantic reports a bad one ("2026-13-45") against its line."""


_DatesAsText.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def from_yaml(text: str, *, source: str = "agreement.yml") -> WorkingAgreement:
    """Parse and validate; AgreementFileError names the line of every problem."""
    loader = _DatesAsText(text)
    try:
        root = loader.get_single_node()  # parsed once: the nodes give line numbers, then the data
        data = loader.construct_document(root) if root is not None else None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f" line {mark.line + 1}" if mark is not None else ""
        problem = getattr(error, "problem", None) or str(error)
        raise AgreementFileError([f"{source}{line}: not valid YAML ({problem})"]) from None
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        raise AgreementFileError([f"{source} line 1: expected the agreement's fields (response_norms: …)"])
    try:
        return WorkingAgreement.model_validate(data)
    except ValidationError as error:
        problems = []
        for problem in error.errors():
            location = tuple(problem.get("loc") or ())
            where = ".".join(str(part) for part in location) or "(top)"
            message = str(problem.get("msg", "")).removeprefix("Value error, ")
            problems.append(f"{source} line {_line_of(root, location)} ({where}): {message}")
        raise AgreementFileError(problems) from None


def _line_of(root: yaml.Node | None, location: tuple[Any, ...]) -> int:
    """The 1-based line of the node at `location` (or of its nearest parent that exists)."""
    node = root
    line = (node.start_mark.line + 1) if node is not None else 1
    for part in location:
        child = None
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value == str(part):
                    child = value
                    line = key.start_mark.line + 1
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            child = node.value[part]
        if child is None:
            return line
        node = child
        line = node.start_mark.line + 1
    return line
