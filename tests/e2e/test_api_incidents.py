"""The API's core shapes end to end, on SQLite and PostgreSQL: declare, list, read, patch, log."""

from __future__ import annotations

from api_fixtures import Api

INCIDENTS = "/api/v1/incidents"


def test_declare_answers_201_with_the_record_and_its_location(api: Api) -> None:
    response = api.as_("responder").post(
        INCIDENTS,
        json={
            "title": "Checkout API returning 500s",
            "severity": "SEV-1",
            "services": ["checkout-api"],
            "commander": "alice",
            "started_at": "2026-11-20T14:02:00Z",
        },
    )
    assert response.status_code == 201
    record = response.json()
    assert record["ref"] == "INC-2026-11-20-001"
    assert record["severity"] == 1
    assert record["roles"]["commander"] == "alice"
    assert record["version"] == 1
    assert response.headers["location"] == f"{INCIDENTS}/INC-2026-11-20-001"
    assert response.headers["etag"] == '"1"'
    got = api.as_("viewer").get(f"{INCIDENTS}/{record['ref']}")
    assert got.status_code == 200
    assert got.json() == record


def test_list_filters_and_pages(api: Api) -> None:
    first = api.declare(title="Payments slow", severity=3, services=["payments"])
    second = api.declare(title="Login down", severity=1, services=["auth"])
    page = api.as_("viewer").get(INCIDENTS, params={"limit": 1}).json()
    assert [row["ref"] for row in page["items"]] == [second["ref"]]
    assert set(page["items"][0]) == {
        "ref", "title", "severity", "status", "review_status", "visibility", "services",
        "commander", "started", "resolved", "created_at", "updated_at",
    }  # fmt: skip
    rest = api.as_("viewer").get(INCIDENTS, params={"limit": 1, "after": page["next"]}).json()
    assert [row["ref"] for row in rest["items"]] == [first["ref"]]
    assert rest["next"] is None
    by_service = api.as_("viewer").get(INCIDENTS, params={"service": "payments"}).json()
    assert [row["ref"] for row in by_service["items"]] == [first["ref"]]
    by_severity = api.as_("viewer").get(INCIDENTS, params={"severity": ["SEV-1"]}).json()
    assert [row["ref"] for row in by_severity["items"]] == [second["ref"]]
    bad = api.as_("viewer").get(INCIDENTS, params={"status": "sleeping"})
    assert bad.status_code == 422
    assert bad.json()["error"]["field"] == "status"


def test_patch_changes_fields_and_goes_through_the_rules(api: Api) -> None:
    ref = api.declare()["ref"]
    response = api.as_("responder").patch(
        f"{INCIDENTS}/{ref}",
        json={
            "version": 1,
            "summary": "A bad deploy",
            "impact": {"users_affected": 1200, "data_loss": {"value": False}},
            "status": "monitoring",
            "roles": {"commander": "alice", "responders": ["bob"]},
        },
    )
    assert response.status_code == 200, response.text
    record = response.json()
    assert record["version"] == 2
    assert record["summary"] == "A bad deploy"
    assert record["impact"]["users_affected"] == 1200
    assert record["impact"]["data_loss"] == {"value": False, "details": None}
    assert record["status"] == "monitoring"
    assert record["milestones"]["mitigated"] is not None
    texts = [event["text"] for event in record["timeline"]]
    assert "Status changed from investigating to monitoring" in texts
    assert "alice assigned as commander" in texts
    assert "bob joined as responder" in texts


def test_patch_with_a_stale_version_is_409_with_what_changed(api: Api) -> None:
    ref = api.declare()["ref"]
    as_rita = api.as_("responder")
    assert as_rita.patch(f"{INCIDENTS}/{ref}", json={"version": 1, "title": "New"}).is_success
    stale = as_rita.patch(f"{INCIDENTS}/{ref}", json={"summary": "x"}, headers={"If-Match": '"1"'})
    assert stale.status_code == 409
    error = stale.json()["error"]
    assert error["code"] == "stale_version"
    assert (error["expected"], error["actual"]) == (1, 2)
    assert {"field": "title", "old": "Checkout API returning 500s", "new": "New"}.items() <= (
        error["changes"][0].items()
    )
    assert error["changes"][0]["actor"] == "rita"
    assert api.as_("viewer").get(f"{INCIDENTS}/{ref}").json()["summary"] is None


def test_patch_errors_name_the_field(api: Api) -> None:
    ref = api.declare(started_at="2026-11-20T14:00:00Z")["ref"]
    url = f"{INCIDENTS}/{ref}"
    as_rita = api.as_("responder")
    cases = {
        "milestones.detected": {"milestones": {"detected": "2026-11-20T13:00:00Z"}},
        "colour": {"colour": "red"},
        "impact.users_affected": {"impact": {"users_affected": "many"}},
        "timeline": {"timeline": []},
        "title": {"title": ""},
    }
    for field, patch in cases.items():
        response = as_rita.patch(url, json={"version": 1, **patch})
        assert response.status_code == 422, (field, response.text)
        assert response.json()["error"]["field"] == field
    missing = as_rita.patch(url, json={"summary": "no version"})
    assert missing.status_code == 422
    assert missing.json()["error"]["field"] == "version"
    assert api.as_("viewer").get(url).json()["version"] == 1


def test_timeline_entry_is_201_and_lands_in_time_order(api: Api) -> None:
    ref = api.declare(started_at="2026-11-20T14:00:00Z")["ref"]
    url = f"{INCIDENTS}/{ref}/timeline"
    response = api.as_("responder").post(
        url,
        json={"text": "Rolled back deploy 4312", "at": "2026-11-20T14:31:00Z", "kind": "action"},
    )
    assert response.status_code == 201
    body = response.json()
    assert body["event"]["text"] == "Rolled back deploy 4312"
    assert body["event"]["author"] == "rita"
    assert body["event"]["at"] == "2026-11-20T14:31:00Z"
    assert body["version"] == 2
    bad = api.as_("responder").post(url, json={"text": "x", "kind": "gossip"})
    assert bad.status_code == 422
    assert bad.json()["error"]["field"] == "kind"
    missing = api.as_("responder").post(url, json={"at": "14:00"})
    assert missing.json()["error"] == {
        "code": "invalid",
        "message": "text: Field required",
        "field": "text",
    }


def test_status_milestones_severity_roles_and_reopen(api: Api) -> None:
    ref = api.declare(started_at="2026-11-20T14:00:00Z")["ref"]
    url = f"{INCIDENTS}/{ref}"
    as_rita = api.as_("responder")
    detected = as_rita.put(f"{url}/milestones/detected", json={"at": "2026-11-20T14:06:00Z"})
    assert detected.json()["milestones"]["detected"] == "2026-11-20T14:06:00Z"
    early = as_rita.put(f"{url}/milestones/detected", json={"at": "2026-11-20T13:00:00Z"})
    assert early.status_code == 422
    assert early.json()["error"]["field"] == "milestones.detected"
    resolved = as_rita.post(f"{url}/status", json={"status": "resolved"})
    assert resolved.json()["status"] == "resolved"
    back = as_rita.post(f"{url}/status", json={"status": "identified"})
    assert back.status_code == 422
    assert as_rita.post(f"{url}/reopen", json={"reason": "it came back"}).json()["status"] == (
        "investigating"
    )
    assert as_rita.post(f"{url}/severity", json={"severity": "SEV-1"}).json()["severity"] == 1
    scribe = as_rita.put(f"{url}/roles/scribe", json={"person": "sam"})
    assert scribe.json()["roles"]["scribe"] == "sam"
    stale = as_rita.post(f"{url}/severity", json={"severity": 3, "version": 2})
    assert stale.status_code == 409
    assert stale.json()["error"]["changes"]


def test_action_items(api: Api) -> None:
    ref = api.declare()["ref"]
    url = f"{INCIDENTS}/{ref}/action-items"
    as_rita = api.as_("responder")
    added = as_rita.post(url, json={"title": "Alert on 5xx", "owner": "carol", "due": "2020-01-01"})
    assert added.status_code == 201
    assert added.json()["item"]["key"] == "AI-1"
    assert as_rita.get(url).json()["items"][0]["item"]["title"] == "Alert on 5xx"
    overdue = as_rita.get("/api/v1/action-items", params={"overdue": True}).json()["items"]
    assert [row["item"]["key"] for row in overdue] == ["AI-1"]
    declined = as_rita.patch(f"{url}/AI-1", json={"status": "wont_do"})
    assert declined.status_code == 422
    assert declined.json()["error"]["field"] == "reason"
    done = as_rita.patch(f"{url}/AI-1", json={"status": "done", "owner": None})
    assert done.json()["item"]["status"] == "done"
    assert done.json()["item"]["owner"] is None
    assert as_rita.patch(f"{url}/AI-9", json={"title": "x"}).status_code == 404
    assert as_rita.get("/api/v1/action-items", params={"owner": "carol"}).json()["items"] == []


def test_audit_log_lists_each_change(api: Api) -> None:
    ref = api.declare()["ref"]
    as_rita = api.as_("responder")
    as_rita.patch(f"{INCIDENTS}/{ref}", json={"version": 1, "summary": "Bad deploy"})
    as_rita.post(f"{INCIDENTS}/{ref}/action-items", json={"title": "Fix it"})
    as_rita.patch(f"{INCIDENTS}/{ref}/action-items/AI-1", json={"status": "in_progress"})
    entries = api.as_("viewer").get(f"{INCIDENTS}/{ref}/audit").json()["items"]
    assert [(e["version"], e["actor"], e["action"]) for e in entries] == [
        (1, "rita", "declare"),
        (2, "rita", "update"),
        (3, "rita", "action_item"),
        (4, "rita", "action_item"),
    ]
    assert entries[1]["changes"] == [{"field": "summary", "old": None, "new": "Bad deploy"}]
    assert entries[3]["changes"][0] == {
        "field": "action_items[AI-1].status",
        "old": "open",
        "new": "in_progress",
    }
    page = api.as_("viewer").get(f"{INCIDENTS}/{ref}/audit", params={"limit": 2}).json()
    assert page["next"] == 2


def test_export_then_import_with_dry_run(api: Api) -> None:
    ref = api.declare()["ref"]
    exported = api.as_("viewer").get("/api/v1/export")
    assert exported.headers["content-type"].startswith("application/x-ndjson")
    lines = exported.text.splitlines()
    assert len(lines) == 1
    again = api.as_("responder").post(
        "/api/v1/import",
        content=lines[0].replace(ref, "INC-2026-01-01-001"),
        headers={"Content-Type": "application/x-ndjson"},
        params={"dry_run": True},
    )
    assert again.json() == {"dry_run": True, "created": ["INC-2026-01-01-001"], "skipped": []}
    assert api.as_("viewer").get(f"{INCIDENTS}/INC-2026-01-01-001").status_code == 404
    conflict = api.as_("responder").post("/api/v1/import", content=exported.text)
    assert conflict.status_code == 409
    stored = api.as_("responder").post(
        "/api/v1/import", content=exported.text, params={"skip_existing": True}
    )
    assert stored.json() == {"dry_run": False, "created": [], "skipped": [ref]}


def test_report_downloads(api: Api) -> None:
    ref = api.declare()["ref"]
    markdown = api.as_("viewer").get(f"{INCIDENTS}/{ref}/report", params={"to": "md"})
    assert markdown.status_code == 200
    assert markdown.headers["content-type"].startswith("text/markdown")
    assert ref in markdown.text
    html = api.as_("viewer").get(f"{INCIDENTS}/{ref}/report", params={"to": "html"})
    assert html.text.lstrip().lower().startswith("<!doctype html")
    bad = api.as_("viewer").get(f"{INCIDENTS}/{ref}/report", params={"to": "docx"})
    assert bad.status_code == 422
    assert bad.json()["error"]["field"] == "to"


def test_openapi_and_docs_are_served_without_a_cdn(api: Api) -> None:
    spec = api.client.get("/api/v1/openapi.json").json()
    assert "/api/v1/incidents/{ref}" in spec["paths"]
    assert "Incident" in spec["components"]["schemas"]
    page = api.client.get("/api/docs").text
    assert "/api/static/swagger-ui-bundle.js" in page
    assert "https://" not in page and "http://" not in page
    assert api.client.get("/api/static/swagger-ui-bundle.js").status_code == 200
    assert api.client.get("/api/static/swagger-ui.css").status_code == 200


REPORT = """# Postmortem: Checkout API returning 500s

**Severity:** SEV-2
**Status:** Resolved

## Summary

A bad deploy of checkout-api returned 500s for 20 minutes.

## Timeline

- 2026-11-20 14:02 UTC: Errors start
- 2026-11-20 14:22 UTC: Rolled back
"""


def test_markdown_report_import_with_a_preview(api: Api) -> None:
    as_rita = api.as_("responder")
    url = "/api/v1/import/report"
    preview = as_rita.post(url, content=REPORT, params={"dry_run": True, "name": "pm.md"})
    assert preview.status_code == 200, preview.text
    body = preview.json()
    assert body["error"] is None
    assert body["record"]["title"] == "Checkout API returning 500s"
    assert api.as_("viewer").get(INCIDENTS).json()["items"] == []
    stored = as_rita.post(url, content=REPORT, params={"name": "pm.md"})
    assert stored.status_code == 200, stored.text
    ref = stored.json()["ref"]
    assert api.as_("viewer").get(f"{INCIDENTS}/{ref}").json()["severity"] == 2
    audit = api.as_("viewer").get(f"{INCIDENTS}/{ref}/audit").json()["items"]
    assert [(e["actor"], e["action"]) for e in audit] == [("rita", "import")]
    empty = as_rita.post(url, content=b"\x00\x01", params={"name": "x.bin"})
    assert empty.status_code == 422
