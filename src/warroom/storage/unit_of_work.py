"""The unit of work: one connection, one transaction, rolled back unless committed.

::

    with database.unit_of_work() as uow:
        incident = uow.incidents.get(ref)
        ...
        uow.incidents.save(incident, expected_version=version)
        uow.commit()

On SQLite the transaction starts with ``BEGIN IMMEDIATE`` when the block is
entered (``read_only`` ones start a plain deferred ``BEGIN``); after
``commit()`` the next statement starts a new transaction the same way.
"""

from __future__ import annotations

from types import TracebackType
from typing import Self

from sqlalchemy.engine import Connection, Engine

from warroom.services.insight_ports import InsightsReader, ReminderLog, SearchIndex
from warroom.services.integration_ports import AlertRepository, GaugeReader, WebhookRepository
from warroom.services.ports import AccountRepository, AuditRepository, IncidentRepository
from warroom.storage.accounts import SqlAccountRepository
from warroom.storage.alerts import SqlAlertRepository
from warroom.storage.audit import SqlAuditRepository
from warroom.storage.engine import READ_ONLY_OPTION
from warroom.storage.errors import translate_errors
from warroom.storage.gauges import SqlGaugeReader
from warroom.storage.insights import SqlInsights
from warroom.storage.reminders import SqlReminderLog
from warroom.storage.repository import SqlIncidentRepository
from warroom.storage.search import SqlSearchIndex
from warroom.storage.webhooks import SqlWebhookRepository


class SqlUnitOfWork:
    """``ports.UnitOfWork`` on a SQLAlchemy engine."""

    incidents: IncidentRepository
    accounts: AccountRepository
    audit: AuditRepository
    alerts: AlertRepository
    webhooks: WebhookRepository
    gauges: GaugeReader
    insights: InsightsReader
    search: SearchIndex
    reminders: ReminderLog

    def __init__(self, engine: Engine, *, read_only: bool = False) -> None:
        self._engine = engine
        self._read_only = read_only
        self._connection: Connection | None = None

    def __enter__(self) -> Self:
        if self._connection is not None:
            raise RuntimeError("this unit of work is already in use; open a new one")
        with translate_errors(self._engine.url, connecting=True):
            connection = self._engine.connect()
        try:
            if self._read_only:
                connection.execution_options(**{READ_ONLY_OPTION: True})
            with translate_errors(self._engine.url):
                connection.begin()
        except BaseException:
            connection.close()
            raise
        self._connection = connection
        self.incidents = SqlIncidentRepository(connection)
        self.accounts = SqlAccountRepository(connection)
        self.audit = SqlAuditRepository(connection)
        self.alerts = SqlAlertRepository(connection)
        self.webhooks = SqlWebhookRepository(connection)
        self.gauges = SqlGaugeReader(connection)
        self.insights = SqlInsights(connection)
        self.search = SqlSearchIndex(connection)
        self.reminders = SqlReminderLog(connection)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Roll back whatever was not committed and give the connection back."""
        connection, self._connection = self._connection, None
        if connection is not None:
            # Closing a connection rolls back its open transaction.
            connection.close()

    def commit(self) -> None:
        """Make everything written so far permanent."""
        with translate_errors(self._engine.url):
            self._require().commit()

    def rollback(self) -> None:
        """Drop everything written since the last commit."""
        with translate_errors(self._engine.url):
            self._require().rollback()

    def _require(self) -> Connection:
        if self._connection is None:
            raise RuntimeError("use the unit of work inside a `with` block")
        return self._connection
