"""Inline text: markup stripped for matching, headings and labels normalised, placeholders.

Matching works on a *key*: lower case, markup and punctuation gone, simple
plurals folded ("Lessons Learnt:" and "lesson learned" give the same key).
Stored values keep what the person wrote, minus decoration (surrounding
bold, trailing hard-break markers).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_LINK = re.compile(r"!?\[([^\]\n]{0,500})\]\([^)\s]{0,2000}(?:\s+\"[^\"]*\")?\)")
_REFLINK = re.compile(r"\[([^\]\n]{1,500})\]\[[^\]\n]{0,200}\]")
_EMPHASIS = re.compile(r"(\*\*|__|~~|\*|`)")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]{0,30}(?:\s[^<>\n]{0,200})?/?>")
_SHORTCUT = re.compile(r"\[([^\[\]\n]{1,300})\](?![(:\[])")
_NON_WORD = re.compile(r"[^0-9a-z%$#+]+")
_PARENS = re.compile(r"\([^()\n]{0,80}\)")
_NUMBERING = re.compile(
    r"^(?:\d{1,3}(?:\.\d{1,3})*[.)]|\d{1,3}\.\d{1,3}|[ivx]{1,4}[.)]|step \d+[:.]?)\s+"
)
_EMOJI = re.compile("[\u2600-\u27bf\U0001f300-\U0001faff\ufe0f\u200d]")
URL = re.compile(r"https?://[^\s<>()\[\]\"'`]+[^\s<>()\[\]\"'`.,;:!?]")
# The words that stay as written when plurals are folded.
_KEEP = frozenset({"status", "analysis", "process", "was", "has", "is", "its", "us", "this"})


_MARKUP_CHARS = frozenset("*_`~[<!")


def strip_markup(text: str) -> str:
    """Text as a reader sees it: links become their text, emphasis and tags go."""
    if text.isascii() and _MARKUP_CHARS.isdisjoint(text):
        return " ".join(text.split())
    text = _LINK.sub(r"\1", text)
    text = _REFLINK.sub(r"\1", text)
    text = _SHORTCUT.sub(r"\1", text)
    text = _TAG.sub("", text)
    text = _EMPHASIS.sub("", text)
    text = _EMOJI.sub("", text)
    return " ".join(text.split())


def clean_value(text: str) -> str:
    """A value as written, without decoration: surrounding bold, hard breaks, emoji marks."""
    value = text.strip()
    if value.endswith("\\"):
        value = value[:-1].rstrip()
    value = _EMOJI.sub("", value).strip()
    for mark in ("**", "__"):
        if value.startswith(mark) and value.endswith(mark) and len(value) > 4:
            inner = value[2:-2]
            if mark not in inner:
                value = inner.strip()
    return value


def _fold(word: str) -> str:
    if word in _KEEP or len(word) <= 3:
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def key_of(text: str, *, drop_parens: bool = True) -> str:
    """The matching key of a heading or label: ``"Lessons Learned:"`` -> ``"lesson learned"``."""
    plain = strip_markup(text).lower().replace("&", " and ")
    plain = plain.replace("’", "'").replace("'", "")
    if drop_parens:
        plain = _PARENS.sub(" ", plain)
    plain = _NUMBERING.sub("", plain.strip())
    words = _NON_WORD.sub(" ", plain).split()
    return " ".join(_fold(word) for word in words)


def parenthetical(text: str) -> str:
    """What a heading says in parentheses: ``"Short-term (1-2 weeks)"`` -> ``"1-2 weeks"``."""
    found = _PARENS.findall(strip_markup(text))
    return " ".join(part[1:-1] for part in found)


@dataclass(frozen=True)
class Labelled:
    """A ``label: value`` line, split."""

    label: str  # as written, markup stripped
    key: str
    value: str  # as written, decoration stripped; may be ""


def split_label(text: str) -> Labelled | None:
    """``**Severity**: SEV-2``, ``**Severity:** SEV-2``, ``Severity: SEV-2`` -> label and value.

    The label must look like a label: start with a letter, be short, hold no
    URL. A line that is only ``**Label**`` is a label with an empty value.
    """
    line = text.strip()
    if line.startswith(("**", "__")):
        mark = line[:2]
        close = line.find(mark, 2)
        if close == -1:
            return None
        inner, rest = line[2:close].strip(), line[close + 2 :]
        if inner.endswith(":"):
            return _labelled(inner[:-1], rest)
        stripped = rest.lstrip()
        if stripped.startswith(":"):
            return _labelled(inner, stripped[1:])
        if not stripped or stripped in ("\\",):
            return _labelled(inner, "")
        if stripped[0] in "-–—" and stripped[1:2] == " ":
            return _labelled(inner, stripped[1:])
        return None
    colon = line.find(":")
    if colon <= 0 or colon > 60:
        return None
    if line[colon + 1 : colon + 3] == "//" or re.search(r"\d$", line[:colon]):
        return None
    return _labelled(line[:colon], line[colon + 1 :])


def _labelled(label: str, value: str) -> Labelled | None:
    plain = strip_markup(label).strip().rstrip(":").strip()
    if not plain or not plain[0].isalpha() or len(plain) > 60 or "http" in plain:
        return None
    if plain.count(" ") > 7:
        return None
    return Labelled(plain, key_of(plain), clean_value(value))


_PLACEHOLDER_WORDS = re.compile(
    r"(?i)^(?:yyyy[-/]mm[-/]dd(?: hh:mm)?(?: utc)?|hh:mm(?: utc)?|x+ ?(?:min(?:ute)?s?|hours?)"
    r"|x hours y min(?:ute)?s|name|names|item \d|factor \d|event description"
    r"|action description|n/?a - template|template)$"
)
_OPTIONS = re.compile(r"^[\w%-]+(?: ?[/|] ?[\w%-]+){2,}$")


def is_placeholder(value: str) -> bool:
    """A template slot nobody filled in: ``[Name]``, ``YYYY-MM-DD``, ``Low/Medium/High``."""
    text = value.strip().strip("*_` ")
    if not text or text in ("—", "–", "-"):
        return True
    if text.startswith("[") and text.endswith("]") and "](" not in text and "][" not in text:
        return True
    if "[YYYY" in text or "[HH:MM" in text or text.lower() == "not recorded":
        return True
    if "[" in text:
        rest = re.sub(r"!?\[[^\]]{0,300}\](?![(\[:])", "", text)
        if rest != text and not rest.strip(" -–—,/()|:;.*_"):
            return True  # only slots: "[Start time] - [End time] ([Total duration])"
    if len(text) < 40 and re.search(r"(?<![A-Za-z0-9'])X(?![A-Za-z0-9'])", text):
        return True  # "SEV-X", "X hours Y minutes"
    if re.search(r"\[[^\]()]{0,40}[/|][^\]()]{0,40}\](?!\()", text):
        return True  # SEV-[1/2/3]: the options of a slot
    if _PLACEHOLDER_WORDS.match(text) or "YYYY" in text or "XX" in text:
        return True
    return bool(_OPTIONS.match(text) and text.lower().count("/") + text.count("|") >= 2)


NOT_STATED = frozenset({"n/a", "na", "none", "tbd", "tba", "unknown", "?", "??", "???", "-", "—"})


def is_not_stated(value: str) -> bool:
    """``N/A``, ``TBD``, ``???``: the author says it is not known."""
    return strip_markup(value).strip().lower().rstrip(".") in NOT_STATED


def find_urls(text: str) -> list[str]:
    """Every bare http(s) URL in the text."""
    return URL.findall(text)


def split_people(value: str) -> list[str]:
    """``"Ann, Bob and Cy"``, ``"EC RF SD"`` (initials), ``"@a @b"`` -> names."""
    text = strip_markup(value).strip().rstrip(".")
    if not text:
        return []
    parts = [p.strip() for p in re.split(r"\s*(?:,|;|\band\b|&|\n)\s*", text) if p.strip()]
    if len(parts) == 1:
        words = text.split()
        if len(words) > 1 and all(
            (w.isupper() and len(w) <= 4) or w.startswith("@") for w in words
        ):
            return words
    return parts


def split_cells(line: str) -> list[str]:
    """The cells of a pipe-table row; ``\\|`` and pipes inside code spans stay in the cell."""
    text = line.strip()
    if text.startswith("|"):
        text = text[1:]
    if text.endswith("|") and not text.endswith("\\|"):
        text = text[:-1]
    if "`" not in text and "\\" not in text:
        return [cell.strip() for cell in text.split("|")]
    cells: list[str] = []
    current: list[str] = []
    in_code = False
    previous = ""
    for char in text:
        if char == "`":
            in_code = not in_code
        if char == "|" and not in_code and previous != "\\":
            cells.append("".join(current).strip())
            current = []
        else:
            current.append(char)
        previous = char
    cells.append("".join(current).strip())
    return cells
