"""Reads for people browsing: text search over the list, and what a dashboard shows.

Both work on the list summaries (never whole records, except the few
incidents in review), so they stay quick on a large database.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from warroom.domain.model import ActionStatus, ReviewStatus
from warroom.domain.review import approved_in_round
from warroom.services.context import Context
from warroom.services.incidents import list_incidents
from warroom.services.inputs import OPEN_STATUSES
from warroom.services.ports import (
    ActionItemQuery,
    ActionItemRow,
    IncidentQuery,
    IncidentSummary,
    Page,
    Viewer,
)

# How many list rows one search request reads at most before it answers with
# what it found and a cursor to read on from (title search scans summaries).
SEARCH_SCAN = 2000
# How many recently resolved incidents the dashboard looks through for reviews.
REVIEW_SCAN = 1000
_BATCH = 500
# What a dashboard shows at most; the lists behind its links have the rest.
OPEN_SHOWN = 200
ITEMS_SHOWN = 50


def search_incidents(ctx: Context, query: IncidentQuery, text: str) -> Page:
    """A page of incidents matching ``query`` whose title contains ``text`` (any case).

    Reads at most ``SEARCH_SCAN`` rows per call: a page may hold fewer
    matches than ``query.limit`` and still have a ``next`` cursor to go on.
    """
    needle = text.strip().casefold()
    if not needle:
        return list_incidents(ctx, query)
    found: list[IncidentSummary] = []
    cursor = query.after
    scanned = 0
    while scanned < SEARCH_SCAN:
        page = list_incidents(ctx, replace(query, after=cursor, limit=_BATCH))
        for summary in page.items:
            cursor = summary.ref
            scanned += 1
            if needle in summary.title.casefold():
                found.append(summary)
                if len(found) == query.limit:
                    return Page(found, cursor)
        if page.next is None:
            return Page(found, None)
    return Page(found, cursor)


@dataclass(frozen=True)
class Dashboard:
    open_by_severity: list[tuple[int, list[IncidentSummary]]]  # most severe first
    more_open: bool  # more open incidents than shown
    my_action_items: list[ActionItemRow]  # at most ITEMS_SHOWN + 1: more than shown
    overdue_action_items: list[ActionItemRow]
    reviews_waiting: list[IncidentSummary]
    items_shown: int = ITEMS_SHOWN


def dashboard(ctx: Context, viewer: Viewer, today: date) -> Dashboard:
    """Open incidents by severity, my and overdue action items, reviews waiting for me."""
    query = IncidentQuery(statuses=OPEN_STATUSES, viewer=viewer, limit=OPEN_SHOWN)
    page = list_incidents(ctx, query)
    levels: dict[int, list[IncidentSummary]] = {}
    for summary in page.items:
        levels.setdefault(summary.severity, []).append(summary)
    with ctx.read() as uow:
        mine = uow.incidents.list_action_items(
            ActionItemQuery(
                owner=viewer.name,
                statuses=(ActionStatus.OPEN, ActionStatus.IN_PROGRESS),
                viewer=viewer,
                limit=ITEMS_SHOWN + 1,
            )
        )
        overdue = uow.incidents.list_action_items(
            ActionItemQuery(overdue_on=today, viewer=viewer, limit=ITEMS_SHOWN + 1)
        )
    return Dashboard(
        open_by_severity=sorted(levels.items()),
        more_open=page.next is not None,
        items_shown=ITEMS_SHOWN,
        my_action_items=mine,
        overdue_action_items=overdue,
        reviews_waiting=reviews_waiting(ctx, viewer),
    )


def reviews_waiting(ctx: Context, viewer: Viewer) -> list[IncidentSummary]:
    """Incidents in review that name ``viewer`` as a reviewer who has not approved yet.

    Looks through the ``REVIEW_SCAN`` most recent incidents (reviews follow
    soon after the incident); only those in review are read whole, in one
    read transaction.
    """
    in_review: list[IncidentSummary] = []
    cursor: str | None = None
    for _ in range(REVIEW_SCAN // _BATCH):
        page = list_incidents(ctx, IncidentQuery(viewer=viewer, limit=_BATCH, after=cursor))
        in_review += [s for s in page.items if s.review_status is ReviewStatus.IN_REVIEW]
        cursor = page.next
        if cursor is None:
            break
    waiting: list[IncidentSummary] = []
    with ctx.read() as uow:
        for summary in in_review:
            incident = uow.incidents.get(summary.ref)
            reviewers = incident.roles.reviewers
            if viewer.name in reviewers and viewer.name not in approved_in_round(incident):
                waiting.append(summary)
    return waiting
