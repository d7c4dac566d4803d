"""PDF: A4 pages with "Page N of M", the report's text, and no network access."""

from __future__ import annotations

import io
import socket

import pytest
from pypdf import PdfReader

from tests.unit.render.factories import full_incident
from warroom.config import Settings
from warroom.render import render_pdf
from warroom.render.pdf import html_to_pdf


def test_pdf_has_title_and_page_numbers(settings: Settings) -> None:
    data = render_pdf(full_incident(), "postmortem-report", settings)
    assert data.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(data))
    first = reader.pages[0]
    text = first.extract_text()
    assert "Incident Post-Mortem Report: Checkout API outage" in text
    assert f"Page 1 of {len(reader.pages)}" in text
    width, height = float(first.mediabox.width), float(first.mediabox.height)
    assert (round(width), round(height)) == (595, 842)  # A4 in points


def test_pdf_fetches_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the PDF renderer tried to open a network connection")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    page = (
        '<html><head><link rel="stylesheet" href="http://127.0.0.1:9/x.css"></head>'
        '<body><img src="http://127.0.0.1:9/x.png"><img src="file:///etc/passwd">'
        '<p style="background: url(https://example.com/t.png)">text</p></body></html>'
    )
    assert html_to_pdf(page).startswith(b"%PDF")
