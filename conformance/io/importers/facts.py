"""The environment an import builds: nested data, with the source of every fact, and the notes.

`Facts.put("cluster.node_pools[1].arch", "arm64", node)` sets the value in the nested data the
environment is validated from and records where it came from under the same field path. A fact that
no artifact gives is simply never put: the environment then treats it as unknown.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator, Mapping
from typing import Any

import yaml

from ..sources import Source, pointer_parts
from .documents import Node

__all__ = ["Facts", "LocatedProvenance"]

_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


@functools.lru_cache(maxsize=4096)
def _parts(path: str) -> tuple[str | int, ...]:
    return tuple(name if name else int(index) for name, index in _PART.findall(path))


class Facts:
    """Environment data under construction, with provenance and notes."""

    def __init__(self) -> None:
        self.data: dict[str, Any] = {}
        self.sources: dict[str, Source] = {}
        self.notes: list[str] = []

    def put(self, path: str, value: Any, origin: Node | Source) -> None:
        """Set the field at `path` (`cluster.volumes[2].sku`) and remember where the value came from."""
        parts = _parts(path)
        container: Any = self.data
        for here, after in itertools.pairwise(parts):
            container = _step(container, here, after)
        last = parts[-1]
        if isinstance(last, int):
            _extend(container, last)
        container[last] = value
        self.sources[path] = origin.source if isinstance(origin, Node) else origin

    def put_record(self, path: str, values: dict[str, Any], sources: dict[str, Source]) -> None:
        """Set the object at `path` to `values` at once, each field with its source (`path.field`)."""
        self.put(path, values, next(iter(sources.values()), Source("")))
        for name, source in sources.items():
            self.sources[f"{path}.{name}"] = source

    def has(self, path: str) -> bool:
        return path in self.sources

    def get(self, path: str) -> Any:
        container: Any = self.data
        for part in _parts(path):
            try:
                container = container[part]
            except (KeyError, IndexError, TypeError):
                return None
        return container

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)


def _step(container: Any, here: str | int, after: str | int) -> Any:
    fresh: Any = [] if isinstance(after, int) else {}
    if isinstance(here, int):
        _extend(container, here)
        if container[here] is None:
            container[here] = fresh
        return container[here]
    return container.setdefault(here, fresh)


def _extend(container: list[Any], index: int) -> None:
    while len(container) <= index:
        container.append(None)


class LocatedProvenance(Mapping[str, Source]):
    """Provenance whose sources get their line and column when first looked up.

    Finding a line means composing the file's YAML/JSON node tree, which costs far more than the
    import itself for a large `kubectl` listing; it is done once per file, and only for the files a
    report actually asks about.
    """

    def __init__(self, sources: Mapping[str, Source], texts: Mapping[str, str]) -> None:
        self._sources = dict(sources)
        self._texts = texts
        self._trees: dict[str, yaml.Node | None] = {}
        self._done: dict[str, Source] = {}

    def __getitem__(self, path: str) -> Source:
        if path in self._done:
            return self._done[path]
        raw = self._sources[path]
        located = self._locate(raw)
        self._done[path] = located
        return located

    def __contains__(self, path: object) -> bool:
        return path in self._sources

    def __iter__(self) -> Iterator[str]:
        return iter(self._sources)

    def __len__(self) -> int:
        return len(self._sources)

    def _locate(self, raw: Source) -> Source:
        if raw.line is not None or raw.file not in self._texts:
            return raw
        if raw.file not in self._trees:
            try:
                self._trees[raw.file] = yaml.compose(self._texts[raw.file], Loader=yaml.SafeLoader)
            except yaml.YAMLError:
                self._trees[raw.file] = None
        node = self._trees[raw.file]
        if node is None:
            return raw
        for part in pointer_parts(raw.pointer):
            child = _child(node, part)
            if child is None:
                break
            node = child
        return Source(raw.file, raw.pointer, node.start_mark.line + 1, node.start_mark.column + 1)


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
