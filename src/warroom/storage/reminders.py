"""What is due for a nudge, and the record of nudges sent (``ports.ReminderLog``).

``claim`` is how a reminder is sent once: ``INSERT ... ON CONFLICT DO
NOTHING`` on the key (kind, ref, item, step). Of several processes claiming
the same key, the first insert wins; the others insert nothing (on
PostgreSQL they wait for the winner's transaction, on SQLite for the write
lock) and are told so.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import and_, literal, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, RowMapping
from sqlalchemy.sql.selectable import Select

from warroom.domain.followup import ReviewDeadline
from warroom.domain.model import ReviewStatus
from warroom.services.insight_ports import DueReview
from warroom.storage.errors import translate_errors
from warroom.storage.followup_tables import reminders_sent
from warroom.storage.sqlfunctions import review_due_epoch
from warroom.storage.tables import incident_roles, incidents


def _with_owner() -> Select[Any]:
    author = incident_roles.alias("author")
    commander = incident_roles.alias("commander")

    def role(alias: Any, name: str) -> Any:
        return and_(
            alias.c.incident_id == incidents.c.id, alias.c.role == name, alias.c.position == 0
        )

    return (
        select(
            incidents.c.ref,
            incidents.c.title,
            incidents.c.severity,
            incidents.c.resolved_at,
            incidents.c.review_meeting_at,
            author.c.person.label("author"),
            commander.c.person.label("commander"),
        )
        .outerjoin(author, role(author, "report_author"))
        .outerjoin(commander, role(commander, "commander"))
    )


def _due_review(row: RowMapping) -> DueReview:
    return DueReview(
        ref=row["ref"],
        title=row["title"],
        severity=row["severity"],
        resolved=row["resolved_at"],
        meeting_at=row["review_meeting_at"],
        owner=row["author"] or row["commander"],
    )


class SqlReminderLog:
    """``ports.ReminderLog`` on one open connection."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self._url = connection.engine.url

    def late_reviews(self, now: datetime, deadlines: dict[int, ReviewDeadline]) -> list[DueReview]:
        due = review_due_epoch(incidents.c.severity, incidents.c.resolved_at, deadlines)
        if due is None:
            return []
        statement = (
            _with_owner()
            .where(
                incidents.c.resolved_at.is_not(None),
                incidents.c.review_status != ReviewStatus.APPROVED.value,
                due.is_not(None),
                due < literal(int(now.timestamp())),
            )
            .order_by(incidents.c.resolved_at, incidents.c.ref)
        )
        return self._rows(statement)

    def meetings_between(self, earliest: datetime, latest: datetime) -> list[DueReview]:
        statement = (
            _with_owner()
            .where(
                incidents.c.review_meeting_at >= earliest,
                incidents.c.review_meeting_at <= latest,
            )
            .order_by(incidents.c.review_meeting_at, incidents.c.ref)
        )
        return self._rows(statement)

    def claim(self, key: tuple[str, str, str, str], at: datetime) -> bool:
        kind, ref, item, step = key
        dialect: Any = postgresql if self._connection.dialect.name == "postgresql" else sqlite
        statement = (
            dialect.insert(reminders_sent)
            .values(kind=kind, ref=ref, item=item, step=step, sent_at=at)
            .on_conflict_do_nothing()
            # A row comes back only when this insert claimed the key (rowcount
            # is not reliable for ON CONFLICT on every driver).
            .returning(reminders_sent.c.kind)
        )
        with translate_errors(self._url):
            return self._connection.execute(statement).first() is not None

    def _rows(self, statement: Select[Any]) -> list[DueReview]:
        with translate_errors(self._url):
            return [_due_review(row) for row in self._connection.execute(statement).mappings()]
