"""Incidents for the storage tests: a minimal one, and one with every field of the model set."""

from __future__ import annotations

import dataclasses
import itertools
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any, Protocol

from warroom.domain.model import (
    ActionItem,
    ActionKind,
    ActionStatus,
    Analysis,
    Approval,
    Attendee,
    Audience,
    ChecklistItem,
    Communication,
    ContributingFactor,
    EventKind,
    Evidence,
    EvidenceKind,
    ExtraSection,
    Flag,
    Horizon,
    Impact,
    Incident,
    IncidentStatus,
    Lesson,
    LessonCategory,
    Link,
    LinkKind,
    MeasureKind,
    Milestones,
    Observation,
    Phase,
    PreventionMeasure,
    Priority,
    Resolution,
    Review,
    ReviewStatus,
    Roles,
    RootCause,
    ServiceImpact,
    Source,
    TimelineEvent,
    Visibility,
    Why,
)


class OpensUnitsOfWork(Protocol):
    """A ``Database`` or a ``FakeDatabase``."""

    def unit_of_work(self, *, read_only: bool = False) -> Any: ...


_numbers = itertools.count(1)
CET = timezone(timedelta(hours=1), "CET")
NEW_YORK = timezone(timedelta(hours=-5))
BASE = datetime(2026, 11, 20, 14, 5, 7, 123456, tzinfo=CET)


def unique_ref() -> str:
    return f"INC-2026-11-20-{next(_numbers):04d}"


def minimal_incident(ref: str | None = None, **fields: Any) -> Incident:
    """An incident with only what is required, plus ``fields``."""
    values: dict[str, Any] = {"ref": ref or unique_ref(), "title": "Checkout errors", "severity": 2}
    values.update(fields)
    return Incident(**values)


def full_incident(ref: str | None = None) -> Incident:
    """An incident where every field, at every depth, differs from its default.

    Times are in several zones on purpose: storage must give back the same
    instants, in UTC.
    """
    at = BASE
    return Incident(
        ref=ref or unique_ref(),
        title="Payments API returned 500s",
        severity=1,
        status=IncidentStatus.CLOSED,
        review_status=ReviewStatus.APPROVED,
        visibility=Visibility.PRIVATE,
        summary="Card payments failed for 42 minutes",
        executive_summary="A bad config push broke the payments API.\n\nIt was rolled back.",
        services=[ServiceImpact("payments-api", "all card payments failed"), ServiceImpact("web")],
        regions=["eu-west-1", "us-east-1"],
        tenants=["acme", "globex"],
        detection_source="Alertmanager: PaymentsErrorRate",
        milestones=Milestones(
            started=at,
            detected=at + timedelta(minutes=3),
            acknowledged=(at + timedelta(minutes=5)).astimezone(NEW_YORK),
            declared=(at + timedelta(minutes=6)).astimezone(UTC),
            mitigated=at + timedelta(minutes=30),
            resolved=at + timedelta(minutes=42),
            closed=at + timedelta(days=2),
        ),
        timeline=[
            TimelineEvent(
                at=at + timedelta(minutes=3),
                text="Alert fired: error rate 35%",
                kind=EventKind.ALERT,
                phase=Phase.DETECTION,
                source=Source.ALERT,
                author="alertmanager",
                link="https://alerts.example/1",
                action_taken="paged on-call",
            ),
            TimelineEvent(at=(at + timedelta(minutes=30)).astimezone(NEW_YORK), text="Rolled back"),
        ],
        roles=Roles(
            commander="alice",
            technical_lead="bob",
            communications_lead="carol",
            scribe="dan",
            report_author="erin",
            responders=["frank", "grace"],
            reviewers=["heidi", "ivan"],
        ),
        impact=Impact(
            summary="No card payments for 42 minutes",
            users_affected=12000,
            users_affected_share=12.5,
            user_facing_errors="HTTP 500 on /pay",
            symptoms="checkout spinner",
            failed_requests=98765,
            error_rate=35.25,
            downtime_seconds=2520,
            recovery_point="none lost",
            service_degradation="full outage of payments",
            internal_impact="support queue tripled",
            data_loss=Flag(False, "nothing lost"),
            data_corruption=Flag(False, "checked ledger"),
            data_exposure=Flag(False, "no PII in logs"),
            sla_breach=Flag(True, "99.9% monthly missed"),
            regulatory=Flag(True, "PSD2 report filed"),
            reputation="medium",
            currency="EUR",
            revenue_lost=15000.5,
            extra_costs=250.0,
            credits_issued=1200.75,
        ),
        analysis=Analysis(
            trigger="config push 4711",
            root_cause=RootCause("pool size set to 0", "template default", "no config test"),
            contributing_factors=[
                ContributingFactor("missing-config-test", "no validation", "let it through"),
                ContributingFactor("slow-rollback"),
            ],
            five_whys=[Why("Why 500s?", "No DB connections"), Why("Why none?", "Pool size 0")],
            resolution=Resolution(
                immediate_fix="rollback",
                long_term_fix="validate config",
                rollback_needed=True,
                verification="error rate back to 0.1%",
                investigation_steps=["checked dashboards", "read logs"],
                steps=["revert", "redeploy"],
            ),
            went_well=[Observation("Fast detection", "3 minutes", "limited impact")],
            went_poorly=[Observation("Slow rollback", "manual steps", "20 more minutes")],
            lucky=["low traffic hour"],
            surprises=["pool size 0 is accepted"],
            lessons=[Lesson("Validate configs", LessonCategory.PROCESS, "add a CI check")],
            prevention=[PreventionMeasure("config linter", MeasureKind.DETECTION, True)],
        ),
        action_items=[
            ActionItem(
                key="AI-1",
                title="Add config validation",
                owner="bob",
                due=date(2026, 12, 1),
                priority=Priority.HIGH,
                status=ActionStatus.WONT_DO,
                reason="covered by AI-2",
                horizon=Horizon.SHORT,
                kind=ActionKind.PREVENT,
                factor="missing-config-test",
                ticket="https://tickets.example/PAY-1",
                created_at=at + timedelta(days=1),
                completed_at=(at + timedelta(days=3)).astimezone(NEW_YORK),
            ),
            ActionItem(key="AI-2", title="One-click rollback"),
        ],
        communications=[
            Communication(
                at + timedelta(minutes=10), "Status page updated", Audience.EXTERNAL, "web"
            ),
            Communication(None, "Internal summary"),
        ],
        review=Review(
            meeting_at=at + timedelta(days=2),
            attendees=[Attendee("alice", "commander"), Attendee("ivan")],
            discussion_points=["rollback tooling"],
            approvals=[Approval("eng manager", "ivan", True, at + timedelta(days=2), "ok")],
            requested_changes=[Approval("sre lead", "heidi", False, at, "add graphs")],
            next_review=date(2027, 1, 15),
            cadence=["30 days"],
            knowledge_sharing=[ChecklistItem("present at guild", True)],
            distribution=["eng-all@example.com"],
            communication_worked="status page",
            communication_failed="no customer email",
            requested_at=at + timedelta(days=1, hours=2),
        ),
        links=[Link("https://grafana.example/d/pay", "Payments", LinkKind.DASHBOARD)],
        evidence=[Evidence("ERROR pool exhausted", EvidenceKind.ERROR_LOG, "app log")],
        extra_sections=[ExtraSection("Appendix", "Anything else, verbatim.")],
        labels={"team": "payments", "cost-center": "42"},
        created_at=at - timedelta(minutes=1),
        updated_at=at + timedelta(days=2, hours=1),
        version=3,
    )


def fields_left_at_default(value: Any, path: str = "incident") -> list[str]:
    """Every field (recursively; the first item of each list) still at its default value."""
    if not dataclasses.is_dataclass(value) or isinstance(value, type):
        return []
    unset: list[str] = []
    for spec in dataclasses.fields(value):
        current = getattr(value, spec.name)
        where = f"{path}.{spec.name}"
        if spec.default is not dataclasses.MISSING:
            default = spec.default
        elif spec.default_factory is not dataclasses.MISSING:
            default = spec.default_factory()
        else:
            default = dataclasses.MISSING
        if current == default:
            unset.append(where)
        elif isinstance(current, list) and current:
            unset.extend(fields_left_at_default(current[0], f"{where}[0]"))
        else:
            unset.extend(fields_left_at_default(current, where))
    return unset
