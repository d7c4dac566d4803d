"""``warroom serve`` as real processes: the first-run setup link, and two servers, one database."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest

from warroom.cli.serve import setup_link


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def serving(database_url: str) -> Iterator[tuple[str, str]]:
    """A `warroom serve` process: its base URL and what it printed before serving."""
    port = _free_port()
    env = {**os.environ, "WARROOM_DATABASE_URL": database_url}
    process = subprocess.Popen(
        [sys.executable, "-m", "warroom", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    printed = ""
    try:
        assert process.stdout is not None
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            printed += line
            if "Uvicorn running" in line or "Application startup complete" in line:
                break
            if not line and process.poll() is not None:
                pytest.fail(f"warroom serve exited:\n{printed}")
        yield base, printed
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdout is not None:
            process.stdout.close()


def test_setup_link_for_any_address() -> None:
    assert setup_link("0.0.0.0", 8000, "abc") == "http://127.0.0.1:8000/setup?token=abc"
    assert setup_link("::1", 8080, "abc") == "http://[::1]:8080/setup?token=abc"


@pytest.mark.slow
def test_first_start_prints_a_setup_link_and_two_servers_share_sessions(
    empty_database_url: str,
) -> None:
    with (
        serving(empty_database_url) as (first, printed),
        serving(empty_database_url) as (
            second,
            _,
        ),
    ):
        match = re.search(r"/setup\?token=(\S+)", printed)
        assert match, printed
        with httpx.Client(base_url=first) as client:
            body = {"token": match.group(1), "name": "ada", "password": "long enough"}
            assert client.post("/api/v1/setup", json=body).status_code == 201
            cookie = client.cookies["warroom_session"]
            created = client.post("/api/v1/incidents", json={"title": "Disk full", "severity": 2})
            assert created.status_code == 201
        # The session, and the incident, are in the database: the other process knows them.
        with httpx.Client(base_url=second, cookies={"warroom_session": cookie}) as other:
            assert other.get("/api/v1/me").json()["name"] == "ada"
            listed = other.get("/api/v1/incidents").json()["items"]
            assert [row["title"] for row in listed] == ["Disk full"]
            assert other.get("/api/docs").status_code == 200
