"""The seven rules, one behaviour per test, plus configuration, spans, urgency and request detection."""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.lint import (
    DEFAULT_CONFIG,
    LintConfig,
    Rule,
    Severity,
    Urgency,
    acts,
    is_request,
    lint,
    request_model,
    urgency,
)
from bot.lint.text import prepare

NEW_YORK = ZoneInfo("America/New_York")
NOW = datetime(2026, 3, 11, 10, 0, tzinfo=NEW_YORK)  # a Wednesday


def rules_of(text: str, **options: object) -> set[str]:
    return set(lint(text, now=NOW, tz=NEW_YORK, **options).rules)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text",
    [
        "hi",
        "hey <@U024BE7LH>, you around?",
        "hello? quick question",
        "ping",
        "Morning team :sunny:",
        "hey team, quick one",
        "<@U024BE7LH> :wave:",
    ],
)
def test_a_bare_greeting_is_flagged(text: str) -> None:
    assert rules_of(text) == {"bare-greeting"}


@pytest.mark.parametrize(
    "text",
    [
        "<@U024BE7LH> has joined the channel",
        "<@U024BE7LH|ana> has left the channel",
        "ana has joined the channel",
        "<@U024BE7LH> set the channel topic: Weekly releases",
        "<@U024BE7LH> pinned a message to this channel.",
        "<@U024BE7LH> was added to <#C024BE91L|general> by <@U0G9QF9C6>.",
        "<@U024BE7LH> uploaded a file: <https://files.slack.com/f/1|report.pdf>",
    ],
)
def test_what_slack_writes_itself_in_an_export_is_not_linted(text: str) -> None:
    result = lint(text, now=NOW, tz=NEW_YORK)
    assert result.findings == () and not result.is_request and not result.expects_response


def test_a_person_writing_about_joining_is_still_linted() -> None:
    assert rules_of("<@U024BE7LH> has joined the project, please review her access request") == {
        "missing-deadline"
    }


def test_a_greeting_with_its_question_is_not_a_bare_greeting() -> None:
    assert "bare-greeting" not in rules_of(
        "hi <@U1>, could you approve the expense report by Friday? Finance closes Monday."
    )


@pytest.mark.parametrize(
    "text",
    [
        "Hello team, I have question about the stock sync",
        "i have a question",
        "hi, got a quick q",
        "Hi Sven, are you around? Need to ask you something about the Q3 forecast",
        "Hey Jo, got a minute?",
        "Morning Priya!",
        "Hi, can I ask a syntax question here?",
        "Hi, I have a docker question about volumes",
        "Hi man",
        "hey, quick question about the centrifuge",
        "hello, can I ask about pricing here?",
        "anyone?",
        "anybody from the team online?",
    ],
)
def test_a_question_announced_without_the_question_and_a_greeting_by_name_are_bare(text: str) -> None:
    assert rules_of(text) == {"bare-greeting"}


@pytest.mark.parametrize(
    "text",
    [
        "I have a question about the export. Why does it drop the header row?",
        "Hi all, quick question on testing. What is the best practice for mocks?",
        "we have a question about the invoice from the vendor",
        "can I ask a question about the deploy? it fails on step 3",
        "I have a docker question: why does my volume vanish?",
        "hi Sven the build is red",
        "Hi Sven, the report is done",
    ],
)
def test_a_question_asked_or_news_after_a_name_is_no_bare_greeting(text: str) -> None:
    assert "bare-greeting" not in rules_of(text)


@pytest.mark.parametrize(
    "text",
    [
        "thoughts?",
        "can we switch to pnpm?",
        "any update on this?",
        "pls review <https://github.com/a/b/pull/1>",
        "need this today",
        "<@U1> can u check this",
        "status?",
        "<@U1> eta?",
        "any ideas?",
        "pls advise",
        "pinging again on this :eyes:",
    ],
)
def test_the_issue_examples_of_missing_context_are_flagged(text: str) -> None:
    assert "missing-context" in rules_of(text)


@pytest.mark.parametrize(
    "text", ["let me check that", "check this out :tada:", "if you want check it please"]
)
def test_checking_something_yourself_or_sharing_it_is_no_vague_ask(text: str) -> None:
    assert rules_of(text) == set()


@pytest.mark.parametrize(
    ("text", "vague"),
    [
        ("Can we meet tomorrow to discuss the roadmap?", False),  # what the meeting is for is its context
        ("can we hop on a call to go over the Q3 numbers?", False),
        ("can we meet to discuss this?", True),  # "this" says nothing
        ("Can we chat?", True),
    ],
)
def test_a_meeting_asked_for_with_its_purpose_has_context(text: str, vague: bool) -> None:
    assert ("missing-context" in rules_of(text)) is vague


def test_the_issues_complete_request_has_no_findings() -> None:
    complete = "<@U2> can you review the caching RFC by Friday? It unblocks the Q2 perf work: <https://docs.acme.dev/rfc|RFC>"
    assert rules_of(complete) == set()


def test_a_request_without_a_by_when_is_missing_a_deadline() -> None:
    assert "missing-deadline" in rules_of(
        "<@U1> can you review the migration plan? It changes how we shard orders."
    )


@pytest.mark.parametrize(
    "expectation",
    [
        "no rush",
        "whenever you can",
        "when you get a chance",
        "when you can",
        "when you have time",
        "by Thursday",
    ],
)
def test_a_stated_expectation_satisfies_the_deadline_rule(expectation: str) -> None:
    text = f"<@U1> can you review the migration plan {expectation}? It changes how we shard orders."
    assert "missing-deadline" not in rules_of(text)


@pytest.mark.parametrize(
    "text", ["can someone take a look at this?", "<@U1> ping on this", "<@U1> <@U2> ready for review", "bump"]
)
def test_review_requests_and_pings_without_a_by_when_are_missing_a_deadline(text: str) -> None:
    assert "missing-deadline" in rules_of(text)


@pytest.mark.parametrize(
    "text",
    [
        "can you merge <https://github.com/a/b/pull/3|#3> once CI is green? it fixes the login redirect",
        "please deploy the hotfix after the freeze lifts, support needs it for the Acme ticket",
    ],
)
def test_an_ask_timed_by_an_event_states_its_by_when(text: str) -> None:
    assert "missing-deadline" not in rules_of(text)


@pytest.mark.parametrize(
    "text",
    [
        "Would you mind sending me the signed copy when you get it? Legal files it",
        "please forward the quote to procurement once you hear back from the vendor",
        "could you upload the scans as soon as you receive them? the auditors asked",
        "can you review the deck over the weekend? it goes to the board on Monday",
        "Can you send the final files to the printer once the client signs off?",
        "please publish the post when the legal team approves it",
        "could you look at the pricing model next weekend? it's for the Q3 plan",
    ],
)
def test_an_ask_timed_by_what_reaches_the_reader_states_its_by_when(text: str) -> None:
    assert "missing-deadline" not in rules_of(text)


@pytest.mark.parametrize(
    "text",
    [
        "Could everyone update their availability in the holiday calendar?",
        "Can someone from IT reset my MFA? I got a new phone and can't log in to anything.",
        "Please can you to check the order 77812, customer say he pay twice",
        "<@U21> can you take ticket 6012? I'm at capacity",
        "Can you ask Finance if the budget for the new racks was approved?",
        "Would love a second pair of eyes on the new pricing model before I share it with leadership",
        "Would appreciate a second opinion on the two logo directions before I send them out",
        "<@U11> can you resize the hero banner for Instagram stories?",
        "Please archive the old project channels.",
        "Should we charge the client for the extra revision round? It's outside the SOW.",
        "<@U31> could you read through the methods section of my draft?",
        "Could you open an issue on GitHub with the steps to reproduce?",
        "can u push the hotfix pls",
    ],
)
def test_more_ways_of_asking_for_work_are_read_as_asks(text: str) -> None:
    result = lint(text, now=NOW, tz=NEW_YORK)
    assert result.asks_for_work, text
    assert "missing-deadline" in result.rules, text


@pytest.mark.parametrize(
    "text",
    [
        "could you ask your question in #help? more people read it there",
        "can I ask if the office is open on Friday?",
        "everyone was there",
    ],
)
def test_a_relayed_question_needs_someone_asked_for_it(text: str) -> None:
    assert not lint(text, now=NOW, tz=NEW_YORK).asks_for_work, text


@pytest.mark.parametrize(
    "text",
    [
        "can you fix the flaky test before the release? it blocks merges",
        "can you review the RFC before Friday's demo? it unblocks the perf work",
        "can you finish the migration guide by the end of the sprint? we announce the freeze after",
    ],
)
def test_an_ask_timed_by_a_team_occasion_states_its_by_when(text: str) -> None:
    assert "missing-deadline" not in rules_of(text)


@pytest.mark.parametrize(
    "text",
    [
        "Can you fix the login page? It is broken for all users since the 10:05 deploy.",
        "Checkout has been failing for EU customers since 9:40. Can someone update the status page?",
    ],
)
def test_an_ask_inside_a_live_incident_needs_no_deadline(text: str) -> None:
    assert "missing-deadline" not in rules_of(text)


def test_an_ask_about_a_past_incident_still_needs_a_deadline() -> None:
    text = "can you write up the incident timeline for the postmortem? customers asked for it"
    assert "missing-deadline" in rules_of(text)
    assert urgency(text, now=NOW, tz=NEW_YORK) is Urgency.NORMAL


@pytest.mark.parametrize(
    "text",
    [
        "my local test keeps crashing, can you take a look?",
        "all my builds are broken since the 2.1 upgrade",
        "how do you scroll down in a thread?",
        "the harmony flag is for broken features; production code should not use it",
        "staging is down again, not a big deal, nobody uses it today",
    ],
)
def test_breakage_that_hits_nobody_else_is_no_incident(text: str) -> None:
    assert urgency(text, now=NOW, tz=NEW_YORK) is Urgency.NORMAL


def test_needing_someone_now_is_an_ask() -> None:
    text = "The payment gateway is down and no customer can check out. <@U2> need you on the bridge now."
    assert rules_of(text) == set()


@pytest.mark.parametrize(
    "text",
    [
        "curious what you all think about moving standup to 10",
        "raising it here to see what people think",
        "wondering if anyone has context on why the reminders stopped",
        "would appreciate any pointers on the retry logic",
        "interested in your take on the new pricing page",
        # asks said in passing
        "<https://github.com/acme/api/pull/42|#42> pls review, it unblocks the release",  # "pls" anywhere
        "thanks, please send the invoice by Friday",  # an ask after the thanks
        "great - can you merge it after lunch",
        "I'd like you to own the rollout",  # contractions, typed straight or typographic
        "don\u2019t forget to rotate the keys",
        "you\u2019ll need to rebase on main first",
        "but need to know if the export is final",
        "a quick look at the alert thresholds would be much appreciated.",
        "if you find the old contract, shoot me a note",
        "just a reminder to submit your expenses",
        "why don't you open a PR for it",
        "should I merge this",  # a question without its question mark, as chat often leaves it
        "did you get a chance to look at the logs",
        "what time is the demo",
        "don't merge yet, the migration is still running",
        "so send me the numbers when they're in",
        "I'm still wondering if the fix made it into the release",
        "hope you can join the retro",
        "I would greatly appreciate a second pair of eyes on the migration",
        "just checking in to see if the invoice went out",
        "we'll need your sign-off on the budget",
        "let's get the team together on Friday",
        "would love your feedback on the draft",
    ],
)
def test_indirect_asks_and_asks_said_in_passing_are_asks(text: str) -> None:
    assert lint(text, now=NOW, tz=NEW_YORK).asks


@pytest.mark.parametrize(
    "text",
    [
        "thanks for the quick review!",
        "great, thanks!",
        "merged, thanks",
        "Thanks, Ana",
        "Should you have any trouble, the FAQ covers most of it.",  # a condition, not a question
    ],
)
def test_thanks_alone_and_conditions_ask_nothing(text: str) -> None:
    assert not lint(text, now=NOW, tz=NEW_YORK).asks


def test_a_question_for_information_needs_no_deadline() -> None:
    assert (
        rules_of(
            "ok so the deploy failed again :upside_down_face: anyone know what `ECONNRESET` on the registry step means?"
        )
        == set()
    )
    assert rules_of("Where do we keep the on-call runbook?") == set()
    assert rules_of("can you paste the stack trace?") == set()
    assert rules_of("Can you share your screen?") == set()
    assert rules_of("hey <@U3> can u send me the staging url") == set()


@pytest.mark.parametrize(
    "text",
    [
        "OOO tomorrow, <@U4> is covering for me",
        "<@U6> per our chat, the vendor contract is in the legal folder",
        "<@U6> as promised, here's the deck for Thursday",
    ],
)
def test_away_notes_and_handing_over_what_was_asked_for_ask_nothing(text: str) -> None:
    assert rules_of(text) == set()


@pytest.mark.parametrize(
    "text", ["Looping in <@U3> who owns billing.", "<@U6> great catch on the migration bug yesterday"]
)
def test_looping_people_in_and_praise_need_no_request(text: str) -> None:
    assert rules_of(text) == set()


def test_a_team_sheet_with_preferences_is_no_newsletter() -> None:
    text = "<@U1> <@U2> please all fill in the on-call preferences sheet by Thursday, I'm building the rota Friday"
    assert rules_of(text) == set()


def test_lazy_consensus_asks_for_objections() -> None:
    text = "I'll move the batch jobs to spot instances this sprint if nobody objects."
    assert lint(text, now=NOW, tz=NEW_YORK).asks


def test_a_mention_without_an_ask_is_missing_a_request() -> None:
    assert rules_of("<@U2ABCDE> the deploy script failed again on staging.") == {"missing-request"}


@pytest.mark.parametrize(
    "text",
    [
        "FYI <@U1> the roadmap draft is in the shared drive, no action needed.",
        "Thanks <@U1> for jumping on the outage last night :pray:",
        "Paired with <@U1> on the flaky test, it was a timezone bug.",
        "<@U1> done, merged and deployed :white_check_mark:",
        "For visibility <@U1> <@U2>: the vendor moved the go-live to March 30.",
        "<@U1> for awareness, the vendor moved the go-live to March 30",
        "<@U1> signups are up 12% this week. Nothing needed from you, just keeping you posted.",
        "<@U1> <@U2> migration done, billing export next, no blockers",  # a status report says so
        "<@U1> I'll be out on Friday",  # the author's absence, told to whom it affects
        "<@U1> I'm off tomorrow, <@U2> is covering",
    ],
)
def test_fyi_thanks_attribution_and_acks_need_no_request(text: str) -> None:
    assert "missing-request" not in rules_of(text)


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("<@U1> heads-up: the deploy window moves to 5pm.", False),
        ("<@U1> just a heads up, the build is red on main.", False),
        ("<@U1> give me a heads up when the staging deploy is done.", True),
        ("<@U1> send us a heads-up before the vendor call starts.", True),
    ],
)
def test_a_heads_up_marks_fyi_but_asking_for_one_is_an_ask(text: str, asks: bool) -> None:
    result = lint(text, now=NOW, tz=NEW_YORK)
    assert result.asks is asks
    assert result.expects_response is asks
    assert "missing-request" not in result.rules


@pytest.mark.parametrize(
    ("text", "tracked"),
    [
        ("<@U1> can you send me the revised quote?", True),
        (
            "<@U1> urgent: the prod database is at 98% disk and writes will start failing within the hour.",
            True,
        ),
        ("<@U1> checkout is down for all EU customers since 14:05", True),
        ("Heads up <@U1>: checkout is down for all EU customers since 14:05, rolling back now.", False),
        # News, thanks and deliveries ask nothing, whatever the request scorer makes of them.
        ("<@U1> the vendor moved the go-live to March 30", False),
        ("<@U1> great catch on the migration bug yesterday", False),
        ("<@U1> here's the revised quote you asked for: <https://drive.acme.dev/q/2>", False),
        ("Design crit moved to Thursday 3pm, <@U1> same room.", False),
    ],
)
def test_the_tracker_follows_asks_and_live_incidents_not_the_request_scorer(text: str, tracked: bool) -> None:
    assert lint(text, now=NOW, tz=NEW_YORK).expects_response is tracked


def test_a_long_proposal_that_never_says_what_it_needs_is_missing_a_request() -> None:
    proposal = (
        "I've been thinking about how we run releases. Every release is a manual checklist that takes an "
        "engineer most of a day, and we skipped steps twice this quarter. I propose we move to release trains: "
        "we cut a branch every Tuesday, QA runs the suite on Wednesday, and we ship on Thursday unless someone "
        "raises a blocker. Hotfixes still go out any day. This makes releases predictable for support and sales, "
        "and frees roughly a day per engineer per sprint; features wait up to a week, which is fine for most work."
    )
    assert "missing-request" in rules_of(proposal)
    assert "missing-request" not in rules_of(
        proposal + " Can you each tell me by Friday whether this works for your team?"
    )


@pytest.mark.parametrize(
    "text",
    [
        "URGENT: need the slide deck",
        "Can you send me the contract asap?",
        "please review this ASAP!!!",
        "Please do this immediately",
        "IMPORTANT!!! Everyone must update their passwords",
    ],
)
def test_urgency_without_impact_or_time_is_false_urgency(text: str) -> None:
    assert "false-urgency" in rules_of(text)


@pytest.mark.parametrize(
    "text",
    [
        "URGENT: checkout is down for all EU customers since 14:05, payments fail with a 502.",
        "Need the signed contract ASAP, by 4pm today at the latest, because the deal closes at 5.",
        "This is not urgent at all, could you look at the dashboard colours at some point?",
        "```\nERROR urgent=true retry ASAP\n```\nthis keeps showing up in the worker, expected?",
        "Can someone help me with a docker issue? The container exits immediately with code 137.",
        "urgent!! we'll lose the deal if legal doesn't sign",  # says what waiting costs
    ],
)
def test_real_urgency_negated_urgency_and_code_are_not_false_urgency(text: str) -> None:
    assert "false-urgency" not in rules_of(text)


def test_talking_about_an_urgency_word_is_not_using_it() -> None:
    text = (
        "> we need this ASAP\nagreed, but what does ASAP mean here? Is this blocking the release on Thursday?"
    )
    result = lint(text, now=NOW, tz=NEW_YORK)
    assert "false-urgency" not in result.rules
    assert result.urgency is Urgency.NORMAL


def test_false_urgency_points_at_the_word_in_the_raw_message() -> None:
    text = "<@U1> can you send the contract ASAP?"
    (finding,) = [f for f in lint(text, now=NOW, tz=NEW_YORK).findings if f.rule is Rule.FALSE_URGENCY]
    assert finding.span is not None
    assert text[finding.span[0] : finding.span[1]] == "ASAP"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hello? is the deploy pipeline stuck for anyone else?", set()),  # the greeting asks nothing itself
        ("<@U2> please check the alert config", {"missing-context", "missing-deadline"}),  # work
        ("can you check your installed fonts?", set()),  # a quick turn in a support chat
        ("Before submitting a ticket, please check our knowledge base first.", set()),  # a pointer
        (
            "Can you give feedback on the pricing proposal? <https://docs.acme.dev/pricing-v3>",
            {"missing-deadline"},
        ),
        ("opinions?", {"missing-context", "missing-deadline"}),  # the whole message, like "thoughts?"
        ("I need the final copy for the landing page asap", {"false-urgency", "missing-deadline"}),
        ("I need the return value of the function", set()),  # a need described, not an ask
        ("happy monday all :sunny:", {"bare-greeting"}),  # a greeting, not a Monday deadline
        ("hey <@U2>, got 5 min?", {"bare-greeting"}),
        ("hiii", {"bare-greeting"}),  # a greeting said long
        ("can someone help?", {"missing-context"}),  # help, with nothing about what with
        ("can someone help me with the deploy script? it fails on step 3", set()),
        ("<@U7> gentle reminder about the access review, it's due end of week", set()),  # says what is due
        # "Tuesday's outage" said on a Wednesday is the one just gone: no by-when
        ("Can you write up the postmortem for Tuesday's outage? Customers are asking.", {"missing-deadline"}),
    ],
)
def test_work_asks_and_quick_turns(text: str, expected: set[str]) -> None:
    assert rules_of(text) == expected


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (datetime(2026, 3, 11, 10, tzinfo=NEW_YORK), "Wed 11 Mar, 17:00"),  # later today
        (datetime(2026, 3, 11, 18, tzinfo=NEW_YORK), "Thu 12 Mar, 17:00"),  # today's has passed
        (datetime(2026, 3, 14, 10, tzinfo=NEW_YORK), "Mon 16 Mar, 17:00"),  # a Saturday: no working day today
    ],
)
def test_false_urgency_suggests_the_end_of_a_working_day(now: datetime, expected: str) -> None:
    (finding,) = [
        f
        for f in lint("need the deck ASAP!!!", now=now, tz=NEW_YORK).findings
        if f.rule is Rule.FALSE_URGENCY
    ]
    assert f"needed by *{expected}" in finding.suggestion


@pytest.mark.parametrize("broadcast", ["<!here>", "<!channel>", "<!everyone>", "@here"])
def test_broadcasts_are_flagged_in_large_or_unknown_channels(broadcast: str) -> None:
    text = f"{broadcast} the all-hands moved to 3pm"
    assert "broadcast-mention" in rules_of(text, channel_size=200)
    assert "broadcast-mention" in rules_of(text)
    assert "broadcast-mention" not in rules_of(text, channel_size=8)


def test_the_broadcast_threshold_is_configurable() -> None:
    config = replace(DEFAULT_CONFIG, broadcast_channel_size=500)
    assert "broadcast-mention" not in rules_of("<!here> lunch is here", channel_size=200, config=config)


def test_a_long_unstructured_message_is_a_wall_of_text_and_structure_fixes_it() -> None:
    sentence = (
        "We looked at the flaky payments tests and the fixtures create accounts with random currencies. "
    )
    wall = sentence * 9
    assert "wall-of-text" in rules_of(wall)
    structured = "*Findings*\n• " + sentence * 4 + "\n\n*Proposal*\n• " + sentence * 5
    assert "wall-of-text" not in rules_of(structured)
    assert "wall-of-text" not in rules_of(wall, config=replace(DEFAULT_CONFIG, wall_of_text_words=400))


@pytest.mark.parametrize(
    "reply", ["lgtm", "thanks!", "Approved :white_check_mark:", "Deployed v2.3 to staging, all green."]
)
def test_short_replies_and_status_updates_have_no_findings(reply: str) -> None:
    assert rules_of(reply) == set()


def test_disabled_rules_and_severities_come_from_the_config() -> None:
    config = LintConfig(
        disabled_rules=frozenset({Rule.MISSING_CONTEXT}),
        severity_overrides=((Rule.MISSING_DEADLINE, Severity.NOTE),),
    )
    result = lint("thoughts?", now=NOW, tz=NEW_YORK, config=config)
    assert result.rules == ["missing-deadline"]
    assert result.findings[0].severity is Severity.NOTE
    assert result.at_severity(Severity.NUDGE) == ()


def test_the_deadline_suggestion_names_the_next_business_day_in_the_authors_zone() -> None:
    friday = datetime(2026, 3, 13, 15, 0, tzinfo=ZoneInfo("Asia/Tokyo"))
    result = lint("<@U1> can you update the onboarding doc?", now=friday, tz=ZoneInfo("Asia/Tokyo"))
    (finding,) = [f for f in result.findings if f.rule is Rule.MISSING_DEADLINE]
    assert "*Mon 16 Mar, 17:00*" in finding.suggestion


def test_every_finding_has_a_message_and_a_suggestion() -> None:
    result = lint("URGENT!!! <!here> thoughts?", now=NOW, tz=NEW_YORK)
    assert result.findings
    assert all(f.message and f.suggestion for f in result.findings)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Prod checkout is down for all EU customers, need eyes ASAP", Urgency.URGENT),
        (
            "the payments webhook is failing for every merchant right now, we're losing orders. who is on call?",
            Urgency.URGENT,
        ),
        ("we have an incident: EU customers cannot log in. <@U1> can you join the bridge?", Urgency.URGENT),
        (
            "Is checkout working for you? I'm getting 502s on every order, and so are two customers.",
            Urgency.URGENT,
        ),
        ("<@U1> can you send me the numbers by 3pm today? The board meets at 4.", Urgency.URGENT),
        ("<@U1> can you review the caching RFC by Friday? It unblocks the Q2 perf work.", Urgency.COMPLEX),
        (
            "Should we go with Postgres or DynamoDB for the events store? Need a decision by Friday.",
            Urgency.COMPLEX,
        ),
        ("Can someone from design review the new onboarding screens by Friday?", Urgency.COMPLEX),
        ("Spot instances for the batch jobs: any objections to the proposal by Friday?", Urgency.COMPLEX),
        ("could you book a meeting room for the design review next Tuesday?", Urgency.NORMAL),
        ("The build has been red for 2 hours and nobody can merge. <@U4> can you revert it?", Urgency.URGENT),
        (
            "Who approved this change? It broke the export for every customer on the EU cluster.",
            Urgency.URGENT,
        ),
        (
            "thoughts on this? <https://www.notion.so/acme/Onboarding-1234|Onboarding v2 proposal>",
            Urgency.COMPLEX,
        ),
        ("<@U1> can you update the onboarding doc by Friday?", Urgency.NORMAL),
        ("not urgent, but could you fix the typo on the careers page today?", Urgency.NORMAL),
        ("Heads up: the office wifi will be down tomorrow 8-9am for maintenance.", Urgency.NORMAL),
        ("Can you look into the empty export? The finance dashboard reads it every morning.", Urgency.NORMAL),
        ("EOD works for me", Urgency.NORMAL),  # accepting a time presses no one
        ("can you send me the slides by EOD?", Urgency.URGENT),
        # urgency with what waiting costs
        ("urgent: need approval by 3pm today or we lose the vendor slot", Urgency.URGENT),
        ("ASAP please, otherwise we miss the release train", Urgency.URGENT),
        # a choice between named options is a decision; the process around incidents is no incident
        ("<@U4> please decide between Stripe and Adyen by the 15th.", Urgency.COMPLEX),
        ("*Decision needed:* Postgres 15 or 16 for the new cluster? *By:* Friday", Urgency.COMPLEX),
        (
            "*Incident process proposal*\n\n• a rotating incident commander\n• one channel per incident\n\n"
            "Could everyone comment by Friday? Customers would hear from us sooner.",
            Urgency.COMPLEX,
        ),
        ("I'd like an incident commander role so customers hear from us within 15 minutes.", Urgency.NORMAL),
        ("<@U1> the Q4 forecast needs your sign-off by Friday, finance closes on Monday", Urgency.COMPLEX),
        # a day in a statement beside the ask describes (NOW is a Wednesday); a fragment adds to the ask
        ("Can we push the review to Thursday? Half the team is away on Wednesday.", Urgency.NORMAL),
        ("Can someone please restart the staging API? QA is blocked. Today if possible.", Urgency.URGENT),
    ],
)
def test_urgency_levels(text: str, expected: Urgency) -> None:
    assert urgency(text, now=NOW, tz=NEW_YORK) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<@U1> can you review the RFC?", True),
        ("Please send me the signed NDA.", True),
        ("Let's meet Thursday at 3 to go through the budget.", True),
        ("Thanks for the quick review!", False),
        ("Deployed v2.3 to staging, all green.", False),
        ("FYI: the office is closed on Monday.", False),
        ("FYI, no response needed: we ship the release on Friday.", False),
        ("FYI: can you check the rota for Monday?", True),  # an outright ask outweighs the FYI mark
        # Chat: lower case and no closing mark read like any other sentence.
        ("can you take a look at the failing deploy job", True),
        ("<@U1> could you rerun the export for march", True),
        ("pls review <https://github.com/acme/api/pull/7|#7>", True),
        ("is the demo still on for thursday", True),
        ("merged and deployed, thanks for the review", False),
        # A bare greeting has not asked yet; one asking whether the reader is there is left to the scorer.
        ("hey", False),
        ("morning team :sunny:", False),
        ("<@U1> :wave:", False),
        ("Sales numbers are up 12% this week. Nothing needed from anyone, just keeping you posted.", False),
        ("Status: finished the migration, starting on the billing export tomorrow. No blockers.", False),
        ("need the logo files asap!!!", True),  # a shouted, pressing ask is a demand
        ("ok will do", False),  # acknowledgements only
        ("on it :+1:", False),
        # Advertising style is no request, however it asks; a Slack ask naming its acronyms is one.
        ("Can you afford NOT to have health coverage? Get a FREE QUOTE today", False),
        ("Get 20% off every order\u2122 \u2013 shop now!", False),
        ("<@U1> can you check the AWS bill? the EU account doubled", True),
    ],
)
def test_request_detection(text: str, expected: bool) -> None:
    assert is_request(text) is expected
    assert lint(text, now=NOW, tz=NEW_YORK).is_request is expected


@pytest.mark.parametrize(
    ("text", "opening"),
    [
        ("Christy, can we send these documents in word format?", "can"),
        ("Hi Adam, please send me the report.", "please"),
        ("<@U1> could you rerun the export", "could"),
        ("Adam can send the report.", "adam"),  # an action given to a third party, not to the reader
    ],
)
def test_the_scorers_opening_word_is_read_after_the_greeting_and_names(text: str, opening: str) -> None:
    assert f"b:^ {opening}" in request_model.features(text)


@pytest.mark.parametrize(
    ("text", "signal", "present"),
    [
        ("How Many Hours Do You Spend Online?", "rule:title_case", True),
        ("Can you review the Q3 plan?", "rule:title_case", False),
        ("Can You Review It?", "rule:title_case", True),  # three capitals of four initials
        ("Can You review it?", "rule:title_case", False),  # two
        ("\u00c9lan Vital \u00dcber Alles", "rule:title_case", True),  # capitals outside ASCII
        ("FREE SHIPPING on every order TODAY", "rule:shouting", True),
        ("can you check the JSON schema before the release?", "rule:shouting", False),  # one acronym
        ("Get it now\u2122", "rule:symbols", True),
        ("Sure \u2013 I\u2019ll take the caf\u00e9 booking", "rule:symbols", False),  # dashes, accents
    ],
)
def test_the_scorers_advertising_style_signals(text: str, signal: str, present: bool) -> None:
    assert (signal in request_model.features(text)) is present


def test_shouted_words_are_the_whole_capitalised_words_of_four_letters_or_more() -> None:
    """The scorer's quick form of r"\\b[A-Z]{4,}\\b" finds the same words in any text."""
    whole_words = re.compile(r"\b[A-Z]{4,}\b")
    pieces = [
        "ABCD",
        "AB",
        "ABCDE",
        "x",
        "\u00e9",
        "\u00c9",
        "_",
        "1",
        " ",
        "-",
        "\u00c4",
        "ABCD\u00c4",
        "abcd",
    ]
    rng = random.Random(2)
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        assert request_model._SHOUTED_WORD.findall(text) == whole_words.findall(text), text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Hi Ana, can you send me the report by Friday?",
            {"act:ask-action", "evidence:request", "ask:explicit", "addressee:you", "rule:opening:addressed",
             "rule:opening:question", "rule:may_name_time"},
        ),
        (
            "How often do we update the native packages?",
            {"act:question", "evidence:none", "ask:explicit", "addressee:nobody", "rule:opening:question"},
        ),
        ("Send the deck to <@U1> please", {"act:ask-action", "addressee:named", "rule:opening:imperative"}),
        ("FYI: the office is closed on Monday", {"rule:fyi", "act:statement", "ask:none", "evidence:none"}),
    ],
)  # fmt: skip
def test_the_scorer_reads_the_rules_and_the_act_reader(text: str, expected: set[str]) -> None:
    """The request scorer's features are the dialogue act reader's and the rules' own answers (ADR-0010)."""
    features = set(request_model.features(text))
    assert expected <= features
    lintable = prepare(text).lintable
    assert f"act:{acts.message_act(lintable).value}" in features
    assert f"addressee:{acts.addressee(lintable).value}" in features


def test_mrkdwn_is_parsed_once_into_placeholders() -> None:
    prepared = prepare(
        "<@U1> see <https://x.dev/a|the doc> in <#C1|eng> :tada: <!subteam^S1|@ops> `code` <!here>"
    )
    assert prepared.mentioned_users == ("U1",)
    assert prepared.mentioned_groups == ("S1",)
    assert prepared.broadcasts == ("here",)
    assert prepared.link_count == 1
    assert "the doc" in prepared.lintable
    assert "#eng" in prepared.lintable
    assert "code" not in prepared.lintable
    assert ":tada:" not in prepared.lintable


def test_a_huge_message_is_linted_without_trouble() -> None:
    huge = "please review the doc by Friday because it matters. " * 4000  # about 200 KB
    result = lint(huge, now=NOW, tz=NEW_YORK)
    assert "wall-of-text" in result.rules


def test_an_ask_for_review_or_decision_reads_the_same_in_every_process() -> None:
    """Which of several matched alternatives tells a review from a decision is the leftmost, not the
    first a set of trigger words happens to yield (set order changes with each process's hash seed)."""
    script = (
        "from bot.lint import acts\n"
        "for text in ('ptal, need a decision on the schema', 'need a decision on the schema, ptal'):\n"
        "    print(acts.message_act(text).value)\n"
    )
    answers = set()
    for seed in ("1", "3", "5", "6"):
        done = subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            check=True,
            cwd=Path(__file__).resolve().parents[2],
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        answers.add(done.stdout)
    assert answers == {"ask-review\nask-decision\n"}


@pytest.mark.parametrize(
    "text",
    [
        "can you send me the raw data for figure 2?",
        "can you share the R script you used for the normalisation?",
        "could you send me the recording of yesterday's call?",
    ],
)
def test_asking_for_a_file_that_exists_is_a_quick_turn_not_work(text: str) -> None:
    result = lint(text, now=NOW, tz=NEW_YORK)
    assert "missing-deadline" not in result.rules and not result.asks_for_work, text


def test_an_away_note_that_names_who_stands_in_asks_nothing() -> None:
    text = "<@U38> I'm at the conference until Friday, <@U39> can sign the forms"
    assert "missing-request" not in rules_of(text)
    assert "missing-request" in rules_of("<@U38> the forms for the grant came back")


@pytest.mark.parametrize(
    "text",
    [
        "<@U64> the new icons look sick",
        "idk, ask <@U70>, she wrote that part",
        "stripe webhooks are failing for all payments since 10:40, <@U63> is on it",
    ],
)
def test_praise_a_pointer_to_someone_and_who_is_on_it_ask_nothing_of_the_people_named(text: str) -> None:
    assert "missing-request" not in rules_of(text), text


def test_a_status_ask_about_an_eta_and_a_bare_lmk_say_nothing_to_act_on() -> None:
    assert {"missing-context", "missing-deadline"} <= rules_of("<@U62> any eta on the pricing copy?")
    assert rules_of("lmk") == {"missing-context"}


# What the blind batches of 2026-12-07 showed, by register (docs/linter.md, a paragraph per batch).
_FORMAL_BUSINESS_ENGLISH: list[tuple[str, set[str]]] = [
    ("Kindly do the needful", {"missing-context", "missing-deadline"}),
    ("Kindly advise", {"missing-context", "missing-deadline"}),
    ("Gentle reminder on the below.", {"missing-context", "missing-deadline"}),
    ("Please find attached the revised vendor agreement for your review.", {"missing-deadline"}),
    ("Requesting all managers to complete the performance reviews.", {"missing-deadline"}),
    ("Requesting all managers to complete the performance reviews by 15 November.", set()),
    ("Shall we schedule a call?", {"missing-context"}),
    ("Shall we schedule a call to discuss the contract renewal terms?", set()),
    ("Hello <@U81>, hope you are doing well.", {"bare-greeting"}),
    ("Greetings of the day!", {"bare-greeting"}),
]
_SECOND_LANGUAGE: list[tuple[str, set[str]]] = [
    ("I need that you review my merge request, it blocks the release", {"missing-deadline"}),
    ("Please somebody can update the documentation of the API? It still shows v1.", {"missing-deadline"}),
    ("Tomorrow I am in holiday, <@U96> replaces me", set()),
    ("Can we do a call?", {"missing-context"}),
    ("Can we do a call for discuss the architecture of the new module?", set()),
    ("news?", {"missing-context", "missing-deadline"}),
    ("Update should be out in a bit, just pushed some updates", set()),
    ("Can you do one favour, restart the jenkins server?", {"missing-deadline"}),
    ("Kindly check and update", {"missing-context", "missing-deadline"}),
    ("Please check urgently!!", {"false-urgency", "missing-context", "missing-deadline"}),
    ("Done, please check.", set()),
    ("Please everybody fill the feedback form of the training", {"missing-deadline"}),
    ("Please merge my PR after the review", set()),
    ("Please confirm", {"missing-context", "missing-deadline"}),
    ("Please confirm if the meeting is still on for tomorrow", set()),
    ("Can we connect for 10 minutes?", {"missing-context"}),
    ("Can we connect for 10 minutes to discuss the estimation?", set()),
    ("The API is giving error 500 for all users from morning, please check urgently", set()),
    ("Hi sir, one doubt", {"bare-greeting"}),
    ("Hello, I want to ask one thing", {"bare-greeting"}),
    ("Dear <@U70>, good day", {"bare-greeting"}),
]
_SALES: list[tuple[str, set[str]]] = [
    (
        "Can someone from solutions join the Hooli demo? They asked for a technical deep dive.",
        {"missing-deadline"},
    ),
    ("Please log your calls in the CRM, the forecast depends on them", {"missing-deadline"}),
    ("I can't log in to the CRM, is it down?", set()),
    ("Need legal to review the MSA redlines from Stark", {"missing-deadline"}),
    ("I need time to review the MSA", set()),
    ("quick sync?", {"missing-context"}),
    ("Need legal to review the MSA redlines from Stark, they want to sign this quarter", set()),
]
_ON_CALL: list[tuple[str, set[str]]] = [
    (
        "<!here> SEV1: payments are failing for every customer, <@U30> is incident commander, updates every 15 min",
        set(),
    ),
    ("<@U31> can you check why the nightly backup job failed?", {"missing-deadline"}),
    (
        "Urgent: the API error rate is at 30% and customers can't check out, need eyes on this now",
        set(),
    ),
    ("Should we make the canary step mandatory for the payments service?", {"missing-deadline"}),
    ("any update on the root cause?", {"missing-context", "missing-deadline"}),
]
_SECOND_LANGUAGE_THIRD_BATCH: list[tuple[str, set[str]]] = [
    ("I would like that you validate the new mockups before we send to the client", {"missing-deadline"}),
    ("I need your validation for the budget of the event", {"missing-deadline"}),
    ("We must to decide the date of the workshop", {"missing-deadline"}),
    ("Bonjour à tous! Hello everybody", {"bare-greeting"}),
    ("We can do a short meeting?", {"missing-context"}),
    ("Please don't forget to send me the report", {"missing-deadline"}),
    ("Please don't merge it yet, the tests are red", set()),
]

# Open chat rooms (Gitter, IRC-style Slack communities): names typed, or before a colon.
_OPEN_CHAT_ROOMS: list[tuple[str, set[str]]] = [
    ("ana_dev: hello", {"bare-greeting"}),
    ("k8s-fan: hi you there?", {"bare-greeting"}),
    ("hey @jonas", {"bare-greeting"}),
    ("somebody around?", {"bare-greeting"}),
    ("Hello, just 1 question", {"bare-greeting"}),
    ("Hi everyone, can I ask here for help about the CLI?", {"bare-greeting"}),
    ("pls help me", {"missing-context"}),
    ("any help pls?", {"missing-context"}),
    ("nobody can help me?", {"missing-context"}),
    ("marta: could you help me please?", {"missing-context"}),
    ("Please help me fix this error", {"missing-context"}),
    ("Can you help me with the VPN setup for the new laptop?", set()),
    ("Update: hello from the Berlin office, the move is done", set()),
    ("hey @jonas, the fix for the login bug is merged", set()),
    ("Hi all. Can anyone help? Thanks!", {"missing-context"}),  # courtesies around a vague help ask
    ("sam: thanks for the link. anyone can help me? thx", {"missing-context"}),
    ("Can anyone help with the docker volume permissions? Thanks!", set()),
    (
        "hey, can anyone help?",
        {"bare-greeting", "missing-context"},
    ),  # a greeting, and help without its question
    ("is the hotfix really that urgent?", set()),  # urgency asked about, not pressed
    ("how critical is the memory leak?", set()),
    (
        "this is urgent, can you review the contract?",
        {"false-urgency", "missing-context", "missing-deadline"},
    ),
    ("hi@jonas", {"bare-greeting"}),  # glued, as some chat exports write it
    ("mail me at ana@example.com", set()),  # an e-mail address is no name
]

# A school, a hospital ward, a newsroom, volunteers, HR: work away from software.
_PEOPLE_TEAMS: list[tuple[str, set[str]]] = [
    ("Can you call the supplier and ask about the delivery?", {"missing-deadline"}),
    ("can you call me?", {"missing-context"}),  # a call with the asker: a meeting
    ("Can someone chase the lab for the blood results? The patient is waiting.", {"missing-deadline"}),
    ("Can someone fact-check the quotes in the election piece?", {"missing-deadline"}),
    ("Could the finance team check the grant budget? It doesn't add up.", {"missing-deadline"}),
    ("can the team lead approve expenses?", set()),  # a question about who may
    (
        "Should we escalate the complaint to the regional manager? The family wrote twice.",
        {"missing-deadline"},
    ),
    ("Interview feedback for the designer role please", {"missing-deadline"}),
    ("full logs please", set()),  # a helper's ask of someone with a problem
    ("Can you mark the mock papers before half term? Parents evening is the week after.", set()),
    ("Could you clear the stockroom before Christmas? We need the space for donations.", set()),
    ("URGENT: the freezer alarm is going off and nobody is answering at facilities", set()),
    ("urgent: the kitchen is flooding", set()),
    ("URGENT: please update the fire drill rota", {"false-urgency", "missing-deadline"}),
    ("Any thoughts on the new rota layout?", set()),  # as "thoughts on …?" is: an opinion asked
    ("can you book the hall for quiz night?", {"missing-deadline"}),  # an event's name, not tonight
]

# A product engineering team: statuses asked in a question's words, reviews asked for.
_PRODUCT_ENGINEERING: list[tuple[str, set[str]]] = [
    ("what's the ETA on the Android build?", {"missing-deadline"}),
    ("what is the status of the migration?", {"missing-context", "missing-deadline"}),
    ("what's the status code for that error?", set()),  # a question for information
    ("can u check?", {"missing-context", "missing-deadline"}),
    ("Done, please check.", set()),  # a hand-over
    ("hey all, can I get a review on #88? it renames the retry flag", {"missing-deadline"}),
    ("can I get some help with the deploy?", set()),  # help asked for: a question
    ("Can you proofread the changelog before we release? It goes to every customer.", set()),
    ("Can you look at the contract before they send it back? Legal wants comments.", {"missing-deadline"}),
]

# English as a second language, first languages not in the batches before (Mandarin, Vietnamese, …).
_SECOND_LANGUAGE_FOURTH_BATCH: list[tuple[str, set[str]]] = [
    ("Please help to check the delivery note, the quantity looks wrong", {"missing-deadline"}),
    ("pls help review the quotation for the Busan client", {"missing-deadline"}),
    ("Can you help me fix this error? The log says timeout", set()),  # help with a problem: a question
    ("Is it possible you translate the menu to Japanese?", {"missing-deadline"}),
    ("is it possible to change the deadline?", set()),  # a question
    ("You can check the new version please?", {"missing-context", "missing-deadline"}),
    ("you can check the logs", set()),  # advice
    ("I hope you can review my proposal for the Seoul office", {"missing-deadline"}),
    ("I ask you to update the price list for the new season", {"missing-deadline"}),
    ("Waiting your feedback about the new packaging", {"missing-deadline"}),
    ("I want to know the status of the visa application", {"missing-deadline"}),
    ("<@U80L0009> please", {"missing-context", "missing-deadline"}),
    ("please", set()),  # a reply
    ("Please inform me the result of the audit", {"missing-deadline"}),
    ("Hello, I am Minh from Hanoi team", {"bare-greeting"}),
    ("hi, I'm new here", {"bare-greeting"}),
    ("Hi, this is Bob from IT, your laptop is ready", set()),
    ("Sorry to disturb you, may I ask something?", {"bare-greeting"}),
    ("Excuse me, are you free now?", {"bare-greeting"}),
    ("Let's meet", {"missing-context"}),
    ("Can we make meeting tomorrow for discuss the roadmap?", set()),
    ("Please confirm the quantity before we produce", set()),
]

# Ordinary conversation: people named in notes, told of something done for them, or pointed elsewhere.
_ORDINARY_CONVERSATION: list[tuple[str, set[str]]] = [
    (
        "*Sprint notes*\n• the release stays on the 14th\n• <@U91> owns the billing fixes\n• <@U92> takes the docs",
        set(),
    ),
    ("<@U93> I've added you to the launch channel", set()),
    ("<@U93> just shared the folder with you", set()),
    ("<@U94> see my comment in the doc", set()),
    ("<@U95> owns the billing fixes", {"missing-request"}),  # named first: said to them, asking nothing
    ("<@U96> the vendor sent a new quote", {"missing-request"}),
]

# Managers delegating tersely.
_MANAGERS: list[tuple[str, set[str]]] = [
    ("pls sync with finance on the hiring forecast", {"missing-deadline"}),
    ("Can someone summarise the beta feedback for the leadership review?", {"missing-deadline"}),
    ("Get me the churn numbers for EMEA", {"missing-deadline"}),
    ("Book me a flight to Chicago for the summit on the 12th", set()),
    ("send me the link", set()),  # a quick turn
    ("I need everyone's OKR drafts", {"missing-deadline"}),
    ("I need the return value of the function", set()),  # a need described
    ("Status on hiring?", {"missing-context", "missing-deadline"}),
    ("Where are we on the Globex renewal?", {"missing-context", "missing-deadline"}),
    ("where are we going for lunch?", set()),
    ("Decision needed on the office move by Friday: A is cheaper, B is nearer the station.", set()),
    ("Try the -noResolve flag", set()),  # a bare imperative is advice
]

# Frontline teams on phones: stores, kitchens, vans.
_FRONTLINE: list[tuple[str, set[str]]] = [
    ("can someone bring 2 crates of milk from the warehouse?", {"missing-deadline"}),
    ("can u reorder the napkins, we're nearly out", {"missing-deadline"}),
    ("can someone show the new starter how to do refunds", {"missing-deadline"}),
    ("can you show me how to do refunds?", set()),  # help asked for
    ("need 3 more staff for the Saturday market", set()),  # the Saturday says when
    ("we need a new kettle for the staff room", {"missing-deadline"}),
    ("need a hand with the deploy", set()),  # help, said as a need
    ("can we get more aprons, size M", {"missing-context", "missing-deadline"}),  # two content words
    ("URGENT no hot water in the kitchen", set()),  # what is broken is the reason
    ("URGENT please call me", {"false-urgency"}),
]

# Replies in threads: bumps said in a question's words or in none.
_THREAD_REPLIES: list[tuple[str, set[str]]] = [
    ("gentle ping", {"missing-context", "missing-deadline"}),
    ("ping", {"bare-greeting"}),  # on its own, a call for attention
    ("bumping this", {"missing-context", "missing-deadline"}),
    ("any luck?", {"missing-context", "missing-deadline"}),
    ("did you get a chance to look?", {"missing-context", "missing-deadline"}),
    ("what's the status?", {"missing-context", "missing-deadline"}),
    ("did you get a chance to eat?", set()),
    ("can we take this offline?", {"missing-context"}),
    ("can you review the draft once you're back?", set()),
    ("not sure, <@U97> would know", set()),  # a pointer to someone
]

# How people open: greetings in many forms, a problem announced, leave to ask where.
_OPENERS: list[tuple[str, set[str]]] = [
    ("Howdy y'all", {"bare-greeting"}),
    ("Hola amigos", {"bare-greeting"}),
    ("Hey everyone, hope you're all well!", {"bare-greeting"}),
    ("Hi there, anyone from the payroll team here?", {"bare-greeting"}),
    ("hello, I have a problem", {"bare-greeting"}),
    ("hello, I have a problem with the VPN: it drops every 10 minutes", set()),
    ("Hi guys, I'm stuck", {"bare-greeting"}),
    ("hi, is this the right channel to ask about SSO?", {"bare-greeting"}),
    ("hi, new here :slightly_smiling_face:", {"bare-greeting"}),
    ("hey, you free for a quick call?", {"missing-context"}),
    ("Hey, you free for a quick call about the roadmap?", set()),
]

# English as a second language, fifth batch: Nigerian, Filipino, Egyptian, Polish, Kenyan writers.
_SECOND_LANGUAGE_FIFTH_BATCH: list[tuple[str, set[str]]] = [
    ("Awaiting your response on the vendor onboarding form", {"missing-deadline"}),
    ("Abeg help me check the invoice from the Abuja office", {"missing-deadline"}),
    ("Pls I need the bank statement for the audit", {"missing-deadline"}),
    ("Good morning sir, how was your weekend?", {"bare-greeting"}),
    ("Good morning ma", {"bare-greeting"}),
    ("Hello po, may I ask about my reimbursement?", {"bare-greeting"}),
    ("I need your support for the audit preparation", {"missing-deadline"}),
    ("We need to finalize the budget for the new office", {"missing-deadline"}),
    ("<@U99> please check", {"missing-context", "missing-deadline"}),
    ("Hello everybody, I am Ahmed, the new accountant", {"bare-greeting"}),
    ("Happy new week everyone!", {"bare-greeting"}),
    ("Could you stop sharing the admin password in chat? Audit flagged it.", {"missing-deadline"}),
]

# An IT help channel.
_IT_HELPDESK: list[tuple[str, set[str]]] = [
    ("can I get access to the finance dashboard? my manager approved it", {"missing-deadline"}),
    ("can I get more info on the error?", set()),  # a question
    ("password reset pls", {"missing-context", "missing-deadline"}),
    ("URGENT my phone was stolen at the station", set()),  # what happened is the reason
    ("urgent: need access to the shared drive asap", {"false-urgency", "missing-deadline"}),
    ("<!channel> phishing email going around pretending to be from HR, don't click the link", set()),
    ("<!channel> new laptops arrive next week", {"broadcast-mention"}),
]

# Long messages: owners noted in a summary, an ask after its background.
_LONG_MESSAGES: list[tuple[str, set[str]]] = [
    (
        "*Incident summary*\n• what: 12% of logins failed\n• fixed by: a rollback\n"
        "• follow-ups: an alarm per region (<@U91>), a review of config changes (<@U92>)",
        set(),
    ),
    (
        "The auditors asked for the access review evidence. We need everyone with admin rights on the first of "
        "the quarter and the approvals for each. Could you pull it together?",
        {"missing-deadline"},
    ),
]

# A marketing team.
_MARKETING: list[tuple[str, set[str]]] = [
    ("hi design team", {"bare-greeting"}),
    ("hi team, the build is green", set()),
    ("Could you pull the numbers for the spring campaign report?", {"missing-deadline"}),
    ("can you send me the brand fonts?", set()),  # files that exist: a quick turn
]

# Eight new kinds of writers (a university office, a building site, a game studio, volunteers,
# finance, a hotel, open-source maintainers, a law firm)
_NEW_WRITERS: list[tuple[str, set[str]]] = [
    ("we need sign-off on the new vendor contract, legal has reviewed it", {"missing-deadline"}),
    ("need approval for the extra headcount in Q2", {"missing-deadline"}),
    ("we need approval", set()),  # a need without its object: nothing read as an ask for work
    ("could you reconcile the petty cash log with the receipts?", {"missing-deadline"}),
    (
        "can you pull the signed contracts for the Miller account into the shared folder?",
        {"missing-deadline"},
    ),
    ("could you check the migration guide before we cut the release?", set()),
    ("please test the installer before we tag the new version", set()),
]
# Remote teams across time zones
_REMOTE_ASYNC: list[tuple[str, set[str]]] = [
    ("<@U1> when you're online, could you look at the flaky upload test? it fails on main", set()),
    ("once you're back, can you review the pricing page copy? it goes to the client next", set()),
    ("<@U1> could you look at the flaky upload test? it fails on main", {"missing-deadline"}),
    ("when you're back from leave, the keys are in the top drawer", set()),
]
# Indian, Nigerian, Brazilian and Chinese writers of English at work
_SECOND_LANGUAGE_SIXTH_BATCH: list[tuple[str, set[str]]] = [
    ("Could you help to book the meeting room for the auditors?", {"missing-deadline"}),
    ("pls help me to prepare the slides for the client visit", {"missing-deadline"}),
    ("Can you help me fix this failing build? The error is in the thread", set()),  # help asked for
    ("can we discuss the refund policy at our next sync?", set()),  # the topic is the context
    ("can we discuss this at our next sync?", {"missing-context"}),
]

# Everyday chat that asks for no work
_EVERYDAY: list[tuple[str, set[str]]] = [
    ("excellent presentation <@U1>, the charts were really clear", set()),  # praise
    ("<@U1> great demo yesterday", set()),
    ("<@U1> runs the payroll system, he'd know", set()),  # the person named spoken of, not to
    ("<@U1> runs the payroll system", {"missing-request"}),
    ("happy to proofread the brochure if you want a second pair of eyes", set()),  # an offer
    ("would love a second pair of eyes on the brochure", {"missing-deadline"}),
]
# Channels shared with clients and vendors, and a data team
_SHARED_CHANNELS: list[tuple[str, set[str]]] = [
    ("could you share the login for the test tenant?", set()),  # credentials: information, a quick turn
    ("can you send me the API key for the sandbox?", set()),
    ("could you share the migration plan for the test tenant?", {"missing-deadline"}),
]
# Filipino, Vietnamese, Gulf Arabic, Russian, Ukrainian, Polish and German writers of English
_SECOND_LANGUAGE_SEVENTH_BATCH: list[tuple[str, set[str]]] = [
    ("Who can review my pull request? It is a small one", {"missing-deadline"}),  # a volunteer asked for
    ("who could pick it up? the refund ticket for Acme has waited two days", {"missing-deadline"}),
    ("Who can approve leave requests in December?", set()),  # who has the right: information
    ("please update the translation files when you free.", set()),  # "when you're free"
    ("Tomorrow I off, <@U1> will support the customers", set()),  # who stands in
    ("Good morning together!", {"bare-greeting"}),  # German "zusammen": everyone
    ("<@U1> pls write the release notes for 5.1, QA already approved", {"missing-deadline"}),  # a version
    ("<@U1> pls write the release notes by 5.1.", set()),  # a date: 5 January, day first
    # an ask the act reader finds is an ask, whatever greets it: no "say what you need"
    ("Dear <@U1>, kindly share the customs documents with the agent by Friday", set()),
    ("<@U1> mind pairing on the flaky test this afternoon", set()),
]
# Public community Slack workspaces
_COMMUNITY_SLACK: list[tuple[str, set[str]]] = [
    ("please don't use @channel here, there are 4k people in this channel", set()),  # talked about
    ("what does @here do exactly?", set()),
    ("@channel please review my PR", {"broadcast-mention", "missing-context", "missing-deadline"}),
]
# Japanese, Korean, Spanish, French, Italian, Turkish and Indonesian writers of English
_SECOND_LANGUAGE_EIGHTH_BATCH: list[tuple[str, set[str]]] = [
    ("<@U1> you can review the menu texts in German? I am not sure of them", {"missing-deadline"}),
    ("you can review the menu texts", set()),  # said, not asked: advice
    ("<@U1> remember to update the price list for the new shop", {"missing-deadline"}),
    ("pls check", {"missing-context", "missing-deadline"}),
    ("Done, please check.", set()),  # work handed over
    ("please remember to log your hours after each shift", set()),  # a routine: its timing recurs
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(text, expected, id=f"{register}-{index}")
        for register, cases in (
            ("formal", _FORMAL_BUSINESS_ENGLISH),
            ("second-language", _SECOND_LANGUAGE),
            ("sales", _SALES),
            ("on-call", _ON_CALL),
            ("second-language-3", _SECOND_LANGUAGE_THIRD_BATCH),
            ("open-chat-rooms", _OPEN_CHAT_ROOMS),
            ("people-teams", _PEOPLE_TEAMS),
            ("product-engineering", _PRODUCT_ENGINEERING),
            ("second-language-4", _SECOND_LANGUAGE_FOURTH_BATCH),
            ("ordinary-conversation", _ORDINARY_CONVERSATION),
            ("managers", _MANAGERS),
            ("frontline", _FRONTLINE),
            ("thread-replies", _THREAD_REPLIES),
            ("openers", _OPENERS),
            ("second-language-5", _SECOND_LANGUAGE_FIFTH_BATCH),
            ("it-helpdesk", _IT_HELPDESK),
            ("long-messages", _LONG_MESSAGES),
            ("marketing", _MARKETING),
            ("new-writers", _NEW_WRITERS),
            ("remote-async", _REMOTE_ASYNC),
            ("second-language-6", _SECOND_LANGUAGE_SIXTH_BATCH),
            ("everyday", _EVERYDAY),
            ("shared-channels", _SHARED_CHANNELS),
            ("second-language-7", _SECOND_LANGUAGE_SEVENTH_BATCH),
            ("community-slack", _COMMUNITY_SLACK),
            ("second-language-8", _SECOND_LANGUAGE_EIGHTH_BATCH),
        )
        for index, (text, expected) in enumerate(cases)
    ],
)
def test_each_register_reads_as_its_blind_batch_showed(text: str, expected: set[str]) -> None:
    assert rules_of(text) == expected, text


@pytest.mark.parametrize(
    ("text", "act"),
    [
        ("need sign-off on the budget move from events to paid social", "ask-decision"),
        ("could you reconcile the petty cash log with the receipts?", "ask-action"),
        ("when you're online, could you look at the flaky upload test?", "ask-review"),
        ("Could you help to arrange the courier pickup for the samples?", "ask-action"),
        ("when you're back from leave, the keys are in the top drawer", "statement"),
    ],
)
def test_the_act_reader_finds_these_asks_and_statements(text: str, act: str) -> None:
    result = lint(text, now=NOW, tz=NEW_YORK)
    assert result.act.value == act, text
    assert result.asks_for_work == (act != "statement"), text
