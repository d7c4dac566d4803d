"""Building the view model (``views.ReportView``) from an incident and the settings.

Pure functions: the same incident and settings always give the same view,
so a rendered report is reproducible (no "today", no clock). The parts of
the record with more rules of their own (analysis, action items, review)
are built in ``context_parts``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from warroom.config import Settings
from warroom.domain.metrics import MetricValue, compute_metrics
from warroom.domain.model import (
    Audience,
    Communication,
    Flag,
    Incident,
    Phase,
    ReviewStatus,
    TimelineEvent,
)
from warroom.domain.severity import BUILTIN_SCALES
from warroom.render import context_parts as parts
from warroom.render.markup import GAP, day, duration, money, number, or_gap, percent, utc
from warroom.render.views import (
    CommunicationView,
    EventView,
    ImpactView,
    MetricView,
    ReportView,
    ResponseChecks,
    RolesView,
    SectionView,
    ServiceView,
    SeverityView,
)

DOCUMENT_STATUS = {
    ReviewStatus.DRAFT: "Draft",
    ReviewStatus.IN_REVIEW: "Under Review",
    ReviewStatus.CHANGES_REQUESTED: "Changes Requested",
    ReviewStatus.APPROVED: "Final",
}

# What a communication channel is, by the words in its name.
_MEDIA = (
    ("status_page", ("status page", "statuspage", "status-page", "status.")),
    ("email", ("email", "e-mail", "mail")),
    ("social", ("twitter", "social", "mastodon", "linkedin", "bluesky", "x.com")),
)


def build_report(incident: Incident, settings: Settings) -> ReportView:
    """The pre-formatted view of ``incident`` that every template renders."""
    metrics = [_metric(value) for value in _metric_values(incident, settings)]
    timeline = [_event(incident, event) for event in incident.timeline]
    comms = [_communication(c) for c in incident.communications]
    review = parts.review_view(incident.review)
    actions = parts.action_views(incident.action_items, incident.review.meeting_at)
    roles = incident.roles
    return ReportView(
        incident=incident,
        ref=or_gap(incident.ref),
        title=or_gap(incident.title),
        severity=SeverityView(
            level=incident.severity,
            label=settings.scale.label(incident.severity),
            sev=BUILTIN_SCALES["sev"].label(incident.severity),
            named=BUILTIN_SCALES["named"].label(incident.severity),
        ),
        status=incident.status.value,
        status_label=incident.status.value.capitalize(),
        review_status=incident.review_status.value,
        document_status=DOCUMENT_STATUS[incident.review_status],
        visibility=incident.visibility.value,
        summary=or_gap(incident.summary),
        executive_summary=or_gap(incident.executive_summary),
        incident_date=day(_first_moment(incident)),
        created_at=utc(incident.created_at),
        updated_at=utc(incident.updated_at),
        updated_date=day(incident.updated_at),
        version=incident.version,
        detection_source=or_gap(incident.detection_source),
        milestones={name: utc(moment) for name, moment in incident.milestones.items()},
        duration=next(m.actual for m in metrics if m.name == "total_duration"),
        metrics=metrics,
        metric={m.name: m for m in metrics},
        roles=RolesView(
            commander=or_gap(roles.commander),
            technical_lead=or_gap(roles.technical_lead),
            communications_lead=or_gap(roles.communications_lead),
            scribe=or_gap(roles.scribe),
            report_author=or_gap(roles.report_author),
            responders=list(roles.responders),
            reviewers=list(roles.reviewers),
        ),
        services=[
            ServiceView(s.name, or_gap(s.impact), f"{s.name} ({s.impact})" if s.impact else s.name)
            for s in incident.services
        ],
        regions=list(incident.regions),
        tenants=list(incident.tenants),
        impact=_impact(incident),
        analysis=parts.analysis_view(incident.analysis),
        action_items=actions,
        actions_by_horizon={
            horizon: [a for a in actions if a.horizon == horizon]
            for horizon in ("immediate", "short", "medium", "long", "none")
        },
        communications=comms,
        internal_communications=[c for c in comms if c.audience == Audience.INTERNAL],
        external_communications=[c for c in comms if c.audience == Audience.EXTERNAL],
        channels=list(dict.fromkeys(c.channel for c in incident.communications if c.channel)),
        checks=ResponseChecks(
            commander_assigned=bool(roles.commander),
            status_page_updated=any(
                c.medium == "status_page" and c.audience == Audience.EXTERNAL for c in comms
            ),
            stakeholders_notified=any(c.audience == Audience.INTERNAL for c in comms),
            emergency_procedures_activated=incident.milestones.declared is not None,
        ),
        review=review,
        links=[parts.link_view(link) for link in incident.links],
        evidence=[parts.evidence_view(e) for e in incident.evidence],
        timeline=timeline,
        timeline_by_phase={p.value: [e for e in timeline if e.phase == p.value] for p in Phase},
        extra_sections=[SectionView(s.title, s.body) for s in incident.extra_sections],
        labels=dict(incident.labels),
    )


def mentioning(items: Iterable[Any], *words: str) -> list[Any]:
    """The views whose channel, summary, title, URL or text mention one of ``words``."""
    wanted = [w.casefold() for w in words]
    found = []
    for entry in items:
        text = " ".join(
            str(getattr(entry, name, None) or "")
            for name in ("channel", "summary", "title", "url", "text")
        ).casefold()
        if any(word in text for word in wanted):
            found.append(entry)
    return found


def _metric_values(incident: Incident, settings: Settings) -> list[MetricValue]:
    values = compute_metrics(incident, settings.metric_definitions, settings.metric_targets)
    return list(values.values())


def _metric(value: MetricValue) -> MetricView:
    actual = duration(value.seconds)
    target = duration(value.target_seconds)
    met = value.met
    summary = actual
    if value.seconds is not None and value.target_seconds is not None:
        summary = f"{actual} (target: {target}, {'met' if met else 'not met'})"
    return MetricView(
        name=value.definition.name,
        label=value.definition.label,
        seconds=value.seconds,
        actual=actual,
        target=target,
        met=met,
        met_label=GAP if met is None else ("Yes" if met else "No"),
        summary=summary,
    )


def _first_moment(incident: Incident) -> datetime | None:
    m = incident.milestones
    for moment in (m.started, m.detected, m.declared, incident.created_at):
        if moment is not None:
            return moment
    return incident.timeline[0].at if incident.timeline else None


def _phase(incident: Incident, event: TimelineEvent) -> str:
    """The recorded phase, or the one the milestones put the event in."""
    if event.phase is not None:
        return event.phase.value
    m = incident.milestones
    response = min((t for t in (m.acknowledged, m.declared) if t is not None), default=None)
    if m.mitigated is not None and event.at >= m.mitigated:
        return Phase.RESOLUTION.value
    if response is not None and event.at < response:
        return Phase.DETECTION.value
    if response is None and m.detected is not None and event.at <= m.detected:
        return Phase.DETECTION.value
    return Phase.RESPONSE.value


def _event(incident: Incident, event: TimelineEvent) -> EventView:
    return EventView(
        at=utc(event.at),
        moment=event.at,
        text=event.text,
        kind=event.kind.value,
        phase=_phase(incident, event),
        source=event.source.value,
        author=or_gap(event.author),
        link=event.link,
        action_taken=or_gap(event.action_taken),
        line=event.text + (f" — Action taken: {event.action_taken}" if event.action_taken else ""),
    )


def _communication(entry: Communication) -> CommunicationView:
    at, channel, summary = entry.at, entry.channel, entry.summary
    line = f"{utc(at)} - {summary}" if at is not None else summary
    if channel:
        line += f" _(via {channel})_"
    lowered = (channel or "").casefold()
    medium = next((name for name, words in _MEDIA if any(w in lowered for w in words)), "other")
    return CommunicationView(
        at=utc(at),
        moment=at,
        audience=entry.audience.value,
        channel=or_gap(channel),
        medium=medium,
        summary=summary,
        line=line,
    )


def _flag(flag: Flag) -> str:
    if flag.value is None:
        return or_gap(flag.details)
    answer = "Yes" if flag.value else "No"
    return f"{answer} - {flag.details}" if flag.details else answer


def _impact(incident: Incident) -> ImpactView:
    i = incident.impact
    count = number(i.users_affected) if i.users_affected is not None else None
    share = percent(i.users_affected_share) if i.users_affected_share is not None else None
    users = f"{count} ({share})" if count and share else (count or share)
    money_parts = [
        f"{label}: {money(amount, i.currency)}"
        for label, amount in (
            ("Revenue lost", i.revenue_lost),
            ("Additional costs", i.extra_costs),
            ("Credits issued", i.credits_issued),
        )
        if amount is not None
    ]
    return ImpactView(
        summary=or_gap(i.summary),
        users=or_gap(users),
        users_count=number(i.users_affected),
        users_share=percent(i.users_affected_share),
        user_facing_errors=or_gap(i.user_facing_errors),
        symptoms=or_gap(i.symptoms),
        failed_requests=number(i.failed_requests),
        error_rate=percent(i.error_rate),
        downtime=duration(i.downtime_seconds),
        recovery_point=or_gap(i.recovery_point),
        service_degradation=or_gap(i.service_degradation),
        internal_impact=or_gap(i.internal_impact),
        data_loss=_flag(i.data_loss),
        data_corruption=_flag(i.data_corruption),
        data_exposure=_flag(i.data_exposure),
        sla_breach=_flag(i.sla_breach),
        regulatory=_flag(i.regulatory),
        reputation=or_gap(i.reputation),
        revenue_lost=money(i.revenue_lost, i.currency),
        extra_costs=money(i.extra_costs, i.currency),
        credits_issued=money(i.credits_issued, i.currency),
        financial=or_gap("; ".join(money_parts)),
    )
