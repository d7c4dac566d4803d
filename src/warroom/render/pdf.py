"""Rendering a report as PDF: WeasyPrint over the HTML page, A4, "Page N of M".

WeasyPrint never touches the network here: the page has no external assets,
and the URL fetcher refuses everything but ``data:`` URLs, so a link or an
image URL in user text cannot make the server fetch anything.
"""

from __future__ import annotations

from typing import Any

from warroom.config import Settings
from warroom.domain.model import Incident
from warroom.render.html import render_html

# Glyphs the fonts a server usually has (DejaVu) lack, and what to print instead.
PRINT_GLYPHS = {"✅": "✔", "⚠️": "⚠", "\ufe0f": ""}


def render_pdf(incident: Incident, format_name: str, settings: Settings) -> bytes:
    """The report as PDF bytes (A4, page numbers in the footer)."""
    return html_to_pdf(render_html(incident, format_name, settings))


def html_to_pdf(page: str) -> bytes:
    """PDF bytes of a standalone HTML page, fetching nothing."""
    import weasyprint  # imported here: loading it costs ~0.3 s that Markdown renders never pay

    for glyph, replacement in PRINT_GLYPHS.items():
        page = page.replace(glyph, replacement)
    document = weasyprint.HTML(string=page, base_url=None, url_fetcher=_offline_fetcher())
    pdf: bytes = document.write_pdf()
    return pdf


def _offline_fetcher() -> Any:
    """A URL fetcher that serves ``data:`` URLs and refuses all others."""
    from weasyprint.urls import URLFetcher

    class OfflineFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            if not url.startswith("data:"):
                raise ValueError(f"warroom reports fetch nothing: refused {url[:80]}")
            return super().fetch(url, headers)

    return OfflineFetcher(allowed_protocols={"data"})
