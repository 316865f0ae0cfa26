"""Dialogue acts: what each sentence of a message does, and whom it addresses.

The rules read acts instead of surface cues: a by-when is missing only from an ask for work that
someone is expected to carry out (do, review, decide), never from a question for information or
help ("Is there a way to …?", "could you send me an example?"), advice ("try the -noResolve flag"),
a proposal, an offer or a report. Precision first: a sentence is an ask for work only when a request
frame governs a work verb (or asks outright for a review, a decision or a status), so a wrong nudge
stays rarer than a missed one.

Pure: text in, plain values out (see docs/linter.md, "Dialogue acts").
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import lru_cache

from bot.lint.gates import for_lower_case, lower_case, split_and_gate, word_set
from bot.lint.intent import BUMP_ON_IT, addressed, split_sentences


class Act(StrEnum):
    ASK_ACTION = "ask-action"  # do, send, fix, update something
    ASK_REVIEW = "ask-review"  # review, look at, give feedback on
    ASK_DECISION = "ask-decision"  # decide, approve, sign off, "should we …?"
    QUESTION = "question"  # for information or help
    PROPOSAL = "proposal"  # a suggestion or advice ("we could …", "try …", "you need to …")
    OFFER = "offer"  # "I can take it", "happy to help"
    STATEMENT = "statement"  # a report, an answer, an opinion
    SOCIAL = "social"  # greeting, thanks, acknowledgement


class Addressee(StrEnum):
    NAMED = "named"  # @people or a name the sentence opens with
    SOMEONE = "someone"  # someone, anyone, everyone, the team
    YOU = "you"  # the reader(s), unnamed
    NOBODY = "nobody"


class Evidence(StrEnum):
    """How an ask for work was said, strongest first: what a finding's confidence rests on."""

    REQUEST = "request"  # a request frame governs a work verb: "can you update …", "@ana please review …"
    OUTRIGHT = "outright"  # a review, decision or input asked for outright: "thoughts?", "should we …?"
    STATUS = "status"  # a status asked for: "any update?", "ping on this"
    NEED = "need"  # a need stated as the message's opening: "need the numbers"
    PRESSED = "pressed"  # a bare imperative the message presses for: "ASAP!!! fix the banner"


_EVIDENCE_BY_STRENGTH = tuple(Evidence)  # (iterating the enum itself is slow)
ASKS_FOR_WORK = frozenset({Act.ASK_ACTION, Act.ASK_REVIEW, Act.ASK_DECISION})
# When a message's sentences differ, the one that asks most decides the message's act.
_PRIORITY = (
    Act.ASK_DECISION,
    Act.ASK_REVIEW,
    Act.ASK_ACTION,
    Act.QUESTION,
    Act.PROPOSAL,
    Act.OFFER,
    Act.STATEMENT,
    Act.SOCIAL,
)

# Verbs of work someone carries out for the asker or the team (not "tell", "explain", "help").
_REVIEW_VERBS = r"review|proofread|fact[\s-]?check|read\s+(?:through|over)|skim|go\s+through|sanity[\s-]check|look\s+(?:at|over|through|into)|take\s+a\s+(?:quick\s+)?look|have\s+a\s+(?:quick\s+)?look|go\s+over|check\s+(?:out\s+)?(?:my|the|this|that|these|it)\b(?!\s+(?:out|link|docs?)\b)|check(?=\s*(?:urgently|asap|immediately|right\s+now)\W*$|\s*\?+\s*$)|test|qa|give\s+(?:me\s+|us\s+)?(?:your\s+|some\s+)?(?:feedback|comments|input|notes|thoughts)|comment\s+on|weigh\s+in"
_DECISION_VERBS = r"decide|approve|sign(?:\s+|-)?off|sign|choose|pick\s+(?:one|between)|vote|okay|ok|greenlight|green-light|validate|confirm\s+(?:the|our|your|this|that)\b|confirm(?=\W*$)"
_ACTION_VERBS = (
    r"update|fix|add|remove|delete|prepare|write|draft|create|make|build|implement|deliver|set\s+up|setup|configure"
    r"|deploy|merge|ship|release|publish|migrate|upgrade|rotate|renew|install|uninstall|investigate|debug|triage"
    r"|schedule|book|reschedule|cancel|arrange|organi[sz]e|order|buy|pay|file|raise|escalate|submit|fill(?:\s+(?:in|out|up))?"
    r"|complete|finish|finali[sz]e|handle|take\s+(?:care|over|on|ownership)|own|cover|pick\s+up|follow\s+up|get\s+back"
    r"|estimate|plan|document|assign|label|tag|close|reopen|revert|roll\s*back|rebase|restart|rerun|re-run|run"
    r"|rename|clean\s+up|tidy|refactor|port|translate|design|send|forward|share|upload|post|announce|invite|email|e-mail"
    r"|call|contact|reach\s+out|ping|remind\s+(?:them|him|her|the|everyone|people)|reply|respond|answer\s+(?:the|their|his|her|this|that)"
    r"|start|cut|tag|bump|check\s+(?:whether|if|on|in\s+on|with|why)|verify|double-check|make\s+sure|ensure"
    r"|present|put\s+together|pull\s+(?:(?:it|this|that|them|everything)\s+)?together"
    r"|pull\s+(?:the\s+|some\s+|our\s+)?(?:latest\s+)?(?:[\w-]+\s+)?(?:numbers|data|stats|figures|metrics|list|report|transcripts|records|invoices|contracts|statements|receipts)|write\s+up|sort\s+out|figure\s+out|resolve|reconcile|address|change|adjust|tweak|bump|generate"
    r"|export|import|backfill|provision|grant|give\s+(?:me|us|him|her|them)\s+(?:the\s+)?(?:access|permissions?|admin|rights)|onboard|train"
    r"|stop\s+(?:using|sending|posting|running|sharing|doing|scheduling)|chase(?:\s+up)?|inform|notify|bring|re-?order|show\s+(?!me\b|us\b)(?:[\w-]+\s+){1,3}?how\s+to|summari[sz]e|sync\s+(?:up\s+)?with|loop\s+in|align\s+with|coordinate\s+with|reset|restore|refund|process|reprocess|print|reprint|replace|repair|unlock|activate|deactivate|enable|disable|correct"
    r"|resize|crop|edit|retouch|redesign|convert|compress|reformat|illustrate|animate|archive|record"
    r"|take\s+(?:this|that|it|these|those|tickets?)\b"  # a hand-over: "can you take ticket 6012?"
    r"|open\s+(?:an?\s+|the\s+|a\s+new\s+)?(?:issue|ticket|pr|pull\s+request|bug|case|jira)|push(?!\s+(?:back|for)\b)"
    r"|do\s+the\s+needful"  # (Indian English: do what is needed)
    r"|log(?!\s*(?:in|on|off|out)\b)"  # "log your calls in the CRM", not "log in"
    r"|join\s+(?:the|our|a|this|that|my)\s+(?:[\w-]+\s+)?(?:call|demo|meeting|standup|sync|review|session|workshop|interview"
    r"|pitch|kickoff|onboarding)"
    # a question relayed: "can you ask Finance if the budget was approved?"
    r"|ask\s+(?!(?:your|the|a|my|this|that)\s+question)(?:[\w@-]+\s+){1,3}?(?:if|whether|to|for|about)"
)
_WORK_VERB = rf"(?:{_REVIEW_VERBS}|{_DECISION_VERBS}|{_ACTION_VERBS})\b"

# What someone sends or shares as an answer, not as work: "send me an example", "share the link".
_INFO_OBJECT = re.compile(
    r"\s*(?:(?:me|us)\s+)?(?:also\s+|quickly\s+)?(?:the\s+|a\s+|an\s+|your\s+|some\s+|that\s+|this\s+)?(?:[\w-]+\s+)?"
    r"(?:link|url|address|example|examples|sample|snippet|screenshot|screen|log|logs|output|error|stack\s*trace"
    r"|trace|config|version|command|name|number|details|info|password|login|credentials|creds|api\s+key|invite|repo|branch"
    r"|doc\s+link|docs?|file\s+name"
    r"|location|path|code|gist|paste|source|data|dataset|script|notebook|file|recording|template|photo|picture|image"
    r"|font|asset|icon|logo)s?\b",
    re.I,
)
# Work that "help (me) (to) …" asks for, as a second language often asks: "please help to check the
# login page", "pls help check the invoice", "could you help to arrange the pickup" (not "help me
# understand" nor "help me fix this error": asks for help, questions).
_HELPED_WORK = (
    r"check|review|verify|confirm|update|proofread|look|test|approve|arrange|prepare|book|schedule|organi[sz]e"
    r"|create|submit|process|escalate|collect|order|print"
)
# ("to": "can you to check", as some write it; "help (me) (to)" before work, see _HELPED_WORK)
_FILLER = (
    r"(?:(?:please|pls|plz|kindly|also|just|quickly|maybe|possibly|perhaps|still|then|now|first|again|go\s+ahead\s+and"
    r"|try\s+to|to|check\s+and|everyone|everybody|(?:don'?t|do\s+not)\s+forget\s+to|remember\s+to)\s+"
    rf"|help\s+(?:me\s+|us\s+)?(?:to\s+)?(?=(?:{_HELPED_WORK})\b))*"
)
_ASKED_OF = (
    r"(?:(?:someone|somebody|anyone|anybody)(?:\s+(?:from|in|on|at|with|who\s+(?:has|knows|owns))\s+(?:the\s+|an?\s+)?[\w-]+(?:\s+(?:team|rights|access|permissions))?)?"
    r"|you|u|ya|y'all|one\s+of\s+(?:you|us|the\s+[\w-]+|our\s+[\w-]+)|you\s+(?:guys|all|folks)|either\s+of\s+you"
    r"|everyone|everybody|all\s+of\s+you"
    r"|an?\s+(?:maintainer|admin|reviewer|owner|committer|moderator|mod)"
    # a team asked by name: "could the maths team review …", "can legal check …"
    r"|(?:the\s+)?(?:[\w-]+\s+)?team|legal|finance|ops|design|sales|marketing|engineering|hr|support|security|procurement"
    r"|product|qa|devops|facilities|payroll|accounts)"
)

# The sentence patterns made with `for_lower_case` read the sentence lower-cased (gates.lower_case):
# the same matches at the same places, found faster than by re.IGNORECASE. A verb they capture is
# lower-cased; where it sits is where it sits in the sentence.

# Request frames that govern the verb right after them.
_MODAL_REQUEST = for_lower_case(
    re.compile(
        rf"\b(?:can|could|would|will|wuld|cud|can't|couldn't|won't)\s+{_ASKED_OF}\s+{_FILLER}(?P<verb>{_WORK_VERB})",
        re.I,
    )
)
# A volunteer asked for: "who can review my merge request?", "who could take this?" (not "who can
# approve leave?": who has the right is information)
_WHO_WILL = for_lower_case(
    re.compile(
        rf"^\s*(?:so\s+|ok\s+|okay\s+)?who\s+(?:can|could|would|will|wants\s+to)\s+{_FILLER}"
        rf"(?P<verb>{_REVIEW_VERBS}|take\s+(?:this|that|it|these|those)\b|pick\s+(?:this|that|it)\s+up|cover)",
        re.I,
    )
)
_PLEASE_REQUEST = for_lower_case(
    re.compile(
        rf"(?:^|[\s,;:(])(?:please|pls|plz|kindly|abeg)\s+{_FILLER}(?P<verb>{_WORK_VERB})", re.I
    )  # ("abeg": Nigerian)
)
_TRAILING_PLEASE = for_lower_case(
    re.compile(rf"^\s*{_FILLER}(?P<verb>{_WORK_VERB}).*\b(?:please|pls|plz)\W*$", re.I)
)
# (one "\b" before the group holds for every alternative in it)
_NEED_SOMEONE = for_lower_case(
    re.compile(
        rf"\b(?:(?:i|we)\s+(?:really\s+|still\s+|also\s+|urgently\s+)?(?:need|want|would\s+like|'d\s+like|d\s+like|would\s+love|'d\s+love)\s+"
        rf"(?:you|u|someone|somebody|a\s+volunteer|one\s+of\s+you|(?:@person\s+)+)\s+to"
        rf"|(?:i|we)\s+(?:need|would\s+like|want|'d\s+like)\s+that\s+(?:you|u|someone|somebody)"  # "I need that you review…"
        rf"|(?:can|could|would|will)\s+(?:you|u)\s+do\s+(?:me\s+)?(?:a|one)\s+(?:small\s+|quick\s+)?favou?r,?"
        rf"|^\s*(?:@person\W+)*need\s+(?:someone|somebody|a\s+volunteer|you|u)\s+to"
        # a team asked by name: "need legal to review the MSA redlines"
        rf"|^\s*(?:@person\W+)*(?:i\s+|we\s+)?need\s+(?:legal|finance|ops|design|sales|marketing|engineering|hr|support"
        rf"|security|procurement|product|qa|devops|(?:the\s+)?[\w-]+\s+team)\s+to"
        rf"|(?:would|will|are)\s+(?:you|u)\s+be\s+able\s+to|are\s+(?:you|u)\s+able\s+to"
        # as a second language often puts it: "is it possible you check …", "I hope you can review …",
        # "I ask you to update …"
        rf"|is\s+it\s+possible\s+(?:that\s+)?(?:for\s+)?(?:you|u)(?:\s+(?:can|could|to))?"
        rf"|(?:i|we)\s+hope\s+(?:you|u)\s+(?:can|could|will)|(?:i|we)\s+ask\s+(?:you|u)\s+to"
        rf"|(?:everyone|everybody|all\s+of\s+you|y'all|you\s+all)\s+(?:must|needs?\s+to|has\s+to|have\s+to|should)"
        # formal: "requesting all managers to complete…", "request you to kindly approve…"
        rf"|(?:request|requesting|requested)\s+(?:you|u|everyone|everybody|all(?:\s+of\s+you|\s+[\w-]+)?)\s+to"
        rf"|do\s+(?:you|u)\s+have\s+(?:the\s+|some\s+)?(?:time|bandwidth|capacity|a\s+moment|a\s+minute)\s+to"
        rf"|(?:if|when)\s+(?:you|u)\s+(?:could|can|get\s+a\s+chance\s+to|have\s+(?:a\s+)?(?:time|moment|minute)\s+to)"
        rf"|(?:i'?d|i\s+would|we'?d|we\s+would)\s+(?:really\s+)?(?:appreciate\s+it|love\s+it|be\s+grateful)\s+if\s+(?:you|u|someone)\s+(?:could|can|would)"
        rf"|it\s+would\s+be\s+(?:great|helpful|nice|awesome|amazing|(?:immensely|really|very|super)\s+helpful)\s+if\s+(?:you|u|someone)\s+(?:could|can|would)"
        rf")\s+(?:even\s+)?{_FILLER}(?P<verb>{_WORK_VERB})",
        re.I,
    )
)
_MIND = for_lower_case(
    re.compile(
        r"\b(?:would|do)\s+(?:you|u)\s+mind\s+(?!if\b)(?P<verb>\w+ing)\b|^\s*(?:@person\W+)*mind\s+(?P<verb2>\w+ing)\b",
        re.I,
    )
)
# A named person told what to do: "@ana please review …", "@ben update the doc".
_MENTION_IMPERATIVE = for_lower_case(
    re.compile(
        rf"^\s*(?:(?:please|pls|plz)\W+)?(?:(?:@person\W+)+|(?:someone|somebody|anyone|anybody)\s+(?:can\s+|could\s+)?)"
        rf"{_FILLER}(?P<verb>{_WORK_VERB})",
        re.I,
    )
)
# Asked outright for a review, a decision or a status, with no verb to govern.
_REVIEW_WANTED = re.compile(
    r"\b(?:need|want|would\s+love|looking\s+for)\s+(?:your|ur|some|a|an)\s+(?:quick\s+)?(?:review|approval|validation|sign-?off|feedback|eyes|decision|go-ahead|ok|okay|input|support)\b"
    r"|\bready\s+for\s+(?:your\s+|a\s+)?(?:review|feedback|sign-?off|approval|a\s+look)\b|\bptal\b|\bneed\s+(?:some\s+|a\s+few\s+|more\s+)?eyes\s+on\b"
    r"|\b(?:second|another|fresh|extra)\s+(?:set|pair)\s+of\s+eyes\b"  # "would love a second pair of eyes on…"
    r"|\b(?:second|another|outside)\s+opinion\b"
    r"|\bneed\s+(?:sign-?off|approval|(?:the\s+|a\s+)?go-ahead|(?:the\s+|a\s+)?green\s+light)\s+(?:on|for|from)\b"  # "need sign-off on the budget move"
    r"|\b(?:can|could|may)\s+(?:i|we)\s+(?:get|have)\s+(?:a\s+|some\s+|your\s+)?(?:quick\s+)?(?:review|approval|sign-?off|eyes)\b"
    r"|\bfor\s+(?:your|ur)\s+(?:review|approval|sign-?off|feedback|comments|input|consideration)\b"  # "attached for your review"
    r"|\b(?:thoughts|opinions|objections|feedback|views)\s*\?|\bwdyt\b|\bwhat\s+do\s+(?:you|y'all|we|people|folks)\s+think\b"
    # ("any thoughts on the layout?" is asked as "thoughts on the layout?" is: an opinion, no by-when)
    r"|\bany\s+(?:thoughts(?!\s+(?:on|about)\b)|objections|feedback|opinions|concerns)\b|\bneed\s+a\s+decision\b|\bdecision\s+(?:needed|required)\b|\b(?:please|pls|plz|kindly)\s+advise\b"
    r"|\b(?:we|i)\s+(?:need|have|must)\s+(?:to\s+)?(?:decide|agree|choose|pick|finali[sz]e)\b|\b(?:need|want)\s+(?:you|u|someone|everyone)\s+to\s+(?:decide|weigh\s+in|vote)\b"
    r"|^\W*(?:@person\W+)*(?:any\s+)?(?:input|feedback|opinions|views|objections)\s*\?+\s*$"
    r"|\b(?:want|wanted|like|'d\s+like|would\s+like)\s+to\s+(?:check|confirm|run\s+(?:it|this|that)\s+by)\s+(?:with\s+)?(?:someone|somebody|anyone|you|u|y'all|the\s+team)\b",
    re.I,
)
_REVIEW_NOUNS = re.compile(
    r"review|eyes|ptal|look|feedback|input|comments|thoughts|opinion|views|wdyt|think", re.I
)
_DECISION_QUESTION = for_lower_case(
    re.compile(
        r"^\s*(?:@person\W+)*(?:so\s+|ok\s+|okay\s+|and\s+)?(?:(?:can|could|should|shall)\s+we|let'?s(?=[^.!]*\?)|ok\s+to|okay\s+to|are\s+we\s+ok\s+(?:to|with)|do\s+we\s+(?:want|agree)\s+to)\s+"
        r"(?:just\s+|finally\s+|now\s+|also\s+)?(?:switch|move|drop|adopt|use|go\s+(?:with|for|ahead)|stop|start|keep|kill|deprecate|retire|replace|merge|ship|release|launch|deploy"
        r"|change|cancel|postpone|delay|push|skip|upgrade|migrate|decide|agree|pick|choose|approve|proceed|try|remove|add|rename|split|consolidate|standardi[sz]e|enable|disable|turn|roll"
        r"|charge|bill|hire|renew|extend|accept|reject|include|invest|spend|allow|require|buy|pay|offer|outsource|automate|sunset|revert|wait|hold\s+off"
        r"|make|apply|hold|run)\b"
        # "should we escalate the staffing gap to the matron?": any work the team would take on
        rf"|^\s*(?:@person\W+)*(?:so\s+|ok\s+|okay\s+|and\s+)?(?:should|shall)\s+we\s+(?:just\s+|also\s+|still\s+)?{_WORK_VERB}",
        re.I,
    )
)
# Asked to meet or talk: answered with a time in the reply, so no by-when is missing, but "can we
# chat?" still says nothing about what for.
_MEETING_ASK = for_lower_case(
    re.compile(
        r"^\s*(?:@person\W+)*(?:so\s+|ok\s+|and\s+)?(?:(?:can|could|should|shall)\s+we|we\s+(?:can|could)(?=[^.!]*\?)|let'?s(?=[^.!]*\?)|(?:can|could)\s+(?:you|u|i)|(?:are|r)\s+(?:you|u)\s+(?:free|around|available)\s+to)\s+"
        r"(?:quickly\s+|briefly\s+)?(?:meet|connect|chat|talk|sync|hop\s+on|jump\s+on|catch\s+up|discuss|get\s+together"
        r"|call(?!\s+(?:the|a|an|his|her|their|them|him|@person|[\w-]+'s)\b)|huddle|have\s+a\s+(?:quick\s+)?(?:call|chat|word|meeting)"
        r"|(?:do|make)\s+a\s+(?:quick\s+|short\s+)?(?:call|meeting)|(?:schedule|set\s+up|arrange|book)\s+(?:a\s+)?(?:quick\s+|short\s+)?(?:call|meeting|chat|sync))\b"
        r"|^\W*(?:@person\W+)*(?:a\s+)?(?:quick\s+)?(?:sync|call|chat|huddle)\s*\?+\s*$"  # "quick sync?"
        r"|^\W*(?:@person\W+)*let'?s\s+(?:meet|sync|talk|chat|connect|catch\s+up|huddle)\W*$"  # "let's meet", and nothing else
        r"|^\W*(?:@person\W+)*(?:can|could|should|shall)\s+we\s+take\s+(?:this|it|that)\s+offline\b"  # a call, elsewhere
        r"|^\W*(?:@person\W+)*(?:(?:hey|hi|hello)\W+)?(?:are\s+|r\s+)?(?:you|u)\s+(?:free|around|available)\s+for\s+(?:a\s+)?"
        r"(?:quick\s+|short\s+)?(?:call|chat|sync|meeting|huddle)\b",  # "hey, you free for a quick call?"
        re.I,
    )
)
_STATUS_BUMP = for_lower_case(
    re.compile(
        rf"\bany\s+(?:updates?|news|progress|eta)\b|\bsome\s+(?:news|updates?)\b[^.!?\n]*\?|^\s*(?:@person\W+)*(?:status|eta|update|updates|progress|news)(?:\s+update)?\s*\?+\s*$|^\s*(?:@person\W+)*{BUMP_ON_IT}"
        r"|^\s*(?:@person\W+)*(?:bump|bumping)\W*$"  # "bump" on its own, under the ask it bumps
        # "could you let me know the status of the PO?", "gentle reminder on the below"
        r"|\b(?:let\s+me\s+know|update\s+me\s+on|tell\s+me)\s+(?:the\s+)?(?:current\s+)?(?:status|progress|eta)\b"
        # "waiting your reply about the budget", "I am waiting for your approval since Monday"
        r"|^\s*(?:@person\W+)*(?:i\s+am\s+|i'?m\s+|we\s+are\s+|still\s+)?(?:still\s+)?(?:waiting\s+(?:for\s+)?|awaiting\s+)(?:your|ur)\s+"
        r"(?:reply|answer|response|feedback|approval|confirmation|review|input|decision|go-ahead|update)\b"
        r"|\b(?:want|would\s+like|'d\s+like|wish)\s+to\s+know\s+(?:the\s+)?(?:status|progress|eta)\b"
        # "status on hiring?", "where are we on the Globex renewal?"
        r"|^\s*(?:@person\W+)*(?:status|eta|update|progress)\s+(?:on|of|for)\s+[^?.!\n]{1,40}\?+\s*$"
        r"|^\s*(?:@person\W+)*(?:so\s+)?where\s+are\s+we\s+(?:on|with)\b"
        # "what's the ETA on the mobile release?", "what is the status of the SSO integration?"
        r"|^\s*(?:@person\W+)*(?:what'?s|what\s+is)\s+the\s+(?:current\s+|latest\s+)?(?:eta|status)\s+(?:on|of|for|with)\b"
        r"|^\s*(?:@person\W+)*(?:(?:a\s+)?(?:gentle|friendly|kind|quick)\s+)?reminder\s+(?:on|about|regarding|re)\s+(?:this|that|it|the\s+(?:below|above))\b",
        re.I,
    )
)
_NEED_THE_THING = re.compile(
    r"^\s*(?:[A-Za-z][\w ]{0,18}:\s+)?(?:@person\W+)*need\s+(?:this|that|it|these|the|your)\b"
    # "need access to the shared drive": access asked for
    r"|^\s*(?:[A-Za-z][\w ]{0,18}:\s+)?(?:@person\W+)*(?:(?:i|we)\s+)?(?:urgently\s+)?need\s+(?:admin\s+)?access\s+to\b"
    # "pls I need the bank statement for March": the need, asked for
    r"|^\s*(?:please|pls|plz|kindly|abeg)\W+(?:@person\W+)*(?:i|we)\s+(?:urgently\s+)?need\s+(?:the|your|a|an|some)\b"
    # hands or supplies: "need 2 more staff for Saturday", "we need a new mop bucket"
    r"|^\s*(?:@person\W+)*(?:(?:we|i)\s+)?need\s+(?:\d+|two|three|four|five|six|a\s+few|a\s+couple(?:\s+of)?)\s+more\b"
    r"|^\s*(?:@person\W+)*(?:we|i)\s+need\s+(?:a|an|some)\s+(?:new|more|extra|spare)\b"
    # "I need the final copy asap"; not "I need the return value of the function" (a need described)
    r"|^\s*(?:@person\W+)*(?:i|we)\s+need\s+(?:the|your)\s+[\w\s-]{1,40}?\b(?:asap|today|tomorrow|tmrw|by|before|from\s+(?:you|u)|please|pls)\b",
    re.I,
)
# Something to deliver asked for by name, and nothing else: "interview feedback for the ops role
# please", "timesheets pls". (Not what a helper asks of someone with a problem, "logs please": see
# _INFO_OBJECT.)
_DELIVERABLE_PLEASE = re.compile(
    r"^\s*(?:@person\W+)*(?!(?:thanks|thank|thx|ty)\b)(?:[\w-]+\s+){0,4}?(?:feedback|input|comments|approval|sign-?off|numbers|figures|report|slides"
    r"|deck|invoices?|receipts?|notes|minutes|estimates?|quotes?|timesheets?|forms?|headcount|budget|summary|contract"
    r"|signatures?|expenses|reset|access|licen[cs]e|invite)\b[^.?!\n]{0,40}?,?\s*(?:please|pls|plz)\W*$",  # "password reset pls"
    re.I,
)
# Work done for the asker, told outright: "get me the churn numbers for EMEA", "book me a flight to
# Chicago" (a bare imperative is otherwise advice, as help rooms give it: "try the -noResolve flag").
_DONE_FOR_ME = re.compile(
    r"^\s*(?:@person\W+)*(?:(?:please|pls|plz)\s+)?(?P<verb>get|book|find|bring|fetch|pull|order|buy|make|draft|prepare"
    r"|set\s+up|schedule|put\s+together|write|send|forward)\s+me\b"
)
# A need of everyone's work: "I need everyone's OKR drafts" (not "I need the return value of the
# function", a need described).
_NEED_EVERYONES = re.compile(
    r"^\s*(?:@person\W+)*(?:i|we)\s+(?:still\s+)?need\s+(?:everyone'?s|everybody'?s|each\s+of\s+your|all\s+of\s+your)\b",
    re.I,
)
_FOR_ME_WORDS = frozenset({"me", "everyone", "everybody", "each", "all"})
# Supplies asked for: "can we get more gloves", "could we order a new kettle" (not "can I get more
# info": a question).
_SUPPLIES = re.compile(
    r"^\s*(?:@person\W+)*(?:can|could)\s+we\s+(?:get|order|have)\s+(?:some\s+)?(?:more|a\s+new|new|extra|another|spare)\b"
    # access or a licence asked for: "can I get access to Figma?"
    r"|^\s*(?:@person\W+)*(?:can|could|may)\s+(?:i|we)\s+(?:please\s+)?(?:get|have)\s+(?:admin\s+)?(?:access|a\s+licen[cs]e"
    r"|permissions?|rights)\s+(?:to|for|on)\b",
    re.I,
)
_SUPPLY_WORDS = frozenset({"more", "new", "extra", "another", "spare", "access", "license", "licence", "permission",
                           "permissions", "rights"})  # fmt: skip

# A reply that bumps what the thread asked, in a question's words or none: "gentle ping", "bumping
# this", "any luck?", "did you get a chance to look?", "what's the status?".
_THREAD_BUMP = re.compile(
    r"^\W*(?:@person\W+)*(?:(?:(?:a\s+)?(?:gentle|friendly|quick|kind|polite)\s+(?:ping|bump|nudge|reminder))"
    r"|(?:bump|bumping|pinging|nudging)\s+(?:this|that|it)(?:\s+(?:again|up))?"
    r"|any\s+luck(?:\s+(?:with|on)\s+(?:this|that|it))?"
    r"|(?:did|have)\s+(?:you|u)\s+(?:get|got|had|have)\s+(?:a|the)\s+chance\s+to\s+(?:look|check|review|read|go\s+through)\b[^.?!\n]{0,60}"
    r"|what'?s\s+the\s+(?:status|eta|latest)(?:\s+(?:here|now|on\s+(?:this|that|it)))?)\W*$",
    re.I,
)
_THREAD_BUMP_WORDS = frozenset(
    {
        "ping",
        "bump",
        "nudge",
        "reminder",
        "bumping",
        "pinging",
        "nudging",
        "luck",
        "chance",
        "status",
        "eta",
        "latest",
    }
)  # one of which every _THREAD_BUMP match has

# A named person and "please", nothing else: a bump on what was asked before.
_MENTION_PLEASE = re.compile(
    r"^\s*(?:@person\W+)+(?:please|pls|plz|kindly)(?:\s+(?:check|review|see|look|help|revert|advise|confirm))?\W*$"
    # or with no one named: "pls check" alone (not "Done, please check": work handed over)
    r"|^\W*(?:please|pls|plz|kindly)\s+(?:check|review|look)\W*$",
    re.I,
)

# The ask in a statement's order, as a second language often puts it: "you can check the new version
# please?" (with "please": "you can check the logs" alone is advice).
_YOU_CAN_VERB = rf"^\s*(?:@person\W+)*(?:you|u)\s+(?:can|could)\s+{_FILLER}(?P<verb>{_WORK_VERB})[^.!?]*"
_YOU_CAN_PLEASE = re.compile(rf"{_YOU_CAN_VERB}\b(?:please|pls|plz)\W*$")
# ... or with its question mark: "@ana you can review the descriptions in French? I'm not sure of them"
_YOU_CAN_ASKED = re.compile(rf"{_YOU_CAN_VERB}\?")
_YOU_WORDS = frozenset({"you", "u"})

# A question for information or help, whatever else it contains.
_INFO_QUESTION = for_lower_case(
    re.compile(
        r"^\s*(?:so\s+|and\s+|but\s+|also\s+|ok\s+|okay\s+|btw\s+|hmm+\s+|oh\s+|actually\s+|sorry\s+|then\s+|and\s+then\s+|again\W+|hi\W+|hey\W+"
        r"|(?:one\s+(?:more|other|last)|quick|simple|newbie|dumb|stupid|general)\s+question[:,.]?\s+)*"
        r"(?:what(?!'?s\s+the\s+(?:current\s+|latest\s+)?(?:eta|status)\s+(?:on|of|for|with)\b"  # a status asked: see _STATUS_BUMP
        r"|\s+is\s+the\s+(?:current\s+|latest\s+)?(?:eta|status)\s+(?:on|of|for|with)\b)"
        r"|when(?!\s+(?:you|u)(?:['\u2019]re|\s+are|\s+r)\s+(?:free|back|online|around|in|able|done)\b)|where(?!\s+are\s+we\s+(?:on|with)\b)|who|whom|whose|which|why|how|is\s+(?:there|it(?!\s+possible\s+(?:that\s+)?(?:for\s+)?(?:you|u)\b)|this|that|the)|are\s+(?:there|these|those|the)|was|were|isn't|aren't|doesn't|don't|didn't"
        r"|(?:do|does|did|can|could|should|shall|may|might|would|will|am|have|has|must)\s+(?:i(?!\s+(?:get|have)\s+(?:a\s+|some\s+|your\s+)?"
        r"(?:quick\s+)?(?:review|approval|sign-?off|eyes)\b)|it|this|that|these|those|there|they|he|she|my|our|a|an"
        r"|the(?!\s+(?:[\w-]+\s+)?team\s+(?:please\s+)?[a-z]))\b"  # not "could the design team check …": a team asked
        r"|(?:do|does|did|may|might|would|will|have|has|must)\s+we\b"
        r"|(?:does|did|do|has|have|is|was)\s+(?:anyone|anybody|someone|somebody|everyone|any\s+of\s+you|you\s+(?:guys|all)|y'all)\b"
        r"|any\s*(?:one|body)\s+(?:know|knows|have|has|got|seen|tried|using|use|ever|else|familiar|experience|here|around|able|managed)"
        r"|any\s+(?:idea|clue|hint|hints|pointers|tips|recommendations?|suggestions?|reason|way)\b"
        r"|do\s+you\s+(?:know|have|remember|happen|think|mean|guys|use|see|recall|still)|did\s+you|have\s+you|are\s+you|were\s+you|is\s+(?:anyone|someone)"
        r"|would\s+you\s+(?:happen|know|recommend)|(?:can|could|would)\s+(?:anyone|anybody|someone|somebody|you|u)\s+(?:please\s+)?(?:tell|explain|point|remind"
        rf"|help(?!\s+(?:me\s+|us\s+)?(?:to\s+)?(?:{_HELPED_WORK})\b)|clarify|elaborate|recommend|suggest|advise|confirm\s+(?:if|whether|that)|let\s+me\s+know)"
        r"|i\s+(?:was\s+)?wonder|wondering|just\s+wondering|i'?m\s+(?:curious|wondering|trying|having|getting|seeing|stuck|confused|new)|i\s+(?:have|had|get|got)\s+(?:a|an|the|this|some|one|another)\s+(?:quick\s+)?(?:question|problem|issue|error|doubt)"
        r"|not\s+sure\s+(?:if|whether|how|what|why)|i\s+(?:don'?t|do\s+not)\s+(?:know|understand|get)|tell\s+me|explain"
        r")\b",
        re.I,
    )
)
# Help asked for (a question for help, not work for the calendar): "can someone help me with X?".
_HELP_ASKED = re.compile(r"\bhelp\b", re.I)
_SOCIAL = for_lower_case(
    re.compile(
        r"^\W*(?:thanks|thank\s+you|thx|ty|tysm|cheers|congrats|congratulations|welcome|kudos|nice|great|awesome|cool|perfect|lol|haha|ok|okay"
        r"|sure|yes|yep|yeah|no|nope|np|no\s+problem|sounds\s+good|makes\s+sense|agreed|\+1|same|good\s+(?:morning|night|luck)|morning|hi|hey|hello|happy\s+\w+"
        r"|have\s+a\s+(?:great|good|nice)|sorry|bye|see\s+you|welcome\s+aboard)\b",
        re.I,
    )
)
_OFFER = for_lower_case(
    re.compile(
        r"^\s*(?:i\s+can|i'?ll|i\s+will|i\s+could|happy\s+to|glad\s+to|let\s+me|i'?m\s+happy\s+to|i\s+am\s+happy\s+to|want\s+me\s+to|shall\s+i|should\s+i\s+(?:take|do|handle|pick))\b",
        re.I,
    )
)
_PROPOSAL = split_and_gate(
    re.compile(
        r"\b(?:you|u)\s+(?:could|can|should|might|may|need|have|must|'ll\s+need|will\s+need|want)\s+(?:to\s+)?\w"
        r"|^\s*(?:(?:just|then|so|maybe|also)\s+)*(?:try|use|check|run|install|import|add|set|create|make|build|look|read|see|put|call|pass|change|remove|delete|write|file|open|go|switch|upgrade|downgrade|restart|clear|enable|disable)\b"
        r"|\b(?:we|i)\s+(?:could|should|might|may)\b|\bmaybe\b|\bperhaps\b|\bhow\s+about\b|\bwhat\s+about\b|\bwhy\s+not\b|\b(?:i\s+)?(?:suggest|recommend|propose)\b|\bone\s+option\b",
        re.I,
    )
)
_NEGATED = for_lower_case(
    re.compile(
        r"\b(?:don'?t|do\s+not)\b(?!\s+forget\b)|\b(?:no\s+need\s+to|doesn'?t\s+need|won'?t\s+need|not\s+necessary)\b",
        re.I,
    )
)
_CONDITION = for_lower_case(
    re.compile(
        r"^\s*(?:if|when|whenever|once|unless|in\s+case)\b(?!\s+(?:you|u)\s+(?:could|can|get\s+a\s+chance|have\s+(?:a\s+)?(?:time|moment|minute))\b"
        # the time the reader will be there, before the ask: "when you're online, could you look at …"
        r"|\s+(?:you|u)(?:['\u2019]re|\s+are|\s+r)\s+(?:free|back|online|around|in|able|done)\b)",
        re.I,
    )
)

# (split and gated, as the patterns every message meets are: see gates.AnyOf)
_SOMEONE = split_and_gate(
    re.compile(
        r"\b(?:someone|somebody|anyone|anybody|everyone|everybody|any\s+of\s+you|one\s+of\s+you|y'all|folks|team|all)\b",
        re.I,
    )
)
_YOU = split_and_gate(re.compile(r"\b(?:you|u|ya|your|ur)\b", re.I))


# The words each frame needs (as `word_set` spells them: "can't" gives "can" and "t"): most sentences
# have none of them, and a set look-up spares the patterns' scan.
_MODAL_WORDS = frozenset({"can", "could", "would", "will", "wuld", "cud", "couldn", "won"})
_PLEASE_WORDS = frozenset({"please", "pls", "plz", "kindly", "abeg"})
_NEED_WORDS = frozenset(
    {"need", "want", "like", "love", "able", "have", "if", "when", "appreciate", "would", "d", "everyone",
     "everybody", "all", "y", "great", "helpful", "nice", "awesome", "amazing", "must", "should", "request",
     "requesting", "requested", "favour", "favor", "possible", "hope", "ask"}
)  # fmt: skip
_MENTION_WORDS = frozenset({"person", "someone", "somebody", "anyone", "anybody"})
_OUTRIGHT_WORDS = frozenset(
    {"need", "want", "love", "looking", "ready", "ptal", "eyes", "thoughts", "opinions", "objections",
     "feedback", "views", "wdyt", "think", "any", "decision", "advise", "decide", "agree", "choose", "pick",
     "vote", "weigh", "check", "confirm", "run", "input", "ideas", "suggestions", "opinion", "review", "approval",
     "consideration", "comments", "sign", "support", "finalize", "finalise"}
)  # fmt: skip
_STATUS_WORDS = frozenset(
    {
        "any",
        "status",
        "eta",
        "update",
        "updates",
        "progress",
        "ping",
        "pinging",
        "bump",
        "bumping",
        "nudge",
        "nudging",
        "reminder",
        "news",
        "waiting",
        "awaiting",
        "know",
        "where",
    }
)
_NEGATION_WORDS = frozenset({"don", "dont", "not", "no", "doesn", "won"})
# ... and _NEED_SOMEONE also one of the people it asks of.
_ASKED_WORDS = frozenset(
    {"you", "u", "someone", "somebody", "volunteer", "person", "everyone", "everybody", "all", "y", "one", "legal",
     "finance", "ops", "design", "sales", "marketing", "engineering", "hr", "support", "security", "procurement",
     "product", "qa", "devops", "team"}
)  # fmt: skip
_FRAMES = (
    (_MODAL_REQUEST, _MODAL_WORDS),
    (_PLEASE_REQUEST, _PLEASE_WORDS),
    (_NEED_SOMEONE, _NEED_WORDS),
    (_MENTION_IMPERATIVE, _MENTION_WORDS),
)
# The outright asks, split into alternatives filed under the words they need (see gates.py).
_REVIEW_WANTED_SEARCH = split_and_gate(_REVIEW_WANTED)


def _work_ask(body: str, raw: str, lowered: str, words: frozenset[str]) -> tuple[Act, Evidence] | None:
    """The ask for work this sentence makes, if a request frame governs a work verb (or asks outright).
    `body`: the sentence without its greeting (`addressed`), and `lowered`: the body lower-cased;
    `words`: the sentence's words, or the message's (they only open the patterns that decide)."""
    if (
        words.isdisjoint(_NEGATION_WORDS) is False
        and _NEGATED.search(lowered)
        and not _REVIEW_WANTED.search(body)
    ):
        return None
    for frame, needed in _FRAMES:
        if words.isdisjoint(needed) or (frame is _NEED_SOMEONE and words.isdisjoint(_ASKED_WORDS)):
            continue
        found = frame.search(lower_case(raw) if frame is _MENTION_IMPERATIVE else lowered)
        if found is None:
            continue
        text, end = (raw if frame is _MENTION_IMPERATIVE else body), found.end("verb")
        if _quick_turn(found.group("verb"), text, end) or _WH_BEFORE.search(text, 0, found.start()):
            continue
        if _sends_work(found) or not _INFO_OBJECT.match(text, end):
            return _kind_of(found.group("verb")), Evidence.REQUEST
    found = None if words.isdisjoint(_PLEASE_WORDS) else _TRAILING_PLEASE.search(lowered)
    if found:
        return _kind_of(found.group("verb")), Evidence.REQUEST
    mind = _MIND.search(lowered) if "mind" in words else None
    if mind and not _INFO_OBJECT.match(body, mind.end()):
        return Act.ASK_ACTION, Evidence.REQUEST
    # The split search says whether any alternative matches; the whole pattern then gives its leftmost
    # match, whose words tell a review from a decision (the split one's would follow set order, which
    # changes from process to process).
    # (not in an offer: "happy to review the deck if you want another pair of eyes")
    outright = (
        _REVIEW_WANTED.search(body)
        if not words.isdisjoint(_OUTRIGHT_WORDS)
        and _REVIEW_WANTED_SEARCH.search(body, words)
        and not _OFFER.match(lowered)
        else None
    )
    if outright:
        kind = Act.ASK_REVIEW if _REVIEW_NOUNS.search(outright.group(0)) else Act.ASK_DECISION
        return kind, Evidence.OUTRIGHT
    if _DECISION_QUESTION.search(lowered):
        return Act.ASK_DECISION, Evidence.OUTRIGHT
    if not words.isdisjoint(_STATUS_WORDS) and _STATUS_BUMP.search(lowered):
        return Act.ASK_ACTION, Evidence.STATUS
    return None


def _sends_work(found: re.Match[str]) -> bool:
    """A verb other than send/share/post/forward governs work whatever its object."""
    return not re.match(r"send|share|post|forward|give|call|ping|email|e-mail", found.group("verb"), re.I)


# A quick turn in the conversation, not work to schedule: "call me", "add me to the channel",
# "file an issue", "open a ticket".
_FOR_ME = re.compile(r"\s+(?:me|us)\b(?!\s+(?:a|an|the|your|some)\b)", re.I)
_AN_ISSUE = re.compile(
    r"\s+(?:an?\s+|the\s+)?(?:new\s+|github\s+|gh\s+|jira\s+|!)?(?:issue|ticket|bug(?:\s+report)?|report)\b",
    re.I,
)


# "how would you handle it?": a question for advice, whatever its verb.
_WH_BEFORE = re.compile(r"\b(?:how|what|why|where|when|which|who)\s+$", re.I)


def _quick_turn(verb: str, text: str, end: int) -> bool:
    """ "call me", "add me to the channel", "file an issue": a quick turn, not work to schedule."""
    verb = verb.lower()
    if verb in ("call", "ping", "text", "add", "cc", "dm", "loop", "tag", "email", "e-mail", "invite"):
        return _FOR_ME.match(text, end) is not None
    return verb in ("file", "open", "raise") and _AN_ISSUE.match(text, end) is not None


def _kind_of(verb: str) -> Act:
    if re.match(_REVIEW_VERBS, verb, re.I):
        return Act.ASK_REVIEW
    if re.match(_DECISION_VERBS, verb, re.I):
        return Act.ASK_DECISION
    return Act.ASK_ACTION


def sentence_act(sentence: str) -> Act:
    """The act of one sentence (lintable text: mentions as @person, code removed)."""
    asked, _ = _ask_of(sentence)
    return asked if asked is not None else _act_of_the_rest(sentence)


_MEETING_WORDS = frozenset(
    {
        "offline",
        "meet",
        "connect",
        "chat",
        "talk",
        "sync",
        "hop",
        "jump",
        "catch",
        "discuss",
        "together",
        "call",
        "huddle",
        "have",
        "schedule",
        "set",
        "arrange",
        "book",
        "do",
        "make",
    }
)


@lru_cache(maxsize=4096)
def _ask_of(sentence: str, words: frozenset[str] | None = None) -> tuple[Act | None, Evidence | None]:
    """An ask for work (its act and evidence), a question (QUESTION, None), or neither (None, None).
    What the rules need, without the finer reading of the rest (see `_act_of_the_rest`). `words`: the
    words of the message the sentence is from, where the caller has them."""
    if words is None:
        words = word_set(sentence)
    body = addressed(sentence)
    if not body.strip(" .!?,:;-"):
        return None, None
    lowered = lower_case(body)
    if not words.isdisjoint(_MEETING_WORDS) and _MEETING_ASK.match(lowered):
        return Act.QUESTION, None
    if "who" in words and (volunteer := _WHO_WILL.match(lowered)) is not None:
        return _kind_of(volunteer.group("verb")), Evidence.REQUEST
    info = bool(_INFO_QUESTION.match(lowered))
    if not info and not _CONDITION.match(lowered):
        asked = _work_ask(body, sentence, lowered, words)
        if asked is not None:
            return asked
    if info or body.rstrip().endswith("?"):
        return Act.QUESTION, None
    return None, None


def _act_of_the_rest(sentence: str, words: frozenset[str] | None = None) -> Act:
    """A sentence that neither asks for work nor questions: social, an offer, a proposal or a statement.
    `words`: the words of the message it is from, where the caller has them."""
    body = addressed(sentence)
    lowered = lower_case(body)
    if not body.strip(" .!?,:;-") or _SOCIAL.match(lowered):
        return Act.SOCIAL
    if _OFFER.match(lowered):
        return Act.OFFER
    if _PROPOSAL.search(body, words):
        return Act.PROPOSAL
    return Act.STATEMENT


# Asked for ideas with nothing else said: a review of what is on the table ("any ideas?" after a
# problem described is a question for help).
_ONLY_IDEAS = re.compile(r"^\W*(?:@person\W+)*(?:any\s+)?(?:ideas|suggestions)\s*\?+\W*$", re.I)
# A bare imperative is advice ("try the -noResolve flag") unless the message presses for it
# ("ASAP!!! fix the banner").
_BARE_IMPERATIVE = for_lower_case(re.compile(rf"^\s*{_FILLER}(?P<verb>{_WORK_VERB})", re.I))
_IDEAS_WORDS = frozenset({"ideas", "suggestions"})
_PRESSING_WORDS = frozenset({"asap", "urgent", "urgently", "immediately", "now"})
_PRESSING = re.compile(r"\b(?:asap|urgent|urgently|immediately)\b|!!|\bnow\W*$", re.I)


# A sentence ends at . ! ? followed by white space (not inside ".d.ts", "i.e." or "!issue"), or at a
# line break: its first character, then runs of other characters and of marks that something other
# than white space follows, then the closing marks. (What r"[^\n]+?(?:[.!?]+(?=\s|$)|$)" finds,
# without trying every character as the end; the runs are possessive, so nothing is tried twice.)
_SENTENCE = re.compile(r"[^\n](?:[^\n.!?]++|[.!?]++(?=[^\s.!?]))*+(?:[.!?]+|$)", re.MULTILINE)


@lru_cache(maxsize=4096)
def sentences_of(text: str) -> tuple[str, ...]:
    """The sentences of a message, as acts are read."""
    return split_sentences(text, _SENTENCE)


def message_acts(text: str) -> tuple[Act, ...]:
    """The act of each sentence of a message (lintable text)."""
    words = word_set(text)
    return tuple(
        act if act is not None else _act_of_the_rest(sentence, words)
        for sentence, (act, _) in zip(sentences_of(text), read_message(text), strict=True)
    )


@lru_cache(maxsize=4096)
def read_message(text: str) -> tuple[tuple[Act | None, Evidence | None], ...]:
    """Each sentence's ask for work (act and evidence), QUESTION, or (None, None) for the rest."""
    said = sentences_of(text)
    words = word_set(text)
    if len(said) == 1 and not words.isdisjoint(_IDEAS_WORDS) and _ONLY_IDEAS.match(said[0]):
        return ((Act.ASK_REVIEW, Evidence.OUTRIGHT),)
    read = [_ask_of(sentence, words) for sentence in said]
    if read and read[0][0] not in ASKS_FOR_WORK and (opening := _ask_said_otherwise(text, said, words)):
        read[0] = opening
    if (not words.isdisjoint(_PRESSING_WORDS) or "!!" in text) and _PRESSING.search(text) is not None:
        for index, sentence in enumerate(said):
            if read[index][0] is None and _pressed_imperative(sentence):
                read[index] = (Act.ASK_ACTION, Evidence.PRESSED)
    return tuple(read)


def _ask_said_otherwise(
    text: str, said: tuple[str, ...], words: frozenset[str]
) -> tuple[Act, Evidence] | None:
    """An ask the opening sentence makes without a request frame governing a work verb (the first of
    these readings that fits), or None."""
    first, alone = said[0], len(said) == 1
    if ("need" in words and _NEED_THE_THING.match(text)) or (
        alone and not words.isdisjoint(_PLEASE_WORDS) and _DELIVERABLE_PLEASE.match(text)
    ):
        return Act.ASK_ACTION, Evidence.NEED  # "need the numbers", "interview feedback please"
    if not words.isdisjoint(_FOR_ME_WORDS):
        found = _DONE_FOR_ME.match(lower_case(first))
        if found is not None and not (
            found.group("verb") in ("send", "forward") and _INFO_OBJECT.match(first, found.end())
        ):
            return Act.ASK_ACTION, Evidence.REQUEST  # "get me the churn numbers", "book me a flight"
        if _NEED_EVERYONES.match(first):
            return Act.ASK_ACTION, Evidence.NEED  # "I need everyone's OKR drafts"
    if not words.isdisjoint(_SUPPLY_WORDS) and _SUPPLIES.match(first):
        return Act.ASK_ACTION, Evidence.NEED  # "can we get more gloves, size L"
    if "?" in first and not words.isdisjoint(_YOU_WORDS):
        found = _YOU_CAN_ASKED.match(lower_case(first))
        if found is not None:
            return _kind_of(found.group("verb")), Evidence.REQUEST  # "you can review the copy?"
    if not alone:
        return None
    if not words.isdisjoint(_THREAD_BUMP_WORDS) and _THREAD_BUMP.match(text):
        return Act.ASK_ACTION, Evidence.STATUS  # "gentle ping", "did you get a chance to look?"
    if words.isdisjoint(_PLEASE_WORDS):
        return None
    if _MENTION_PLEASE.match(text):
        return Act.ASK_ACTION, Evidence.STATUS  # "@ana please": a bump on what was asked
    found = _YOU_CAN_PLEASE.match(lower_case(text))
    return (_kind_of(found.group("verb")), Evidence.REQUEST) if found else None  # "you can check it please?"


@lru_cache(maxsize=4096)
def ask_evidence(text: str) -> Evidence | None:
    """The strongest evidence among the message's asks for work; None when it asks for none."""
    found = {evidence for _, evidence in read_message(text)}
    return next((evidence for evidence in _EVIDENCE_BY_STRENGTH if evidence in found), None)


def _pressed_imperative(sentence: str) -> bool:
    body = addressed(sentence)
    found = _BARE_IMPERATIVE.match(lower_case(body))
    return found is not None and not _quick_turn(found.group("verb"), body, found.end("verb"))


@lru_cache(maxsize=4096)
def message_act(text: str) -> Act:
    """The message's act: the strongest of its sentences' (an ask outranks a question, …)."""
    acts = set(message_acts(text))
    return next((act for act in _PRIORITY if act in acts), Act.STATEMENT)


def asks_to_meet(text: str) -> bool:
    """Does the message ask to meet or talk ("can we chat?", "can we hop on a call to …")?"""
    if word_set(text).isdisjoint(_MEETING_WORDS):
        return False
    return any(_MEETING_ASK.match(lower_case(addressed(sentence))) for sentence in sentences_of(text))


def asks_for_work(text: str) -> bool:
    """Does the message ask someone to do, review or decide something (not only for information)?"""
    return any(act in ASKS_FOR_WORK for act, _ in read_message(text))


@lru_cache(maxsize=4096)
def addressee(text: str) -> Addressee:
    """Whom the message addresses: named people, someone (anyone, the team), you, or nobody."""
    if "@person" in text:
        return Addressee.NAMED
    if _SOMEONE.search(text):
        return Addressee.SOMEONE
    if _YOU.search(text):
        return Addressee.YOU
    return Addressee.NOBODY
