"""Every command has a section in docs/cli.md; every setting a row in docs/configuration.md."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import typer

from warroom.cli.main import app
from warroom.config import Settings

DOCS = Path(__file__).resolve().parents[3] / "docs"


def command_paths(group: typer.Typer, prefix: str = "warroom") -> Iterator[str]:
    for info in group.registered_commands:
        name = info.name or (info.callback.__name__ if info.callback else "")
        yield f"{prefix} {name.replace('_', '-').rstrip('-')}"
    for sub in group.registered_groups:
        assert sub.typer_instance is not None
        yield from command_paths(sub.typer_instance, f"{prefix} {sub.name}")


def test_every_command_is_documented() -> None:
    text = (DOCS / "cli.md").read_text()
    headings = {line[4:].strip() for line in text.splitlines() if line.startswith("### ")}
    missing = [path for path in command_paths(app) if path not in headings]
    assert not missing, f"add a '### <command>' section to docs/cli.md for: {missing}"


def test_every_setting_is_documented() -> None:
    text = (DOCS / "configuration.md").read_text()
    missing = [f.name for f in dataclasses.fields(Settings) if f"| `{f.name}` |" not in text]
    assert not missing, f"add a row to docs/configuration.md for: {missing}"
