"""Field types shared by the environment and the operations: regions and versions."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, Field

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
