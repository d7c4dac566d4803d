"""Nobody can lock the team out: the last active admin cannot be demoted or disabled."""

from __future__ import annotations

from functools import partial

import pytest

from warroom.config import Settings
from warroom.errors import ValidationError
from warroom.services import accounts
from warroom.services.context import Context
from warroom.storage import Database


def test_the_last_active_admin_stays(database: Database) -> None:
    ctx = Context(
        settings=Settings.load(environ={}, database_url=database.url),
        uow=database.unit_of_work,
        reader=partial(database.unit_of_work, read_only=True),
    )
    accounts.add_user(ctx, "ada", "admin")
    with pytest.raises(ValidationError, match="last active admin"):
        accounts.update_user(ctx, "ada", role="viewer")
    with pytest.raises(ValidationError, match="last active admin"):
        accounts.update_user(ctx, "ada", disabled=True)
    assert accounts.get_user(ctx, "ada").role is accounts.Role.ADMIN
    accounts.add_user(ctx, "bob", "admin")
    accounts.update_user(ctx, "ada", role="viewer")
    assert accounts.get_user(ctx, "ada").role is accounts.Role.VIEWER
