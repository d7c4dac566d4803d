"""CLI start-up, declare and list, each against a floor measured in the same run.

    python -m bench.bench_cli [--incidents 100000] [--repeat 15]

- start-up: ``warroom --help`` and ``warroom list`` (on N incidents) against
  ``python -c pass``, as whole processes;
- declare: the ``declare_incident`` service against raw ``sqlite3`` doing the
  same writes (the incident row, its services, roles, timeline and the
  reference sequence) in one transaction;
- list: the ``list_incidents`` service (open incidents, newest first, page of
  50, with services) against the same read in raw SQL.

Figures go to ``bench/results/cli.json``; ratios are warroom / floor.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.synthetic import generate
from warroom.config import Settings
from warroom.services.context import Context
from warroom.services.incidents import DeclareIncident, declare_incident, list_incidents
from warroom.services.inputs import parse_incident_query
from warroom.services.transfer import store_incidents
from warroom.storage.database import open_database

RESULTS = Path(__file__).parent / "results"


def timed(fn: Callable[[], Any], repeat: int) -> dict[str, float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return {"median_ms": statistics.median(samples) * 1000, "min_ms": min(samples) * 1000}


def populate(ctx: Context, count: int) -> float:
    start = time.perf_counter()
    incidents = generate(count)
    for offset in range(0, count, 2000):
        store_incidents(ctx, incidents[offset : offset + 2000])
        print(f"  stored {min(offset + 2000, count)}/{count}", file=sys.stderr, end="\r")
    print(file=sys.stderr)
    return time.perf_counter() - start


def run_process(args: list[str], env: dict[str, str]) -> Callable[[], None]:
    def call() -> None:
        subprocess.run(args, env=env, check=True, stdout=subprocess.DEVNULL)

    return call


def raw_declare(path: str, number: int) -> Callable[[], None]:
    counter = iter(range(number, number + 10**6))

    def call() -> None:
        n = next(counter)
        now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
        db = sqlite3.connect(path, isolation_level=None)
        try:
            db.execute("BEGIN IMMEDIATE")
            seq = db.execute(
                "INSERT INTO ref_sequences (scope, last_value) VALUES ('raw', 1) "
                "ON CONFLICT (scope) DO UPDATE SET last_value = last_value + 1 "
                "RETURNING last_value"
            ).fetchone()[0]
            incident_id = db.execute(
                "INSERT INTO incidents (ref, title, severity, status, review_status, visibility,"
                " started_at, declared_at, created_at, updated_at, version, record)"
                " VALUES (?, 'Raw', 1, 'investigating', 'draft', 'public', ?, ?, ?, ?, 1, '{}')"
                " RETURNING id",
                (f"RAW-{n}-{seq}", now, now, now, now),
            ).fetchone()[0]
            db.execute(
                "INSERT INTO incident_services (incident_id, position, name) VALUES (?, 0, 'api')",
                (incident_id,),
            )
            db.execute(
                "INSERT INTO incident_roles (incident_id, role, position, person)"
                " VALUES (?, 'commander', 0, 'alice')",
                (incident_id,),
            )
            db.executemany(
                "INSERT INTO timeline_events (incident_id, position, at, text, kind, source)"
                " VALUES (?, ?, ?, ?, 'milestone', 'system')",
                [(incident_id, i, now, f"entry {i}") for i in range(4)],
            )
            db.execute("COMMIT")
        finally:
            db.close()

    return call


RAW_LIST = """
SELECT id, ref, title, severity, status, review_status, visibility, started_at,
       resolved_at, created_at, updated_at
FROM incidents WHERE status IN ('investigating', 'identified', 'monitoring')
ORDER BY created_at DESC, ref DESC LIMIT 51
"""


def raw_list(path: str) -> Callable[[], None]:
    def call() -> None:
        db = sqlite3.connect(path)
        try:
            rows = db.execute(RAW_LIST).fetchall()
            ids = [row[0] for row in rows]
            marks = ",".join("?" * len(ids))
            db.execute(
                f"SELECT incident_id, name FROM incident_services WHERE incident_id IN ({marks})",
                ids,
            ).fetchall()
            db.execute(
                "SELECT incident_id, person FROM incident_roles WHERE role = 'commander' "
                f"AND incident_id IN ({marks})",
                ids,
            ).fetchall()
        finally:
            db.close()

    return call


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--incidents", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="warroom-bench-"))
    path = folder / "bench.db"
    url = f"sqlite:///{path}"
    settings = Settings.load(environ={}, database_url=url)
    database = open_database(url)
    ctx = Context(
        settings, database.unit_of_work, reader=lambda: database.unit_of_work(read_only=True)
    )
    print(f"populating {args.incidents} incidents in {path}", file=sys.stderr)
    populate_seconds = populate(ctx, args.incidents)

    env = {**os.environ, "WARROOM_DATABASE_URL": url}
    warroom = [sys.executable, "-m", "warroom"]
    results: dict[str, Any] = {
        "incidents": args.incidents,
        "populate_seconds": round(populate_seconds, 1),
        "python": sys.version.split()[0],
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    floor = timed(run_process([sys.executable, "-c", "pass"], env), args.repeat)
    for name, argv in (("help", [*warroom, "--help"]), ("list", [*warroom, "list"])):
        measured = timed(run_process(argv, env), args.repeat)
        results[f"cli_{name}"] = {
            **measured,
            "floor_python_pass_ms": floor["median_ms"],
            "ratio": measured["median_ms"] / floor["median_ms"],
        }

    declare = timed(
        lambda: declare_incident(
            ctx, DeclareIncident(title="Bench", severity=1, services=["api"], commander="alice")
        ),
        args.repeat * 10,
    )
    floor_declare = timed(raw_declare(str(path), 1), args.repeat * 10)
    results["declare"] = {
        **declare,
        "floor_raw_sql_ms": floor_declare["median_ms"],
        "ratio": declare["median_ms"] / floor_declare["median_ms"],
    }

    query = parse_incident_query(settings, statuses=["open"], limit=50)
    listing = timed(lambda: list_incidents(ctx, query), args.repeat * 10)
    floor_list = timed(raw_list(str(path)), args.repeat * 10)
    results["list"] = {
        **listing,
        "floor_raw_sql_ms": floor_list["median_ms"],
        "ratio": listing["median_ms"] / floor_list["median_ms"],
    }
    database.dispose()

    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / "cli.json"
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))
    print(f"written to {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
