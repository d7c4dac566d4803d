"""Importing Markdown reports written by hand: what would be created, then creating it.

``preview_report`` reads one report (``services.reports.read_report``, so
custom formats too) and checks it would store, without storing anything:
the recognised fields, the extra sections that keep what has no field, the
warnings, or the error that stops it. ``import_report`` reads it again and stores it. Each file is
its own transaction, so one bad file does not hold back the others.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from warroom.domain.model import Incident
from warroom.errors import WarroomError
from warroom.importers.result import ImportResult
from warroom.services.context import Context
from warroom.services.reports import read_report
from warroom.services.transfer import store_incidents

MAX_REPORT = 2 * 1024 * 1024


@dataclass
class ReportPreview:
    source_name: str
    text: str
    format_name: str = ""
    incident: Incident | None = None
    recognised: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None  # why it cannot be imported

    @property
    def importable(self) -> bool:
        return self.error is None and self.incident is not None


@dataclass(frozen=True)
class ImportedReport:
    source_name: str
    ref: str | None
    error: str | None


def read_upload(name: str, data: bytes) -> str:
    """The text of an uploaded report (UTF-8, a BOM allowed); ReportImportError otherwise."""
    from warroom.errors import ReportImportError

    if len(data) > MAX_REPORT:
        raise ReportImportError(f"{name}: larger than {MAX_REPORT // 1024} KiB", field="files")
    if b"\x00" in data:
        raise ReportImportError(f"{name}: not a text file", field="files")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ReportImportError(f"{name}: not UTF-8 text", field="files") from None


def _read(ctx: Context, source_name: str, text: str) -> ImportResult:
    return read_report(text, source_name=source_name, settings=ctx.settings)


def preview_report(ctx: Context, source_name: str, text: str) -> ReportPreview:
    """What importing this report would create, checked against the database, storing nothing."""
    preview = ReportPreview(source_name, text)
    try:
        result = _read(ctx, source_name, text)
        preview.format_name = result.format_name
        preview.incident = result.incident
        preview.recognised = list(result.recognised)
        preview.warnings = [
            f"line {w.line}: {w.message}" if w.line else w.message for w in result.warnings
        ]
        store_incidents(ctx, [_copy(result.incident)], dry_run=True)
    except WarroomError as exc:
        preview.error = exc.message
    return preview


def import_report(
    ctx: Context, source_name: str, text: str, *, actor: str | None
) -> ImportedReport:
    """Store one report as a new incident; the error instead when it cannot be."""
    try:
        result = _read(ctx, source_name, text)
        report = store_incidents(ctx, [result.incident], actor=actor)
    except WarroomError as exc:
        return ImportedReport(source_name, None, exc.message)
    return ImportedReport(source_name, report.created[0] if report.created else None, None)


def _copy(incident: Incident) -> Incident:
    """A copy for the dry run, which may fill in the reference and stamps."""
    from warroom.domain.record import from_record, to_record

    return from_record(to_record(incident))
