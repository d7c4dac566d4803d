"""The CLI, run in-process against a real SQLite file per test."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from warroom.cli import app as cli_app
from warroom.cli.main import app


@dataclass
class Cli:
    runner: CliRunner
    database_url: str

    def __call__(self, *args: str, input: str | None = None) -> Result:
        return self.runner.invoke(app, list(args), input=input)

    def ok(self, *args: str, input: str | None = None) -> Result:
        result = self(*args, input=input)
        assert result.exit_code == 0, (result.stdout, result.stderr)
        return result


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Cli]:
    url = f"sqlite:///{tmp_path / 'warroom.db'}"
    monkeypatch.setenv("WARROOM_DATABASE_URL", url)
    monkeypatch.setenv("WARROOM_USER", "tester")
    monkeypatch.delenv("WARROOM_TIMEZONE", raising=False)
    monkeypatch.delenv("WARROOM_CONFIG", raising=False)
    cli_app.reset()
    yield Cli(CliRunner(), url)
    cli_app.reset()


# The API tests run on both databases: the integration tests' fixtures, and the API client.
from api_fixtures import api  # noqa: E402, F401
from web_fixtures import site  # noqa: E402, F401

from integration.conftest import *  # noqa: E402, F403
