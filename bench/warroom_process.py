"""A real ``warroom serve`` process on 127.0.0.1 over a temporary SQLite file, with a write token.

Used by the Alertmanager test and the alert benchmark: both talk to warroom
the way a real sender does, over HTTP.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def wait_until(check: object, timeout: float, what: str, interval: float = 0.2) -> None:
    """Poll ``check()`` until it is true; fail after ``timeout`` seconds."""
    assert callable(check)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except httpx.HTTPError:
            pass
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


@dataclass
class Served:
    url: str
    token: str
    env: dict[str, str]
    log: Path

    def client(self) -> httpx.Client:
        headers = {"Authorization": f"Bearer {self.token}"}
        return httpx.Client(base_url=self.url, headers=headers, timeout=10)


def _cli(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "warroom", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@contextmanager
def warroom_server(folder: Path, **settings: str) -> Iterator[Served]:
    """Start ``warroom serve`` with a responder ``alerts`` and a write token for it."""
    env = {
        **os.environ,
        "WARROOM_DATABASE_URL": f"sqlite:///{folder / 'warroom.db'}",
        "WARROOM_USER": "alerts",
        "WARROOM_WEBHOOK_POLL_SECONDS": "0",
        **{f"WARROOM_{k.upper()}": v for k, v in settings.items()},
    }
    env.pop("WARROOM_CONFIG", None)
    _cli(env, "user", "add", "alerts", "--role", "responder")
    token = _cli(env, "token", "create", "alertmanager", "--scope", "write").strip()
    port = free_port()
    log = folder / "serve.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "warroom", "serve", "--host", "127.0.0.1", "--port", str(port)],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    served = Served(f"http://127.0.0.1:{port}", token, env, log)
    try:
        wait_until(
            lambda: httpx.get(f"{served.url}/metrics", timeout=2).status_code == 200,
            30,
            f"warroom serve on port {port} (log: {log})",
        )
        yield served
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
