"""Alert webhooks, outbound webhook admin and /metrics through the API, on both databases."""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path
from typing import Any

from api_fixtures import Api
from fastapi.testclient import TestClient

from warroom.api.app import create_app
from warroom.config import Settings
from warroom.services import accounts
from warroom.services.context import Context
from warroom.storage import Database

AM = "/api/v1/integrations/alertmanager"


def fixture(shared_dir: Path, name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((shared_dir / "fixtures" / "alertmanager" / name).read_text())
    return data


def test_alertmanager_opens_then_ignores_repeats_then_records_resolution(
    api: Api, shared_dir: Path
) -> None:
    as_rita = api.as_("responder")
    opened = as_rita.post(AM, json=fixture(shared_dir, "firing.json"))
    assert opened.status_code == 201, opened.text
    ref = opened.json()["ref"]
    repeat = as_rita.post(AM, json=fixture(shared_dir, "firing.json"))
    assert (repeat.status_code, repeat.json()["added"], repeat.json()["duplicates"]) == (200, 0, 1)
    resolved = as_rita.post(AM, json=fixture(shared_dir, "resolved.json"))
    assert resolved.json()["mitigated"] is True
    record = as_rita.get(f"/api/v1/incidents/{ref}").json()
    assert record["milestones"]["mitigated"] == "2026-11-22T04:55:06Z"
    alerts = [e for e in record["timeline"] if e["source"] == "alert"]
    assert [e["kind"] for e in alerts] == ["alert", "alert"]


def test_alert_endpoints_need_a_write_token_of_a_responder(api: Api, shared_dir: Path) -> None:
    body = fixture(shared_dir, "firing.json")
    assert api.as_("anonymous").post(AM, json=body).status_code == 401
    assert api.as_("viewer").post(AM, json=body).status_code == 403
    _, read_token = accounts.create_token(api.ctx, "read only", "read", "rita")
    refused = api.client.post(AM, json=body, headers={"Authorization": f"Bearer {read_token}"})
    assert refused.status_code == 403


def test_bad_payloads_are_422_naming_the_field_and_store_nothing(
    api: Api, shared_dir: Path
) -> None:
    as_rita = api.as_("responder")
    body = fixture(shared_dir, "firing.json")
    body["alerts"][0]["startsAt"] = "not a time"
    answer = as_rita.post(AM, json=body)
    assert answer.status_code == 422
    assert answer.json()["error"]["field"] == "alerts[0].startsAt"
    not_json = as_rita.post(AM, content=b"{oops", headers={"Content-Type": "application/json"})
    assert not_json.status_code == 422
    assert as_rita.post(AM, json=[1, 2]).status_code == 422
    assert as_rita.get("/api/v1/incidents").json()["items"] == []


def test_grafana_endpoint(api: Api) -> None:
    body = {
        "status": "firing",
        "version": "1",
        "alerts": [
            {
                "status": "firing",
                "labels": {"alertname": "DiskFull", "severity": "warning"},
                "annotations": {"summary": "/var is full"},
                "startsAt": "2026-11-22T03:00:00Z",
                "endsAt": "0001-01-01T00:00:00Z",
            }
        ],
    }
    answer = api.as_("responder").post("/api/v1/integrations/grafana", json=body)
    assert answer.status_code == 201, answer.text
    record = api.as_("responder").get(f"/api/v1/incidents/{answer.json()['ref']}").json()
    assert (record["title"], record["severity"]) == ("/var is full", 3)


def test_webhooks_are_for_admins(api: Api) -> None:
    body = {"url": "http://127.0.0.1:9/hook", "events": ["declared"], "secret": "s"}
    assert api.as_("responder").post("/api/v1/webhooks", json=body).status_code == 403
    created = api.as_("admin").post("/api/v1/webhooks", json=body)
    assert created.status_code == 201, created.text
    hook = created.json()
    assert hook["signed"] is True and "secret" not in hook
    api.declare()
    log = api.as_("admin").get(f"/api/v1/webhooks/{hook['id']}/deliveries").json()["items"]
    assert [(d["event"], d["status"], d["attempts"]) for d in log] == [("declared", "pending", 0)]
    assert api.as_("responder").get(f"/api/v1/webhooks/{hook['id']}/deliveries").status_code == 403
    bad = api.as_("admin").post("/api/v1/webhooks", json={**body, "events": ["paged"]})
    assert (bad.status_code, bad.json()["error"]["field"]) == (422, "events")
    assert api.as_("admin").delete(f"/api/v1/webhooks/{hook['id']}").status_code == 204
    assert api.as_("admin").get(f"/api/v1/webhooks/{hook['id']}/deliveries").status_code == 404


def test_metrics_without_login(api: Api) -> None:
    api.declare(severity=2)
    api.declare(severity=1)
    text = api.client.get("/metrics").text
    assert 'warroom_incidents_open{severity="2",severity_label="SEV-2"} 1.0' in text
    assert 'warroom_incidents_declared_total{severity="1",severity_label="SEV-1"} 1.0' in text
    assert 'warroom_incidents_open{severity="4",severity_label="SEV-4"} 0.0' in text
    assert "warroom_action_items_overdue 0.0" in text
    assert "warroom_webhook_deliveries_failed_total 0.0" in text
    assert (
        'warroom_http_requests_total{method="POST",route="/api/v1/incidents",status="201"} 2.0'
        in text
    )
    assert "warroom_http_request_duration_seconds_bucket" in text


def test_metrics_behind_a_token(database: Database) -> None:
    ctx = Context(
        settings=Settings.load(environ={}, metrics_token="scrape-me"),
        uow=database.unit_of_work,
        reader=partial(database.unit_of_work, read_only=True),
    )
    with TestClient(create_app(ctx, web=False)) as client:
        assert client.get("/metrics").status_code == 401
        wrong = client.get("/metrics", headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 401
        good = client.get("/metrics", headers={"Authorization": "Bearer scrape-me"})
        assert good.status_code == 200 and "warroom_incidents_open" in good.text
