"""Realistic synthetic incidents for benchmarks: severities, services, timelines, action items.

Deterministic for a seed. The shapes follow what real postmortems show: most
incidents are SEV-3/4, detection takes minutes to hours, 10-80 timeline
entries, 0-12 action items with owners, some overdue, some declined.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from warroom.domain.model import (
    ActionItem,
    ActionKind,
    ActionStatus,
    ContributingFactor,
    EventKind,
    Horizon,
    Incident,
    IncidentStatus,
    Lesson,
    Milestones,
    Observation,
    Phase,
    Priority,
    ReviewStatus,
    ServiceImpact,
    Source,
    TimelineEvent,
    Visibility,
    Why,
)

SERVICES = [
    "checkout-api",
    "payments",
    "search",
    "auth",
    "cdn",
    "postgres-primary",
    "kafka",
    "notifications",
    "mobile-gateway",
    "billing",
    "inventory",
    "recommendations",
    "object-storage",
    "dns",
    "ingress",
    "k8s-control-plane",
    "redis-cache",
    "email",
]
FACTORS = [
    "missing canary",
    "config drift",
    "no alert on saturation",
    "expired certificate",
    "retry storm",
    "untested failover",
    "capacity planning",
    "dependency upgrade",
    "manual change",
    "noisy alerts",
    "runbook out of date",
    "single point of failure",
]
PEOPLE = ["alice", "bob", "carol", "dan", "erin", "frank", "grace", "heidi", "ivan", "judy"]
VERBS = [
    "Rolled back",
    "Restarted",
    "Scaled up",
    "Failed over",
    "Drained",
    "Patched",
    "Paged",
    "Raised limits on",
    "Flushed cache of",
    "Disabled feature flag in",
]
OBSERVATIONS = [
    "Error rate at {n}% on",
    "p99 latency {n}00 ms on",
    "Queue depth {n}k on",
    "{n} pods crash-looping in",
    "Connection pool exhausted on",
    "Disk {n}0% full on",
]
TITLES = [
    "{svc} returning 5xx",
    "{svc} latency spike",
    "{svc} unavailable",
    "Degraded {svc} after deploy",
    "{svc} data delayed",
    "Partial outage of {svc}",
]


def make_incident(rng: random.Random, number: int, day: datetime) -> Incident:
    """One incident starting on ``day`` (UTC), numbered for its reference."""
    severity = rng.choices([1, 2, 3, 4], weights=[5, 15, 45, 35])[0]
    services = rng.sample(SERVICES, rng.randint(1, 3))
    started = day + timedelta(minutes=rng.randint(0, 1439))
    detected = started + timedelta(minutes=rng.randint(0, 90 if severity > 2 else 20))
    acknowledged = detected + timedelta(minutes=rng.randint(0, 30))
    mitigated = acknowledged + timedelta(minutes=rng.randint(5, 240))
    resolved = mitigated + timedelta(minutes=rng.randint(0, 600))
    is_open = rng.random() < 0.02
    incident = Incident(
        ref=f"INC-{started:%Y-%m-%d}-{number:03d}",
        title=rng.choice(TITLES).format(svc=services[0]),
        severity=severity,
        status=IncidentStatus.INVESTIGATING if is_open else IncidentStatus.RESOLVED,
        review_status=rng.choice(list(ReviewStatus)),
        visibility=Visibility.PRIVATE if rng.random() < 0.03 else Visibility.PUBLIC,
        summary=f"{services[0]} degraded for customers",
        services=[ServiceImpact(s, "errors for some requests") for s in services],
        milestones=Milestones(
            started=started,
            detected=detected,
            acknowledged=acknowledged,
            declared=acknowledged,
            mitigated=None if is_open else mitigated,
            resolved=None if is_open else resolved,
        ),
        created_at=acknowledged,
        updated_at=resolved,
    )
    incident.roles.commander = rng.choice(PEOPLE)
    incident.roles.technical_lead = rng.choice(PEOPLE)
    incident.roles.responders = rng.sample(PEOPLE, rng.randint(1, 4))
    end = mitigated if not is_open else acknowledged + timedelta(hours=2)
    span = max(60, int((end - started).total_seconds()))
    entries = sorted(rng.randint(0, span) for _ in range(rng.randint(10, 80)))
    for offset in entries:
        service = rng.choice(services)
        if rng.random() < 0.5:
            text, kind = f"{rng.choice(VERBS)} {service}", EventKind.ACTION
        else:
            pattern = rng.choice(OBSERVATIONS).format(n=rng.randint(1, 9))
            text, kind = f"{pattern} {service}", EventKind.OBSERVATION
        incident.timeline.append(
            TimelineEvent(
                at=started + timedelta(seconds=offset),
                text=text,
                kind=kind,
                phase=rng.choice(list(Phase)),
                source=Source.MANUAL,
                author=rng.choice(PEOPLE),
            )
        )
    factors = rng.sample(FACTORS, rng.randint(1, 3))
    analysis = incident.analysis
    analysis.contributing_factors = [
        ContributingFactor(f, f"{f} on {services[0]}") for f in factors
    ]
    analysis.root_cause.summary = f"{factors[0].capitalize()} on {services[0]}"
    analysis.five_whys = [Why(f"Why {i}?", f"Because of step {i}") for i in range(1, 4)]
    analysis.went_well = [Observation("Alert fired quickly")]
    analysis.went_poorly = [Observation("Runbook was missing steps")]
    analysis.lessons = [Lesson("Test failover quarterly")]
    for index in range(rng.randint(0, 12)):
        status = rng.choices(list(ActionStatus), weights=[40, 15, 40, 5])[0]
        incident.action_items.append(
            ActionItem(
                key=f"AI-{index + 1}",
                title=f"{rng.choice(['Add alert for', 'Automate', 'Document', 'Load test'])} "
                f"{rng.choice(services)}",
                owner=rng.choice(PEOPLE) if rng.random() < 0.9 else None,
                due=(resolved + timedelta(days=rng.choice([7, 30, 90, 180]))).date(),
                priority=rng.choice(list(Priority)),
                status=status,
                reason="superseded" if status is ActionStatus.WONT_DO else None,
                horizon=rng.choice(list(Horizon)),
                kind=rng.choice(list(ActionKind)),
                factor=rng.choice(factors),
                created_at=resolved,
            )
        )
    return incident


def generate(count: int, *, seed: int = 7, start: datetime | None = None) -> list[Incident]:
    """``count`` incidents spread over the two years before ``start``, oldest first."""
    rng = random.Random(seed)
    origin = start or datetime(2026, 11, 1, tzinfo=UTC)
    days = [origin - timedelta(days=rng.randint(0, 730)) for _ in range(count)]
    days.sort()
    per_day: dict[str, int] = {}
    incidents = []
    for day in days:
        key = day.date().isoformat()
        per_day[key] = per_day.get(key, 0) + 1
        incidents.append(make_incident(rng, per_day[key], day.replace(hour=0, minute=0)))
    return incidents
