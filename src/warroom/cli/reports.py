"""``warroom report`` and ``warroom formats``: an incident as a report, in the team's format."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from warroom.cli.app import app, author, console, context, done, err_console, print_json, settings

if TYPE_CHECKING:
    from warroom.domain.model import Incident
    from warroom.importers.result import ImportResult

OUTPUTS = ("md", "html", "pdf")


@app.command()
def report(
    target: Annotated[
        str, typer.Argument(help="An incident's reference, or a Markdown report file.")
    ],
    format_name: Annotated[
        str, typer.Option("--format", "-f", help="Report format (see 'warroom formats').")
    ] = "post-incident-review",
    to: Annotated[str, typer.Option("--to", "-t", help="md, html or pdf.")] = "md",
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write here (needed for a PDF on a terminal)."),
    ] = None,
) -> None:
    """Render an incident as a report: Markdown, a standalone HTML page, or a PDF.

    The target may be a Markdown file instead of a reference: it is read
    (like 'warroom import --dry-run') and rendered, without any database.

    Example: warroom report INC-2026-11-20-001 --format incident-report --to pdf -o report.pdf
    """
    from warroom.errors import ValidationError
    from warroom.render import get_format, render_html, render_markdown, render_pdf

    kind = to.lower().removeprefix(".")
    if kind not in OUTPUTS:
        raise ValidationError(f"unknown output {to!r}; use md, html or pdf", field="to")
    get_format(format_name, settings())
    incident = load_target(target)
    if kind == "pdf":
        data = render_pdf(incident, format_name, settings())
        if output is None and sys.stdout.isatty():
            raise ValidationError("a PDF goes to a file: add -o report.pdf", field="output")
        if output is None:
            sys.stdout.buffer.write(data)
            return
        output.write_bytes(data)
    else:
        text = (render_markdown if kind == "md" else render_html)(incident, format_name, settings())
        if output is None:
            sys.stdout.write(text)
            return
        output.write_text(text, encoding="utf-8")
    done(f"wrote {output} ({format_name}, {kind})")


def load_target(target: str) -> Incident:
    """The incident named by a reference, or read from a Markdown file (no database)."""
    from warroom.services.incidents import get_incident

    read = read_target_file(target)
    if read is not None:
        return read[0].incident
    return get_incident(context(), target)


def read_target_file(target: str, format_name: str = "auto") -> tuple[ImportResult, str] | None:
    """The report in ``target`` and its text, when it names a file (not a reference)."""
    path = Path(target)
    if not (path.suffix.lower() in (".md", ".markdown", ".txt") or path.is_file()):
        return None
    from warroom.importers import read_report_file
    from warroom.services.reports import read_report

    text = read_report_file(path)
    result = read_report(text, source_name=str(path), settings=settings(), format_name=format_name)
    return result, text


@app.command()
def lint(
    targets: Annotated[
        list[str], typer.Argument(help="Markdown report files and/or incident references.")
    ],
    json_out: Annotated[bool, typer.Option("--json", help="Print the findings as JSON.")] = False,
    format_name: Annotated[
        str, typer.Option("--format", "-f", help="Report format of the files, or auto.")
    ] = "auto",
) -> None:
    """Find gaps and contradictions: placeholders left, required sections missing, action
    items without owner, durations that contradict the timeline, blame language...

    Exit status 1 when any finding is an error, so it works as a pre-commit hook
    and in CI. docs/lint.md lists every rule with an example.

    Example: warroom lint postmortems/*.md
    """
    from warroom.lint import (
        findings_to_json,
        format_findings_text,
        has_errors,
        lint_incident,
    )
    from warroom.services.incidents import get_incident

    failed = False
    report: list[dict[str, object]] = []
    for target in targets:
        read = read_target_file(target, format_name)
        if read is not None:
            result, text = read
            findings = lint_incident(result.incident, settings=settings(), source=result, text=text)
        else:
            findings = lint_incident(get_incident(context(), target), settings=settings())
        failed = failed or has_errors(findings)
        if json_out:
            report.append({"target": target, "findings": findings_to_json(findings)})
        elif findings:
            typer.echo(format_findings_text(findings, target))
        else:
            done(f"{target}: no findings")
    if json_out:
        print_json(report)
    if failed:
        raise typer.Exit(1)


@app.command()
def formats(json_out: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """List the report formats: the five built in, and your own from WARROOM_FORMATS_DIR."""
    from rich.table import Table

    from warroom.render import list_formats

    found = list_formats(settings())
    if json_out:
        print_json(
            [
                {
                    "name": f.name,
                    "title": f.title,
                    "description": f.description,
                    "source": f.source,
                    "path": str(f.path),
                }
                for f in found
            ]
        )
        return
    table = Table(show_edge=False, header_style="bold")
    for column in ("Name", "Title", "Source", "Description"):
        table.add_column(column, overflow="fold")
    for f in found:
        table.add_row(f.name, f.title, f.source, f.description)
    console().print(table)


@app.command()
def edit(
    ref: Annotated[str, typer.Argument(help="The incident's reference.")],
    format_name: Annotated[
        str, typer.Option("--format", "-f", help="Report format to edit in.")
    ] = "post-incident-review",
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Apply without asking.")] = False,
) -> None:
    """Edit an incident as a Markdown report in $EDITOR; what you change is applied.

    On save, the report is read back, the changes are shown as a list, and
    applied in one write, refused if someone changed the incident meanwhile
    (your edited file is kept, and its path printed, so nothing is lost).
    """
    import os
    import shlex
    import subprocess
    import tempfile

    from warroom.errors import StaleVersionError, ValidationError
    from warroom.render import render_markdown
    from warroom.services.incidents import get_incident
    from warroom.services.report_edit import apply_report_edit, plan_report_edit

    ctx = context()
    incident = get_incident(ctx, ref)
    original = render_markdown(incident, format_name, settings())
    with tempfile.NamedTemporaryFile(
        "w", suffix=".md", prefix=f"{incident.ref}-", delete=False, encoding="utf-8"
    ) as handle:
        handle.write(original)
    path = Path(handle.name)
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    if subprocess.run([*shlex.split(editor), str(path)], check=False).returncode != 0:
        raise ValidationError(
            f"the editor exited with an error; your text is in {path}", field="editor"
        )
    edited = path.read_text(encoding="utf-8")
    plan = plan_report_edit(original, edited, format_name=format_name, ctx=ctx)
    for warning in plan.warnings:
        err_console().print(f"[yellow]warning:[/yellow] {warning}")
    if plan.empty:
        path.unlink()
        done("no changes")
        return
    for line in plan.describe():
        typer.echo(line)
    if not yes and not typer.confirm("Apply these changes?", default=True):
        done(f"not applied; your text is in {path}")
        return
    try:
        outcome = apply_report_edit(
            ctx, incident.ref, plan, expected_version=incident.version, actor=author()
        )
    except StaleVersionError as exc:
        exc.message += f"; your edited report is kept in {path}"
        raise
    path.unlink()
    done(f"{outcome.incident.ref} updated (version {outcome.incident.version})")
