"""``warroom``: the command-line entry point."""

from __future__ import annotations

import importlib
import sys

from warroom.cli.app import app

# Each module adds its commands to ``app`` when imported.
COMMAND_MODULES = (
    "incidents",
    "actions",
    "transfer",
    "reports",
    "timeline",
    "webhooks",
    "serve",
    "users",
    "insights",
    "review",
    "followup",
    "search",
)
for _name in COMMAND_MODULES:
    importlib.import_module(f"warroom.cli.{_name}")


def run() -> None:
    """Run the CLI (errors are handled by the app's group, see ``cli.app``)."""
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    run()
