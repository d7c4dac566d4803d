"""Label synonyms: which field a ``label: value`` line goes to, and how its value is read.

Data, not code. Keys are label keys (``text.key_of``). A spec is
``(reader, argument)``; ``fields.apply_label`` holds the readers:

- ``milestone``: a time -> ``milestones.<arg>``; a duration -> the metric
  that ends there (``"Detection: 5 min"``); else the detection source;
- ``metric``: a duration checked against the milestones (``time_to_detect``);
- ``text``/``count``/``percent``/``money``/``flag``/``bool``/``list``: a value
  of that shape at the dotted path ``arg``;
- ``role``/``people``: one person / several people for ``roles.<arg>``;
- ``group``: no value of its own; its sub-items are labels (``Key events``).

Labels marked in ``HEADER_ONLY`` count only in the report's header and
summary sections (``Priority`` there is the incident's severity, in an action
item it is the item's priority).
"""

from __future__ import annotations

from warroom.importers.text import key_of

_RAW: dict[tuple[str, str], tuple[str, ...]] = {
    ("ref", ""): ("incident id", "id", "incident number", "incident ref", "reference", "ref",
                  "incident reference", "ticket id", "incident key"),
    ("title", ""): ("title", "incident title", "incident name", "name of incident"),
    ("severity", ""): ("severity", "sev", "severity level", "incident severity", "priority",
                       "incident priority", "impact level", "level"),
    ("status", ""): ("status", "incident status", "state", "current status", "incident state"),
    ("review_status", ""): ("document status", "review status", "report status", "doc status",
                            "postmortem status", "post mortem status"),
    ("milestone", "started"): ("start time", "start", "started", "started at", "incident start",
                               "impact start", "impact started", "began", "start of impact",
                               "outage start", "incident began", "first impact", "issue started",
                               "incident start time", "impact start time", "start date"),
    ("milestone", "detected"): ("detection time", "detected", "detected at", "first detected",
                                "time detected", "detection", "alert time", "discovered",
                                "first alert", "reported", "first reported", "detected on"),
    ("milestone", "acknowledged"): ("acknowledged", "acknowledged at", "acknowledgement time",
                                    "acknowledgment time", "ack time", "acked", "responded"),
    ("milestone", "declared"): ("declared", "incident declared", "declared at",
                                "declaration time", "escalated to incident"),
    ("milestone", "mitigated"): ("mitigated", "mitigation time", "mitigated at", "repaired",
                                 "fix time", "fix deployed", "workaround applied", "mitigation",
                                 "impact mitigated", "stabilized", "stabilised"),
    ("milestone", "resolved"): ("end time", "end", "ended", "resolved", "resolved at",
                                "resolution time", "incident end", "impact end", "impact ended",
                                "recovered", "restored", "service restored", "outage end",
                                "end of impact", "fixed", "incident end time", "end date"),
    ("milestone", "closed"): ("closed", "closed at", "incident closed", "close time"),
    ("metric", "time_to_detect"): ("time to detect", "time to detection", "ttd", "mttd",
                                   "detect time"),
    ("metric", "time_to_acknowledge"): ("time to acknowledge", "tta", "time to ack",
                                        "time to acknowledgement", "time to respond", "mtta",
                                        "time to acknowledgment", "response time"),
    ("metric", "time_to_mitigate"): ("time to mitigate", "ttm", "time to mitigation",
                                     "time to repair", "mttm", "time to fix"),
    ("metric", "time_to_resolve"): ("time to resolve", "time to resolution", "time to recovery",
                                    "time to recover", "mttr", "time to restore",
                                    "recovery time", "ttr", "time to restoration"),
    ("duration", ""): ("duration", "incident duration", "total duration", "outage duration",
                       "impact duration", "length", "length of outage"),
    ("downtime", ""): ("total downtime", "downtime", "outage length", "time down"),
    ("role", "report_author"): ("report author", "author", "authors", "owner", "document owner",
                                "report owner", "prepared by", "report prepared by", "written by",
                                "created by", "postmortem owner", "postmortem author",
                                "post mortem owner", "editor"),
    ("role", "commander"): ("incident commander", "ic", "commander", "incident lead",
                            "incident manager", "incident coordinator"),
    ("role", "technical_lead"): ("technical lead", "tech lead", "engineering lead", "ops lead"),
    ("role", "communications_lead"): ("communications lead", "comms lead",
                                      "communication lead"),
    ("role", "scribe"): ("scribe", "note taker", "notetaker"),
    ("people", "responders"): ("responders", "on call responders", "on call", "on call engineer",
                               "on call engineers", "first responder", "responder", "involved",
                               "participants", "people involved", "team members",
                               "response team", "engineers involved", "oncall"),
    ("people", "reviewers"): ("reviewers", "reviewed by", "approvers", "approved by", "reviewer"),
    ("services", ""): ("services affected", "affected services", "services down",
                       "systems affected", "affected systems", "services impacted",
                       "impacted services", "service", "services", "affected components",
                       "components affected", "affected service", "systems impacted",
                       "impacted systems", "products affected", "affected products"),
    ("count", "users_affected"): ("users affected", "affected users", "total users affected",
                                  "number of users affected", "customers affected",
                                  "affected customers", "impacted users", "users impacted",
                                  "impacted customers", "customers impacted"),
    ("percent", "users_affected_share"): ("percentage of user base", "share of users",
                                          "percent of users", "% of users affected",
                                          "percentage of users affected", "% of user base"),
    ("count", "failed_requests"): ("failed requests", "failed calls", "requests failed",
                                   "errored requests", "failed transactions"),
    ("percent", "error_rate"): ("error rate", "error rate during incident", "peak error rate",
                                "failure rate"),
    ("flag", "data_loss"): ("data loss", "data lost", "data loss corruption", "data loss risk"),
    ("flag", "data_corruption"): ("data corruption", "data corrupted", "corruption"),
    ("flag", "data_exposure"): ("data exposure", "data exposed", "data breach", "data leak"),
    ("flag", "sla_breach"): ("sla breach", "sla breached", "sla impact", "sla violation",
                             "slo breach", "sla"),
    ("flag", "regulatory"): ("regulatory implications", "compliance implications", "regulatory",
                             "regulatory impact", "compliance impact", "compliance"),
    ("money", "revenue_lost"): ("lost revenue", "revenue lost", "revenue impact", "revenue loss",
                                "financial impact", "estimated revenue loss"),
    ("money", "extra_costs"): ("additional costs", "extra costs", "costs", "additional cost"),
    ("money", "credits_issued"): ("credits issued", "credits", "service credits",
                                  "customer credits"),
    ("text", "impact.summary"): ("impact", "customer impact", "business impact", "user impact",
                                 "impact summary", "impact description"),
    ("text", "impact.user_facing_errors"): ("user facing errors", "errors seen by users"),
    ("text", "impact.symptoms"): ("symptoms", "primary symptoms", "primary symptoms experienced"),
    ("text", "impact.service_degradation"): ("service degradation", "degradation"),
    ("text", "impact.internal_impact"): ("internal impact",),
    ("text", "impact.recovery_point"): ("recovery point", "rpo"),
    ("text", "impact.reputation"): ("reputation impact", "reputation", "reputational impact"),
    ("list", "regions"): ("regions", "geographic regions", "regions affected",
                          "affected regions", "region", "regions tenants affected"),
    ("list", "tenants"): ("tenants", "tenants affected", "affected tenants", "tenant"),
    ("text", "detection_source"): ("detected by", "detection method", "how detected",
                                   "detection source", "identified", "identified by",
                                   "reported by", "how was it detected", "detected via",
                                   "detection mechanism"),
    ("text", "summary"): ("one line summary", "summary", "tldr", "tl dr", "short summary",
                          "headline"),
    ("text", "executive_summary"): ("executive summary", "overview", "description",
                                    "what happened", "background"),
    ("text", "analysis.root_cause.summary"): ("root cause", "primary cause", "cause",
                                              "primary root cause", "root causes"),
    ("text", "analysis.root_cause.why"): ("why it happened", "why did it happen"),
    ("text", "analysis.root_cause.why_not_caught"): ("why it wasnt caught earlier",
                                                     "why wasnt it caught earlier",
                                                     "why not caught earlier"),
    ("text", "analysis.trigger"): ("trigger", "triggered by", "triggering event"),
    ("text", "analysis.resolution.immediate_fix"): ("resolution", "immediate fix", "fix",
                                                    "resolution method", "how it was fixed"),
    ("text", "analysis.resolution.long_term_fix"): ("long term fix", "permanent fix"),
    ("bool", "analysis.resolution.rollback_needed"): ("rollback needed", "rollback required",
                                                      "rolled back", "rollback"),
    ("text", "analysis.resolution.verification"): ("verification", "verification steps",
                                                   "verified by"),
    ("factors", ""): ("contributing factors", "contributing factor"),
    ("actions", "open"): ("action items", "review actions", "actions planned", "action planned",
                          "follow up actions", "next steps", "follow ups", "todo",
                          "planned actions"),
    ("actions", "done"): ("actions taken", "action taken", "completed actions"),
    ("timeline", ""): ("context", "timeline", "events", "chronology", "sequence of events",
                       "timeline of events"),
    ("group", ""): ("key events", "key times", "key timestamps", "milestones", "key dates",
                    "times", "details", "incident details", "impact details"),
    ("date", ""): ("date", "incident date", "date of incident", "day", "date of the incident"),
    ("stamp", "created_at"): ("date created", "created", "created at", "created on"),
    ("stamp", "updated_at"): ("last updated", "last modified", "updated", "modified", "last edited",
                              "updated at", "last update", "report date"),
    ("measures", "monitoring"): ("monitoring improvements", "monitoring improvement"),
    ("measures", "process"): ("process improvements", "process improvement"),
    ("measures", "documentation"): ("documentation updates", "documentation update"),
    ("measures", "training"): ("training needs", "training"),
    ("measures", "technical"): ("technical improvements", "technical improvement"),
    ("measures", "detection"): ("detection improvements", "detection improvement"),
    ("measures", "response"): ("response improvements", "response improvement"),
    ("visibility", ""): ("visibility", "classification", "confidentiality"),
    ("next_review", ""): ("next review date", "next review", "review date", "follow up date",
                          "next follow up"),
    ("meeting", ""): ("review meeting", "postmortem meeting", "meeting date",
                      "review meeting date", "post mortem meeting"),
    ("attendees", ""): ("attendees", "attendee", "atendees"),
    ("distribution", ""): ("distribution", "distribution list"),
    ("link", "ticket"): ("alert ticket", "ticket", "incident ticket", "jira", "issue",
                         "tracking issue", "related tickets", "action item tracker"),
    ("link", "dashboard"): ("dashboard", "monitoring dashboard", "grafana", "dashboards"),
    ("link", "logs"): ("logs", "incident logs", "log", "chat logs"),
    ("link", "runbook"): ("runbook", "playbook"),
    ("link", "incident"): ("related incidents", "related incident"),
    ("link", "pull_request"): ("pull request", "pr", "fix pr"),
    ("link", "document"): ("call recording", "recording", "document", "postmortem document",
                           "monitoring screenshots", "screenshots"),
    ("strings", "analysis.lucky"): ("where we got lucky", "we got lucky", "lucky"),
    ("strings", "analysis.surprises"): ("surprising discoveries", "surprises"),
    ("strings", "analysis.resolution.investigation_steps"): ("investigation steps",),
    ("strings", "analysis.resolution.steps"): ("resolution steps", "steps taken"),
    ("strings", "review.discussion_points"): ("discussion points", "key discussion points"),
    ("strings", "review.cadence"): ("review cadence", "cadence", "follow up cadence"),
    ("version", ""): ("version", "revision"),
    ("template", ""): ("template version", "template"),
    ("comms_count", "status"): ("status page updates", "status page update"),
    ("comms_flag", "mail"): ("email notifications", "email notification"),
    ("comms_flag", "social,twitter,mastodon,linkedin,bluesky"): ("social media",),
    ("comms_time", "executive,leadership"): ("executive briefing",),
    ("comms_time", "customer success"): ("customer success team", "customer success"),
    ("comms_time", "sales"): ("sales team",),
    ("channels", ""): ("channels used", "communication channels", "communication channel",
                       "channels", "communication channel s"),
    ("improvements", ""): ("improvements needed",),
    ("comms", ""): ("direct notifications", "post incident follow up", "customer notifications",
                    "internal updates", "external updates", "status updates",
                    "stakeholder communication", "effectiveness"),
    ("worked", ""): ("what worked",),
    ("failed", ""): ("what didnt", "what did not work", "what didnt work"),
}  # fmt: skip

LABELS: dict[str, tuple[str, str]] = {key_of(k): spec for spec, ks in _RAW.items() for k in ks}

HEADER_ONLY = frozenset(key_of(k) for k in ("priority", "level", "status", "state", "date", "day",
                                            "owner", "name", "sla", "issue",
                                            "log", "logs", "document", "ticket"))  # fmt: skip
# The sections where the HEADER_ONLY labels count.
HEADER_KINDS = frozenset({"header", "summary", "detection", "impact", "metrics", "links", "labels"})


# Labels that mean something else in one kind of section.
SECTION_LABELS: dict[tuple[str, str], tuple[str, str]] = {
    (kind, key_of(label)): spec
    for kinds, label, spec in (
        (("review", "approvals", "attendees", "discussion"), "date", ("meeting", "")),
        (("review", "approvals"), "reviewed by", ("people", "reviewers")),
        (("impact", "header", "summary"), "data impact", ("group", "")),
        (("impact",), "summary", ("text", "impact.summary")),
        (("root_cause",), "what happened", ("text", "analysis.root_cause.summary")),
        (("root_cause",), "description", ("text", "analysis.root_cause.summary")),
        (("impact",), "technical impact", ("text", "impact.summary")),
        (("communications",), "timeline", ("", "")),
    )
    for kind in kinds
}


def label_spec(
    key: str, section_kind: str | None, overrides: dict[str, tuple[str, str]] | None = None
) -> tuple[str, str] | None:
    """The reader for a label key in a section of the given kind; None if not a field.

    ``overrides`` are a format's own meanings (the incident postmortem's "Owner" is the
    incident commander).
    """
    if overrides and key in overrides and section_kind in HEADER_KINDS:
        return overrides[key]
    special = SECTION_LABELS.get((section_kind or "", key))
    if special is not None:
        return special if special[0] else None
    spec = LABELS.get(key)
    if spec is None:
        return None
    if key in HEADER_ONLY and section_kind not in HEADER_KINDS:
        return None
    return spec
