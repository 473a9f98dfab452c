"""Field types shared by the environment and the operations: regions, versions, strict scalars."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, Field, Strict

from .tables import arm_region


def _region(value: object) -> object:
    return arm_region(value) if isinstance(value, str) else value


Region = Annotated[str, BeforeValidator(_region), Field(min_length=1)]
"""An Azure region, given in display form ("West US 3") or ARM form ("westus3"); stored in ARM form."""

_VERSION = re.compile(r"^v?(\d+)\.(\d+)(?:\.(\d+))?$")


def _version(value: str) -> str:
    if not _VERSION.match(value):
        raise ValueError("expected a version such as 1.31 or 1.31.5")
    return value.removeprefix("v")


Version = Annotated[str, AfterValidator(_version)]


def version_tuple(version: str) -> tuple[int, ...]:
    """'2.41.0' -> (2, 41, 0); missing parts count as 0."""
    match = _VERSION.match(version)
    if match is None:  # only reachable by bypassing validation; compare as the oldest version
        return (0, 0, 0)
    return tuple(int(part or 0) for part in match.groups())


def minor_of(version: str) -> str:
    major, minor, _ = version_tuple(version)
    return f"{major}.{minor}"


# --- strict scalars: a fact is given in its own type, never coerced from another ----------------------
# pydantic's lax mode would read `true` as the number 1, `1` as true, `540` as the time 00:09 and `0` as
# the date 1970-01-01: each of those invents a fact the user did not write. These types refuse them.

Flag = Annotated[bool, Strict()]
"""A yes/no fact: only `true` or `false`."""
Whole = Annotated[int, Strict()]
"""A whole number: only an integer (not `true`, not `1.0`, not `"1"`)."""

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_CLOCK = re.compile(r"^\d{1,2}:\d{2}(?::\d{2})?$")


def _text_date(value: object) -> object:
    if isinstance(value, dt.datetime) or (not isinstance(value, dt.date) and not isinstance(value, str)):
        raise ValueError("expected a date written YYYY-MM-DD")
    if isinstance(value, str) and not _DAY.match(value):
        raise ValueError("expected a date written YYYY-MM-DD")
    return value


def _text_time(value: object) -> object:
    if not isinstance(value, dt.time | str) or (isinstance(value, str) and not _CLOCK.match(value)):
        raise ValueError("expected a time of day written HH:MM")
    return value


Day = Annotated[dt.date, BeforeValidator(_text_date)]
"""A calendar date, written `YYYY-MM-DD` (not a number of seconds)."""
ClockTime = Annotated[dt.time, BeforeValidator(_text_time)]
"""A time of day, written `HH:MM` (not a number of seconds)."""
