"""The audit log on SQLAlchemy Core (``ports.AuditRepository``)."""

from __future__ import annotations

from sqlalchemy import insert, select
from sqlalchemy.engine import Connection

from warroom.domain.audit import AuditEntry, FieldChange
from warroom.storage.errors import translate_errors
from warroom.storage.queries import INT32_MAX
from warroom.storage.tables import audit_log


class SqlAuditRepository:
    """``ports.AuditRepository`` on one open connection."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self._url = connection.engine.url

    def add(self, entry: AuditEntry) -> None:
        """Append one entry (one write of one incident)."""
        changes = [{"field": c.field, "old": c.old, "new": c.new} for c in entry.changes]
        statement = insert(audit_log).values(
            ref=entry.ref,
            version=entry.version,
            at=entry.at,
            actor=entry.actor,
            action=entry.action,
            changes=changes,
        )
        with translate_errors(self._url):
            self._connection.execute(statement)

    def list_for(self, ref: str, *, after_version: int = 0, limit: int = 1000) -> list[AuditEntry]:
        """The entries of one incident with a version above ``after_version``, oldest first."""
        if after_version >= INT32_MAX:
            return []
        # PostgreSQL binds these as 32-bit INTEGER: keep them in range (see queries.py).
        statement = (
            select(audit_log)
            .where(audit_log.c.ref == ref, audit_log.c.version > max(after_version, -1))
            .order_by(audit_log.c.version, audit_log.c.id)
            .limit(min(max(limit, 0), INT32_MAX))
        )
        with translate_errors(self._url):
            rows = self._connection.execute(statement).mappings().all()
        return [
            AuditEntry(
                ref=row["ref"],
                version=row["version"],
                at=row["at"],
                actor=row["actor"],
                action=row["action"],
                changes=tuple(FieldChange(c["field"], c["old"], c["new"]) for c in row["changes"]),
            )
            for row in rows
        ]
