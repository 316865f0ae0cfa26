"""The completeness rules: what a message is missing, kindly said, with a better version to copy."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from functools import cached_property
from typing import NamedTuple

from bot.lint import acts, intent
from bot.lint.config import DEFAULT_CONFIG, LintConfig, Rule, Severity
from bot.lint.deadlines import Deadline, WorkingHours, find_deadlines, sentence_at, the_deadline
from bot.lint.gates import GateSet, gate, word_set
from bot.lint.intent import Urgency
from bot.lint.request_model import is_request as model_says_request
from bot.lint.text import PreparedText, is_slack_system_message, prepare, words_of

MESSAGES: dict[Rule, str] = {
    Rule.BARE_GREETING: "A greeting on its own makes people wait for the question: say what you need in the same message.",
    Rule.MISSING_CONTEXT: "Add a line of context: what this is about and why you need it, so they can act without asking.",
    Rule.MISSING_DEADLINE: "Say by when you need it (or that there is no rush), so they can plan around it.",
    Rule.MISSING_REQUEST: "Say what you need from the people you mention, or mark it FYI if nothing is needed.",
    Rule.FALSE_URGENCY: "Urgent, but not why: say what is broken or at stake and for whom, or give the actual time.",
    Rule.BROADCAST_MENTION: "This broadcast notifies everyone here. Mention only the people who need to act, or drop it.",
    Rule.WALL_OF_TEXT: "Long message: lead with the ask, then split the rest into bullets or short paragraphs.",
}

# What a careful reader agrees with, by rule and by what the finding rests on: measured on the
# labelled Slack set, the blind batches and the Gitter labels (`python -m tests.support.nudge_quality_report`
# prints each class's precision). A nudge is sent only at or above LintConfig.nudge_threshold.
CONFIDENCE: dict[tuple[Rule, str], float] = {
    (Rule.BARE_GREETING, ""): 0.95,
    (Rule.MISSING_CONTEXT, ""): 0.8,
    (Rule.MISSING_CONTEXT, "help"): 0.85,
    (Rule.MISSING_CONTEXT, "meeting"): 0.75,
    (Rule.MISSING_DEADLINE, ""): 0.7,
    (Rule.MISSING_DEADLINE, acts.Evidence.REQUEST): 0.9,
    (Rule.MISSING_DEADLINE, acts.Evidence.OUTRIGHT): 0.85,
    (Rule.MISSING_DEADLINE, acts.Evidence.STATUS): 0.8,
    (Rule.MISSING_DEADLINE, acts.Evidence.NEED): 0.8,
    (Rule.MISSING_DEADLINE, acts.Evidence.PRESSED): 0.75,
    (Rule.MISSING_REQUEST, ""): 0.6,
    (Rule.MISSING_REQUEST, "mention"): 0.75,
    (Rule.MISSING_REQUEST, "long"): 0.55,
    (Rule.FALSE_URGENCY, ""): 0.8,
    (Rule.BROADCAST_MENTION, ""): 0.9,
    (Rule.WALL_OF_TEXT, ""): 0.7,
    (Rule.WALL_OF_TEXT, "long"): 0.9,
}
# A greeting to the whole channel ("morning all", "Happy Friday everyone!") may be only social.
GREETING_TO_THE_CHANNEL = (
    "If you need something from the channel, say it in the same message as the greeting, so nobody "
    "waits for the question."
)
# "I have a question about the export", "Hi, can I ask a syntax question here?": the question is
# announced, and the readers wait for it.
QUESTION_ANNOUNCED = (
    "You announce a question but don't ask it yet: ask it in this message, so people can answer "
    "straight away."
)
# A long proposal that names nobody: the readers are whoever reads the channel.
LONG_WITHOUT_REQUEST = (
    "Long, and it never says what you need from the readers: ask for what you want (a decision, a review, "
    "comments by a date), or mark it FYI."
)

_STOPWORDS = {
    "a", "an", "the", "this", "that", "these", "those", "it", "its", "is", "are", "was", "be", "to", "of", "in",
    "on", "for", "and", "or", "but", "so", "we", "i", "you", "u", "me", "my", "our", "your", "can", "could",
    "would", "will", "should", "do", "does", "did", "please", "pls", "plz", "any", "some", "someone", "anyone",
    "somebody", "anybody", "just", "also", "there", "here", "with", "at", "by", "from", "up", "out", "about",
    "what", "when", "how", "why", "who", "where", "which", "if", "get", "got", "need", "needs", "want", "hey",
    "hi", "hello", "thanks", "thank", "let", "know", "lmk", "thoughts", "update", "updates", "news", "status",
    "ok", "okay", "yes", "no", "not", "all", "have", "has", "had", "today", "tomorrow", "now", "asap", "look",
    "take", "check", "review", "quick", "question", "us", "them", "they", "he", "she", "one", "re",
    "urgent", "urgently", "immediately", "really", "very", "again", "still", "yet", "guys", "team", "folks",
    "eta", "progress", "kindly", "needful", "gentle", "reminder", "below", "above",
}  # fmt: skip
_DEICTIC_ONLY = re.compile(r"\b(?:on|about|re|with|for|of)\s+(?:this|that|it|these|those)\s*\??\s*$", re.I)
_DECISION_ASK = re.compile(
    r"^\s*(?:can|could|should|shall)\s+we\b|^\s*(?:why\s+don'?t|how\s+about|what\s+about)\b|^\s*let'?s\b[^.!\n]*\?|\b(?:ok|okay)\s+to\b"
    r"|\bany\s+objections\b|\bthoughts\s*\?|\bwdyt\b|\bwhat\s+do\s+(?:you|y'all|we)\s+think\b",
    re.I,
)
# A meeting asked for with what it is for ("can we meet tomorrow to discuss the roadmap?"): its purpose
# is the context.
_MEETING_PURPOSE = re.compile(
    r"\b(?:meet(?:ing)?|connect|call|chat|sync|talk|catch\s+up|hop\s+on|get\s+together|huddle)\b[^.?!\n]{0,30}?"
    r"\b(?:to|for)\s+(?:discuss|talk\s+(?:about|through)|go\s+(?:over|through)|walk\s+through|review|plan|align\s+on"
    r"|figure\s+out|look\s+at|agree\s+on)\s+(?!(?:this|that|it|these|those)\b)\w"  # "to discuss this" says nothing
    r"|\b(?:meet(?:ing)?|call|chat|sync|talk)\s+(?:about|on|regarding|re)\s+(?!(?:this|that|it|these|those)\b)\w"  # "a call about the roadmap"
    # a topic put on a meeting's agenda: "can we discuss the chargeback process on our next call?"
    r"|\b(?:discuss|talk\s+(?:about|through)|go\s+(?:over|through)|walk\s+through)\s+(?!(?:this|that|it|these|those)\b)\w[^.?!\n]{0,50}?"
    r"\b(?:on|at|in|during)\s+(?:the|our|a|your|my|this|next|tomorrow'?s)\s+(?:[\w-]+\s+)?(?:meeting|call|sync|standup|stand-up|1:1|catch-?up|huddle|chat|retro)\b",
    re.I,
)
_GRATITUDE_OR_ACK = re.compile(
    r"\b(?:thanks|thank\s+you|thx|kudos|congrats|congratulations|welcome|well\s+done|shout-?out)\b"
    r"|\b(?:great|nice|good|awesome|amazing|excellent|fantastic|brilliant)\s+(?:job|work|catch|call|find|stuff|talk"
    r"|presentation|demo|session|point|idea|write-?up|summary|answer)\b"
    # praise of the work: "@ana the new icons look sick", "the deck looks great"
    r"|\b(?:looks?|looking|is|are)\s+(?:so\s+|really\s+|super\s+)?(?:great|amazing|awesome|sick|fantastic|beautiful|gorgeous"
    r"|brilliant|excellent|perfect|slick|lovely)\b"
    r"|^\W*(?:@person\W*)*(?:ty|props|lgtm|done|fixed|merged|shipped|deployed|sure|yes|yep|no|nope|ok|okay|agreed|\+1|same|nice"
    r"|cool|awesome|sounds\s+good|will\s+do|on\s+it)\b"
    r"|\b(?:i|we|just)\s+(?:\w+\s+)?(?:pushed|fixed|deployed|merged|shipped|released|updated|added|sent|uploaded|published|finished"
    r"|resolved|closed)\b",
    re.I,
)
# Saying where one is ("OOO tomorrow, @ana is covering", "wfh today"), or handing over what was asked
# for ("as discussed, the contract is in the legal folder", "here's the deck"), asks nothing new.
_AWAY_OR_DELIVERY = re.compile(
    r"^\W*(?:ooo|out\s+of\s+(?:the\s+)?office|wfh|afk|brb|off\s+(?:today|tomorrow|sick)|back\s+(?:from|online|at))\b"
    r"|@person\s+(?:is|will\s+be|'s)\s+(?:covering|on\s+call|handling\s+it|taking\s+over|my\s+backup)\b"
    r"|\bper\s+(?:our|your)\s+(?:chat|conversation|call|discussion|request|email|message)\b"
    r"|\bas\s+(?:discussed|promised|requested|agreed)\b|\bhere(?:'s|\s+is|\s+are)\s+(?:the|your|my)\b"
    # the author's own absence, told to the people it affects: "@ana I'll be out on Friday"
    r"|\b(?:i'll|i\s+will|i'm|i\s+am)\s+(?:be\s+)?(?:out|off|away|ooo|offline|on\s+(?:leave|vacation|holiday|pto)"
    r"|travell?ing|at\s+(?:a|the)\s+(?:conference|offsite|off-site|workshop|summit|trade\s+fair|retreat)"
    r"|in\s+(?:holiday|holidays|vacation|leave))\b"
    # and who stands in: "@ben can sign the forms"
    r"|@person\s+(?:can|will)\s+(?:sign|cover|approve|answer|handle|help|support|take\s+over)\b"
    r"|@person\s+(?:replaces|covers\s+for|stands\s+in\s+for|substitutes\s+for)\s+me\b"
    r"|@person\s+(?:is|'s)\s+(?:on\s+it|looking\s+into\s+it|investigating|handling\s+(?:it|this)"
    r"|(?:the\s+)?(?:incident\s+commander|ic|point\s+of\s+contact|in\s+charge|leading\s+(?:it|this|the\s+\w+)))\b"
    # something done for the person named, told to them: "@ana I've added you to the project channel"
    r"|\b(?:i'?ve|i\s+have|i\s+just|just)\s+(?:just\s+)?(?:added|invited|shared|sent|assigned|given|granted|moved|cc'?d"
    r"|tagged|included|forwarded|booked|approved|merged|fixed|updated)\s+(?:you|u|it|the|your)\b"
    # a pointer to what was said elsewhere: "@ana see my comment in the doc"
    r"|^\W*(?:@person\W+)+(?:see|read)\s+(?:my|the)\s+(?:comments?|message|reply|note|notes|email|dm|thread|answer)\b"
    # the person named spoken of, not to: "@ana owns the billing service, she'd know"
    r"|\b(?:she|he|they)(?:'d|\s+would|\s+might|\s+will)\s+know\b",
    re.I,
)
_ATTRIBUTION = re.compile(
    r"\b(?:with|by|from|thanks\s+to|and|cc|to|via|for|like|per)\s+@person\b|\bcc:?\s+@person"
    r"|\b(?:looping|loop|looped|bringing|pulling|adding|added)\s+(?:in\s+)?@person"  # "looping in @ana who owns billing"
    r"|\b(?:ask|talk\s+to|check\s+with|reach\s+out\s+to)\s+@person"  # a pointer: "idk, ask @ana, she wrote it"
    r"|@person\s+(?:would|might|may|should|will|probably)\s+(?:know|remember|have\s+it)\b"  # "not sure, @ana would know"
    r"|\(\s*@person\b"  # an owner noted: "follow-ups: capacity alarms (@ana)"
    # who owns or did what, in notes or a report: "• @ana owns the billing fixes" (not at the start)
    r"|(?<!^)(?<![^\s•*\-])@person\s+(?:owns|leads|handles|runs|covers|drives|takes|took|did|wrote|built|made|shipped|fixed"
    r"|joins|joined|knows|is\s+(?:on|leading|owning|driving|handling|covering|taking))\b",
    re.I,
)
_PROPOSAL_OR_REPORT = re.compile(
    r"\b(?:propos\w*|rfc|suggest\w*|recommend\w*|plan|option|options|design|idea|we\s+should|i\s+think\s+we|approach|alternative)\b",
    re.I,
)
# An incident named, or a service said to be down ("site down for EU", "prod broken"); not "scroll down".
_INCIDENT = gate(
    re.compile(
        # "the incident", not the process around incidents ("an incident commander", "a channel per incident")
        r"(?<!\bper\s)(?<!\beach\s)(?<!\bevery\s)(?<!\bany\s)\b(?:outage|incident)\b(?!\s+(?:commanders?|process(?:es)?"
        r"|response|management|channels?|roles?|rotations?|playbooks?|runbooks?|drills?|training|polic(?:y|ies)|templates?"
        r"|handling|tooling|reviews?|reports?|proposal))"
        r"|\b(?:sev\s?[0-2]|p0|data\s+loss|breach)\b|\b(?:down|broken)\s+(?:for|since|again|everywhere)\b"
        r"|\b(?:prod|production|site|website|app|api|checkout|login|payments?|database|db|servers?|service|auth|search"
        r"|e-?mail|vpn|wifi|dashboard)\s+(?:is\s+|are\s+|went\s+|still\s+)?(?:down|broken)\b",
        re.I,
    ),
    "outage incident sev sev0 sev1 sev2 p0 data breach down broken",
)
# An ask timed by an event the reader will see happen ("merge it once CI is green", "deploy after the
# freeze lifts") or by a team occasion ("before the release", "ahead of Friday's demo", "this sprint")
# states its by-when as clearly as a date does, though the linter cannot put a date on it.
_TIMED_BY_AN_EVENT = re.compile(
    r"\b(?:once|when|as\s+soon\s+as|right\s+after|after)\s+(?:the\s+|my\s+|our\s+|your\s+)?(?:[#\w-]+\s+){0,3}?"
    r"(?:pass(?:es)?|is\s+green|goes\s+green|turns\s+green|lands|land|is\s+merged|gets\s+merged|merges|is\s+done|finishes"
    r"|is\s+out|ships|is\s+deployed|is\s+approved|gets\s+approved|lifts|is\s+over|ends|is\s+back"
    r"|signs?\s+off|signed\s+off|approves?|confirms?|replies|responds|gets\s+back|is\s+ready|are\s+ready"
    r"|arrives?|comes?\s+in|is\s+signed|are\s+signed|is\s+live|goes\s+live|is\s+fixed)\b"
    r"|\b(?:by|before|ahead\s+of|until|in\s+time\s+for|prior\s+to)\s+(?:the\s+|this\s+|next\s+|our\s+|your\s+|[\w-]+'s\s+)?"
    r"(?:[\w-]+\s+)?(?:release|launch|freeze|demo|standup|stand-up|retro|offsite|all-hands|meeting|call|sync|deadline|cutoff"
    r"|cut-off|kickoff|go-live|sprint|planning|handover|board"
    # holidays and terms everyone knows the date of: "before half term", "by Christmas", "until the break"
    r"|holidays?|break|recess|vacation|christmas|xmas|easter|thanksgiving|new\s+year|half[\s-]?term|term|semester|trimester)\b"
    r"|\b(?:this|next)\s+(?:sprint|iteration|cycle)\b"
    r"|\b(?:end|close)\s+of\s+(?:the\s+)?(?:sprint|iteration|cycle|term|semester|school\s+year|academic\s+year)\b"
    # after an event the reader takes part in: "merge it after the review"
    r"|\bafter\s+(?:the\s+|my\s+|your\s+|our\s+)?(?:review|approval|sign-?off|release|deploy(?:ment)?|demo|standup|qa)\b"
    # before an act of the team's own, which it will see happen: "double-check the copy before we ship"
    # (not "before they send it back": another party's timing)
    r"|\b(?:before|until|till|by\s+the\s+time)\s+(?:we|i)\s+(?:ship|release|launch|deploy|go\s+live|merge|publish"
    r"|present|demo|sign|produce|order|print|book|pay|buy|start|begin|submit|close|cut|tag|roll\s+out|freeze)\b"
    # ... or one done to a release or a launch, whatever its verb: "before we cut the release"
    r"|\b(?:before|until|till|by\s+the\s+time)\s+(?:we|i)\s+[a-z]+\s+(?:the|a|our|this|next)\s+(?:[\w.-]+\s+)?(?:release|launch|build|rc|version)\b"
    # a routine timed by what recurs: "log your hours after each shift", "before every release"
    r"|\b(?:after|before|at\s+the\s+(?:end|start)\s+of|by\s+the\s+end\s+of)\s+(?:each|every)\s+\w"
    # a span of days off to do it in ("can you review the deck over the weekend?"; the scanner sets no
    # deadline for it: it is a time to work in, not a time to meet)
    r"|\b(?:(?:over|during|at|on)\s+the|this|next)\s+weekend\b"
    # timed by what reaches the reader: "send me the signed copy when you get it", "once you hear back"
    r"|\b(?:once|when|as\s+soon\s+as)\s+(?:you|u)\s+(?:get|receive|have)\s+(?:it|them|this|that|these|those)\b"
    r"|\b(?:once|when|as\s+soon\s+as)\s+(?:you|u)\s+hear\s+back\b"
    r"|\b(?:once|when|as\s+soon\s+as)\s+(?:you(?:'re|\s+are)|u\s+are|you\s+get|you\s+come)\s+back\b",  # "once you're back"
    re.I,
)
# A security threat going round now, which everyone must hear at once ("<!channel> phishing email
# pretending to be from HR, don't click the link"): a broadcast is what it is for.
_SECURITY_ALERT = re.compile(
    r"\b(?:phishing|scam|malware|ransomware|virus|suspicious\s+(?:e-?mails?|links?|logins?|calls?|texts?))\b",
    re.I,
)
# Downtime announced ahead ("the wifi will be down tomorrow 8-9am for maintenance") is no incident.
_PLANNED_DOWNTIME = re.compile(
    r"\bwill\s+be\s+(?:down|offline|unavailable)\b|\bmaintenance\b|\b(?:scheduled|planned)\s+(?:downtime|outage|maintenance)\b",
    re.I,
)
# Something broken right now ("checkout is down", "has been failing since 9:40", "getting 502s").
_ACTIVE_INCIDENT = gate(
    re.compile(
        r"\b(?:is|are|'s|went|has\s+gone|have\s+gone|has\s+been|have\s+been|keeps?|seems|still)\s+(?:down|broken|failing"
        r"|erroring|unavailable|dead|red|on\s+fire|timing\s+out|crashing|returning\s+(?:5\d\ds?|errors))\b"
        r"|\b(?:broke|has\s+broken|have\s+broken)\s+(?:the\s+|our\s+)?\w+(?:\s+\w+)?\s+for\b"  # "it broke the export for every customer"
        r"|\b(?:getting|seeing|throwing|giving|returns?)\s+(?:\w+\s+)?(?:5\d\ds?|timeouts)\b"
        r"|\berror\s+rates?\s+(?:is\s+|are\s+)?(?:at|up|spiking|spiked|jumped|climbing)\b",  # "the error rate is at 30%"
        re.I,
    ),
    "down broken broke failing erroring unavailable dead red fire timing crashing returning timeouts 500 502 503 504"
    " 500s 502s 503s 504s rate rates",
)
_BREAKAGE = GateSet([_INCIDENT, _ACTIVE_INCIDENT])  # either one; their trigger words read once
# Whom or what a breakage hits, beyond the breakage itself: "the test keeps crashing" is no incident,
# "checkout is down for EU customers" is.
_HARM = gate(
    re.compile(
        r"\b(?:prod|production|live|customers?|clients?|users?|merchants?|everyone|everybody|revenue|orders"
        r"|checkout|payments?|login|sign-?ins?|site|website|sla|data\s+loss|security|breach)\b"
        r"|\b(?:can'?t|cannot|unable\s+to)\s+(?:log\s*in|sign\s*in|check\s*out|pay|access|order|buy)\b"
        r"|\b(?:nobody|no\s+one)\s+can\b|\b(?:every|all)\s+(?:customers?|users?|clients?|merchants?)\b",
        re.I,
    ),
    "prod production live customer customers client clients user users merchant merchants everyone everybody"
    " nobody revenue orders checkout payment payments login signin signins sign site website sla data security"
    " breach cant can cannot unable every all",
)
# Looking back at an incident ("write up the incident timeline for the postmortem") is no live one.
_RETROSPECTIVE = re.compile(
    r"\b(?:post-?mortem|retro(?:spective)?|rca|root\s+cause|(?:incident|outage)\s+(?:reports?|reviews?|timelines?|write-?ups?|summary|summaries|notes|templates?))\b",
    re.I,
)
_NEGATED_URGENCY = re.compile(r"\b(?:not|no|non|isn'?t|never)\s+(?:\w+\s+)?$", re.I)
# The word talked about, not used: "what does ASAP mean here?"
_URGENCY_DISCUSSED = re.compile(r"[\"'\u201d\u2019]?\s+(?:means?|meant)\b", re.I)
# Asked about, not pressed: "is performance so critical that …?", "how urgent is it?", "is this
# urgent?" (the clause the word is in opens as a question; "this is urgent, can you …?" presses).
_URGENCY_ASKED_ABOUT = re.compile(
    r"(?:^|[.!?\n,;:])\s*(?:i\s+mean\s+|so\s+|but\s+|and\s+|just\s+)?(?:is|are|was|were|how)\s+(?:\w+\s+){0,4}?$",
    re.I,
)


@dataclass(frozen=True)
class Finding:
    rule: Rule
    severity: Severity
    message: str
    suggestion: str
    span: tuple[int, int] | None = None  # offsets into the raw message text
    # How likely a careful reader agrees (see CONFIDENCE); a nudge is sent only above the threshold.
    confidence: float = 1.0


@dataclass(frozen=True)
class LintResult:
    findings: tuple[Finding, ...]
    urgency: Urgency
    deadline: datetime | None
    no_rush: bool
    mentioned_users: tuple[str, ...]
    asks: bool  # the rule-based ask the nudges use
    text: str
    # Whether it asks someone to do, review or decide something (see bot/lint/acts.py).
    asks_for_work: bool = False

    @cached_property
    def act(self) -> acts.Act:
        """The dialogue act the message performs (the strongest of its sentences'); read on first use."""
        return acts.message_act(prepare(self.text).lintable)

    @cached_property
    def addressee(self) -> acts.Addressee:
        """Whom the message addresses: named people, someone, you, or nobody."""
        return acts.addressee(prepare(self.text).lintable)

    @cached_property
    def is_request(self) -> bool:
        """The request scorer's decision (see `is_request`), computed on first use: the nudge path
        does not need it."""
        return model_says_request(self.text)

    @cached_property
    def expects_response(self) -> bool:
        """What the response tracker acts on: the rule-based ask, or an urgent message not marked FYI
        (a live incident that says what is broken and for whom carries its ask: act on it; "heads-up:
        checkout is down, rolling back" does not). Not the request scorer: it follows the Enron
        definition, which also counts news and announced events ("@ana the vendor moved the go-live
        to March 30"). On the labelled set's messages that mention someone, OR-ing the scorer in
        tracked 12 that ask nothing and found no ask this misses."""
        if self.asks:
            return True
        return self.urgency is Urgency.URGENT and not intent.is_fyi(prepare(self.text).lintable)

    @property
    def rules(self) -> list[str]:
        return [finding.rule.value for finding in self.findings]

    def at_severity(self, severity: Severity) -> tuple[Finding, ...]:
        return tuple(finding for finding in self.findings if finding.severity is severity)


def lint(
    text: str,
    *,
    now: datetime | None = None,
    tz: tzinfo = UTC,
    config: LintConfig = DEFAULT_CONFIG,
    channel_size: int | None = None,
) -> LintResult:
    """Lint one Slack message (raw mrkdwn) as its author wrote it, at `now` in the author's zone `tz`."""
    now = now or datetime.now(UTC)
    prepared = prepare(text)
    plain = prepared.lintable
    if is_slack_system_message(text):  # "<@U1> has joined the channel": Slack's words, nobody's message
        return LintResult((), Urgency.NORMAL, None, False, prepared.mentioned_users, False, text)
    deadlines = find_deadlines(
        plain, now=now, tz=tz, working_hours=config.working_hours, day_first=config.day_first
    )
    due = the_deadline(deadlines)
    deadline = due.when if due else None
    asks = intent.asks(plain)
    no_rush = intent.states_no_rush(plain)
    said = intent.urgency_words(plain, asking=asks)
    pressing = (
        tuple(
            match
            for match in said
            if not _NEGATED_URGENCY.search(plain[max(0, match.start() - 20) : match.start()])
            and not _URGENCY_DISCUSSED.match(plain, match.end())
            and not _asked_about(plain, match)
        )
        if said
        else ()
    )
    explicit = asks and intent.asks(plain, suggestions=False)
    facts = _Facts(
        prepared,
        plain,
        asks,
        explicit,
        due,
        no_rush,
        now,
        tz,
        config.working_hours,
        pressing,
    )

    findings: list[Finding] = []

    def add(
        rule: Rule,
        suggestion: str,
        span: tuple[int, int] | None = None,
        *,
        evidence: str = "",
        message: str | None = None,
    ) -> None:
        if config.enabled(rule):
            findings.append(
                Finding(
                    rule,
                    config.severity(rule),
                    message or MESSAGES[rule],
                    suggestion,
                    span,
                    CONFIDENCE.get((rule, evidence), CONFIDENCE[(rule, "")]),
                )
            )

    evidence: acts.Evidence | None = None  # how the message asks for work, if it does
    greeting_only = intent.is_bare_greeting(prepared)
    # Help asked for with nothing about what with ("can anyone help? thanks"), greeting or not
    # ("Hello help please": a bare greeting, and help without its question)
    vague_help = (
        not word_set(plain).isdisjoint(_VAGUE_HELP_WORDS)
        and _VAGUE_HELP.match(intent.addressed(_COURTESIES.sub("", plain))) is not None
    )
    if greeting_only:
        addressed = bool(prepared.mentioned_users)
        announced = intent.question_announced(plain)
        if announced is not None:
            add(Rule.BARE_GREETING, question_asked_outright(plain, announced), message=QUESTION_ANNOUNCED)
        else:
            add(
                Rule.BARE_GREETING,
                _greeting_suggestion(plain, addressed=addressed),
                message=None if addressed else GREETING_TO_THE_CHANNEL,
            )
        if vague_help:
            add(Rule.MISSING_CONTEXT, _CONTEXT_SUGGESTION, evidence="help")
    else:
        evidence = acts.ask_evidence(plain)
        work = evidence is not None
        if ((work or acts.asks_to_meet(plain)) and _lacks_context(facts)) or vague_help:
            add(
                Rule.MISSING_CONTEXT,
                _CONTEXT_SUGGESTION,
                evidence="help" if vague_help else (evidence or "meeting"),
            )
        # An ask inside a live incident is due now (the team's urgent norm says how soon), and one timed
        # by an event the reader will see ("once CI is green", "before the release") has said when.
        if (
            work
            and deadline is None
            and not no_rush
            and not _live_incident(plain)
            and not _TIMED_BY_AN_EVENT.search(plain)
        ):
            add(
                Rule.MISSING_DEADLINE,
                f"… by *{format_deadline(suggested_deadline(facts.now, config.working_hours, config.holidays))}*",
                evidence=evidence or "",
            )
        # (an ask for work the act reader finds says what is needed, though the older reader missed
        # it behind "Dear @ana," or in "@ana mind pairing on …")
        if not explicit and not work and _calls_for_attention(facts, config):
            mentions = bool(prepared.mentioned_users or prepared.mentioned_groups)
            add(
                Rule.MISSING_REQUEST,
                "Could you _[what you need]_ by _[when]_? (or start with “FYI, no action needed”)",
                evidence="mention" if mentions else "long",
                message=None if mentions else LONG_WITHOUT_REQUEST,
            )
    urgency_span = _false_urgency_span(facts)
    if urgency_span is not None:
        add(
            Rule.FALSE_URGENCY,
            f"… because _[what breaks, for whom]_ — needed by *{format_deadline(_end_of_today(facts))}*",
            urgency_span,
        )
    # A live incident told to everyone is what @here is for.
    if (
        prepared.broadcasts
        and (channel_size is None or channel_size > config.broadcast_channel_size)
        and not _live_incident(plain)
        and _SECURITY_ALERT.search(plain) is None
    ):
        add(
            Rule.BROADCAST_MENTION,
            "Replace the broadcast with the @names of the people who need to act.",
            _broadcast_span(text),
        )
    if prepared.word_count > config.wall_of_text_words and prepared.structure_count < 2:
        add(
            Rule.WALL_OF_TEXT,
            "*Ask:* _[one line]_\n*By:* _[when]_\n*Context:*\n• _[point]_\n• _[point]_",
            evidence="long" if prepared.word_count > config.wall_of_text_words * 5 // 4 else "",
        )

    return LintResult(
        findings=tuple(findings),
        urgency=_urgency(facts),
        deadline=deadline,
        no_rush=no_rush,
        mentioned_users=prepared.mentioned_users,
        asks=asks,
        text=text,
        asks_for_work=evidence is not None,
    )


def urgency(text: str, *, now: datetime | None = None, tz: tzinfo = UTC) -> Urgency:
    """urgent (real impact or a same-day deadline), complex (a proposal, design or decision to review), else normal."""
    return lint(text, now=now, tz=tz).urgency


def is_request(text: str) -> bool:
    """Does the message ask someone for an action, a decision or an answer? The request scorer's
    decision alone (request_model.is_request): OR-ing in the rule-based ask, as an earlier version
    did, cost precision (F1 0.73 instead of 0.80 on the held-out Enron half)."""
    return model_says_request(text)


_DAY_ABBREVIATIONS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTH_ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def format_deadline(when: datetime) -> str:
    """ "Thu 12 Mar, 17:00" in the zone of `when` (English names whatever the machine's locale)."""
    day, month = _DAY_ABBREVIATIONS[when.weekday()], _MONTH_ABBREVIATIONS[when.month - 1]
    return f"{day} {when.day} {month}, {when.hour:02d}:{when.minute:02d}"


def suggested_deadline(
    now: datetime, hours: WorkingHours, holidays: frozenset[date] = frozenset()
) -> datetime:
    """The normal response norm: the end of the next working day (not a holiday), in the author's zone."""
    day = now.date() + timedelta(days=1)
    while day.weekday() not in hours.days or day in holidays:
        day += timedelta(days=1)
    return datetime.combine(day, hours.end, tzinfo=now.tzinfo)


class _Facts(NamedTuple):
    prepared: PreparedText
    plain: str
    asks: bool
    explicit: bool  # an ask outright, not only a proposal ("we could…", "EOD works for me")
    due: Deadline | None  # the deadline the reader must meet, with where and how it was said
    no_rush: bool
    moment: datetime  # the time of linting, in any zone (see `now`)
    author_zone: tzinfo
    hours: WorkingHours
    pressing: tuple[re.Match[str], ...]  # urgency said and not negated ("not urgent" is not)

    @property
    def deadline(self) -> datetime | None:
        return self.due.when if self.due else None

    @property
    def now(self) -> datetime:
        """The time of linting in the author's zone (converted only where a rule needs it: most
        messages need none)."""
        return self.moment.astimezone(self.author_zone)


def _greeting_suggestion(plain: str, *, addressed: bool) -> str:
    if intent.self_introduction(plain) is not None:  # keep who is writing: "Hello, I am Minh from Hanoi team"
        opening = plain.strip().rstrip(".!")
    else:
        opening = plain.split("?", maxsplit=1)[0].split(",", maxsplit=1)[0].strip() or "Hi"
    if addressed:  # someone is waiting to hear why: say it in the same message
        return f"{opening}, _[your question]_ (one message they can answer straight away)"
    return f"{opening} _[and, if you need something, say what in this same message]_"


def question_asked_outright(text: str, announced: re.Match[str]) -> str:
    """A question `announced` in `text` ("Hi, I have a question about the export", see
    `intent.question_announced`), followed by the question; asking leave to ask ("Hi, can I ask a
    question here?") is left out."""
    leave = announced.group("leave") is not None or announced.group("channel") is not None
    kept = (text[: announced.start()] if leave else text).strip().rstrip(".!?;:, ")
    if not kept:
        return "_[the question itself, in full]_"
    return f"{kept}{', ' if leave else ': '}_[the question itself, in full]_"


def _content_words(plain: str) -> list[str]:
    return [
        word
        for word in words_of(plain.replace("@person", " "))
        if word.lower() not in _STOPWORDS and len(word) > 1
    ]


def _asked_about(plain: str, said: re.Match[str]) -> bool:
    """An urgency word in a question about how urgent something is ("is this urgent?")."""
    question_end = plain.find("?", said.end())
    return (
        question_end != -1
        and not any(mark in plain[said.end() : question_end] for mark in ".!\n")
        and _URGENCY_ASKED_ABOUT.search(plain, 0, said.start()) is not None
    )


def _lacks_context(facts: _Facts) -> bool:
    plain = facts.plain
    if (
        intent.gives_context(plain)
        or facts.prepared.word_count > 25
        or facts.prepared.had_code
        or _MEETING_PURPOSE.search(plain)
    ):
        return False
    content = _content_words(plain)
    if len(content) <= 2:
        return True  # "thoughts?", "any update?", "need the slide deck", "pls review <link>"
    if _DEICTIC_ONLY.search(plain) and len(content) <= 3:
        return True  # "any update on this?"
    if facts.prepared.link_count and len(content) <= 3:
        return True  # a bare link with "pls review"
    return bool(_DECISION_ASK.search(plain)) and len(content) <= 5 and len(intent.sentences(plain)) == 1


# A sentence that only greets or calls for attention ("hello?", "anyone?", "you there?"; `addressed`
# leaves "?" of "hello?"): no ask itself.
# Help asked for with nothing about what with: "can someone help?", "@ana help pls", "lmk" alone.
# Read on the message without its greeting or names (`intent.addressed`): "Toxicable: can you help me
# please?", "please help me", "any help please", "no one can help me out?", "everybody can help me?",
# "please help me to resolve my issue" (an issue it does not describe).
_VAGUE_HELP = re.compile(
    r"^\W*(?:@person\W+)*(?:(?:please|pls|plz)\s+)?"
    r"(?:(?:(?:can|could|would|will)\s+(?:(?:some|any|every)\s*(?:one|body)|you|u)\s+"  # ("some one", as some write it)
    r"(?:please\s+|pls\s+)?help"
    r"|(?:some|any|every)\s*(?:one|body)\s+(?:can\s+|could\s+)?help"
    r"|(?:no\s*one|nobody)\s+(?:can|could)\s+help"
    r"|(?:i\s+)?need\s+(?:some\s+)?help|any\s+help|help)"
    r"(?:\s+(?:me|us))?(?:\s+out)?(?:\s+(?:to\s+)?(?:resolve|fix|solve|with)\s+(?:my|this|the|our)\s+(?:issue|problem|error)s?)?"
    r"(?:\s+(?:as\s+well|too))?"
    r"|lmk|let\s+me\s+know)\W*(?:pls|please|plz)?\W*$",
    re.I,
)
_CONTEXT_SUGGESTION = "… because _[why it matters / what it unblocks]_"
_VAGUE_HELP_WORDS = frozenset({"help", "lmk", "know"})  # one of which every _VAGUE_HELP match has
# The courtesies around a vague help ask: a greeting or thanks said as a sentence before it, thanks
# after it ("Hi all. Can anyone help? Thanks!", "thanks for the link. anyone can help me? thanks").
_COURTESIES = re.compile(
    r"^\W*(?:[\w.-]+\s*:\s+)?(?:(?:hi|hey|hello|morning|good\s+(?:morning|afternoon|evening))(?:\s+(?:all|guys|team|every\s*one|folks|there))?"
    r"|(?:thanks|thank\s+you|thx)\b[^.!?\n]{0,40}[.!?])[.!?,:-]*\s+"
    r"|[\s.!,]+(?:thanks|thank\s+you|thx|ty|tia|cheers)(?:\s+(?:in\s+advance|a\s+lot|so\s+much|all|guys))?[\s.!]*$",
    re.I,
)
_REMINDER = re.compile(r"\breminder\b", re.I)


def _calls_for_attention(facts: _Facts, config: LintConfig) -> bool:
    plain = facts.plain
    if intent.is_fyi(plain) or "?" in plain:
        return False
    if intent.urgency_words(plain, asking=False) and intent.states_impact(plain):
        return False  # an alert that says what is broken carries its ask: act on it
    mentions = facts.prepared.mentioned_users or facts.prepared.mentioned_groups
    if mentions:
        if (
            _GRATITUDE_OR_ACK.search(plain)
            or _AWAY_OR_DELIVERY.search(plain)
            or facts.prepared.word_count <= 3
            or (facts.deadline is not None and _REMINDER.search(plain))  # "reminder: it's due Friday"
        ):
            return False
        addressed = re.sub(r"(?:@person\W*)+", "@person ", plain)
        return not _ATTRIBUTION.search(addressed) or plain.lstrip().startswith("@person")
    return facts.prepared.word_count >= config.long_message_words and bool(_PROPOSAL_OR_REPORT.search(plain))


def _false_urgency_span(facts: _Facts) -> tuple[int, int] | None:
    if not facts.pressing or intent.states_impact(facts.plain) or facts.deadline is not None:
        return None
    return _find_in_raw(facts.prepared.raw, facts.pressing[0].group(0))


def _urgency(facts: _Facts) -> Urgency:
    plain = facts.plain
    if not facts.no_rush and (_due_today(facts) or _live_incident(plain) or _urgent_with_impact(facts)):
        return Urgency.URGENT
    if facts.asks and intent.asks_for_complex_review(plain):
        return Urgency.COMPLEX
    return Urgency.NORMAL


def _due_today(facts: _Facts) -> bool:
    """An outright ask due today. A proposal or an acceptance that names today ("EOD works for me",
    "we could sync this afternoon") presses no one."""
    return (
        facts.explicit
        and facts.deadline is not None
        and facts.deadline.astimezone(facts.author_zone).date() == facts.now.date()
        and _set_for_the_ask(facts)
    )


def _set_for_the_ask(facts: _Facts) -> bool:
    """Whether the deadline is the ask's: introduced as one ("by 4pm", "EOD"), or named in a sentence
    that asks or in a fragment that adds to it ("Today if possible."). A day named in a statement beside
    the ask ("can we push the review to Thursday? Half the team is at the conference on Wednesday")
    describes; it does not press."""
    due = facts.due
    if due is None or due.marked:
        return due is not None
    sentence = sentence_at(facts.plain, due.start, due.end).strip()
    return intent.ask_kind(sentence) == intent.EXPLICIT_ASK or not _STATES.search(sentence)


# A verb that makes a sentence a statement of its own, not a fragment of the ask before it.
_STATES = re.compile(
    r"\b(?:is|are|was|were|am|has|have|had|will|would|does|do|did|meets?|starts?|runs?|goes|happens?)\b|'(?:s|re|ll|ve)\b",
    re.I,
)


def _live_incident(plain: str) -> bool:
    """Something broken now that says what it hits ("checkout is down for EU customers"): urgent, and an
    ask inside it is due now. Announced maintenance and a look back at an incident are neither."""
    opened = _BREAKAGE.open_for(plain)
    if not opened:  # most messages name no breakage at all
        return False
    return (
        any(family.pattern.search(plain) for family in opened)
        and _HARM.search(plain) is not None
        and _PLANNED_DOWNTIME.search(plain) is None
        and _RETROSPECTIVE.search(plain) is None
    )


def _urgent_with_impact(facts: _Facts) -> bool:
    return bool(facts.pressing) and intent.states_impact(facts.plain)


def _end_of_today(facts: _Facts) -> datetime:
    """The end of today's working day; the next working day's once it has passed, or on a day off."""
    now = facts.now
    end = datetime.combine(now.date(), facts.hours.end, tzinfo=now.tzinfo)
    working_today = now.weekday() in facts.hours.days
    return end if working_today and end > now else suggested_deadline(now, facts.hours)


def _find_in_raw(raw: str, fragment: str) -> tuple[int, int] | None:
    index = raw.lower().find(fragment.lower())
    return (index, index + len(fragment)) if index >= 0 else None


def _broadcast_span(raw: str) -> tuple[int, int] | None:
    match = re.search(r"<!(?:channel|here|everyone)(?:\|[^>]*)?>|@(?:channel|here|everyone)\b", raw)
    return match.span() if match else None
