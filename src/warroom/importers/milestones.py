"""Milestones from what the report states, checked against each other.

Order of trust: a label that names a milestone (``Start Time``, ``Resolved``)
beats a stated metric (``Time to Acknowledge: 2 min`` gives acknowledged =
detected + 2 min), which beats the words of a timeline entry ("alert fired",
"mitigated", "service restored"). A metric or duration that contradicts the
milestones by more than a few minutes is a warning and stays as written; a
milestone out of order (detected before started) is dropped with a warning,
the timeline is kept.
"""

from __future__ import annotations

import re
from datetime import timedelta

from warroom.domain.incident import MILESTONE_ORDER, STATUS_MILESTONE
from warroom.domain.metrics import DEFAULT_METRICS
from warroom.domain.model import MILESTONE_NAMES, EventKind, IncidentStatus, Milestones
from warroom.domain.times import format_duration, format_utc
from warroom.importers.context import Context, StatedTime
from warroom.importers.text import strip_markup

# Words of a timeline entry that say a milestone happened; the first entry saying it counts
# (the last, for closed).
_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE))
    for name, pattern in (
        (
            "started",
            r"\b(?:(?:incident|outage|impact|problem|issue|degradation|downtime|"
            r"disruption)\s+(?:starts|started|begins|began|start)|first occ?urr?ence|"
            r"(?:site|service|website|api|system|app)\s+(?:is|was|went)\s+(?:hard\s+)?down)\b",
        ),
        (
            "detected",
            r"\b(?:detected|detection|alert(?:ed|s)?\s+(?:fired|triggered)|alarms?|"
            r"first (?:report|recorded)|noticed|notices|reported|reports? (?:of|on|in|via|that)|"
            r"became aware|were made aware|notified by|discover(?:s|ed)|"
            r"receives? an? (?:e-?mail|report|alert|page|ticket))\b",
        ),
        (
            "acknowledged",
            r"\b(?:acknowledg\w*|ack'?d|paged|team (?:notified|alerted|engaged)|"
            r"on-?call (?:engaged|responded|paged)|(?:investigations?|response) "
            r"(?:began|begins|started|starts)|begins? (?:looking|investigat\w*)|"
            r"(?:huddle|war room|bridge call) (?:begins|began|started|opened))\b",
        ),
        (
            "declared",
            r"\b(?:incident declared|declared (?:an |as an |this as an |the )?incident|"
            r"declared as sev)\b",
        ),
        (
            "mitigated",
            r"\b(?:mitigat\w*|workaround|rolled back|rollback (?:of .{0,60})?"
            r"(?:completed?|done)|fix (?:applied|implemented|deployed)|repaired|"
            r"begins? to recover|began recovering)\b",
        ),
        (
            "resolved",
            r"\b(?:resolved|resolution (?:is )?confirmed|fully recovered|restored|"
            r"confirmed working|(?:issue|problem) (?:was |is )?fixed|"
            r"back to (?:normal|baseline)|outage ends|issue goes away|recovered fully|"
            r"(?:outage|incident|disruption) to an end|"
            r"service(?:s)? (?:is |are )?back)\b",
        ),
        ("closed", r"\b(?:incident closed|closed the incident|incident (?:is )?closed)\b"),
    )
)
_NOT_RESOLVED = re.compile(r"(?i)\bnot (?:yet )?resolved")
_METRIC_FIRST = {m.name: (m.start, m.end) for m in DEFAULT_METRICS}


def _gist(text: str) -> str:
    """What an entry says happened: its first sentence, and what it marks in bold or in a
    short parenthesis ("(**outage starts**)"), not the story around it."""
    plain = strip_markup(text)
    end = re.search(r"[.!?](?:\s|$)", plain[20:])
    marks = re.findall(r"\*\*([^*\n]{1,60})\*\*|\(([^()\n]{1,40})\)", text)
    first = plain[: 20 + end.start() + 1] if end else plain[:300]
    return " | ".join([first, *(a or b for a, b in marks)])


def milestones_from_timeline(ctx: Context) -> None:
    """Milestones the words of timeline entries state, where no label states them."""
    ordered = sorted(ctx.incident.timeline, key=lambda e: e.at)
    texts = [_gist(event.text) for event in ordered]
    for name, pattern in _WORDS:
        if name in ctx.stated:
            continue
        indexes = range(len(ordered) - 1, -1, -1) if name == "closed" else range(len(ordered))
        for index in indexes:
            if pattern.search(texts[index]) and not (
                name == "resolved" and _NOT_RESOLVED.search(texts[index])
            ):
                ordered[index].kind = EventKind.MILESTONE
                ctx.stated[name] = StatedTime(ordered[index].at, -1, 1)
                break


def _tolerance(seconds: int) -> timedelta:
    # "2 d 3 h" says nothing finer than the hour; "47 min" is good to a few minutes.
    return timedelta(hours=1) if seconds >= 86400 else timedelta(minutes=5)


_ORDER = (
    "time_to_detect",
    "time_to_acknowledge",
    "time_to_mitigate",
    "time_to_resolve",
    "duration",
)
_PAIRS = {
    "time_to_detect": [("started", "detected")],
    "time_to_acknowledge": [("detected", "acknowledged")],
    "time_to_mitigate": [("started", "mitigated"), ("detected", "mitigated")],
    "time_to_resolve": [("started", "resolved"), ("detected", "resolved")],
    "duration": [("started", "resolved"), ("started", "mitigated"), ("detected", "resolved")],
}


def _agrees(actual: timedelta, stated: timedelta, start: str, seconds: int) -> bool:
    """Within the tolerance; from a later start than "started", a longer stated span is fine
    (the incident may have begun before it was detected)."""
    if start != "started" and stated >= actual:
        return True
    return abs(actual - stated) <= _tolerance(seconds)


def _derive(ctx: Context) -> None:
    """A stated metric whose start milestone is known and end is not gives the end."""
    for what, seconds, line in sorted(ctx.durations, key=lambda d: _ORDER.index(d[0])):
        start, end = _PAIRS[what][0]
        if start in ctx.stated and end not in ctx.stated and ctx.stated[start].strength >= 2:
            ctx.stated[end] = StatedTime(ctx.stated[start].at + timedelta(seconds=seconds), line, 2)
            ctx.claims[line] = f"milestones.{end}"
            ctx.derived_lines.add(line)


def _check(ctx: Context) -> None:
    """Every other stated metric is checked against the milestones, or kept as the downtime.

    Its line was claimed when read; one that contradicts the milestones, or
    that nothing checks, is given back (it ends up in an extra section).
    """
    for what, seconds, line in ctx.durations:
        if line in ctx.derived_lines:
            continue
        stated = timedelta(seconds=seconds)
        known = [(a, b) for a, b in _PAIRS[what] if a in ctx.stated and b in ctx.stated]
        if not known:
            if what == "duration" and ctx.put("impact.downtime_seconds", seconds, []):
                ctx.claims[line] = "impact.downtime_seconds"
            else:
                ctx.claims.pop(line, None)
            continue
        if any(_agrees(ctx.stated[b].at - ctx.stated[a].at, stated, a, seconds) for a, b in known):
            continue
        ctx.claims.pop(line, None)
        a, b = known[0]
        actual = (ctx.stated[b].at - ctx.stated[a].at).total_seconds()
        label = "duration" if what == "duration" else what.replace("_", " ")
        ctx.warn(
            f"the stated {label} ({format_duration(seconds)}) does not match the "
            f"milestones ({b} - {a} = {format_duration(actual)})",
            line,
        )


def check_order(ctx: Context) -> Milestones:
    """The milestones, with any that break the order dropped (and a warning for each).

    Of a pair out of order, the one less sure is dropped; if both are as sure,
    the one at odds with more of the others; then the later milestone.
    """
    while True:
        broken = [
            (a, b)
            for a, b in MILESTONE_ORDER
            if a in ctx.stated and b in ctx.stated and ctx.stated[b].at < ctx.stated[a].at
        ]
        if not broken:
            break
        count = {name: sum(name in pair for pair in broken) for pair in broken for name in pair}
        earlier, later = broken[0]
        first, second = ctx.stated[earlier], ctx.stated[later]
        if first.strength != second.strength:
            drop = earlier if first.strength < second.strength else later
        elif count[earlier] != count[later]:
            drop = earlier if count[earlier] > count[later] else later
        else:
            drop = later
        kept = later if drop == earlier else earlier
        dropped = ctx.stated.pop(drop)
        where = dropped.line if dropped.line > 0 else None
        ctx.warn(
            f"{drop} ({format_utc(dropped.at)}) cannot be "
            f"{'after' if drop == earlier else 'before'} {kept} "
            f"({format_utc(ctx.stated[kept].at)}); {drop} was left out",
            where,
        )
        if where is not None and ctx.claims.get(where) == f"milestones.{drop}":
            del ctx.claims[where]
    return Milestones(**{n: ctx.stated[n].at for n in MILESTONE_NAMES if n in ctx.stated})


def settle(ctx: Context) -> None:
    """Metrics, timeline words, checks, order; then the status the milestones imply."""
    _derive(ctx)
    milestones_from_timeline(ctx)
    _check(ctx)
    ctx.incident.milestones = check_order(ctx)
    if not ctx.status_stated:
        for status in (IncidentStatus.CLOSED, IncidentStatus.RESOLVED, IncidentStatus.MONITORING):
            if ctx.incident.milestones.get(STATUS_MILESTONE[status]) is not None:
                ctx.incident.status = status
                break
