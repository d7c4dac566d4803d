"""The analysis sections as Markdown text, for people to edit in one text box each.

A section is read from the record into Markdown (``section.read``) and
written back from what was typed (``section.write``): free text as is,
lists as Markdown list items. Writing what was read changes nothing, so
opening a section and saving it loses no field:

- contributing factors: ``- **name**: description`` (an ``Impact:`` line under it);
- five whys: ``1. question`` with the answer on the lines under it;
- went well / poorly: ``- text`` (detail on the lines under it, ``Impact:`` line);
- lessons: ``- [process] text`` (``How to apply:`` line under it).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from warroom.domain.model import (
    ContributingFactor,
    Incident,
    Lesson,
    LessonCategory,
    Observation,
    Why,
)
from warroom.errors import ValidationError
from warroom.services.analysis_lists import (
    items_of,
    labelled,
    list_text,
    split_name,
    text_or_none,
)

MAX_SECTION = 50_000


@dataclass(frozen=True)
class AnalysisSection:
    name: str  # in URLs and form fields: root-cause
    title: str
    hint: str  # how to write it, shown under the text box
    read: Callable[[Incident], str]
    write: Callable[[Incident, str], None]


Reader = Callable[[Incident], str]
Writer = Callable[[Incident, str], None]


def _text(
    getter: Callable[[Incident], str | None], setter: Callable[[Incident, str | None], None]
) -> tuple[Reader, Writer]:
    """A free-text section: kept as typed, empty is "not recorded"."""
    return (lambda i: getter(i) or "", lambda i, text: setter(i, text_or_none(text)))


def _set(obj_of: Callable[[Incident], object], attr: str) -> Callable[[Incident, str | None], None]:
    return lambda incident, value: setattr(obj_of(incident), attr, value)


def _factors_text(incident: Incident) -> str:
    return list_text(
        [
            f"**{f.name}**: {f.description}" if f.description else f"**{f.name}**",
            *labelled("Impact", f.impact),
        ]
        for f in incident.analysis.contributing_factors
    )


def _write_factors(incident: Incident, text: str) -> None:
    factors = []
    for lines in items_of(text):
        name, description = split_name(lines[0])
        if not name:
            raise ValidationError(
                "each contributing factor needs a name: '- **name**: description'",
                field="contributing-factors",
            )
        rest, impact = _take(lines[1:], "Impact")
        description = "\n".join(filter(None, [description, *rest])) or None
        factors.append(ContributingFactor(name, description, impact))
    incident.analysis.contributing_factors = factors


def _whys_text(incident: Incident) -> str:
    return list_text(
        ([why.question, why.answer] for why in incident.analysis.five_whys), numbered=True
    )


def _write_whys(incident: Incident, text: str) -> None:
    whys = []
    for lines in items_of(text):
        question, answer = lines[0], "\n".join(lines[1:])
        if not answer and "?" in question.rstrip("?"):
            question, _, answer = question.partition("?")
            question += "?"
        whys.append(Why(question.strip(), answer.strip()))
    incident.analysis.five_whys = whys


def _observations(attr: str) -> tuple[Reader, Writer]:
    def read(incident: Incident) -> str:
        items: list[Observation] = getattr(incident.analysis, attr)
        return list_text(
            [o.text, *(o.detail or "").splitlines(), *labelled("Impact", o.impact)] for o in items
        )

    def write(incident: Incident, text: str) -> None:
        found = []
        for lines in items_of(text):
            rest, impact = _take(lines[1:], "Impact")
            found.append(Observation(lines[0], "\n".join(rest) or None, impact))
        setattr(incident.analysis, attr, found)

    return read, write


def _strings(attr: str) -> tuple[Reader, Writer]:
    def read(incident: Incident) -> str:
        return list_text(item.splitlines() for item in getattr(incident.analysis, attr))

    def write(incident: Incident, text: str) -> None:
        setattr(incident.analysis, attr, ["\n".join(lines) for lines in items_of(text)])

    return read, write


_CATEGORY = re.compile(r"^\[(\w+)\]\s*")


def _lessons_text(incident: Incident) -> str:
    return list_text(
        [f"[{lesson.category.value}] {lesson.text}", *labelled("How to apply", lesson.how_to_apply)]
        for lesson in incident.analysis.lessons
    )


def _write_lessons(incident: Incident, text: str) -> None:
    lessons = []
    for lines in items_of(text):
        first = lines[0]
        category = LessonCategory.TECHNICAL
        if match := _CATEGORY.match(first):
            try:
                category = LessonCategory(match.group(1).lower())
            except ValueError:
                raise ValidationError(
                    f"unknown lesson category [{match.group(1)}]; "
                    "use [technical], [process] or [communication]",
                    field="lessons",
                ) from None
            first = first[match.end() :]
        rest, how = _take(lines[1:], "How to apply")
        lessons.append(Lesson("\n".join([first, *rest]).strip(), category, how))
    incident.analysis.lessons = lessons


def _take(lines: list[str], label: str) -> tuple[list[str], str | None]:
    """The lines without the ``label: value`` line, and that value."""
    prefix = f"{label.lower()}:"
    rest = [line for line in lines if not line.lower().startswith(prefix)]
    found = [line[len(prefix) :].strip() for line in lines if line.lower().startswith(prefix)]
    return rest, ("\n".join(found) or None)


def _root(incident: Incident) -> object:
    return incident.analysis.root_cause


def _fix(incident: Incident) -> object:
    return incident.analysis.resolution


_LIST = "One item per line, starting with '- '; indented lines under an item belong to it."
SECTIONS: tuple[AnalysisSection, ...] = (
    AnalysisSection(
        "executive-summary",
        "Executive summary",
        "A few sentences for readers outside the team.",
        *_text(lambda i: i.executive_summary, lambda i, v: setattr(i, "executive_summary", v)),
    ),
    AnalysisSection(
        "trigger",
        "Trigger",
        "The event that set it off.",
        *_text(lambda i: i.analysis.trigger, _set(lambda i: i.analysis, "trigger")),
    ),
    AnalysisSection(
        "root-cause",
        "Root cause",
        "The primary cause: what happened.",
        *_text(lambda i: i.analysis.root_cause.summary, _set(_root, "summary")),
    ),
    AnalysisSection(
        "why",
        "Why it happened",
        "The conditions that let the cause do harm.",
        *_text(lambda i: i.analysis.root_cause.why, _set(_root, "why")),
    ),
    AnalysisSection(
        "why-not-caught",
        "Why it was not caught earlier",
        "Tests, reviews, alerts that could have caught it.",
        *_text(lambda i: i.analysis.root_cause.why_not_caught, _set(_root, "why_not_caught")),
    ),
    AnalysisSection(
        "contributing-factors",
        "Contributing factors",
        "- **short-name**: what it is and how it contributed. " + _LIST,
        _factors_text,
        _write_factors,
    ),
    AnalysisSection(
        "five-whys",
        "Five whys",
        "1. The question, ending with '?', then the answer on the next line, indented.",
        _whys_text,
        _write_whys,
    ),
    AnalysisSection(
        "immediate-fix",
        "Immediate fix",
        "What stopped the harm.",
        *_text(lambda i: i.analysis.resolution.immediate_fix, _set(_fix, "immediate_fix")),
    ),
    AnalysisSection(
        "long-term-fix",
        "Long-term fix",
        "What keeps it from happening again.",
        *_text(lambda i: i.analysis.resolution.long_term_fix, _set(_fix, "long_term_fix")),
    ),
    AnalysisSection(
        "verification",
        "Verification",
        "How you know the fix works.",
        *_text(lambda i: i.analysis.resolution.verification, _set(_fix, "verification")),
    ),
    AnalysisSection("went-well", "What went well", _LIST, *_observations("went_well")),
    AnalysisSection("went-poorly", "What went poorly", _LIST, *_observations("went_poorly")),
    AnalysisSection("lucky", "Where we got lucky", _LIST, *_strings("lucky")),
    AnalysisSection("surprises", "Surprising discoveries", _LIST, *_strings("surprises")),
    AnalysisSection(
        "lessons",
        "Lessons",
        "- [technical|process|communication] the lesson. " + _LIST,
        _lessons_text,
        _write_lessons,
    ),
)
SECTION_NAMES = tuple(section.name for section in SECTIONS)


def analysis_section(name: str) -> AnalysisSection:
    for section in SECTIONS:
        if section.name == name:
            return section
    raise ValidationError(
        f"unknown analysis section {name!r}; one of: {', '.join(SECTION_NAMES)}", field="section"
    )


def write_section(incident: Incident, name: str, text: str) -> None:
    """Set one section from what was typed (ValidationError naming the section)."""
    if len(text) > MAX_SECTION:
        raise ValidationError(f"the text is longer than {MAX_SECTION} characters", field=name)
    analysis_section(name).write(incident, text.replace("\r\n", "\n"))
