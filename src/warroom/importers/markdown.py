"""Reading a Markdown incident report into an incident record.

::

    import_markdown(text, source_name="review.md", format_name="auto",
                    default_zone=UTC, scale=None) -> ImportResult

The steps: split into blocks (``blocks``), group by heading into sections
and name each section's kind (``sections``, ``synonyms``, ``formats``), read
the report's date and zone notes, read label lines everywhere
(``labelpass``), then each section with the reader for its kind; settle the
milestones (``milestones``), and keep every line no reader took in an extra
section (``extras``). docs/importing.md describes what is recognised.
"""

from __future__ import annotations

import re
from datetime import UTC, date, tzinfo
from pathlib import PurePath

from warroom.domain.model import ActionStatus, Incident
from warroom.domain.severity import BUILTIN_SCALES, SeverityScale
from warroom.errors import ReportImportError
from warroom.importers import readers
from warroom.importers.blocks import Block, parse_blocks
from warroom.importers.context import Context, ItemRef
from warroom.importers.extras import build_extras, claim_headings, resolve_lines
from warroom.importers.formats import FORMATS, FREEFORM, TITLE_PREFIXES, detect_format
from warroom.importers.labelpass import take_labels
from warroom.importers.labels import LABELS
from warroom.importers.links import take_link_definitions
from warroom.importers.milestones import settle
from warroom.importers.result import ImportResult
from warroom.importers.sections import Section, build_tree, classify, find_title_heading
from warroom.importers.text import is_placeholder, key_of, split_label, strip_markup
from warroom.importers.timeexpr import find_date, find_zone_note

_NOISE_TITLES = frozenset(
    key_of(t) for t in ("incident title", "title", "incident name", "template", "report")
)
_GAPS = frozenset({"_Not recorded_", "*Not recorded*", "Not recorded", "—"})
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


def import_markdown(
    text: str,
    *,
    source_name: str = "<text>",
    format_name: str = "auto",
    default_zone: tzinfo = UTC,
    scale: SeverityScale | None = None,
) -> ImportResult:
    """Read a Markdown report (one of the five formats, or free-form) into a record.

    Never raises for what a report says: problems are warnings. Raises
    ReportImportError only for text with nothing in it.
    """
    if not text.strip():
        raise ReportImportError(f"{source_name}: the report is empty", field="file")
    source = text.splitlines()
    blocks = parse_blocks(text)
    ctx = Context(
        Incident(ref="", title="", severity=0), scale or BUILTIN_SCALES["sev"], default_zone
    )
    name = _format_name(ctx, format_name, blocks)
    spec = FORMATS.get(name)
    ctx.format_labels = dict(spec.labels) if spec else {}
    title_heading = find_title_heading(blocks)
    root = build_tree(blocks, title_heading=title_heading)
    classify(root, spec.overrides if spec else {})
    front = next((b for b in blocks if b.kind == "frontmatter"), None)
    _prescan(ctx, root, blocks, source_name, front)
    _read_title(ctx, root, front, source_name, spec.boilerplate if spec else ())
    take_link_definitions(ctx, blocks)
    has_summary = any(s.kind == "summary" for s in root.walk() if s is not root)
    for section in root.walk():
        take_labels(ctx, section)
    for section in root.walk():
        if not section.done:
            readers.read_section(ctx, section, summary_elsewhere=has_summary)
    _finish(ctx)
    claim_headings(ctx, root)
    build_extras(ctx, root, source, front)
    line_fields = resolve_lines(ctx, source)
    recognised = list(
        dict.fromkeys(
            re.sub(r"\[\d+\]", "", path).split(".")[0]
            if path.startswith("extra")
            else re.sub(r"\[\d+\]", "", path)
            for path in line_fields.values()
            if path not in ("structure", "format") and not path.startswith("extra_sections")
        )
    )
    return ImportResult(ctx.incident, name, source_name, recognised, ctx.warnings, line_fields)


def _format_name(ctx: Context, wanted: str, blocks: list[Block]) -> str:
    if wanted == "auto":
        return detect_format(blocks)
    if wanted in FORMATS or wanted == FREEFORM:
        return wanted
    ctx.warn(f"no built-in rules for the format {wanted!r}; read with the general rules")
    return wanted


def _prescan(
    ctx: Context, root: Section, blocks: list[Block], source_name: str, front: Block | None
) -> None:
    """The report's own date and the zone it states, before any time is read."""
    for section in root.walk():
        if section.zone and ctx.zone_name is None and section is root:
            ctx.zone_name = section.zone
    for block in blocks:
        if block.kind == "rule":
            ctx.claim(block.line_numbers(), "structure")
        if block.kind == "paragraph" and block.lines[0].strip() in _GAPS and len(block.lines) == 1:
            ctx.claim([block.start], "format")  # "_Not recorded_": a part with nothing in it
        if block.kind == "paragraph" and len(block.lines) <= 2:
            note = " ".join(block.lines)
            zone = find_zone_note(note) if len(note) < 160 else None
            if zone:
                ctx.zone_name = ctx.zone_name or zone
                ctx.claim(block.line_numbers(), "timeline")
    if ctx.zone_name is None:
        ctx.zone_name = next((s.zone for s in root.walk() if s.zone), None)
    found = sorted(_stated_dates(root), key=lambda pair: pair[0])
    ctx.ref_date = found[0][1] if found else None
    for candidate in (root.title, front and "\n".join(front.lines)):
        if ctx.ref_date is None and candidate:
            ctx.ref_date = _full_date(candidate)
    for section in root.walk():
        for block in section.blocks if ctx.ref_date is None and section.kind == "timeline" else []:
            ctx.ref_date = ctx.ref_date or _iso_date("\n".join(block.lines))
    ctx.ref_date = ctx.ref_date or _full_date(PurePath(source_name).name)
    for block in blocks if ctx.ref_date is None else []:
        if block.kind != "code":
            ctx.ref_date = ctx.ref_date or _iso_date("\n".join(block.lines))


def _stated_dates(root: Section) -> list[tuple[int, date]]:
    """Dates that labels state: a "Date:" label first, then a milestone label's date."""
    found: list[tuple[int, date]] = []
    for section in root.walk():
        for block in section.blocks:
            if block.kind == "paragraph":
                lines = block.lines
            elif block.kind == "list":
                lines = [i.text for i in block.items] + [
                    c.text for i in block.items for c in i.children
                ]
            elif block.kind == "table":
                lines = [" : ".join(row.cells[:2]) for row in block.rows]
            else:
                continue
            for line in lines:
                labelled = split_label(line)
                spec = LABELS.get(labelled.key) if labelled else None
                if labelled is None or spec is None or spec[0] not in ("date", "milestone"):
                    continue
                day = _full_date(labelled.value)
                if day is not None:
                    found.append((0 if spec[0] == "date" else 1, day))
    return found


def _iso_date(text: str) -> date | None:
    match = _ISO_DATE.search(text)
    return _safe_date(int(match[1]), int(match[2]), int(match[3])) if match else None


def _full_date(text: str) -> date | None:
    stamp = find_date(text)
    if stamp is None or stamp.year is None or stamp.month is None or stamp.day is None:
        return None
    return _safe_date(stamp.year, stamp.month, stamp.day)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def clean_title(text: str) -> tuple[str, str | None]:
    """The incident title from a title line, and a reference it starts with, if any."""
    title = strip_markup(text).strip()
    for prefix in TITLE_PREFIXES:
        if key_of(title).startswith(key_of(prefix)) and ":" in title:
            head, _, rest = title.partition(":")
            if key_of(head) == key_of(prefix):
                title = rest.strip()
                break
    title = re.sub(r"(?i)\s+template$", "", title).strip()
    ref = None
    if match := re.match(r"\[?([A-Z][A-Z0-9]{1,9}-[\d-]{6,})\]?\s*[:–—-]\s*(.+)", title):
        ref, title = match[1], match[2].strip()
    return title, ref


def _read_title(
    ctx: Context, root: Section, front: Block | None, source_name: str, boilerplate: tuple[str, ...]
) -> None:
    from warroom.domain.refs import REF_PATTERN

    if root.heading is not None:
        title, ref = clean_title(root.heading.text)
        if ref and REF_PATTERN.fullmatch(ref):
            ctx.incident.ref = ref
        noise = _NOISE_TITLES | {key_of(f.title) for f in FORMATS.values()}
        if title and not is_placeholder(title) and key_of(title) not in noise:
            ctx.incident.title = title
        ctx.claim([root.heading.start], "title")
        if not ctx.incident.title and key_of(title) in _NOISE_TITLES:
            _title_from_paragraph(ctx, root)
    if boilerplate:
        for block in root.walk():
            for b in block.blocks:
                if b.kind == "paragraph" and "\n".join(b.lines).strip() in boilerplate:
                    ctx.claim(b.line_numbers(), "format")
    if not ctx.incident.title and front is not None:
        for number, line in front.numbered():
            labelled = split_label(line)
            if labelled and labelled.key == "title" and labelled.value:
                ctx.incident.title = labelled.value.strip("\"'")
                ctx.claim([number], "title")
    ctx.fallback_title = PurePath(source_name).stem if source_name != "<text>" else "Untitled"


def _title_from_paragraph(ctx: Context, root: Section) -> None:
    first = next((b for b in root.blocks if b.kind == "paragraph"), None)
    if first is not None and len(first.lines) == 1 and len(first.lines[0]) < 200:
        ctx.incident.title = strip_markup(first.lines[0])
        ctx.claim([first.start], "title")


def _in_document_order(ctx: Context) -> None:
    """Action items in the order the report lists them (label lines are read first)."""
    first: dict[int, int] = {}
    for number, target in ctx.claims.items():
        if isinstance(target, ItemRef) and target.path == "action_items":
            key = id(target.item)
            first[key] = min(first.get(key, number), number)
    ctx.incident.action_items.sort(key=lambda item: first.get(id(item), 0))


def _finish(ctx: Context) -> None:
    settle(ctx)
    incident = ctx.incident
    if not incident.title:
        incident.title = ctx.fallback_title
        ctx.warn(f"the report has no title; using {incident.title!r}")
    if incident.severity == 0:
        incident.severity = ctx.scale.levels
        ctx.warn(
            f"the report states no severity; set to the lowest, {ctx.scale.label(ctx.scale.levels)}"
        )
    _in_document_order(ctx)
    numbers = [
        int(m[1]) for a in incident.action_items if (m := re.fullmatch(r"AI-0*(\d+)", a.key))
    ]
    next_number = max(numbers, default=0) + 1
    for item in incident.action_items:
        if not item.key:
            item.key = f"AI-{next_number}"
            next_number += 1
        if item.status == ActionStatus.WONT_DO and not item.reason:
            item.reason = "marked as won't do in the report"
    incident.timeline.sort(key=lambda event: event.at)
    for lines, check, _ in ctx.derived:
        if not check():
            for number in lines:
                ctx.claims.pop(number, None)
    if ctx.untimed:
        ctx.warn(
            f"{len(ctx.untimed)} timeline entr{'y gives' if len(ctx.untimed) == 1 else 'ies give'} "
            "a date but no time of day; placed after the entry before (or at the day's "
            "start)",
            ctx.untimed[0],
        )
    if ctx.unreadable:
        line, when = ctx.unreadable[0]
        ctx.warn(
            f"{len(ctx.unreadable)} timeline time(s) cannot be read (the first: {when!r}); "
            "kept as written",
            line,
        )
    if ctx.unzoned:
        zone = getattr(ctx.default_zone, "key", None) or str(ctx.default_zone)
        ctx.warn(
            f"{len(ctx.unzoned)} time(s) state no zone and the report names none; read as {zone}",
            ctx.unzoned[0],
        )
    if ctx.ambiguous:
        ctx.warn(
            f"{len(ctx.ambiguous)} date(s) could be read day-first or month-first; "
            "read month-first",
            ctx.ambiguous[0],
        )
