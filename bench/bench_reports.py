"""Render and import throughput, each against the Markdown parser alone on the same text.

    python -m bench.bench_reports [--seconds 2]

- render: reports per second for each format, as Markdown, HTML and PDF, of
  a realistic incident (bench/synthetic.py); floor: markdown-it parsing the
  rendered Markdown of that format (what any renderer must at least do);
- import: the real published postmortems in ../shared/fixtures/real-reports,
  reports per second through ``import_markdown``; floor: markdown-it parsing
  the same texts.

Figures go to bench/results/reports.json.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt

from bench.synthetic import generate
from warroom.config import Settings
from warroom.importers import import_markdown
from warroom.render import BUILTIN_FORMATS, render_html, render_markdown, render_pdf

RESULTS = Path(__file__).parent / "results"
REAL_REPORTS = Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "real-reports"


def rate(fn: Callable[[], Any], seconds: float) -> float:
    """Calls per second over at least ``seconds`` (and at least 3 calls)."""
    fn()  # warm caches (templates, regexes)
    calls, start = 0, time.perf_counter()
    while calls < 3 or time.perf_counter() - start < seconds:
        fn()
        calls += 1
    return calls / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=2.0)
    args = parser.parse_args()
    settings = Settings.load(environ={}, database_url="sqlite://")
    parser_only = MarkdownIt("commonmark").enable("table")
    incident = generate(1, seed=11)[0]
    results: dict[str, Any] = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "incident": {
            "timeline": len(incident.timeline),
            "action_items": len(incident.action_items),
        },
        "render": {},
    }
    for fmt in BUILTIN_FORMATS:
        text = render_markdown(incident, fmt.name, settings)
        floor = rate(lambda text=text: parser_only.parse(text), args.seconds)
        row = {"floor_parse_per_s": round(floor, 1)}
        for kind, render in (("md", render_markdown), ("html", render_html), ("pdf", render_pdf)):
            per_s = rate(
                lambda r=render, n=fmt.name: r(incident, n, settings),
                args.seconds if kind != "pdf" else max(args.seconds, 5),
            )
            row[f"{kind}_per_s"] = round(per_s, 2)
            row[f"{kind}_ratio"] = round(floor / per_s, 1)
        results["render"][fmt.name] = row
        print(fmt.name, row, file=sys.stderr)

    if REAL_REPORTS.is_dir():
        texts = [
            p.read_text(encoding="utf-8")
            for p in sorted(REAL_REPORTS.glob("*.md"))
            if p.name != "SOURCES.md"
        ]
        total_bytes = sum(len(t.encode()) for t in texts)

        def import_all() -> None:
            for text in texts:
                import_markdown(text)

        def parse_all() -> None:
            for text in texts:
                parser_only.parse(text)

        imported = rate(import_all, args.seconds) * len(texts)
        parsed = rate(parse_all, args.seconds) * len(texts)
        results["import"] = {
            "reports": len(texts),
            "bytes": total_bytes,
            "reports_per_s": round(imported, 1),
            "floor_parse_per_s": round(parsed, 1),
            "ratio": round(parsed / imported, 1),
        }
        print("import", results["import"], file=sys.stderr)

    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / "reports.json"
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
