"""What a webhook receives: the body in its style, and the signature headers.

Two body styles:

- ``json``: the event as warroom records it (``event``, ``at``,
  ``incident``, ``details``), for your own receivers;
- ``slack``: ``{"text": ..., "blocks": [...]}``, which Slack and Mattermost
  incoming webhooks accept as they are.

With a secret, ``X-Warroom-Signature: sha256=<hex>`` is the HMAC-SHA256 of
``<X-Warroom-Timestamp>.<raw body>`` under the secret: receivers recompute
it, compare in constant time and refuse old timestamps (replays).
"""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

STYLES = ("json", "slack")
SIGNATURE_HEADER = "X-Warroom-Signature"
TIMESTAMP_HEADER = "X-Warroom-Timestamp"


def render_body(style: str, payload: dict[str, Any]) -> bytes:
    """The exact bytes sent (and signed)."""
    data = slack_message(payload) if style == "slack" else payload
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def signature(secret: str, timestamp: str, body: bytes) -> str:
    """``sha256=<hex>`` over ``timestamp.body``."""
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return f"sha256={digest.hexdigest()}"


def verify_signature(secret: str, timestamp: str, body: bytes, header: str) -> bool:
    """What a receiver does: recompute and compare in constant time."""
    return hmac.compare_digest(signature(secret, timestamp, body), header)


def headline(payload: dict[str, Any]) -> str:
    """One line saying what happened, in Slack's mrkdwn (plain enough for anything else)."""
    incident = payload.get("incident", {})
    details = payload.get("details", {})
    ref = f"*{incident.get('ref', '?')}*"
    title = incident.get("title", "")
    label = incident.get("severity_label", "")
    event = payload.get("event")
    if event == "declared":
        return f":rotating_light: {ref} declared ({label}): {title}"
    if event == "status_changed":
        return f"{ref} status: {details.get('from')} → {details.get('to')} ({title})"
    if event == "severity_changed":
        word = "raised" if details.get("to", 0) < details.get("from", 0) else "lowered"
        old = details.get("from_label", details.get("from"))
        return f"{ref} severity {word} from {old} to {label} ({title})"
    if event == "resolved":
        return f":white_check_mark: {ref} resolved: {title}"
    if event == "review_requested":
        return f"{ref} review requested: {title}"
    if event == "review_approved":
        return f"{ref} review approved: {title}"
    if event == "action_item_overdue":
        item = details.get("action_item", {})
        owner = item.get("owner") or "no owner"
        return (
            f":alarm_clock: {ref} action item {item.get('key')} is overdue "
            f"(due {item.get('due')}, {owner}): {item.get('title')}"
        )
    if event == "reminder":
        return f":bell: {ref} reminder: {details.get('message', title)}"
    return f"{ref} {event}: {title}"


def slack_message(payload: dict[str, Any]) -> dict[str, Any]:
    incident = payload.get("incident", {})
    text = headline(payload)
    facts = [f"status {incident.get('status')}", f"review {incident.get('review_status')}"]
    if incident.get("services"):
        facts.append("services " + ", ".join(incident["services"]))
    if incident.get("commander"):
        facts.append(f"commander {incident['commander']}")
    return {
        "text": text,
        "blocks": [
            {"type": "section", "text": {"type": "mrkdwn", "text": text}},
            {"type": "context", "elements": [{"type": "mrkdwn", "text": " · ".join(facts)}]},
        ],
    }
