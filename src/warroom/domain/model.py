"""The incident record: every field of DESIGN.md's data model as plain data.

These classes hold data and the small rules that belong to one value. The
rules that span the record (status moves, milestone order, the timeline
entries every change appends) live in ``domain.incident``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


class IncidentStatus(StrEnum):
    INVESTIGATING = "investigating"
    IDENTIFIED = "identified"
    MONITORING = "monitoring"
    RESOLVED = "resolved"
    CLOSED = "closed"

    @property
    def is_open(self) -> bool:
        return self not in (IncidentStatus.RESOLVED, IncidentStatus.CLOSED)


STATUS_ORDER: tuple[IncidentStatus, ...] = tuple(IncidentStatus)


class ReviewStatus(StrEnum):
    DRAFT = "draft"
    IN_REVIEW = "in_review"
    CHANGES_REQUESTED = "changes_requested"
    APPROVED = "approved"


class Visibility(StrEnum):
    PUBLIC = "public"
    PRIVATE = "private"


class EventKind(StrEnum):
    MILESTONE = "milestone"
    ACTION = "action"
    OBSERVATION = "observation"
    COMMUNICATION = "communication"
    ALERT = "alert"
    STATUS_CHANGE = "status_change"
    SEVERITY_CHANGE = "severity_change"
    ROLE_CHANGE = "role_change"
    NOTE = "note"


class Phase(StrEnum):
    DETECTION = "detection"
    RESPONSE = "response"
    RESOLUTION = "resolution"


class Source(StrEnum):
    MANUAL = "manual"
    ALERT = "alert"
    IMPORT = "import"
    SYSTEM = "system"


class ActionStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    WONT_DO = "wont_do"


class Priority(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class Horizon(StrEnum):
    IMMEDIATE = "immediate"
    SHORT = "short"
    MEDIUM = "medium"
    LONG = "long"


class ActionKind(StrEnum):
    MITIGATE = "mitigate"
    PREVENT = "prevent"
    DETECT = "detect"
    PROCESS = "process"


class Audience(StrEnum):
    INTERNAL = "internal"
    EXTERNAL = "external"


class LessonCategory(StrEnum):
    TECHNICAL = "technical"
    PROCESS = "process"
    COMMUNICATION = "communication"


class MeasureKind(StrEnum):
    MONITORING = "monitoring"
    DETECTION = "detection"
    RESPONSE = "response"
    PROCESS = "process"
    TECHNICAL = "technical"
    DOCUMENTATION = "documentation"
    TRAINING = "training"


class LinkKind(StrEnum):
    DASHBOARD = "dashboard"
    LOGS = "logs"
    TICKET = "ticket"
    INCIDENT = "incident"
    PULL_REQUEST = "pull_request"
    RUNBOOK = "runbook"
    DOCUMENT = "document"
    OTHER = "other"


class EvidenceKind(StrEnum):
    ERROR_LOG = "error_log"
    CONFIG_CHANGE = "config_change"
    METRICS = "metrics"
    OTHER = "other"


MILESTONE_NAMES: tuple[str, ...] = (
    "started",
    "detected",
    "acknowledged",
    "declared",
    "mitigated",
    "resolved",
    "closed",
)

ROLE_NAMES: tuple[str, ...] = (
    "commander",
    "technical_lead",
    "communications_lead",
    "scribe",
    "report_author",
)
LIST_ROLE_NAMES: tuple[str, ...] = ("responders", "reviewers")


@dataclass
class Milestones:
    started: datetime | None = None
    detected: datetime | None = None
    acknowledged: datetime | None = None
    declared: datetime | None = None
    mitigated: datetime | None = None
    resolved: datetime | None = None
    closed: datetime | None = None

    def get(self, name: str) -> datetime | None:
        value: datetime | None = getattr(self, name)
        return value

    def items(self) -> list[tuple[str, datetime | None]]:
        return [(name, self.get(name)) for name in MILESTONE_NAMES]


@dataclass
class TimelineEvent:
    at: datetime
    text: str
    kind: EventKind = EventKind.OBSERVATION
    phase: Phase | None = None
    source: Source = Source.MANUAL
    author: str | None = None
    link: str | None = None
    action_taken: str | None = None  # the "Action Taken" column some templates keep apart


@dataclass
class ServiceImpact:
    name: str
    impact: str | None = None


@dataclass
class Roles:
    commander: str | None = None
    technical_lead: str | None = None
    communications_lead: str | None = None
    scribe: str | None = None
    report_author: str | None = None
    responders: list[str] = field(default_factory=list)
    reviewers: list[str] = field(default_factory=list)


@dataclass
class Flag:
    """A yes/no fact with its details: data loss, SLA breach, ... ``None`` = not stated."""

    value: bool | None = None
    details: str | None = None


@dataclass
class Impact:
    summary: str | None = None  # customer / business impact in words
    users_affected: int | None = None
    users_affected_share: float | None = None  # percent of the user base, 0..100
    user_facing_errors: str | None = None
    symptoms: str | None = None
    failed_requests: int | None = None
    error_rate: float | None = None  # percent, 0..100
    downtime_seconds: int | None = None
    recovery_point: str | None = None
    service_degradation: str | None = None
    internal_impact: str | None = None
    data_loss: Flag = field(default_factory=Flag)
    data_corruption: Flag = field(default_factory=Flag)
    data_exposure: Flag = field(default_factory=Flag)
    sla_breach: Flag = field(default_factory=Flag)
    regulatory: Flag = field(default_factory=Flag)
    reputation: str | None = None  # low / medium / high, or words
    currency: str = "USD"
    revenue_lost: float | None = None
    extra_costs: float | None = None
    credits_issued: float | None = None


@dataclass
class RootCause:
    summary: str | None = None  # the primary cause, what happened
    why: str | None = None  # why it happened
    why_not_caught: str | None = None


@dataclass
class ContributingFactor:
    name: str
    description: str | None = None
    impact: str | None = None


@dataclass
class Why:
    question: str
    answer: str


@dataclass
class Resolution:
    immediate_fix: str | None = None
    long_term_fix: str | None = None
    rollback_needed: bool | None = None
    verification: str | None = None
    investigation_steps: list[str] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)


@dataclass
class Observation:
    """An item of went well / went poorly: a title, with optional detail."""

    text: str
    detail: str | None = None
    impact: str | None = None


@dataclass
class Lesson:
    text: str
    category: LessonCategory = LessonCategory.TECHNICAL
    how_to_apply: str | None = None


@dataclass
class PreventionMeasure:
    text: str
    kind: MeasureKind = MeasureKind.TECHNICAL
    done: bool = False


@dataclass
class Analysis:
    trigger: str | None = None
    root_cause: RootCause = field(default_factory=RootCause)
    contributing_factors: list[ContributingFactor] = field(default_factory=list)
    five_whys: list[Why] = field(default_factory=list)
    resolution: Resolution = field(default_factory=Resolution)
    went_well: list[Observation] = field(default_factory=list)
    went_poorly: list[Observation] = field(default_factory=list)
    lucky: list[str] = field(default_factory=list)
    surprises: list[str] = field(default_factory=list)
    lessons: list[Lesson] = field(default_factory=list)
    prevention: list[PreventionMeasure] = field(default_factory=list)


@dataclass
class ActionItem:
    key: str
    title: str
    owner: str | None = None
    due: date | None = None
    priority: Priority = Priority.MEDIUM
    status: ActionStatus = ActionStatus.OPEN
    reason: str | None = None  # why it won't be done
    horizon: Horizon | None = None
    kind: ActionKind | None = None
    factor: str | None = None  # name of the contributing factor it addresses
    ticket: str | None = None
    created_at: datetime | None = None
    completed_at: datetime | None = None

    def is_overdue(self, today: date) -> bool:
        return (
            self.due is not None
            and self.due < today
            and self.status in (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)
        )


@dataclass
class Communication:
    at: datetime | None
    summary: str
    audience: Audience = Audience.INTERNAL
    channel: str | None = None


@dataclass
class Attendee:
    name: str
    role: str | None = None


@dataclass
class Approval:
    role: str
    name: str | None = None
    approved: bool | None = None
    at: datetime | None = None
    comment: str | None = None


@dataclass
class ChecklistItem:
    text: str
    done: bool = False


@dataclass
class Review:
    meeting_at: datetime | None = None
    attendees: list[Attendee] = field(default_factory=list)
    discussion_points: list[str] = field(default_factory=list)
    approvals: list[Approval] = field(default_factory=list)
    requested_changes: list[Approval] = field(default_factory=list)
    next_review: date | None = None
    cadence: list[str] = field(default_factory=list)
    knowledge_sharing: list[ChecklistItem] = field(default_factory=list)
    distribution: list[str] = field(default_factory=list)
    communication_worked: str | None = None
    communication_failed: str | None = None
    # When the current review round began (review requested, or reopened):
    # only approvals given since then count towards the final approval.
    requested_at: datetime | None = None


@dataclass
class Link:
    url: str
    title: str | None = None
    kind: LinkKind = LinkKind.OTHER


@dataclass
class Evidence:
    """A text block kept verbatim: error messages, logs, configuration changes, metrics."""

    text: str
    kind: EvidenceKind = EvidenceKind.OTHER
    title: str | None = None


@dataclass
class ExtraSection:
    """Whatever an imported report holds that has no field, kept verbatim under its heading."""

    title: str
    body: str


@dataclass
class Incident:
    ref: str
    title: str
    severity: int
    status: IncidentStatus = IncidentStatus.INVESTIGATING
    review_status: ReviewStatus = ReviewStatus.DRAFT
    visibility: Visibility = Visibility.PUBLIC
    summary: str | None = None  # one line
    executive_summary: str | None = None
    services: list[ServiceImpact] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    tenants: list[str] = field(default_factory=list)
    detection_source: str | None = None
    milestones: Milestones = field(default_factory=Milestones)
    timeline: list[TimelineEvent] = field(default_factory=list)
    roles: Roles = field(default_factory=Roles)
    impact: Impact = field(default_factory=Impact)
    analysis: Analysis = field(default_factory=Analysis)
    action_items: list[ActionItem] = field(default_factory=list)
    communications: list[Communication] = field(default_factory=list)
    review: Review = field(default_factory=Review)
    links: list[Link] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    extra_sections: list[ExtraSection] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)
    created_at: datetime | None = None
    updated_at: datetime | None = None
    version: int = 1

    @property
    def service_names(self) -> list[str]:
        return [service.name for service in self.services]

    @property
    def participants(self) -> set[str]:
        """Everyone named in a role: who may see a private incident."""
        names = {getattr(self.roles, role) for role in ROLE_NAMES}
        names.update(self.roles.responders)
        names.update(self.roles.reviewers)
        return {name for name in names if name}
