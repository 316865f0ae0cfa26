"""The scanner's patterns and gates, and the pieces it finds (a date or time said, with its span)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, tzinfo

from bot.lint.deadlines.vocabulary import (
    HOUR_WORDS,
    MINUTE_WORDS,
    MONTHS,
    NUMBER_WORDS,
    ORDINAL_WORDS,
    WEEKDAYS,
    WorkingHours,
)
from bot.lint.gates import Gate, GateSet, gated_families, select_alternatives

# -- the scanner ------------------------------------------------------------------------------

_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))


_WEEKDAY_NAMES = "|".join(sorted(WEEKDAYS, key=len, reverse=True))


_NUMBER_NAMES = "|".join(sorted((re.escape(k) for k in NUMBER_WORDS), key=len, reverse=True))


_ORDINAL_NAMES = "|".join(re.escape(name) for name in sorted(ORDINAL_WORDS, key=len, reverse=True))


_HOUR_NAMES = "|".join(sorted(HOUR_WORDS, key=len, reverse=True))


_MINUTE_NAMES = "|".join(name.replace("-", r"[\s-]") for name in sorted(MINUTE_WORDS, key=len, reverse=True))


_DAY_NUMBER = rf"(?:\d{{1,2}}(?:\s?(?:st|nd|rd|th))?|{_ORDINAL_NAMES})"


_YEAR = r"(?:19|20)\d{2}"


# After a day of the month said in words ("by the first"): where the phrase ends, not "the first step".
_DATE_ENDS = r"(?=\s*(?:$|[.,;:!?)]|(?:at|by|please|pls|and|or|if|so|then|latest|works|ok|okay)\b))"


_DATE_PATTERNS = re.compile(
    rf"""
    (?P<weeksfromday>\b(?P<wfd_n>a|one|two|three|four|[1-4])\s+weeks?\s+(?P<wfd_day>today|tomorrow|tmrw)\b)
    |(?P<rel>\b(?:the\s+)?day\s+after\s+(?:tomorrow|tmrw)\b
        |\b(?:today|tonight|tmrw|tmr|tmw|2moro|2morrow|tomm?orr?ows?)\b)
    |(?P<nth>\b(?:the\s+)?(?P<nth_n>first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th|last)\s+
        (?P<nth_name>{_WEEKDAY_NAMES})\s+(?:of|in)\s+(?:(?P<nth_month>{_MONTH_NAMES})\b(?:,?\s+(?P<nth_year>{_YEAR})\b)?
        |(?:the\s+)?(?:(?P<nth_mod>next|this|following|current)\s+)?month\b))
    |(?P<nextworkday>\b(?:the\s+)?next\s+(?:business|working|work)\s+day\b)
    |(?P<holiday>\b(?:(?P<hol_lead>by|before|until|till|on|for|at|over|around|due|ahead\s+of|in\s+time\s+for)\s+)?(?:the\s+)?
        (?P<hol_name>christmas\s+eve|christmas(?:\s+day)?|xmas(?:\s+eve|\s+day)?|boxing\s+day|new\s+year'?s?\s+eve
        |new\s+year'?s?\s+day|new\s+year(?=\s*$)|halloween|valentine'?s?\s+day|st\.?\s+patrick'?s?\s+day|thanksgiving(?:\s+day)?
        |easter(?:\s+(?:sunday|monday))?|good\s+friday|labou?r\s+day|memorial\s+day)\b)
    |(?P<countdays>\b(?P<cd_n>\d{{1,2}}|{_NUMBER_NAMES})\s+(?P<cd_name>{_WEEKDAY_NAMES})s\s+from\s+(?:now|today)\b)
    |(?P<weekday>\b(?:(?P<wd_pre_week>next|this|the\s+following)\s+week,?\s+(?:on\s+)?
        |(?P<wd_week_from>(?P<wd_weeks>a|one|two|three|four|[1-4])\s+weeks?\s+(?:on|from)\s+))?
        (?:(?P<wd_mod>next|this|coming|last|following)\s+)?
        (?P<wd_name>{_WEEKDAY_NAMES})\b\.?
        (?:\s+(?:of\s+)?(?P<wd_week>next|this|the\s+following)\s+week|\s+(?P<wd_after>after\s+next)
        |\s+(?P<wd_week_on>week)\b(?=\s*(?:$|[.,;:!?)]|(?:at|by|around|before|then|please|pls|and|or|if|so)\b)))?)
    |(?P<monthpart>\b(?P<mp_part>early|mid|late|(?:the\s+)?(?:end|middle|beginning|start)\s+of)[\s-]+
        (?P<mp_month>{_MONTH_NAMES})\b\.?(?:,?\s+(?P<mp_year>{_YEAR})\b)?)
    |(?P<monthweek>\b(?:the\s+)?(?P<mw_n>first|1st|second|2nd|third|3rd|fourth|4th|last)\s+week\s+(?:of|in)\s+
        (?P<mw_month>{_MONTH_NAMES})\b\.?(?:,?\s+(?P<mw_year>{_YEAR})\b)?)
    |(?P<md>\b(?P<md_month>{_MONTH_NAMES})\.?\s+(?:the\s+)?(?P<md_day>{_DAY_NUMBER})(?![\d:.]\d)\b
        (?:,?\s+(?P<md_year>{_YEAR})\b)?)
    |(?P<dm>\b(?:the\s+)?(?P<dm_day>{_DAY_NUMBER})[\s.]*(?:of\s+)?(?P<dm_month>{_MONTH_NAMES})\b\.?
        (?:,?\s+(?P<dm_year>{_YEAR})\b)?)
    |(?P<iso>\b(?P<iso_y>\d{{4}})-(?P<iso_m>\d{{1,2}})-(?P<iso_d>\d{{1,2}})\b)
    |(?P<slash>(?<![\d/.])(?!24\s?/\s?7\b|24\s?/\s?365\b)(?P<sl_a>\d{{1,2}})\s?[/-]\s?(?P<sl_b>\d{{1,2}})(?:[/-](?P<sl_y>\d{{2,4}}))?(?![\d/]|-\d|\s?(?:[ap]\.?m\b|:\d)))  # "2-4pm" is a time range
    |(?P<dot>(?<![\d.v])(?P<dt_d>\d{{1,2}})\.(?P<dt_m>\d{{1,2}})
        (?:\.(?P<dt_y>\d{{4}}|\d{{2}}(?!\d))|\.(?!\d)|(?=\s|$|,))(?!\.\d))
    |(?P<ordinal>\b(?:(?P<ord_lead>the|on|by|before|until|till|due)\s+)?(?P<ord_day>\d{{1,2}})(?:st|nd|rd|th)\b(?![\s.]*(?:of\s+)?(?:{_MONTH_NAMES})\b)  # "by 4th Jan": dm
        (?!\s+(?:to\s+)?last\b|\s+(?:(?:working|business|work)\s+)?day\s+(?:of|in)\b)  # "the 2nd last day of May": dayof
        (?:\s+of\s+(?:the\s+)?(?P<ord_month>next|this|following|current)\s+month\b)?)
    |(?P<dayof>\b(?:the\s+)?(?:(?P<do_back>{_ORDINAL_NAMES}|\d{{1,2}}(?:st|nd|rd|th))\s+(?:to\s+)?(?=last\b))?
        (?P<do_n>last|{_ORDINAL_NAMES}|\d{{1,2}}(?:st|nd|rd|th))\s+(?P<do_working>(?:working|business|work)\s+)?
        day\s+(?:of|in)\s+(?:the\s+)?(?:(?P<do_mod>next|this|following|current)\s+)?
        (?:month\b|(?P<do_month>{_MONTH_NAMES})\b\.?(?:,?\s+(?P<do_year>{_YEAR})\b)?))
    |(?P<monthday>\b(?:the\s+)?(?P<mday_day>{_ORDINAL_NAMES})\s+of\s+(?:the\s+)?
        (?:(?P<mday_month>next|this|following|current)\s+)?month\b)
    |(?P<daynumber>\b(?P<dn_lead>by|on|before|until|till|due)\s+the\s+(?P<dn_day>\d{{1,2}})\b(?![:.,]\d){_DATE_ENDS})
    |(?P<numberof>\b(?:the\s+)?(?P<no_day>\d{{1,2}})\s+of\s+(?:the\s+)?(?P<no_month>next|this|following|current)\s+month\b)
    |(?P<ordword>\b(?:by|on|before|until|till|due)\s+the\s+(?P<ow_day>{_ORDINAL_NAMES})\b{_DATE_ENDS})
    |(?P<period>\b(?:(?P<pe_abbr>eod|cob|eow|eom|eoq|eoy|eob)\b
        |(?:end|close)\s+of\s+(?:the\s+)?(?:(?P<pe_mod>this|next|the\s+current|current)\s+)?
         (?:business\s+|working\s+|work\s+)?(?P<pe_unit>day|week|month|quarter|year|business|play)\b)
        |(?:by|before|until|till|due)\s+(?:the\s+)?(?P<pe_unit_end>month|quarter|year)[\s-]end\b(?![\s-]+(?:19|20)\d\d\b)  # not "month-end close"
        |(?P<pe_logoff>before\s+(?:you|u|i|we)\s+(?:log\s*off|sign\s*off|leave|head\s+(?:out|home)|go\s+home)\b))
    |(?P<weekref>\b(?:(?P<wr_part>early|mid|late|(?:the\s+)?(?:middle|start|beginning)\s+of)[\s-]+)?(?:(?P<wr_mod>next|this|the\s+following|following)\s+
        (?P<wr_unit>week|month)|(?:the\s+)?(?P<wr_after>week|month)\s+after\s+next)\b)
    |(?P<quarter>\b(?:by|before|until|till|due|(?:the\s+)?end\s+of)\s+(?:the\s+)?(?:end\s+of\s+)?
        (?P<q_n>q[1-4])(?:\s+(?P<q_year>{_YEAR}))?\b)
    |(?P<weekend>\b(?:by|before|ahead\s+of|until|till)\s+(?:the|this)\s+weekend\b)
    |(?P<quarterref>\b(?P<qr_mod>this|next|the\s+current|current)\s+quarter\b)
    |(?P<midmonth>\b(?:mid[\s-]month|(?:the\s+)?middle\s+of\s+the\s+month)\b)
    |(?P<sametime>\b(?:this|(?:the\s+)?same)\s+time\s+(?P<st_when>tomorrow|tmrw|next\s+week)\b)
    |(?P<relative>\b(?P<rl_lead>in|within|(?:in|within|over)\s+the\s+next|next|in\s+about|in\s+another)\s+
        (?:~\s*|about\s+|around\s+|roughly\s+|approx\.?\s+)?(?:(?P<rl_n>(?:a\s+)?quarter\s+of\s+an?|three[\s-]quarters\s+of\s+an?
            |the|(?:{_NUMBER_NAMES}|\d+(?:\.\d+)?)(?:\s+and\s+an?\s+half)?|half\s+an?|\d+/\d+)\s*)?(?:more\s+)?
        (?P<rl_unit>min(?:ute)?s?|h(?:ou)?rs?|hours?|h|months?|years?|m(?=\s*(?:$|[.,;:!?)]|(?:or|and|please|pls|max|tops|ok)\b))|days?|business\s+days?|working\s+days?|weeks?|fortnight)\b
        (?P<rl_and_half>\s+and\s+an?\s+half\b)?
        (?!\s+(?:anniversary|old|long|ago|earlier)\b)  # "within a year anniversary", "in a 2 year old"
        (?!\s+from\s+(?:tomorrow|tmrw)\b))  # "in 2 weeks from tomorrow" is counted from tomorrow
    |(?P<fromnow>\b(?P<fn_n>{_NUMBER_NAMES}|\d+)\s+(?P<fn_unit>min(?:ute)?s?|h(?:ou)?rs?|hours?|days?|business\s+days?
        |working\s+days?|weeks?|fortnight|months?|years?)\s+(?:from\s+(?:now|today|right\s+now|(?P<fn_tomorrow>tomorrow|tmrw))|hence)\b)
    """,
    re.VERBOSE | re.IGNORECASE,
)


# After a number read as an hour: not a quantity ("by 2 days", "at 5 people", "at 10%").
_NOT_A_QUANTITY = (
    r"(?![\d/:%]|\.\d|\s*(?:min|h\b|hours?|days?|weeks?|months?|years?|people|%|percent|times|x\b)"
    # a count of things ("about 20 listed", "around 30 tickets", "at 5 of them"), not a clock time
    r"|\s+(?:[a-z]{3,}ed\b|of\b|more\b|or\s+(?:more|so)\b|(?:items?|tickets?|issues?|links?|pages?|rows?|files?|tests?"
    r"|messages?|emails?|customers?|users?|accounts?|bugs?|errors?|requests?|orders?|seats?|licen[cs]es?)\b))"
)


# "first thing" as a time: before a day or at a phrase's end, not "import first thing to your test file".
_FIRST_THING_ENDS = (
    r"(?=\s*(?:$|[.,;:!?)]|(?:in\s+the\s+morning|tomorrow|tmrw|tmw|on|next|this|please|pls|and|or|if|so|then"
    r"|mon|tue|wed|thu|fri|sat|sun)\b|(?:mon|tues|wednes|thurs|fri|satur|sun)day))"
)


# After a clock time said in words of minutes ("ten to five", "half three"): where a phrase ends, not
# a count of things ("5 to 10 servers").
_CLOCK_ENDS = (
    r"(?=\s*(?:$|[.,;:!?)]|(?:at|by|on|today|tonight|tomorrow|tmrw|this|next|please|pls|and|or|if|so|then"
    r"|latest|\w+day)\b))"
)


_TIME_PATTERNS = re.compile(
    rf"""
    (?P<clock>(?<![\d:/.])(?P<cl_h>\d{{1,2}})(?:[:.]?(?P<cl_m>[0-5]\d))?\s*(?:ish\s*)?(?P<cl_ampm>[ap]\.?\s?m\b\.?|(?<=\d)[ap]\b\.?))
    |(?P<h24>(?<![\d:/.])(?<!\dT)(?P<h24_h>[01]?\d|2[0-3]):(?P<h24_m>[0-5]\d)(?::[0-5]\d(?![.,]\d))?(?![\d:]))
    |(?P<hfmt>(?<![\d:/.])(?P<hf_h>[01]?\d|2[0-3])h(?P<hf_m>[0-5]\d)?\b)
    |(?P<oclock>\b(?P<oc_h>\d{{1,2}})\s*o['\u2019]?clock\b(?:\s*(?P<oc_ampm>[ap]\.?\s?m\b\.?))?)
    |(?P<named>\b(?:(?:12\s*)?(?:noon|midnight)|midday|mid-day|mid\s+day|lunch(?:time)?)\b)
    |(?P<at>(?:\b(?:at|by|around|about|approximately|approx\.?|ca\.?)|@)\s*(?P<at_h>\d{{1,2}})(?!\s*(?:noon|midnight)\b)
        (?:[:.](?P<at_m>[0-5]\d)|(?P<at_compact>[0-5]\d))?(?:\s*ish)?\b
        (?:\s*(?P<at_ampm>[ap]\.?\s?m\b\.?))?{_NOT_A_QUANTITY})
    |(?P<until>\b(?:before|until|till)\s+(?P<un_h>\d{{1,2}})(?!\s*(?:noon|midnight)\b)(?::(?P<un_m>[0-5]\d))?\b
        (?:\s*(?P<un_ampm>[ap]\.?\s?m\b\.?))?{_NOT_A_QUANTITY})
    |(?P<dotted>(?<![\d:/.])(?P<dd_h>[01]?\d|2[0-3])\.(?P<dd_m>[0-5]\d)(?:\s?h)?(?!\d|\.\d))
    |(?P<compact>(?<![\d:/.,])(?P<cp_h>[01]\d|2[0-3])(?P<cp_m>[0-5]\d)(?![\d:/.,]))
    |(?P<bare>(?<![\d:/.,$#])(?P<bare_h>\d{{1,2}})(?![\d:/.,%]))
    |(?P<part>\b(?:(?P<part_mod>early|mid|late)[\s-]*)?(?P<part_name>morning|afternoon|arvo|evening|tonight|night|first\s+thing{_FIRST_THING_ENDS})\b)
    |(?P<spelled>\b(?:(?P<sp_lead>at|by|around|about|before|until|till)\s+)?(?P<sp_h>{_HOUR_NAMES})
        (?:[\s-]+(?P<sp_m>{_MINUTE_NAMES}))?\b
        (?:\s*(?P<sp_ampm>[ap]\.?\s?m\b\.?)|\s*(?P<sp_oclock>o['\u2019]?\s?clock\b))?)
    |(?P<offset_clock>\b(?:half\s+past|quarter\s+(?:past|after|to|till))\s+(?P<ofc_h>\d{{1,2}}|{_HOUR_NAMES})\b
        (?:\s*(?P<ofc_ampm>[ap]\.?\s?m\b\.?))?(?!\s*of\b){_NOT_A_QUANTITY})
    |(?P<minute_clock>(?<!from\s)\b(?:(?P<mc_half>(?:at|by|around|about|before|until|till)\s+half)
        |(?:5|10|20|25|five|ten|twenty|twenty-five)(?:\s+minutes?)?\s+(?:past|after|to|till))
        \s+(?P<mc_h>\d{{1,2}}|{_HOUR_NAMES})\b(?:\s*(?P<mc_ampm>[ap]\.?\s?m\b\.?))?{_CLOCK_ENDS})
    |(?P<spelled_weak>\b(?:at|by|around|about|(?:half|quarter)\s+(?:past|to|till))\s+(?P<sw_h>{_HOUR_NAMES})\b
        |\b(?P<sw_before_part>three|four|five|six|seven|eight|nine|ten|eleven)
        (?=\s+(?:tonight|this\s+(?:morning|evening)|tomorrow\s+(?:morning|evening|night)|in\s+the\s+(?:morning|evening))\b))
    """,
    re.VERBOSE | re.IGNORECASE,
)


_MINUTES_OFFSET = re.compile(
    r"(?:(?P<quarter>(?:a\s+)?quarter)|(?P<half>half)|(?P<minutes>\d{1,2}|five|ten|twenty|twenty-five)(?:\s+minutes?)?)"
    r"\s+(?P<direction>past|after|to|till|before|from)\s+$",
    re.IGNORECASE,
)


_ZONE_AFTER = re.compile(
    r"\s*\(?(?P<zone>utc|gmt|bst|cest|cet|eest|eet|ist|jst|aest|aedt|[ecmp][sd]t|[ecmp]t)\)?\b", re.IGNORECASE
)


# "3pm London time", "9:30 (New York time)", "noon Pacific time": a zone named by its place.
_PLACE_TIME_AFTER = re.compile(r"\s*\(?(?P<place>[A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2})\s+time\b\)?")


# Zone names that are neither a region's zone nor the US aliases ("Pacific", "Eastern"): kept last.
_LEGACY_ZONE_PREFIXES = ("Canada/", "Mexico/", "Brazil/", "Chile/", "Etc/", "SystemV/")


_DIGITS = "0123456789"


_WEEKDAY_WORDS = " ".join(WEEKDAYS)


_WEEKDAY_GATE = (_WEEKDAY_WORDS + " " + " ".join(f"{name}s" for name in WEEKDAYS), "")


# Words that introduce a date ("by the first", "due the 24"), as the "ordword" and "daynumber" patterns spell them.
_DATE_LEAD_WORDS = frozenset({"by", "on", "before", "until", "till", "due"})


# "by the first", "on the fifteenth": an ordinal word after a word that introduces a date
_ORDINAL_WORD_GATE = Gate(
    select_alternatives(_DATE_PATTERNS, ["ordword"]),
    frozenset(word for name in ORDINAL_WORDS for word in re.split(r"[\s-]", name)),
    requires=_DATE_LEAD_WORDS,
)


# "by the 24", "due the 3rd": a day's number after a word that introduces a date
_DAY_NUMBER_GATE = Gate(
    select_alternatives(_DATE_PATTERNS, ["daynumber"]),
    frozenset(str(number) for number in range(1, 32)),
    requires=_DATE_LEAD_WORDS,
)


_DATE_GATES = GateSet(
    [
        *gated_families(
            _DATE_PATTERNS,
            {
                "weeksfromday": ("today tomorrow tmrw", ""),
                "rel": (
                    "today tonight tmrw tmr tmw 2moro 2morrow tomorrow tomorrows tomorow tomorows tommorow tommorows tommorrow tommorrows",
                    "",
                ),
                "nth": _WEEKDAY_GATE,
                "nextworkday": ("business working work", ""),
                "holiday": (
                    "christmas xmas boxing year years halloween valentine valentines patrick patricks thanksgiving "
                    "easter good labor labour memorial",
                    "",
                ),
                "countdays": _WEEKDAY_GATE,
                "weekday": _WEEKDAY_GATE,
                "monthpart": (" ".join(MONTHS), ""),
                "monthweek": ("week", ""),
                "md": (" ".join(MONTHS), ""),
                "dm": (" ".join(MONTHS), ""),
                "iso": ("", r"\d[/-]"),
                "slash": ("", r"\d\s?[/-]"),
                "dot": ("", r"\d\."),
                "ordinal": (
                    " ".join(f"{n}{suffix}" for n in range(1, 32) for suffix in ("st", "nd", "rd", "th")),
                    "",
                ),
                "period": ("eod cob eow eom eoq eoy eob end close before", ""),
                "dayof": ("day", ""),
                "daynumber": None,
                "numberof": ("month", ""),
                "monthday": ("month", ""),
                "ordword": None,
                "weekend": ("weekend", ""),
                "midmonth": ("month", ""),
                "quarterref": ("quarter", ""),
                "sametime": ("tomorrow tmrw week", ""),
                "quarter": ("q1 q2 q3 q4", ""),
                "weekref": ("week month", ""),
                "relative": (
                    "min mins minute minutes h hr hrs hour hours day days business working week weeks fortnight "
                    "month months year years "
                    + " ".join(
                        f"{n}{unit}"
                        for n in range(1, 100)
                        for unit in ("h", "hr", "hrs", "m", "min", "mins", "d")
                    ),
                    "",
                ),
                "fromnow": ("hence now today tomorrow tmrw", ""),
            },
        ),
        _ORDINAL_WORD_GATE,
        _DAY_NUMBER_GATE,
    ]
)


# Words that, with an hour word, may make a spelled-out clock time ("ten thirty", "three pm",
# "half past three").
_SPELLED_CLOCK_WORDS = frozenset(
    [
        "am",
        "pm",
        "m",
        "oclock",
        "clock",
        "fifteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "oh",
        "zero",
        "half",
        "quarter",
    ]
)


# Bare numbers, "1100" and "10.30" are times only next to a date or a part of the day.
WEAK_TIME_KINDS = ("dotted", "compact", "bare", "spelled_weak")


# "ten thirty", "three pm": an hour word and a word of a clock time, both
_SPELLED_TIME_GATE = Gate(
    select_alternatives(_TIME_PATTERNS, ["spelled"]), frozenset(HOUR_WORDS), requires=_SPELLED_CLOCK_WORDS
)


# "ten to five", "20 past 3", "by half three": a word of direction (or "half") and an amount of minutes
_MINUTE_CLOCK_GATE = Gate(
    select_alternatives(_TIME_PATTERNS, ["minute_clock"]),
    frozenset({"past", "after", "to", "till", "half"}),
    requires=frozenset({"5", "10", "20", "25", "five", "ten", "twenty", "half"}),
)


_TIME_GATES = GateSet(
    [
        *gated_families(
            _TIME_PATTERNS,
            {
                "clock": ("am pm a p", r"\d\s?[ap]\b|\d[ap]\.?m"),
                "h24": ("", r"\d:\d"),
                "hfmt": ("", r"\dh"),
                "oclock": ("oclock clock", ""),
                "at": ("at by around about approximately approx ca", "@"),
                "until": ("before until till", ""),
                **dict.fromkeys(WEAK_TIME_KINDS, None),
                "named": ("noon midday mid midnight lunch lunchtime 12noon 12midnight", ""),
                "part": ("morning afternoon arvo evening tonight night thing midmorning midafternoon", ""),
                "offset_clock": ("half quarter", ""),
                "spelled": None,
                "minute_clock": None,
            },
        ),
        _SPELLED_TIME_GATE,
        _MINUTE_CLOCK_GATE,
    ]
)


_WEAK_TIMES = select_alternatives(_TIME_PATTERNS, WEAK_TIME_KINDS)


_MARKER_BEFORE = re.compile(
    r"(?:\bby|\bbefore|\buntil|\btill|\btil|\bdue(?:\s+(?:on|by))?|\bno\s+later\s+than|\bnot\s+later\s+than|"
    r"\blatest|\bdeadline(?:\s+is)?|\beta|\bahead\s+of|\bprior\s+to|\bin\s+time\s+for|\bneeded|\bneed\s+(?:it|this|that)"
    r"|\bbefore\s+the|\bat\s+the\s+latest|:)\s*(?:the\s+|this\s+|on\s+)?$",
    re.IGNORECASE,
)


_PAST_CUE = re.compile(
    r"\b(?:was|were|did|had|went|met|happened|yesterday|ago|last|since|shipped|released|merged|deployed"
    r"|said|told|sent|finished|fixed|started|spoke|talked|discussed|decided|been|already|twice|gotten"
    r"|(?<!'ve\s)(?<!have\s)(?<!'s\s)got)\b",  # "got stuck this week"; "I've got a demo on Friday" is ahead
    re.IGNORECASE,
)


_GAP_JOINABLE = re.compile(
    r"^(?:[\s,()/@-]|\b(?:at|by|around|about|approx\w*|ca|on|in|the|of|this|early|late|mid|before|from|for)\b"
    # the occasion between a time and its day: "the 10am close tomorrow", "the 3pm call on Friday"
    r"|\b(?:close|call|meeting|sync|standup|stand-up|demo|review|deadline|cutoff|slot|session|kickoff|interview|flight)\b)*$",
    re.IGNORECASE,
)


_FOR = re.compile(r"\bfor\b", re.IGNORECASE)


_HALF_DAY_AFTER = re.compile(r"\s+(?P<half>[ap])\.?m\b\.?", re.IGNORECASE)


_SENTENCE_BREAK = re.compile(r"[.!?\n]\s")


_DAY_MARKER_BEFORE = re.compile(r"\b(?:by|until|till|before|due|on)\s+$", re.IGNORECASE)


_RANGE_SEPARATOR = re.compile(r"\s*(?:-|\u2013|to|until|till)\s*$", re.IGNORECASE)


_RECURRING_BEFORE = re.compile(
    r"(?:\b(?:every|each)\s+(?:other\s+|single\s+)?(?:(?:day|week|weekday|morning|evening|night|month)\s+)?|\b(?:daily|nightly|weekly)\s+)"
    r"(?:at\s+|on\s+|around\s+|by\s+)?$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Scan:
    """What every date builder needs: the text, the author's now and working hours, the locale."""

    text: str
    now: datetime
    hours: WorkingHours
    day_first: bool

    @property
    def today(self) -> date:
        return self.now.date()


@dataclass
class _Piece:
    kind: str  # "date" | "time" | "instant"
    start: int
    end: int
    marked: bool = False
    day: date | None = None
    day_is_weekday: bool = False  # named only by its weekday; a calendar date said with it wins
    clock: time | None = None
    clock_guessed_pm: bool = False  # a bare hour read as afternoon; a part of day may correct it
    part: str | None = None  # morning / afternoon / evening / night
    part_clock: time | None = None  # a part's own deadline, where said: "mid-morning" is 10:30
    zone: tzinfo | None = None  # "3pm PST"
    instant: datetime | None = None
    end_of_day: bool = False  # EOD-like: end of working day of `day`
    week_start: date | None = None  # a week named whole ("next week"): its first working day
    past: bool = False
    weak: bool = False  # only meaningful next to a date ("27 July 1100", "9 tomorrow")
    # a date without a year that passed days ago, read as next year's: a deadline only where it is
    # introduced as one ("by March 3rd"); else the date looked back on ("rights on September 30th")
    just_passed: bool = False


def _amount(text: str) -> float:
    text = " ".join(text.lower().split())
    if text == "the":
        return 1.0  # "within the hour"
    if text.startswith("half"):
        return 0.5
    if "quarter" in text:  # "a quarter of an hour", "three quarters of an hour"
        return 0.75 if text.startswith("three") else 0.25
    if text.endswith(" half"):  # "two and a half"
        return _amount(text.split(" and ", maxsplit=1)[0]) + 0.5
    if "/" in text:
        numerator, denominator = text.split("/")
        return int(numerator) / int(denominator) if int(denominator) else 0.0
    if text in NUMBER_WORDS:
        return float(NUMBER_WORDS[text])
    try:
        return float(text)
    except ValueError:
        return 0.0
