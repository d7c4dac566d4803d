"""Reading the durations people state in reports: ``45 minutes``, ``1h30m``, ``01:45``.

``parse_duration`` answers seconds and whether the figure was marked as
approximate (``~2 hours``, ``about nine hours``), or None when the text is
not one duration: a range (``2-3 hours``), a bound (``< 5 min``, ``over an
hour``), a placeholder, or prose. A span of two clock times
(``14:00 - 16:00``) is read as the time between them. A figure in
parentheses counts only when there is none outside them: ``47 min
(target: 4 h)`` is 47 minutes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date

from warroom.domain.times import parse_time
from warroom.errors import ValidationError
from warroom.lint.placeholders import find_placeholders, find_todos

_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
    "twenty": 20, "thirty": 30, "forty": 40, "forty-five": 45, "fifty": 50, "sixty": 60,
    "ninety": 90,
}  # fmt: skip
_UNITS = {"d": 86400, "h": 3600, "m": 60, "s": 1}
_NUMBER_WORD = "|".join(sorted(_WORDS, key=len, reverse=True))
_PART = re.compile(
    rf"(?i)(?:(?<![\d.,])(?P<n>\d+(?:[.,]\d+)?)\s*|\b(?P<w>{_NUMBER_WORD})\s+)"
    r"(?P<u>days?|d|hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s)(?![a-z])"
)
_RANGE_OF_NUMBERS = re.compile(r"\d\s*(?:-|–|to)\s*\d+\s*(?:[a-z]|$)", re.IGNORECASE)
_CLOCK = re.compile(r"^(?P<h>\d{1,3}):(?P<m>\d{2})(?::(?P<s>\d{2}))?$")
_TIME = (
    r"(?:\d{4}-\d{2}-\d{2}[ T])?\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s*[A-Z]{1,5})?"
)
_SPAN = re.compile(rf"^(?P<a>{_TIME})\s*(?:-|–|—|to|until)\s*(?P<b>{_TIME})$")
_BOUND = re.compile(
    r"(?i)^(?:<|>|≤|≥|under\b|over\b|more than|less than|at least|at most|up to|within|"
    r"several|a few|many)"
)
_APPROX = re.compile(
    r"(?i)^(?:~|≈|about\b|approx\.?|approximately\b|around\b|roughly\b|nearly\b|almost\b|"
    r"circa\b|ca\.|just over\b|just under\b|some\b)\s*"
)


@dataclass(frozen=True)
class StatedDuration:
    seconds: int
    approximate: bool


def parse_duration(text: str) -> StatedDuration | None:
    """A stated duration, or None when ``text`` is not exactly one duration."""
    plain = re.sub(r"[*_`]", "", text).strip().rstrip(".").strip()
    if not plain or find_placeholders(plain) or find_todos(plain):
        return None
    inner = re.search(r"\(([^()]*)\)", plain)
    if inner is None:
        return _parse_plain(plain)
    # "47 min (target: 4 h)": the figure outside; "[Start] - [End] (2 hours)": the one inside.
    outside = _parse_plain((plain[: inner.start()] + plain[inner.end() :]).strip())
    return outside if outside is not None else _parse_plain(inner.group(1).strip())


def _parse_plain(text: str) -> StatedDuration | None:
    approx = _APPROX.match(text)
    body = text[approx.end() :] if approx else text
    if _BOUND.match(body) or _RANGE_OF_NUMBERS.search(body):
        return None
    parts = list(_PART.finditer(body))
    if parts:
        if re.search(r"\d", _PART.sub("", body)):
            return None  # a number that is not part of a duration: not one figure
        seconds = sum(
            _amount(m.group("n") or m.group("w")) * _UNITS[m.group("u")[0].lower()] for m in parts
        )
        if re.match(r"(?i)half\s+an?\s", body):
            seconds /= 2
        if re.search(r"(?i)\band a half\b", body):
            seconds += _UNITS[parts[-1].group("u")[0].lower()] / 2
        return StatedDuration(round(seconds), approx is not None)
    clock = _CLOCK.match(body)
    if clock:
        total = int(clock["h"]) * 3600 + int(clock["m"]) * 60 + int(clock["s"] or 0)
        return StatedDuration(total, approx is not None)
    span = _SPAN.match(body)
    if span:
        between = _span_seconds(span["a"], span["b"])
        return None if between is None else StatedDuration(between, approx is not None)
    return None


def _amount(number: str) -> float:
    key = number.lower()
    return float(_WORDS[key]) if key in _WORDS else float(key.replace(",", "."))


def _span_seconds(first: str, second: str) -> int | None:
    base = date(2000, 1, 1)
    try:
        start = parse_time(first, default_zone=UTC, base_date=base)
        end = parse_time(second, default_zone=UTC, base_date=base)
    except ValidationError:
        return None
    seconds = int((end.at - start.at).total_seconds())
    if seconds < 0 and not end.has_date:
        seconds += 86400  # 23:30 - 00:15 runs past midnight
    return seconds if seconds >= 0 else None
