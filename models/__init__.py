"""SQLAlchemy 2 typed models. Every table of workspace data carries team_id."""

from models.base import Base
from models.decisions import Decision, DecisionStatus, DecisionStatusChange
from models.nudges import (
    ChannelMode,
    ChannelSettings,
    NudgeOutcome,
    NudgeRecord,
    UserProfile,
    WorkspaceSettings,
)
from models.processed_event import ProcessedEvent
from models.scheduled_item import ItemState, ScheduledItem
from models.slack_oauth import slack_oauth_metadata

ALL_METADATA = (Base.metadata, slack_oauth_metadata)

__all__ = [
    "ALL_METADATA",
    "Base",
    "ChannelMode",
    "ChannelSettings",
    "Decision",
    "DecisionStatus",
    "DecisionStatusChange",
    "ItemState",
    "NudgeOutcome",
    "NudgeRecord",
    "ProcessedEvent",
    "ScheduledItem",
    "UserProfile",
    "WorkspaceSettings",
    "slack_oauth_metadata",
]
