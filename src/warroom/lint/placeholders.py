"""Recognising what a report template left to fill: ``[Name]``, ``YYYY-MM-DD``, ``X min``...

A bracketed text is a placeholder unless it is Markdown (a link, a
reference link, an image, a checkbox, a footnote), a value (it holds
digits and reads like a time or a count, such as ``[14:05 UTC]``), or an
editorial mark (``[sic]``, ``[redacted]``, ``[ERROR]``). Outside brackets
only unmistakable template tokens count (``YYYY``, ``HH:MM``, ``SEV-X``,
``X min``), lists of options nobody would write as an answer (``Yes/No``,
``P0/P1/P2``), and the placeholder phrases of the five built-in templates.
Precision matters more than recall: an error on a real value is worse than
missing an odd placeholder.
"""

from __future__ import annotations

import difflib
import functools
import re

_BRACKET = re.compile(r"(?<![\\!\]])\[([^\[\]\n]+)\](?![(\[])")
_LINK = re.compile(r"!?\[[^\[\]\n]*\]\([^)\n]*\)")
_TOKEN = re.compile(
    r"\bYYYY[\w#:/-]*"
    r"|\bMM[-/]DD\b"
    r"|\bHH:MM(?::SS)?\b"
    r"|(?<![\w$])\$?[XY]{1,2}(?:\.X+)?\s*(?:%|(?:min(?:ute)?s?|h(?:ou)?rs?|hours?|days?|secs?|seconds?)\b)"
    r"|\$X\b"
    r"|\bSEV-X\b"
    r"|\bSEV-\["
    r"|\bSEV-\d(?:\s*/\s*(?:SEV-)?\d)+"
    r"|(?<=-)#{3,}(?!#)"
    r"|\bN{3,}\b"
)
_EXCLUSIVE = (
    r"(?:yes|no|open|closed|done|completed?|pending|in progress|draft|final|under review"
    r"|investigation|resolved|post-mortem complete|low|medium|high|critical|sev-?\d|p\d)"
)
_EXCLUSIVE_OPTIONS = re.compile(rf"(?i)(?<![\w-]){_EXCLUSIVE}(?:\s*[/|]\s*{_EXCLUSIVE})+(?![\w-])")
_CHOICE = r"(?:monitoring|customer report|internal team|slack|pagerduty|email|phone|other)"
_CHOICE_OPTIONS = re.compile(rf"(?i)(?<![\w-]){_CHOICE}(?:\s*/\s*{_CHOICE}){{2,}}(?![\w-])")
_ENUMERATED = re.compile(r"[A-Za-z][A-Za-z /-]{1,40}\s#?\d{1,2}")
_INSTRUCTION = re.compile(
    r"(?i)\b(?:brief|summary|summari[sz]\w*|descri\w+|sentences?|paragraphs?|names?|list|details?"
    r"|specify|e\.g\.|if applicable|include|number|percentage|amount)\b"
)
_TODO = re.compile(r"(?<![\w-])(?:TODO|TBD|TBC|FIXME)(?![\w-])|\?{3,}")

EDITORIAL_MARKS = frozenset(
    {"sic", "redacted", "removed", "omitted", "edited", "snip", "snipped", "truncated", "elided",
     "...", "…", "citation needed", "emphasis added", "emphasis mine", "sarcasm"}
)  # fmt: skip
# Log levels and status tags, written in capitals: [ERROR], [WIP].
LOG_LEVELS = frozenset(
    {"ERROR", "ERR", "WARN", "WARNING", "INFO", "DEBUG", "TRACE", "FATAL", "CRITICAL", "NOTICE",
     "OK", "FAIL", "FAILED", "PASS", "PASSED", "SUCCESS", "ALERT", "EMERG", "WIP", "DRAFT",
     "UPDATE", "UPDATED", "RESOLVED", "CLOSED", "FIXED", "SOLVED"}
)  # fmt: skip
# Whole values the five built-in templates leave in place of an answer.
TEMPLATE_PHRASES = frozenset(
    {
        "name",
        "names",
        "event description",
        "action description",
        "factor description",
        "service-name (impact summary)",
        "% of users affected",
        "regions / tenants affected",
        "primary symptoms experienced",
        "error rates, latency spikes, or downtime metrics",
        "business impact (if applicable)",
        "operational load, manual actions, escalations",
        "links to incident tickets, dashboards, logs, or related prs",
        "provide a concise, non-technical overview of what happened, why it mattered, "
        "and how it was resolved",
    }
)
_TEMPLATE_ENUMERATED = re.compile(r"(?i)(?:item|factor|point|issue|lesson|action|aspect) \d{1,2}")
_BLANK_VALUES = frozenset({"", "-", "—", "–", "n/a", "na", "none", "tbd", "todo", "?", "..."})


def find_placeholders(text: str, *, link_labels: frozenset[str] = frozenset()) -> list[str]:
    """The placeholders in one line or value, as written (``[Name]``, ``YYYY-MM-DD``), in order."""
    if not text.strip():
        return []
    without_links = _LINK.sub(lambda m: " " * len(m.group(0)), text)
    found: list[tuple[int, str]] = []
    taken: list[range] = []
    for match in _BRACKET.finditer(without_links):
        if bracket_is_placeholder(match.group(1), link_labels):
            found.append((match.start(), match.group(0)))
            taken.append(range(match.start(), match.end()))
    for pattern in (_TOKEN, _EXCLUSIVE_OPTIONS, _CHOICE_OPTIONS):
        for match in pattern.finditer(without_links):
            if not any(match.start() in span for span in taken):
                found.append((match.start(), match.group(0).strip()))
                taken.append(range(match.start(), match.end()))
    found.sort()
    return [snippet for _, snippet in found]


def is_template_phrase(value: str) -> bool:
    """A whole value that is one of the templates' stand-in phrases (``Name``, ``Item 1``)."""
    text = _plain(value).rstrip(".").strip()
    return text.casefold() in TEMPLATE_PHRASES or bool(_TEMPLATE_ENUMERATED.fullmatch(text))


def bracket_is_placeholder(content: str, link_labels: frozenset[str] = frozenset()) -> bool:
    """Whether ``[content]`` (outside a link) is a placeholder rather than Markdown or a value."""
    text = content.strip()
    if not text or text in ("x", "X") or text[0] in "^!" or not _looks_like_placeholder(text):
        return False
    folded = text.casefold()
    # A reference link, or one whose definition has a typo in its label.
    return folded not in link_labels and not _near_label(folded, link_labels)


def _looks_like_placeholder(text: str) -> bool:
    if _TOKEN.search(text) or re.fullmatch(r"[#XN]{2,}", text):
        return True
    if text.casefold().strip(" .") in EDITORIAL_MARKS or text in EDITORIAL_MARKS:
        return False
    if text.upper() == text and text.upper() in LOG_LEVELS:
        return False
    if not re.search(r"[A-Za-z]", text):
        return False  # [001], [14:05], [12-05 16:21]: values
    if re.search(r"\d", text):
        return bool(_ENUMERATED.fullmatch(text) or _INSTRUCTION.search(text))
    return True


def find_todos(text: str) -> list[str]:
    """``TODO``, ``TBD``, ``TBC``, ``FIXME`` (in capitals) and ``???``."""
    return [match.group(0) for match in _TODO.finditer(text)]


def is_blank(value: str | None) -> bool:
    """No real content: empty, a dash, ``N/A``, ``TBD``, or nothing but placeholders."""
    if value is None:
        return True
    text = _plain(value)
    if text.casefold() in _BLANK_VALUES or is_template_phrase(text):
        return True
    for snippet in find_placeholders(text) + find_todos(text):
        text = text.replace(snippet, " ")
    return not re.search(r"[A-Za-z0-9]", text)


def _plain(value: str) -> str:
    return re.sub(r"[*_`]", "", value).strip()


@functools.lru_cache(maxsize=4096)
def _near_label(text: str, labels: frozenset[str]) -> bool:
    # get_close_matches filters on cheap upper bounds before the full ratio.
    return bool(labels) and bool(difflib.get_close_matches(text, labels, n=1, cutoff=0.85))
