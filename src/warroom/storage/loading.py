"""Loading whole incidents: one query per table for a batch of incidents, never one per incident."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.engine import Connection, RowMapping

from warroom.domain.model import Incident
from warroom.storage.mapping import incident_from_rows
from warroom.storage.tables import CHILD_TABLES


def load_incidents(connection: Connection, rows: Sequence[RowMapping]) -> list[Incident]:
    """The incidents of these ``incidents`` rows, in the same order, with all their parts."""
    if not rows:
        return []
    ids = [row["id"] for row in rows]
    children: dict[str, dict[int, list[RowMapping]]] = {}
    for table in CHILD_TABLES:
        by_incident: dict[int, list[RowMapping]] = defaultdict(list)
        # Primary key order is (incident_id, [role,] position): list order.
        statement = (
            select(table).where(table.c.incident_id.in_(ids)).order_by(*table.primary_key.columns)
        )
        for child in connection.execute(statement).mappings():
            by_incident[child["incident_id"]].append(child)
        children[table.name] = by_incident
    return [
        incident_from_rows(row, {name: rows_of[row["id"]] for name, rows_of in children.items()})
        for row in rows
    ]
