"""Readers for impact figures: downtime, counts and shares, money, yes/no facts."""

from __future__ import annotations

import re

from warroom.domain.model import Flag
from warroom.importers.context import Context
from warroom.importers.fields import LabelLine, Reader
from warroom.importers.values import (
    parse_bool,
    parse_count,
    parse_duration,
    parse_flag,
    parse_money,
    parse_percent,
)


def _read_downtime(ctx: Context, entry: LabelLine, arg: str, value: str) -> bool:
    seconds = parse_duration(value)
    return seconds is not None and ctx.put("impact.downtime_seconds", seconds, entry.lines)


def _read_number(ctx: Context, entry: LabelLine, arg: str, value: str) -> bool:
    path = f"impact.{arg}"
    if arg == "users_affected" and "%" in value:
        share = parse_percent(value)
        count = parse_count(re.sub(r"\d+(?:\.\d+)?\s*%", "", value))
        done = share is not None and ctx.put("impact.users_affected_share", share, entry.lines)
        if count is not None:
            done = ctx.put(path, count, entry.lines) or done
        return done
    number = parse_count(value) if arg != "users_affected_share" else None
    if arg in ("error_rate", "users_affected_share"):
        percent = parse_percent(value)
        return percent is not None and ctx.put(path, percent, entry.lines)
    return number is not None and ctx.put(path, number, entry.lines)


def _read_money(ctx: Context, entry: LabelLine, arg: str, value: str) -> bool:
    money = parse_money(value)
    if money is None:
        return False
    ctx.incident.impact.currency = money[1]
    return ctx.put(f"impact.{arg}", money[0], entry.lines)


def _read_flag(ctx: Context, entry: LabelLine, arg: str, value: str) -> bool:
    text = value or "\n".join(entry.item_texts())
    flag = parse_flag(text)
    if flag is None:
        return False
    current: Flag = getattr(ctx.incident.impact, arg)
    if current.value is None and current.details is None:
        setattr(ctx.incident.impact, arg, flag)
    elif current != flag:
        return False
    ctx.claim(entry.lines + [ln for i in entry.items for ln in i.all_lines()], f"impact.{arg}")
    return True


def _read_bool(ctx: Context, entry: LabelLine, arg: str, value: str) -> bool:
    answer = parse_bool(value)
    return answer is not None and ctx.put(arg, answer, entry.lines)


IMPACT_READERS: dict[str, Reader] = {
    "downtime": _read_downtime,
    "count": _read_number,
    "percent": _read_number,
    "money": _read_money,
    "flag": _read_flag,
    "bool": _read_bool,
}
