"""Webhook bodies in both styles, and their signatures."""

from __future__ import annotations

import hashlib
import hmac
import json

import pytest

from warroom.integrations.webhook_bodies import (
    headline,
    render_body,
    signature,
    verify_signature,
)

PAYLOAD = {
    "event": "severity_changed",
    "at": "2026-11-20T14:05:00Z",
    "incident": {
        "ref": "INC-2026-11-20-001",
        "title": "Checkout down",
        "severity": 1,
        "severity_label": "SEV-1",
        "status": "investigating",
        "review_status": "draft",
        "services": ["checkout"],
        "commander": "alice",
    },
    "details": {"from": 2, "to": 1, "from_label": "SEV-2", "to_label": "SEV-1"},
}


def test_json_body_is_the_event() -> None:
    assert json.loads(render_body("json", PAYLOAD)) == PAYLOAD


def test_slack_body_has_text_and_blocks() -> None:
    body = json.loads(render_body("slack", PAYLOAD))
    assert (
        body["text"] == "*INC-2026-11-20-001* severity raised from SEV-2 to SEV-1 (Checkout down)"
    )
    assert body["blocks"][0]["text"]["text"] == body["text"]
    assert "services checkout" in body["blocks"][1]["elements"][0]["text"]


@pytest.mark.parametrize(
    ("event", "details", "expected"),
    [
        ("declared", {}, "declared (SEV-1): Checkout down"),
        (
            "status_changed",
            {"from": "investigating", "to": "monitoring"},
            "investigating → monitoring",
        ),
        ("resolved", {}, "resolved: Checkout down"),
        ("review_requested", {}, "review requested"),
        ("review_approved", {}, "review approved"),
        ("reminder", {"message": "review due Friday"}, "reminder: review due Friday"),
        (
            "action_item_overdue",
            {"action_item": {"key": "AI-2", "title": "Add alert", "due": "2026-11-01"}},
            "AI-2 is overdue (due 2026-11-01, no owner): Add alert",
        ),
    ],
)
def test_headlines(event: str, details: dict[str, object], expected: str) -> None:
    assert expected in headline({**PAYLOAD, "event": event, "details": details})


def test_signature_is_hmac_sha256_of_timestamp_dot_body() -> None:
    body = render_body("json", PAYLOAD)
    header = signature("s3cret", "1700000000", body)
    expected = hmac.new(b"s3cret", b"1700000000." + body, hashlib.sha256).hexdigest()
    assert header == f"sha256={expected}"
    assert verify_signature("s3cret", "1700000000", body, header)
    assert not verify_signature("s3cret", "1700000001", body, header)
    assert not verify_signature("other", "1700000000", body, header)
