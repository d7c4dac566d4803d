"""Insights and search on 100k incidents / ~3M timeline entries, against hand-written SQL.

    python -m bench.bench_insights [--incidents 100000] [--backend sqlite|postgres|both]
                                   [--repeat 5] [--data bench/.data] [--postgres-url URL]

Populates each database once with synthetic incidents (``bench/synthetic.py``,
timelines cut to two thirds: about 30 entries each; some reviews approved and
met), in batches through ``services.transfer.store_incidents``, showing
progress; a populated database is reused by later runs. Then, in the same run:

- insights: ``get_insights(by="severity")`` (every figure set) against the
  floor, one hand-written SQL statement per figure set (``insights_floors``);
- search: ``search_incidents`` (20 best, with passages) for a selective and a
  broad query, against the same search in hand-written SQL.

Figures go to ``bench/results/insights.json``; ratios are warroom / floor.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text

from bench.insights_floors import insights_floor, search_floor
from bench.synthetic import make_incident
from warroom.config import Settings
from warroom.domain.model import Approval, Incident, ReviewStatus
from warroom.services.context import Context
from warroom.services.insights import get_insights
from warroom.services.search import search_incidents
from warroom.services.transfer import store_incidents
from warroom.storage.database import Database, open_database
from warroom.storage.search import fts5_query

RESULTS = Path(__file__).parent / "results"
NOW = datetime(2026, 11, 1, tzinfo=UTC)
BATCH = 2000
SEARCHES = {"selective": "expired certificate dns", "broad": "checkout"}


def incidents(count: int, seed: int = 11) -> Iterator[list[Incident]]:
    """Batches of synthetic incidents over the two years before NOW, oldest first."""
    rng = random.Random(seed)
    days = sorted(NOW - timedelta(days=rng.randint(0, 730)) for _ in range(count))
    numbers: dict[str, int] = {}
    batch = []
    for day in days:
        key = day.date().isoformat()
        numbers[key] = numbers.get(key, 0) + 1
        incident = make_incident(rng, numbers[key], day.replace(hour=0, minute=0))
        incident.timeline = incident.timeline[: max(5, len(incident.timeline) * 2 // 3)]
        resolved = incident.milestones.resolved
        if incident.review_status is ReviewStatus.APPROVED and resolved is not None:
            at = resolved + timedelta(hours=rng.randint(2, 24 * 12))
            incident.review.approvals.append(Approval("reviewer", "carol", True, at))
            incident.review.meeting_at = at - timedelta(hours=1)
        batch.append(incident)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def populate(ctx: Context, database: Database, count: int) -> float | None:
    with database.engine.connect() as connection:
        stored = connection.execute(text("SELECT count(*) FROM incidents")).scalar_one()
    if stored >= count:
        print(f"  {stored} incidents already stored", file=sys.stderr)
        return None
    if stored:
        raise SystemExit(f"{database.display_url} holds {stored} incidents; remove it first")
    start = time.perf_counter()
    done = 0
    for batch in incidents(count):
        store_incidents(ctx, batch)
        done += len(batch)
        rate = done / (time.perf_counter() - start)
        eta = (count - done) / rate
        print(
            f"  stored {done}/{count} ({rate:.0f}/s, {eta:.0f} s left)", file=sys.stderr, end="\r"
        )
    print(file=sys.stderr)
    return time.perf_counter() - start


def timed(fn: Callable[[], Any], repeat: int) -> dict[str, float]:
    fn()  # warm the caches: both sides are measured warm
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return {"median_ms": statistics.median(samples) * 1000, "min_ms": min(samples) * 1000}


def compare(warroom: dict[str, float], floor: dict[str, float]) -> dict[str, float]:
    return {
        **warroom,
        "floor_ms": floor["median_ms"],
        "ratio": warroom["median_ms"] / floor["median_ms"],
    }


def run_floor(database: Database, statements: list[tuple[str, str]]) -> Callable[[], None]:
    params = {"now": int(NOW.timestamp()), "today": NOW.date()}

    def call() -> None:
        with database.engine.connect() as connection:
            for _, sql in statements:
                connection.execute(text(sql), params).all()

    return call


def check(database: Database, data: dict[str, Any]) -> None:
    """The floor and warroom agree (a few figures are enough to catch a wrong floor)."""
    params = {"now": int(NOW.timestamp()), "today": NOW.date()}
    floor = dict(insights_floor(database.dialect))
    with database.engine.connect() as connection:
        rows = connection.execute(text(floor["metrics_overall"]), params).all()
        review = connection.execute(text(floor["review_counts"]), params).first()
    mine = data["metrics"]["overall"]
    for metric, count, median, p90 in rows:
        assert mine[metric]["count"] == count, (metric, count)
        assert mine[metric]["median"] == round(float(median), 1), (metric, median)
        assert mine[metric]["p90"] == round(float(p90), 1), (metric, p90)
    assert review is not None and data["review"]["late"] == review[2], review


def bench(name: str, url: str, count: int, repeat: int) -> dict[str, Any]:
    print(f"{name}: {url.split('@')[-1]}", file=sys.stderr)
    database = open_database(url)
    ctx = Context(
        settings=Settings.load(environ={}, database_url=url),
        uow=database.unit_of_work,
        reader=partial(database.unit_of_work, read_only=True),
        clock=lambda: NOW,
    )
    populated = populate(ctx, database, count)
    with database.engine.connect() as connection:
        sizes = {
            table: connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
            for table in ("incidents", "timeline_events", "action_items")
        }
        if database.dialect == "postgresql":
            connection.exec_driver_sql("ANALYZE")
    data = get_insights(ctx, by="severity")
    check(database, data)
    result: dict[str, Any] = {"sizes": sizes, "populate_seconds": populated}
    statements = insights_floor(database.dialect)
    print("  insights", file=sys.stderr)
    result["insights"] = compare(
        timed(lambda: get_insights(ctx, by="severity"), repeat),
        timed(run_floor(database, statements), repeat),
    )
    for label, query in SEARCHES.items():
        print(f"  search {label}", file=sys.stderr)
        hits = search_incidents(ctx, query)
        params = {"text": query, "match": fts5_query(query)}
        floor_sql = text(search_floor(database.dialect))

        def floor(sql: Any = floor_sql, params: dict[str, str] = params) -> None:
            with database.engine.connect() as connection:
                connection.execute(sql, params).all()

        result[f"search_{label}"] = {
            "query": query,
            "hits": len(hits),
            **compare(
                timed(lambda q=query: search_incidents(ctx, q), repeat), timed(floor, repeat)
            ),
        }
    database.dispose()
    return result


def postgres_url(admin_url: str, name: str) -> str:
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        found = connection.execute(
            text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}
        ).first()
        if found is None:
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    admin.dispose()
    return admin_url.rsplit("/", 1)[0] + f"/{name}"


def _keep_populate_times(results: dict[str, Any]) -> None:
    """A reused database was not populated in this run: keep the time of the run that did."""
    path = RESULTS / "insights.json"
    if not path.exists():
        return
    previous = json.loads(path.read_text())
    if previous.get("incidents") != results["incidents"]:
        return
    for backend in ("sqlite", "postgres"):
        mine, old = results.get(backend), previous.get(backend) or {}
        if mine is not None and mine["populate_seconds"] is None:
            mine["populate_seconds"] = old.get("populate_seconds")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--incidents", type=int, default=100_000)
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--data", type=Path, default=Path(__file__).parent / ".data")
    parser.add_argument(
        "--postgres-url", default="postgresql+psycopg://postgres@127.0.0.1:5432/test"
    )
    args = parser.parse_args()
    results: dict[str, Any] = {
        "incidents": args.incidents,
        "python": platform.python_version(),
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    if args.backend in ("sqlite", "both"):
        args.data.mkdir(parents=True, exist_ok=True)
        path = args.data / f"insights-{args.incidents}.db"
        results["sqlite"] = bench("sqlite", f"sqlite:///{path}", args.incidents, args.repeat)
    if args.backend in ("postgres", "both"):
        url = postgres_url(args.postgres_url, f"warroom_bench_insights_{args.incidents}")
        results["postgres"] = bench("postgres", url, args.incidents, args.repeat)
    _keep_populate_times(results)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "insights.json").write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
