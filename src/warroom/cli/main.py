"""``warroom``: the command-line entry point. Errors become one red line and an exit code."""

from __future__ import annotations

import importlib
import sys

from warroom.cli.app import app

# Each module adds its commands to ``app`` when imported.
COMMAND_MODULES = ("incidents", "actions", "transfer")
for _name in COMMAND_MODULES:
    importlib.import_module(f"warroom.cli.{_name}")


def run() -> None:
    """Run the CLI; a WarroomError is printed without a traceback."""
    from warroom.errors import WarroomError

    try:
        app()
    except WarroomError as exc:
        where = f" ({exc.field})" if exc.field else ""
        from warroom.cli.app import err_console

        err_console().print(f"[bold red]error{where}:[/bold red] {exc.message}", markup=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    run()
