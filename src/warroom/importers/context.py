"""What one import carries while it reads: the record, the line ledger, zones, dates, warnings.

The ledger is the "nothing is lost" book: every line a reader uses is
claimed for the field it went to. A claim may name an item of a list by
identity (``ItemRef``); its index is resolved once the lists are final
(the timeline is sorted, duplicates are dropped).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, tzinfo
from typing import Any

from warroom.domain.model import Incident
from warroom.domain.severity import SeverityScale
from warroom.errors import ValidationError
from warroom.importers.result import ImportWarning
from warroom.importers.timeexpr import Stamp, infer_year, match_stamp, to_utc, zone_of


@dataclass(frozen=True)
class ItemRef:
    """A claim on one item of a list of the record, found by identity at the end."""

    path: str  # "timeline", "action_items", "analysis.lessons"
    item: object


Target = str | ItemRef


@dataclass
class StatedTime:
    """A milestone time the report states, with how sure it is (labels beat keywords)."""

    at: datetime
    line: int
    strength: int  # 2: a label names it; 1: a timeline entry's words suggest it


@dataclass
class Context:
    """The state of one import (see the module docstring)."""

    incident: Incident
    scale: SeverityScale
    default_zone: tzinfo
    claims: dict[int, Target] = field(default_factory=dict)
    warnings: list[ImportWarning] = field(default_factory=list)
    zone_name: str | None = None  # the zone a note states for the whole report
    ref_date: date | None = None  # the report's own date, for dates written without a year
    stated: dict[str, StatedTime] = field(default_factory=dict)
    durations: list[tuple[str, int, int]] = field(default_factory=list)  # (what, seconds, line)
    derived_lines: set[int] = field(default_factory=set)  # metric lines that gave a milestone
    untimed: list[int] = field(default_factory=list)  # timeline dates without a time of day
    unreadable: list[tuple[int, str]] = field(default_factory=list)  # timeline times not read
    unzoned: list[int] = field(default_factory=list)  # lines with a time read in a default zone
    ambiguous: list[int] = field(default_factory=list)
    format_labels: dict[str, tuple[str, str]] = field(default_factory=dict)  # the format's own
    notes: list[tuple[str, str]] = field(default_factory=list)  # (section, text) kept as extra
    severity_line: int | None = None
    status_stated: bool = False
    fallback_title: str = "Untitled"
    # Lines that restate what the record holds ("Status page updates: 2"): claimed at the
    # end if the check passes, else kept verbatim in an extra section.
    derived: list[tuple[list[int], Callable[[], bool], str]] = field(default_factory=list)

    def warn(self, message: str, line: int | None = None) -> None:
        self.warnings.append(ImportWarning(message, line))

    def claim(self, lines: Iterable[int], target: Target) -> None:
        for number in lines:
            self.claims.setdefault(number, target)

    def derive(self, lines: Iterable[int], check: Callable[[], bool], target: str) -> None:
        """Lines that repeat what the record holds: claimed now, given back at the end
        (for an extra section) unless ``check()`` holds."""
        numbers = [n for n in lines if n not in self.claims]
        self.claim(numbers, target)
        self.derived.append((numbers, check, target))

    def claimed(self, line: int) -> bool:
        return line in self.claims

    def zone(self, hint: str | None = None) -> tuple[tzinfo, bool]:
        """The zone for a time written without one, and whether it is only the default."""
        for name in (hint, self.zone_name):
            if name:
                return zone_of(name, self.default_zone), False
        return self.default_zone, True

    def stamp_time(
        self, stamp: Stamp, line: int, *, zone_hint: str | None = None, day: date | None = None
    ) -> datetime | None:
        """The UTC time of a stamp; ``None`` (with a warning) if it names no real day."""
        base = day or self.ref_date
        if stamp.has_date and stamp.year is None:
            assert stamp.month is not None and stamp.day is not None
            reference = base or date.today()
            stamp = _with_year(stamp, infer_year(stamp.month, stamp.day, reference))
        if stamp.ambiguous:
            self.ambiguous.append(line)
        if not stamp.has_date and base is None:
            self.warn(
                "a time is written without a date and the report states none; read on today's date",
                line,
            )
            base = date.today()
        zone, assumed = self.zone(zone_hint)
        try:
            at, no_zone = to_utc(stamp, zone=zone, day=base or date.today())
        except ValidationError as exc:
            self.warn(f"cannot read the time: {exc.message}", line)
            return None
        if no_zone and assumed and stamp.has_time:
            self.unzoned.append(line)
        return at

    def read_time(
        self, text: str, line: int, *, zone_hint: str | None = None, day: date | None = None
    ) -> datetime | None:
        """A label value that is a time and nothing else (``2024-03-05 14:05 UTC``)."""
        stamp = match_stamp(text.strip().strip("[]*_` "))
        if stamp is None or (not stamp.has_time and not stamp.has_date):
            return None
        rest = text.strip().strip("[]*_` ")[stamp.end :].strip()
        if rest and not (rest.startswith("(") or rest.lower() in ("approx", "approximately")):
            return None
        return self.stamp_time(stamp, line, zone_hint=zone_hint, day=day)

    def state_milestone(self, name: str, at: datetime, line: int, strength: int) -> bool:
        """Note a milestone the report states; a stronger or earlier statement wins."""
        current = self.stated.get(name)
        if current is None or strength > current.strength:
            self.stated[name] = StatedTime(at, line, strength)
            return True
        return current.at == at

    def _owner(self, path: str) -> tuple[Any, str]:
        *parents, name = path.split(".")
        owner: Any = self.incident
        for part in parents:
            owner = getattr(owner, part)
        return owner, name

    def get(self, path: str) -> Any:
        owner, name = self._owner(path)
        return getattr(owner, name)

    def put(self, path: str, value: Any, lines: Iterable[int]) -> bool:
        """Set a field the report states once; a second, different value is not taken."""
        owner, name = self._owner(path)
        current = getattr(owner, name)
        if current not in (None, "") and current != value:
            return False
        setattr(owner, name, value)
        self.claim(lines, path)
        return True

    def add_text(self, path: str, text: str, lines: Iterable[int]) -> None:
        """Add prose to a text field: kept once if repeated, appended as a paragraph if new."""
        owner, name = self._owner(path)
        current: str | None = getattr(owner, name)
        text = text.strip()
        if text and (current is None or not current.strip()):
            setattr(owner, name, text)
        elif text and current is not None and text not in current:
            setattr(owner, name, text if current in text else f"{current}\n\n{text}")
        self.claim(lines, path)


def _with_year(stamp: Stamp, year: int) -> Stamp:
    return replace(stamp, year=year)
