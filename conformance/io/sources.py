"""Where a fact came from: the file, the JSON pointer inside it, and its line when known.

Importers (az, ARM, kubectl artifacts) and the environment-file reader record, for each field of the
environment they fill, the `Source` it was read from, keyed by the field's path in the notation of
findings' subjects (`cluster.volumes[2].sku`). Reports that point at the fact behind a finding (SARIF
results, text hints) look the subject up in that `Provenance`, falling back to the nearest recorded
parent (`cluster.volumes[2]`, then `cluster`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

import yaml

__all__ = [
    "Provenance",
    "Source",
    "field_path",
    "locate",
    "lookup",
    "parent_paths",
    "pointer",
    "pointer_parts",
]


@dataclass(frozen=True)
class Source:
    """One fact's origin."""

    file: str
    """The file as the user named it (`<stdin>` for standard input)."""
    pointer: str = ""
    """RFC 6901 JSON pointer of the value in that file (`""` is the whole document)."""
    line: int | None = None
    """1-based line of the value, when known."""
    column: int | None = None
    """1-based column of the value, when known."""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where} ({self.pointer or '/'})"


Provenance = Mapping[str, Source]
"""Environment field path (`cluster.volumes[2].sku`) -> where its value came from."""


_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def pointer_parts(text: str) -> list[str]:
    """The reference tokens of a JSON pointer, unescaped (`/a~1b/0` -> `["a/b", "0"]`)."""
    if not text:
        return []
    if not text.startswith("/"):
        raise ValueError(f"a JSON pointer starts with '/': {text!r}")
    return [part.replace("~1", "/").replace("~0", "~") for part in text[1:].split("/")]


def pointer(*parts: str | int) -> str:
    """The JSON pointer of `parts`, escaped (`("a/b", 0)` -> `/a~1b/0`)."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def field_path(path: str) -> str:
    """The JSON pointer of an environment field path: `cluster.volumes[2].sku` -> `/cluster/volumes/2/sku`."""
    return pointer(*(name or index for name, index in _PART.findall(path)))


def parent_paths(path: str) -> Iterator[str]:
    """`path` and each of its parents, nearest first: `a.b[2].c`, `a.b[2]`, `a.b`, `a`."""
    while path:
        yield path
        cut = max(path.rfind("."), path.rfind("["))
        path = path[:cut] if cut > 0 else ""


def lookup(provenance: Provenance, path: str) -> Source | None:
    """The recorded source of `path`, or of its nearest recorded parent; None when nothing is known."""
    for candidate in parent_paths(path):
        if candidate in provenance:
            return provenance[candidate]
    return None


def locate(text: str, where: str) -> tuple[int, int] | None:
    """The 1-based (line, column) of the node at JSON pointer `where` in a YAML or JSON `text`.

    Where the pointer leads past the document (a field that was not written), the nearest existing
    ancestor's position is given; None when `text` cannot be composed at all.
    """
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None
    if node is None:
        return None
    for part in pointer_parts(where):
        child = _child(node, part)
        if child is None:
            break
        node = child
    return node.start_mark.line + 1, node.start_mark.column + 1


def _child(node: yaml.Node, part: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == part:
                return value  # type: ignore[no-any-return]
        return None
    if isinstance(node, yaml.SequenceNode) and part.isdigit():
        index = int(part)
        return node.value[index] if index < len(node.value) else None
    return None
