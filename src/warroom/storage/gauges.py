"""The counts behind ``GET /metrics``, from indexed columns only (``GaugeReader``)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from warroom.domain.model import IncidentStatus, ReviewStatus
from warroom.services.integration_ports import Gauges
from warroom.storage.errors import translate_errors
from warroom.storage.integration_tables import webhook_deliveries
from warroom.storage.queries import OPEN_ACTION_STATUSES
from warroom.storage.tables import action_items, incidents

OPEN_STATUSES = tuple(status.value for status in IncidentStatus if status.is_open)


class SqlGaugeReader:
    """``integration_ports.GaugeReader`` on one open connection."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self._url = connection.engine.url

    def read(self, *, now: datetime, review_late_before: datetime) -> Gauges:
        by_severity = select(incidents.c.severity, func.count()).group_by(incidents.c.severity)
        open_items = select(func.count()).where(action_items.c.status.in_(OPEN_ACTION_STATUSES))
        late = select(func.count()).where(
            incidents.c.status.in_([IncidentStatus.RESOLVED.value, IncidentStatus.CLOSED.value]),
            incidents.c.resolved_at < review_late_before,
            incidents.c.review_status != ReviewStatus.APPROVED.value,
        )
        deliveries = select(webhook_deliveries.c.status, func.count()).group_by(
            webhook_deliveries.c.status
        )
        run = self._connection.execute
        with translate_errors(self._url):
            declared = {int(s): int(n) for s, n in run(by_severity).all()}
            opened = {
                int(s): int(n)
                for s, n in run(by_severity.where(incidents.c.status.in_(OPEN_STATUSES))).all()
            }
            items_open = int(run(open_items).scalar_one())
            overdue = int(run(open_items.where(action_items.c.due < now.date())).scalar_one())
            reviews_late = int(run(late).scalar_one())
            by_status = {str(s): int(n) for s, n in run(deliveries).all()}
        return Gauges(
            open_by_severity=opened,
            declared_by_severity=declared,
            action_items_open=items_open,
            action_items_overdue=overdue,
            reviews_late=reviews_late,
            deliveries_failed=by_status.get("failed", 0),
            deliveries_pending=by_status.get("pending", 0),
        )
