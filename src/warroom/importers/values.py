"""Values in label lines: durations, counts, shares, money, yes/no facts, statuses.

Each reader returns ``None`` when the text does not say what it needs, so
that the caller can keep the line verbatim instead of guessing.
"""

from __future__ import annotations

import re

from warroom.domain.model import ActionStatus, Flag, IncidentStatus, Priority, ReviewStatus
from warroom.importers.text import strip_markup

_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "forty-five": 45,
}
_UNIT_SECONDS = {"w": 604800, "d": 86400, "h": 3600, "m": 60, "s": 1}
_DURATION_PART = re.compile(
    r"(?i)(?P<n>\d+(?:[.,]\d+)?|[a-z]+(?:-[a-z]+)?)\s*"
    r"(?P<u>weeks?|wks?|w|days?|d|hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s)\b"
)
_CLOCK_DURATION = re.compile(r"~?\s*(\d{1,3}):([0-5]\d)(?::([0-5]\d))?")
_NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:[,\s]\d{3})+|\d+)(?:\.(\d+))?\s*([kKmM]\b)?")
_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*%")
_CURRENCIES = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}


def parse_duration(text: str) -> int | None:
    """Seconds in ``"4h 27m"``, ``"2 d 1 h"``, ``"1 hour 37 minutes"``, ``"01:25"``."""
    plain = strip_markup(text).strip().lower()
    clock = _CLOCK_DURATION.fullmatch(plain)
    if clock:
        return int(clock[1]) * 3600 + int(clock[2]) * 60 + int(clock[3] or 0)
    total = 0.0
    found = False
    for part in _DURATION_PART.finditer(plain):
        raw = part["n"].replace(",", ".")
        if raw[0].isdigit():
            amount = float(raw)
        elif raw in _NUMBER_WORDS:
            amount = _NUMBER_WORDS[raw]
        else:
            continue
        unit = part["u"].lower()
        key = "m" if unit.startswith("mi") or unit == "m" else unit[0]
        total += amount * _UNIT_SECONDS[key]
        found = True
    return round(total) if found else None


def parse_count(text: str) -> int | None:
    """A whole number: ``"1,234"``, ``"~2k"``, ``"about 15 000 users"``; not a share."""
    plain = strip_markup(text)
    for match in _NUMBER.finditer(plain):
        after = plain[match.end() : match.end() + 1]
        if after == "%":
            continue
        whole = re.sub(r"[,\s]", "", match[1])
        value = float(f"{whole}.{match[2] or 0}")
        suffix = (match[3] or "").lower()
        value *= {"k": 1_000, "m": 1_000_000}.get(suffix, 1)
        return round(value)
    return None


def parse_percent(text: str) -> float | None:
    """A share in percent: ``"5%"``, ``"~0.5 %"``."""
    match = _PERCENT.search(strip_markup(text))
    return float(match[1]) if match else None


def parse_money(text: str) -> tuple[float, str] | None:
    """An amount and its currency: ``"$12,500"``, ``"€3k"``, ``"1200.50 EUR"``."""
    plain = strip_markup(text)
    match = _NUMBER.search(plain)
    if not match:
        return None
    whole = re.sub(r"[,\s]", "", match[1])
    value = float(f"{whole}.{match[2] or 0}")
    value *= {"k": 1_000, "m": 1_000_000}.get((match[3] or "").lower(), 1)
    for mark, code in _CURRENCIES.items():
        if mark in plain:
            return value, code
    code_match = re.search(r"\b(USD|EUR|GBP|JPY|CHF|CAD|AUD|SEK|NOK|DKK)\b", plain.upper())
    return value, code_match[1] if code_match else "USD"


def parse_flag(text: str) -> Flag | None:
    """``"Yes - 3 rows lost"`` -> ``Flag(True, "3 rows lost")``; ``"No"`` -> ``Flag(False)``."""
    plain = strip_markup(text).strip()
    match = re.match(r"(?i)(yes|no|none|true|false|y|n)\b[\s,.:;()–—-]*(.*)", plain)
    if not match:
        return Flag(None, plain) if plain else None
    value = match[1].lower() in ("yes", "true", "y")
    details = match[2].strip().rstrip(")").strip() or None
    return Flag(value, details)


def parse_bool(text: str) -> bool | None:
    """Yes/no (true/false, y/n, none): None if the text says neither."""
    word = strip_markup(text).strip().lower().rstrip(".")
    if re.match(r"(?:yes|true|y)\b", word):
        return True
    if re.match(r"(?:no|false|n|none)\b", word):
        return False
    return None


_INCIDENT_STATUS = (
    (r"post[- ]?mortem complete|closed|complete|done", IncidentStatus.CLOSED),
    (r"resolved|fixed|recovered", IncidentStatus.RESOLVED),
    (r"monitoring|mitigated|stabili[sz]ed", IncidentStatus.MONITORING),
    (r"identified", IncidentStatus.IDENTIFIED),
    (r"investigat|ongoing|open|active|triage", IncidentStatus.INVESTIGATING),
)
_REVIEW_STATUS = (
    (r"draft|wip|work in progress", ReviewStatus.DRAFT),
    (r"(?:under|in|ready for|pending)[ -]review|reviewing", ReviewStatus.IN_REVIEW),
    (r"changes[ -]requested|needs[ -]changes", ReviewStatus.CHANGES_REQUESTED),
    (r"final|approved|published|signed[ -]off", ReviewStatus.APPROVED),
)


def parse_incident_status(text: str) -> IncidentStatus | None:
    """The incident status a word names: Investigation, Mitigated, Resolved, Closed..."""
    word = strip_markup(text).strip().lower()
    for pattern, status in _INCIDENT_STATUS:
        if re.match(pattern, word):
            return status
    return None


def parse_review_status(text: str) -> ReviewStatus | None:
    """The document status a word names: Draft, Under Review, Final..."""
    word = strip_markup(text).strip().lower()
    for pattern, status in _REVIEW_STATUS:
        if re.match(pattern, word):
            return status
    return None


_ACTION_STATUS = (
    (
        r"won'?t|wont|will not|declined|cancel+ed|dropped|rejected|obsolete|n/a",
        ActionStatus.WONT_DO,
    ),
    (r"in[ -]?progress|ongoing|wip|started|doing|in review|underway", ActionStatus.IN_PROGRESS),
    (
        r"done|complete|closed|fixed|resolved|finished|merged|shipped|implemented|yes|✅|✔",
        ActionStatus.DONE,
    ),
    (r"open|todo|to do|to-do|pending|not started|planned|new|backlog|no\b", ActionStatus.OPEN),
)


def parse_action_status(text: str) -> ActionStatus | None:
    """An action item status: done, in progress, won't do, open (and their synonyms)."""
    word = strip_markup(text).strip().lower()
    for pattern, status in _ACTION_STATUS:
        if re.match(pattern, word):
            return status
    return None


def parse_priority(text: str) -> Priority | None:
    """``High``/``Medium``/``Low``, ``P0``..``P4``, ``critical``, ``urgent``."""
    word = strip_markup(text).strip().lower()
    if re.match(r"(?:p0|high|critical|urgent|highest|blocker)\b", word):
        return Priority.HIGH
    if re.match(r"(?:p1|medium|med|normal|moderate)\b", word):
        return Priority.MEDIUM
    if re.match(r"(?:p2|p3|p4|low|lowest|minor|nice to have)\b", word):
        return Priority.LOW
    return None
