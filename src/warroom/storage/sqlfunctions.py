"""SQL expressions that SQLite and PostgreSQL spell differently, compiled for each.

- ``epoch_seconds(t)``: whole seconds since 1970 (UTC), truncated, as an integer.
  Durations are differences of these: the same figure as
  ``domain.metrics.epoch_seconds`` gives in Python.
- ``month_of(t)``: ``'YYYY-MM'`` of a time, in UTC.
- ``weekday_of(t)``: 0 for Monday .. 6 for Sunday, in UTC.
- ``review_due_epoch(severity, resolved, deadlines)``: when a review is due,
  as epoch seconds: the arithmetic of ``domain.followup.review_due`` in SQL.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Integer, String, case, cast
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from warroom.domain.followup import ReviewDeadline


class epoch_seconds(FunctionElement[int]):
    type = Integer()
    inherit_cache = True


class month_of(FunctionElement[str]):
    type = String()
    inherit_cache = True


class weekday_of(FunctionElement[int]):
    type = Integer()
    inherit_cache = True


def _argument(element: FunctionElement[Any], compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(element.clauses, **kw)


@compiles(epoch_seconds, "sqlite")
def _epoch_sqlite(element: epoch_seconds, compiler: SQLCompiler, **kw: Any) -> str:
    return f"CAST(strftime('%s', {_argument(element, compiler, **kw)}) AS INTEGER)"


@compiles(epoch_seconds, "postgresql")
def _epoch_postgres(element: epoch_seconds, compiler: SQLCompiler, **kw: Any) -> str:
    return f"CAST(floor(extract(epoch FROM {_argument(element, compiler, **kw)})) AS BIGINT)"


@compiles(month_of, "sqlite")
def _month_sqlite(element: month_of, compiler: SQLCompiler, **kw: Any) -> str:
    return f"strftime('%Y-%m', {_argument(element, compiler, **kw)})"


@compiles(month_of, "postgresql")
def _month_postgres(element: month_of, compiler: SQLCompiler, **kw: Any) -> str:
    return f"to_char({_argument(element, compiler, **kw)} AT TIME ZONE 'UTC', 'YYYY-MM')"


@compiles(weekday_of, "sqlite")
def _weekday_sqlite(element: weekday_of, compiler: SQLCompiler, **kw: Any) -> str:
    return f"((CAST(strftime('%w', {_argument(element, compiler, **kw)}) AS INTEGER) + 6) % 7)"


@compiles(weekday_of, "postgresql")
def _weekday_postgres(element: weekday_of, compiler: SQLCompiler, **kw: Any) -> str:
    moment = _argument(element, compiler, **kw)
    return f"(CAST(extract(isodow FROM {moment} AT TIME ZONE 'UTC') AS INTEGER) - 1)"


def business_offset_days(weekday: ColumnElement[int], days: int) -> ColumnElement[int]:
    """``domain.followup.business_offset_days`` in SQL (integer division on both databases)."""
    back = case((weekday > 4, weekday - 4), else_=0)
    start = weekday - back
    position = start + days
    return cast((position // 5) * 7 + position % 5 - start - back, Integer)


def review_due_epoch(
    severity: ColumnElement[int],
    resolved: ColumnElement[Any],
    deadlines: dict[int, ReviewDeadline],
) -> ColumnElement[int] | None:
    """Epoch seconds when the review is due; NULL for severities without a deadline."""
    if not deadlines:
        return None
    whens = []
    for level, deadline in sorted(deadlines.items()):
        if deadline.business:
            offset = business_offset_days(weekday_of(resolved), deadline.days)
        else:
            offset = cast(deadline.days, Integer)
        whens.append((severity == level, offset))
    offset_days = case(*whens, else_=None)
    return epoch_seconds(resolved) + offset_days * 86400
