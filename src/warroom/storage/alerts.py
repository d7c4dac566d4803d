"""Alert group links, alert states and receipts on SQLAlchemy Core (``AlertRepository``).

Incidents are named by ref in the port and by id in the tables; the ids
are looked up with a scalar subquery, so no extra round trip is needed.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from warroom.errors import ConflictError
from warroom.services.integration_ports import AlertLink, AlertState
from warroom.storage.errors import translate_errors
from warroom.storage.integration_tables import alert_links, alert_receipts, alert_states
from warroom.storage.tables import incidents


def _incident_id(ref: str) -> Any:
    return select(incidents.c.id).where(incidents.c.ref == ref).scalar_subquery()


class SqlAlertRepository:
    """``integration_ports.AlertRepository`` on one open connection."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self._url = connection.engine.url

    def find_link(self, group_hash: str) -> AlertLink | None:
        statement = (
            select(alert_links.c.id, alert_links.c.group_key, incidents.c.ref)
            .join(incidents, incidents.c.id == alert_links.c.incident_id)
            .where(alert_links.c.group_hash == group_hash)
        )
        with translate_errors(self._url):
            row = self._connection.execute(statement).first()
        return AlertLink(row.id, row.group_key, row.ref) if row else None

    def add_link(
        self, *, source: str, group_key: str, group_hash: str, incident_ref: str, at: datetime
    ) -> AlertLink:
        statement = (
            insert(alert_links)
            .values(
                source=source,
                group_key=group_key,
                group_hash=group_hash,
                incident_id=_incident_id(incident_ref),
                updated_at=at,
            )
            .returning(alert_links.c.id)
        )
        conflict = "another notification of this alert group was recorded at the same time"
        with translate_errors(self._url, conflict=conflict):
            link_id = self._connection.execute(statement).scalar_one()
        return AlertLink(link_id, group_key, incident_ref)

    def move_link(self, link: AlertLink, incident_ref: str, at: datetime) -> None:
        statement = (
            update(alert_links)
            .where(
                alert_links.c.id == link.id,
                alert_links.c.incident_id == _incident_id(link.incident_ref),
            )
            .values(incident_id=_incident_id(incident_ref), updated_at=at)
        )
        with translate_errors(self._url):
            moved = self._connection.execute(statement).rowcount
            if moved != 1:
                raise ConflictError("the alert group was tied to another incident meanwhile")
            self._connection.execute(delete(alert_states).where(alert_states.c.link_id == link.id))

    def states(self, link_id: int) -> dict[str, AlertState]:
        statement = select(alert_states).where(alert_states.c.link_id == link_id)
        with translate_errors(self._url):
            rows = self._connection.execute(statement).mappings().all()
        return {
            row["fingerprint"]: AlertState(
                row["fingerprint"], row["status"], row["starts_at"], row["ends_at"]
            )
            for row in rows
        }

    def set_state(self, link_id: int, state: AlertState) -> None:
        dialect = postgresql if self._connection.dialect.name == "postgresql" else sqlite
        values = {"status": state.status, "starts_at": state.starts_at, "ends_at": state.ends_at}
        upsert: Any = dialect.insert(alert_states).values(
            link_id=link_id, fingerprint=state.fingerprint, **values
        )
        statement = upsert.on_conflict_do_update(
            index_elements=[alert_states.c.link_id, alert_states.c.fingerprint], set_=values
        )
        with translate_errors(self._url):
            self._connection.execute(statement)

    def seen(self, keys: list[str]) -> set[str]:
        if not keys:
            return set()
        statement = select(alert_receipts.c.key).where(alert_receipts.c.key.in_(keys))
        with translate_errors(self._url):
            return set(self._connection.execute(statement).scalars())

    def add_receipts(self, keys: list[str], incident_ref: str, at: datetime) -> None:
        if not keys:
            return
        incident_id = self._connection.execute(
            select(incidents.c.id).where(incidents.c.ref == incident_ref)
        ).scalar_one()
        rows = [{"key": key, "incident_id": incident_id, "received_at": at} for key in keys]
        conflict = "this alert notification was recorded by another process at the same time"
        with translate_errors(self._url, conflict=conflict):
            self._connection.execute(insert(alert_receipts), rows)
