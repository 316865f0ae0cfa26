"""Turn raw Slack mrkdwn into the plain views the rules read.

Code (inline and fenced) and quoted lines are someone else's words or machine text: they are not
linted for urgency or deadlines, and they do not count as the author's request. Mentions, links and
emoji become placeholders so rules can see that they are there without reading their content.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

USER_PLACEHOLDER = "@person"
LINK_PLACEHOLDER = "<link>"

_FENCED_CODE = re.compile(r"```.*?(?:```|$)", re.DOTALL)
_INLINE_CODE = re.compile(r"`[^`\n]*`")
_QUOTE_LINE = re.compile(r"^(?:>|&gt;).*$", re.MULTILINE)
_USER_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")
_USERGROUP_MENTION = re.compile(r"<!subteam\^([A-Z0-9]+)(?:\|[^>]*)?>")
_BROADCAST = re.compile(r"<!(channel|here|everyone)(?:\|[^>]*)?>|(?<![\w<])@(channel|here|everyone)\b")
# A broadcast typed as a word and talked about, not sent: "please don't use @channel here", "what does
# @here do?" (Slack sends a real one as <!channel>, which notifies whatever words come before it)
_TALKED_ABOUT = re.compile(
    r"(?:\buse|\busing|\bused|\bavoid|\bdon'?t|\bdo\s+not|\bno|\bstop|\bwithout|\binstead\s+of|\babout|\bdoes|\bthe)\s+$",
    re.IGNORECASE,
)
_CHANNEL_MENTION = re.compile(r"<#([CG][A-Z0-9]+)(?:\|([^>]*))?>")
_LINK = re.compile(r"<((?:https?|mailto):[^|>\s]+)(?:\|([^>]*))?>")
_BARE_URL = re.compile(r"\bhttps?://\S+")
_EMOJI = re.compile(r":(?<!\d:)[a-z0-9_+\-']+:")  # not "9:01:10"; a leading ":" keeps re's fast scan
_DATE_TOKEN = re.compile(r"<!date\^[^>]*\|([^>]*)>")
_OTHER_SPECIAL = re.compile(r"<![^>]*>")
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'\u2019\-]*")
_SPACES = re.compile(r"[ \t]+")

_BULLET = re.compile(r"^\s*(?:[-*\u2022\u25e6\u25aa\u2023\u2013]|\d+[.)]|[a-z][.)])\s+\S", re.MULTILINE)
_HEADING = re.compile(
    r"^\s*(?:#{1,6}\s+\S|\*[^*\n]{1,60}\*\s*:?\s*$|\*[^*\n]{1,40}:\*|[A-Z][\w /&-]{1,40}:\s*$)", re.MULTILINE
)
_BOLD_LABEL = re.compile(r"^\s*\*[^*\n]{1,40}\*\s*:", re.MULTILINE)
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


class PreparedText(NamedTuple):
    """Views of one message. Offsets in spans refer to `raw`. (A named tuple: built for every message.)"""

    raw: str
    lintable: str  # code and quotes removed; mentions, links and emoji as placeholders
    mentioned_users: tuple[str, ...]
    mentioned_groups: tuple[str, ...]
    broadcasts: tuple[str, ...]
    link_count: int
    word_count: int  # words of the author's own prose (lintable, placeholders excluded)
    structure_count: int  # bullets, numbered items, headings or bold labels, paragraph breaks
    had_code: bool

    @property
    def words(self) -> list[str]:
        return words_of(self.lintable)


# What Slack writes itself into a channel, which a channel export keeps as messages ("<@U1> has joined
# the channel", "<@U1> set the channel topic: …"): nobody wrote it, so there is nothing to lint. The
# bot never sees these (their events carry a subtype it skips); `norms lint` over an export does.
_MENTION_TOKEN = r"<@[UW][A-Z0-9]+(?:\|[^>]*)?>"  # as _USER_MENTION, without its group
_SLACK_SYSTEM_MESSAGE = re.compile(
    rf"^\s*(?:{_MENTION_TOKEN}|@?[\w.-]+)\s+has\s+(?:joined|left)\s+the\s+channel\b"
    rf"|^\s*{_MENTION_TOKEN}\s+(?:"
    r"(?:has\s+)?(?:joined|left)\s+<?#"
    r"|(?:set|cleared|changed)\s+the\s+channel(?:'s)?\s+(?:topic|purpose|description|name)\b"
    r"|(?:has\s+)?renamed\s+the\s+channel\b"
    r"|(?:pinned|unpinned)\s+(?:a|an)\s+(?:message|item|file)\b"
    r"|(?:archived|un-?archived)\s+the\s+channel\b"
    r"|was\s+(?:added|removed)\s+(?:to|from)\s+<?#"
    # an older export's file share with no comment: "<@U1> uploaded a file: <https://…|report.pdf>"
    r"|(?:uploaded|shared)\s+a\s+file:\s*<[^>]*>\s*$)",
    re.I,
)


def is_slack_system_message(raw: str) -> bool:
    """Text Slack wrote itself (a join, a topic set, a pin), as a channel export keeps it."""
    return (" has " in raw or raw.lstrip().startswith("<@")) and _SLACK_SYSTEM_MESSAGE.match(raw) is not None


def words_of(text: str) -> list[str]:
    return _WORD.findall(text)


@lru_cache(maxsize=1024)
def prepare(raw: str) -> PreparedText:
    """Parse mrkdwn once; every rule reads the result (remembered: the linter, the act reader and the
    request scorer all start from it)."""
    had_code = "`" in raw
    without_code = _FENCED_CODE.sub(" ", raw) if "```" in raw else raw
    without_code = _INLINE_CODE.sub(" ", without_code) if "`" in without_code else without_code
    without_quotes = _QUOTE_LINE.sub(" ", without_code) if (">" in without_code) else without_code

    markup = "<" in without_quotes  # mentions, links and special tokens are all <...>
    mentioned_users = tuple(dict.fromkeys(_USER_MENTION.findall(without_quotes))) if markup else ()
    mentioned_groups = tuple(dict.fromkeys(_USERGROUP_MENTION.findall(without_quotes))) if markup else ()
    broadcasts = (
        tuple(
            dict.fromkeys(
                (match.group(1) or match.group(2)).lower()
                for match in _BROADCAST.finditer(without_quotes)
                if match.group(1)
                or not _TALKED_ABOUT.search(without_quotes, max(0, match.start() - 20), match.start())
            )
        )
        if markup or "@" in without_quotes
        else ()
    )
    text = without_quotes
    link_count = 0
    if markup:
        text = _USER_MENTION.sub(USER_PLACEHOLDER, text)
        text = _USERGROUP_MENTION.sub(USER_PLACEHOLDER, text)
        text = _CHANNEL_MENTION.sub(lambda m: "#" + (m.group(2) or "channel"), text)
        text = _DATE_TOKEN.sub(lambda m: m.group(1), text)
        text, link_count = _LINK.subn(lambda m: m.group(2) or LINK_PLACEHOLDER, text)
        text = _OTHER_SPECIAL.sub(" ", text)
    if broadcasts:
        text = _BROADCAST.sub("@everyone", text)
    if "http" in text:
        text, bare = _BARE_URL.subn(LINK_PLACEHOLDER, text)
        link_count += bare
    if ":" in text:
        text = _EMOJI.sub(" ", text)
    if "&" in text:
        text = text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
    if "\u2019" in text:  # a typographic apostrophe (phones, Macs): the rules read "don't"
        text = text.replace("\u2019", "'")
    has_placeholders = "@" in text or "<" in text
    prose = text.replace(USER_PLACEHOLDER, " ").replace(LINK_PLACEHOLDER, " ") if has_placeholders else text
    word_count = len(_WORD.findall(prose))
    return PreparedText(
        raw=raw,
        lintable=(_SPACES.sub(" ", text) if "  " in text or "\t" in text else text).strip(),
        mentioned_users=mentioned_users,
        mentioned_groups=mentioned_groups,
        broadcasts=broadcasts,
        link_count=link_count,
        word_count=word_count,
        structure_count=count_structure(without_code),
        had_code=had_code,
    )


def count_structure(text: str) -> int:
    """Bullets, numbered items, headings or bold labels, and paragraph breaks."""
    if "\n" not in text and "*" not in text:
        return 0
    labels = {m.start() for m in _HEADING.finditer(text)} | {m.start() for m in _BOLD_LABEL.finditer(text)}
    return len(_BULLET.findall(text)) + len(labels) + len(_PARAGRAPH_BREAK.findall(text))
