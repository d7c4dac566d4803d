"""The incidents an insights query is about: visible to its viewer, begun in its window."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, func

from warroom.services.insight_ports import InsightsQuery
from warroom.storage.queries import visible_to
from warroom.storage.tables import incidents


def began() -> ColumnElement[Any]:
    """When an incident began: its ``started`` milestone, else its creation (as ``list``)."""
    return func.coalesce(incidents.c.started_at, incidents.c.created_at)


def in_window(query: InsightsQuery) -> list[ColumnElement[bool]]:
    """Visible to ``query.viewer`` and begun in ``[query.since, query.until)``."""
    filters = [visible_to(query.viewer)]
    if query.since is not None:
        filters.append(began() >= query.since)
    if query.until is not None:
        filters.append(began() < query.until)
    return filters
