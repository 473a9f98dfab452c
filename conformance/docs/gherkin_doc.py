"""The feature files as the site shows them, read with the official Gherkin parser.

`read_documents(folder)` returns every feature with its background, rules and scenarios (steps, data
tables, doc strings, outline examples) and the statement ids each scenario carries (its own tags, its
Rule's and its Feature's), in file and line order.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gherkin.parser import Parser
from gherkin.token_scanner import TokenScanner

STATEMENT_TAG = re.compile(r"^@(SM-[A-Z]+-\d+)$")
EDITION_TAG = re.compile(r"^@edition-(\d{4}-\d{2}-\d{2})$")
PLACEHOLDER = re.compile(r"<([^<>]+)>")


@dataclass(frozen=True, slots=True)
class Step:
    keyword: str
    text: str
    line: int
    table: tuple[tuple[str, ...], ...] = ()
    doc_string: str | None = None


@dataclass(frozen=True, slots=True)
class ExampleRow:
    line: int
    cells: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Examples:
    name: str
    tags: tuple[str, ...]
    header: tuple[str, ...]
    rows: tuple[ExampleRow, ...]


@dataclass(frozen=True, slots=True)
class Scenario:
    uri: str
    """The feature file relative to the features folder's parent (`features/volumes.feature`)."""
    keyword: str
    name: str
    line: int
    description: str
    tags: tuple[str, ...]
    statement_ids: tuple[str, ...]
    rule: str | None
    background: tuple[Step, ...]
    """The Background steps that run before this scenario (the feature's, then the rule's)."""
    steps: tuple[Step, ...]
    examples: tuple[Examples, ...]
    editions: tuple[str, ...] = ()
    """The editions its edition tags (`@edition-2026-01-06`, its own, its Rule's, its Feature's) name;
    empty: every edition that says its statements."""

    @property
    def location(self) -> str:
        return f"{self.uri}:{self.line}"

    @property
    def example_count(self) -> int:
        """Rows of its Examples tables (1 for a plain scenario)."""
        return sum(len(e.rows) for e in self.examples) or 1

    def example_names(self, edition: str | None = None) -> list[tuple[ExampleRow, str]]:
        """Each example row with the scenario name its values give (`a <driver> volume` -> `a nfs volume`);
        with `edition`, only the rows that run under it (see `in_edition`)."""
        named = []
        for block in self.examples:
            if edition is not None and not self._block_in(block, edition):
                continue
            for row in block.rows:
                values = dict(zip(block.header, row.cells, strict=False))
                named.append((row, _fill(self.name, values)))
        return named

    def in_edition(self, edition: str) -> bool:
        """Whether it belongs to the edition's feature set: every statement it names holds there, and its
        edition tags (if any) name the edition (what `pytest steps --edition` selects)."""
        from aks_backup_model.statements import STATEMENTS

        if any(i in STATEMENTS and not STATEMENTS[i].holds_in(edition) for i in self.statement_ids):
            return False
        return not self.editions or edition in self.editions

    def example_count_in(self, edition: str) -> int:
        """How many of its examples run under `edition` (an Examples table may carry edition tags too)."""
        if not self.in_edition(edition):
            return 0
        if not self.examples:
            return 1
        return sum(len(b.rows) for b in self.examples if self._block_in(b, edition))

    @staticmethod
    def _block_in(block: Examples, edition: str) -> bool:
        named = _editions(block.tags)
        return not named or edition in named


@dataclass(frozen=True, slots=True)
class Feature:
    uri: str
    name: str
    description: str
    tags: tuple[str, ...]
    scenarios: tuple[Scenario, ...] = field(default=())


def _fill(template: str, values: dict[str, str]) -> str:
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)


def _tags(node: dict[str, Any]) -> tuple[str, ...]:
    return tuple(t["name"] for t in node.get("tags", []))


def _ids(tags: tuple[str, ...]) -> list[str]:
    return [m.group(1) for t in tags if (m := STATEMENT_TAG.match(t))]


def _editions(tags: tuple[str, ...]) -> list[str]:
    return [m.group(1) for t in tags if (m := EDITION_TAG.match(t))]


def _steps(node: dict[str, Any] | None) -> tuple[Step, ...]:
    if not node:
        return ()
    steps = []
    for step in node.get("steps", []):
        table = tuple(
            tuple(cell["value"] for cell in row["cells"])
            for row in (step.get("dataTable") or {}).get("rows", [])
        )
        doc = step.get("docString")
        steps.append(
            Step(
                step["keyword"].strip(), step["text"], step["location"]["line"], table, doc and doc["content"]
            )
        )
    return tuple(steps)


def _examples(node: dict[str, Any]) -> tuple[Examples, ...]:
    blocks = []
    for block in node.get("examples") or []:
        header = tuple(c["value"] for c in (block.get("tableHeader") or {}).get("cells", []))
        rows = tuple(
            ExampleRow(row["location"]["line"], tuple(c["value"] for c in row["cells"]))
            for row in block.get("tableBody") or []
        )
        blocks.append(Examples(block.get("name", ""), _tags(block), header, rows))
    return tuple(blocks)


def _scenario(
    uri: str,
    node: dict[str, Any],
    *,
    rule: str | None,
    inherited: list[str],
    background: tuple[Step, ...],
    outer_tags: tuple[str, ...] = (),
) -> Scenario:
    tags = _tags(node)
    return Scenario(
        uri=uri,
        keyword=node["keyword"].strip(),
        name=node["name"],
        line=node["location"]["line"],
        description=(node.get("description") or "").strip(),
        tags=tags,
        statement_ids=tuple(dict.fromkeys(_ids(tags) + inherited)),
        rule=rule,
        background=background,
        steps=_steps(node),
        examples=_examples(node),
        editions=tuple(dict.fromkeys(_editions(tags + outer_tags))),
    )


def _children(uri: str, feature: dict[str, Any]) -> Iterator[Scenario]:
    feature_tags = _tags(feature)
    feature_ids = _ids(feature_tags)
    background: tuple[Step, ...] = ()
    for child in feature.get("children", []):
        if "background" in child:
            background = _steps(child["background"])
        elif "scenario" in child:
            yield _scenario(
                uri, child["scenario"], rule=None, inherited=feature_ids, background=background,
                outer_tags=feature_tags,
            )  # fmt: skip
        elif "rule" in child:
            rule = child["rule"]
            rule_tags = _tags(rule) + feature_tags
            inherited = _ids(_tags(rule)) + feature_ids
            rule_background = background
            for grandchild in rule.get("children", []):
                if "background" in grandchild:
                    rule_background = background + _steps(grandchild["background"])
                elif "scenario" in grandchild:
                    yield _scenario(
                        uri, grandchild["scenario"], rule=rule["name"], inherited=inherited,
                        background=rule_background, outer_tags=rule_tags,
                    )  # fmt: skip


def parse_feature(text: str) -> dict[str, Any]:
    """The Gherkin document of one feature file (the parser's own dictionaries)."""
    document: Any = Parser().parse(TokenScanner(text))
    return dict(document)


def read_document(path: Path, *, root: Path) -> Feature:
    """One feature file; `root` is the folder its uri is relative to (the features folder's parent)."""
    uri = path.relative_to(root).as_posix()
    feature = parse_feature(path.read_text(encoding="utf-8")).get("feature") or {}
    return Feature(
        uri=uri,
        name=feature.get("name", path.stem),
        description=(feature.get("description") or "").strip(),
        tags=_tags(feature),
        scenarios=tuple(_children(uri, feature)),
    )


def feature_files(features: Path) -> list[Path]:
    return sorted(features.rglob("*.feature"))


def read_documents(features: Path) -> list[Feature]:
    """Every feature under the folder `features`, in file order."""
    return [read_document(path, root=features.parent) for path in feature_files(features)]
