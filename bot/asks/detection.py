"""Which people a message asks something of, how urgent it is, and by when it says. Pure."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, tzinfo

from bot.lint import DEFAULT_CONFIG, LintConfig, Urgency, lint

# A review that blocks something should not wait the complex norm's several days.
_BLOCKS_WORK = re.compile(
    r"\b(?:block(?:s|ing|er|ers)|unblock(?:s|ing)?|holding\s+(?:us\s+)?up|gating)\b", re.I
)


# An ask of more people than this is a broadcast, and is treated like one: no ask is tracked, and
# nobody is looked up (one message with a thousand mentions cost a thousand users.info calls).
MAX_PEOPLE_ASKED = 20
# A user group of more people than this is a crowd: mentioning it asks nobody in particular.
MAX_GROUP_ASKED = 10
_USER_GROUP = re.compile(r"<!subteam\^([A-Z0-9]+)(?:\|[^>]*)?>")


@dataclass(frozen=True)
class DetectedAsk:
    recipients: tuple[str, ...]  # user ids, in the order mentioned, without the author
    urgency: Urgency
    stated_due: datetime | None  # the message's own deadline, if it names one
    no_rush: bool
    groups: tuple[str, ...] = ()  # user groups mentioned (<!subteam^…>), expanded by the caller


def detect_ask(
    text: str, *, author_id: str, asked_at: datetime, author_tz: tzinfo, config: LintConfig = DEFAULT_CONFIG
) -> DetectedAsk | None:
    """The ask a message makes of the people and user groups it mentions, or None (no request, FYI,
    nobody mentioned).

    User groups are returned for the caller to expand (a small one asks each member; see
    MAX_GROUP_ASKED); broadcasts (@here, @channel) are not: an ask to everyone is nobody's ask.
    A complex review that says it blocks work is held to the normal norm, not the complex one.
    """
    result = lint(text, now=asked_at, tz=author_tz, config=config)
    recipients = tuple(dict.fromkeys(user for user in result.mentioned_users if user != author_id))
    groups = tuple(dict.fromkeys(_USER_GROUP.findall(text))) if "<!subteam^" in text else ()
    if not (recipients or groups) or not result.expects_response or len(recipients) > MAX_PEOPLE_ASKED:
        return None  # nobody asked, or so many that it is a broadcast: nobody's ask
    urgency = result.urgency
    if urgency is Urgency.COMPLEX and _BLOCKS_WORK.search(text):
        urgency = Urgency.NORMAL
    deadline = result.deadline if result.deadline is not None and result.deadline > asked_at else None
    return DetectedAsk(recipients, urgency, deadline, result.no_rush, groups)
