"""The floor for bench_alerts: a bare Starlette endpoint that parses the JSON and stores it.

    python bench/alerts_floor.py DATABASE_FILE PORT

No validation, no incident, no dedupe: what receiving a notification costs
with nothing but uvicorn, a JSON parser and one sqlite3 insert (WAL, one
commit per notification, as warroom does).
"""

from __future__ import annotations

import json
import sqlite3
import sys
import threading

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route


def build(path: str) -> Starlette:
    lock = threading.Lock()
    connection = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = NORMAL")
    connection.execute("CREATE TABLE IF NOT EXISTS payloads (id INTEGER PRIMARY KEY, body TEXT)")

    async def receive(request: Request) -> Response:
        payload = json.loads(await request.body())
        with lock:
            connection.execute("BEGIN IMMEDIATE")
            connection.execute("INSERT INTO payloads (body) VALUES (?)", (json.dumps(payload),))
            connection.execute("COMMIT")
        return JSONResponse({"alerts": len(payload.get("alerts", []))})

    async def ready(request: Request) -> Response:
        return Response("ok")

    return Starlette(routes=[Route("/", receive, methods=["POST"]), Route("/ready", ready)])


if __name__ == "__main__":
    uvicorn.run(build(sys.argv[1]), host="127.0.0.1", port=int(sys.argv[2]), log_level="warning")
