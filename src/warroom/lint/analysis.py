"""Rules on the analysis: ``blame-language`` and ``five-whys-short``.

``blame-language``: analysis that stops at a person instead of the system.

Precision over recall. ``failed to`` and ``forgot to`` fire only when the
subject is plainly a person: a pronoun (he, she, I, someone), a role noun
(the engineer, our on-call, a reviewer), an @handle, or a name the incident
itself records (roles, action owners, attendees). So "the deploy failed to
start" and "Kubernetes failed to schedule the pods" pass, and so does
"Bob failed to restart it" when Bob is named nowhere in the record: a
missed finding is cheaper than teaching people to ignore the rule.
A phrase that is negated in its clause ("this was not human error") or
quoted passes too. "human error" is checked where it would be the
cause: root cause, trigger, contributing factors, five whys, summaries.

``five-whys-short``: a five-whys chain that stops before it reaches the system.

One or two whys rarely get past the symptom ("the disk filled up"); the
third is where process and design usually show. The minimum is
``min_whys`` (default 3). A report with no five whys at all is not this
rule's business (``missing-section`` is, when the team requires them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from warroom.domain.model import Incident
from warroom.lint.findings import Finding, finding
from warroom.lint.locate import LintContext, iter_text_fields
from warroom.lint.placeholders import is_blank

CAUSE_FIELDS = (
    "analysis.root_cause",
    "analysis.trigger",
    "analysis.contributing_factors",
    "analysis.five_whys",
    "summary",
    "executive_summary",
    "extra_sections",
)
SCANNED_FIELDS = ("analysis", "summary", "executive_summary", "extra_sections")
_ROLE = (
    r"(?:engineers?|operators?|developers?|devs?|admins?|administrators?|sres?|on-?call(?:ers?)?"
    r"|team members?|reviewers?|responders?|commanders?|employees?|contractors?|person"
    r"|staff|interns?|managers?|analysts?|dbas?|humans?|individuals?|colleagues?|author)"
)
_PERSON = (
    rf"(?i:\b(?:he|she|someone|somebody)\b)|(?-i:\bI\b)|@[\w-]+"
    rf"|(?i:\b(?:the|an?|our|their|his|her|one of the|one)\s+(?:[\w-]+\s+)?{_ROLE}\b)"
)
_FAILED = (
    r"\s+(?:had\s+|has\s+|have\s+|simply\s+|just\s+)?(?:failed|forgot|forgotten|neglected)\s+to\b"
)
_NEGATION = re.compile(
    r"(?i)\b(?:not|no|never|nobody|without|isn't|wasn't|weren't|aren't|rather than|instead of)\b"
    r"|n't\b"
)
# Possessives that name nobody ("nobody's fault") or are contractions ("it's fault-tolerant").
_NOBODY = frozenset(
    {"nobody", "noone", "no-one", "anyone", "anybody", "one", "it", "that", "this", "what",
     "there", "here", "who", "where"}
)  # fmt: skip


@dataclass(frozen=True)
class BlamePattern:
    name: str
    regex: re.Pattern[str]
    hint: str
    cause_only: bool = False  # only where it would be stated as the cause


_HINT_CHARACTER = (
    "describe the action and its context, not the person: what made the shortcut the easy path?"
)
PATTERNS: tuple[BlamePattern, ...] = (
    BlamePattern(
        "human error",
        re.compile(r"(?i)\b(?:human|operator|personnel|pilot)\s+error\b"),
        "'human error' is where the inquiry should start: describe what in the system made"
        " the error possible and easy (no check, a confusing tool, no review, time pressure)",
        cause_only=True,
    ),
    BlamePattern(
        "fault",
        re.compile(r"(?i)\b(?P<who>[\w@.-]+)(?:'s|’s)\s+fault(?![\w-])"),
        "say which conditions allowed it to happen, not who is to blame",
    ),
    BlamePattern(
        "hindsight",
        re.compile(
            r"(?i)\b(?:should|ought to)(?:\s+have|'ve)\s+"
            r"(?:known|noticed|realized|realised|spotted|remembered)\b"
        ),
        "hindsight: say what information was missing or hard to see at the time, and how the"
        " system could surface it",
    ),
    BlamePattern(
        "character",
        re.compile(r"(?i)\b(?:careless(?:ly|ness)?|negligen(?:t|tly|ce)|sloppy|sloppiness"
                   r"|reckless(?:ly|ness)?|incompeten(?:t|ce)|irresponsibl[ey])\b"),
        _HINT_CHARACTER,
    ),
    BlamePattern(
        "didn't bother",
        re.compile(r"(?i)\b(?:didn't|did\s+not|never|couldn't\s+be|could\s+not\s+be)\s+bother(?:ed)?\b"),
        _HINT_CHARACTER,
    ),
)  # fmt: skip
_HINT_FAILED = (
    "say what happened and what made it hard: 'the runbook did not mention the flag' rather"
    " than 'the engineer failed to set the flag'"
)


def person_failed_pattern(incident: Incident) -> BlamePattern:
    """``<person> failed/forgot/neglected to``, with the people this incident names.

    A full name also counts by its first word ("Alice" for "Alice Chen").
    """
    names = set(incident.participants)
    names.update(item.owner for item in incident.action_items if item.owner)
    names.update(attendee.name for attendee in incident.review.attendees)
    words: set[str] = set()
    for name in (n.strip() for n in names):
        words.add(name)
        first = name.split()[0] if name else ""
        if first != name and len(first) > 2 and first[0].isupper():
            words.add(first)
    known = sorted((re.escape(w) for w in words if len(w) > 1), key=len, reverse=True)
    people = _PERSON + (rf"|(?-i:\b(?:{'|'.join(known)})\b)" if known else "")
    return BlamePattern("failed to", re.compile(rf"(?:{people}){_FAILED}"), _HINT_FAILED)


def blame_phrases(
    text: str, *, cause: bool, patterns: tuple[BlamePattern, ...] = PATTERNS
) -> list[tuple[BlamePattern, str]]:
    """The blaming phrases in ``text`` (one per pattern), skipping negated and quoted ones."""
    found = []
    for pattern in patterns:
        if pattern.cause_only and not cause:
            continue
        for match in pattern.regex.finditer(text):
            who = match.groupdict().get("who")
            if who and who.casefold() in _NOBODY:
                continue
            if _negated(text, match.start()) or _quoted(text, match.start()):
                continue
            found.append((pattern, match.group(0)))
            break
    return found


def check_blame(ctx: LintContext) -> list[Finding]:
    """Blaming phrases in the analysis and summaries, one finding per field and kind."""
    patterns = (*PATTERNS, person_failed_pattern(ctx.incident))
    findings = []
    for path, value in iter_text_fields(ctx.incident):
        if not path.startswith(SCANNED_FIELDS):
            continue
        cause = path.startswith(CAUSE_FIELDS)
        for pattern, phrase in blame_phrases(value, cause=cause, patterns=patterns):
            findings.append(
                finding(
                    "blame-language",
                    f"blaming language in {path}: “{phrase}”",
                    hint=pattern.hint,
                    line=ctx.line_for(path, phrase=phrase),
                    field=path,
                )
            )
    return findings


def _clause_before(text: str, position: int) -> str:
    start = max(text.rfind(mark, 0, position) for mark in ".;:!?,\n")
    return text[start + 1 : position]


def _negated(text: str, position: int) -> bool:
    return bool(_NEGATION.search(_clause_before(text, position)))


def _quoted(text: str, position: int) -> bool:
    before = text[:position]
    return before.count('"') % 2 == 1 or before.count("“") > before.count("”")


def check_five_whys(ctx: LintContext) -> list[Finding]:
    """A five-whys chain with fewer answered whys than the minimum."""
    whys = ctx.incident.analysis.five_whys
    if not whys:
        return []
    answered = [index for index, why in enumerate(whys) if not is_blank(why.answer)]
    minimum = ctx.settings.min_whys
    if len(answered) >= minimum:
        return []
    last = answered[-1] if answered else 0
    if answered:
        message = f"the five whys stop after {len(answered)} answered why"
        message += "s" if len(answered) > 1 else ""
    else:
        message = "the five whys have no answers"
    return [
        finding(
            "five-whys-short",
            f"{message}; at least {minimum} are expected",
            hint="keep asking why of the last answer until it names something in the system"
            " or the process (a missing check, an unclear runbook), not a person or a symptom",
            line=ctx.line_for(f"analysis.five_whys[{last}]"),
            field="analysis.five_whys",
        )
    ]
