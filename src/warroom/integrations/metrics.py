"""``GET /metrics``: warroom's numbers in Prometheus' text format.

Two kinds of numbers:

- from the database, read at each scrape, so every server process reports
  the same values: open incidents by severity, incidents declared (a
  counter: the number of incidents only grows), action items open and
  overdue, late reviews, webhook deliveries failed and pending;
- of this process: HTTP requests by method, route and status, and their
  latency (a histogram), counted by ``RequestMetrics``, a small ASGI
  middleware.

Scraping needs no login unless ``metrics_token`` is set; then it needs
``Authorization: Bearer <metrics_token>``.
"""

from __future__ import annotations

import hmac
import time
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

from fastapi import FastAPI, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.exposition import generate_latest
from prometheus_client.registry import Collector

from warroom.services.context import Context
from warroom.services.integration_ports import Gauges

LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


def read_gauges(ctx: Context) -> Gauges:
    """The database's counts now; reviews are late ``metrics_review_late_days`` after resolving."""
    now = ctx.now()
    late = now - timedelta(days=ctx.settings.metrics_review_late_days)
    with ctx.read() as uow:
        return uow.gauges.read(now=now, review_late_before=late)


class DatabaseCollector(Collector):
    """Reads the gauges at every scrape."""

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx

    def collect(self) -> Iterator[Metric]:
        gauges = read_gauges(self._ctx)
        scale = self._ctx.settings.scale
        labels = ["severity", "severity_label"]
        opened = GaugeMetricFamily(
            "warroom_incidents_open", "Incidents not resolved or closed, by severity", labels=labels
        )
        declared = CounterMetricFamily(
            "warroom_incidents_declared", "Incidents declared, by current severity", labels=labels
        )
        levels = sorted({*range(1, scale.levels + 1), *gauges.declared_by_severity})
        for level in levels:
            name = [str(level), scale.label(level) if level <= scale.levels else str(level)]
            opened.add_metric(name, gauges.open_by_severity.get(level, 0))
            declared.add_metric(name, gauges.declared_by_severity.get(level, 0))
        yield opened
        yield declared
        yield GaugeMetricFamily(
            "warroom_action_items_open",
            "Action items open or in progress",
            gauges.action_items_open,
        )
        yield GaugeMetricFamily(
            "warroom_action_items_overdue",
            "Open action items past their due date",
            gauges.action_items_overdue,
        )
        yield GaugeMetricFamily(
            "warroom_reviews_late",
            "Resolved incidents whose review is not approved in time",
            gauges.reviews_late,
        )
        yield CounterMetricFamily(
            "warroom_webhook_deliveries_failed",
            "Webhook deliveries given up after their last attempt",
            gauges.deliveries_failed,
        )
        yield GaugeMetricFamily(
            "warroom_webhook_deliveries_pending",
            "Webhook deliveries waiting to be sent or retried",
            gauges.deliveries_pending,
        )


class RequestMetrics:
    """ASGI middleware: counts requests and times them, by route template (not raw path)."""

    def __init__(self, app: Any, *, requests: Counter, latency: Histogram) -> None:
        self.app = app
        self.requests = requests
        self.latency = latency

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def send_status(message: Any) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, send_status)
        finally:
            route = route_label(scope)
            method = scope.get("method", "")
            self.requests.labels(method, route, str(status)).inc()
            self.latency.labels(method, route).observe(time.perf_counter() - started)


def route_label(scope: Any) -> str:
    """The matched route's template with its router prefix (``/api/v1/incidents/{ref}``).

    FastAPI leaves the route of an included router in the scope, whose path
    lacks the prefix it was included under; the prefix is the part of the
    request path before the template's segments.
    """
    template = getattr(scope.get("route"), "path", None)
    if not template:
        return "unmatched"
    actual = str(scope.get("path", "")).rstrip("/").split("/")
    parts = template.rstrip("/").split("/")
    extra = len(actual) - len(parts)
    if extra <= 0 or ":path}" in template:
        return str(template)
    return "/".join(actual[: extra + 1]) + str(template)


def install_metrics(app: FastAPI, ctx: Context) -> None:
    """Add ``GET /metrics`` and the request middleware to ``app``."""
    registry = CollectorRegistry(auto_describe=False)
    registry.register(DatabaseCollector(ctx))
    requests = Counter(
        "warroom_http_requests",
        "HTTP requests served by this process",
        ["method", "route", "status"],
        registry=registry,
    )
    latency = Histogram(
        "warroom_http_request_duration_seconds",
        "Time to answer HTTP requests in this process",
        ["method", "route"],
        buckets=LATENCY_BUCKETS,
        registry=registry,
    )
    app.add_middleware(RequestMetrics, requests=requests, latency=latency)
    token = ctx.settings.metrics_token

    @app.get("/metrics", include_in_schema=False)
    def metrics(request: Request) -> Response:
        if token:
            sent = request.headers.get("authorization", "")
            if not hmac.compare_digest(sent.encode(), f"Bearer {token}".encode()):
                return Response(
                    "metrics need 'Authorization: Bearer <metrics_token>'\n",
                    status_code=401,
                    media_type="text/plain",
                    headers={"WWW-Authenticate": "Bearer"},
                )
        return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)
