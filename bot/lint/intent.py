"""What a message asks for: request detection, urgency, and the cues the rules share.

Plain rules over sentences, no model: they generalise from email to chat, run in microseconds and
explain themselves. Measured on the Enron intent data (see tests/unit/test_lint_corpora.py).
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import lru_cache

from bot.lint.gates import WORD_GAP, GateSet, for_lower_case, gate, lower_case, split_and_gate, word_set
from bot.lint.text import PreparedText, words_of

_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)|[.!?]+", re.MULTILINE)
_VOCATIVE = re.compile(
    r"^\s*(?:[A-Za-z][\w ]{0,18}:\s+)?(?:(?:hi|hey|hello|yo|dear|morning|good\s+(?:morning|afternoon|evening))\b[\s,]*)?"
    r"(?:(?:@person|@everyone)\b\s*[,:\-!]*\s*|(?:[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?|team|all|folks|guys|everyone|y'all)\s*[,:\-!]+\s*)*",
)

# A greeting _VOCATIVE takes even with no punctuation after it ("hi can you...").
_GREETING_START = re.compile(r"\s*(?:hi|hey|hello|yo|dear|morning|good)\b")

_ACTION_VERBS = (
    "send|call|review|check|look|take|give|forward|provide|schedule|set|join|add|remove|update|fix|share|ping"
    "|reply|respond|fill|complete|submit|prepare|read|sign|approve|confirm|make|ensure|get|do|try|find|bring"
    "|book|email|e-mail|contact|meet|come|stop|start|remember|pick|decide|choose|comment|merge|deploy|ship"
    "|rerun|re-run|restart|run|test|verify|double-check|go|move|create|write|draft|plan|follow|reach|loop|tell"
    "|ask|print|fax|return|call|keep|put|handle|arrange|coordinate|resend|re-send|advise|consider|attend"
    "|finish|finalize|finalise|clean|investigate|escalate|document|close|open|cancel|reschedule|post|upload"
    "|download|install|grab|hold|help|talk|discuss|let|show|explain|clarify|estimate|rebase|push"
    "|revert|rollback|roll|triage|assign|label|tag|release|announce|invite|notify|inform|pay|order|buy|list"
)
_IMPERATIVE_START = for_lower_case(
    re.compile(
        rf"^(?:please\s+|pls\s+|plz\s+|kindly\s+|also\s+|and\s+|then\s+|just\s+|so\s+)?(?:(?:don'?t|do\s+not)\s+)?"
        rf"(?:{_ACTION_VERBS})\b",
        re.I,
    )
)
# The first word of any sentence _IMPERATIVE_START matches ("e-mail" starts with "e"): a set look-up
# spares the long alternation for every other sentence.
_LEADING_WORD = re.compile(r"[^\W_]+")
_IMPERATIVE_OPENERS = frozenset(
    ["please", "pls", "plz", "kindly", "also", "and", "then", "just", "so", "don", "dont"]
    + [re.split(r"[^a-z0-9]", verb)[0] for verb in _ACTION_VERBS.split("|")]
)
_PLEASE_NOT_A_REQUEST = gate(
    re.compile(
        r"\b(?:please|pls)\s+(?:find|see)\s+(?:the\s+)?attach|\bplease\s+do\s+not\s+reply|\bplease\s+ignore"
        r"|\bplease\s+note\b|\bthank\s+you\s+(?:so\s+much\s+)?(?:for|please)|\bplease\s+(?:feel\s+free|don'?t\s+hesitate)"
        r"|\bif\s+you\s+(?:have|need)\s+any\s+(?:questions|help)",
        re.I,
    ),
    "please pls thank if",
)
# A bump on an earlier message ("ping on this", "pinging again on this"): an ask here, and work to
# schedule in the rules' reading.
BUMP_ON_IT = r"(?:ping|pinging|bump|bumping|nudge|nudging)\s+(?:again\s+)?on\s+(?:this|that|it)\b"
_ASK_PHRASES = re.compile(
    r"\b(?:can|could|would|will|wuld|cud|can't|couldn't|won't)\s+(?:you|u|ya|someone|somebody|anyone|anybody|y'all|one\s+of\s+you)\b"
    r"|\b(?:let|lmk)\s+(?:me|us)\s+know\b|\blmk\b|\bplease\s+advise\b|\bkeep\s+me\s+posted\b"
    r"|\b(?:i|we)"
    + WORD_GAP
    + r"(?:need|want|would\s+like|'d\s+like|d\s+like|would\s+love|'d\s+love)\s+(?:you|u|someone|somebody|your|ur|a\s+volunteer)\b"
    r"|\b(?:need|want|would\s+love|looking\s+for)\s+(?:your|ur|some|an?)\s+(?:input|help|feedback|review|approval|thoughts|eyes|sign-?off|opinion|take|decision|answer|ok|go-ahead)\b"
    r"|\bany\s+(?:thoughts|ideas|feedback|comments|suggestions|objections|concerns|updates?|news|progress|eta|volunteers|takers)\b"
    r"|\b(?:want|wanted|like|'d\s+like|would\s+like)\s+to\s+(?:check|confirm|run\s+(?:it|this)\s+by)\s+(?:with\s+)?(?:someone|somebody|anyone|you|u|y'all|the\s+team)\b"
    r"|\b(?:thoughts|opinions|objections|feedback|suggestions|ideas)\s*\?"
    r"|\b(?:i|we)"
    + WORD_GAP
    + r"(?:would|'d)\s+(?:really\s+|greatly\s+|much\s+|truly\s+)?appreciate\b|\bwould\s+(?:be|it\s+be)\s+(?:great|helpful|nice|possible|ok|okay)\s+(?:if|for|to)\b"
    r"|\bit\s+would\s+(?:be\s+)?(?:great|helpful|nice)\b|\bi\s+(?:wonder|was\s+wonder)\s+if\b|\bwondering\s+(?:if|whether)\b"
    r"|\b(?:you|u)"
    + WORD_GAP
    + r"(?:need|have|must|should|(?:will|'ll)\s+(?:still\s+|also\s+)?need)\s+to\b|\b(?:don't|do\s+not)\s+forget\b|\bremember\s+to\b"
    r"|\blet'?s\s+(?:meet|talk|discuss|get|grab|schedule|set\s+up|catch\s+up|sync|chat|plan|go|do|have|try|move|pick|decide|review|hop)\b"
    r"|\b(?:shall|should)\s+we\b|\bhow\s+about\b|\bwhat\s+about\b|\bwe\s+should\s+(?:meet|talk|discuss|get\s+together|go|sync|decide)\b"
    r"|\b(?:are|r)\s+(?:you|u)\s+(?:free|available|around|able|ok|okay|good|fine)\s+(?:to|for|with|on|at|if|tomorrow|today|this|next)\b"
    r"|\b(?:does|would|will)\s+[^\s]+(?:\s+[^\s]+)?\s+work\s+for\s+(?:you|everyone|y'all|all)\b"
    r"|\bwho\s+(?:can|could|will|wants|is\s+able|has\s+time)\b|\bi\s+need\s+(?:this|that|it|the|a|an|to\s+(?:get|have|know|see))\b"
    r"|\bwe\s+need\s+(?:to|a|an|the|your|someone|somebody)\b|\b(?:need|needs)\s+(?:your|ur)\b"
    r"|\b(?:ok|okay)\s+(?:to|if)\s+(?:merge|ship|deploy|proceed|go|send|move|close|switch)\b|\bgo\s+ahead\s+and\b"
    r"|\b(?:is|are)\s+(?:anyone|anybody|someone|somebody)\s+(?:able|available|free|around|working|looking)\b"
    r"|\bcan\s+(?:i|we)\s+(?:get|have|ask|switch|move|merge|ship|deploy|use|change|drop|skip|go)\b|\bplease\b"
    r"|\b(?:pls|plz|ptal)\b"  # anywhere, as "please" is: "<link> pls review by EOD"
    r"|^\s*(?:@person\W+)*need\s+(?:this|that|it|these|the|a|an|your|you|u|someone|somebody)\b|\bwdyt\b"
    r"|^\s*(?:@person\W+)*" + BUMP_ON_IT + r"|\bneed\s+(?:some\s+|a\s+few\s+)?eyes\s+on\b"
    # indirect asks: "curious what you all think", "see what people think", "wondering if anyone knows"
    r"|\b(?:curious|keen)\s+(?:to\s+(?:hear|know|see)\s+)?(?:what|how|whether|if)\s+(?:you|u|y'all|people|folks|everyone|others|the\s+team)\b"
    r"|\bsee\s+what\s+(?:you|u|y'all|people|folks|everyone|others)\s+think\b"
    r"|^\s*(?:@person\W+)*(?:would|'d)\s+(?:really\s+|greatly\s+)?appreciate\b|\binterested\s+in\s+(?:your|ur)\s+(?:take|thoughts|input|opinion|view|feedback)\b"
    # lazy consensus asks for objections: "I'll set it up this sprint if nobody objects"
    r"|\b(?:if|unless)\s+(?:nobody|no\s+one|anyone|someone|somebody)\s+(?:objects|disagrees|minds|shouts|screams)\b"
    r"|\b(?:everyone|everybody|all\s+of\s+you|y'all)\s+must\b|\bready\s+for\s+(?:your\s+)?(?:review|feedback|sign-?off|approval|a\s+look)\b"
    # asks said in passing: "(but) need to know if…", "… would be much appreciated.", "shoot me a note",
    # "just a reminder to send…"
    r"|\bneed\s+to\s+know\s+(?:if|whether|what|when|where|how|who|why|which)\b"
    r"|\bwould\s+be\s+(?:very\s+|much\s+|really\s+|greatly\s+|most\s+)?(?:helpful|appreciated|great)\s*[.!]*$"
    r"|\b(?:shoot|drop|send)\s+(?:me|us)\s+an?\s+(?:line|note|message|msg|email|e-mail|text|dm)\b"
    r"|\bgive\s+(?:me|us)\s+a\s+(?:call|ring|shout|holler|buzz)\b"
    rf"|\breminder\s+to\s+(?:please\s+)?(?:{_ACTION_VERBS})\b"
    r"|\b(?:check|checking)\s+in\s+to\s+see\b|\bwhy\s+don'?t\s+(?:you|u|we)\b"
    # a yes/no question without its question mark, as chat often leaves it: "should I merge this"
    # ("should you have any questions" is a condition, not a question)
    r"|^\s*(?:@person\W+)*(?:should|shall)\s+(?:i|we)\b"
    r"|^\s*(?:@person\W+)*(?:did|do|does|have|has)\s+(?:i|we|you|u|anyone|someone|somebody|anybody)\b"
    r"|^\s*(?:@person\W+)*(?:what|where|who|which|how)\s+(?:time\s+|day\s+)?(?:is|are|was|were|do|does|did|can|could|should|will|would)\b",
    re.I,
)
_SUGGESTION = re.compile(
    r"\b(?:i|we)"
    + WORD_GAP
    + r"(?:would|'d|d)\s+(?:really\s+|also\s+|very\s+much\s+)?(?:like|love|prefer)\s+(?:to|you|your|a|an|the|some)\b(?!\s+(?:thank|welcome|introduce|congratulate|share|announce|let\s+you\s+know|inform|take\s+this\s+opportunity))"
    r"|\bi\s+hope\s+(?:you|we)\s+(?:can|will|could)\b|\bmaybe\s+(?:we|you|u)\s+(?:can|could|should)\b|\bperhaps\s+(?:we|you)\s+(?:can|could|should)\b"
    r"|\b(?:we|you)\s+(?:can|could)\s+(?:talk|discuss|meet|have|get\s+together|go|grab|set\s+up|catch\s+up|sync|chat|review|look|do|try|plan|schedule)\b"
    r"|\b(?:i|we)"
    + WORD_GAP
    + r"(?:suggest|recommend|propose|also\s+(?:suggest|recommend|propose)|would\s+(?:also\s+)?(?:suggest|recommend|propose)|'d\s+(?:also\s+)?(?:suggest|recommend|propose))\b|\bfeel\s+free\s+to\s+(?:go\s+ahead|send|forward|call|contact|edit|change|add|remove|make)\b"
    r"|\b(?:look|looking)\s+forward\s+to\s+(?:hearing|seeing|meeting|talking|speaking|your)\b|\bany\s+\w+\s+you\s+(?:can|could)\s+(?:provide|give|send|share|offer)\b"
    r"|\byou\s+(?:may|might|ought\s+to|could)\s+(?:also\s+)?(?:want\s+to\s+)?(?:remove|add|call|send|check|consider|look|try|contact|follow|invite|ask|have|put|use|file)\b"
    r"|\bi\s+wanted\s+to\s+(?:see|check|ask|know|find\s+out)\s+(?:if|whether|when|what)\b"
    r"|\b(?:just|also|only)\s+wanted\s+to\s+(?:see|check|ask|know|find\s+out)\s+(?:if|whether|when|what)\b"
    r"|^\s*hope\s+(?:you|we)\s+(?:can|will|could)\b|\bcurious\s+(?:where|what|how|whether|if|when|who|why)\b"
    r"|^\s*(?:@person\W+)*would\s+(?:really\s+)?love\s+(?:to|you|your|for|it\s+if)\b"
    r"|\b(?:i'?m|i\s+am)\s+curious\b|\bi\s+want\s+(?:it|this|that|you|them)\b|\bmy\s+(?:suggestion|recommendation|proposal)\s+(?:is|would)\b|\bwe\s+should\b|\bwe"
    + WORD_GAP
    + r"(?:will|'ll)\s+(?:need\s+(?:to|the|a|an|your|you|some)|have\s+to)\b"
    r"|\b(?:you're|you\s+are)\s+(?:welcome|invited)\s+to\b|\bif\s+you"
    + WORD_GAP
    + r"(?:want|would\s+like|'d\s+like|wish|can|could|get\s+a\s+chance)\s+to\b|\bfeel\s+free\s+to\s+(?:join|come|stop|call|drop|ping|reach)"
    r"|\bwould\s+be\s+(?:useful|good|great|helpful|nice|best)\s+to\b|\bget\s+together\b|\bcatch\s+up\b|\bgrab\s+(?:lunch|coffee|a\s+beer|a\s+drink|dinner)\b"
    r"|\b(?:lunch|dinner|drinks|a\s+beer|coffee|a\s+call|a\s+meeting|the\s+meeting|a\s+conference\s+call|a\s+discussion)\s+(?:on|at|tomorrow|tonight|tonite|next|this|after|before|some\s*time)\b"
    r"|\b(?:works|work)\s+for\s+me\b|\bi'?m\s+(?:free|available|around)\s+(?:on|at|tomorrow|today|this|next|after|before|anytime)\b|\b(?:please\s+join|please\s+attend|join|attend)\s+(?:us|me|the)\b"
    r"|\b(?:i|we)\s+(?:need|have)\s+to\s+(?:reschedule|meet|talk|discuss|get\s+together|sit\s+down|go\s+over)\b|\bwe\s+need\s+to\s+\w+",
    re.I,
)
_PROMOTIONAL = re.compile(
    r"\bunsubscrib|\bsubscri(?:be|ption)\b|\b(?:e-?mail|notification|communication|your)\s+preferences\b|\bpreferences\s+(?:below|center|centre)\b|\bnewsletter\b|\bmailing\s+list\b|\bopt[\s-]?out\b|\bno\s+longer\s+(?:wish\s+to\s+|like\s+to\s+)?receive"
    r"|\bclick\s+(?:here|the\s+link|on\s+the|below|now)\b|\bvisit\s+(?:our|us|www|the\s+following|your\s+\w+\s+profile)\b|\bwww\.|\$LINK|\bfollowing\s+link\b|\blink\s+below\b"
    r"|\bfor\s+more\s+information\b|\bour\s+(?:website|web\s+site|site|store|customers|products?|services?|app|offers?|newsletter|team\s+of)\b|\bspecial\s+(?:offer|introduction)"
    r"|\bfree\s+(?:trial|shipping|gift)\b|\bsign\s+up\s+(?:for\s+(?:free|your|their|a\s+free|our)\b|again\b|now\b|today\b|right\s+now\b|here\b|at\b)|\bregister\s+(?:now|today|here|by)\b|\bto\s+your\s+address\s+book\b|\bactivat|\bfor\s+your\s+records\b|\bsupport@|\bcustomer\s+(?:service|support)\b"
    r"|\bcoupon|\b\d+%\s+off\b|\bsave\s+(?:\$|up\s+to|this\s+email)|\border\s+now\b|\bjoin\s+now\b|\bbuy\s+now\b|\bshop\s+now\b|\bdon'?t\s+miss\b|\blimited\s+time\b|\bapp\s+store\b"
    r"|\bdownload\s+(?:the|our)\s+(?:free\s+)?app\b|\bupdate\s+your\s+(?:apps?|preferences|profile|browser)\b|\bemail\s+address\b|\bprivacy\b|\blegit\s+opportunity\b|\bopportunity\s+to\s+(?:earn|win)\b",
    re.I,
)
_QUESTION_START = for_lower_case(
    re.compile(
        r"^(?:so\s+|and\s+|but\s+|also\s+|ok\s+|okay\s+|quick\s+question[:,]?\s+|q[:,]\s+)?"
        r"(?:what|when|where|who|whom|which|why|how|is|are|was|were|do|does|did|have|has|had|should|shall|can|could|would|will"
        r"|may|might|any|anyone|anybody|isn't|aren't|doesn't|don't|didn't|won't|wouldn't|shouldn't|can't|wanna|want\s+to)\b",
        re.I,
    )
)
_CASUAL_QUESTION = re.compile(
    r"\bhow\s+(?:are|r)\s+(?:you|u|things|ya)\b|\bhow'?s\s+(?:it\s+going|everything|life|things|your)\b|\bhow\s+was\s+(?:your|the)\s+"
    r"(?:weekend|trip|vacation|holiday|break|day|flight|game)|\bhow\s+have\s+you\s+been\b|\bwhat'?s\s+up\b|\bsup\b|\bright\s*\?\s*$"
    r"|\bisn'?t\s+it\s*\?|\bhuh\s*\?|\blol\b|\bhaha|\bwho\s+knew\b|\bwhy\s+not\s*\?\s*$|\bhope\s+(?:you|all|things|everything)\b"
    r"|\bwhat\s+(?:a|an)\s+|\bguess\s+what\b|\bknow\s+what\s*\?|\bam\s+i\s+right\b|\byou\s+know\s*\?",
    re.I,
)
_NOT_A_REQUEST = for_lower_case(
    re.compile(
        r"^\s*(?:thanks|thank\s+you|thx|ty|cheers|congrats|congratulations|welcome|great|nice|awesome|cool|sounds\s+good|lgtm|done|fixed|merged|shipped)\b",
        re.I,
    )
)
_FYI = re.compile(
    r"\bfyi\b|\bf\.y\.i\b|\bfor\s+your\s+information\b|\bno\s+(?:need\s+to|action|response|reply)\b|\bno\s+(?:action|response|reply)\s+(?:needed|required|necessary)\b"
    r"|\bjust\s+(?:letting\s+(?:you|everyone|y'all|folks)\s+know|a\s+heads[\s-]up|an?\s+fyi|so\s+you\s+know|sharing|an\s+update)\b|\bheads[\s-]up\b"
    r"|\bnothing\s+(?:needed|to\s+do|required)\s+(?:from|on|by)\s+(?:your|you|anyone|anybody|the\s+team)\b"
    r"|\bjust\s+keeping\s+(?:you|everyone|y'all|folks|the\s+team)\s+(?:posted|in\s+the\s+loop|updated)\b|\bfor\s+(?:the\s+record|record)\b|\bpsa\b|\bnot\s+(?:asking|requesting)\b"
    r"|\bfor\s+(?:your\s+)?(?:visibility|awareness)\b|\bjsyk\b"
    # a status report that says so: "Status: migration done, billing export next. No blockers."
    r"|\bno\s+(?:blocker|blockers)\b|\bnothing\s+blocking\b|^\s*(?:status|status\s+update|progress\s+update|daily\s+update|eod\s+update)\b\s*[:\u2013-]",
    re.I,
)
_NO_RUSH = re.compile(
    r"\bno\s+(?:rush|hurry|pressure|deadline|urgency)\b|\bnot\s+(?:urgent|a\s+priority|time[\s-]sensitive|in\s+a\s+hurry)\b|\bwhenever\b"
    r"|\bat\s+your\s+(?:convenience|leisure|earliest)\b|\bwhen\s+you\s+(?:get|have|find)\s+(?:(?:a|the|some)\s+)?(?:chance|minute|moment|sec|second|time)\b"
    r"|\bwhen\s+you(?:'re|\s+are)\s+(?:free|back|done|able|around|online)\b|\bwhen\s+(?:you|u)\s+free\s*(?:[.!?,)]|$)|\bwhen\s+(?:you|u)\s+can\s*(?:[.!?,)]|$)|\blow\s+(?:priority|pri)\b|\bat\s+some\s+point\b|\bin\s+your\s+own\s+time\b"
    r"|\bsometime\s+(?:this|next)\s+(?:week|month|sprint|quarter)\b|\bbefore\s+(?:the\s+)?(?:next|our)\s+(?:standup|meeting|sync|sprint|retro|planning|1:1)\b",
    re.I,
)
_CONTEXT = re.compile(
    r"\bbecause\b|\bcause\b(?<!root\scause)(?<!the\scause)|\bsince\s+(?:we|i|the|it|they|this|our|you)\b|\bso\s+(?:that|we|i|they|it|the|our|you)\b|\bin\s+order\s+to\b|\bas\s+(?:we|i|the|our|it)\b"
    r"|\bto\s+(?:unblock|avoid|make\s+sure|help|prepare|support|decide|meet|finish|ship|hit|get\s+ready|land|close\s+out)\b|\b(?:it|this|that)\s+(?:blocks|unblocks|affects|impacts|is\s+for|is\s+needed)\b"
    r"|\bblock(?:s|ing|ed)\b|\bunblocks?\b|\bfor\s+(?:the\s+)?(?:launch|release|demo|client|customer|meeting|review|migration|q[1-4]|quarter|board|audit|offsite|presentation|sprint|deadline|deck|report|rollout|kickoff)\b"
    r"|\b(?:context|background|why|reason|goal|problem|motivation|impact)\s*:|\bthe\s+(?:reason|goal|idea|plan|problem|issue)\s+(?:is|being|was)\b|\bneeded\s+for\b|\bwe\s+need\s+(?:it|this|that)\s+(?:for|to|before)\b"
    r"|\bahead\s+of\b|\bdue\s+to\b|\botherwise\b|\bwhich\s+means\b|\bso\s+far\b|\bcurrently\b|\bright\s+now\s+(?:we|it|the)\b"
    r"|\b(?:i|we)(?:'m|\s+am|'re|\s+are)\s+(?:trying|working|planning|seeing|getting|hitting|stuck|blocked|preparing|putting)\b"
    r"|\b(?:i|we)\s+(?:noticed|found|saw|think|believe|want\s+to|plan\s+to|have\s+been|tried)\b|\bfailing\b|\bfails\b|\berror\b|\bbroke(?:n)?\b"
    r"|\bafter\s+(?:the|we|i|our)\b|\bbefore\s+(?:the|we|i|our)\b|\bper\s+(?:the|our|your)\b|\bfollowing\s+up\s+on\b|\bre:|\bregarding\b|\babout\s+the\b",
    re.I,
)
# Urgency said outright, wherever it appears...
_URGENCY_WORDS = gate(
    re.compile(
        r"\burgent(?:ly)?\b|\basap\b|\ba\.s\.a\.p\b|\bemergency\b|\btop\s+priority\b|\bhigh(?:est)?\s+priority\b|\bdrop\s+everything\b"
        r"|:rotating_light:|:sos:|\U0001f6a8|\btime[\s-]sensitive\b|\bneed\s+(?:this|it|that|them|you|an?\s+\w+)\s+(?:right\s+)?now\b",
        re.I,
    ),
    "urgent urgently asap p emergency priority everything rotating sos sensitive now",
    "\U0001f6a8",
)
# ...and words that only press when the message asks for something ("it immediately crashes" does not).
_URGENCY_WHEN_ASKING = gate(
    re.compile(
        r"\bimmediately\b|\bright\s+away\b|!{3,}|\bas\s+soon\s+as\s+(?:possible|you\s+can)\b|\bcritical\b|\bstat\b",
        re.I,
    ),
    "immediately right soon critical stat",
    "!!!",
)
_URGENCY_GATES = GateSet([_URGENCY_WORDS, _URGENCY_WHEN_ASKING])
_IMPACT = gate(
    re.compile(
        r"\b(?:prod|production|live\s+site|site|app|api|checkout|login|payments?|database|db|server|service|build|pipeline|deploys?|ci)\s+(?:is|are|went|has\s+gone|seems)?\s*(?:down|broken|failing|dead|unavailable|erroring|red|on\s+fire)\b"
        r"|\boutage\b|\bincident\b|\bsev\s?[0-3]\b|\bp[0-1]\b|\bdata\s+loss\b|\bsecurity\b|\bbreach\b|\bvulnerab|\bcustomers?\b|\bclients?\b|\busers?\s+(?:can'?t|cannot|are|see|get|report)"
        r"|\bfail(?:s|ed|ing|ures?)\b|\bdown\b|\bbroken\b|\b5\d\d\b|\bdisk\b|\bmemory\b|\bcpu\b"
        r"|\brevenue\b|\blosing\s+(?:money|data|customers|users)\b|\bcan'?t\s+(?:log|sign|check|pay|access|deploy|ship|release|merge)\b|\bcannot\b|\bunable\s+to\b"
        r"|\bblock(?:s|ing|ed)\b|\bdeadline\b|\blaunch\b|\brelease\b|\bdemo\b|\bboard\b|\baudit\b|\blegal\b|\bcompliance\b|\bsla\b|\bescalat|\b5\d\d\s+errors?\b|\berrors?\b|\bcrash"
        # what waiting costs: "or we lose the vendor slot", "otherwise we miss the window"
        r"|\bor\s+(?:else\s+)?(?:we|they|it)\s+(?:lose|miss|will\s+(?:lose|miss))\b|\botherwise\s+we\b|\bwe(?:'ll|\s+will)\s+(?:lose|miss)\b"
        # breakage away from a screen: a ward, a school, a kitchen, an office
        r"|\balarms?\s+(?:is\s+|are\s+|keeps\s+|keep\s+)?(?:going\s+off|sounding|ringing|beeping)\b|\bleak(?:s|ing|ed)?\b|\bflood(?:s|ed|ing)?\b"
        r"|\bfire\b(?!\s+(?:drill|warden|safety|door|exit|extinguisher))|\bsmoke\b|\bpower\s+(?:cut|outage|failure)\b"
        r"|\bno\s+(?:hot\s+|running\s+)?(?:power|water|heating|electricity|gas|internet|wifi|wi-fi)\b|\bpatients?\b"
        r"|\b(?:stolen|hacked|compromised|phishing)\b"
        r"|\b(?:isn'?t|aren'?t|not|nobody(?:'s|\s+is)|no\s+one(?:'s|\s+is))\s+(?:answering|responding|picking\s+up)\b",
        re.I,
    ),
    "alarm alarms leak leaks leaking leaked flood floods flooded flooding fire smoke power water heating electricity gas"
    " internet wifi wi"
    " patient patients answering responding picking stolen hacked compromised phishing "
    "lose miss otherwise fail fails failed failing failure failures down broken disk memory cpu 500 502 503 504 prod production live site app api checkout login payment payments database db server service build pipeline deploy deploys ci outage incident sev sev0 sev1 sev2 sev3 p0 p1 data security breach vulnerability vulnerable vulnerabilities customer customers client clients users revenue losing cant cannot unable log sign check pay access ship merge block blocks blocking blocked deadline launch release demo board audit legal compliance sla escalate escalated escalation escalating error errors crash crashed crashes crashing",
)
_COMPLEX = split_and_gate(
    re.compile(
        r"\b(?:review|feedback|comment|comments|thoughts|input|opinion|opinions|weigh\s+in|sign\s+off|sign\b-off|signoff|approve"
        r"|approves|approved|approval|approving|look|read|decide|decision|vote|choose|objections)\b"
        r"[^.!\n]{0,60}\b(?:proposal|design|rfc|spec|specification|architecture|adr|decision|strategy|plan|roadmap|doc|document|draft|contract|budget|approach|options|trade-?offs?|migration\s+plan|prd|one-?pager|memo|policy|screens|mockups?|wireframes?|forecast|estimates?|quote)\b"
        # "the RFC is ready for review" asks for one; "book a room for the design review" names a meeting
        r"|\b(?:proposal|design|rfc|spec|architecture|adr|strategy|roadmap|one\b-pager|onepager|prd|budget|forecast|contract)\b(?!\s+review\b)[^.?!\n]{1,60}?\b(?:review|feedback|comments?|thoughts|input|approv\w*|sign[\s-]?off|decide|decision|objections)\b"
        r"|\bwe\s+need\s+(?:to\s+)?(?:a\s+)?decid|\bneed\s+a\s+decision\b|\bdecision\s+(?:needed|required|wanted)\b|\b(?:get|make|need)\s+a\s+decision\s+on\b|\bwhich\s+option\b"
        # a choice between named options: "please decide between Stripe and Adyen"
        r"|\b(?:decide|choose|pick)\s+between\b"
        # a change for the team to decide: "should we switch to pnpm?", "can we drop IE11?", "thoughts on moving retro?"
        r"|\b(?:should|can|could|shall)\s+we\s+(?:go\s+with|adopt|switch|migrate|move|choose|pick|use|drop|replace|deprecate|retire|stop|start\s+using)\b"
        r"|\blet'?s\s+(?:drop|switch|migrate|adopt|deprecate|retire|replace)\b[^.!\n]*\?"
        r"|\b(?:thoughts|opinions|objections)\s+on\s+(?:moving|switching|changing|dropping|adopting|replacing|deprecating|retiring|migrating)\b",
        re.I,
    )
)


_FUTURE_TIME = re.compile(
    r"\b(?:tomorrow|tmrw|tonight|tonite|next\s+(?:week|month|time|\w+day)|this\s+(?:week|afternoon|evening|weekend|morning|\w+day)"
    r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day|(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?\s+\d|first\s+thing"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?\b|the\s+\d{1,2}(?:st|nd|rd|th)"
    r"|at\s+\d{1,2}(?::\d\d)?|\d{1,2}(?::\d\d)?\s*[ap]\.?m\b|later\s+(?:today|this\s+week)|in\s+(?:a\s+few|two|\d+)\s+(?:days|weeks))",
    re.I,
)
_EVENT = re.compile(
    r"\b(?:will|'ll|shall|going\s+to|gonna|plan(?:ning)?\s+to|scheduled|taking\s+place|starts?|begins?|is\s+on|are\s+on|set\s+for|works|is\s+good|are\s+ok"
    r"|meet(?:ing)?|call|dinner|lunch|breakfast|game|party|conference|appointment|reservations?|interview|presentation|session|review|training|deadline|due)\b",
    re.I,
)
_PAST = re.compile(
    r"\b(?:was|were|had|did|went|met|yesterday|ago|last\s+(?:week|night|month|\w+day))\b", re.I
)


# The patterns split into alternatives gated one by one (gates.AnyOf): the hot path of every lint.
_ASK_PHRASE_SEARCH = split_and_gate(_ASK_PHRASES)
_SUGGESTION_SEARCH = split_and_gate(_SUGGESTION)
_PROMOTIONAL_SEARCH = split_and_gate(_PROMOTIONAL)
_FYI_SEARCH = split_and_gate(_FYI)
_CASUAL_QUESTION_SEARCH = split_and_gate(_CASUAL_QUESTION)
_NO_RUSH_SEARCH = split_and_gate(_NO_RUSH)
_FUTURE_TIME_SEARCH = split_and_gate(_FUTURE_TIME)
_EVENT_SEARCH = split_and_gate(_EVENT)
_PAST_SEARCH = split_and_gate(_PAST)
_CONTEXT_SEARCH = split_and_gate(_CONTEXT)


class Urgency(StrEnum):
    URGENT = "urgent"
    NORMAL = "normal"
    COMPLEX = "complex"


@lru_cache(maxsize=1024)
def sentences(text: str) -> tuple[str, ...]:
    return split_sentences(text, _SENTENCE)


def split_sentences(text: str, splitter: re.Pattern[str]) -> tuple[str, ...]:
    """The sentences `splitter` finds in a text, stripped, leaving out those of only marks. A text
    with no sentence end (".", "!", "?", a line break), as most chat messages, is one sentence and
    is not split."""
    if "." not in text and "!" not in text and "?" not in text and "\n" not in text:
        return (text.strip(),) if text.strip(" .!?") else ()
    return tuple(part.strip() for part in splitter.findall(text) if part.strip(" .!?"))


def addressed(sentence: str) -> str:
    """A sentence without its greeting, names or label ("Hi Ana, can you…" -> "can you…").

    What is cut off always ends between two words, so the words of the rest are words of the sentence.
    """
    if (
        "," in sentence
        or ":" in sentence
        or "!" in sentence
        or "-" in sentence
        or "@" in sentence
        or _GREETING_START.match(sentence)
    ):
        return _cut_vocative(sentence)
    return sentence.lstrip()  # all _VOCATIVE could take without those is the leading white space


@lru_cache(maxsize=4096)
def _cut_vocative(sentence: str) -> str:
    """(the rules, acts and the scorer each ask `addressed` of the same sentence)"""
    return _VOCATIVE.sub("", sentence, count=1)


# How strongly a sentence asks (`ask_kind`): not at all, by suggesting, outright.
NO_ASK = 0
SUGGESTION_ONLY = 1
EXPLICIT_ASK = 2


def starts_imperative(sentence: str) -> bool:
    """ "Send me the deck", "please review": the sentence opens with an action verb."""
    first = _LEADING_WORD.match(sentence)
    return (
        first is not None
        and lower_case(first.group(0)) in _IMPERATIVE_OPENERS
        and _IMPERATIVE_START.match(lower_case(sentence)) is not None
    )


@lru_cache(maxsize=4096)
def ask_kind(sentence: str, words: frozenset[str] | None = None) -> int:
    """NO_ASK, SUGGESTION_ONLY (a proposal) or EXPLICIT_ASK, for one sentence.

    `words`, when given, are the words of the whole message the sentence is from: the gates read
    them instead of splitting every sentence into words again.
    """
    acknowledged = _NOT_A_REQUEST.match(lower_case(sentence))
    if acknowledged and "?" not in sentence:
        # "thanks, please send it by Friday", "great - can you merge it": what follows the thanks
        then = _AFTER_ACKNOWLEDGEMENT.match(sentence, acknowledged.end())
        return ask_kind(sentence[then.end() :], words) if then else NO_ASK
    body = addressed(sentence)  # ends between words: `words` still cover it
    if (
        _ASK_PHRASE_SEARCH.search(body, words)
        or starts_imperative(body)
        or (sentence.rstrip().endswith("?") and not _CASUAL_QUESTION_SEARCH.search(sentence, words))
    ):
        kind = EXPLICIT_ASK
    elif _SUGGESTION_SEARCH.search(body, words):
        kind = SUGGESTION_ONLY
    else:
        return NO_ASK
    # Vetoes, checked only for sentences that look like asks: boilerplate and advertising.
    if _PLEASE_NOT_A_REQUEST.search(sentence) and not _ASK_PHRASE_SEARCH.search(
        _PLEASE_NOT_A_REQUEST.pattern.sub(" ", sentence)
    ):
        return NO_ASK
    if _PROMOTIONAL_SEARCH.search(sentence, words) and not _PERSONAL_ASK.search(sentence):
        return NO_ASK
    return kind


_AFTER_ACKNOWLEDGEMENT = re.compile(r"[ \t]*(?:[,;:!.]+|\s-+|\s*[\u2013\u2014]|-{2,})\s*(?=\w)")


def asks(text: str, *, suggestions: bool = True) -> bool:
    """Does the message itself ask the reader to do, decide or answer something? (FYI messages do not.)"""
    strongest = strongest_ask(text)
    return strongest == EXPLICIT_ASK or (suggestions and strongest == SUGGESTION_ONLY)


@lru_cache(maxsize=1024)
def strongest_ask(text: str) -> int:
    """The strongest `ask_kind` of the message's sentences; NO_ASK for a message marked FYI."""
    if is_fyi(text) and not _strong_ask(text):
        return NO_ASK
    words = word_set(text)
    strongest = NO_ASK
    for sentence in sentences(text):
        strongest = max(strongest, ask_kind(sentence, words))
        if strongest == EXPLICIT_ASK:
            break
    return strongest


def announces_future_event(text: str) -> bool:
    """ "We meet Thursday at 3", "dinner is on Saturday": a future event stated, not asked (a time
    to come and an event named, nothing in the past). The event words first: they are fewer to look
    for than the many spellings of a time to come."""
    return bool(
        _EVENT_SEARCH.search(text) and _FUTURE_TIME_SEARCH.search(text) and not _PAST_SEARCH.search(text)
    )


_PERSONAL_ASK = re.compile(
    r"\b(?:can|could|would|will)\s+you\b|\blet\s+me\s+know\b|\b(?:send|call|give)\s+me\b", re.I
)


def _strong_ask(text: str) -> bool:
    return "?" in text or bool(re.search(r"\b(?:can|could|would)\s+you\b|\bplease\b", text, re.I))


def opens_as_question(body: str) -> bool:
    """ "What is…", "can we…", "any news…": the sentence (without its greeting) opens as a question."""
    return _QUESTION_START.match(lower_case(body)) is not None


_ACKNOWLEDGEMENT_ONLY = for_lower_case(
    re.compile(
        r"^\s*(?:@person\W*)*(?:(?:ok(?:ay)?|sure(?:\s+thing)?|yes|yep|yup|cool|great|perfect|thanks|thank\s+you|thx|ty|np"
        r"|no\s+problem|will\s+do|on\s+it|got\s+it|noted|ack|sounds\s+good|lgtm|done|\+1)[\s,.!]*)+$",
        re.I,
    )
)


def is_acknowledgement(text: str) -> bool:
    """ "ok will do", "on it", "got it, thanks", "+1": a reply made only of acknowledgements."""
    return len(text) < 60 and _ACKNOWLEDGEMENT_ONLY.match(lower_case(text)) is not None


def sounds_promotional(text: str) -> bool:
    return bool(_PROMOTIONAL_SEARCH.search(text))


def is_casual_question(text: str) -> bool:
    return bool(_CASUAL_QUESTION_SEARCH.search(text))


# "Give me a heads-up when…" asks for one: it does not mark the message FYI the way "heads-up:" does.
_HEADS_UP_ASKED_FOR = re.compile(
    r"\b(?:give|send|drop|shoot|ping)\s+(?:me|us|them|him|her|everyone|the\s+team)\s+an?\s+heads[\s-]up\b",
    re.I,
)


@lru_cache(maxsize=1024)
def is_fyi(text: str) -> bool:
    """The author marked the message as needing no response ("FYI", "heads-up:", "no action needed")."""
    if "heads" in word_set(text):
        text = _HEADS_UP_ASKED_FOR.sub(" ", text)
    return bool(_FYI_SEARCH.search(text))


def states_no_rush(text: str) -> bool:
    return bool(_NO_RUSH_SEARCH.search(text))


def gives_context(text: str) -> bool:
    return bool(_CONTEXT_SEARCH.search(text))


def urgency_words(text: str, *, asking: bool) -> tuple[re.Match[str], ...]:
    """Urgency markers in a text; the weaker ones only when the message asks for something, and
    "immediately", "right away" or "as soon as you can" only in a sentence that asks ("can you fix
    it? the app exits immediately" is not pressed)."""
    strong, weak = _urgency_markers(text)
    if not asking or not weak:
        return strong
    pressing = tuple(match for match in weak if _presses(text, match))
    return tuple(sorted(strong + pressing, key=lambda match: match.start())) if pressing else strong


_SAYS_WHEN = re.compile(r"immediately|right\s+away|as\s+soon\s+as|stat", re.I)


def _presses(text: str, marker: re.Match[str]) -> bool:
    """Whether a weak marker presses the ask: "!!!" and "critical" anywhere, the words for "at once"
    only in an asking sentence (or a sentence of their own, "Immediately.")."""
    if not _SAYS_WHEN.match(marker.group(0)):
        return True
    sentence = next(
        (found.group(0) for found in _SENTENCE.finditer(text) if found.end() > marker.start()), text
    ).strip()  # the sentence it is in, split as `sentences` splits them
    return len(sentence.split()) <= 2 or ask_kind(sentence) != NO_ASK


@lru_cache(maxsize=1024)
def _urgency_markers(text: str) -> tuple[tuple[re.Match[str], ...], tuple[re.Match[str], ...]]:
    opened = _URGENCY_GATES.open_for(text)
    if not opened:
        return (), ()
    return (
        tuple(_URGENCY_WORDS.pattern.finditer(text)) if _URGENCY_WORDS in opened else (),
        tuple(_URGENCY_WHEN_ASKING.pattern.finditer(text)) if _URGENCY_WHEN_ASKING in opened else (),
    )


@lru_cache(maxsize=1024)
def states_impact(text: str) -> bool:
    return bool(_IMPACT.search(text))


# A message headed by the proposal it asks about: "*Incident process proposal*\n• …\nComments by Friday?"
_PROPOSAL_HEADING = re.compile(r"\b(?:proposal|rfc|adr|design\s+doc)\b", re.I)


def asks_for_complex_review(text: str) -> bool:
    if "\n" in text:
        heading = text.lstrip().split("\n", 1)[0]
        if len(heading) <= 80 and _PROPOSAL_HEADING.search(heading):
            return True
    return bool(_COMPLEX.search(text))


_GREETING_CORE = {
    "hi", "hey", "hello", "yo", "hiya", "howdy", "heya", "hallo", "hola", "greetings", "sup", "ping", "pinging",
    "bonjour", "salut", "ciao", "namaste", "servus", "moin",
    "morning", "gm", "afternoon", "evening", "hii", "heyy", "helloo", "ello", "o/",
}  # fmt: skip
_GREETING_FILLER = {
    "there", "you", "u", "ya", "around", "got", "have", "a", "an", "minute", "min", "mins", "sec", "secs", "second",
    "moment", "quick", "question", "q", "free", "available", "busy", "are", "r", "here", "online", "still", "anyone",
    "anybody", "everyone", "folks", "team", "guys", "all", "y'all", "yall", "good", "do", "can", "i", "ask", "something",
    "real", "few", "time", "to", "chat", "talk", "is", "again", "just", "so", "um", "hmm", "uh", "bother", "for", "ok", "okay", "please", "pls", "when", "whenever", "get", "chance", "need", "your", "help", "me",
    "with", "some", "thing", "the", "how", "it", "going", "doing", "today", "happy", "monday", "tuesday", "wednesday",
    "thursday", "friday", "weekend", "dear", "one", "two", "five", "ten", "2", "5", "10", "15", "minutes", "seconds",
    "man", "dude", "mate", "mates", "friend", "friends", "people", "peeps", "everybody", "gang", "sir", "bro",
    "from", "awake", "someone", "somebody", "hope", "hoping", "well", "had", "nice", "great", "fine", "of", "day",
    "week", "à", "tous", "todos", "alle", "tutti", "sorry", "disturb", "disturbing", "bothering", "excuse",
    "interrupt", "interrupting", "now", "may", "amigos", "amigas", "chicos", "you're", "youre", "was", "ma", "po",
    "new", "together", "zusammen",
}  # fmt: skip
# Every lower-cased letter-and-digit run a bare greeting can contain (placeholders included).
_GREETING_TOKENS = frozenset(
    token
    for word in (*_GREETING_CORE, *_GREETING_FILLER, "@person", "@everyone")
    for token in re.findall(r"[a-z0-9]+", word)
)
_ATTENTION = re.compile(
    r"\b(?:you|u|ya)\s+(?:around|there|free|available|busy|online|here)\b|\b(?:got|have)\s+a\s+(?:sec|second|minute|min|moment)\b"
    r"|\b(?:got|have)\s+(?:a\s+)?(?:few|\d+|two|five|ten)\s+(?:secs?|seconds?|minutes?|mins?)\b"  # "got 5 min?"
    r"|\bhappy\s+(?:(?:mon|tues|wednes|thurs|fri)day|weekend|new\s+week|new\s+month)\b"  # "happy Monday all"
    r"|\bquick\s+(?:question|q|one)\b|\bcan\s+i\s+ask\b|\bping\b"
    r"|\b(?:any|some)\s*(?:one|body)\s+(?:from\s+(?:the\s+)?(?:[\w-]+\s+){1,2}?)?(?:around|here|online|there|awake)\b"
    r"|^\W*(?:any|some)\s*(?:one|body)\W*$"  # "anyone?"
    r"|\bgood\s+day\b",
    re.I,
)
_WAVE = re.compile(r":(?:wave|raised_hand|hand|raised_back_of_hand|hello):|\U0001f44b")


_DRAWN_OUT_END = re.compile(r"(\w)\1+$")


def _drawn_out(word: str) -> str:
    """A greeting said long ("hiii", "heyyy", "hellooo") as it is spelled ("hi", "hey", "hello")."""
    if word in _GREETING_TOKENS or word in _GREETING_FILLER or word in _GREETING_CORE:
        return word  # ("y'all" is no drawn-out "y'al")
    return _DRAWN_OUT_END.sub(r"\1", word)


@lru_cache(maxsize=1024)
def is_bare_greeting(prepared: PreparedText) -> bool:
    """Only a greeting or an attention-getter, nothing to act on yet ("hi", "hey @ana, you around?",
    "hello? quick question", "@ana :wave:"). (Memoised: the rules and the request scorer both ask.)"""
    if prepared.link_count or prepared.had_code or prepared.word_count > 20:
        return False
    text, word_count = prepared.lintable, prepared.word_count
    if "@" in text or ":" in text:
        text = _without_typed_names(text)
    if (introduced := self_introduction(text)) is not None:
        text = text[: introduced.start()]  # "Hello, I am Minh from Hanoi team": who, not what for
    if "from" in word_set(text):
        text = _TEAM_NAMED.sub(" from the team ", text)  # "anyone from the billing team here?"
    if "team" in word_set(text):
        text = _TEAM_GREETED.sub(r"\1\2", text)  # "hi marketing team"
    tokens = word_set(text)
    # "Hello team, I have a question about the stock sync": the question announced, not asked
    announced = question_announced(text)
    if announced is not None:
        text = text[: announced.start()]
        tokens, word_count = word_set(text), len(text.split())
    if word_count > 12:
        return False
    if (
        not tokens <= _GREETING_TOKENS
        and (
            word_count > 4
            or not any(token[-1:] == token[-2:-1] for token in tokens)  # no letter drawn out: "hiii"
            or not {_drawn_out(token) for token in tokens} <= _GREETING_TOKENS
        )
        and not _NAMED_AFTER_GREETING.match(text)
    ):
        return False  # a word that is neither greeting nor filler (the common case, found cheaply)
    greets = announced is not None
    words = 0
    after_greeting = False
    for raw_word in words_of(text.replace("@person", " ").replace("@everyone", " ")):
        word = _drawn_out(raw_word.lower().strip("'"))
        if word in _GREETING_CORE:
            greets = True
        elif word not in _GREETING_FILLER and not (after_greeting and raw_word[:1].isupper()):
            return False  # a word with content (a name only right after a greeting): not a bare greeting
        after_greeting = word in _GREETING_CORE
        words += 1
    if not words:  # "@ana?", "@ana :wave:"; "I have a question about the export"
        return announced is not None or (
            bool(prepared.mentioned_users) and ("?" in prepared.lintable or bool(_WAVE.search(prepared.raw)))
        )
    return greets or bool(_ATTENTION.search(text))


# A name typed rather than picked from Slack's list ("hi @miha": plain text, no mention), and a name
# or handle before a colon at the start, as chat bridged from IRC or Gitter addresses people
# ("thirdy: Hello", "PrimolCe_twitter: hi you there?").
_TYPED_NAME = re.compile(
    r"(?<![\w.@])@(?!person\b|everyone\b)[A-Za-z][\w.-]*"
    # glued to the word before, as some chat exports write it ("hi@miha"), and no e-mail address
    r"|(?<=[a-z])@(?!person\b|everyone\b)(?![\w-]+\.[A-Za-z]{2,})[A-Za-z][\w-]*\b(?!\.)"
)
_HANDLE_LABEL = re.compile(r"^\s*(?=[\w.-]*[A-Za-z])[A-Za-z0-9][\w.-]{0,30}\s*:\s+(?=\S)")


# A greeting's self-introduction that ends the message: a name ("I'm Ana", "this is Minh from Hanoi
# team") or being new ("I'm new to ethereum", "I am new here"), and nothing about what for.
_SELF_INTRODUCTION = re.compile(
    r"[\s,.!:;-]+(?:(?i:i\s+am|i'?m|im|this\s+is|my\s+name\s+is)\s+"
    r"(?:[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?(?:\s+(?i:from|with|of|in|at)\s+(?:the\s+)?[\w&-]+(?:\s+[\w&-]+){0,2})?"
    r"(?:,?\s+(?i:the|your|our|a|an)\s+(?i:new)\s+[\w-]+(?:\s+[\w-]+)?)?"  # "I am Ahmed, the new accountant"
    r"|(?i:new\s+(?:here|to\s+[\w.-]+(?:\s+[\w.-]+)?)))"
    r"|(?i:new\s+here))[\s.!]*$"  # "hi, new here"
)

_INTRODUCING_WORDS = frozenset({"am", "m", "im", "is", "name", "new"})  # one of which every introduction has
# A team greeted by its work ("hi marketing team", "Hello dev team!"): read as "hi team".
_TEAM_GREETED = re.compile(
    r"^(\W*(?:hi|hey|hello|morning|dear)\s+)(?:the\s+)?(?:[\w&-]+\s+){1,2}?(team)\b", re.I
)
# A team named by its work, asked for ("anyone from the billing team here?"): read as "the team".
_TEAM_NAMED = re.compile(
    r"\bfrom\s+(?:the\s+)?(?:[\w&-]+\s+){1,2}?(?:team|group|squad|department|dept|office|desk)\b", re.I
)


def self_introduction(text: str) -> re.Match[str] | None:
    """A greeting's self-introduction that ends the message (see _SELF_INTRODUCTION), or None."""
    if word_set(text).isdisjoint(_INTRODUCING_WORDS) or not _GREETING_START.match(lower_case(text)):
        return None
    return _SELF_INTRODUCTION.search(text)


def _without_typed_names(text: str) -> str:
    """A text without the names typed in it (see _TYPED_NAME), for reading what else it says."""
    if "@" in text:
        text = _TYPED_NAME.sub(" ", text)
    return _HANDLE_LABEL.sub("", text, count=1) if ":" in text else text


def question_announced(text: str) -> re.Match[str] | None:
    """A question announced without being asked ("Hi, I have a question about the export": the match
    starts at 4), or None; its group "leave" is set where it asks leave to ask ("can I ask a
    question here?"), "channel" where it asks whether this is the place to ("is this the right
    channel to ask about SSO?"). Only a bare greeting's announcement is meant: check `is_bare_greeting` first."""
    if word_set(text).isdisjoint(_ANNOUNCING_WORDS):
        return None
    return _QUESTION_ANNOUNCED.search(text)


# The words a question announced without its question needs (see _QUESTION_ANNOUNCED).
_ANNOUNCING_WORDS = frozenset(
    {"question", "questions", "q", "doubt", "doubts", "ask", "query", "problem", "issue", "stuck", "lost", "channel",
     "place", "room"}
)  # fmt: skip
# A question announced at the end of a message, with at most its topic: "I have a question about
# Git", "got a quick q", "can I ask a syntax question here?", "need to ask you something about the
# Q3 forecast".
_QUESTION_ANNOUNCED = re.compile(
    r"(?<![^\s,.!?;:])(?:(?:i\s+)?(?:have|got|had|there'?s)\s+(?:a|an|one|some)?\s*(?:[\w-]+\s+)?(?:question|q|doubt)s?"
    r"|(?P<leave>(?:can|could|may)\s+i\s+ask)(?:\s+(?:you|u|y'all))?(?:\s+(?:something|(?:a|an|one|some)?\s*(?:[\w-]+\s+)?(?:question|q)s?))?"
    r"|(?:a\s+|one\s+)?(?:quick|small|short|simple|little|dumb|stupid|newbie)\s+(?:question|q)s?"
    r"|(?:one|1)\s+(?:small\s+|quick\s+)?(?:doubt|question|query)"  # "Hi sir, one doubt", "just 1 question"
    r"|(?:i\s+)?(?:have|got|had|there'?s)\s+(?:a|an|one|some)\s+(?:small\s+|little\s+|weird\s+|strange\s+)?(?:problem|issue)"  # "hello, I have a problem"
    r"|(?:i'?m|i\s+am|im)\s+(?:a\s+bit\s+|totally\s+|really\s+)?(?:stuck|lost)"  # "Hi guys, I'm stuck"
    r"|(?P<channel>is\s+this\s+the\s+(?:right|correct)\s+(?:channel|place|room|group)(?:\s+(?:to|for)\s+(?:ask(?:ing)?|questions?|post(?:ing)?))?)"
    r"|(?:i\s+)?(?:need|want|wanted|would\s+like|'d\s+like)\s+to\s+ask\s+(?:you\s+|u\s+|y'all\s+)?"
    r"(?:something|a\s+(?:quick\s+)?question|(?:one|a)\s+(?:thing|doubt|question)))"
    r"(?=(?:\s+here)?(?:\s+for\s+(?:some\s+)?(?:help|support|advice)(?:\s+here)?)?"  # "could I ask here for support"
    r"(?:\s+(?:about|on|regarding|re|around|related\s+to)\s+[^?.!\n]{1,40})?[\s.!?]*$)",
    re.I,
)
# "Hi Sven, are you around?": a greeting, then a capitalised name (read word by word in
# is_bare_greeting: the name must come right after the greeting word).
_NAMED_AFTER_GREETING = re.compile(r"^\W*(?i:hi|hey|hello|hiya|heya|morning)\W+[A-Z][a-z]+\b")
