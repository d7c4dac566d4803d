"""The floors of bench_insights: hand-written SQL computing the figures warroom computes.

One statement per figure set, per database, run through ``text()`` with no
query building and no shaping of the result. They compute the same numbers as
``get_insights(by="severity")`` with the default settings (the bench checks a
few of them against warroom's), over every incident (no window, no viewer).
"""

from __future__ import annotations

_METRICS = (
    ("time_to_detect", "started_at", "detected_at"),
    ("time_to_acknowledge", "detected_at", "acknowledged_at"),
    ("time_to_mitigate", "started_at", "mitigated_at"),
    ("time_to_resolve", "started_at", "resolved_at"),
)
_TARGETS = {
    1: (300, 300, 1800, 14400),
    2: (900, 900, 3600, 28800),
    3: (3600, 3600, 14400, 86400),
    4: (14400, 14400, 86400, 259200),
}
_EPOCH = {
    "sqlite": "CAST(strftime('%s', {0}) AS INTEGER)",
    "postgresql": "CAST(floor(extract(epoch FROM {0})) AS BIGINT)",
}
_MONTH = {
    "sqlite": "strftime('%Y-%m', coalesce(started_at, created_at))",
    "postgresql": "to_char(coalesce(started_at, created_at) AT TIME ZONE 'UTC', 'YYYY-MM')",
}
_WEEKDAY = {
    "sqlite": "((CAST(strftime('%w', resolved_at) AS INTEGER) + 6) % 7)",
    "postgresql": "(CAST(extract(isodow FROM resolved_at AT TIME ZONE 'UTC') AS INTEGER) - 1)",
}


def _values(dialect: str) -> str:
    """``(g, metric, x)`` for every measured metric of every incident."""
    epoch = _EPOCH[dialect]
    return "\nUNION ALL\n".join(
        f"SELECT severity AS g, '{name}' AS metric,"
        f" {epoch.format(end)} - {epoch.format(start)} AS x"
        f" FROM incidents WHERE {start} IS NOT NULL AND {end} IS NOT NULL AND {end} >= {start}"
        for name, start, end in _METRICS
    )


def _window_percentiles(source: str, keys: str) -> str:
    """Median and p90 by linear interpolation with window functions (SQLite)."""
    partition = f"PARTITION BY {keys}" if keys else ""
    group = f"GROUP BY {keys}" if keys else ""
    picks = []
    for n, p in (("m", 0.5), ("p", 0.9)):
        low = f"CAST((n - 1) * {p} AS INTEGER)"
        picks.append(
            f"max(CASE WHEN i = {low} THEN x END) AS {n}lo,"
            f" max(CASE WHEN i = {low} + 1 THEN x END) AS {n}hi,"
            f" max((n - 1) * {p} - {low}) AS {n}f"
        )
    outer_keys = f"{keys}, " if keys else ""
    return (
        f"SELECT {outer_keys}n, mlo + (coalesce(mhi, mlo) - mlo) * mf,"
        f" plo + (coalesce(phi, plo) - plo) * pf FROM ("
        f"SELECT {outer_keys}max(n) AS n, {', '.join(picks)} FROM ("
        f"SELECT {outer_keys}x, row_number() OVER ({partition} ORDER BY x) - 1 AS i,"
        f" count(*) OVER ({partition}) AS n FROM ({source}) v) r {group}) q"
    )


def _percentiles(dialect: str, source: str, keys: str) -> str:
    if dialect == "sqlite":
        return _window_percentiles(source, keys)
    group = f"GROUP BY {keys}" if keys else ""
    outer_keys = f"{keys}, " if keys else ""
    return (
        f"SELECT {outer_keys}count(*), percentile_cont(0.5) WITHIN GROUP (ORDER BY x),"
        f" percentile_cont(0.9) WITHIN GROUP (ORDER BY x) FROM ({source}) v {group}"
    )


def _targets(dialect: str) -> str:
    rows = ", ".join(
        f"({level}, '{name}', {targets[index]})"
        for level, targets in _TARGETS.items()
        for index, (name, _, _) in enumerate(_METRICS)
    )
    return (
        f"WITH t(sev, metric, target) AS (VALUES {rows}) "
        "SELECT v.g, v.metric, count(*), sum(CASE WHEN v.x <= t.target THEN 1 ELSE 0 END)"
        f" FROM ({_values(dialect)}) v JOIN t ON t.sev = v.g AND t.metric = v.metric"
        " GROUP BY v.g, v.metric"
    )


def _actions(dialect: str, keys: str) -> list[str]:
    group = f"GROUP BY {keys}" if keys else ""
    outer_keys = f"{keys}, " if keys else ""
    counts = (
        f"SELECT {outer_keys}count(*), sum(CASE WHEN status = 'done' THEN 1 ELSE 0 END),"
        " sum(CASE WHEN status = 'wont_do' THEN 1 ELSE 0 END),"
        " sum(CASE WHEN status IN ('open', 'in_progress') THEN 1 ELSE 0 END),"
        " sum(CASE WHEN status IN ('open', 'in_progress') AND due < :today THEN 1 ELSE 0 END)"
        f" FROM action_items {group}"
    )
    ages = (
        f"SELECT {outer_keys}:now - {_EPOCH[dialect].format('created_at')} AS x FROM action_items"
        " WHERE status IN ('open', 'in_progress') AND created_at IS NOT NULL"
    )
    return [counts, _percentiles(dialect, ages, keys)]


def _review(dialect: str) -> list[str]:
    epoch = _EPOCH[dialect]
    weekday = _WEEKDAY[dialect]
    back = f"(CASE WHEN {weekday} > 4 THEN {weekday} - 4 ELSE 0 END)"
    start = f"({weekday} - {back})"
    business = f"(((({start} + 5) / 5) * 7 + ({start} + 5) % 5) - {start} - {back})"
    due = (
        f"({epoch.format('resolved_at')} + 86400 * CASE severity WHEN 1 THEN 3"
        f" WHEN 2 THEN {business} END)"
    )
    counts = (
        "SELECT count(*), sum(CASE WHEN review_status = 'approved' THEN 1 ELSE 0 END),"
        f" sum(CASE WHEN {due} IS NOT NULL AND ((review_status = 'approved'"
        f" AND {epoch.format('approved_at')} > {due}) OR (review_status <> 'approved'"
        f" AND :now > {due})) THEN 1 ELSE 0 END) FROM incidents WHERE resolved_at IS NOT NULL"
    )
    delays = (
        f"SELECT {epoch.format('approved_at')} - {epoch.format('resolved_at')} AS x"
        " FROM incidents WHERE resolved_at IS NOT NULL AND review_status = 'approved'"
        " AND approved_at >= resolved_at"
    )
    return [counts, _percentiles(dialect, delays, "")]


def insights_floor(dialect: str) -> list[tuple[str, str]]:
    """``(part, sql)`` for every figure set of ``get_insights(by="severity")``."""
    values = _values(dialect)
    recurring = (
        "SELECT name, count(DISTINCT incident_id) AS c FROM {0} GROUP BY name"
        " HAVING count(DISTINCT incident_id) >= 2 ORDER BY c DESC, name LIMIT 10"
    )
    return [
        (
            "per_month",
            f"SELECT {_MONTH[dialect]} AS m, severity, count(*) FROM incidents"
            " GROUP BY m, severity ORDER BY m, severity",
        ),
        (
            "by_service",
            "SELECT name, count(DISTINCT incident_id) FROM incident_services GROUP BY name",
        ),
        ("metrics_overall", _percentiles(dialect, values, "metric")),
        ("metrics_by_severity", _percentiles(dialect, values, "g, metric")),
        ("group_sizes", "SELECT severity, count(*) FROM incidents GROUP BY severity"),
        ("targets", _targets(dialect)),
        ("recurring_factors", recurring.format("contributing_factors")),
        ("recurring_services", recurring.format("incident_services")),
        *zip(("actions_overall", "actions_overall_age"), _actions(dialect, ""), strict=True),
        *zip(("actions_by_owner", "actions_by_owner_age"), _actions(dialect, "owner"), strict=True),
        *zip(("review_counts", "review_delays"), _review(dialect), strict=True),
    ]


def search_floor(dialect: str) -> str:
    """The search of ``search_incidents`` (20 best, ranked, with a passage), by hand."""
    if dialect == "sqlite":
        return (
            "SELECT i.ref, i.title, i.severity, i.status, i.started_at,"
            " -bm25(search_fts, 10.0, 1.0), snippet(search_fts, -1, '[', ']', '…', 12)"
            " FROM search_fts JOIN incidents i ON i.id = search_fts.rowid"
            " WHERE search_fts MATCH :match ORDER BY bm25(search_fts, 10.0, 1.0) LIMIT 20"
        )
    return (
        "SELECT i.ref, i.title, i.severity, i.status, i.started_at, m.score,"
        " ts_headline('english', d.body, websearch_to_tsquery('english', :text),"
        " 'MaxFragments=1, MaxWords=18, MinWords=6, StartSel=[, StopSel=]')"
        " FROM (SELECT incident_id, ts_rank(tsv, q) AS score"
        " FROM search_documents, websearch_to_tsquery('english', :text) q"
        " WHERE tsv @@ q ORDER BY score DESC LIMIT 20) m"
        " JOIN incidents i ON i.id = m.incident_id"
        " JOIN search_documents d ON d.incident_id = m.incident_id ORDER BY m.score DESC"
    )
