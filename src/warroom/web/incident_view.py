"""What the incident page shows: the record, its metrics, and the state of every form on it.

Each form has a key (``overview``, ``roles``, ``milestones``, ``timeline``,
``impact``, ``analysis:<section>``, ``action:<key>``, ``action-new``,
``communications``, ``links``). ``form(key)`` is the form filled from the
incident, unless the request brought a state for it (typed values with
errors, or a conflict), which wins.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from warroom.config import Settings
from warroom.domain.audit import AuditEntry
from warroom.domain.metrics import MetricValue, compute_metric
from warroom.domain.model import (
    MILESTONE_NAMES,
    ROLE_NAMES,
    ActionItem,
    ActionKind,
    ActionStatus,
    Audience,
    EventKind,
    Horizon,
    Incident,
    IncidentStatus,
    LinkKind,
    Priority,
    Visibility,
)
from warroom.domain.times import format_utc
from warroom.render.registry import Format, list_formats
from warroom.services.analysis_text import SECTIONS, AnalysisSection
from warroom.services.impact import impact_form
from warroom.services.related import RelatedIncident
from warroom.services.review import ReviewState
from warroom.web.forms import FormState

MANUAL_KINDS = (
    EventKind.OBSERVATION,
    EventKind.ACTION,
    EventKind.COMMUNICATION,
    EventKind.ALERT,
    EventKind.NOTE,
)
NEW_ACTION_ITEM = {
    "title": "",
    "owner": "",
    "due": "",
    "priority": "medium",
    "horizon": "",
    "kind": "",
    "ticket": "",
}
CHOICES = {
    "status": [s.value for s in IncidentStatus],
    "visibility": [v.value for v in Visibility],
    "kind": [k.value for k in MANUAL_KINDS],
    "priority": [p.value for p in Priority],
    "action_status": [s.value for s in ActionStatus],
    "horizon": [h.value for h in Horizon],
    "action_kind": [k.value for k in ActionKind],
    "audience": [a.value for a in Audience],
    "link_kind": [k.value for k in LinkKind],
}


@dataclass
class IncidentView:
    incident: Incident
    settings: Settings
    now: datetime
    can_edit: bool
    user_name: str = ""
    review: ReviewState | None = None
    audit: list[AuditEntry] = field(default_factory=list)
    states: dict[str, FormState] = field(default_factory=dict)
    # The "Recurs" and "Similar incidents" panels: filled for the whole page only.
    recurs: list[RelatedIncident] = field(default_factory=list)
    similar: list[RelatedIncident] = field(default_factory=list)

    @property
    def ref(self) -> str:
        return self.incident.ref

    @property
    def sections(self) -> tuple[AnalysisSection, ...]:
        return SECTIONS

    @property
    def formats(self) -> list[Format]:
        return list_formats(self.settings)

    @property
    def choices(self) -> dict[str, list[str]]:
        return CHOICES

    @property
    def severities(self) -> list[tuple[int, str]]:
        scale = self.settings.scale
        return [(level, scale.label(level)) for level in range(1, scale.levels + 1)]

    @property
    def milestones(self) -> list[tuple[str, datetime | None]]:
        return self.incident.milestones.items()

    @property
    def metrics(self) -> list[MetricValue]:
        targets = self.settings.metric_targets
        return [compute_metric(self.incident, m, targets) for m in self.settings.metric_definitions]

    @property
    def role_names(self) -> tuple[str, ...]:
        return ROLE_NAMES

    @property
    def may_decide(self) -> bool:
        """Whether the signed-in user is a reviewer who may approve or request changes now."""
        review = self.review
        return (
            review is not None
            and self.user_name in review.waiting
            and (review.status.value in ("in_review", "changes_requested"))
        )

    def section_text(self, section: AnalysisSection) -> str:
        return section.read(self.incident)

    def form(self, key: str) -> FormState:
        if key in self.states:
            return self.states[key]
        state = FormState(values=self._defaults(key), version=self.incident.version)
        self.states[key] = state
        return state

    def _defaults(self, key: str) -> dict[str, str]:
        incident = self.incident
        kind, _, name = key.partition(":")
        if kind == "overview":
            return {
                "title": incident.title,
                "summary": incident.summary or "",
                "severity": str(incident.severity),
                "status": incident.status.value,
                "visibility": incident.visibility.value,
                "reason": "",
            }
        if kind == "roles":
            values = {role: getattr(incident.roles, role) or "" for role in ROLE_NAMES}
            values["responders"] = ", ".join(incident.roles.responders)
            values["reviewers"] = ", ".join(incident.roles.reviewers)
            return values
        if kind == "milestones":
            return {n: format_utc(incident.milestones.get(n)) for n in MILESTONE_NAMES}
        if kind == "impact":
            return impact_form(incident.impact)
        if kind == "review":
            return {"reviewers": "", "comment": "", "decision": ""}
        if kind == "analysis":
            return {"text": _section(name).read(incident)}
        if kind == "action":
            return _action_values(_item(incident, name))
        if kind == "timeline":
            return {"at": format_utc(self.now), "text": "", "kind": "observation"}
        if kind == "communications":
            now = format_utc(self.now)
            return {"at": now, "summary": "", "audience": "internal", "channel": ""}
        if kind == "links":
            return {"url": "", "title": "", "kind": "other"}
        return dict(NEW_ACTION_ITEM)


def _section(name: str) -> AnalysisSection:
    return next(section for section in SECTIONS if section.name == name)


def _item(incident: Incident, key: str) -> ActionItem:
    return next(item for item in incident.action_items if item.key == key)


def _action_values(item: ActionItem) -> dict[str, str]:
    return {
        "title": item.title,
        "owner": item.owner or "",
        "due": item.due.isoformat() if item.due else "",
        "priority": item.priority.value,
        "status": item.status.value,
        "reason": item.reason or "",
        "ticket": item.ticket or "",
    }
