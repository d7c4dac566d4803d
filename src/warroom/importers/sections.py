"""Blocks grouped into a tree of sections by heading, each section given a kind.

The first level-1 heading that does not name a known section is the title:
its section is the root, and what follows it up to the next heading is the
report's header (labels like ``**Severity**: SEV-2``). A heading written as
a label (``## Owner: @ann``) is read as a label line, not as a section.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TypeVar

from warroom.domain.model import ActionKind, Audience, Horizon, LessonCategory, MeasureKind, Phase
from warroom.importers.blocks import Block
from warroom.importers.synonyms import HEADINGS, INHERITING, INHERITING_DEEP, heading_kind
from warroom.importers.text import key_of, parenthetical, split_label, strip_markup
from warroom.importers.timeexpr import find_zone_note, match_stamp


@dataclass
class Section:
    """A heading, its own blocks, its subsections, and the kind and context read from it."""

    title: str  # the heading as a reader sees it; "" for a report without a title
    level: int
    heading: Block | None
    parent: Section | None = None
    blocks: list[Block] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)
    kind: str | None = None
    inherited: bool = False  # an unknown heading read with its parent's rules
    horizon: Horizon | None = None
    action_kind: ActionKind | None = None
    measure_kind: MeasureKind | None = None
    category: LessonCategory | None = None
    audience: Audience | None = None
    phase: Phase | None = None
    zone: str | None = None  # a zone the heading or a note in the section states
    done: bool = False  # read whole by an enclosing section's reader

    @property
    def key(self) -> str:
        return key_of(self.title)

    @property
    def line(self) -> int | None:
        return self.heading.start if self.heading else None

    def walk(self) -> Iterator[Section]:
        yield self
        for child in self.children:
            yield from child.walk()

    def zone_hint(self) -> str | None:
        section: Section | None = self
        while section is not None:
            if section.zone:
                return section.zone
            section = section.parent
        return None


T = TypeVar("T")


def _is_label_heading(block: Block) -> bool:
    if ":" not in block.text:
        return False
    labelled = split_label(block.text)
    return labelled is not None and heading_kind(labelled.key, None) is None


def build_tree(blocks: list[Block], *, title_heading: Block | None) -> Section:
    """The section tree; ``title_heading`` (if any) becomes the root."""
    root = Section(strip_markup(title_heading.text) if title_heading else "", 0, title_heading)
    stack = [root]
    for block in blocks:
        if block is title_heading:
            continue
        if block.kind != "heading":
            stack[-1].blocks.append(block)
            continue
        while len(stack) > 1 and stack[-1].level >= block.level:
            stack.pop()
        section = Section(strip_markup(block.text), block.level, block, parent=stack[-1])
        if _is_label_heading(block):
            # "## Owner: @ann": a label line written as a heading; it still ends the section above.
            section.heading, section.kind = None, "labels"
            section.blocks.append(Block("paragraph", block.start, [block.text]))
        stack[-1].children.append(section)
        stack.append(section)
    return root


def find_title_heading(blocks: list[Block]) -> Block | None:
    """The first level-1 heading that is not itself a known section name."""
    for block in blocks:
        if block.kind == "heading" and block.level == 1:
            # Only an exact section name ("# Overview") makes it a section, not a title.
            return None if key_of(block.text) in HEADINGS else block
    return None


_HORIZONS = (
    ("immediate", Horizon.IMMEDIATE),
    ("short", Horizon.SHORT),
    ("medium", Horizon.MEDIUM),
    ("mid", Horizon.MEDIUM),
    ("long", Horizon.LONG),
)
_ACTION_KINDS = (
    ("mitigat", ActionKind.MITIGATE),
    ("prevent", ActionKind.PREVENT),
    ("detect", ActionKind.DETECT),
    ("monitor", ActionKind.DETECT),
    ("alert", ActionKind.DETECT),
    ("process", ActionKind.PROCESS),
)
_MEASURE_KINDS = (
    ("monitor", MeasureKind.MONITORING),
    ("alert", MeasureKind.MONITORING),
    ("detect", MeasureKind.DETECTION),
    ("respon", MeasureKind.RESPONSE),
    ("process", MeasureKind.PROCESS),
    ("technical", MeasureKind.TECHNICAL),
    ("document", MeasureKind.DOCUMENTATION),
    ("training", MeasureKind.TRAINING),
)
_CATEGORIES = (
    ("technical", LessonCategory.TECHNICAL),
    ("process", LessonCategory.PROCESS),
    ("communicat", LessonCategory.COMMUNICATION),
)
_PHASES = (
    ("detect", Phase.DETECTION),
    ("respon", Phase.RESPONSE),
    ("resolution", Phase.RESOLUTION),
    ("recover", Phase.RESOLUTION),
    ("mitigat", Phase.RESOLUTION),
)


def _first(words: str, table: tuple[tuple[str, T], ...]) -> T | None:
    padded = f" {words}"
    for stem, value in table:
        if f" {stem}" in padded:
            return value
    return None


def classify(root: Section, override: dict[tuple[str | None, str], str]) -> None:
    """Give every section its kind and the context its heading states (horizon, zone...)."""
    for section in root.walk():
        if section is root:
            section.kind = "header"
            section.zone = _zone_in(section)
            continue
        if section.kind == "labels":
            continue
        parent = section.parent
        assert parent is not None
        parent_kind = None if parent is root else parent.kind
        key = section.key
        kind = override.get((parent_kind, key)) or override.get((None, key))
        inheriting = parent_kind in INHERITING and (
            not parent.inherited or parent_kind in INHERITING_DEEP
        )
        kind = kind or heading_kind(key, parent_kind, words=not inheriting)
        if kind is None:
            stamp = match_stamp(section.title, bare_dates=True)
            if stamp and (stamp.has_time or (stamp.has_date and stamp.end >= len(section.title))):
                kind = "timeline"
        if kind is None and inheriting:
            kind, section.inherited = parent_kind, True
        section.kind = kind
        words = f"{key} {key_of(parenthetical(section.title), drop_parens=False)}"
        section.horizon = _first(words, _HORIZONS) or parent.horizon
        section.action_kind = _first(words, _ACTION_KINDS) or parent.action_kind
        section.measure_kind = _first(words, _MEASURE_KINDS) or parent.measure_kind
        section.category = _first(words, _CATEGORIES) or parent.category
        section.phase = _first(words, _PHASES) if kind == "timeline" else None
        section.phase = section.phase or parent.phase
        section.audience = _audience(words) or parent.audience
        section.zone = _zone_in(section)


def _audience(words: str) -> Audience | None:
    padded = f" {words}"
    if any(f" {w}" in padded for w in ("external", "customer", "public", "status page")):
        return Audience.EXTERNAL
    if any(f" {w}" in padded for w in ("internal", "stakeholder", "executive")):
        return Audience.INTERNAL
    return None


def _zone_in(section: Section) -> str | None:
    """A zone the heading states ("Timeline (UTC)") or a note right under it states."""
    if section.heading is not None:
        zone = find_zone_note(section.heading.text)
        if zone:
            return zone
    for block in section.blocks[:3]:
        if block.kind == "paragraph":
            zone = find_zone_note(" ".join(block.lines))
            if zone:
                return zone
    return None
