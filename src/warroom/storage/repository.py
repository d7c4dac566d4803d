"""The incident repository on SQLAlchemy Core, for SQLite and PostgreSQL alike.

It works on the one connection (and transaction) of its unit of work.
Writes are whole-incident: ``save`` updates the row only if the stored
version is still the one the caller read, then rewrites the child rows.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, insert, literal, select, tuple_, update
from sqlalchemy.engine import Connection

from warroom.domain.model import Incident
from warroom.errors import NotFoundError, StaleVersionError
from warroom.services.ports import ActionItemQuery, ActionItemRow, IncidentQuery, Page, Viewer
from warroom.storage import queries
from warroom.storage.errors import translate_errors
from warroom.storage.loading import load_incidents
from warroom.storage.mapping import child_rows, incident_values
from warroom.storage.search_index import write_search_document
from warroom.storage.tables import CHILD_TABLES, incidents, ref_sequences

ITER_BATCH_SIZE = 200
MAX_VERSION = 2**31 - 1  # incidents.version is a 32-bit INTEGER on PostgreSQL


def _now() -> datetime:
    return datetime.now(UTC)


class SqlIncidentRepository:
    """``ports.IncidentRepository`` on one open connection."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self._url = connection.engine.url

    def get(self, ref: str) -> Incident:
        """The whole incident; NotFoundError if there is none with that ref."""
        with translate_errors(self._url):
            row = (
                self._connection.execute(select(incidents).where(incidents.c.ref == ref))
                .mappings()
                .first()
            )
            if row is None:
                raise NotFoundError(f"no incident {ref}")
            return load_incidents(self._connection, [row])[0]

    def exists(self, ref: str) -> bool:
        """Whether an incident with this ref is stored (whoever may see it)."""
        with translate_errors(self._url):
            found = self._connection.execute(select(incidents.c.id).where(incidents.c.ref == ref))
            return found.first() is not None

    def add(self, incident: Incident) -> None:
        """Store a new incident (ConflictError if the ref is taken).

        Missing ``created_at`` / ``updated_at`` stamps are set to now. A
        refused add leaves the unit of work usable (it runs in a savepoint),
        so the caller may retry with another reference.
        """
        values = incident_values(incident)
        values["created_at"] = created = incident.created_at or _now()
        values["updated_at"] = updated = incident.updated_at or created
        conflict = f"incident {incident.ref} already exists"
        with translate_errors(self._url, conflict=conflict), self._connection.begin_nested():
            inserted = self._connection.execute(
                insert(incidents).values(**values).returning(incidents.c.id)
            )
            self._insert_children(incident, inserted.scalar_one())
        incident.created_at, incident.updated_at = created, updated

    def save(self, incident: Incident, *, expected_version: int) -> None:
        """Write the whole incident if the stored version is still ``expected_version``.

        Sets ``incident.version`` and ``incident.updated_at``; raises
        StaleVersionError, having written nothing, when someone else wrote first.
        """
        now = _now()
        values = incident_values(incident)
        del values["ref"], values["created_at"]
        values.update(version=expected_version + 1, updated_at=now)
        with translate_errors(self._url):
            if not 0 <= expected_version < MAX_VERSION:
                # No stored version can match; PostgreSQL would refuse the
                # out-of-range integer where SQLite just matches nothing.
                raise self._stale(incident.ref, expected_version)
            updated = self._connection.execute(
                update(incidents)
                .where(incidents.c.ref == incident.ref, incidents.c.version == expected_version)
                .values(**values)
                .returning(incidents.c.id)
            )
            incident_id = updated.scalar_one_or_none()
            if incident_id is None:
                raise self._stale(incident.ref, expected_version)
            for table in CHILD_TABLES:
                self._connection.execute(delete(table).where(table.c.incident_id == incident_id))
            self._insert_children(incident, incident_id)
        incident.version = expected_version + 1
        incident.updated_at = now

    def list_incidents(self, query: IncidentQuery) -> Page:
        """One page of summaries, newest first; see ``storage.queries``."""
        with translate_errors(self._url):
            return queries.list_incidents(self._connection, query)

    def list_action_items(self, query: ActionItemQuery) -> list[ActionItemRow]:
        """Action items across incidents, soonest due first; see ``storage.queries``."""
        with translate_errors(self._url):
            return queries.list_action_items(self._connection, query)

    def iter_all(self, *, viewer: Viewer | None = None) -> Iterator[Incident]:
        """Every incident ``viewer`` may see, oldest first, loaded ``ITER_BATCH_SIZE`` at a time."""
        last: tuple[datetime, str] | None = None
        while True:
            statement = (
                select(incidents)
                .where(queries.visible_to(viewer))
                .order_by(incidents.c.created_at, incidents.c.ref)
                .limit(ITER_BATCH_SIZE)
            )
            if last is not None:
                created, ref = last
                after = tuple_(
                    literal(created, incidents.c.created_at.type),
                    literal(ref, incidents.c.ref.type),
                )
                statement = statement.where(tuple_(incidents.c.created_at, incidents.c.ref) > after)
            with translate_errors(self._url):
                rows = self._connection.execute(statement).mappings().all()
                batch = load_incidents(self._connection, rows)
            yield from batch
            if len(rows) < ITER_BATCH_SIZE:
                return
            last = (rows[-1]["created_at"], rows[-1]["ref"])

    def next_sequence(self, scope: str) -> int:
        """The next reference number in ``scope``: one atomic upsert, unique across processes."""
        # Each dialect's own INSERT has ON CONFLICT; import only the one in use
        # (the PostgreSQL dialect alone costs a SQLite user a tenth of a second).
        dialect = importlib.import_module(f"sqlalchemy.dialects.{self._connection.dialect.name}")
        upsert: Any = dialect.insert(ref_sequences)
        statement = (
            upsert.values(scope=scope, last_value=1)
            .on_conflict_do_update(
                index_elements=[ref_sequences.c.scope],
                set_={"last_value": ref_sequences.c.last_value + 1},
            )
            .returning(ref_sequences.c.last_value)
        )
        with translate_errors(self._url):
            value: int = self._connection.execute(statement).scalar_one()
        return value

    def _insert_children(self, incident: Incident, incident_id: int) -> None:
        rows = child_rows(incident, incident_id)
        for table in CHILD_TABLES:
            if rows[table.name]:
                self._connection.execute(insert(table), rows[table.name])
        # The search text is rewritten with the incident, in the same transaction.
        write_search_document(self._connection, incident, incident_id)

    def _stale(self, ref: str, expected: int) -> Exception:
        stored = self._connection.execute(
            select(incidents.c.version).where(incidents.c.ref == ref)
        ).scalar_one_or_none()
        if stored is None:
            return NotFoundError(f"no incident {ref}")
        return StaleVersionError(
            f"incident {ref} was changed by someone else: you edited version {expected},"
            f" the stored version is {stored}",
            expected=expected,
            actual=stored,
        )
