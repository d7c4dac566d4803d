"""Demo incidents still being handled: investigating, identified, monitoring; one private."""

from __future__ import annotations

from warroom.demo_past import DemoIncident

WEBHOOKS = DemoIncident(
    title="Payment webhooks delayed up to 40 minutes",
    severity=2,
    services=("payments-webhooks", "queue"),
    commander="sam.okafor",
    summary="Webhook deliveries to merchants lag behind; payments themselves succeed.",
    detection_source="Prometheus alert WebhookQueueLagHigh",
    started=190,
    detected=7,
    acknowledged=9,
    author="sam.okafor",
    roles=(
        (10, "technical_lead", "dev.patel"),
        (12, "communications_lead", "priya.nair"),
        (15, "responders", "tom.baker"),
    ),
    events=(
        (7, "alert", "WebhookQueueLagHigh: oldest message 11 min old", "alertmanager"),
        (
            18,
            "observation",
            "Consumer group rebalancing every 40 s since the last deploy",
            "dev.patel",
        ),
        (34, "observation", "New consumer version sets max.poll.interval to 30 s", "dev.patel"),
        (41, "action", "Rolled consumers back to 4.12.0", "tom.baker"),
        (63, "observation", "Lag falling: 9 min, draining at ~3,000 msg/min", "dev.patel"),
        (
            120,
            "observation",
            "Lag under 1 min; watching for another hour before resolving",
            "sam.okafor",
        ),
    ),
    statuses=((34, "identified"), (45, "monitoring")),
    written=125,
    communications=(
        (
            25,
            "external",
            "status page",
            "Webhook notifications are delayed; payments are not affected.",
        ),
        (70, "external", "email to top merchants", "Delays are shrinking; no action needed."),
    ),
    links=(
        ("https://grafana.example.com/d/webhooks-lag", "Webhook queue lag", "dashboard"),
        ("https://tickets.example.com/PAY-2231", "PAY-2231", "ticket"),
    ),
)

SEARCH = DemoIncident(
    title="Search results missing recently added products",
    severity=3,
    services=("search-indexer",),
    commander="tom.baker",
    summary="Products added since yesterday afternoon do not show up in search.",
    detection_source="Merchant report",
    started=26 * 60 + 40,
    detected=20 * 60,
    acknowledged=20 * 60 + 30,
    author="tom.baker",
    events=(
        (20 * 60 + 45, "observation", "Indexer checkpoint stuck at offset 88,120,441", "tom.baker"),
        (21 * 60, "observation", "Poison message: product with a 2 MB description", "tom.baker"),
    ),
    statuses=((21 * 60 + 5, "identified"),),
    written=21 * 60 + 10,
)

INTRUSION = DemoIncident(
    title="Suspicious admin logins from an unfamiliar network",
    severity=2,
    services=("admin-console",),
    commander="lena.fischer",
    summary="Three admin accounts signed in from an ASN we have never seen.",
    detection_source="SIEM rule admin-login-new-asn",
    started=310,
    detected=12,
    acknowledged=15,
    private=True,
    author="lena.fischer",
    roles=((16, "technical_lead", "admin"), (18, "responders", "dev.patel")),
    events=(
        (12, "alert", "SIEM: 3 admin logins from AS 64512 within 4 minutes", "siem"),
        (25, "action", "Forced sign-out and password reset for the three accounts", "lena.fischer"),
        (
            48,
            "observation",
            "All three accounts share a reused password found in a 2023 breach",
            "admin",
        ),
    ),
    written=50,
)

PUSH = DemoIncident(
    title="Android push notifications not delivered",
    severity=3,
    services=("notifications", "mobile-android"),
    commander="maria.chen",
    summary="No Android pushes for the last 45 minutes; iOS is fine.",
    detection_source="Delivery-rate dashboard",
    started=45,
    detected=10,
    acknowledged=12,
    author="maria.chen",
    events=(
        (10, "observation", "Android delivery rate dropped from 97 % to 0 %", "maria.chen"),
        (
            22,
            "observation",
            "FCM answers 401: the service account key was rotated this morning",
            "dev.patel",
        ),
    ),
    written=25,
)

ONGOING = (WEBHOOKS, SEARCH, INTRUSION, PUSH)
