"""The Insights page's charts: geometry computed here, drawn as inline SVG by ``_chart.html``.

Each chart is a ``Chart``: rectangles and texts in a fixed coordinate box
(the SVG ``viewBox``), coloured by CSS classes of warroom.css. No script and
no style attribute is needed, so the page's Content-Security-Policy holds.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from warroom.domain.times import format_duration

WIDTH = 640
ROW = 22  # height of one horizontal bar row
LABEL_WIDTH = 190  # room for the row labels of horizontal bars
VALUE_WIDTH = 90  # room for the value written after a horizontal bar
COLUMN_HEIGHT = 160  # height of the tallest column of a column chart


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    css: str
    title: str


@dataclass(frozen=True)
class Text:
    x: float
    y: float
    text: str
    anchor: str = "start"
    css: str = ""


@dataclass(frozen=True)
class Chart:
    name: str
    title: str
    width: int
    height: int
    bars: list[Bar] = field(default_factory=list)
    texts: list[Text] = field(default_factory=list)
    legend: list[tuple[str, str]] = field(default_factory=list)  # (css class, label)

    @property
    def empty(self) -> bool:
        return not self.bars


@dataclass(frozen=True)
class Series:
    label: str
    css: str
    fmt: Callable[[float], str] = lambda value: f"{value:g}"


def sev_css(severity: int) -> str:
    return f"fill-sev{severity if 1 <= severity <= 4 else 'other'}"


def stacked_columns(name: str, title: str, per_month: Sequence[dict[str, Any]]) -> Chart:
    """Incidents per month, one column a month stacked by severity (``incidents_per_month``)."""
    months = sorted({row["month"] for row in per_month})
    if not months:
        return Chart(name, title, WIDTH, 40)
    totals = {m: sum(r["count"] for r in per_month if r["month"] == m) for m in months}
    top = max(totals.values()) or 1
    left, base = 30.0, 20.0 + COLUMN_HEIGHT
    step = (WIDTH - left) / len(months)
    width = min(48.0, step * 0.7)
    bars: list[Bar] = []
    texts = [
        Text(left - 6, base, "0", "end", "axis"),
        Text(left - 6, base - COLUMN_HEIGHT + 4, str(top), "end", "axis"),
    ]
    for index, month in enumerate(months):
        x = left + index * step + (step - width) / 2
        y = base
        rows = sorted((r for r in per_month if r["month"] == month), key=lambda r: r["severity"])
        for row in rows:
            height = COLUMN_HEIGHT * row["count"] / top
            y -= height
            tip = f"{month}: {row['count']} {row['severity_label']}"
            bars.append(Bar(x, y, width, height, sev_css(row["severity"]), tip))
        texts.append(Text(x + width / 2, y - 4, str(totals[month]), "middle", "value"))
        texts.append(Text(x + width / 2, base + 16, month, "middle", "axis"))
    legend: dict[int, str] = {r["severity"]: r["severity_label"] for r in per_month}
    return Chart(
        name,
        title,
        WIDTH,
        int(base + 24),
        bars,
        texts,
        [(sev_css(s), legend[s]) for s in sorted(legend)],
    )


def horizontal_bars(
    name: str,
    title: str,
    rows: Sequence[tuple[str, Sequence[float | None]]],
    series: Sequence[Series],
    *,
    top: float | None = None,
) -> Chart:
    """One row per label, one bar per series in it (a missing value draws no bar)."""
    values = [v for _, row in rows for v in row if v is not None]
    if not values:
        return Chart(name, title, WIDTH, 40)
    scale_top = top or max(values) or 1
    span = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    band = ROW * len(series)
    bars: list[Bar] = []
    texts: list[Text] = []
    for index, (label, row) in enumerate(rows):
        y0 = 6 + index * (band + 8)
        texts.append(Text(LABEL_WIDTH - 8, y0 + band / 2 + 4, _short(label), "end", "label"))
        for offset, (kind, value) in enumerate(zip(series, row, strict=True)):
            if value is None:
                continue
            y = y0 + offset * ROW
            width = max(1.0, span * value / scale_top)
            shown = kind.fmt(value)
            tip = f"{label}: {shown}" if len(series) == 1 else f"{label}, {kind.label}: {shown}"
            bars.append(Bar(LABEL_WIDTH, y + 2, width, ROW - 4, kind.css, tip))
            texts.append(Text(LABEL_WIDTH + width + 6, y + ROW / 2 + 4, shown, "start", "value"))
    height = 6 + len(rows) * (band + 8)
    legend = [(s.css, s.label) for s in series] if len(series) > 1 else []
    return Chart(name, title, WIDTH, int(height), bars, texts, legend)


def percent(value: float) -> str:
    return f"{value * 100:.0f}%"


def seconds(value: float) -> str:
    return format_duration(value)


def _short(label: str, limit: int = 28) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def insights_charts(data: dict[str, Any], labels: dict[str, str]) -> dict[str, Any]:
    """Every chart of the Insights page, by the name of the CSV table behind it.

    ``metrics`` is a list of charts, one per metric; ``labels`` names the metrics.
    """
    count = Series("incidents", "fill-main")
    metrics = data["metrics"]
    groups = [("Overall", metrics["overall"])] + [
        (g["label"], g["metrics"]) for g in metrics["groups"]
    ]
    median_p90 = (Series("median", "fill-main", seconds), Series("p90", "fill-soft", seconds))
    actions = data["action_items"]["overall"]
    review = data["review"]
    return {
        "incidents_per_month": stacked_columns(
            "incidents_per_month", "Incidents per month by severity", data["incidents_per_month"]
        ),
        "incidents_by_service": horizontal_bars(
            "incidents_by_service",
            "Incidents by service",
            [(r["service"], [r["count"]]) for r in data["incidents_by_service"]],
            [count],
        ),
        "metrics": [
            horizontal_bars(
                f"metric-{metric}",
                labels.get(metric, metric),
                [(label, [f[metric]["median"], f[metric]["p90"]]) for label, f in groups],
                median_p90,
            )
            for metric in metrics["overall"]
        ],
        "targets": [
            horizontal_bars(
                f"targets-{row['severity']}",
                f"{row['severity_label']}: targets met",
                [
                    (labels.get(metric, metric), [m["share"]])
                    for metric, m in row["metrics"].items()
                ],
                [Series("met", sev_css(row["severity"]), percent)],
                top=1.0,
            )
            for row in data["targets"]
        ],
        "recurring_factors": horizontal_bars(
            "recurring_factors",
            "Contributing factors that recur most",
            [(r["name"], [r["incidents"]]) for r in data["recurring"]["factors"]],
            [count],
        ),
        "recurring_services": horizontal_bars(
            "recurring_services",
            "Services that recur most",
            [(r["name"], [r["incidents"]]) for r in data["recurring"]["services"]],
            [count],
        ),
        "action_items": horizontal_bars(
            "action_items",
            "Action items",
            [
                (label, [actions[key]])
                for key, label in (
                    ("created", "created"),
                    ("done", "done"),
                    ("wont_do", "won't do"),
                    ("open", "open"),
                    ("overdue", "overdue"),
                )
            ],
            [Series("action items", "fill-main")],
        ),
        "review": horizontal_bars(
            "review",
            "Reviews approved",
            [("approved", [review["approved_share"]])],
            [Series("approved", "fill-ok", percent)],
            top=1.0,
        ),
    }
