"""Heading synonyms: which field a section of a report goes to.

Data, not code. A heading is reduced to its key (``text.key_of``: lower
case, punctuation and parentheses gone, plurals folded) and looked up:

1. in ``CHILD_HEADINGS`` of the parent section's kind ("What happened"
   under "Root cause" is the root cause; at the top it is the summary);
2. in ``HEADINGS``, exact;
3. in ``HEADING_WORDS``, the first phrase the key contains.

A heading that matches nothing is kept as an extra section, unless its
parent's kind takes unknown subsections (action items under "Process
improvements" are still action items).
"""

from __future__ import annotations

from warroom.importers.text import key_of

_RAW: dict[str, tuple[str, ...]] = {
    "summary": (
        "summary", "executive summary", "incident summary", "issue summary", "overview",
        "incident overview", "tldr", "tl dr", "abstract", "synopsis", "description",
        "incident description", "introduction", "incident details", "details",
        "basic information", "key information", "key facts", "incident information",
        "metadata", "general information", "at a glance", "what happened", "incident",
    ),
    "impact": (
        "impact", "customer impact", "user impact", "business impact", "impact assessment",
        "impact analysis", "impact summary", "blast radius", "scope of impact", "scope",
        "who was affected", "technical impact", "financial impact", "data impact",
        "internal impact", "user facing impact", "impact and severity", "effect",
    ),
    "services": (
        "services affected", "affected services", "affected systems", "systems affected",
        "services impacted", "impacted services", "affected components", "components affected",
    ),
    "detection": (
        "detection", "how was it detected", "how it was detected", "how we found out",
        "discovery", "identification", "detection and response", "detection and alerting",
    ),
    "timeline": (
        "timeline", "incident timeline", "timeline of events", "sequence of events",
        "chronology", "events", "detailed timeline", "event timeline", "key events",
        "incident log", "time line", "timeline and actions", "what happened when",
    ),
    "root_cause": (
        "root cause", "root cause analysis", "rca", "cause", "primary root cause",
        "primary cause", "what caused the problem", "what caused it", "what caused this",
        "technical cause", "underlying cause", "cause analysis", "analysis",
        "how did it happen", "what was the cause", "the vulnerability", "the bug",
        "the problem", "problem", "causes and analysis", "technical details of the cause",
    ),
    "root_cause_why": (
        "why did it happen", "why it happened", "why did this happen", "underlying factors",
        "underlying reasons", "why",
    ),
    "root_cause_not_caught": (
        "why wasnt it caught earlier", "why it wasnt caught earlier", "why was it not caught",
        "why wasnt this caught", "why didnt we catch it", "why it was not caught earlier",
        "detection gaps", "why werent we alerted",
    ),
    "trigger": ("trigger", "triggering event", "what triggered it", "immediate cause"),
    "contributing_factors": (
        "contributing factors", "contributing causes", "contributors", "factors",
        "contributing conditions",
    ),
    "five_whys": ("five whys", "5 whys", "five whys analysis", "5 whys analysis", "why analysis"),
    "resolution": (
        "resolution", "resolution and recovery", "recovery", "mitigation", "how it was fixed",
        "how was it fixed", "how we fixed it", "fix", "the fix", "response and recovery",
        "immediate fix", "mitigation and resolution", "response", "response actions",
        "remedy", "workaround",
    ),
    "resolution_steps": (
        "resolution steps", "steps taken", "recovery steps", "mitigation steps",
        "immediate response", "actions taken",
    ),
    "investigation_steps": (
        "investigation steps", "investigation", "diagnosis", "troubleshooting", "debugging",
    ),
    "long_term_fix": ("long term fix", "permanent fix", "long term resolution"),
    "verification": ("verification", "verification steps", "validation"),
    "went_well": (
        "what went well", "went well", "things that went well", "what worked",
        "what worked well", "positive aspects", "positives", "the good", "successes",
        "effective procedures", "good",
    ),
    "went_poorly": (
        "what went wrong", "what went poorly", "went poorly", "went wrong",
        "things that went wrong", "what could be improved", "what could have gone better",
        "what didnt go well", "what did not go well", "areas for improvement",
        "issues identified", "gaps in procedures", "challenges", "the bad", "negatives",
        "what we can improve", "opportunities for improvement", "pain points", "bad",
    ),
    "lucky": ("where we got lucky", "we got lucky", "lucky", "luck", "where we were lucky"),
    "surprises": ("surprising discoveries", "surprises", "unexpected findings", "surprising"),
    "lessons": (
        "lessons learned", "lessons learnt", "lessons", "learnings", "key learnings",
        "takeaways", "key takeaways", "what we learned", "technical lessons", "process lessons",
        "communication lessons",
    ),
    "action_items": (
        "action items", "actions", "action plan", "follow up actions", "followup actions",
        "follow ups", "followups", "follow up items", "remediation", "remediation items",
        "remediations", "next steps", "todo", "to do", "todos", "tasks", "corrective actions",
        "corrective and preventative measures", "corrective and preventive measures",
        "corrective and preventive actions", "corrective and preventative actions",
        "preventive actions", "preventative actions", "future actions", "review actions",
        "how are we preventing it from happening again", "what are we doing about it",
        "what were doing about it", "actions planned", "planned actions", "recommendations",
        "additional action items", "immediate actions", "short term actions",
        "medium term actions", "long term actions", "action item", "improvements",
    ),
    "prevention": (
        "prevention measures", "prevention", "preventive measures", "preventative measures",
        "prevention and follow up", "monitoring improvements", "process improvements",
        "technical improvements", "detection improvements", "response improvements",
        "documentation updates", "training needs",
    ),
    "communications": (
        "communication", "communications", "customer communication", "internal communication",
        "external communication", "stakeholder communication", "status page updates",
        "comms", "communication timeline", "notifications", "customer notifications",
        "communication plan",
    ),
    "review": (
        "review", "review meeting", "post mortem meeting notes", "postmortem meeting notes",
        "meeting notes", "review and approval", "retrospective", "post incident review meeting",
        "postmortem meeting", "post mortem meeting",
    ),
    "attendees": ("attendees", "atendees", "attendance", "meeting attendees"),
    "responders": (
        "responders", "people involved", "involved", "participants", "incident team",
        "response team", "who was involved", "people", "roles", "team",
    ),
    "discussion": ("key discussion points", "discussion points", "discussion"),
    "approvals": ("approvals", "approval", "sign off", "signoff", "sign offs"),
    "knowledge_sharing": ("knowledge sharing",),
    "follow_up": ("follow up", "followup", "action item review", "next review"),
    "distribution": ("distribution", "distribution list"),
    "links": (
        "links", "references", "attachments", "supporting documents", "attachments and references",
        "related links", "related", "related incidents", "related tickets", "resources",
        "further reading", "see also", "supporting material", "tickets", "sources",
    ),
    "evidence": (
        "supporting data", "error messages", "error messages logs", "logs", "error logs",
        "log excerpts", "configuration changes", "config changes", "technical details",
        "stack traces", "error message",
    ),
    "metrics": (
        "metrics", "response metrics", "impact metrics", "stats", "statistics", "key metrics",
        "incident metrics", "detection and response times", "measurements",
    ),
}  # fmt: skip

_CHILD_RAW: dict[str, dict[str, str]] = {
    "root_cause": {"what happened": "root_cause", "description": "root_cause",
                   "details": "root_cause", "summary": "root_cause"},
    "resolution": {"immediate actions": "resolution_steps", "steps": "resolution_steps",
                   "immediate fix": "resolution", "how was it fixed": "resolution"},
    "evidence": {"metrics": "evidence", "data impact": "impact"},
    "lessons": {"prevention measures": "prevention", "detection improvements": "prevention",
                "response improvements": "prevention"},
    "prevention": {"short term": "action_items", "medium term": "action_items",
                   "long term": "action_items", "immediate": "action_items"},
    "action_items": {"short term": "action_items", "medium term": "action_items",
                     "long term": "action_items", "immediate": "action_items",
                     "process improvements": "action_items",
                     "monitoring improvements": "action_items",
                     "technical improvements": "action_items"},
    "review": {"attendees": "attendees", "approvals": "approvals"},
    "follow_up": {"knowledge sharing": "knowledge_sharing"},
    "timeline": {"detection phase": "timeline", "response phase": "timeline",
                 "resolution phase": "timeline", "detection": "timeline",
                 "response": "timeline", "resolution": "timeline"},
}  # fmt: skip

# (phrase, kind): the first phrase a heading key contains decides; specific ones first.
_WORDS_RAW: tuple[tuple[str, str], ...] = (
    ("caught earlier", "root_cause_not_caught"), ("not caught", "root_cause_not_caught"),
    ("went well", "went_well"), ("went wrong", "went_poorly"), ("went poorly", "went_poorly"),
    ("could be improved", "went_poorly"), ("didnt go well", "went_poorly"),
    ("lucky", "lucky"), ("surpris*", "surprises"), ("five why", "five_whys"),
    ("5 why", "five_whys"), ("action item", "action_items"), ("follow up action", "action_items"),
    ("next step", "action_items"), ("remediation", "action_items"),
    ("corrective", "action_items"), ("preventing it", "action_items"),
    ("lesson", "lessons"), ("learning", "lessons"), ("takeaway", "lessons"),
    ("contributing", "contributing_factors"), ("root cause", "root_cause"),
    ("timeline", "timeline"), ("chronolog*", "timeline"), ("trigger", "trigger"),
    ("communicat*", "communications"), ("attendee", "attendees"), ("sign off", "approvals"),
    ("approval", "approvals"), ("prevent*", "prevention"), ("impact", "impact"),
    ("detect*", "detection"), ("resolution", "resolution"), ("recovery", "resolution"),
    ("mitigation", "resolution"), ("summary", "summary"), ("overview", "summary"),
    ("metric", "metrics"), ("error message", "evidence"), ("log", "evidence"),
    ("link", "links"), ("reference", "links"), ("cause", "root_cause"),
)  # fmt: skip

HEADINGS: dict[str, str] = {key_of(h): kind for kind, hs in _RAW.items() for h in hs}
CHILD_HEADINGS: dict[str, dict[str, str]] = {
    parent: {key_of(h): kind for h, kind in table.items()} for parent, table in _CHILD_RAW.items()
}
# A phrase ending in "*" matches the start of a word ("detect*": detection, detected).
HEADING_WORDS: tuple[tuple[str, str], ...] = tuple(
    (phrase if phrase.endswith("*") else key_of(phrase), kind) for phrase, kind in _WORDS_RAW
)

# Kinds whose unknown subsections are read with the parent's rules (the
# subsection heading then gives a horizon, kind, category or topic).
INHERITING = frozenset(
    {"action_items", "prevention", "lessons", "communications", "timeline", "went_well",
     "went_poorly", "contributing_factors", "evidence", "links", "metrics", "follow_up"}
)  # fmt: skip

# Kinds whose subsections inherit at any depth (elsewhere only the direct subsections do).
INHERITING_DEEP = frozenset({"action_items", "timeline", "prevention", "evidence", "links"})

# The field path a section's heading line is accounted to.
KIND_PATH: dict[str, str] = {
    "summary": "executive_summary", "impact": "impact", "services": "services",
    "detection": "detection_source", "timeline": "timeline",
    "root_cause": "analysis.root_cause.summary", "root_cause_why": "analysis.root_cause.why",
    "root_cause_not_caught": "analysis.root_cause.why_not_caught", "trigger": "analysis.trigger",
    "contributing_factors": "analysis.contributing_factors", "five_whys": "analysis.five_whys",
    "resolution": "analysis.resolution", "resolution_steps": "analysis.resolution.steps",
    "investigation_steps": "analysis.resolution.investigation_steps",
    "long_term_fix": "analysis.resolution.long_term_fix",
    "verification": "analysis.resolution.verification", "went_well": "analysis.went_well",
    "went_poorly": "analysis.went_poorly", "lucky": "analysis.lucky",
    "surprises": "analysis.surprises", "lessons": "analysis.lessons",
    "action_items": "action_items", "prevention": "analysis.prevention",
    "communications": "communications", "review": "review", "attendees": "review.attendees",
    "responders": "roles.responders", "discussion": "review.discussion_points",
    "approvals": "review.approvals", "knowledge_sharing": "review.knowledge_sharing",
    "follow_up": "review", "distribution": "review.distribution", "links": "links",
    "evidence": "evidence", "metrics": "milestones", "header": "title",
}  # fmt: skip


def heading_kind(key: str, parent_kind: str | None, *, words: bool = True) -> str | None:
    """The kind of section a heading key names, given its parent's kind; None if unknown.

    ``words=False`` skips the contained-phrase rules: under a parent whose
    unknown subsections inherit its kind, "Communicating with the whitehat"
    is a lesson topic, not the communications section.
    """
    if parent_kind and key in CHILD_HEADINGS.get(parent_kind, {}):
        return CHILD_HEADINGS[parent_kind][key]
    if key in HEADINGS:
        return HEADINGS[key]
    if not words:
        return None
    padded = f" {key} "
    for phrase, kind in HEADING_WORDS:
        wanted = f" {phrase[:-1]}" if phrase.endswith("*") else f" {phrase} "
        if wanted in padded:
            return kind
    return None
