"""Several OS processes on one database at once, as several `warroom` commands or servers are."""

from __future__ import annotations

import multiprocessing
import queue
import traceback
from typing import Any

import pytest
from storage_factories import minimal_incident

from warroom.storage import HEAD_REVISION, Database, open_database
from warroom.storage.schema import current_revision

PROCESSES = 8
NUMBERS_EACH = 3
TIMEOUT = 120

# Spawning eight interpreters takes seconds: `-m "not slow"` leaves these out.
pytestmark = pytest.mark.slow


def _take_numbers(url: str, scope: str, start: Any, results: Any) -> None:
    """In a child process: open the database, wait for the others, take numbers."""
    try:
        database = open_database(url)
        try:
            start.wait(TIMEOUT)
            for _ in range(NUMBERS_EACH):
                with database.unit_of_work() as uow:
                    # Read, then write: the pattern that fails with "database is
                    # locked" on SQLite unless the transaction began IMMEDIATE.
                    uow.incidents.exists(f"INC-{scope}-000")
                    number = uow.incidents.next_sequence(scope)
                    uow.incidents.add(minimal_incident(f"INC-{scope}-{number:03d}"))
                    uow.commit()
                results.put(number)
        finally:
            database.dispose()
    except BaseException:
        results.put(traceback.format_exc())


def _open_and_report(url: str, start: Any, results: Any) -> None:
    """In a child process: open (and so migrate) a new database together with the others."""
    try:
        start.wait(TIMEOUT)
        database = open_database(url)
        results.put(current_revision(database.engine))
        database.dispose()
    except BaseException:
        results.put(traceback.format_exc())


def _run_together(target: Any, *args: Any, count: int) -> list[Any]:
    """Start PROCESSES spawned processes behind a barrier; collect ``count`` results."""
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(PROCESSES)
    results = context.Queue()
    processes = [
        context.Process(target=target, args=(*args, start, results)) for _ in range(PROCESSES)
    ]
    try:
        for process in processes:
            process.start()
        collected = []
        for _ in range(count):
            try:
                collected.append(results.get(timeout=TIMEOUT))
            except queue.Empty:
                break
        for process in processes:
            process.join(TIMEOUT)
        assert [process.exitcode for process in processes] == [0] * PROCESSES
        return collected
    finally:
        for process in processes:
            if process.is_alive():
                process.kill()
                process.join()
            process.close()
        results.close()
        results.join_thread()


def test_processes_taking_numbers_at_once_get_distinct_consecutive_ones(
    database: Database,
) -> None:
    total = PROCESSES * NUMBERS_EACH
    numbers = _run_together(_take_numbers, database.url, "2026-11-20", count=total)

    errors = [n for n in numbers if not isinstance(n, int)]
    assert errors == []
    assert sorted(numbers) == list(range(1, total + 1))
    with database.unit_of_work(read_only=True) as uow:
        assert len(list(uow.incidents.iter_all())) == total
        assert uow.incidents.next_sequence("2026-11-20") == total + 1


def test_processes_opening_a_new_database_at_once_migrate_it_once(empty_database_url: str) -> None:
    revisions = _run_together(_open_and_report, empty_database_url, count=PROCESSES)

    assert revisions == [HEAD_REVISION] * PROCESSES
    with open_database(empty_database_url) as database, database.engine.connect() as connection:
        rows = connection.exec_driver_sql("SELECT version_num FROM alembic_version").all()
    assert len(rows) == 1
