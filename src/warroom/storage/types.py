"""Column types that make SQLite and PostgreSQL behave alike.

``UTCDateTime`` stores every time in UTC -- naive on SQLite (which has no
time zone type), ``timestamptz`` on PostgreSQL -- and always gives back an
aware UTC ``datetime``, so a time read from either database compares equal to
the one written.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, DateTime
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine


class UTCDateTime(TypeDecorator[datetime]):
    """A time stored in UTC and read back as an aware UTC datetime.

    Naive datetimes are taken to be UTC already, as ``domain.times.ensure_utc``
    does; aware ones in any zone are converted.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "postgresql":
            return dialect.type_descriptor(DateTime(timezone=True))
        return dialect.type_descriptor(DateTime(timezone=False))

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        moment = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
        if dialect.name == "postgresql":
            return moment
        return moment.replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


# Plain JSON (not JSONB) on PostgreSQL too: it keeps the key order of the
# record, so labels and other mappings come back in the order they were written.
RecordJSON = JSON(none_as_null=True)
