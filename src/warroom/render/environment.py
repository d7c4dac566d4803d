"""The Jinja2 environments that render formats, built once and kept.

Built-in formats render in an environment that sees only the package's
templates, so a custom file can never change a built-in partial. Custom
formats render in one environment per formats folder, which sees that
folder first and the built-in templates after it (so a custom format may
``{% import "_macros.md.j2" as m %}``). Jinja's errors in a custom template
become a ``ValidationError`` naming the file and the line, here and only here.
"""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path
from types import TracebackType
from typing import Any

import jinja2

from warroom.errors import ValidationError
from warroom.render import context_parts, markup
from warroom.render.context import mentioning
from warroom.render.registry import BUILTIN_DIR, Format

FILTERS: dict[str, Any] = {
    **markup.FILTERS,
    "action_status": context_parts.action_status,
    "measure_text": context_parts.measure_text,
    "mentioning": mentioning,
    "standard_checklist": context_parts.standard_checklist,
    "standard_approvals": context_parts.standard_approvals,
}
TESTS: dict[str, Any] = {"recorded": markup.is_recorded}
GLOBALS: dict[str, Any] = {"gap": markup.GAP, "gap_row": markup.gap_row}


def _environment(loader: jinja2.BaseLoader, *, auto_reload: bool) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=loader,
        autoescape=False,  # the output is Markdown; markup.* escapes what needs it
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=auto_reload,
    )
    env.filters.update(FILTERS)
    env.tests.update(TESTS)
    env.globals.update(GLOBALS)
    return env


@cache
def builtin_environment() -> jinja2.Environment:
    """The environment of the built-in formats (package templates only)."""
    return _environment(jinja2.FileSystemLoader(BUILTIN_DIR), auto_reload=False)


@lru_cache(maxsize=16)
def custom_environment(formats_dir: str) -> jinja2.Environment:
    """The environment of one formats folder; it notices edited files."""
    loader = jinja2.ChoiceLoader(
        [jinja2.FileSystemLoader(formats_dir), jinja2.FileSystemLoader(BUILTIN_DIR)]
    )
    return _environment(loader, auto_reload=True)


def render_template(fmt: Format, context: dict[str, Any]) -> str:
    """Render ``fmt`` with ``context``; a custom template's errors name its file and line."""
    if fmt.source == "builtin":
        return builtin_environment().get_template(fmt.path.name).render(context)
    env = custom_environment(str(fmt.path.parent))
    try:
        return env.get_template(fmt.path.name).render(context)
    except jinja2.TemplateSyntaxError as exc:
        where = _where(exc.filename or exc.name or fmt.path.name, exc.lineno)
        raise ValidationError(f"{where}: {exc.message}", field="format") from None
    except jinja2.TemplateNotFound as exc:
        raise ValidationError(
            f"{fmt.path}: includes {exc.name!r}, which does not exist", field="format"
        ) from None
    except Exception as exc:  # a template's own mistake, at render time
        where = _where(*_template_frame(exc.__traceback__, fmt.path))
        raise ValidationError(f"{where}: {type(exc).__name__}: {exc}", field="format") from None


def _where(filename: str, line: int | None) -> str:
    return f"{filename}, line {line}" if line else filename


def _template_frame(tb: TracebackType | None, default: Path) -> tuple[str, int | None]:
    """The innermost traceback frame that runs template code (Jinja maps it to the source)."""
    found: tuple[str, int | None] = (str(default), None)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found
