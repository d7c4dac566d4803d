"""The analysis lists: what went well or poorly, luck, surprises, lessons, factors, whys,
prevention measures, resolution steps.

Each reader turns the entries of a section into items of one list and
claims their lines. Sub-items written as labels fill the item's parts
(``What:`` -> detail, ``Impact:``/``Why it helped:`` -> impact, ``How to
apply:`` -> how to apply); any other sub-item is added to the detail.
"""

from __future__ import annotations

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
from warroom.importers.sections import Section
from warroom.importers.text import is_placeholder, key_of, strip_markup

_DETAIL = frozenset(key_of(k) for k in ("what", "description", "details", "detail", "what we learned",
                                         "what happened", "learned", "lesson"))  # fmt: skip
_IMPACT = frozenset(key_of(k) for k in ("impact", "why it helped", "how it contributed", "effect",
                                         "result", "consequence"))  # fmt: skip
_APPLY = frozenset(key_of(k) for k in ("how to apply", "how well apply it", "how we will apply it",
                                        "how we ll apply it", "action", "next step", "apply"))  # fmt: skip


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
            if title is None and detail is None:
                ctx.claim(entry.lines, "format")
                continue
            _add(ctx, path, Observation(title or detail or "", detail if title else None, impact),
                 entry)  # fmt: skip

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
    category = section.category or LessonCategory.TECHNICAL
    for entry in entries:
        title = _title(entry)
        detail, _, apply = _parts(entry)
        if title is None and detail is None:
            ctx.claim(entry.lines, "format")
            continue
        text = f"{title}: {detail}" if title and detail else title or detail or ""
        _add(ctx, "analysis.lessons", Lesson(text, category, apply), entry)


def _factors(ctx: Context, section: Section, entries: list[Entry]) -> None:
    for entry in entries:
        title = _title(entry)
        detail, impact, _ = _parts(entry)
        if title is None:
            ctx.claim(entry.lines, "format")
            continue
        name, _, rest = title.partition(": ") if ": " in title[:60] else (title, "", "")
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


def _prevention(ctx: Context, section: Section, entries: list[Entry]) -> None:
    kind = section.measure_kind or MeasureKind.TECHNICAL
    for entry in entries:
        title = _title(entry)
        if title is None:
            ctx.claim(entry.lines, "format")
            continue
        measure = PreventionMeasure(strip_markup(entry.text), kind, bool(entry.checked))
        _add(ctx, "analysis.prevention", measure, entry)


def _checklist(ctx: Context, section: Section, entries: list[Entry]) -> None:
    for entry in entries:
        if _title(entry) is None:
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
