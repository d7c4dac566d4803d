"""Count, median and 90th percentile per group, computed by the database.

The definition, on both databases: linear interpolation between the two
nearest ranks ("type 7", the default of numpy and of PostgreSQL's
``percentile_cont``, ``statistics.quantiles(method="inclusive")``). For the
p-th percentile of n sorted values x[0..n-1], take h = (n - 1) * p; the
result is x[floor(h)] + (h - floor(h)) * (x[floor(h) + 1] - x[floor(h)]).

PostgreSQL computes it with ``percentile_cont``. SQLite has no percentile
function: each value is ranked with ``ROW_NUMBER()`` and ``COUNT(*)`` over
its group, the two values around h are picked, and the same formula is
applied -- so both give the same figures (a test checks them against
``statistics``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Float, Integer, Select, case, cast, func, select
from sqlalchemy.engine import Connection
from sqlalchemy.sql.selectable import Subquery

FRACTIONS = (0.5, 0.9)


@dataclass(frozen=True)
class Stat:
    """The figures of one group: ``values`` holds one result per fraction asked for."""

    group: tuple[Any, ...]
    count: int
    values: tuple[float | None, ...]


def percentile_stats(
    connection: Connection,
    source: Subquery,
    groups: Sequence[str],
    *,
    value: str = "value",
    fractions: Sequence[float] = FRACTIONS,
) -> list[Stat]:
    """Count and percentiles of ``source.c[value]`` (NULLs left out) per ``groups`` columns.

    With no groups, one row for everything (count 0 and None figures when empty).
    """
    if connection.dialect.name == "postgresql":
        statement = _postgres(source, groups, value, fractions)
    else:
        statement = _window(source, groups, value, fractions)
    stats = []
    width = len(groups)
    for row in connection.execute(statement):
        keys, count, figures = row[:width], row[width], row[width + 1 :]
        stats.append(Stat(tuple(keys), int(count or 0), tuple(_number(f) for f in figures)))
    return stats


def _postgres(
    source: Subquery, groups: Sequence[str], value: str, fractions: Sequence[float]
) -> Select[Any]:
    column = source.c[value]
    keys = [source.c[name] for name in groups]
    figures = [func.percentile_cont(f).within_group(column.asc()) for f in fractions]
    statement = select(*keys, func.count(column), *figures).where(column.is_not(None))
    return statement.group_by(*keys) if keys else statement


def _window(
    source: Subquery, groups: Sequence[str], value: str, fractions: Sequence[float]
) -> Select[Any]:
    column = source.c[value]
    keys = [source.c[name] for name in groups]
    ranked = (
        select(
            *keys,
            column.label("v"),
            (func.row_number().over(partition_by=keys, order_by=column) - 1).label("i"),
            func.count().over(partition_by=keys).label("n"),
        )
        .where(column.is_not(None))
        .subquery("ranked")
    )
    picks = []
    for index, fraction in enumerate(fractions):
        position = cast(ranked.c.n - 1, Float) * fraction
        low = cast(position, Integer)  # truncation: floor, as position >= 0
        picks += [
            func.max(case((ranked.c.i == low, ranked.c.v))).label(f"lo{index}"),
            func.max(case((ranked.c.i == low + 1, ranked.c.v))).label(f"hi{index}"),
            func.max(position - low).label(f"frac{index}"),
        ]
    rank_keys = [ranked.c[name] for name in groups]
    picked = select(*rank_keys, func.max(ranked.c.n).label("n"), *picks)
    if rank_keys:
        picked = picked.group_by(*rank_keys)
    inner = picked.subquery("picked")
    figures = []
    for index in range(len(fractions)):
        lo, hi, frac = inner.c[f"lo{index}"], inner.c[f"hi{index}"], inner.c[f"frac{index}"]
        figures.append(lo + (func.coalesce(hi, lo) - lo) * frac)
    return select(*[inner.c[name] for name in groups], func.coalesce(inner.c.n, 0), *figures)


def _number(value: Any) -> float | None:
    return None if value is None else float(value)
