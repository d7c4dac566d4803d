"""What reading a report gives back: the record, and an account of every line."""

from __future__ import annotations

from dataclasses import dataclass, field

from warroom.domain.model import Incident


@dataclass(frozen=True)
class ImportWarning:
    message: str
    line: int | None = None  # 1-based line of the source, when there is one


@dataclass
class ImportResult:
    """An incident read from a report.

    ``incident.ref`` is ``""`` when the report states no reference (the
    service assigns one when it stores the record). ``line_fields`` maps each
    non-blank source line (1-based) to the field path it went into
    (``analysis.root_cause.summary``, ``timeline[3]``, ``extra_sections[0]``);
    every non-blank line is in it, so nothing is lost unseen.
    """

    incident: Incident
    format_name: str  # the format it was read as, or "freeform"
    source_name: str = "<text>"
    recognised: list[str] = field(default_factory=list)  # field paths that got a value
    warnings: list[ImportWarning] = field(default_factory=list)
    line_fields: dict[int, str] = field(default_factory=dict)
