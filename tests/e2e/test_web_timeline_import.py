"""Timeline entries from a file, on the incident page: preview, confirm, no duplicates."""

from __future__ import annotations

import re

from web_fixtures import Site, error_next_to, form_value

from warroom.domain.model import Visibility
from warroom.services.incidents import DeclareIncident, declare_incident, get_incident

CSV = "timestamp,message\n2026-11-20 14:05,Error rate alert fired\n14:20,Rolled back deploy 4312\n"


def test_preview_then_confirm_adds_the_entries_once(site: Site) -> None:
    ref = declare_incident(
        site.ctx, DeclareIncident("Checkout", 1, started_at="2026-11-20 14:00")
    ).incident.ref
    rita = site.as_("rita")
    assert "/timeline/import" in rita.get(f"/incidents/{ref}").text
    rita.get(f"/incidents/{ref}/timeline/import")
    files = {"file": ("chat.csv", CSV.encode(), "text/csv")}
    preview = rita.post(f"/incidents/{ref}/timeline/import", {"tz": "CET"}, files=files)
    assert preview.status_code == 200
    assert "2 entries to add" in preview.text
    assert "2026-11-20 13:05 UTC" in preview.text  # 14:05 CET
    assert "2026-11-20 13:20 UTC" in preview.text  # a bare time, on the incident's date
    assert "were read as CET" in preview.text
    before = len(get_incident(site.ctx, ref).timeline)
    data = form_value(preview.text, "data")
    assert data
    confirm = {"name": "chat.csv", "data": data, "tz": "CET", "format": ""}
    done = rita.post(f"/incidents/{ref}/timeline/import/confirm", confirm)
    assert done.status_code == 200 and done.url.path == f"/incidents/{ref}"
    timeline = get_incident(site.ctx, ref).timeline
    assert len(timeline) == before + 2
    assert any(e.text == "Rolled back deploy 4312" and e.source.value == "import" for e in timeline)
    again = rita.post(f"/incidents/{ref}/timeline/import", {"tz": "CET"}, files=files)
    assert "0 entries to add" in again.text and "2 already on the timeline" in again.text


def test_bad_upload_is_shown_next_to_the_field(site: Site) -> None:
    ref = site.declare()
    rita = site.as_("rita")
    rita.get(f"/incidents/{ref}/timeline/import")
    empty = rita.post(f"/incidents/{ref}/timeline/import", {"tz": "CET"})
    assert empty.status_code == 422
    assert "choose a file" in error_next_to(empty.text, "ti-file")
    assert form_value(empty.text, "tz") == "CET"
    files = {"file": ("x.csv", b"when,what\nnot a time,hello\n", "text/csv")}
    bad = rita.post(f"/incidents/{ref}/timeline/import", {"format": "csv"}, files=files)
    assert bad.status_code == 422
    assert re.search(r"field-error", bad.text)


def test_viewers_and_outsiders_cannot_import(site: Site) -> None:
    private = declare_incident(
        site.ctx, DeclareIncident("Secret", 1, commander="pat", visibility=Visibility.PRIVATE)
    ).incident.ref
    assert site.as_("vic").get(f"/incidents/{site.declare()}/timeline/import").status_code == 403
    assert site.as_("rita").get(f"/incidents/{private}/timeline/import").status_code == 404
    assert site.as_("pat").get(f"/incidents/{private}/timeline/import").status_code == 200
