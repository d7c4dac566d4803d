"""Rules ``placeholder-left`` and ``todo-left``: what the author meant to come back to.

With the source text, every line is checked and findings carry exact line
numbers; without it, every free-text field of the record is checked and
findings name the field. Quotations (chat logs, cited e-mails) are left
alone: they are what someone wrote, not what the author forgot.
"""

from __future__ import annotations

import re

from warroom.lint.document import MarkdownDocument, read_document
from warroom.lint.findings import Finding, finding
from warroom.lint.locate import LintContext, iter_text_fields
from warroom.lint.placeholders import (
    bracket_is_placeholder,
    find_placeholders,
    find_todos,
    is_template_phrase,
)

PLACEHOLDER_HINT = (
    "replace it with the real value, or delete the line; write 'none' where nothing applies"
)
TODO_HINT = "finish it or delete it; an open question belongs in an action item with an owner"

_LIST_START = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?")
_LABEL = re.compile(r"^[^:]{1,60}:\s+(.+)$")
_LINK_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S")
# Kept as written (logs, configuration): brackets there are the system's, not the template's.
_VERBATIM = ("evidence",)
_CODE_PLACEHOLDER = re.compile(r"^\s*\[([A-Z][^\[\]]*(?:\s+\S+){2,})\]\s*$")


def check_leftovers(ctx: LintContext) -> list[Finding]:
    """Placeholders and TODO markers, in the text when given, else in the record."""
    if ctx.doc is not None:
        return _text_placeholders(ctx, ctx.doc) + _text_todos(ctx, ctx.doc)
    return _record_leftovers(ctx)


def _text_placeholders(ctx: LintContext, doc: MarkdownDocument) -> list[Finding]:
    findings = []
    for number, text in doc.prose():
        if number in doc.quoted or _LINK_DEFINITION.match(text):
            continue
        found = find_placeholders(text, link_labels=doc.link_labels)
        found += [f"'{v}'" for v in _line_values(doc, number, text) if is_template_phrase(v)]
        if found:
            findings.append(_placeholder_finding(found, line=number, field=_field_at(ctx, number)))
    for number in sorted(doc.code):
        match = _CODE_PLACEHOLDER.match(doc.line(number))
        if match and bracket_is_placeholder(match.group(1)):
            findings.append(_placeholder_finding([match.group(0).strip()], line=number, field=None))
    return findings


def _text_todos(ctx: LintContext, doc: MarkdownDocument) -> list[Finding]:
    findings = []
    for number, text in doc.prose():
        if number in doc.quoted:
            continue
        markers = find_todos(text)
        if markers:
            findings.append(
                finding(
                    "todo-left",
                    f"unfinished marker left: {', '.join(dict.fromkeys(markers))}",
                    hint=TODO_HINT,
                    line=number,
                    field=_field_at(ctx, number),
                )
            )
    return findings


def _record_leftovers(ctx: LintContext) -> list[Finding]:
    findings = []
    for path, raw in iter_text_fields(ctx.incident):
        if path.startswith(_VERBATIM) or path.endswith(".url"):
            continue
        value = _prose_of(raw)
        found = find_placeholders(value)
        if not found and is_template_phrase(value):
            found = [f"'{value.strip()}'"]
        if found:
            line = ctx.line_for(path)
            findings.append(_placeholder_finding(found, line=line, field=path, where=path))
        markers = find_todos(value)
        if markers:
            findings.append(
                finding(
                    "todo-left",
                    f"unfinished marker left in {path}: {', '.join(dict.fromkeys(markers))}",
                    hint=TODO_HINT,
                    line=ctx.line_for(path),
                    field=path,
                )
            )
    return findings


def _prose_of(value: str) -> str:
    """A field's text without its code blocks, inline code and quotations."""
    if "`" not in value and "~~~" not in value and ">" not in value:
        return value
    doc = read_document(value)
    return "\n".join(text for number, text in doc.prose() if number not in doc.quoted)


def _placeholder_finding(
    found: list[str], *, line: int | None, field: str | None, where: str | None = None
) -> Finding:
    shown = ", ".join(found[:3])
    if len(found) > 3:
        shown += f" and {len(found) - 3} more"
    place = f" in {where}" if where else ""
    return finding(
        "placeholder-left",
        f"template placeholder left{place}: {shown}",
        hint=PLACEHOLDER_HINT,
        line=line,
        field=field,
    )


def _line_values(doc: MarkdownDocument, number: int, text: str) -> list[str]:
    """The values on a line: table cells after the first, or the line and its label's value."""
    hit = doc.row_at(number)
    if hit is not None:
        return hit[1].cells[1:]
    plain = re.sub(r"[*_]", "", _LIST_START.sub("", text)).strip()
    values = [plain]
    label = _LABEL.match(plain)
    if label:
        values.append(label.group(1))
    return values


def _field_at(ctx: LintContext, number: int) -> str | None:
    return ctx.source.line_fields.get(number) if ctx.source is not None else None
