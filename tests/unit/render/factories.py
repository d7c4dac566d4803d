"""Incidents for the renderer tests: one with every field recorded, one nearly empty."""

from __future__ import annotations

from datetime import UTC, date, datetime

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
    Why,
)


def at(hour: int, minute: int, day: int = 20) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=UTC)


def empty_incident(ref: str = "INC-2026-11-21-001") -> Incident:
    """What a report looks like the minute an incident is declared."""
    return Incident(ref=ref, title="Elevated error rate", severity=3)


def full_incident(ref: str = "INC-2026-11-20-001") -> Incident:
    """An incident with every part of the record filled in."""
    return Incident(
        ref=ref,
        title="Checkout API outage",
        severity=1,
        status=IncidentStatus.CLOSED,
        review_status=ReviewStatus.APPROVED,
        summary="Checkout failed for 47 minutes after a connection pool change.",
        executive_summary=(
            "Between 14:00 and 14:47 UTC most checkout requests failed.\n"
            "A configuration change halved the database connection pool.\n\n"
            "Rolling the change back restored service; no orders were lost."
        ),
        services=[
            ServiceImpact("checkout-api", "5xx on every payment call"),
            ServiceImpact("web-frontend", "checkout page showed an error"),
        ],
        regions=["eu-west-1", "us-east-1"],
        tenants=["acme"],
        detection_source="Monitoring alert (Prometheus)",
        milestones=Milestones(
            started=at(14, 0),
            detected=at(14, 4),
            acknowledged=at(14, 6),
            declared=at(14, 8),
            mitigated=at(14, 40),
            resolved=at(14, 47),
            closed=at(16, 0),
        ),
        timeline=_timeline(),
        roles=Roles(
            commander="Alice Martin",
            technical_lead="Bilal Khan",
            communications_lead="Chen Wei",
            scribe="Dana Scott",
            report_author="Alice Martin",
            responders=["Bilal Khan", "Eve Adams"],
            reviewers=["Frank Osei"],
        ),
        impact=Impact(
            summary="Customers could not pay; support received 120 tickets",
            users_affected=12000,
            users_affected_share=15.5,
            user_facing_errors="HTTP 503 on the payment step",
            symptoms="Spinner, then 'Something went wrong' at payment",
            failed_requests=48210,
            error_rate=62.5,
            downtime_seconds=2820,
            recovery_point="2026-11-20 13:59 UTC",
            service_degradation="p99 latency above 10 s before the failures",
            internal_impact="Two teams paged; release freeze for the afternoon",
            data_loss=Flag(False),
            data_corruption=Flag(False),
            data_exposure=Flag(False),
            sla_breach=Flag(True, "monthly 99.9% availability missed"),
            regulatory=Flag(False),
            reputation="Medium",
            revenue_lost=18500.0,
            extra_costs=1200.0,
            credits_issued=3000.0,
        ),
        analysis=_analysis(),
        action_items=_action_items(),
        communications=[
            Communication(
                at(14, 9),
                "Incident declared, war room opened",
                Audience.INTERNAL,
                "Slack #incidents",
            ),
            Communication(
                at(14, 15), "Checkout degraded, investigating", Audience.EXTERNAL, "Status page"
            ),
            Communication(
                at(14, 30),
                "Executive briefing on customer impact",
                Audience.INTERNAL,
                "Email to leadership",
            ),
            Communication(at(14, 50), "Checkout restored", Audience.EXTERNAL, "Status page"),
            Communication(
                at(17, 0), "Apology and credits to affected merchants", Audience.EXTERNAL, "Email"
            ),
        ],
        review=Review(
            meeting_at=at(15, 0, day=23),
            attendees=[
                Attendee("Alice Martin", "Incident Commander"),
                Attendee("Bilal Khan", "Technical Lead"),
                Attendee("Grace Lee", "Engineering Manager"),
            ],
            discussion_points=[
                "Why the pool size was not validated",
                "Whether canary releases cover configuration",
            ],
            approvals=[
                Approval("Incident Commander", "Alice Martin", True, at(10, 0, day=24)),
                Approval("Technical Lead", "Bilal Khan", True, at(11, 0, day=24)),
                Approval("Engineering Manager", "Grace Lee", True, at(12, 0, day=24)),
            ],
            next_review=date(2026, 12, 21),
            cadence=["Week 1: check immediate actions", "Month 1: check all actions"],
            knowledge_sharing=[
                ChecklistItem("Post-mortem published internally", True),
                ChecklistItem("Documentation updated", False),
            ],
            distribution=["engineering@example.com", "support-leads@example.com"],
            communication_worked="Status page updates every 15 minutes",
            communication_failed="Support learned of the incident from customers",
        ),
        links=[
            Link(
                "https://grafana.example.com/d/checkout", "Checkout dashboard", LinkKind.DASHBOARD
            ),
            Link("https://tickets.example.com/OPS-812", "OPS-812", LinkKind.TICKET),
            Link(
                "https://git.example.com/pay/pull/311", "Revert pool change", LinkKind.PULL_REQUEST
            ),
            Link(
                "https://wiki.example.com/inc/INC-2026-10-02-003",
                "INC-2026-10-02-003",
                LinkKind.INCIDENT,
            ),
        ],
        evidence=[
            Evidence(
                "ERROR pool exhausted: timeout after 5000 ms (active=10, idle=0)\n"
                "ERROR payment call failed: upstream 503",
                EvidenceKind.ERROR_LOG,
                "checkout-api log",
            ),
            Evidence(
                "-db.pool.max_size: 20\n+db.pool.max_size: 10",
                EvidenceKind.CONFIG_CHANGE,
                "payments.yaml",
            ),
            Evidence(
                'error_rate{service="checkout"} peaked at 0.63 at 14:12', EvidenceKind.METRICS
            ),
        ],
        extra_sections=[
            ExtraSection("Customer Quotes", "> We lost an afternoon of sales.\n> — a merchant")
        ],
        created_at=at(14, 8),
        updated_at=at(12, 5, day=24),
        version=7,
    )


def _timeline() -> list[TimelineEvent]:
    return [
        TimelineEvent(
            at(13, 55),
            "Configuration change deployed: pool size 20 to 10",
            EventKind.ACTION,
            None,
            Source.MANUAL,
            "Bilal Khan",
        ),
        TimelineEvent(
            at(14, 4),
            "High error rate alert fired for checkout-api",
            EventKind.ALERT,
            Phase.DETECTION,
            Source.ALERT,
            None,
            "https://alerts.example.com/a/991",
            "Paged the on-call engineer",
        ),
        TimelineEvent(
            at(14, 8),
            "Incident declared as SEV-1",
            EventKind.MILESTONE,
            Phase.RESPONSE,
            Source.SYSTEM,
            "Alice Martin",
        ),
        TimelineEvent(
            at(14, 25),
            "Root cause identified: connection pool exhausted",
            EventKind.OBSERVATION,
            Phase.RESPONSE,
            Source.MANUAL,
            "Bilal Khan",
        ),
        TimelineEvent(
            at(14, 40),
            "Configuration rolled back",
            EventKind.ACTION,
            Phase.RESOLUTION,
            Source.MANUAL,
            "Bilal Khan",
            None,
            "Reverted payments.yaml and restarted pods",
        ),
        TimelineEvent(
            at(14, 47),
            "Error rate back to baseline; incident resolved",
            EventKind.MILESTONE,
            Phase.RESOLUTION,
            Source.SYSTEM,
        ),
    ]


def _analysis() -> Analysis:
    return Analysis(
        trigger="Deploy of payments.yaml with db.pool.max_size 10",
        root_cause=RootCause(
            summary="The connection pool was too small for peak checkout traffic.",
            why="The pool size was copied from the staging configuration.",
            why_not_caught="Load tests run against staging, which has a tenth of the traffic.",
        ),
        contributing_factors=[
            ContributingFactor(
                "config-review",
                "Configuration changes skip code review",
                "The change reached production unreviewed",
            ),
            ContributingFactor(
                "alert-threshold",
                "The saturation alert fired at 100%",
                "Detection came only after failures began",
            ),
        ],
        five_whys=[
            Why(
                "Why did checkout fail?", "Requests waited for a database connection and timed out"
            ),
            Why("Why were there no connections?", "The pool allowed only 10"),
            Why("Why only 10?", "The staging value was copied to production"),
        ],
        resolution=Resolution(
            immediate_fix="Rolled back payments.yaml to pool size 20",
            long_term_fix="Size pools from measured peak concurrency, checked in CI",
            rollback_needed=True,
            verification="Error rate and p99 latency back to baseline for 30 minutes",
            investigation_steps=[
                "Checked checkout-api error logs",
                "Compared pool metrics with the deploy time",
            ],
            steps=[
                "Reverted the configuration",
                "Restarted checkout-api pods",
                "Watched the error rate for 30 minutes",
            ],
        ),
        went_well=[
            Observation(
                "Alert fired within 4 minutes",
                "The error-rate alert paged on-call",
                "Response began before customer reports",
            ),
            Observation("Rollback was one command"),
        ],
        went_poorly=[
            Observation(
                "Configuration changes are not reviewed",
                "The change went out unreviewed",
                "Caused the incident",
            ),
            Observation("Support was not told for 20 minutes"),
        ],
        lucky=["The incident happened outside the evening peak"],
        surprises=["Retries from the mobile app tripled the load"],
        lessons=[
            Lesson(
                "Configuration is code\nIt needs the same review and tests.",
                LessonCategory.TECHNICAL,
                "Route configuration through pull requests",
            ),
            Lesson(
                "Tell support first",
                LessonCategory.COMMUNICATION,
                "Add support to the declare checklist",
            ),
            Lesson("Canary configuration changes", LessonCategory.PROCESS, None),
        ],
        prevention=[
            PreventionMeasure("Alert on pool saturation above 80%", MeasureKind.MONITORING, True),
            PreventionMeasure("Review every configuration change", MeasureKind.PROCESS, False),
            PreventionMeasure("Validate pool sizes in CI", MeasureKind.TECHNICAL, False),
            PreventionMeasure("Runbook for pool exhaustion", MeasureKind.DOCUMENTATION, True),
            PreventionMeasure("Page support with the incident channel", MeasureKind.RESPONSE),
        ],
    )


def _action_items() -> list[ActionItem]:
    created = at(16, 0, day=23)
    return [
        ActionItem(
            "AI-1",
            "Add pool saturation alert",
            "Bilal Khan",
            date(2026, 11, 27),
            Priority.HIGH,
            ActionStatus.DONE,
            horizon=Horizon.IMMEDIATE,
            kind=ActionKind.DETECT,
            ticket="OPS-815",
            created_at=at(16, 0),
        ),
        ActionItem(
            "AI-2",
            "Require review for configuration changes",
            "Grace Lee",
            date(2026, 12, 20),
            Priority.HIGH,
            ActionStatus.IN_PROGRESS,
            horizon=Horizon.SHORT,
            kind=ActionKind.PREVENT,
            factor="config-review",
            created_at=at(16, 0),
        ),
        ActionItem(
            "AI-3",
            "Load test checkout at production scale",
            "Eve Adams",
            date(2027, 2, 18),
            Priority.MEDIUM,
            horizon=Horizon.MEDIUM,
            kind=ActionKind.PREVENT,
            created_at=created,
        ),
        ActionItem(
            "AI-4",
            "Move pool sizing to autoscaling",
            None,
            date(2027, 5, 20),
            Priority.LOW,
            horizon=Horizon.LONG,
            created_at=created,
        ),
        ActionItem(
            "AI-5",
            "Rewrite checkout in another language",
            "Bilal Khan",
            None,
            Priority.LOW,
            ActionStatus.WONT_DO,
            reason="no evidence it would help",
            horizon=Horizon.LONG,
            created_at=created,
        ),
    ]
