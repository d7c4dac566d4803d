"""Rule ``duration-contradicts-timeline``: a stated figure the milestones disagree with.

A report states durations (``Duration: 45 minutes``, ``Time to Detect |
< 5 min | 20 min``); warroom computes them from the milestones. When the
two differ by more than the tolerance (``duration_tolerance_minutes``, or
``duration_tolerance_ratio`` of the computed value when that is larger,
twice that for a figure marked ``~``/``about``), one of them is wrong.
Downtime may be shorter than the incident (a partial outage), never longer.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from warroom.domain.metrics import DEFAULT_METRICS, TOTAL_DURATION, MetricDefinition, compute_metric
from warroom.domain.times import format_duration, format_utc
from warroom.lint.document import MarkdownDocument
from warroom.lint.durations import StatedDuration, parse_duration
from warroom.lint.findings import Finding, finding
from warroom.lint.locate import LintContext

DOWNTIME = "downtime"
_LABELS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), name)
    for pattern, name in (
        (r"^(?:mean )?time to detect(?:ion)?$|^m?ttd$", "time_to_detect"),
        (r"^(?:mean )?time to ack(?:nowledge?(?:ment)?)?$|^m?tta$", "time_to_acknowledge"),
        (r"^(?:mean )?time to mitigat(?:e|ion)$|^m?ttm$", "time_to_mitigate"),
        (r"^(?:mean )?time to (?:resolve|resolution|recover|recovery|restore)$|^m?ttr$",
         "time_to_resolve"),
        (r"^(?:incident |total |outage )?duration$", TOTAL_DURATION.name),
        (r"^(?:total )?downtime$", DOWNTIME),
    )
)  # fmt: skip
_LABEL_LINE = re.compile(
    r"^\s*(?:[-*+]\s+|\d+[.)]\s+)?(?P<label>[^:|]{2,60}?)\s*:\s+(?P<value>.+)$"
)
_VALUE_COLUMNS = ("actual", "value", "measured", "duration")
HINT = (
    "correct the stated figure or the milestone times it comes from;"
    " or leave the figure out and let warroom compute it"
)


@dataclass(frozen=True)
class Statement:
    line: int | None
    label: str  # as written
    metric: str  # metric name, total_duration or downtime
    stated: StatedDuration


def metric_for_label(label: str) -> str | None:
    """``Time to Acknowledge (TTA)`` -> ``time_to_acknowledge``; None for other labels."""
    plain = re.sub(r"[*_`]", "", label).strip().lower()
    candidates = [re.sub(r"\s*\([^)]*\)", "", plain).strip(), *re.findall(r"\(([^)]*)\)", plain)]
    for candidate in candidates:
        for pattern, name in _LABELS:
            if pattern.match(candidate.strip()):
                return name
    return None


def statements_in(doc: MarkdownDocument) -> Iterator[Statement]:
    """Every stated duration in the text: label lines and metric table rows."""
    for number, text in doc.prose():
        if number in doc.quoted or number in doc.rows:
            continue
        match = _LABEL_LINE.match(re.sub(r"[*_]", "", text))
        if match:
            metric = metric_for_label(match["label"])
            stated = parse_duration(match["value"]) if metric else None
            if metric and stated:
                yield Statement(number, match["label"].strip(), metric, stated)
    for table in doc.tables:
        header = [cell.strip().lower() for cell in table.header]
        column = next((i for i, h in enumerate(header) if h in _VALUE_COLUMNS and i > 0), None)
        for row in table.rows:
            metric = metric_for_label(row.cells[0]) if row.cells else None
            if metric is None:
                continue
            cells = (
                [row.cells[column]]
                if column is not None and column < len(row.cells)
                else row.cells[1:]
            )
            for cell in cells:
                stated = parse_duration(cell)
                if stated is not None:
                    yield Statement(row.line, row.cells[0].strip(), metric, stated)
                    break


def check_stated_durations(ctx: LintContext) -> list[Finding]:
    """Stated durations against the milestones; without the text, the record's downtime."""
    if ctx.doc is not None:
        statements = list(statements_in(ctx.doc))
    elif ctx.incident.impact.downtime_seconds is not None:
        stated = StatedDuration(ctx.incident.impact.downtime_seconds, False)
        statements = [
            Statement(ctx.line_for("impact.downtime_seconds"), "Downtime", DOWNTIME, stated)
        ]
    else:
        statements = []
    findings = []
    for statement in statements:
        problem = _contradiction(ctx, statement)
        if problem:
            findings.append(
                finding("duration-contradicts-timeline", problem, hint=HINT, line=statement.line,
                        field=_field(statement.metric))
            )  # fmt: skip
    return findings


def _contradiction(ctx: LintContext, statement: Statement) -> str | None:
    definition = _definition(ctx, statement.metric)
    value = compute_metric(ctx.incident, definition, {})
    if value.seconds is None:
        return None  # nothing to compare with; milestone-missing says so
    tolerance = ctx.settings.tolerance_seconds(value.seconds)
    if statement.stated.approximate:
        tolerance *= 2
    difference = statement.stated.seconds - value.seconds
    if statement.metric == DOWNTIME:
        if difference <= tolerance:
            return None
    elif abs(difference) <= tolerance:
        return None
    start = ctx.incident.milestones.get(definition.start)
    end = ctx.incident.milestones.get(definition.end)
    span = f"{definition.start} {format_utc(start)} → {definition.end} {format_utc(end)}"
    said = format_duration(statement.stated.seconds)
    computed = format_duration(value.seconds)
    if statement.metric == DOWNTIME:
        return f"{statement.label} {said} is longer than the whole incident, {computed} ({span})"
    return f"{statement.label} says {said}, but the timeline gives {computed} ({span})"


def _definition(ctx: LintContext, metric: str) -> MetricDefinition:
    if metric in (TOTAL_DURATION.name, DOWNTIME):
        return TOTAL_DURATION
    for definition in (*ctx.settings.metrics, *DEFAULT_METRICS):
        if definition.name == metric:
            return definition
    raise KeyError(metric)  # every label maps to a default metric


def _field(metric: str) -> str:
    if metric == DOWNTIME:
        return "impact.downtime_seconds"
    return f"metrics.{metric}"
