"""What each built-in format carries, for the round-trip tests (render, then import).

``CARRIES[format]`` names the parts of the record a report in that format
shows in a way that reads back exactly; ``project`` reduces an incident to
them, in an order-free form (formats group timeline entries by phase,
action items by horizon, lessons by category...). ``prepare`` removes what a
format cannot show but would still imply: a report that ticks "Incident
commander assigned" without naming the commander says something the record
can only keep as an extra section. docs/importing.md has the same table.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

from warroom.domain.model import Audience, Incident, Milestones, Phase, Roles

# Horizons as each format groups them: the immediate and short-term items share a list.
_SHORT = {"immediate": "short", "short": "short", "medium": "medium", "long": "long"}
_HORIZON = {
    "response-report": _SHORT,
    "postmortem-report": _SHORT,
    "post-incident-review": {"immediate": "immediate", "short": "short", "medium": "long",
                             "long": "long", None: "short"},
}  # fmt: skip


def _phase(incident: Incident, event: Any) -> str:
    """The phase the renderer shows: recorded, or inferred from the milestones."""
    if event.phase is not None:
        return str(event.phase.value)
    m = incident.milestones
    response = min((t for t in (m.acknowledged, m.declared) if t is not None), default=None)
    if m.mitigated is not None and event.at >= m.mitigated:
        return Phase.RESOLUTION.value
    if response is not None and event.at < response:
        return Phase.DETECTION.value
    if response is None and m.detected is not None and event.at <= m.detected:
        return Phase.DETECTION.value
    return Phase.RESPONSE.value


def _sorted(rows: Iterable[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    return sorted(rows, key=repr)


def _actions(fmt: str, *parts: str) -> Callable[[Incident], Any]:
    def read(incident: Incident) -> Any:
        rows = []
        for a in incident.action_items:
            row: list[Any] = [a.key, a.title, a.owner, a.due, a.status.value, a.reason, a.ticket]
            if "priority" in parts:
                row.append(a.priority.value)
            if "horizon" in parts:
                horizon = a.horizon.value if a.horizon else None
                row.append(_HORIZON[fmt].get(horizon, horizon))
            rows.append(tuple(row))
        return sorted(rows, key=repr)

    return read


ASPECTS: dict[str, Callable[[Incident], Any]] = {
    "title": lambda i: i.title,
    "ref": lambda i: i.ref,
    "severity": lambda i: i.severity,
    "status": lambda i: i.status,
    "review_status": lambda i: i.review_status,
    "version": lambda i: i.version,
    "summary": lambda i: i.summary,
    "executive_summary": lambda i: i.executive_summary,
    "root_cause": lambda i: (
        i.analysis.root_cause.summary,
        i.analysis.root_cause.why,
        i.analysis.root_cause.why_not_caught,
        i.analysis.trigger,
    ),
    "timeline": lambda i: _sorted((e.at, e.text, e.action_taken) for e in i.timeline),
    "timeline_details": lambda i: _sorted(
        (e.at, e.text, e.action_taken, e.author, e.link, _phase(i, e)) for e in i.timeline
    ),
    "services": lambda i: _sorted((s.name, s.impact) for s in i.services),
    "users": lambda i: (i.impact.users_affected, i.impact.users_affected_share),
    "data_loss": lambda i: (i.impact.data_loss.value, i.impact.data_loss.details),
    "went": lambda i: (
        _sorted((o.text, o.detail) for o in i.analysis.went_well),
        _sorted((o.text, o.detail) for o in i.analysis.went_poorly),
    ),
    "went_impact": lambda i: (
        _sorted((o.text, o.detail, o.impact) for o in i.analysis.went_well),
        _sorted((o.text, o.detail, o.impact) for o in i.analysis.went_poorly),
    ),
    "lessons": lambda i: _sorted(
        (lesson.text, lesson.category.value, lesson.how_to_apply) for lesson in i.analysis.lessons
    ),
    "milestones": lambda i: i.milestones,
    "milestones_metrics": lambda i: replace(i.milestones, declared=None, closed=None),
    "commander": lambda i: i.roles.commander,
    "report_author": lambda i: i.roles.report_author,
    "extra_sections": lambda i: [(x.title, x.body.strip()) for x in i.extra_sections],
}
_COMMON = ("title", "ref", "severity", "summary", "executive_summary", "root_cause", "services",
           "users", "data_loss", "extra_sections")  # fmt: skip

CARRIES: dict[str, tuple[str, ...]] = {
    "response-report": (*_COMMON, "status", "timeline", "went", "lessons", "report_author",
                        "actions+horizon"),
    "postmortem-report": (*_COMMON, "timeline", "went", "lessons", "report_author",
                          "actions+priority+horizon"),
    "post-incident-review": (*_COMMON, "status", "review_status", "timeline_details",
                             "went_impact", "lessons", "milestones", "commander",
                             "report_author", "actions+horizon"),
    "incident-report": (*_COMMON, "review_status", "timeline", "went", "lessons",
                        "milestones_metrics", "report_author", "actions+priority"),
    "incident-postmortem": (*_COMMON, "review_status", "version", "timeline", "went",
                            "milestones_metrics", "commander", "actions+priority"),
}  # fmt: skip


def project(incident: Incident, fmt: str) -> dict[str, Any]:
    """The parts of ``incident`` that a report in ``fmt`` carries."""
    out: dict[str, Any] = {}
    for aspect in CARRIES[fmt]:
        if aspect.startswith("actions"):
            out["actions"] = _actions(fmt, *aspect.split("+")[1:])(incident)
        else:
            out[aspect] = ASPECTS[aspect](incident)
    return out


def prepare(incident: Incident, fmt: str) -> Incident:
    """The incident without what ``fmt`` cannot show but would imply (see the docstring)."""
    if fmt in ("response-report", "postmortem-report"):
        # No milestone is shown, yet durations and metrics computed from them are.
        incident = replace(incident, milestones=Milestones())
    if fmt == "response-report":
        # "[x] Incident commander assigned" without the commander's name.
        incident = replace(incident, roles=replace(incident.roles, commander=None))
    if fmt == "incident-postmortem":
        # "Owner" is the commander there: the report author is not shown; only the customer
        # communication is, yet "Communication Channel(s)" lists every channel.
        incident = replace(incident, roles=replace(incident.roles, report_author=None))
        external = [c for c in incident.communications if c.audience == Audience.EXTERNAL]
        incident = replace(incident, communications=external)
    return incident


# What each format leaves out, as paths of the JSON record ("[]": any item). Every other
# part of a fully filled-in incident reads back exactly (``differences``). Milestones a
# format does not show come back only when the timeline's words state them.
_NEVER = ("action_items[].created_at", "action_items[].factor", "action_items[].kind",
          "timeline[].kind", "timeline[].source", "timeline[].phase")  # fmt: skip
_MILESTONES = ("milestones.",)
_REVIEW = ("review.approvals", "review.attendees", "review.cadence", "review.communication_",
           "review.discussion_points", "review.knowledge_sharing", "review.meeting_at")  # fmt: skip
_ROLES = ("roles.communications_lead", "roles.scribe", "roles.technical_lead", "roles.responders")
NOT_CARRIED: dict[str, tuple[str, ...]] = {
    "response-report": (*_NEVER, *_MILESTONES, *_REVIEW, *_ROLES, "action_items[].priority",
                        "action_items[].horizon", "analysis.contributing_factors[].impact",
                        "analysis.five_whys", "analysis.prevention[].kind",
                        "analysis.went_poorly[].impact", "analysis.went_well[].impact",
                        "detection_source", "impact.internal_impact", "impact.recovery_point",
                        "impact.regulatory", "impact.reputation", "impact.service_degradation",
                        "impact.symptoms", "impact.user_facing_errors", "roles.reviewers",
                        "timeline[].author", "timeline[].link", "version"),
    "postmortem-report": (*_NEVER, *_MILESTONES, *_REVIEW, *_ROLES, "action_items[].horizon",
                          "analysis.contributing_factors[].impact", "analysis.five_whys",
                          "analysis.resolution.investigation_steps",
                          "analysis.went_poorly[].impact", "analysis.went_well[].impact",
                          "communications", "created_at", "detection_source",
                          "impact.data_corruption", "impact.data_exposure",
                          "impact.failed_requests", "impact.internal_impact",
                          "impact.recovery_point", "impact.regulatory", "impact.reputation",
                          "impact.service_degradation", "impact.sla_breach", "impact.summary",
                          "impact.symptoms", "impact.user_facing_errors", "regions",
                          "review.distribution", "review_status", "roles.commander", "status",
                          "tenants", "timeline[].author", "timeline[].link", "updated_at",
                          "version"),
    "post-incident-review": (*_NEVER, "action_items[].horizon", "action_items[].priority",
                             "analysis.resolution.investigation_steps",
                             "analysis.resolution.long_term_fix",
                             "analysis.resolution.rollback_needed",
                             "analysis.resolution.steps", "analysis.resolution.verification",
                             "created_at", "impact.symptoms", "review.distribution",
                             "review.knowledge_sharing", "updated_at", "version"),
    "incident-report": (*_NEVER, *_ROLES, "action_items[].horizon",
                        "analysis.contributing_factors[].impact", "analysis.five_whys",
                        "analysis.prevention", "analysis.went_poorly[].impact",
                        "analysis.went_well[].impact", "communications", "created_at",
                        "detection_source", "impact.downtime_seconds", "impact.internal_impact",
                        "impact.recovery_point", "impact.regulatory", "impact.reputation",
                        "impact.service_degradation", "impact.summary", "impact.symptoms",
                        "impact.user_facing_errors", "links", "milestones.closed",
                        "review.cadence", "review.communication_", "review.distribution",
                        "review.knowledge_sharing", "review.next_review", "roles.commander",
                        "roles.reviewers", "status", "timeline[].author", "timeline[].link",
                        "updated_at", "version"),
    "incident-postmortem": (*_NEVER, *_REVIEW, "roles.communications_lead", "roles.scribe",
                            "roles.technical_lead", "action_items[].horizon",
                            "analysis.contributing_factors[].impact", "analysis.five_whys",
                            "analysis.lessons", "analysis.resolution.investigation_steps",
                            "analysis.resolution.steps", "analysis.went_poorly[].impact",
                            "analysis.went_well[].impact", "created_at", "impact.recovery_point",
                            "impact.reputation", "impact.service_degradation",
                            "impact.sla_breach", "impact.user_facing_errors",
                            "milestones.closed", "review.distribution", "review.next_review",
                            "roles.reviewers", "status", "timeline[].author", "timeline[].link",
                            "updated_at"),
}  # fmt: skip


def _flat(value: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            out.update(_flat(item, f"{prefix}.{key}" if prefix else key))
        return out
    if isinstance(value, list):
        out = {f"{prefix}#len": len(value)}
        for index, item in enumerate(sorted(value, key=repr)):
            out.update(_flat(item, f"{prefix}[{index}]"))
        return out
    return {prefix: value}


def differences(original: Incident, imported: Incident, fmt: str) -> list[str]:
    """Paths where the records differ, leaving out what ``fmt`` does not carry."""
    import re

    from warroom.domain.record import to_record

    before, after = _flat(to_record(original)), _flat(to_record(imported))
    found = []
    for path in sorted(set(before) | set(after)):
        general = re.sub(r"\[\d+\]", "[]", path)
        if before.get(path) != after.get(path) and not general.startswith(NOT_CARRIED[fmt]):
            found.append(f"{path}: {before.get(path)!r} -> {after.get(path)!r}")
    return found


__all__ = ["CARRIES", "NOT_CARRIED", "Roles", "differences", "prepare", "project"]
