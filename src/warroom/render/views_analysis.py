"""Views of the analysis, the action items and the review: part of the view model.

Same conventions as ``views``: ``str`` fields hold display text or the gap.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FactorView:
    name: str
    description: str
    impact: str
    text: str  # "name — description"


@dataclass(frozen=True)
class WhyView:
    question: str
    answer: str


@dataclass(frozen=True)
class ResolutionView:
    immediate_fix: str
    long_term_fix: str
    rollback_needed: str  # Yes / No / gap
    verification: str
    investigation_steps: list[str]
    steps: list[str]


@dataclass(frozen=True)
class ObservationView:
    text: str
    detail: str
    impact: str
    line: str  # "text — detail"
    has_detail: bool  # detail or impact recorded


@dataclass(frozen=True)
class LessonView:
    text: str
    title: str  # first line of the text
    description: str  # the lines after the first, or the gap
    category: str  # technical / process / communication
    how_to_apply: str


@dataclass(frozen=True)
class MeasureView:
    text: str
    kind: str  # MeasureKind value
    done: bool
    box: str  # [x] / [ ]


@dataclass(frozen=True)
class AnalysisView:
    trigger: str
    root_cause: str
    why: str
    why_not_caught: str
    factors: list[FactorView]
    five_whys: list[WhyView]
    resolution: ResolutionView
    went_well: list[ObservationView]
    went_poorly: list[ObservationView]
    lucky: list[str]
    surprises: list[str]
    lessons: list[LessonView]
    lessons_by_category: dict[str, list[LessonView]]
    prevention: list[MeasureView]
    prevention_by_kind: dict[str, list[MeasureView]]


@dataclass(frozen=True)
class ActionView:
    key: str
    title: str
    text: str  # "AI-1: title", with " (ticket: X)" when there is one
    owner: str
    due: str  # 2026-12-01
    priority: str  # high / medium / low
    priority_label: str  # High
    priority_code: str  # P0
    status: str  # open / in_progress / done / wont_do
    status_label: str  # Open / In Progress / Done / Won't do (reason)
    reason: str
    horizon: str  # immediate / short / medium / long / none
    kind: str | None
    factor: str | None
    ticket: str | None
    done: bool
    box: str
    raised_in_review: bool  # created at or after the review meeting


@dataclass(frozen=True)
class AttendeeView:
    name: str
    role: str
    text: str  # "Name - Role", for one attendee a line
    inline: str  # "Name (Role)", for a comma-separated list


@dataclass(frozen=True)
class ApprovalView:
    role: str
    name: str
    approved: str  # Yes / No / gap
    at: str
    comment: str
    done: bool
    box: str


@dataclass(frozen=True)
class ChecklistView:
    text: str
    done: bool
    box: str


@dataclass(frozen=True)
class ReviewView:
    meeting_at: str
    attendees: list[AttendeeView]
    discussion_points: list[str]
    approvals: list[ApprovalView]
    requested_changes: list[ApprovalView]
    next_review: str
    cadence: list[str]
    knowledge_sharing: list[ChecklistView]
    distribution: list[str]
    communication_worked: str
    communication_failed: str
