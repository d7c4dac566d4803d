"""metrics, insights, review, remind, search, similar and show's Recurs, through the CLI."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.e2e.conftest import Cli
from warroom.cli import app as cli_app

REF = "INC-2026-11-20-001"
LATER = "INC-2026-11-21-001"


def seed(cli: Cli) -> None:
    cli.ok(
        "declare",
        "Checkout API returning 500s",
        "-s",
        "1",
        "--service",
        "checkout-api",
        "--commander",
        "alice",
        "--started-at",
        "2026-11-20T14:02Z",
        "--detected-at",
        "2026-11-20T14:06Z",
    )
    cli.ok("status", REF, "resolved", "--at", "2026-11-20T15:10Z")
    cli.ok("action", "add", REF, "Alert on 5xx", "--owner", "bob", "--due", "2026-11-25")
    cli.ok(
        "declare", "Checkout slow", "-s", "2", "--service", "checkout-api",
        "--started-at", "2026-11-21T09:00Z",
    )  # fmt: skip


def test_metrics_json_in_seconds_and_missing_milestones(cli: Cli) -> None:
    seed(cli)
    data = json.loads(cli.ok("metrics", REF, "--json").stdout)
    assert data["time_to_detect"] == {"seconds": 240, "target_seconds": 300, "met": True}
    assert data["time_to_acknowledge"] == {
        "seconds": None,
        "target_seconds": 300,
        "met": None,
        "missing": ["acknowledged"],
    }
    assert data["total_duration"]["seconds"] == 4080
    text = cli.ok("metrics", REF).stdout
    assert "4 min (target 5 min) met" in text and "acknowledged not recorded" in text


def test_insights_json_and_csv_shapes(cli: Cli) -> None:
    seed(cli)
    data = json.loads(cli.ok("insights", "--by", "severity", "--json").stdout)
    assert set(data) == {
        "window",
        "incidents_per_month",
        "incidents_by_service",
        "metrics",
        "targets",
        "recurring",
        "action_items",
        "review",
    }
    assert data["window"]["incidents"] == 2 and data["window"]["by"] == "severity"
    detect = data["metrics"]["overall"]["time_to_detect"]
    assert detect == {"count": 1, "median": 240.0, "p90": 240.0, "small_sample": True}
    assert [g["label"] for g in data["metrics"]["groups"]] == ["SEV-1", "SEV-2"]
    assert data["metrics"]["groups"][0]["warning"].startswith("only 1 incident")
    assert data["recurring"]["services"] == [{"name": "checkout-api", "incidents": 2}]
    assert data["action_items"]["overall"]["open"] == 1
    assert data["review"]["resolved"] == 1
    rows = list(csv.DictReader(io.StringIO(cli.ok("insights", "--csv").stdout)))
    assert set(rows[0]) == {"section", "group", "name", "measure", "value"}
    sections = {row["section"] for row in rows}
    assert {"incidents_per_month", "metrics", "action_items", "review"} <= sections
    median = [r for r in rows if r["name"] == "time_to_detect" and r["measure"] == "median"]
    assert median == [
        {
            "section": "metrics",
            "group": "overall",
            "name": "time_to_detect",
            "measure": "median",
            "value": "240.0",
        }
    ]
    assert "Incidents per month" in cli.ok("insights", "--by", "month").stdout
    bad = cli("insights", "--by", "team")
    assert bad.exit_code == 1 and "error (by)" in bad.stderr


def test_review_commands(cli: Cli) -> None:
    seed(cli)
    cli.ok("review", "request", REF, "--reviewer", "carol")
    refused = cli("review", "approve", REF, "--as", "carol")
    assert refused.exit_code == 1 and "error (lint)" in refused.stderr
    cli.ok("review", "changes", REF, "--as", "carol", "--comment", "Write the root cause")
    status = json.loads(cli.ok("review", "status", REF, "--json").stdout)
    assert status["review_status"] == "changes_requested"
    assert status["requested_changes"][0]["comment"] == "Write the root cause"
    assert status["blockers"]
    outsider = cli("review", "approve", REF, "--as", "mallory")
    assert outsider.exit_code == 1 and "error (review_status)" in outsider.stderr


def test_remind_sends_once(cli: Cli) -> None:
    seed(cli)
    first = json.loads(cli.ok("remind", "--json", "--at", "2026-11-26T09:00Z").stdout)
    assert {r["kind"] for r in first["reminders"]} == {"action_overdue", "review_late"}
    again = json.loads(cli.ok("remind", "--json", "--at", "2026-11-26T09:00Z").stdout)
    assert again["reminders"] == []
    listed = json.loads(cli.ok("remind", "--dry-run", "--json", "--at", "2026-11-26T09:00Z").stdout)
    assert len(listed["reminders"]) == 2
    assert "Nothing needs a nudge" in cli.ok("remind", "--at", "2026-11-26T09:00Z").stdout


def test_search_similar_and_recurs(cli: Cli) -> None:
    seed(cli)
    hits = json.loads(cli.ok("search", "checkout", "--json").stdout)
    assert [h["ref"] for h in hits] == [LATER, REF] or [h["ref"] for h in hits] == [REF, LATER]
    assert set(hits[0]) == {"ref", "title", "severity", "status", "started", "score", "snippet"}
    similar = json.loads(cli.ok("similar", LATER, "--json").stdout)
    assert similar[0]["ref"] == REF and similar[0]["shared_services"] == ["checkout-api"]
    shown = cli.ok("show", LATER).stdout
    assert "Recurs" in shown and REF in shown and "open AI-1: Alert on 5xx" in shown


def test_horizons_give_the_configured_due_dates(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "warroom.toml"
    config.write_text("[warroom.horizon_days]\nshort = 14\n")
    monkeypatch.setenv("WARROOM_CONFIG", str(config))
    cli_app.reset()
    seed(cli)
    today = datetime.now(UTC).date()
    cli.ok("action", "add", REF, "Soon", "--owner", "bob", "--horizon", "short")
    cli.ok("action", "add", REF, "Now", "--owner", "bob", "--horizon", "immediate")
    cli.ok(
        "action", "add", REF, "Dated", "--owner", "bob", "--horizon", "long", "--due", "2027-01-01"
    )
    items = json.loads(cli.ok("action", "list", "--incident", REF, "--json").stdout)
    due = {item["title"]: item["due"] for item in items}
    assert due["Soon"] == (today + timedelta(days=14)).isoformat()  # configured
    assert due["Now"] == (today + timedelta(days=7)).isoformat()  # the default kept
    assert due["Dated"] == "2027-01-01"  # a due date given wins
