"""Incidents with something in common: recurrence and "similar incidents", ranked in SQL.

- ``related_incidents``: earlier incidents (begun before this one) sharing a
  contributing factor or a service, most shared first, with their still-open
  action items.
- ``similar_incidents``: any other incident, scored
  ``3 × shared factors + 2 × shared services + 2 × text similarity``, where
  text similarity is the full-text score of the incident's title and summary
  words among the 50 best text matches, divided by the best of them (0..1).
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, literal, or_, select, union, union_all
from sqlalchemy.engine import Connection
from sqlalchemy.sql.selectable import CTE

from warroom.errors import NotFoundError
from warroom.services.insight_ports import RelatedRow
from warroom.services.ports import Viewer
from warroom.storage.mapping import action_item_from_row
from warroom.storage.queries import OPEN_ACTION_STATUSES, visible_to
from warroom.storage.search import any_of, text_matches
from warroom.storage.tables import action_items, contributing_factors, incident_services, incidents
from warroom.storage.window import began

TEXT_CANDIDATES = 50
_STOPWORDS = frozenset(
    re.findall(
        r"\w+",
        "the and for with from after during into over under about this that were was are has"
        " had not but our all any its their them they some more most when while",
    )
)


def _me(connection: Connection, ref: str, viewer: Viewer | None) -> Any:
    row = connection.execute(
        select(
            incidents.c.id, began().label("began"), incidents.c.title, incidents.c.summary
        ).where(incidents.c.ref == ref, visible_to(viewer))
    ).first()
    if row is None:
        raise NotFoundError(f"no incident {ref}", field="ref")
    return row


def _shared(me_id: int) -> CTE:
    """``(incident_id, kind, name)``: each factor and service another incident shares with me."""
    branches = []
    for kind, table in (("factor", contributing_factors), ("service", incident_services)):
        mine = select(table.c.name).where(table.c.incident_id == me_id)
        branches.append(
            select(table.c.incident_id, literal(kind).label("kind"), table.c.name)
            .where(table.c.name.in_(mine.scalar_subquery()), table.c.incident_id != me_id)
            .distinct()
        )
    return union_all(*branches).cte("shared")


def _counts(shared: CTE) -> CTE:
    def count(kind: str) -> ColumnElement[int]:
        return func.sum(case((shared.c.kind == kind, 1), else_=0))

    return (
        select(
            shared.c.incident_id,
            count("factor").label("factors"),
            count("service").label("services"),
        )
        .group_by(shared.c.incident_id)
        .cte("counts")
    )


def related_incidents(
    connection: Connection, ref: str, *, viewer: Viewer | None, limit: int
) -> list[RelatedRow]:
    me = _me(connection, ref, viewer)
    counts = _counts(_shared(me.id))
    total = counts.c.factors + counts.c.services
    earlier = or_(began() < me.began, and_(began() == me.began, incidents.c.id < me.id))
    statement = (
        select(
            incidents.c.id,
            incidents.c.ref,
            incidents.c.title,
            incidents.c.severity,
            incidents.c.started_at,
            total.label("shared"),
        )
        .select_from(counts.join(incidents, incidents.c.id == counts.c.incident_id))
        .where(earlier, visible_to(viewer))
        .order_by(total.desc(), began().desc(), incidents.c.id.desc())
        .limit(limit)
    )
    rows = list(connection.execute(statement).all())
    scores = {row.id: (0.0, float(row.shared)) for row in rows}  # score: how many shared
    return _complete(connection, me.id, rows, scores, with_actions=True)


def similar_incidents(
    connection: Connection, ref: str, *, viewer: Viewer | None, limit: int
) -> list[RelatedRow]:
    me = _me(connection, ref, viewer)
    words = _words(f"{me.title} {me.summary or ''}")
    counts = _counts(_shared(me.id))
    ids = [select(counts.c.incident_id)]
    text = None
    if words:
        query = any_of(words, connection.dialect.name)
        text = text_matches(connection, query, raw=True, limit=TEXT_CANDIDATES, exclude=me.id)
        ids.append(select(text.c.incident_id))
    candidates = (
        union(*ids).subquery("candidates") if len(ids) > 1 else ids[0].subquery("candidates")
    )
    joined = candidates.join(incidents, incidents.c.id == candidates.c.incident_id).outerjoin(
        counts, counts.c.incident_id == candidates.c.incident_id
    )
    similarity: ColumnElement[float] = literal(0.0)
    if text is not None:
        best = select(func.max(text.c.score)).scalar_subquery()
        joined = joined.outerjoin(text, text.c.incident_id == candidates.c.incident_id)
        similarity = func.coalesce(text.c.score / func.nullif(best, 0), 0.0)
    score = (
        3 * func.coalesce(counts.c.factors, 0)
        + 2 * func.coalesce(counts.c.services, 0)
        + 2 * similarity
    )
    statement = (
        select(
            incidents.c.id,
            incidents.c.ref,
            incidents.c.title,
            incidents.c.severity,
            incidents.c.started_at,
            similarity.label("similarity"),
            score.label("score"),
        )
        .select_from(joined)
        .where(visible_to(viewer))
        .order_by(score.desc(), began().desc(), incidents.c.id.desc())
        .limit(limit)
    )
    rows = list(connection.execute(statement).all())
    scores = {row.id: (float(row.similarity), float(row.score)) for row in rows}
    return _complete(connection, me.id, rows, scores, with_actions=False)


def _complete(
    connection: Connection,
    me_id: int,
    rows: list[Any],
    scores: dict[int, tuple[float, float]],
    *,
    with_actions: bool,
) -> list[RelatedRow]:
    """The shared names (and open action items) of the chosen incidents, in their order."""
    ids = [row.id for row in rows]
    if not ids:
        return []
    shared = _shared(me_id)
    names: dict[tuple[int, str], list[str]] = defaultdict(list)
    for incident_id, kind, name in connection.execute(
        select(shared).where(shared.c.incident_id.in_(ids)).order_by(shared.c.name)
    ):
        names[(incident_id, kind)].append(name)
    actions: dict[int, list[Any]] = defaultdict(list)
    if with_actions:
        statement = (
            select(action_items)
            .where(
                action_items.c.incident_id.in_(ids), action_items.c.status.in_(OPEN_ACTION_STATUSES)
            )
            .order_by(action_items.c.incident_id, action_items.c.position)
        )
        for row in connection.execute(statement).mappings():
            actions[row["incident_id"]].append(action_item_from_row(row))
    return [
        RelatedRow(
            ref=row.ref,
            title=row.title,
            severity=row.severity,
            started=row.started_at,
            factors=tuple(names[(row.id, "factor")]),
            services=tuple(names[(row.id, "service")]),
            text_score=scores.get(row.id, (0.0, 0.0))[0],
            score=scores.get(row.id, (0.0, 0.0))[1],
            open_actions=tuple(actions[row.id]),
        )
        for row in rows
    ]


def _words(text: str, most: int = 12) -> list[str]:
    words = [w.lower() for w in re.findall(r"[^\W_]{3,}", text)]
    kept = [w for w in dict.fromkeys(words) if w not in _STOPWORDS and not w.isdigit()]
    return kept[:most]
