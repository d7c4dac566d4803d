"""HTML pages: standalone, titled, and nothing a user typed becomes markup."""

from __future__ import annotations

from html.parser import HTMLParser

from tests.unit.render.factories import empty_incident, full_incident
from warroom.config import Settings
from warroom.domain.model import Link, LinkKind, Observation
from warroom.render import render_html

HOSTILE = (
    '<script>alert("x")</script> and <img src=x onerror=alert(1)> '
    'and [click me](javascript:alert(1)) and <a href="javascript:alert(2)">there</a>'
)


class Elements(HTMLParser):
    """Every start tag with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _elements(page: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Elements()
    parser.feed(page)
    return parser.tags


def test_page_is_standalone_with_title(settings: Settings) -> None:
    page = render_html(full_incident(), "response-report", settings)
    assert page.startswith("<!DOCTYPE html>")
    assert "<title>INC-2026-11-20-001: Checkout API outage</title>" in page
    assert "<style>" in page and "@page" in page
    tags = {tag for tag, _ in _elements(page)}
    assert not tags & {"script", "link", "img", "iframe", "object"}
    assert "<table>" in page and "<th>Owner</th>" in page


def test_task_lists_show_boxes(settings: Settings) -> None:
    page = render_html(full_incident(), "response-report", settings)
    assert '<li class="task done"><span class="box">☑</span> Incident commander assigned' in page
    assert "[x]" not in page


def test_user_text_cannot_inject_markup(settings: Settings) -> None:
    incident = empty_incident()
    incident.title = "Outage <script>alert(1)</script>"
    incident.executive_summary = HOSTILE
    incident.analysis.went_well.append(Observation(HOSTILE))
    incident.links.append(Link("javascript:alert(3)", "dashboard", LinkKind.DASHBOARD))
    for name in ("response-report", "post-incident-review", "incident-postmortem"):
        page = render_html(incident, name, settings)
        assert "<script" not in page.lower()
        for tag, attrs in _elements(page):
            assert tag not in ("script", "img", "iframe")
            for attribute, value in attrs.items():
                assert not attribute.startswith("on"), (tag, attribute)
                assert not (value or "").strip().lower().startswith("javascript:"), (tag, value)
        assert "&lt;script&gt;" in page  # shown as text, not dropped


def test_cell_line_breaks_become_br(settings: Settings) -> None:
    incident = full_incident()
    incident.action_items[0].title = "First line\nsecond line | with a pipe"
    page = render_html(incident, "incident-postmortem", settings)
    assert "First line<br>second line | with a pipe" in page
