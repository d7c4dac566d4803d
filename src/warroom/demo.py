"""Sample incidents for ``warroom serve --demo``: a realistic handful, written through the services.

``load_demo(ctx)`` records each incident the way people would have: it is
declared, entries are added, roles handed out, the status moved on, the
analysis written and action items added, each at its own moment (relative
to now, so some action items are overdue). The incidents live in
``demo_past`` and ``demo_ongoing``; they vary in severity, status and review status, and
one is private.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from warroom.demo_ongoing import ONGOING
from warroom.demo_past import PAST, DemoIncident
from warroom.domain.model import EventKind, ReviewStatus, Visibility
from warroom.services.actions import ActionItemChange, NewActionItem
from warroom.services.analysis_text import SECTION_NAMES
from warroom.services.context import Context
from warroom.services.editing import Editor, edit_analysis
from warroom.services.followup import (
    NewCommunication,
    NewLink,
    add_action_item,
    add_communication,
    add_link,
    edit_action_item,
)
from warroom.services.impact import edit_impact
from warroom.services.incidents import (
    DeclareIncident,
    NewTimelineEvent,
    add_timeline_event,
    assign_role,
    change_status,
    declare_incident,
    list_incidents,
    set_milestone,
)
from warroom.services.ports import IncidentQuery
from warroom.services.review import approve_review, request_review

DEMO_INCIDENTS: tuple[DemoIncident, ...] = PAST + ONGOING


def load_demo(ctx: Context) -> list[str]:
    """Store the sample incidents; their references, oldest first.

    Loading twice (a restarted ``warroom serve --demo``) adds nothing: a
    sample whose title is already there is left as it is.
    """
    now = ctx.now()
    known = {s.title: s.ref for s in list_incidents(ctx, IncidentQuery(limit=500)).items}
    ordered = sorted(DEMO_INCIDENTS, key=lambda d: -d.started)
    return [known.get(demo.title) or _load(ctx, demo, now) for demo in ordered]


def _at(ctx: Context, moment: datetime) -> Context:
    """The context as it was at ``moment``: what each step records as its time."""
    return replace(ctx, clock=lambda: moment)


def _load(ctx: Context, demo: DemoIncident, now: datetime) -> str:
    start = (now - timedelta(minutes=demo.started)).replace(second=0, microsecond=0)

    def when(minutes: int) -> datetime:
        return start + timedelta(minutes=minutes)

    detected = when(demo.detected)
    outcome = declare_incident(
        _at(ctx, detected + timedelta(minutes=demo.declared)),
        DeclareIncident(
            title=demo.title,
            severity=demo.severity,
            services=list(demo.services),
            commander=demo.commander,
            summary=demo.summary,
            started_at=start,
            detected_at=detected,
            detection_source=demo.detection_source,
            visibility=Visibility.PRIVATE if demo.private else Visibility.PUBLIC,
            author=demo.commander,
        ),
    )
    ref = outcome.incident.ref
    for minutes, role, person in demo.roles:
        assign_role(_at(ctx, when(minutes)), ref, role, person, author=demo.commander)
    if demo.acknowledged is not None:
        moment = when(demo.acknowledged)
        set_milestone(_at(ctx, moment), ref, "acknowledged", moment, author=demo.commander)
    steps = [(m, "entry", (kind, text, who)) for m, kind, text, who in demo.events]
    steps += [(m, "status", (status, "", demo.commander)) for m, status in demo.statuses]
    for minutes, step, (first, text, who) in sorted(steps, key=lambda s: s[0]):
        moment = when(minutes)
        if step == "status":
            change_status(_at(ctx, moment), ref, first, at=moment, author=who)
        else:
            entry = NewTimelineEvent(text=text, at=moment, kind=EventKind(first), author=who)
            add_timeline_event(_at(ctx, moment), ref, entry)
    later = _at(ctx, when(demo.written))
    editor = Editor(None, None, demo.author)
    for minutes, audience, channel, summary in demo.communications:
        note = NewCommunication(summary, when(minutes).isoformat(), audience, channel)
        add_communication(later, ref, note, editor)
    for url, title, kind in demo.links:
        add_link(later, ref, NewLink(url, title, kind), editor)
    if demo.impact:
        edit_impact(later, ref, demo.impact, editor)
    for name in SECTION_NAMES:
        if name in demo.analysis:
            edit_analysis(later, ref, name, demo.analysis[name], editor)
    for title, owner, due_days, priority, status, reason in demo.action_items:
        due = (now + timedelta(days=due_days)).date().isoformat()
        item = NewActionItem(title, owner=owner, due=due, priority=priority)
        incident = add_action_item(later, ref, item, editor).incident
        if status != "open":
            key = incident.action_items[-1].key
            change = ActionItemChange(status=status, reason=reason)
            edit_action_item(later, ref, key, change, editor)
    if demo.review != ReviewStatus.DRAFT.value:
        reviewers = demo.reviewers or ("priya.nair",)
        request_review(later, ref, reviewers, author=demo.author)
        if demo.review == ReviewStatus.APPROVED.value:
            for name in reviewers:
                approve_review(later, ref, name, comment="Thorough; thanks.")
    return ref
