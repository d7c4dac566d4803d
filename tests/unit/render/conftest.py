"""Fixtures of the renderer tests: settings without a database, and two incidents."""

from __future__ import annotations

import pytest

from tests.unit.render.factories import empty_incident, full_incident
from warroom.config import Settings
from warroom.domain.model import Incident


@pytest.fixture
def settings() -> Settings:
    return Settings(database_url="sqlite://")


@pytest.fixture
def full() -> Incident:
    return full_incident()


@pytest.fixture
def empty() -> Incident:
    return empty_incident()
