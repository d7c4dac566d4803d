"""The floor for bench_api: a bare Starlette app doing the API's reads and write with sqlite3.

    python bench/floor_app.py DATABASE_FILE PORT

Same database file, same uvicorn, no warroom code: what serving these
requests costs with nothing but a router, a JSON encoder and SQL.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

CHILDREN = (
    "incident_services",
    "timeline_events",
    "action_items",
    "incident_roles",
    "contributing_factors",
    "communications",
)
LIST = """
SELECT id, ref, title, severity, status, review_status, visibility, started_at,
       resolved_at, created_at, updated_at
FROM incidents ORDER BY created_at DESC, ref DESC LIMIT 51
"""
PATH = sys.argv[1] if len(sys.argv) > 1 else "warroom.db"


def connect() -> sqlite3.Connection:
    db = sqlite3.connect(PATH, isolation_level=None, timeout=10)
    db.row_factory = sqlite3.Row
    db.execute("PRAGMA busy_timeout = 10000")
    return db


def get_incident(request: Request) -> Response:
    db = connect()
    try:
        row = db.execute("SELECT * FROM incidents WHERE ref = ?", (request.path_params["ref"],))
        incident = row.fetchone()
        if incident is None:
            return JSONResponse({"error": "not found"}, status_code=404)
        data: dict[str, Any] = dict(incident)
        data["record"] = json.loads(data["record"])
        for table in CHILDREN:
            rows = db.execute(
                f"SELECT * FROM {table} WHERE incident_id = ? ORDER BY position", (data["id"],)
            )
            data[table] = [dict(r) for r in rows]
        return JSONResponse(data)
    finally:
        db.close()


def list_incidents(request: Request) -> Response:
    db = connect()
    try:
        rows = [dict(r) for r in db.execute(LIST)]
        ids = [r["id"] for r in rows[:50]]
        marks = ",".join("?" * len(ids))
        services: dict[int, list[str]] = {}
        for incident_id, name in db.execute(
            f"SELECT incident_id, name FROM incident_services WHERE incident_id IN ({marks})"
            " ORDER BY incident_id, position",
            ids,
        ):
            services.setdefault(incident_id, []).append(name)
        items = [{**r, "services": services.get(r["id"], [])} for r in rows[:50]]
        return JSONResponse({"items": items, "next": rows[49]["ref"] if len(rows) > 50 else None})
    finally:
        db.close()


def add_timeline_entry(request: Request) -> Response:
    db = connect()
    try:
        db.execute("BEGIN IMMEDIATE")
        found = db.execute(
            "SELECT i.id, coalesce(max(t.position), -1) FROM incidents i"
            " LEFT JOIN timeline_events t ON t.incident_id = i.id WHERE i.ref = ? GROUP BY i.id",
            (request.path_params["ref"],),
        ).fetchone()
        if found is None:
            db.execute("ROLLBACK")
            return JSONResponse({"error": "not found"}, status_code=404)
        db.execute(
            "INSERT INTO timeline_events (incident_id, position, at, text, kind, source, author)"
            " VALUES (?, ?, datetime('now'), 'floor entry', 'observation', 'manual', 'bench')",
            (found[0], found[1] + 1),
        )
        db.execute("UPDATE incidents SET version = version + 1 WHERE id = ?", (found[0],))
        db.execute("COMMIT")
        return JSONResponse({"ok": True}, status_code=201)
    finally:
        db.close()


app = Starlette(
    routes=[
        Route("/incidents", list_incidents),
        Route("/incidents/{ref}", get_incident),
        Route("/incidents/{ref}/timeline", add_timeline_entry, methods=["POST"]),
    ]
)

if __name__ == "__main__":
    uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), log_level="info")
