"""A burst of Alertmanager notifications into one ``warroom serve``, against a floor.

    python -m bench.bench_alerts [--notifications 1000] [--groups 20] [--concurrency 8]

Each notification is what Alertmanager posts for a group: one alert new to
the group plus the group's first alert again (a repeat, which warroom must
recognise and skip), so the burst opens one incident per group and adds one
timeline entry per notification. They are posted over loopback with httpx,
``--concurrency`` at a time, to a real ``warroom serve`` (SQLite, one
process) and then, the same payloads, to ``bench/alerts_floor.py``: a bare
Starlette endpoint that only parses the JSON and stores it with sqlite3.

Figures go to ``bench/results/alerts.json``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import platform
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

from bench.warroom_process import free_port, wait_until, warroom_server

RESULTS = Path(__file__).parent / "results"
START = datetime(2026, 11, 22, 4, 0, tzinfo=UTC)


def alert(group: int, number: int) -> dict[str, Any]:
    starts = START + timedelta(seconds=group * 60 + number)
    return {
        "status": "firing",
        "labels": {
            "alertname": f"BenchAlert{group}",
            "service": f"svc-{group}",
            "instance": f"host-{number}",
            "severity": ("critical", "warning", "info")[group % 3],
        },
        "annotations": {"summary": f"bench group {group} is unhappy", "runbook_url": "http://rb"},
        "startsAt": starts.strftime("%Y-%m-%dT%H:%M:%S.123456789Z"),
        "endsAt": "0001-01-01T00:00:00Z",
        "generatorURL": "http://prometheus.local/graph",
        "fingerprint": f"{group:04x}{number:012x}",
    }


def notifications(count: int, groups: int) -> list[dict[str, Any]]:
    payloads = []
    for index in range(count):
        group, number = index % groups, index // groups + 1
        key = f'{{}}:{{alertname="BenchAlert{group}", service="svc-{group}"}}'
        alerts = [alert(group, number)] if number == 1 else [alert(group, 1), alert(group, number)]
        payloads.append(
            {
                "receiver": "warroom",
                "status": "firing",
                "alerts": alerts,
                "groupLabels": {"alertname": f"BenchAlert{group}", "service": f"svc-{group}"},
                "commonLabels": {"alertname": f"BenchAlert{group}"},
                "commonAnnotations": {},
                "externalURL": "http://alertmanager.local",
                "version": "4",
                "groupKey": key,
                "truncatedAlerts": 0,
            }
        )
    return payloads


async def burst(
    url: str, payloads: list[dict[str, Any]], concurrency: int, headers: dict[str, str]
) -> dict[str, Any]:
    limit = asyncio.Semaphore(concurrency)
    statuses: dict[int, int] = {}
    bodies = [json.dumps(p).encode() for p in payloads]
    headers = {**headers, "Content-Type": "application/json"}
    async with httpx.AsyncClient(timeout=60) as client:

        async def post(body: bytes) -> None:
            async with limit:
                response = await client.post(url, content=body, headers=headers)
                statuses[response.status_code] = statuses.get(response.status_code, 0) + 1

        started = time.perf_counter()
        await asyncio.gather(*(post(body) for body in bodies))
        seconds = time.perf_counter() - started
    alerts = sum(len(p["alerts"]) for p in payloads)
    return {
        "seconds": round(seconds, 3),
        "notifications_per_second": round(len(payloads) / seconds, 1),
        "alerts_per_second": round(alerts / seconds, 1),
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
    }


def run_floor(folder: Path, payloads: list[dict[str, Any]], concurrency: int) -> dict[str, Any]:
    port = free_port()
    command = [sys.executable, str(Path(__file__).parent / "alerts_floor.py")]
    process = subprocess.Popen([*command, str(folder / "floor.db"), str(port)])
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until(lambda: httpx.get(f"{base}/ready", timeout=2).status_code == 200, 30, "floor")
        return asyncio.run(burst(f"{base}/", payloads, concurrency, {}))
    finally:
        process.terminate()
        process.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notifications", type=int, default=1000)
    parser.add_argument("--groups", type=int, default=20)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    payloads = notifications(args.notifications, args.groups)
    with tempfile.TemporaryDirectory(prefix="bench-alerts-") as tmp:
        folder = Path(tmp)
        with warroom_server(folder) as served:
            auth = {"Authorization": f"Bearer {served.token}"}
            url = f"{served.url}/api/v1/integrations/alertmanager"
            warroom = asyncio.run(burst(url, payloads, args.concurrency, auth))
            with served.client() as client:
                listed = client.get("/api/v1/incidents", params={"limit": 200}).json()["items"]
                first = client.get(f"/api/v1/incidents/{listed[0]['ref']}").json()
        alerts_entries = sum(1 for e in first["timeline"] if e["source"] == "alert")
        warroom.update(incidents_created=len(listed), alert_entries_in_one_incident=alerts_entries)
        floor = run_floor(folder, payloads, args.concurrency)
    result = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "notifications": args.notifications,
        "groups": args.groups,
        "alerts": sum(len(p["alerts"]) for p in payloads),
        "concurrency": args.concurrency,
        "warroom": warroom,
        "floor_bare_starlette_sqlite3": floor,
        "ratio_seconds": round(warroom["seconds"] / floor["seconds"], 2),
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "alerts.json").write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
