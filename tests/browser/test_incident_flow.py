"""The main job in a real browser: declare, record, resolve, analyse, follow up, get the PDF."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect
from steps import add_entry, declare

from conftest import shoot

pytestmark = pytest.mark.browser


def test_declare_record_resolve_analyse_follow_up_and_download_the_pdf(admin: Any) -> None:
    page = admin
    page.goto("/")
    expect(page.get_by_role("heading", name="Open incidents")).to_be_visible()
    shoot(page, "02-dashboard")
    ref = declare(page, "Checkout latency above 5 s in eu-west-1")
    default_time = page.locator("#timeline form").get_by_label("Time (UTC)").input_value()
    assert default_time.endswith(" UTC") and default_time[:4].isdigit()
    add_entry(page, "p99 latency alert fired for checkout-api")
    today = default_time[:10]
    add_entry(page, "Feature flag new-pricing enabled for 100 %", at=f"{today} 00:01")
    add_entry(page, "Disabled new-pricing; latency recovering")
    entries = page.locator("#timeline-list .event .text").all_inner_texts()
    assert entries.index("Feature flag new-pricing enabled for 100 %") < entries.index(
        "Disabled new-pricing; latency recovering"
    ), "the timeline is in time order, newest last"
    shoot(page, "03-timeline")

    page.get_by_text("Change title, status, severity, visibility").click()
    page.locator("#overview form").get_by_label("Status").select_option("resolved")
    page.locator("#overview form").get_by_role("button", name="Save").click()
    expect(page.locator("#overview .badge.status")).to_have_text("resolved")
    expect(page.locator("#milestones")).to_contain_text("Resolved")
    expect(page.locator("#timeline-list")).to_contain_text("Status changed from investigating")

    section = page.locator("#analysis-root-cause")
    section.get_by_text("Edit root cause").click()
    section.get_by_label("Root cause (Markdown)").fill(
        "The **new-pricing** flag made every checkout call the quote service twice.\n\n"
        "- quote-service p99 went from 80 ms to 2.4 s"
    )
    section.get_by_role("button", name="Preview").click()
    expect(section.locator(".preview strong")).to_have_text("new-pricing")
    shoot(page, "04-analysis-preview")
    section.get_by_role("button", name="Save").click()
    expect(section.locator(".markdown strong")).to_have_text("new-pricing")
    expect(section.locator(".preview")).to_have_count(0)

    items = page.locator("#action-items")
    for title, owner in [("Load-test pricing flags before rollout", "admin"),
                         ("Alert on quote-service p99", "dev.patel")]:  # fmt: skip
        items.get_by_text("Add an action item").click()
        form = items.locator("details.add form")
        form.get_by_label("Title").fill(title)
        form.get_by_label("Owner").fill(owner)
        form.get_by_label("Due").fill("2030-01-31")
        form.get_by_role("button", name="Add action item").click()
        expect(items.locator(".action-list")).to_contain_text(title)
    item = page.locator("#ai-AI-2")
    item.get_by_text("Edit AI-2").click()
    item.get_by_label("Status").select_option("in_progress")
    item.get_by_role("button", name="Save AI-2").click()
    expect(page.locator("#ai-AI-2 .badge.status")).to_have_text("in progress")
    shoot(page, "05-incident-page")

    page.locator("#report-format").select_option("post-incident-review")
    with page.expect_download() as waiting:
        page.locator("#report").get_by_role("button", name="PDF").click()
    download = waiting.value
    assert download.suggested_filename.endswith(".pdf")
    pdf = download.path().read_bytes()
    assert pdf.startswith(b"%PDF")
    page.goto(f"/incidents?q={ref[-3:]}")
    page.goto("/incidents")
    expect(page.locator("table.incidents")).to_contain_text("Checkout latency above 5 s")
    shoot(page, "06-incident-list")


def test_the_page_works_without_javascript(browser: Any, server: Any, admin_state: Any) -> None:
    context = browser.new_context(
        base_url=server.url, storage_state=admin_state, java_script_enabled=False
    )
    page = context.new_page()
    ref = declare(page, "Static page flow", severity="SEV-3")
    add_entry(page, "Recorded without JavaScript")
    assert page.url.endswith(f"/incidents/{ref}#timeline")
    page.get_by_text("Edit trigger").click()
    page.locator("#analysis-trigger").get_by_label("Trigger (Markdown)").fill("A *cron* job")
    page.locator("#analysis-trigger").get_by_role("button", name="Preview").click()
    expect(page.locator("#analysis-trigger .preview em")).to_have_text("cron")
    page.locator("#analysis-trigger").get_by_role("button", name="Save").click()
    expect(page.locator("#analysis-trigger .markdown em")).to_have_text("cron")
    shoot(page, "07-without-javascript")
    context.close()


def test_a_demo_incident_reads_well(admin: Any) -> None:
    page = admin
    page.goto("/incidents?q=Checkout API returning 502s")
    page.get_by_role("link", name="Checkout API returning 502s for EU customers").click()
    expect(page.locator("#overview")).to_contain_text("review: in review")
    expect(page.locator("#analysis-five-whys ol li")).to_have_count(5)
    expect(page.locator("#analysis-contributing-factors strong").first).to_have_text(
        "config-diff-size"
    )
    expect(page.locator("#impact")).to_contain_text("41,200")
    expect(page.locator("#action-items .overdue-badge")).to_have_count(1)
    page.get_by_text("Audit log").click()
    expect(page.locator("#audit table")).to_contain_text("dev.patel")
    shoot(page, "08-demo-incident")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/")
    shoot(page, "09-dashboard-phone")
