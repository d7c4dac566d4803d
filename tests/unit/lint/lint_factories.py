"""Plain factory functions for the lint tests: incidents that pass, and helpers to lint them."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta
from typing import Any

from warroom.domain.model import (
    ActionItem,
    Analysis,
    EventKind,
    Impact,
    Incident,
    IncidentStatus,
    Milestones,
    Roles,
    RootCause,
    TimelineEvent,
    Why,
)
from warroom.importers.result import ImportResult
from warroom.lint import Finding, LintSettings, lint_incident

T0 = datetime(2026, 3, 5, 14, 0, tzinfo=UTC)
_numbers = itertools.count(1)


def at(minutes: int) -> datetime:
    """T0 plus ``minutes``: the times every factory incident uses."""
    return T0 + timedelta(minutes=minutes)


def make_incident(severity: int = 4, **fields: Any) -> Incident:
    """A bare incident with a unique reference; SEV-4 requires no sections by default."""
    number = next(_numbers)
    values: dict[str, Any] = {
        "ref": f"INC-2026-03-05-{number:03d}",
        "title": f"Checkout errors {number}",
        "severity": severity,
    }
    values.update(fields)
    return Incident(**values)


def make_action(key: str = "AI-1", **fields: Any) -> ActionItem:
    """An action item that passes: an owner and a due date."""
    values: dict[str, Any] = {
        "key": key,
        "title": "Alert on connection pool saturation",
        "owner": "Alice Chen",
        "due": date(2026, 4, 1),
    }
    values.update(fields)
    return ActionItem(**values)


def full_milestones() -> Milestones:
    """Started 14:00, detected 14:05, acknowledged 14:08, mitigated 14:30, resolved 15:00."""
    return Milestones(
        started=at(0), detected=at(5), acknowledged=at(8), declared=at(10), mitigated=at(30),
        resolved=at(60),
    )  # fmt: skip


def complete_incident(severity: int = 1, **fields: Any) -> Incident:
    """An incident every record rule passes: the baseline the failing cases change one thing of."""
    values: dict[str, Any] = {
        "status": IncidentStatus.RESOLVED,
        "summary": "Checkout returned 500s for an hour after a pool size change.",
        "milestones": full_milestones(),
        "timeline": [
            TimelineEvent(at(0), "Pool size lowered by a config deploy", EventKind.ACTION),
            TimelineEvent(at(5), "Error rate alert fired", EventKind.ALERT),
            TimelineEvent(at(60), "Error rate back to normal", EventKind.OBSERVATION),
        ],
        "roles": Roles(commander="Alice Chen", responders=["Bob Stone"]),
        "impact": Impact(summary="12% of checkouts failed", users_affected=4200),
        "analysis": Analysis(
            trigger="A config deploy lowered the database pool size to 5.",
            root_cause=RootCause(
                summary="The pool size setting had no lower bound.",
                why="The config schema accepted any integer.",
            ),
            five_whys=[
                Why("Why did checkout fail?", "Requests waited for a database connection."),
                Why("Why did they wait?", "The pool had 5 connections."),
                Why("Why 5?", "The deploy set it and nothing checked the value."),
            ],
        ),
        "action_items": [make_action()],
    }
    values.update(fields)
    return make_incident(severity=severity, **values)


def lint_record(incident: Incident, **settings: Any) -> list[Finding]:
    """Record rules only: no source text."""
    return lint_incident(incident, settings=LintSettings(**settings))


def lint_text(
    text: str,
    incident: Incident | None = None,
    *,
    source: ImportResult | None = None,
    **settings: Any,
) -> list[Finding]:
    """Text rules (and record rules on ``incident``, a passing one by default)."""
    record = incident if incident is not None else complete_incident(severity=4)
    return lint_incident(record, settings=LintSettings(**settings), source=source, text=text)


def of_rule(findings: list[Finding], rule: str) -> list[Finding]:
    return [f for f in findings if f.rule == rule]


def rules_of(findings: list[Finding]) -> set[str]:
    return {f.rule for f in findings}
