"""Kubernetes label selectors, as a backup instance's `labelSelectors[]` carries them. Pure: no I/O.

A selector is a comma-separated list of requirements, each of which must hold: `key=value` (or
`key==value`), `key!=value`, `key` (the label exists), `!key` (it does not), `key in (a,b)` and
`key notin (a,b)` (the Kubernetes selector syntax, `apimachinery/pkg/labels`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

__all__ = ["Selector", "parse_selector"]

_KEY = r"[A-Za-z0-9]([-A-Za-z0-9_./]*[A-Za-z0-9])?"
_VALUE = r"([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?"
_REQUIREMENT = re.compile(
    rf"""^\s*(?:
      (?P<not>!)\s*(?P<absent>{_KEY})
    | (?P<key>{_KEY})\s*(?:
          (?P<op>==|=|!=)\s*(?P<value>{_VALUE})
        | \s(?P<set>in|notin)\s*\((?P<values>[^()]*)\)
      )?
    )\s*$""",
    re.VERBOSE,
)

Selector = Callable[[Mapping[str, str]], bool]
"""A parsed selector: does a mapping of labels match it?"""


def _split(text: str) -> list[str]:
    """Split at the commas that are not inside `( )`."""
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for char in text:
        depth += char == "("
        depth -= char == ")"
        if char == "," and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def _requirement(text: str) -> Selector:
    match = _REQUIREMENT.match(text)
    if match is None:
        raise ValueError(
            f"{text.strip()!r} is not a label requirement (expected e.g. app=web, tier!=db, app)"
        )
    if match["absent"]:
        absent = match["absent"]
        return lambda labels: absent not in labels
    key = match["key"]
    if match["op"]:
        value, equal = match["value"] or "", match["op"] != "!="
        return lambda labels: (labels.get(key) == value) is equal
    if match["set"]:
        values = frozenset(v.strip() for v in match["values"].split(",") if v.strip())
        inside = match["set"] == "in"
        if inside:
            return lambda labels: labels.get(key) in values
        return lambda labels: labels.get(key) not in values
    return lambda labels: key in labels


def parse_selector(text: str) -> Selector:
    """The selector `text` describes.

    Raises:
        ValueError: `text` is empty or a requirement does not follow the selector syntax.
    """
    if not text.strip():
        raise ValueError("a label selector needs at least one requirement, e.g. app=web")
    requirements = [_requirement(part) for part in _split(text)]
    return lambda labels: all(requirement(labels) for requirement in requirements)
