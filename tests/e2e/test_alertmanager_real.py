"""A real Alertmanager (Debian's prometheus-alertmanager) notifying a real ``warroom serve``.

Alerts are fired with ``amtool``; the test checks that firing opens the
incident, that Alertmanager's repeats add nothing, and that the resolution
is recorded. Everything listens on 127.0.0.1; every wait is bounded.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from bench.warroom_process import Served, free_port, wait_until, warroom_server

pytestmark = [pytest.mark.alertmanager, pytest.mark.slow]

CONFIG = """\
route:
  receiver: warroom
  group_by: [alertname, service]
  group_wait: 1s
  group_interval: 2s
  repeat_interval: 3s
receivers:
  - name: warroom
    webhook_configs:
      - url: {url}/api/v1/integrations/alertmanager
        send_resolved: true
        http_config:
          authorization:
            type: Bearer
            credentials: {token}
"""


def binaries() -> tuple[str, str]:
    server = shutil.which("prometheus-alertmanager") or shutil.which("alertmanager")
    amtool = shutil.which("amtool")
    if server and amtool:
        return server, amtool
    message = "install Debian's prometheus-alertmanager to run this test"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message} (CI needs it)")
    pytest.skip(message)


@contextmanager
def alertmanager(binary: str, folder: Path, served: Served) -> Iterator[str]:
    config = folder / "alertmanager.yml"
    config.write_text(CONFIG.format(url=served.url, token=served.token))
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = folder / "alertmanager.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [
                binary,
                f"--config.file={config}",
                f"--storage.path={folder / 'am-data'}",
                f"--web.listen-address=127.0.0.1:{port}",
                "--cluster.listen-address=",
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_until(lambda: httpx.get(f"{url}/-/ready", timeout=2).status_code == 200, 30, "AM")
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def amtool(binary: str, url: str, *args: str) -> None:
    command = [binary, "alert", "add", *args, f"--alertmanager.url={url}"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=30, check=False)
    assert done.returncode == 0, done.stderr


def webhook_notifications(url: str) -> float:
    """How many notifications Alertmanager has sent to webhooks (its own metric)."""
    total = 0.0
    for line in httpx.get(f"{url}/metrics", timeout=5).text.splitlines():
        if line.startswith("alertmanager_notifications_total") and 'integration="webhook"' in line:
            total += float(line.rsplit(" ", 1)[1])
    return total


def incidents(client: httpx.Client) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = client.get("/api/v1/incidents").json()["items"]
    return items


def test_alertmanager_fires_repeats_and_resolves(tmp_path: Path) -> None:
    server_binary, amtool_binary = binaries()
    labels = ["HighLatency", "service=api", "severity=critical", "instance=db-1"]
    notes = ["--annotation=summary=p99 latency above 2s"]
    notes.append("--annotation=runbook_url=http://runbooks.local/latency")
    with (
        warroom_server(tmp_path) as served,
        alertmanager(server_binary, tmp_path, served) as am,
        served.client() as client,
    ):
        amtool(amtool_binary, am, *labels, *notes)
        wait_until(lambda: len(incidents(client)) == 1, 30, "the incident to open")
        (summary,) = incidents(client)
        assert summary["title"] == "p99 latency above 2s" and summary["severity"] == 1

        # Alertmanager repeats the notification every repeat_interval: nothing new lands.
        sent = webhook_notifications(am)
        wait_until(lambda: webhook_notifications(am) >= sent + 2, 30, "two repeats")
        record = client.get(f"/api/v1/incidents/{summary['ref']}").json()
        assert len(incidents(client)) == 1
        assert [e["text"][:7] for e in record["timeline"] if e["source"] == "alert"] == ["Firing:"]

        end = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        amtool(amtool_binary, am, *labels, *notes, f"--end={end}")

        def resolved() -> bool:
            record = client.get(f"/api/v1/incidents/{summary['ref']}").json()
            return record["milestones"]["mitigated"] is not None

        wait_until(resolved, 30, "the resolution to be recorded")
        record = client.get(f"/api/v1/incidents/{summary['ref']}").json()
        alerts = [e for e in record["timeline"] if e["source"] == "alert"]
        assert [e["text"].split(":")[0] for e in alerts] == ["Firing", "Resolved"]
        assert alerts[0]["link"] == "http://runbooks.local/latency"
        assert record["status"] == "investigating"
        assert len(incidents(client)) == 1
