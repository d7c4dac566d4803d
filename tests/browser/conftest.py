"""Playwright driving Debian's Chromium against a real ``warroom serve --demo`` process.

The server runs on a free 127.0.0.1 port over a temporary SQLite file; the
first admin is created through the setup link it prints, in the browser.
Screenshots land in ``test-artifacts/`` (gitignored). Without
``/usr/bin/chromium`` the tests are skipped, except in CI (``CI=true``),
where that is a failure.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
ADMIN = ("admin", "admin password 1")
_LINK = re.compile(r"http://\S+/setup\?token=\S+")


@dataclass
class Server:
    url: str
    setup_link: str
    log: Path


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    if not CHROMIUM.exists():
        message = "install Debian's chromium to run browser tests"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return CHROMIUM


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory, chromium_path: Path) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("served")
    port = _free_port()
    env = {**os.environ, "WARROOM_DATABASE_URL": f"sqlite:///{folder / 'warroom.db'}"}
    env.pop("WARROOM_CONFIG", None)
    log = folder / "serve.log"
    with log.open("w") as out:
        command = [sys.executable, "-m", "warroom", "serve", "--port", str(port), "--demo"]
        process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        link = _wait_for_link(log, process)
        _wait_for_http(f"http://127.0.0.1:{port}/login", process, log)
        yield Server(f"http://127.0.0.1:{port}", link, log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def _wait_for_link(log: Path, process: subprocess.Popen[bytes]) -> str:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        match = _LINK.search(log.read_text())
        if match:
            return match.group(0)
        assert process.poll() is None, f"warroom serve stopped:\n{log.read_text()}"
        time.sleep(0.2)
    raise AssertionError(f"no setup link printed:\n{log.read_text()}")


def _wait_for_http(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    import httpx

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, f"warroom serve stopped:\n{log.read_text()}"
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"{url} did not answer:\n{log.read_text()}")


@pytest.fixture(scope="session")
def browser(chromium_path: Path) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(chromium_path), args=ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def admin_state(browser: Any, server: Server) -> dict[str, Any]:
    """The first admin, created through the setup link in the browser; their cookies."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(server.setup_link)
    shoot(page, "01-setup")
    page.get_by_label("Admin user name").fill(ADMIN[0])
    page.locator("#setup-password").fill(ADMIN[1])
    page.get_by_label("Password again").fill(ADMIN[1])
    page.get_by_role("button", name="Create admin and sign in").click()
    page.wait_for_url(f"{server.url}/")
    state: dict[str, Any] = context.storage_state()
    context.close()
    return state


@pytest.fixture
def admin(browser: Any, server: Server, admin_state: dict[str, Any]) -> Iterator[Any]:
    """A page signed in as the admin."""
    context = browser.new_context(
        base_url=server.url, storage_state=admin_state, viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


def shoot(page: Any, name: str) -> Path:
    """A full-page screenshot in test-artifacts/, to look at after the run."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
