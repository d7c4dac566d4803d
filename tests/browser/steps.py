"""Steps the browser tests share: declaring an incident and adding timeline entries."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import expect


def declare(page: Any, title: str, *, severity: str = "SEV-1", private: bool = False) -> str:
    """Declare through the form; the new incident's reference."""
    page.goto("/")
    page.get_by_role("link", name="Declare an incident").click()
    page.get_by_label("Title").fill(title)
    page.get_by_label("Severity").select_option(label=severity)
    page.get_by_label("Services affected").fill("checkout-api, payments")
    if private:
        page.get_by_label("Visibility").select_option("private")
    page.get_by_role("button", name="Declare").click()
    expect(page.locator("#incident-title")).to_have_text(title)
    ref: str = page.locator("#overview .ref").inner_text().strip()
    assert re.fullmatch(r"INC-\d{4}-\d{2}-\d{2}-\d{3}", ref), ref
    return ref


def add_entry(page: Any, text: str, at: str | None = None) -> None:
    """Add a timeline entry with the inline box (time: now, unless ``at``)."""
    form = page.locator("#timeline form")
    if at is not None:
        form.get_by_label("Time (UTC)").fill(at)
    form.get_by_label("What happened").fill(text)
    form.get_by_role("button", name="Add to timeline").click()
    expect(page.locator("#timeline-list")).to_contain_text(text)
