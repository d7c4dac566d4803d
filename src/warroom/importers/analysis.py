"""The analysis lists: what went well or poorly, luck, surprises, lessons, factors, whys,
prevention measures, resolution steps.

Each reader turns the entries of a section into items of one list and
claims their lines. Sub-items written as labels fill the item's parts
(``What:`` -> detail, ``Impact:``/``Why it helped:`` -> impact, ``How to
apply:`` -> how to apply); any other sub-item is added to the detail.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from warroom.domain.model import (
    ChecklistItem,
    ContributingFactor,
    Lesson,
    LessonCategory,
    MeasureKind,
    Observation,
    PreventionMeasure,
    Why,
)
from warroom.importers.context import Context, ItemRef
from warroom.importers.entries import Entry, section_entries, unclaimed
from warroom.importers.formats import STANDARD_CHECKLIST
from warroom.importers.sections import Section
from warroom.importers.text import is_placeholder, key_of, strip_markup

_DETAIL = frozenset(
    key_of(k)
    for k in (
        "what",
        "description",
        "details",
        "detail",
        "what we learned",
        "what happened",
        "learned",
        "lesson",
    )
)
_IMPACT = frozenset(
    key_of(k)
    for k in ("impact", "why it helped", "how it contributed", "effect", "result", "consequence")
)
_APPLY = frozenset(
    key_of(k)
    for k in (
        "how to apply",
        "how well apply it",
        "how we will apply it",
        "how we ll apply it",
        "action",
        "next step",
        "apply",
    )
)


def _parts(entry: Entry) -> tuple[str | None, str | None, str | None]:
    """(detail, impact, how to apply) from an entry's sub-items and prose."""
    detail: list[str] = [entry.detail] if entry.detail else []
    impact: list[str] = []
    apply: list[str] = []
    for key, value, _ in entry.labelled_children():
        if is_placeholder(value):
            continue
        if key in _DETAIL:
            detail.append(value)
        elif key in _IMPACT:
            impact.append(value)
        elif key in _APPLY:
            apply.append(value)
        elif key:
            detail.append(f"{key.capitalize()}: {value}")
        else:
            detail.append(value)
    return ("\n".join(detail) or None, "\n".join(impact) or None, "\n".join(apply) or None)


def _title(entry: Entry) -> str | None:
    title = entry.plain().rstrip(":").strip()
    return None if is_placeholder(entry.text) else title


def _add(ctx: Context, path: str, item: object, entry: Entry) -> None:
    target: list[object] = ctx.get(path)
    target.append(item)
    ctx.claim(entry.lines, ItemRef(path, item))


def _observations(path: str) -> Callable[[Context, Section, list[Entry]], None]:
    def read(ctx: Context, section: Section, entries: list[Entry]) -> None:
        for entry in entries:
            title = _title(entry)
            detail, impact, _ = _parts(entry)
            if title and detail is None and " — " in title:  # "text — detail"
                title, _, detail = title.partition(" — ")
            if title is None and detail is None:
                ctx.claim(entry.lines, "format")
                continue
            _add(
                ctx,
                path,
                Observation(title or detail or "", detail if title else None, impact),
                entry,
            )

    return read


def _strings(path: str) -> Callable[[Context, Section, list[Entry]], None]:
    def read(ctx: Context, section: Section, entries: list[Entry]) -> None:
        for entry in entries:
            if _title(entry) is None:
                ctx.claim(entry.lines, "format")
                continue
            text = entry.text
            if entry.children:
                text += "".join(f"\n  - {value}" for _, value, _ in entry.labelled_children())
            if entry.detail:
                text += f"\n\n{entry.detail}"
            target: list[str] = ctx.get(path)
            target.append(text)
            ctx.claim(entry.lines, path)

    return read


def _lessons(ctx: Context, section: Section, entries: list[Entry]) -> None:
    for entry in entries:
        category = section.category or LessonCategory.TECHNICAL
        raw = entry.text
        if label := _CATEGORY_LABEL.match(raw):  # "**Technical:** Configuration is code"
            category, raw = _CATEGORY[label[1].lower()], raw[label.end() :]
        first, _, rest = raw.partition("\n")
        if (note := _NOTE.search(first)) and note[1] in _CATEGORY:  # "**Title** _(process)_"
            category, first = _CATEGORY[note[1]], first[: note.start()]
        title = None if is_placeholder(first) else strip_markup(first).rstrip(":").strip()
        detail, _, apply = _parts(Entry(raw, entry.lines, entry.children, detail=rest or None))
        if detail is not None and entry.detail:
            detail = f"{detail}\n{entry.detail}" if entry.detail not in detail else detail
        title, detail, apply = _lesson_parts(title, detail, apply)
        if title is None and detail is None:
            ctx.claim(entry.lines, "format")
            continue
        text = f"{title}\n{detail}" if title and detail else title or detail or ""
        _add(ctx, "analysis.lessons", Lesson(text, category, apply), entry)


_CATEGORY = {c.value: c for c in LessonCategory}
_HOW = re.compile(r"\s+[—–-]\s+How (?:to apply|we(?:'ll| will) apply it):\s*(.+)$", re.S)
_CATEGORY_LABEL = re.compile(r"^\*\*(Technical|Process|Communication):\*\*\s+", re.I)


def _lesson_parts(
    title: str | None, detail: str | None, apply: str | None
) -> tuple[str | None, str | None, str | None]:
    """``Technical: Title\ndetail — How to apply: X`` -> title, detail, how to apply."""
    text = "\n".join(p for p in (title, detail) if p)
    if apply is None and (how := _HOW.search(text)):
        apply, text = how[1].strip(), text[: how.start()]
    first, _, rest = text.partition("\n")
    return first.strip() or None, rest.strip() or None, apply


def _factors(ctx: Context, section: Section, entries: list[Entry]) -> None:
    for entry in entries:
        title = _title(entry)
        detail, impact, _ = _parts(entry)
        if title is None:
            ctx.claim(entry.lines, "format")
            continue
        separator = " — " if " — " in title else ": " if ": " in title[:60] else None
        name, _, rest = title.partition(separator) if separator else (title, "", "")
        description = "\n".join(p for p in (rest, detail) if p) or None
        factor = ContributingFactor(name, description, impact)
        _add(ctx, "analysis.contributing_factors", factor, entry)


def _whys(ctx: Context, section: Section, entries: list[Entry]) -> None:
    for entry in entries:
        title = _title(entry)
        answers = [value for _, value, _ in entry.labelled_children() if not is_placeholder(value)]
        if title is None or (entry.children and not answers):
            ctx.claim(entry.lines, "format")
            continue
        question, answer = title, "\n".join(answers)
        if not answer and "?" in title:
            question, _, answer = title.partition("?")
            question += "?"
        _add(ctx, "analysis.five_whys", Why(question.strip(), answer.strip()), entry)


_NOTE = re.compile(r"\s*_\(([a-z_, ]{2,60})\)_\s*$")
_KINDS = {k.value: k for k in MeasureKind}


def add_measure(
    ctx: Context, text: str, lines: list[int], kind: MeasureKind, checked: bool | None
) -> PreventionMeasure | None:
    """A prevention measure; ``_(kind)_``/``_(done)_`` after the text override the section's."""
    if is_placeholder(text):
        ctx.claim(lines, "format")
        return None
    done = bool(checked)
    if note := _NOTE.search(text):  # "Runbook _(documentation, done)_"
        words = [w.strip() for w in note[1].split(",")]
        if all(w in _KINDS or w == "done" for w in words):
            kind = next((_KINDS[w] for w in words if w in _KINDS), kind)
            done = done or "done" in words
            text = text[: note.start()]
    measure = PreventionMeasure(strip_markup(text), kind, done)
    ctx.incident.analysis.prevention.append(measure)
    ctx.claim(lines, ItemRef("analysis.prevention", measure))
    return measure


def _prevention(ctx: Context, section: Section, entries: list[Entry]) -> None:
    kind = section.measure_kind or MeasureKind.TECHNICAL
    for entry in entries:
        add_measure(ctx, entry.text, entry.lines, kind, entry.checked)


def _checklist(ctx: Context, section: Section, entries: list[Entry]) -> None:
    for entry in entries:
        standard = not entry.checked and key_of(entry.text) in STANDARD_CHECKLIST
        if _title(entry) is None or standard:
            ctx.claim(entry.lines, "format")
            continue
        item = ChecklistItem(strip_markup(entry.text), bool(entry.checked))
        _add(ctx, "review.knowledge_sharing", item, entry)


LIST_READERS: dict[str, Callable[[Context, Section, list[Entry]], None]] = {
    "went_well": _observations("analysis.went_well"),
    "went_poorly": _observations("analysis.went_poorly"),
    "lucky": _strings("analysis.lucky"),
    "surprises": _strings("analysis.surprises"),
    "lessons": _lessons,
    "contributing_factors": _factors,
    "five_whys": _whys,
    "prevention": _prevention,
    "resolution_steps": _strings("analysis.resolution.steps"),
    "investigation_steps": _strings("analysis.resolution.investigation_steps"),
    "discussion": _strings("review.discussion_points"),
    "knowledge_sharing": _checklist,
}


def read_list_section(ctx: Context, section: Section) -> None:
    """Read a list-like section with the reader for its kind."""
    reader = LIST_READERS[section.kind or ""]
    if section.inherited and section.kind == "lessons" and _prose_only(ctx, section):
        # A lesson topic written as prose: its heading is the lesson, the prose stays as written.
        if section.heading is not None:
            lesson = Lesson(section.title, section.category or LessonCategory.TECHNICAL)
            ctx.incident.analysis.lessons.append(lesson)
            ctx.claim([section.heading.start], ItemRef("analysis.lessons", lesson))
        return
    reader(ctx, section, section_entries(ctx, section))


def _prose_only(ctx: Context, section: Section) -> bool:
    return not any(block.kind == "list" and unclaimed(ctx, block) for block in section.blocks)
