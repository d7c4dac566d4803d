"""Views of the analysis, the action items, the review, links and evidence."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime

from warroom.domain.model import (
    ActionItem,
    ActionStatus,
    Analysis,
    Approval,
    Evidence,
    LessonCategory,
    Link,
    LinkKind,
    MeasureKind,
    Observation,
    Review,
)
from warroom.render.markup import GAP, box, day, or_gap, utc, yes_no
from warroom.render.markup import link as markdown_link
from warroom.render.views import EvidenceView, LinkView
from warroom.render.views_analysis import (
    ActionView,
    AnalysisView,
    ApprovalView,
    AttendeeView,
    ChecklistView,
    FactorView,
    LessonView,
    MeasureView,
    ObservationView,
    ResolutionView,
    ReviewView,
    WhyView,
)

PRIORITY_CODES = {"high": "P0", "medium": "P1", "low": "P2"}
STATUS_LABELS = {
    ActionStatus.OPEN: "Open",
    ActionStatus.IN_PROGRESS: "In Progress",
    ActionStatus.DONE: "Done",
    ActionStatus.WONT_DO: "Won't do",
}
LINK_LABELS = {
    LinkKind.DASHBOARD: "Dashboard",
    LinkKind.LOGS: "Logs",
    LinkKind.TICKET: "Ticket",
    LinkKind.INCIDENT: "Related incident",
    LinkKind.PULL_REQUEST: "Pull request",
    LinkKind.RUNBOOK: "Runbook",
    LinkKind.DOCUMENT: "Document",
    LinkKind.OTHER: "Link",
}


def analysis_view(analysis: Analysis) -> AnalysisView:
    """Root cause, factors, five whys, resolution, observations, lessons, prevention."""
    res = analysis.resolution
    lessons = [
        _lesson(lesson.text, lesson.category, lesson.how_to_apply) for lesson in analysis.lessons
    ]
    prevention = [
        MeasureView(m.text, m.kind.value, m.done, box(m.done)) for m in analysis.prevention
    ]
    return AnalysisView(
        trigger=or_gap(analysis.trigger),
        root_cause=or_gap(analysis.root_cause.summary),
        why=or_gap(analysis.root_cause.why),
        why_not_caught=or_gap(analysis.root_cause.why_not_caught),
        factors=[
            FactorView(
                name=f.name,
                description=or_gap(f.description),
                impact=or_gap(f.impact),
                text=f"{f.name} — {f.description}" if f.description else f.name,
            )
            for f in analysis.contributing_factors
        ],
        five_whys=[WhyView(w.question, w.answer) for w in analysis.five_whys],
        resolution=ResolutionView(
            immediate_fix=or_gap(res.immediate_fix),
            long_term_fix=or_gap(res.long_term_fix),
            rollback_needed=yes_no(res.rollback_needed),
            verification=or_gap(res.verification),
            investigation_steps=list(res.investigation_steps),
            steps=list(res.steps),
        ),
        went_well=[_observation(o) for o in analysis.went_well],
        went_poorly=[_observation(o) for o in analysis.went_poorly],
        lucky=list(analysis.lucky),
        surprises=list(analysis.surprises),
        lessons=lessons,
        lessons_by_category={
            c.value: [lesson for lesson in lessons if lesson.category == c.value]
            for c in LessonCategory
        },
        prevention=prevention,
        prevention_by_kind={
            k.value: [m for m in prevention if m.kind == k.value] for k in MeasureKind
        },
    )


def action_views(items: Iterable[ActionItem], meeting_at: datetime | None) -> list[ActionView]:
    """The action items in record order, with the labels every format picks from."""
    views = []
    for a in items:
        status = STATUS_LABELS[a.status]
        if a.status == ActionStatus.WONT_DO and a.reason:
            status = f"{status} ({a.reason})"
        text = f"{a.key}: {a.title}" + (f" (ticket: {a.ticket})" if a.ticket else "")
        views.append(
            ActionView(
                key=a.key,
                title=a.title,
                text=text,
                owner=or_gap(a.owner),
                due=day(a.due),
                priority=a.priority.value,
                priority_label=a.priority.value.capitalize(),
                priority_code=PRIORITY_CODES[a.priority.value],
                status=a.status.value,
                status_label=status,
                reason=or_gap(a.reason),
                horizon=a.horizon.value if a.horizon else "none",
                kind=a.kind.value if a.kind else None,
                factor=a.factor,
                ticket=a.ticket,
                done=a.status == ActionStatus.DONE,
                box=box(a.status == ActionStatus.DONE),
                raised_in_review=bool(meeting_at and a.created_at and a.created_at >= meeting_at),
            )
        )
    return views


def action_status(item: ActionView, **words: str) -> str:
    """The item's status in a template's own words: ``action_status(a, done="Complete")``."""
    if item.status == ActionStatus.WONT_DO.value:
        return item.status_label
    return words.get(item.status, item.status_label)


def review_view(review: Review) -> ReviewView:
    """Meeting, attendees, approvals, follow-up and knowledge sharing."""
    return ReviewView(
        meeting_at=utc(review.meeting_at),
        attendees=[
            AttendeeView(
                a.name,
                or_gap(a.role),
                f"{a.name} - {a.role}" if a.role else a.name,
                f"{a.name} ({a.role})" if a.role else a.name,
            )
            for a in review.attendees
        ],
        discussion_points=list(review.discussion_points),
        approvals=[_approval(a) for a in review.approvals],
        requested_changes=[_approval(a) for a in review.requested_changes],
        next_review=day(review.next_review),
        cadence=list(review.cadence),
        knowledge_sharing=[
            ChecklistView(c.text, c.done, box(c.done)) for c in review.knowledge_sharing
        ],
        distribution=list(review.distribution),
        communication_worked=or_gap(review.communication_worked),
        communication_failed=or_gap(review.communication_failed),
    )


def standard_checklist(items: list[ChecklistView], *texts: str) -> list[ChecklistView]:
    """A template's fixed checklist, ticked from the record, then any other recorded items."""
    recorded = {_key(c.text): c for c in items}
    standard = [ChecklistView(t, *_done(recorded.get(_key(t)))) for t in texts]
    wanted = {_key(t) for t in texts}
    return standard + [c for c in items if _key(c.text) not in wanted]


def standard_approvals(approvals: list[ApprovalView], *roles: str) -> list[ApprovalView]:
    """A template's sign-off roles, filled from the recorded approvals, then any others."""
    recorded = {_key(a.role): a for a in approvals}
    standard = [
        recorded.get(_key(r)) or ApprovalView(r, GAP, GAP, GAP, GAP, False, box(False))
        for r in roles
    ]
    wanted = {_key(r) for r in roles}
    return standard + [a for a in approvals if _key(a.role) not in wanted]


def link_view(link: Link) -> LinkView:
    label = LINK_LABELS[link.kind]
    return LinkView(
        link.url, link.title, link.kind.value, label, markdown_link(link.url, link.title)
    )


def evidence_view(evidence: Evidence) -> EvidenceView:
    return EvidenceView(evidence.kind.value, or_gap(evidence.title), evidence.text)


def _observation(o: Observation) -> ObservationView:
    return ObservationView(
        text=o.text,
        detail=or_gap(o.detail),
        impact=or_gap(o.impact),
        line=f"{o.text} — {o.detail}" if o.detail else o.text,
        has_detail=bool(o.detail or o.impact),
    )


def _lesson(text: str, category: LessonCategory, how: str | None) -> LessonView:
    first, _, rest = text.strip().partition("\n")
    return LessonView(text, first, or_gap(rest.strip()), category.value, or_gap(how))


def _approval(a: Approval) -> ApprovalView:
    return ApprovalView(
        role=a.role,
        name=or_gap(a.name),
        approved=yes_no(a.approved),
        at=utc(a.at),
        comment=or_gap(a.comment),
        done=a.approved is True,
        box=box(a.approved is True),
    )


def _done(item: ChecklistView | None) -> tuple[bool, str]:
    done = bool(item and item.done)
    return done, box(done)


def _key(text: str) -> str:
    """Match "Training materials created (if needed)" with "training materials created"."""
    return re.sub(r"[^a-z0-9]+", " ", re.sub(r"\([^)]*\)", "", text.casefold())).strip()


def measure_text(measure: MeasureView, *implied: str, done_suffix: bool = False) -> str:
    """A prevention measure's text, with ``_(kind)_`` when the section does not imply it.

    ``done_suffix`` adds ``done`` to the note, for lists that have no check box.
    """
    notes = [] if measure.kind in implied else [measure.kind]
    if done_suffix and measure.done:
        notes.append("done")
    return measure.text + (f" _({', '.join(notes)})_" if notes else "")
