"""The view model every report template sees: the incident, pre-formatted.

Each ``str`` field below holds display text ready to write, or the gap
(``markup.GAP``: prints ``_Not recorded_``, is false in ``{% if %}``).
Fields typed ``str | None`` are raw optional values for templates that
compose their own text. These classes are the stable interface of custom
formats (docs/report-formats.md): fields are added, never renamed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from warroom.domain.model import Incident
from warroom.render.views_analysis import (
    ActionView,
    AnalysisView,
    ReviewView,
)


@dataclass(frozen=True)
class SeverityView:
    level: int  # 1 = most severe
    label: str  # on the configured scale
    sev: str  # SEV-1
    named: str  # Critical


@dataclass(frozen=True)
class MetricView:
    name: str  # time_to_detect
    label: str  # Time to Detect
    seconds: int | None
    actual: str  # 4 min, or the gap
    target: str  # 5 min, or the gap when no target is set
    met: bool | None
    met_label: str  # Yes / No / gap
    summary: str  # "4 min (target: 5 min, met)", or the gap


@dataclass(frozen=True)
class EventView:
    at: str  # 2026-11-20 14:05 UTC
    moment: datetime
    text: str
    kind: str  # EventKind value
    phase: str  # detection / response / resolution (recorded, or inferred from the milestones)
    source: str
    author: str
    link: str | None
    action_taken: str
    line: str  # "text — Action taken: X", for formats without an Action Taken column


@dataclass(frozen=True)
class ServiceView:
    name: str
    impact: str
    text: str  # "checkout-api (5xx on checkout)", or the bare name


@dataclass(frozen=True)
class ImpactView:
    summary: str
    users: str  # "12,000 (15%)"
    users_count: str
    users_share: str
    user_facing_errors: str
    symptoms: str
    failed_requests: str
    error_rate: str
    downtime: str
    recovery_point: str
    service_degradation: str
    internal_impact: str
    data_loss: str  # Yes / No, with " - details"
    data_corruption: str
    data_exposure: str
    sla_breach: str
    regulatory: str
    reputation: str
    revenue_lost: str  # $12,000
    extra_costs: str
    credits_issued: str
    financial: str  # "Revenue lost: $X; Additional costs: $Y; Credits issued: $Z"


@dataclass(frozen=True)
class CommunicationView:
    at: str
    moment: datetime | None
    audience: str  # internal / external
    channel: str
    medium: str  # status_page / email / social / other, from the channel's name
    summary: str
    line: str  # "2026-11-20 14:10 UTC - summary _(via Slack #incidents)_"


@dataclass(frozen=True)
class ResponseChecks:
    """The Immediate Response checklist, derived from the record."""

    commander_assigned: bool  # roles.commander is set
    status_page_updated: bool  # an external update whose channel is a status page
    stakeholders_notified: bool  # any internal communication
    emergency_procedures_activated: bool  # the incident was declared


@dataclass(frozen=True)
class LinkView:
    url: str
    title: str | None
    kind: str
    label: str  # Dashboard, Ticket, Related incident, ...
    markdown: str  # [title](url)


@dataclass(frozen=True)
class EvidenceView:
    kind: str  # error_log / config_change / metrics / other
    title: str
    text: str


@dataclass(frozen=True)
class SectionView:
    title: str
    body: str


@dataclass(frozen=True)
class RolesView:
    commander: str
    technical_lead: str
    communications_lead: str
    scribe: str
    report_author: str
    responders: list[str]
    reviewers: list[str]


@dataclass(frozen=True)
class ReportView:
    """Everything a format shows, as ``report`` in the template context."""

    incident: Incident  # the record itself, for anything not pre-formatted here
    ref: str
    title: str
    severity: SeverityView
    status: str  # investigating / identified / monitoring / resolved / closed
    status_label: str  # Investigating
    review_status: str  # draft / in_review / changes_requested / approved
    document_status: str  # Draft / Under Review / Changes Requested / Final
    visibility: str
    summary: str
    executive_summary: str
    incident_date: str  # day of the first of: started, detected, declared, created
    created_at: str
    updated_at: str
    updated_date: str
    version: int
    detection_source: str
    milestones: dict[str, str]  # name -> 2026-11-20 14:05 UTC or gap
    duration: str  # started to resolved
    metrics: list[MetricView]
    metric: dict[str, MetricView]  # by name
    roles: RolesView
    services: list[ServiceView]
    regions: list[str]
    tenants: list[str]
    impact: ImpactView
    analysis: AnalysisView
    action_items: list[ActionView]
    actions_by_horizon: dict[str, list[ActionView]]  # immediate/short/medium/long/none
    communications: list[CommunicationView]
    internal_communications: list[CommunicationView]
    external_communications: list[CommunicationView]
    channels: list[str]
    checks: ResponseChecks
    review: ReviewView
    links: list[LinkView]
    evidence: list[EvidenceView]
    timeline: list[EventView]
    timeline_by_phase: dict[str, list[EventView]]
    extra_sections: list[SectionView]
    labels: dict[str, str]
