"""The numbers behind every insights chart, as tables and CSV.

``insights_tables`` turns the data of ``get_insights`` into one table per
chart (headers + rows); ``insights_csv`` writes one of them, or all of them
in one long CSV with a ``section`` column (``warroom insights --csv``).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

METRIC_STATS = ("count", "median", "p90")
ACTION_FIELDS = (
    "created",
    "done",
    "wont_do",
    "open",
    "overdue",
    "completion_rate",
    "median_open_age_days",
)


@dataclass(frozen=True)
class DataTable:
    headers: list[str]
    rows: list[list[Any]]


def insights_tables(data: dict[str, Any]) -> dict[str, DataTable]:
    """One table per chart, by section name (the keys of docs/insights.md)."""
    tables = {
        "incidents_per_month": DataTable(
            ["month", "severity", "severity_label", "count"],
            [
                [r["month"], r["severity"], r["severity_label"], r["count"]]
                for r in data["incidents_per_month"]
            ],
        ),
        "incidents_by_service": DataTable(
            ["service", "count"], [[r["service"], r["count"]] for r in data["incidents_by_service"]]
        ),
        "metrics": _metrics(data["metrics"]),
        "targets": DataTable(
            ["severity", "severity_label", "metric", "target_seconds", "measured", "met", "share"],
            [
                [t["severity"], t["severity_label"], name, *_target(m)]
                for t in data["targets"]
                for name, m in t["metrics"].items()
            ],
        ),
        "recurring_factors": DataTable(
            ["factor", "incidents"],
            [[r["name"], r["incidents"]] for r in data["recurring"]["factors"]],
        ),
        "recurring_services": DataTable(
            ["service", "incidents"],
            [[r["name"], r["incidents"]] for r in data["recurring"]["services"]],
        ),
        "action_items": _actions(data["action_items"]),
        "review": DataTable(list(data["review"]), [list(data["review"].values())]),
    }
    return tables


def insights_csv(data: dict[str, Any], section: str | None = None) -> str:
    """CSV of one section's table, or (``None``) of every section, one after another.

    The combined form is long: ``section, group, name, measure, value``.
    """
    tables = insights_tables(data)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if section is not None:
        if section not in tables:
            from warroom.errors import ValidationError

            raise ValidationError(
                f"no insights section {section!r}; one of: {', '.join(tables)}", field="section"
            )
        table = tables[section]
        writer.writerow(table.headers)
        writer.writerows([_cell(v) for v in row] for row in table.rows)
        return out.getvalue()
    writer.writerow(["section", "group", "name", "measure", "value"])
    for name, table in tables.items():
        for row in _long(name, table):
            writer.writerow([_cell(v) for v in row])
    return out.getvalue()


def _metrics(metrics: dict[str, Any]) -> DataTable:
    rows = [
        ["overall", "", name, figure["count"], figure["median"], figure["p90"], None]
        for name, figure in metrics["overall"].items()
    ]
    for group in metrics["groups"]:
        for name, figure in group["metrics"].items():
            rows.append(
                [group["label"], group["incidents"], name, *_stats(figure), group["warning"]]
            )
    return DataTable(["group", "incidents", "metric", *METRIC_STATS, "warning"], rows)


def _target(m: dict[str, Any]) -> list[Any]:
    return [m["target_seconds"], m["measured"], m["met"], m["share"]]


def _stats(figure: dict[str, Any]) -> list[Any]:
    return [figure[stat] for stat in METRIC_STATS]


def _actions(actions: dict[str, Any]) -> DataTable:
    def row(kind: str, name: Any, figures: dict[str, Any]) -> list[Any]:
        return [kind, name, *(figures[f] for f in ACTION_FIELDS)]

    rows = [row("overall", "", actions["overall"])]
    rows += [row("owner", r["owner"] or "(no owner)", r) for r in actions["by_owner"]]
    rows += [row("team", r["team"] or "(no team)", r) for r in actions["by_team"]]
    return DataTable(["by", "name", *ACTION_FIELDS], rows)


# section -> (the column naming the group, the column naming the row, the measures)
_LONG: dict[str, tuple[str | None, str | None, tuple[str, ...]]] = {
    "incidents_per_month": ("month", "severity_label", ("count",)),
    "incidents_by_service": (None, "service", ("count",)),
    "metrics": ("group", "metric", METRIC_STATS),
    "targets": ("severity_label", "metric", ("target_seconds", "measured", "met", "share")),
    "recurring_factors": (None, "factor", ("incidents",)),
    "recurring_services": (None, "service", ("incidents",)),
    "action_items": ("by", "name", ACTION_FIELDS),
}


def _long(section: str, table: DataTable) -> list[list[Any]]:
    """Rows of ``section, group, name, measure, value`` for one table."""
    group, name, measures = _LONG.get(section, (None, None, tuple(table.headers)))
    out = []
    for values in table.rows:
        row = dict(zip(table.headers, values, strict=True))
        for measure in measures:
            out.append(
                [
                    section,
                    row[group] if group else "",
                    row[name] if name else "",
                    measure,
                    row[measure],
                ]
            )
    return out


def _cell(value: Any) -> Any:
    return "" if value is None else value
