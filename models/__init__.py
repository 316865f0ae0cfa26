"""SQLAlchemy 2 typed models. Every table of workspace data carries team_id."""

from models.asks import AskState, DueSource, TrackedAsk, WorkspaceHoliday
from models.base import Base
from models.decisions import Decision, DecisionLink, DecisionStatus, DecisionStatusChange
from models.nudges import AgreementChange, LintTally, NudgeOutcome, NudgeRecord, RuleFeedback
from models.processed_event import ProcessedEvent
from models.scheduled_item import ChannelPace, ItemState, ScheduledItem
from models.slack_oauth import slack_oauth_metadata
from models.standups import EntryStatus, Standup, StandupEntry, StandupRun
from models.workspace import ChannelMode, ChannelSettings, UserProfile, WorkspaceSettings

ALL_METADATA = (Base.metadata, slack_oauth_metadata)

__all__ = [
    "ALL_METADATA",
    "AgreementChange",
    "AskState",
    "Base",
    "ChannelMode",
    "ChannelPace",
    "ChannelSettings",
    "Decision",
    "DecisionLink",
    "DecisionStatus",
    "DecisionStatusChange",
    "DueSource",
    "EntryStatus",
    "ItemState",
    "LintTally",
    "NudgeOutcome",
    "NudgeRecord",
    "ProcessedEvent",
    "RuleFeedback",
    "ScheduledItem",
    "Standup",
    "StandupEntry",
    "StandupRun",
    "TrackedAsk",
    "UserProfile",
    "WorkspaceHoliday",
    "WorkspaceSettings",
    "slack_oauth_metadata",
]
