"""Private incidents do not exist for non-participants: every endpoint x every kind of caller.

A private incident names ``pat`` as a responder. Admins and participants see
and change it; a responder or viewer who is not in it gets 404 (never 403)
from every endpoint, and it is missing from every list and export; nobody
signed in gets 401. Viewers are refused writes with 403 whatever the incident.
"""

from __future__ import annotations

from typing import Any

import pytest
from api_fixtures import Api

INCIDENTS = "/api/v1/incidents"
CALLERS = ("admin", "participant", "responder", "viewer", "anonymous")
SEES = {"admin", "participant"}

READS = {
    "get": "",
    "audit": "/audit",
    "action items": "/action-items",
    "report": "/report?to=md",
}
WRITES: dict[str, tuple[str, str, dict[str, Any]]] = {
    "patch": ("PATCH", "", {"version": 3, "summary": "changed"}),
    "timeline": ("POST", "/timeline", {"text": "looked at logs"}),
    "milestone": ("PUT", "/milestones/detected", {"at": "2026-11-20T14:05:00Z"}),
    "status": ("POST", "/status", {"status": "identified"}),
    "severity": ("POST", "/severity", {"severity": 1}),
    "role": ("PUT", "/roles/scribe", {"person": "sam"}),
    "add action item": ("POST", "/action-items", {"title": "Rotate keys"}),
    "update action item": ("PATCH", "/action-items/AI-1", {"owner": "carol"}),
}


@pytest.fixture
def private(api: Api) -> str:
    record = api.declare(
        "admin",
        title="Leaked credentials",
        visibility="private",
        started_at="2026-11-20T14:00:00Z",
    )
    ref: str = record["ref"]
    added = api.as_("admin").put(f"{INCIDENTS}/{ref}/roles/responders", json={"person": "pat"})
    assert added.status_code == 200
    item = api.as_("admin").post(f"{INCIDENTS}/{ref}/action-items", json={"title": "Audit"})
    assert item.status_code == 201
    api.declare("admin", title="Public one")
    return ref


@pytest.mark.parametrize("who", CALLERS)
def test_reads(api: Api, private: str, who: str) -> None:
    client = api.as_(who)
    for name, path in READS.items():
        status = client.get(f"{INCIDENTS}/{private}{path}").status_code
        expected = 401 if who == "anonymous" else 200 if who in SEES else 404
        assert status == expected, (name, status)
    if who == "anonymous":
        return
    listed = {row["ref"] for row in client.get(INCIDENTS).json()["items"]}
    assert (private in listed) == (who in SEES)
    assert len(listed) == (2 if who in SEES else 1)
    actions = {row["ref"] for row in client.get("/api/v1/action-items").json()["items"]}
    assert (private in actions) == (who in SEES)
    exported = client.get("/api/v1/export").text
    assert (private in exported) == (who in SEES)
    unknown = client.get(f"{INCIDENTS}/INC-2026-11-20-999")
    if who not in SEES:  # indistinguishable from an incident that does not exist
        hidden = client.get(f"{INCIDENTS}/{private}")
        assert hidden.json()["error"]["message"].replace(private, "X") == unknown.json()["error"][
            "message"
        ].replace("INC-2026-11-20-999", "X")


@pytest.mark.parametrize("who", CALLERS)
@pytest.mark.parametrize("write", WRITES)
def test_writes(api: Api, private: str, who: str, write: str) -> None:
    method, path, body = WRITES[write]
    response = api.as_(who).request(method, f"{INCIDENTS}/{private}{path}", json=body)
    expected = {"anonymous": 401, "viewer": 403, "responder": 404}.get(who, 200)
    if expected == 200 and method == "POST" and path in ("/timeline", "/action-items"):
        expected = 201
    assert response.status_code == expected, response.text
