"""Lines that restate what the record already holds, kept only when they agree with it.

Some report parts are summaries of other parts: the "Immediate Response"
checklist (ticked when a commander is named, a status page update was
sent...), the "Supporting Documents" checklist, "Status page updates: 2",
"Channels used". Such a line is accounted to the field it restates when it
agrees with the record as read from the rest of the report; when it says
more (a box ticked with nothing behind it), it stays verbatim in an extra
section.
"""

from __future__ import annotations

from collections.abc import Callable

from warroom.domain.model import Audience, EvidenceKind, Incident, LinkKind
from warroom.importers.context import Context
from warroom.importers.entries import section_entries
from warroom.importers.sections import Section
from warroom.importers.text import key_of

Check = Callable[[Incident], bool]


def _comms(incident: Incident, audience: Audience | None, *words: str) -> list[str]:
    found = []
    for comm in incident.communications:
        if audience is not None and comm.audience != audience:
            continue
        text = f"{comm.channel or ''} {comm.summary}".casefold()
        if not words or any(word in text for word in words):
            found.append(comm.summary)
    return found


_RESPONSE: dict[str, Check] = {
    key_of("Incident commander assigned"): lambda i: bool(i.roles.commander),
    key_of("Status page updated"): lambda i: any(
        c.audience == Audience.EXTERNAL and "status" in (c.channel or "").casefold()
        for c in i.communications
    ),
    key_of("Key stakeholders notified"): lambda i: bool(_comms(i, Audience.INTERNAL)),
    key_of("Emergency response procedures activated"): lambda i: i.milestones.declared is not None,
}


def _kinds(incident: Incident) -> tuple[set[LinkKind], set[EvidenceKind]]:
    return {link.kind for link in incident.links}, {e.kind for e in incident.evidence}


def _mentions(incident: Incident, *words: str) -> bool:
    texts = [f"{link.title or ''} {link.url}" for link in incident.links]
    texts += [f"{e.title or ''} {e.text}" for e in incident.evidence]
    return any(word in text.casefold() for text in texts for word in words)


_DOCUMENTS: dict[str, Check] = {
    key_of("Incident timeline (detailed)"): lambda i: bool(i.timeline),
    key_of("Chat logs"): lambda i: _mentions(i, "chat", "slack"),
    key_of("Monitoring graphs"): lambda i: (
        LinkKind.DASHBOARD in _kinds(i)[0] or EvidenceKind.METRICS in _kinds(i)[1]
    ),
    key_of("Log excerpts"): lambda i: (
        LinkKind.LOGS in _kinds(i)[0] or EvidenceKind.ERROR_LOG in _kinds(i)[1]
    ),
    key_of("Configuration changes"): lambda i: EvidenceKind.CONFIG_CHANGE in _kinds(i)[1],
    key_of("Code changes (if applicable)"): lambda i: LinkKind.PULL_REQUEST in _kinds(i)[0],
}


def _checklist(ctx: Context, section: Section, checks: dict[str, Check], target: str) -> None:
    for entry in section_entries(ctx, section):
        check = checks.get(key_of(entry.text))
        if check is None or entry.checked is None:
            continue
        if not entry.checked:
            ctx.claim(entry.lines, "format")  # an unticked box of the template states nothing
            continue
        ctx.derive(entry.lines, _agrees(check, ctx.incident, True), target)


def _agrees(check: Check, incident: Incident, ticked: bool) -> Callable[[], bool]:
    def agrees() -> bool:
        return check(incident) == ticked

    return agrees


def read_response_checks(ctx: Context, section: Section) -> None:
    """The "Immediate Response" checklist of the response report."""
    _checklist(ctx, section, _RESPONSE, "roles")


def read_supporting_documents(ctx: Context, section: Section) -> None:
    """The "Supporting Documents" checklist of the post-incident review."""
    _checklist(ctx, section, _DOCUMENTS, "evidence")
