"""The API under load with wrk, against a bare Starlette + sqlite3 floor in the same run.

    python -m bench.bench_api [--incidents 2000] [--dashboard-incidents 100000]
                              [--duration 10] [--threads 2] [--connections 16]

One ``warroom serve`` process and one floor process (``bench/floor_app.py``)
on 127.0.0.1, over the same SQLite file; wrk drives each in turn (loopback
only, bounded runs):

- GET an incident (a random one of N), GET the list (newest 50), POST a
  timeline entry (to a random incident, bearer token, Lua script);
- the web dashboard ``/`` (signed in) with the dashboard-incidents in the
  database (GET /api/v1/incidents when the dashboard answers no 200),
  against the floor's list on the same file, and GET /api/v1/incidents on
  that database against the same floor. 2,000 incidents are stored
  through the services, then copied with raw SQL up to that count.

Figures go to ``bench/results/api.json``; ratios are floor / warroom
requests per second (how many times the floor's throughput warroom's is).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from bench.synthetic import generate
from warroom.bootstrap import build_context
from warroom.config import Settings
from warroom.services import accounts
from warroom.services.context import Context
from warroom.services.incidents import list_incidents
from warroom.services.inputs import parse_incident_query
from warroom.services.transfer import store_incidents
from warroom.storage.tables import CHILD_TABLES

RESULTS = Path(__file__).parent / "results"
ROOT = Path(__file__).resolve().parents[1]


def populate(ctx: Context, count: int) -> float:
    start = time.perf_counter()
    incidents = generate(count)
    for offset in range(0, count, 2000):
        store_incidents(ctx, incidents[offset : offset + 2000], actor="bench")
        print(f"  stored {min(offset + 2000, count)}/{count}", file=sys.stderr, end="\r")
    print(file=sys.stderr)
    return time.perf_counter() - start


def multiply(path: str, copies: int) -> None:
    """Copy every stored incident ``copies - 1`` times with raw SQL (fast, for the 100k case).

    The copies keep their contents and get the references ``<ref>-<n>``.
    """
    import sqlite3

    db = sqlite3.connect(path, isolation_level=None)
    try:
        db.execute("BEGIN IMMEDIATE")
        top = db.execute("SELECT max(id) FROM incidents").fetchone()[0]
        tables = ["incidents", *(t.name for t in CHILD_TABLES)]
        for table in tables:
            names = [row[1] for row in db.execute(f"PRAGMA table_info({table})")]
            key = "id" if table == "incidents" else "incident_id"
            for copy in range(1, copies):
                values = [
                    f"{key} + {copy * top}"
                    if name == key
                    else f"ref || '-{copy}'"
                    if name == "ref"
                    else name
                    for name in names
                ]
                db.execute(
                    f"INSERT INTO {table} ({', '.join(names)}) SELECT {', '.join(values)}"
                    f" FROM {table} WHERE {key} <= {top}"
                )
        db.execute("COMMIT")
    finally:
        db.close()


@contextmanager
def server(args: list[str], env: dict[str, str], ready: str) -> Iterator[None]:
    """A server process, until ``ready`` (a URL) answers."""
    process = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(200):
            try:
                httpx.get(ready, timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        yield
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:  # still busy with a long request
            process.kill()
            process.wait()


def wrk(
    url: str,
    opts: argparse.Namespace,
    *,
    headers: dict[str, str],
    script: str | None,
    timeout: int = 10,
) -> dict[str, Any]:
    command = [
        "wrk",
        f"-t{opts.threads}",
        f"-c{opts.connections}",
        f"-d{opts.duration}s",
        f"--timeout={timeout}s",
        "--latency",
    ]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    if script:
        command += ["-s", script]
    out = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    latency = dict(re.findall(r"^\s+(50|90|99)%\s+(\S+)", out, re.MULTILINE))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    timeouts = re.search(r"timeout (\d+)", out)
    total = re.search(r"(\d+) requests in", out)
    return {
        "requests_per_second": rps,
        "latency_p50": latency.get("50"),
        "latency_p99": latency.get("99"),
        "requests": int(total.group(1)) if total else None,
        "non_2xx": int(errors.group(1)) if errors else 0,
        "timeouts": int(timeouts.group(1)) if timeouts else 0,
    }


def lua_scripts(folder: Path, refs: list[str]) -> dict[str, str]:
    table = "local refs = {" + ",".join(f'"{r}"' for r in refs) + "}\n"
    get = folder / "get_incident.lua"
    get.write_text(
        table + "request = function()\n"
        '  return wrk.format("GET", wrk.path .. refs[math.random(#refs)])\nend\n'
    )
    post = folder / "post_timeline.lua"
    post.write_text(
        table + 'wrk.method = "POST"\n'
        'wrk.headers["Content-Type"] = "application/json"\n'
        'wrk.body = \'{"text": "Checked the dashboards", "kind": "observation"}\'\n'
        "request = function()\n"
        '  return wrk.format(nil, wrk.path .. refs[math.random(#refs)] .. "/timeline")\nend\n'
    )
    return {"get": str(get), "post": str(post)}


def pair(name: str, warroom: dict[str, Any], floor: dict[str, Any]) -> dict[str, Any]:
    ratio = floor["requests_per_second"] / max(warroom["requests_per_second"], 1e-9)
    print(
        f"{name}: warroom {warroom['requests_per_second']:.0f} req/s"
        f" (p99 {warroom['latency_p99']}),"
        f" floor {floor['requests_per_second']:.0f} req/s, floor/warroom {ratio:.1f}x",
        file=sys.stderr,
    )
    return {"warroom": warroom, "floor": floor, "floor_over_warroom": ratio}


def measure(
    ctx_url: str, refs: list[str], opts: argparse.Namespace, folder: Path
) -> dict[str, Any]:
    path = ctx_url.removeprefix("sqlite:///")
    ctx = build_context(Settings.load(environ={}, database_url=ctx_url))
    try:
        if not accounts.list_users(ctx):
            accounts.add_user(ctx, "bench", "admin")
        _, secret = accounts.create_token(ctx, "bench", "write", "bench")
    finally:
        ctx.close()
    env = {**os.environ, "WARROOM_DATABASE_URL": ctx_url}
    auth = {"Authorization": f"Bearer {secret}"}
    scripts = lua_scripts(folder, refs)
    app_port, floor_port = 18561, 18562
    app, floor = f"http://127.0.0.1:{app_port}", f"http://127.0.0.1:{floor_port}"
    results: dict[str, Any] = {}
    serve = [sys.executable, "-m", "warroom", "serve", "--port", str(app_port)]
    floor_cmd = [sys.executable, str(ROOT / "bench" / "floor_app.py"), path, str(floor_port)]
    with server(serve, env, f"{app}/api/docs"), server(floor_cmd, env, f"{floor}/incidents"):
        results["get_incident"] = pair(
            "GET incident",
            wrk(f"{app}/api/v1/incidents/", opts, headers=auth, script=scripts["get"]),
            wrk(f"{floor}/incidents/", opts, headers={}, script=scripts["get"]),
        )
        results["get_list"] = pair(
            "GET list",
            wrk(f"{app}/api/v1/incidents", opts, headers=auth, script=None),
            wrk(f"{floor}/incidents", opts, headers={}, script=None),
        )
        results["post_timeline"] = pair(
            "POST timeline",
            wrk(f"{app}/api/v1/incidents/", opts, headers=auth, script=scripts["post"]),
            wrk(f"{floor}/incidents/", opts, headers={}, script=scripts["post"]),
        )
    return results


def measure_dashboard(url: str, opts: argparse.Namespace) -> dict[str, Any]:
    ctx = build_context(Settings.load(environ={}, database_url=url))
    try:
        if not accounts.list_users(ctx):
            accounts.add_user(ctx, "bench", "admin")
        user = accounts.get_user(ctx, "bench")
        cookie = accounts.start_session(ctx, user)
        _, secret = accounts.create_token(ctx, "bench-dash", "read", "bench")
    finally:
        ctx.close()
    env = {**os.environ, "WARROOM_DATABASE_URL": url}
    app, floor = "http://127.0.0.1:18563", "http://127.0.0.1:18564"
    serve = [sys.executable, "-m", "warroom", "serve", "--port", "18563"]
    floor_cmd = [sys.executable, str(ROOT / "bench" / "floor_app.py"), url[10:], "18564"]
    with server(serve, env, f"{app}/api/docs"), server(floor_cmd, env, f"{floor}/incidents"):
        samples = []
        for _ in range(3):
            began = time.perf_counter()
            page = httpx.get(f"{app}/", cookies={"warroom_session": cookie}, timeout=600)
            samples.append(time.perf_counter() - began)
        if page.status_code == 200:
            target, headers = f"{app}/", {"Cookie": f"warroom_session={cookie}"}
        else:
            target, headers = f"{app}/api/v1/incidents", {"Authorization": f"Bearer {secret}"}
        single = min(samples)
        # Long enough for every connection to finish a few requests, at most 5 minutes.
        seconds = min(300, max(opts.duration, int(single * opts.connections * 2) + 1))
        slow = argparse.Namespace(**{**vars(opts), "duration": seconds})
        result = pair(
            f"dashboard ({target})",
            wrk(target, slow, headers=headers, script=None, timeout=120),
            wrk(f"{floor}/incidents", opts, headers={}, script=None),
        )
        result["single_request_seconds"] = round(single, 3)
        result["api_list"] = pair(
            "GET list (100k)",
            wrk(
                f"{app}/api/v1/incidents",
                opts,
                headers={"Authorization": f"Bearer {secret}"},
                script=None,
            ),
            wrk(f"{floor}/incidents", opts, headers={}, script=None),
        )
        result["target"] = target.removeprefix(app)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--incidents", type=int, default=2000)
    parser.add_argument("--dashboard-incidents", type=int, default=100_000)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    opts = parser.parse_args()
    report: dict[str, Any] = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": sys.version.split()[0],
        "wrk": f"-t{opts.threads} -c{opts.connections} -d{opts.duration}s, 127.0.0.1",
        "incidents": opts.incidents,
    }
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        url = f"sqlite:///{folder / 'api.db'}"
        ctx = build_context(Settings.load(environ={}, database_url=url))
        try:
            report["populate_seconds"] = round(populate(ctx, opts.incidents), 1)
            page = list_incidents(ctx, parse_incident_query(ctx.settings, limit=opts.incidents))
            refs = [row.ref for row in page.items]
        finally:
            ctx.close()
        report.update(measure(url, refs, opts, folder))
        if opts.dashboard_incidents:
            big = f"sqlite:///{folder / 'dashboard.db'}"
            ctx = build_context(Settings.load(environ={}, database_url=big))
            start = time.perf_counter()
            seed = min(opts.dashboard_incidents, 2000)
            try:
                populate(ctx, seed)
            finally:
                ctx.close()
            multiply(big.removeprefix("sqlite:///"), opts.dashboard_incidents // seed)
            report["dashboard_populate_seconds"] = round(time.perf_counter() - start, 1)
            report["dashboard"] = measure_dashboard(big, opts)
            report["dashboard"]["incidents"] = opts.dashboard_incidents
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "api.json").write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
