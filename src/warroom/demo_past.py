"""Demo incidents that are over: resolved or closed, with their analysis and follow-up.

Times are minutes: ``started`` is how long ago the impact began, every other
time is minutes after that. ``demo.load_demo`` records them in order.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from warroom.services.impact import ImpactChange

DAY = 1440


@dataclass(frozen=True)
class DemoIncident:
    title: str
    severity: int
    services: tuple[str, ...]
    commander: str
    summary: str
    detection_source: str
    started: int  # minutes ago
    detected: int  # minutes after the start, as are the times below
    declared: int = 2  # minutes after detection
    acknowledged: int | None = None
    private: bool = False
    author: str = "maria.chen"  # who writes the review
    roles: tuple[tuple[int, str, str], ...] = ()  # (minutes, role, person)
    events: tuple[tuple[int, str, str, str], ...] = ()  # (minutes, kind, text, who)
    statuses: tuple[tuple[int, str], ...] = ()
    written: int = 0  # when the review was written
    communications: tuple[tuple[int, str, str, str], ...] = ()  # (minutes, audience, channel, text)
    links: tuple[tuple[str, str, str], ...] = ()  # (url, title, kind)
    impact: ImpactChange | None = None
    analysis: dict[str, str] = field(default_factory=dict)
    # (title, owner, due in days from today, priority, status, reason)
    action_items: tuple[tuple[str, str, int, str, str, str | None], ...] = ()
    review: str = "draft"
    reviewers: tuple[str, ...] = ()  # asked to review (draft: nobody)


CHECKOUT = DemoIncident(
    title="Checkout API returning 502s for EU customers",
    severity=1,
    services=("checkout-api", "edge-gateway"),
    commander="maria.chen",
    summary="A gateway config push cut the checkout upstream pool to one region.",
    detection_source="Prometheus alert CheckoutErrorRateHigh",
    started=9 * DAY + 320,
    detected=4,
    acknowledged=6,
    author="dev.patel",
    roles=(
        (8, "technical_lead", "dev.patel"),
        (9, "communications_lead", "priya.nair"),
        (10, "scribe", "tom.baker"),
        (11, "responders", "sam.okafor"),
        (200, "report_author", "dev.patel"),
    ),
    events=(
        (4, "alert", "CheckoutErrorRateHigh firing: 5xx at 38 % in eu-west-1", "alertmanager"),
        (12, "observation", "Only EU traffic affected; US checkout is healthy", "dev.patel"),
        (
            17,
            "observation",
            "edge-gateway config v481, deployed 6 minutes earlier, removed eu-central upstreams",
            "tom.baker",
        ),
        (21, "action", "Rolled back edge-gateway config to v480", "tom.baker"),
        (26, "observation", "5xx rate back under 1 %; queued retries draining", "dev.patel"),
        (70, "observation", "No errors for 45 minutes; retry queue empty", "dev.patel"),
    ),
    statuses=((17, "identified"), (26, "monitoring"), (72, "resolved"), (3 * DAY, "closed")),
    written=2 * DAY,
    communications=(
        (14, "external", "status page", "Investigating elevated checkout errors for EU customers."),
        (30, "external", "status page", "A fix is in place; we are monitoring recovery."),
        (75, "internal", "#incidents", "Resolved. Review on Thursday; IC maria.chen."),
    ),
    links=(
        (
            "https://grafana.example.com/d/checkout-golden-signals",
            "Checkout golden signals",
            "dashboard",
        ),
        (
            "https://git.example.com/platform/edge-config/pull/481",
            "edge-config v481",
            "pull_request",
        ),
    ),
    impact=ImpactChange(
        text={
            "summary": "About **18 %** of EU checkouts failed for 22 minutes; "
            "most customers retried successfully."
        },
        users_affected="41200",
        users_affected_share="18",
        failed_requests="96512",
        error_rate="38",
        downtime="22 min",
        revenue_lost="52000",
        flags={
            "sla_breach": ("yes", "EU enterprise SLA 99.95 % missed for November"),
            "data_loss": ("no", ""),
        },
    ),
    analysis={
        "executive-summary": "A routine gateway configuration change removed the EU upstream pool. "
        "Checkout failed for 18 % of EU customers for 22 minutes until the change was rolled back.",
        "trigger": "Deployment of edge-gateway config **v481**, 4 minutes before the alert.",
        "root-cause": "The config generator dropped upstreams whose region label used the new "
        "`eu-central-1a` zone naming, leaving one upstream for all EU traffic.",
        "why": "The generator matched regions with an exact-string allow list that nobody updated "
        "when zone names changed.",
        "why-not-caught": "The config diff was 2,400 lines long; the canary only ran in us-east.",
        "contributing-factors": "- **config-diff-size**: generated diffs are too large to review\n"
        "- **canary-coverage**: gateway canary runs in a single region\n"
        "  Impact: a region-specific break passes the canary",
        "five-whys": "1. Why did checkout fail?\n"
        "   The gateway had one overloaded upstream for EU.\n"
        "2. Why only one upstream?\n   The generator dropped eu-central-1a upstreams.\n"
        "3. Why were they dropped?\n   The region allow list did not know the new zone names.\n"
        "4. Why was the list stale?\n   It is hand-maintained and has no owner.\n"
        "5. Why did review not catch it?\n   The generated diff was too large to read.",
        "immediate-fix": "Rolled back to config v480 (21 minutes after detection).",
        "long-term-fix": "Derive regions from the inventory API instead of an allow list.",
        "went-well": "- Alert fired within 4 minutes of the change\n- Rollback took under a minute",
        "went-poorly": "- Took 13 minutes to connect the errors to the config push\n"
        "  Deploy events are not on the checkout dashboard",
        "lucky": "- Black Friday traffic started two days later",
        "lessons": "- [technical] Generated config needs a semantic diff, not a text diff\n"
        "- [process] Config pushes follow the same canary rules as code",
    },
    action_items=(
        (
            "Generate upstream regions from the inventory API",
            "tom.baker",
            12,
            "high",
            "in_progress",
            None,
        ),
        ("Run the gateway canary in every region", "dev.patel", -3, "high", "open", None),
        ("Show deploy events on the checkout dashboard", "maria.chen", -6, "medium", "done", None),
        ("Semantic diff for generated gateway config", "tom.baker", 40, "medium", "open", None),
    ),
    review="in_review",
    reviewers=("admin", "priya.nair"),
)

REDIS = DemoIncident(
    title="Elevated login latency after Redis failover",
    severity=2,
    services=("auth-service", "session-store"),
    commander="tom.baker",
    summary="A Redis failover left auth on a cold replica; p99 login latency hit 9 s.",
    detection_source="Customer support tickets",
    started=31 * DAY + 600,
    detected=19,
    acknowledged=24,
    author="tom.baker",
    roles=((25, "technical_lead", "maria.chen"),),
    events=(
        (
            0,
            "alert",
            "session-store primary failed health check; Sentinel promoted replica-2",
            "sentinel",
        ),
        (19, "communication", "Support escalated 14 tickets about slow sign-in", "support"),
        (33, "observation", "Auth pods hold connections to the old primary address", "maria.chen"),
        (41, "action", "Restarted auth deployment to re-resolve the primary", "maria.chen"),
        (52, "observation", "p99 login latency back to 300 ms", "maria.chen"),
    ),
    statuses=((33, "identified"), (41, "monitoring"), (80, "resolved"), (4 * DAY, "closed")),
    written=DAY,
    communications=(
        (30, "internal", "#support", "Known issue with slow logins; fix in progress."),
    ),
    impact=ImpactChange(
        text={"summary": "Logins took up to 9 seconds for 52 minutes; about 2 % timed out."},
        users_affected="8300",
        downtime="0",
        flags={"data_loss": ("no", ""), "sla_breach": ("no", "")},
    ),
    analysis={
        "root-cause": "The auth service cached the Redis primary's IP at start-up and never "
        "re-resolved it after a Sentinel failover.",
        "contributing-factors": "- **client-config**: the Redis client was not Sentinel-aware\n"
        "- **alerting-gap**: no alert on login latency, only on error rate",
        "immediate-fix": "Restarted the auth deployment.",
        "long-term-fix": "Use the Sentinel-aware client and alert on p99 login latency.",
        "went-well": "- Failover itself worked in 8 seconds",
        "went-poorly": "- Customers told us before our alerts did",
        "lessons": "- [technical] Test failovers with real clients attached",
    },
    action_items=(
        ("Switch auth to the Sentinel-aware Redis client", "maria.chen", -20, "high", "done", None),
        ("Alert on p99 login latency above 2 s", "tom.baker", -9, "high", "open", None),
        (
            "Quarterly failover game day",
            "priya.nair",
            30,
            "low",
            "wont_do",
            "Covered by the platform chaos programme",
        ),
    ),
    review="approved",
    reviewers=("priya.nair",),
)

BILLING = DemoIncident(
    title="Nightly billing export failed, risking duplicate invoices",
    severity=3,
    services=("billing-export",),
    commander="sam.okafor",
    summary="The export job crashed half-way; a re-run would have invoiced 311 accounts twice.",
    detection_source="Cron job failure email",
    started=4 * DAY + 900,
    detected=185,
    acknowledged=200,
    author="sam.okafor",
    events=(
        (0, "alert", "billing-export exited with status 137 (OOM killed)", "cron"),
        (210, "observation", "Export wrote 311 of 1,920 invoices before it died", "sam.okafor"),
        (240, "action", "Ran export with --resume from the last committed batch", "sam.okafor"),
    ),
    statuses=((210, "identified"), (240, "monitoring"), (300, "resolved")),
    written=DAY,
    analysis={
        "root-cause": "A customer with 40,000 line items pushed the job past its "
        "512 MiB memory limit.",
        "immediate-fix": "Resumed the export from the last committed batch.",
        "long-term-fix": "Stream line items instead of loading each account whole.",
    },
    action_items=(
        ("Stream invoice line items in billing-export", "sam.okafor", 14, "medium", "open", None),
        ("Make the export idempotent per invoice", "", -1, "high", "open", None),
    ),
)

CERT = DemoIncident(
    title="Status page certificate expired",
    severity=4,
    services=("status-page",),
    commander="priya.nair",
    summary="The status page showed a certificate warning for 3 hours.",
    detection_source="Tweet from a customer",
    started=46 * DAY + 200,
    detected=150,
    author="priya.nair",
    events=((155, "action", "Renewed the certificate by hand", "priya.nair"),),
    statuses=((160, "resolved"), (DAY, "closed")),
    written=DAY,
    analysis={"root-cause": "The renewal job ran on a host that was decommissioned in September."},
    action_items=(
        ("Move certificate renewal to cert-manager", "tom.baker", -15, "medium", "done", None),
    ),
    review="approved",
    reviewers=("tom.baker",),
)

PAST = (CHECKOUT, REDIS, BILLING, CERT)
