"""Whole flows through the pages: lists and filters, the dashboard, reports, import, settings."""

from __future__ import annotations

import re

from web_fixtures import Site, error_next_to, form_value

from warroom.demo import load_demo
from warroom.services.incidents import get_incident
from warroom.services.inputs import OPEN_STATUSES

REPORT = """\
# Post-Incident Review: Database connection pool exhausted

**Severity:** SEV-2
**Date:** 2026-03-02

## Summary

Checkout requests timed out for 35 minutes because the database pool was exhausted.

## Timeline

| Time (UTC) | Event |
| --- | --- |
| 14:02 | Latency alert fired |
| 14:37 | Pool size raised; errors stop |

## Root Cause

A retry loop leaked connections after a deploy.

## Tea Break Notes

We ran out of coffee during the incident.
"""


def test_the_list_filters_searches_titles_and_pages(site: Site) -> None:
    for number in range(30):
        site.declare(f"Disk full on db-{number:02d}", severity=3 if number % 2 else 1)
    ada = site.as_("ada")
    first = ada.get("/incidents")
    assert first.text.count('class="strong"') == 25
    older = ada.get(_next_link(first.text))
    assert older.text.count('class="strong"') == 5
    sev1 = ada.get("/incidents?severity=1")
    assert sev1.text.count('class="strong"') == 15
    found = ada.get("/incidents?q=DB-07")
    assert found.text.count('class="strong"') == 1 and "Disk full on db-07" in found.text
    assert form_value(found.text, "q", id="filter-q") == "DB-07"
    bad = ada.get("/incidents?since=someday&service=api")
    assert bad.status_code == 422
    assert "someday" in error_next_to(bad.text, "filter-since")
    assert form_value(bad.text, "service") == "api"


def _next_link(html: str) -> str:
    match = re.search(r'<a href="([^"]+)" rel="next">', html)
    assert match, "no link to the next page"
    return match.group(1).replace("&amp;", "&")


def test_the_dashboard_shows_open_incidents_action_items_and_reviews(site: Site) -> None:
    from warroom.services import accounts

    refs = load_demo(site.ctx)
    accounts.add_user(site.ctx, "admin", "admin")
    accounts.add_user(site.ctx, "dev.patel", "responder")
    page = site.as_("admin").get("/").text
    open_refs = [r for r in refs if get_incident(site.ctx, r).status in OPEN_STATUSES]
    for ref in open_refs:
        assert ref in page
    assert "open for" in page and "UTC" in page
    assert "Checkout API returning 502s for EU customers" in page.split("Reviews waiting")[1]
    overdue = page.split("Overdue action items")[1].split("Reviews waiting")[0]
    assert "overdue" in overdue and "Run the gateway canary in every region" in overdue
    assert "Suspicious admin logins" in page  # admins see private incidents
    mine = site.as_("dev.patel").get("/").text
    assert "Run the gateway canary" in mine.split("My action items")[1].split("Overdue")[0]
    assert "Suspicious admin logins" in mine  # dev.patel is a responder on it
    assert "Suspicious admin logins" not in site.as_("vic").get("/").text


def test_action_items_across_incidents_filter_by_owner_status_overdue(site: Site) -> None:
    load_demo(site.ctx)
    ada = site.as_("ada")
    everything = ada.get("/action-items").text
    assert "Generate upstream regions" in everything
    mine = ada.get("/action-items?owner=tom.baker").text
    assert "Generate upstream regions" in mine and "Run the gateway canary" not in mine
    overdue = ada.get("/action-items?overdue=1").text
    assert "Run the gateway canary" in overdue and "Generate upstream regions" not in overdue
    done = ada.get("/action-items?status=done").text
    assert "Show deploy events" in done and "Run the gateway canary" not in done
    bad = ada.get("/action-items?status=maybe")
    assert bad.status_code == 422 and "maybe" in error_next_to(bad.text, "af-status")


def test_the_report_downloads_in_every_format(site: Site) -> None:
    ref = load_demo(site.ctx)[2]
    rita = site.as_("rita")
    page = rita.get(f"/incidents/{ref}").text
    assert 'value="pdf"' in page and "post-incident-review" in page
    markdown = rita.get(f"/incidents/{ref}/report?format=postmortem-report&as=md")
    assert markdown.status_code == 200 and ref in markdown.text
    assert "attachment" in markdown.headers["content-disposition"]
    html = rita.get(f"/incidents/{ref}/report?as=html")
    assert html.headers["content-type"].startswith("text/html") and "<script" not in html.text
    pdf = rita.get(f"/incidents/{ref}/report?format=post-incident-review&as=pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert rita.get(f"/incidents/{ref}/report?format=nope&as=md").status_code == 422


def test_import_previews_then_creates_each_file(site: Site) -> None:
    rita = site.as_("rita")
    rita.get("/import")
    files = [
        ("files", ("pool.md", REPORT.encode(), "text/markdown")),
        ("files", ("empty.md", b"   \n", "text/markdown")),
    ]
    preview = rita.client.post("/import", data={"csrf_token": rita.token}, files=files)
    assert preview.status_code == 200
    text = preview.text
    assert "Database connection pool exhausted" in text and "1</strong> can be imported" in text
    assert "analysis.root_cause.summary" in text and "Tea Break Notes" in text
    assert "empty.md: the report is empty" in text
    assert get_incident_count(site) == 0
    confirm = {"csrf_token": rita.token, "name": "pool.md", "text": REPORT}
    progress = rita.post("/import/progress", confirm, htmx=True)
    assert 'hx-post="/import/file"' in progress.text and "pool.md" in progress.text
    done = rita.post("/import/file", {"name": "pool.md", "text": REPORT}, htmx=True)
    assert "created" in done.text and get_incident_count(site) == 1
    plain = rita.post("/import/confirm", confirm)
    assert "1 of 1 report imported" in plain.text and get_incident_count(site) == 2
    nothing = rita.client.post("/import", data={"csrf_token": rita.token})
    assert nothing.status_code == 422 and "choose one or more" in nothing.text


def get_incident_count(site: Site) -> int:
    from warroom.services.incidents import list_incidents
    from warroom.services.ports import IncidentQuery

    return len(list_incidents(site.ctx, IncidentQuery(limit=100)).items)


def test_settings_manage_users_and_tokens(site: Site) -> None:
    ada = site.as_("ada")
    page = ada.get("/settings").text
    assert "SEV-1" in page and "INC-2026-11-20-001" in page
    short = ada.post("/settings/users", {"name": "newbie", "role": "responder", "password": "x"})
    assert short.status_code == 422
    assert "at least 8" in error_next_to(short.text, "nu-password")
    assert form_value(short.text, "name", id="nu-name") == "newbie"
    ada.post("/settings/users", {"name": "newbie", "role": "viewer", "password": "long enough"})
    ada.post("/settings/users/newbie", {"role": "responder"})
    assert "newbie" in ada.get("/settings").text
    made = ada.post("/settings/tokens", {"name": "grafana", "scope": "read", "user": ""})
    assert "shown only this once" in made.text
    secret = made.text.split('<code class="token">')[1].split("<")[0]
    assert secret.startswith("wr_")
    api = site.anonymous().client.get(
        "/api/v1/incidents", headers={"Authorization": f"Bearer {secret}"}
    )
    assert api.status_code == 200
    token_id = secret.split("_")[1]
    ada.post(f"/settings/tokens/{token_id}/revoke")
    assert "revoked" in ada.get("/settings").text
    bad = ada.post("/settings/tokens", {"name": "x", "scope": "read", "user": "ghost"})
    assert bad.status_code == 422 and "no user ghost" in bad.text


def test_impact_roles_milestones_communications_and_links(site: Site) -> None:
    ref = site.declare()
    rita = site.as_("rita")
    rita.get(f"/incidents/{ref}")

    def version() -> str:
        return str(get_incident(site.ctx, ref).version)

    bad = rita.post(
        f"/incidents/{ref}/impact",
        {"version": version(), "users_affected": "lots", "downtime": "45 min"},
    )
    assert bad.status_code == 422 and "lots" in error_next_to(bad.text, "imp-users_affected")
    assert form_value(bad.text, "downtime", id="imp-downtime") == "45 min"
    rita.post(
        f"/incidents/{ref}/impact",
        {"version": version(), "users_affected": "1,200", "downtime": "45 min", "data_loss": "no"},
    )
    impact = get_incident(site.ctx, ref).impact
    assert impact.users_affected == 1200 and impact.downtime_seconds == 2700
    rita.post(
        f"/incidents/{ref}/roles",
        {"version": version(), "commander": "rita", "responders": "pat, vic"},
    )
    assert get_incident(site.ctx, ref).roles.responders == ["pat", "vic"]
    late = {"version": version(), "detected": "2000-01-01 00:00", "orig_detected": ""}
    answer = rita.post(f"/incidents/{ref}/milestones", late, htmx=True)
    assert answer.status_code == 422 and "cannot be before" in error_next_to(
        answer.text, "ms-detected"
    )
    rita.post(
        f"/incidents/{ref}/communications",
        {
            "version": version(),
            "audience": "external",
            "channel": "status page",
            "summary": "Fixed",
        },
    )
    rita.post(
        f"/incidents/{ref}/links",
        {"version": version(), "url": "https://grafana.example.com/d/1", "kind": "dashboard"},
    )
    bad_link = rita.post(
        f"/incidents/{ref}/links", {"version": version(), "url": "javascript:alert(1)"}
    )
    assert bad_link.status_code == 422
    incident = get_incident(site.ctx, ref)
    assert incident.communications[0].summary == "Fixed" and len(incident.links) == 1
    rita.post(f"/incidents/{ref}/links/0/remove", {"version": version()})
    assert get_incident(site.ctx, ref).links == []
    audit = rita.get(f"/incidents/{ref}").text.split("Audit log")[1]
    assert "impact.users_affected" in audit and "rita" in audit
