"""The five built-in report formats as data: title, signature headings, heading overrides.

Detection (``format_name="auto"``) looks at the report's first heading (the
format's title, or the title and ``: <incident title>``) and at which of each
format's second-level headings the report has; a report that matches none
well enough is ``freeform``. Everything a format needs beyond the general
rules is a heading override here: ``(parent kind, heading key) -> kind``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from warroom.importers.blocks import Block
from warroom.importers.text import key_of

FREEFORM = "freeform"

# Checklist items the templates print whether or not they were done: an unticked one
# says nothing (it is the template's), a ticked one is recorded.
STANDARD_CHECKLIST = frozenset(
    key_of(text)
    for text in (
        "Post-mortem published internally", "Team meeting presentation scheduled",
        "Documentation updated", "Training materials created (if needed)",
        "External blog post (if applicable)",
    )
)  # fmt: skip


@dataclass(frozen=True)
class FormatSpec:
    """What the importer knows of one built-in format."""

    name: str
    title: str  # the title line's text before ": <incident title>"
    headings: tuple[str, ...]  # its level-2 headings, for detection
    overrides: dict[tuple[str | None, str], str] = field(default_factory=dict)
    boilerplate: tuple[str, ...] = ()  # fixed lines of the template, read as "format"
    labels: dict[str, tuple[str, str]] = field(default_factory=dict)  # label key -> reader

    @property
    def heading_keys(self) -> frozenset[str]:
        return frozenset(key_of(h) for h in self.headings)


def _o(*pairs: tuple[str | None, str, str]) -> dict[tuple[str | None, str], str]:
    return {(parent, key_of(heading)): kind for parent, heading, kind in pairs}


FORMATS: dict[str, FormatSpec] = {
    spec.name: spec
    for spec in (
        FormatSpec(
            "response-report", "Incident Response Report",
            ("Executive Summary", "Incident Details", "Response Actions", "Post-Incident Analysis",
             "Technical Details", "Communication", "Lessons Learned", "Follow-up Actions",
             "Attachments"),
            _o(("resolution", "Immediate Response", "response_checks"),
               ("lessons", "Prevention Measures", "prevention"),
               (None, "Response Actions", "resolution"), (None, "Technical Details", "evidence"),
               (None, "Post-Incident Analysis", "group"), (None, "Incident Details", "group"),
               ("evidence", "Data Impact", "impact")),
        ),
        FormatSpec(
            "postmortem-report", "Incident Post-Mortem Report",
            ("Incident Overview", "Summary", "Timeline", "Root Cause Analysis", "Resolution",
             "Lessons Learned", "Action Items", "Prevention Measures", "Metrics",
             "Supporting Documents", "Sign-off"),
            _o((None, "Prevention Measures", "prevention"), (None, "Sign-off", "review"),
               ("summary", "What Happened", "summary"), ("summary", "Impact", "impact")),
            (
                "*This post-mortem is blameless and focused on improving our systems"
                " and processes.*",
            ),
        ),
        FormatSpec(
            "post-incident-review", "Post-Incident Review",
            ("Executive Summary", "Incident Details", "Timeline", "Root Cause Analysis",
             "What Went Well", "What Went Wrong", "Action Items", "Lessons Learned",
             "Prevention Measures", "Communication", "Metrics", "Attachments",
             "Review and Approval", "Follow-up"),
            _o(("root_cause", "Primary Root Cause", "root_cause"), (None, "Attachments", "links"),
               ("links", "Supporting Documents", "supporting_documents"),
               (None, "Review and Approval", "review"), ("review", "Review Meeting", "review"),
               (None, "Follow-up", "follow_up"), ("follow_up", "Action Item Review", "follow_up"),
               (None, "Incident Details", "group"), ("group", "Basic Information", "summary")),
        ),
        FormatSpec(
            "incident-report", "Incident Report",
            ("Executive Summary", "Timeline", "Impact", "Root Cause Analysis",
             "Response and Recovery", "Action Items", "Lessons Learned", "Supporting Data",
             "Post-Mortem Meeting Notes", "Sign-off"),
            _o(("impact", "Affected Services", "services"), ("impact", "User Impact", "impact"),
               ("impact", "Financial Impact", "impact"), ("review", "Additional Action Items",
                                                          "action_items"),
               (None, "Response and Recovery", "resolution"), (None, "Supporting Data", "evidence"),
               ("evidence", "Metrics", "evidence")),
        ),
        FormatSpec(
            "incident-postmortem", "Incident Postmortem",
            ("Incident Summary", "Executive Summary", "Detection & Response", "Impact Analysis",
             "Timeline (UTC)", "Root Cause", "Resolution", "Customer Communication",
             "What Went Well", "What Went Poorly", "Action Items", "Prevention & Follow-up",
             "Attachments & References"),
            _o((None, "Prevention & Follow-up", "prevention"),
               (None, "Customer Communication", "communications"),
               (None, "Attachments & References", "links")),
            labels={"owner": ("role", "commander")},  # "**Owner:** Incident Commander"
        ),
    )
}  # fmt: skip

_TEMPLATE_TITLES = {
    "response-report": ("incident response report",),
    "postmortem-report": ("incident post mortem report", "incident postmortem report"),
    "post-incident-review": ("post incident review", "post incident review template"),
    "incident-report": ("incident report", "incident report template"),
    "incident-postmortem": ("incident postmortem", "incident postmortem template",
                            "incident post mortem"),
}  # fmt: skip


def title_format(title_key: str) -> str | None:
    """The format a title line names: ``"Post-Incident Review: DB outage"``."""
    best: tuple[int, str] | None = None
    for name, titles in _TEMPLATE_TITLES.items():
        for title in titles:
            named = title_key == title or title_key.startswith(f"{title} ")
            if named and (best is None or len(title) > best[0]):
                best = (len(title), name)
    return best[1] if best else None


def detect_format(blocks: list[Block]) -> str:
    """One of the five built-in formats, by the title line or the headings; else freeform."""
    headings = [b for b in blocks if b.kind == "heading"]
    keys = {key_of(b.text) for b in headings if b.level >= 2}
    scores = {
        name: len(spec.heading_keys & keys) / len(spec.heading_keys)
        for name, spec in FORMATS.items()
    }
    first = next((b for b in headings if b.level == 1), None)
    if first is not None:
        titled = title_format(key_of(first.text.split(":")[0]))
        if titled and scores[titled] >= 0.3:
            return titled
    best = max(scores, key=lambda name: scores[name])
    ranked = sorted(scores.values(), reverse=True)
    if scores[best] >= 0.6 and ranked[0] > ranked[1]:
        return best
    return FREEFORM


TITLE_PREFIXES: tuple[str, ...] = tuple(
    sorted(
        {
            *(spec.title for spec in FORMATS.values()),
            "Incident Postmortem Report", "Post Incident Review", "Incident Post-mortem",
            "Incident Post Mortem", "Postmortem", "Post-mortem", "Post Mortem",
            "Incident Review", "Root Cause Analysis", "RCA", "Incident",
        },
        key=len,
        reverse=True,
    )
)  # fmt: skip
