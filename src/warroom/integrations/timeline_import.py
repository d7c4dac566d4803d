"""Importing a timeline kept elsewhere into an incident: preview, then commit.

``read_source`` opens what the user points at (a CSV, JSON Lines or log
file, a Slack export folder or its zip) and parses it; ``import_timeline``
adds the entries that are not on the incident yet (same time and text),
all in one write, or with ``dry_run`` only says what it would add.
"""

from __future__ import annotations

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
    if path.is_dir() or path.suffix.lower() == ".zip":
        return "slack"
    suffix = path.suffix.lower()
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
    """Read and parse ``path`` as ``fmt`` (guessed from the name when None)."""
    kind = (fmt or detect_format(path)).lower()
    if kind not in sources.FORMATS:
        raise ValidationError(
            f"unknown format {fmt!r}; one of: csv, jsonl, slack, log", field="from"
        )
    if not path.exists():
        raise ValidationError(f"{path} does not exist", field="file")
    clock = Clock(zone, base_date)
    if kind == "slack":
        files, users = _slack_files(path)
        return sources.parse_slack(files, users)
    text = _read_text(path)
    if kind == "csv":
        return sources.parse_csv(text, clock, time_column=time_column, text_column=text_column)
    if kind == "jsonl":
        return sources.parse_jsonl(text, clock)
    return sources.parse_log(text, clock)


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


def _read_text(path: Path) -> str:
    if path.stat().st_size > MAX_BYTES:
        raise ValidationError(f"{path} is larger than 50 MB", field="file")
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(f"{path} is not UTF-8 text", field="file") from None


def _slack_files(path: Path) -> tuple[dict[str, str], dict[str, str]]:
    """The daily JSON files of a channel export, and user names from users.json if present."""
    files: dict[str, str] = {}
    users_text: str | None = None
    if path.is_dir():
        for item in sorted(path.rglob("*.json")):
            if item.name == "users.json":
                users_text = _read_text(item)
            elif item.name[:4].isdigit():
                files[str(item.relative_to(path))] = _read_text(item)
    else:
        with zipfile.ZipFile(path) as archive:
            for name in sorted(archive.namelist()):
                base = name.rsplit("/", 1)[-1]
                if base == "users.json":
                    users_text = archive.read(name).decode("utf-8-sig")
                elif base.endswith(".json") and base[:4].isdigit():
                    files[name] = archive.read(name).decode("utf-8-sig")
    if not files:
        raise ValidationError(f"{path} holds no daily Slack files (YYYY-MM-DD.json)", field="file")
    users: dict[str, str] = {}
    if users_text:
        for user in json.loads(users_text):
            profile = user.get("profile") or {}
            users[user.get("id", "")] = (
                profile.get("real_name") or user.get("real_name") or user.get("name") or ""
            )
    return files, users
