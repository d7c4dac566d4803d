"""In a real browser: private incidents, bad input, two people editing at once, admin pages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from steps import declare

from conftest import shoot

pytestmark = pytest.mark.browser

RESPONDER = ("rita", "rita password 1")
REPORT = """\
# Post-Incident Review: Cache stampede after deploy

**Severity:** SEV-3

## Summary

Product pages were slow for 20 minutes after the cache was flushed.

## Root Cause

The deploy flushed the whole cache at once.

## Coffee

The machine broke too.
"""


def signed_in(browser: Any, server: Any, name: str, password: str) -> Any:
    """A new browser context signed in through the sign-in form."""
    context = browser.new_context(base_url=server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto("/")
    expect(page).to_have_url(f"{server.url}/login?next=/")
    page.get_by_label("User name").fill(name)
    page.locator("#login-password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
    return page


@pytest.fixture(scope="module")
def responder(browser: Any, server: Any, admin_state: Any) -> Any:
    """rita, a responder the admin adds on the settings page; her own signed-in page."""
    context = browser.new_context(base_url=server.url, storage_state=admin_state)
    page = context.new_page()
    page.goto("/settings")
    page.get_by_text("Add a user").click()
    form = page.locator("#users form").last
    form.get_by_label("Name").fill(RESPONDER[0])
    form.get_by_label("Role").select_option("responder")
    form.locator("#nu-password").fill(RESPONDER[1])
    form.get_by_role("button", name="Add user").click()
    expect(page.locator("#users table")).to_contain_text(RESPONDER[0])
    context.close()
    page = signed_in(browser, server, *RESPONDER)
    yield page
    page.context.close()


def test_a_private_incident_is_not_found_for_others(admin: Any, responder: Any) -> None:
    ref = declare(admin, "Possible credential stuffing on admin console", private=True)
    expect(admin.locator("#overview .badge.private")).to_be_visible()
    responder.goto(f"/incidents/{ref}")
    expect(responder.get_by_role("heading", name="Not found")).to_be_visible()
    shoot(responder, "10-private-incident-404")
    responder.goto("/incidents")
    expect(responder.locator("main")).not_to_contain_text("credential stuffing")
    admin.goto(f"/incidents/{ref}")
    admin.get_by_text("Change roles").click()
    admin.locator("#roles form").get_by_label("Responders").fill(RESPONDER[0])
    admin.locator("#roles form").get_by_role("button", name="Save roles").click()
    expect(admin.locator("#roles dl")).to_contain_text(RESPONDER[0])
    responder.goto(f"/incidents/{ref}")
    expect(responder.locator("#incident-title")).to_have_text(
        "Possible credential stuffing on admin console"
    )


def test_bad_input_is_shown_next_to_the_field_with_what_was_typed(responder: Any) -> None:
    page = responder
    page.goto("/incidents/new")
    page.get_by_label("Services affected").fill("search-api")
    page.get_by_label("Impact started (UTC)").fill("half past noon")
    page.get_by_role("button", name="Declare").click()
    expect(page.locator("#new-title-error")).to_contain_text("title cannot be empty")
    expect(page.get_by_label("Services affected")).to_have_value("search-api")
    page.get_by_label("Title").fill("Search API timeouts")
    page.get_by_role("button", name="Declare").click()
    expect(page.locator("#new-started_at-error")).to_contain_text("half past noon")
    expect(page.get_by_label("Title")).to_have_value("Search API timeouts")
    shoot(page, "11-declare-bad-input")
    page.get_by_label("Impact started (UTC)").fill("")
    page.get_by_role("button", name="Declare").click()
    form = page.locator("#timeline form")
    form.get_by_label("Time (UTC)").fill("99:99")
    form.get_by_label("What happened").fill("Scaled search-api to 12 replicas")
    form.get_by_role("button", name="Add to timeline").click()
    expect(page.locator("#tl-at-error")).to_be_visible()
    expect(page.locator("#tl-text")).to_have_value("Scaled search-api to 12 replicas")
    shoot(page, "12-timeline-bad-time")


def test_a_stale_save_keeps_the_text_and_shows_what_changed(admin: Any, responder: Any) -> None:
    ref = declare(admin, "Queue consumers crash-looping", severity="SEV-2")
    responder.goto(f"/incidents/{ref}")
    mine = responder.locator("#analysis-root-cause")
    mine.get_by_text("Edit root cause").click()
    mine.get_by_label("Root cause (Markdown)").fill("Consumers ran out of memory on large batches.")
    theirs = admin.locator("#analysis-root-cause")
    theirs.get_by_text("Edit root cause").click()
    theirs.get_by_label("Root cause (Markdown)").fill("A poison message in the orders queue.")
    theirs.get_by_role("button", name="Save").click()
    expect(theirs.locator(".markdown")).to_contain_text("poison message")
    mine.get_by_role("button", name="Save").click()
    expect(mine.locator(".conflict")).to_contain_text("someone else changed this incident")
    expect(mine.locator(".conflict")).to_contain_text("poison message")
    expect(mine.get_by_label("Root cause (Markdown)")).to_have_value(
        "Consumers ran out of memory on large batches."
    )
    shoot(responder, "13-conflict")
    mine.get_by_role("button", name="Save").click()
    expect(mine.locator(".markdown")).to_contain_text("ran out of memory")


def test_import_and_admin_pages(admin: Any, tmp_path: Path) -> None:
    report = tmp_path / "cache-stampede.md"
    report.write_text(REPORT)
    admin.goto("/import")
    admin.get_by_label("Markdown files").set_input_files(str(report))
    admin.get_by_role("button", name="Read the files").click()
    expect(admin.locator(".preview-card")).to_contain_text("Cache stampede after deploy")
    shoot(admin, "14-import-preview")
    admin.get_by_role("button", name="Import 1 report").click()
    expect(admin.locator("#import-rows")).to_contain_text("created")
    expect(admin.locator("#import-count")).to_have_text("1")
    shoot(admin, "15-import-done")
    admin.goto("/action-items?overdue=1")
    expect(admin.locator("table.data")).to_contain_text("overdue")
    shoot(admin, "16-action-items")
    admin.goto("/settings")
    admin.get_by_text("Create a token").click()
    admin.get_by_label("What uses it").fill("grafana")
    admin.get_by_role("button", name="Create token").click()
    expect(admin.locator(".secret")).to_contain_text("shown only this once")
    shoot(admin, "17-settings")
