"""Links (dashboards, tickets, pull requests...) and evidence blocks (logs, config changes)."""

from __future__ import annotations

import re

from warroom.domain.model import Evidence, EvidenceKind, Link, LinkKind
from warroom.importers.blocks import Block
from warroom.importers.context import Context, ItemRef
from warroom.importers.fields import LabelLine, Reader
from warroom.importers.sections import Section
from warroom.importers.text import URL, find_urls, is_placeholder, key_of, strip_markup

_KIND_WORDS = (
    ("dashboard", LinkKind.DASHBOARD),
    ("grafana", LinkKind.DASHBOARD),
    ("monitor", LinkKind.DASHBOARD),
    ("log", LinkKind.LOGS),
    ("runbook", LinkKind.RUNBOOK),
    ("playbook", LinkKind.RUNBOOK),
    ("related incident", LinkKind.INCIDENT),
    ("pull request", LinkKind.PULL_REQUEST),
    ("pr", LinkKind.PULL_REQUEST),
    ("ticket", LinkKind.TICKET),
    ("issue", LinkKind.TICKET),
    ("jira", LinkKind.TICKET),
)
_URL_KINDS = (
    ("/pull/", LinkKind.PULL_REQUEST),
    ("/merge_requests/", LinkKind.PULL_REQUEST),
    ("/issues/", LinkKind.TICKET),
    ("/browse/", LinkKind.TICKET),
    ("jira", LinkKind.TICKET),
    ("grafana", LinkKind.DASHBOARD),
    ("docs.google.com", LinkKind.DOCUMENT),
    ("kibana", LinkKind.LOGS),
    ("/logs", LinkKind.LOGS),
    ("runbook", LinkKind.RUNBOOK),
)
_MD_LINK = re.compile(r"\[([^\]\n]{0,300})\]\((\S{1,2000}?)(?:\s+\"[^\"]*\")?\)")
_CODE_PATH = re.compile(r"`([^`\s]{1,300}[/.][^`\s]{0,300})`")
_EVIDENCE_WORDS = (
    ("config", EvidenceKind.CONFIG_CHANGE),
    ("metric", EvidenceKind.METRICS),
    ("graph", EvidenceKind.METRICS),
    ("error", EvidenceKind.ERROR_LOG),
    ("log", EvidenceKind.ERROR_LOG),
    ("stack", EvidenceKind.ERROR_LOG),
    ("trace", EvidenceKind.ERROR_LOG),
)


def link_kind(words: str, url: str) -> LinkKind:
    """The kind of link its label or its address says it is."""
    padded = f" {key_of(words)} "
    for word, kind in _KIND_WORDS:
        if f" {word} " in padded or (len(word) > 3 and f" {word}" in padded):
            return kind
    for part, kind in _URL_KINDS:
        if part in url.lower():
            return kind
    return LinkKind.OTHER


def links_in(text: str) -> list[tuple[str, str | None]]:
    """(url, title) of every link written in a line: ``[title](url)``, bare URLs, `paths`."""
    found: list[tuple[str, str | None]] = []
    for match in _MD_LINK.finditer(text):
        found.append((match[2], strip_markup(match[1]) or None))
    rest = _MD_LINK.sub(" ", text)
    found.extend((url, None) for url in find_urls(rest))
    if not found:
        found.extend((m[1], None) for m in _CODE_PATH.finditer(text))
    return found


def add_link(ctx: Context, url: str, title: str | None, words: str = "") -> Link:
    """A link of the record (the same URL once), its kind from its words or address."""
    for link in ctx.incident.links:
        if link.url == url:
            link.title = link.title or title
            return link
    link = Link(url, title or None, link_kind(f"{words} {title or ''}", url))
    ctx.incident.links.append(link)
    return link


def _read_link(ctx: Context, entry: LabelLine, arg: str, value: str) -> bool:
    texts = ([value] if value else []) + [item.full_text for item in entry.items]
    found = [pair for text in texts for pair in links_in(text)]
    if not found:
        return False
    for url, title in found:
        link = add_link(ctx, url, title or entry.label.label, entry.label.label)
        ctx.claim(entry.all_lines(), ItemRef("links", link))
    return True


LINK_READERS: dict[str, Reader] = {"link": _read_link}


def take_link_definitions(ctx: Context, blocks: list[Block]) -> None:
    """``[hook]: https://...`` reference definitions, wherever they stand."""
    for block in blocks:
        if block.kind != "linkdef":
            continue
        match = re.match(r"\s*\[([^\]]+)\]:\s*(\S+)", block.lines[0])
        if match:
            link = add_link(ctx, match[2].strip("<>"), match[1])
            ctx.claim(block.line_numbers(), ItemRef("links", link))


def take_bare_urls(ctx: Context, block: Block) -> None:
    """Paragraph lines that are only a URL (or a link) are links."""
    for number, line in block.numbered():
        if ctx.claimed(number):
            continue
        text = line.strip().lstrip("<").rstrip(">")
        if URL.fullmatch(text) or (_MD_LINK.fullmatch(text) and "](" in text):
            for url, title in links_in(text):
                ctx.claim([number], ItemRef("links", add_link(ctx, url, title)))


def evidence_kind(words: str, text: str = "") -> EvidenceKind:
    """The kind of a text block from its caption or section, else from what it says."""
    padded = f" {key_of(words)}"
    for word, kind in _EVIDENCE_WORDS:
        if f" {word}" in padded:
            return kind
    if re.search(r"(?i)\b(error|exception|fatal|traceback|forbidden|failed)\b", text[:2000]):
        return EvidenceKind.ERROR_LOG
    return EvidenceKind.OTHER


def take_code(ctx: Context, block: Block, title: str | None, words: str = "") -> Evidence | None:
    """A fenced code block kept verbatim as evidence."""
    body = "\n".join(block.lines[1:-1] if _closed(block) else block.lines[1:])
    if not body.strip() or (body.strip().startswith("[") and body.strip().endswith("]")):
        ctx.claim(block.line_numbers(), "format")  # an empty or placeholder block
        return None
    evidence = Evidence(body, evidence_kind(f"{words} {title or ''}", body), title or None)
    ctx.incident.evidence.append(evidence)
    ctx.claim(block.line_numbers(), ItemRef("evidence", evidence))
    return evidence


def _closed(block: Block) -> bool:
    return len(block.lines) > 1 and block.lines[-1].strip().startswith(block.lines[0].strip()[:3])


_CAPTION = re.compile(r"^(?:\*\*(?P<title>.{1,200}?)\*\*)?\s*(?:_\((?P<kind>[a-z_]{2,20})\)_)?\s*$")


def _prose_evidence(ctx: Context, block: Block, words: str) -> None:
    rows = [(n, t) for n, t in block.numbered() if not ctx.claimed(n)]
    text = "\n".join(t.rstrip() for _, t in rows).strip()
    if not text:
        return
    if is_placeholder(text):
        ctx.claim([n for n, _ in rows], "format")
        return
    evidence = Evidence(text, evidence_kind(words, text), None)
    ctx.incident.evidence.append(evidence)
    ctx.claim([n for n, _ in rows], ItemRef("evidence", evidence))


def read_evidence_section(ctx: Context, section: Section) -> None:
    """Code blocks (with a ``**title** _(kind)_`` caption line before them) as evidence."""
    words = section.title
    blocks = section.blocks
    for index, block in enumerate(blocks):
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if (
            block.kind == "paragraph"
            and section.kind == "evidence"
            and (following is None or following.kind != "code")
        ):
            _prose_evidence(ctx, block, words)
        if block.kind != "code" or ctx.claimed(block.start):
            continue
        title: str | None = None
        kind: EvidenceKind | None = None
        before = blocks[index - 1] if index else None
        if before is not None and before.kind == "paragraph" and len(before.lines) == 1:
            caption = _CAPTION.match(before.lines[0].strip())
            if caption and (caption["title"] or caption["kind"]) and not ctx.claimed(before.start):
                title = caption["title"]
                if caption["kind"] in {k.value for k in EvidenceKind}:
                    kind = EvidenceKind(caption["kind"])
                elif caption["kind"]:
                    title = before.lines[0].strip()
        evidence = take_code(ctx, block, title, words)
        if evidence is not None:
            if kind is not None:
                evidence.kind = kind
            if before is not None and (title or kind):
                ctx.claim(before.line_numbers(), ItemRef("evidence", evidence))
