"""Importing a timeline kept elsewhere into an incident: preview, then commit.

``read_source`` opens what the user points at (a CSV, JSON Lines or log
file, a Slack export folder or its zip) and parses it; ``import_timeline``
adds the entries that are not on the incident yet (same time and text),
all in one write, or with ``dry_run`` only says what it would add.
"""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass, field
from datetime import date, tzinfo
from pathlib import Path

from warroom.domain import incident as rules
from warroom.domain.model import EventKind, Incident, Source, TimelineEvent
from warroom.domain.times import ensure_utc
from warroom.errors import ValidationError
from warroom.integrations import timeline_sources as sources
from warroom.integrations.timeline_sources import Clock, SourceEntry
from warroom.services.context import Context
from warroom.services.incidents import get_incident, mutate

MAX_BYTES = 50 * 1024 * 1024


@dataclass
class TimelineImport:
    """What an import added (or, in a dry run, would add) and what it skipped."""

    ref: str
    added: list[SourceEntry] = field(default_factory=list)
    duplicates: list[SourceEntry] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    dry_run: bool = False


def detect_format(path: Path) -> str:
    if path.is_dir():
        return "slack"
    return format_for_name(path.name)


def format_for_name(name: str) -> str:
    """The format a file name suggests: .csv/.tsv, .jsonl/.ndjson, .zip (Slack), else a log."""
    suffix = Path(name).suffix.lower()
    if suffix == ".zip":
        return "slack"
    if suffix in (".csv", ".tsv"):
        return "csv"
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    return "log"


def read_source(
    path: Path,
    fmt: str | None,
    *,
    zone: tzinfo,
    base_date: date | None,
    time_column: str | None = None,
    text_column: str | None = None,
) -> list[SourceEntry]:
    """Read and parse ``path`` (a file, or a Slack export folder) as ``fmt`` (None: guessed)."""
    kind = _kind(fmt or detect_format(path))
    if not path.exists():
        raise ValidationError(f"{path} does not exist", field="file")
    if kind == "slack" and path.is_dir():
        return sources.parse_slack(*_slack_folder(path))
    if path.stat().st_size > MAX_BYTES:
        raise ValidationError(f"{path} is larger than 50 MB", field="file")
    return parse_upload(
        path.name,
        path.read_bytes(),
        kind,
        zone=zone,
        base_date=base_date,
        time_column=time_column,
        text_column=text_column,
    )


def parse_upload(
    name: str,
    data: bytes,
    fmt: str | None,
    *,
    zone: tzinfo,
    base_date: date | None,
    time_column: str | None = None,
    text_column: str | None = None,
) -> list[SourceEntry]:
    """Parse the bytes of an uploaded file (a Slack export as its zip): for the web page."""
    kind = _kind(fmt or format_for_name(name))
    if len(data) > MAX_BYTES:
        raise ValidationError(f"{name} is larger than 50 MB", field="file")
    if kind == "slack":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                return sources.parse_slack(*_slack_zip(archive, name))
        except zipfile.BadZipFile:
            raise ValidationError(f"{name} is not a zip of a Slack export", field="file") from None
    text = _decode(data, name)
    clock = Clock(zone, base_date)
    if kind == "csv":
        return sources.parse_csv(text, clock, time_column=time_column, text_column=text_column)
    if kind == "jsonl":
        return sources.parse_jsonl(text, clock)
    return sources.parse_log(text, clock)


def _kind(fmt: str) -> str:
    kind = fmt.strip().lower()
    if kind not in sources.FORMATS:
        known = ", ".join(sources.FORMATS)
        raise ValidationError(f"unknown format {fmt!r}; one of: {known}", field="from")
    return kind


def incident_day(ctx: Context, ref: str) -> date | None:
    """The incident's local day: what a bare ``14:05`` in a file is read on."""
    incident = get_incident(ctx, ref)
    moment = incident.milestones.started or incident.created_at
    return moment.astimezone(ctx.settings.zone).date() if moment else None


def import_timeline(
    ctx: Context,
    ref: str,
    entries: list[SourceEntry],
    *,
    dry_run: bool = False,
    author: str | None = None,
    zone_name: str | None = None,
    kind: EventKind = EventKind.OBSERVATION,
) -> TimelineImport:
    """Add the entries not already on the incident's timeline (same time and text), at once."""
    result = TimelineImport(ref=ref, dry_run=dry_run)
    assumed = sum(1 for entry in entries if entry.assumed_zone)
    if assumed:
        zone = zone_name or ctx.settings.timezone
        result.notes.append(f"{assumed} time(s) had no zone and were read as {zone}")

    def change(incident: Incident) -> None:
        result.ref = incident.ref
        present = {(ensure_utc(e.at), e.text.strip()) for e in incident.timeline}
        result.added.clear()
        result.duplicates.clear()
        for entry in entries:
            key = (ensure_utc(entry.at), entry.text.strip())
            if key in present:
                result.duplicates.append(entry)
                continue
            present.add(key)
            result.added.append(entry)
            if not dry_run:
                event = TimelineEvent(
                    at=entry.at,
                    text=entry.text.strip(),
                    kind=kind,
                    source=Source.IMPORT,
                    author=entry.author or author,
                )
                rules.add_event(incident, event)

    if dry_run:
        change(get_incident(ctx, ref))
    else:
        mutate(ctx, ref, change, actor=author, action="timeline_import")
    return result


def _decode(data: bytes, name: object) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(f"{name} is not UTF-8 text", field="file") from None


def _slack_folder(path: Path) -> tuple[dict[str, str], dict[str, str]]:
    """The daily JSON files of a channel export folder, and names from its users.json."""
    files: dict[str, str] = {}
    users_text: str | None = None
    for item in sorted(path.rglob("*.json")):
        if item.name == "users.json":
            users_text = _decode(item.read_bytes(), item)
        elif item.name[:4].isdigit():
            files[str(item.relative_to(path))] = _decode(item.read_bytes(), item)
    return _slack_parts(files, users_text, path)


def _slack_zip(archive: zipfile.ZipFile, name: str) -> tuple[dict[str, str], dict[str, str]]:
    files: dict[str, str] = {}
    users_text: str | None = None
    for member in sorted(archive.namelist()):
        base = member.rsplit("/", 1)[-1]
        if base == "users.json":
            users_text = _decode(archive.read(member), member)
        elif base.endswith(".json") and base[:4].isdigit():
            files[member] = _decode(archive.read(member), member)
    return _slack_parts(files, users_text, name)


def _slack_parts(
    files: dict[str, str], users_text: str | None, where: object
) -> tuple[dict[str, str], dict[str, str]]:
    if not files:
        raise ValidationError(f"{where} holds no daily Slack files (YYYY-MM-DD.json)", field="file")
    users: dict[str, str] = {}
    try:
        listed = json.loads(users_text) if users_text else []
    except json.JSONDecodeError as exc:
        raise ValidationError(
            f"{where}: users.json is not JSON ({exc.msg})", field="file"
        ) from None
    for user in listed if isinstance(listed, list) else []:
        if isinstance(user, dict):
            profile = user.get("profile") or {}
            users[str(user.get("id", ""))] = (
                profile.get("real_name") or user.get("real_name") or user.get("name") or ""
            )
    return files, users
