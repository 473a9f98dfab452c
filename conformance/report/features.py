"""Read the living documentation: which scenarios of which feature carry which statement ids.

A statement id tags a `Rule:` (its scenarios inherit it) or a single scenario. The gherkin parser is
the one pytest-bdd uses (gherkin-official), imported when first needed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

STATEMENT_TAG = re.compile(r"^@(SM-[A-Z]+-\d+)$")
EDITION_TAG = re.compile(r"^@edition-(\d{4}-\d{2}-\d{2})$")


@dataclass(frozen=True, slots=True)
class Scenario:
    feature: str
    """Path of the feature file, relative to the project (`features/volumes.feature`)."""
    rule: str | None
    name: str
    line: int
    statement_ids: tuple[str, ...]
    """Ids from the scenario's own tags and its Rule's tags, in that order."""
    examples: int
    """Rows of its Examples tables (1 for a plain scenario)."""
    editions: tuple[str, ...] = ()
    """Editions its own, its Rule's or its Feature's `@edition-...` tags name (empty: untagged)."""
    example_groups: tuple[tuple[tuple[str, ...], int], ...] = ()
    """Per Examples table: the editions its tags name (empty: untagged) and its number of rows."""

    def examples_in(self, edition: str) -> int:
        """How many of its examples run under `edition`: its statements must hold there, and the
        edition tags of the scenario (and of each Examples table) must name it when there are any."""
        from aks_backup_model.statements import STATEMENTS

        if any(i in STATEMENTS and not STATEMENTS[i].holds_in(edition) for i in self.statement_ids):
            return 0
        if self.editions and edition not in self.editions:
            return 0
        if not self.example_groups:
            return 1
        return sum(rows for tags, rows in self.example_groups if not tags or edition in tags)


def _ids(tags: list[dict[str, Any]]) -> list[str]:
    return [m.group(1) for t in tags if (m := STATEMENT_TAG.match(t["name"]))]


def _editions(tags: list[dict[str, Any]]) -> list[str]:
    return [m.group(1) for t in tags if (m := EDITION_TAG.match(t["name"]))]


def _scenario(
    feature: str, rule: str | None, rule_ids: list[str], node: dict[str, Any], outer_editions: list[str]
) -> Scenario:
    own = _ids(node["tags"])
    groups = tuple(
        (tuple(_editions(e.get("tags") or [])), len(e.get("tableBody") or []))
        for e in node.get("examples") or []
    )
    rows = sum(n for _, n in groups) or 1
    ids = tuple(dict.fromkeys(own + rule_ids))
    editions = tuple(dict.fromkeys(_editions(node["tags"]) + outer_editions))
    return Scenario(feature, rule, node["name"], node["location"]["line"], ids, rows, editions, groups)


def read_feature(path: Path, *, root: Path) -> Iterator[Scenario]:
    """Every scenario of one feature file."""
    from gherkin.parser import Parser
    from gherkin.token_scanner import TokenScanner

    document: Any = Parser().parse(TokenScanner(path.read_text(encoding="utf-8")))
    feature: dict[str, Any] = document.get("feature") or {}
    relative = path.relative_to(root).as_posix()
    feature_ids = _ids(feature.get("tags", []))
    feature_editions = _editions(feature.get("tags", []))
    for child in feature.get("children", []):
        if "scenario" in child:
            yield _scenario(relative, None, feature_ids, child["scenario"], feature_editions)
        elif "rule" in child:
            rule = child["rule"]
            rule_ids = _ids(rule["tags"]) + feature_ids
            rule_editions = _editions(rule["tags"]) + feature_editions
            for grandchild in rule.get("children", []):
                if "scenario" in grandchild:
                    yield _scenario(relative, rule["name"], rule_ids, grandchild["scenario"], rule_editions)


def read_features(root: Path) -> list[Scenario]:
    """Every scenario of `root/features/*.feature`, in file and line order."""
    scenarios: list[Scenario] = []
    for path in sorted((root / "features").glob("*.feature")):
        scenarios.extend(read_feature(path, root=root))
    return scenarios


def rule_tags(root: Path) -> dict[str, list[str]]:
    """Every feature rule's tags by the (file, line) of its scenarios (for Cucumber JSON)."""
    return {f"{s.feature}:{s.line}": list(s.statement_ids) for s in read_features(root)}


# ## Compiled scenario examples (pickles) -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Example:
    """One compiled scenario example (a Gherkin pickle): a plain scenario, or one row of an outline."""

    feature: str
    """Path of the feature file, relative to the project (`features/volumes.feature`)."""
    scenario_line: int
    """Line of the `Scenario:` / `Scenario Outline:` keyword."""
    line: int
    """Line of the Examples row for an outline, else the scenario's line: what locates this example."""
    row: int | None
    """Index of the row among the outline's rows (all its Examples tables, in order); None for a plain
    scenario. pytest-bdd parametrizes an outline in the same order."""
    name: str
    """The scenario's name with the row's values filled in."""
    template: str
    """The scenario's name as written (with `<placeholders>`): pytest-bdd binds scenarios by this."""
    statement_ids: tuple[str, ...]
    """Statement ids among the tags of the feature, the Rule, the scenario and the Examples table."""

    @property
    def location(self) -> str:
        return f"{self.feature}:{self.line}"


def _parse(path: Path) -> Any:
    from gherkin.parser import Parser

    return Parser().parse(path.read_text(encoding="utf-8"))


def _scenario_nodes(document: Any) -> Iterator[dict[str, Any]]:
    feature: dict[str, Any] = document.get("feature") or {}
    for child in feature.get("children", []):
        if "scenario" in child:
            yield child["scenario"]
        elif "rule" in child:
            for grandchild in child["rule"].get("children", []):
                if "scenario" in grandchild:
                    yield grandchild["scenario"]


def compile_feature(path: Path, *, root: Path) -> list[Example]:
    """Every scenario example of one feature file, compiled by the official Gherkin pickle compiler."""
    from gherkin.pickles.compiler import Compiler

    document = _parse(path)
    relative = path.relative_to(root).as_posix()
    document["uri"] = relative
    scenarios: dict[str, dict[str, Any]] = {}
    rows: dict[str, tuple[int, int]] = {}
    """AST id of an Examples row -> (its index in the outline, its line)."""
    for node in _scenario_nodes(document):
        scenarios[node["id"]] = node
        body = [row for table in node.get("examples") or [] for row in table.get("tableBody") or []]
        for index, row in enumerate(body):
            rows[row["id"]] = (index, row["location"]["line"])
    examples = []
    for pickle in Compiler().compile(document):
        node = scenarios[pickle["astNodeIds"][0]]
        row, line = rows.get(pickle["astNodeIds"][-1], (None, node["location"]["line"]))
        ids = tuple(
            dict.fromkeys(m.group(1) for t in pickle["tags"] if (m := STATEMENT_TAG.match(t["name"])))
        )
        examples.append(
            Example(relative, node["location"]["line"], line, row, pickle["name"], node["name"], ids)
        )
    return examples


def feature_files(root: Path) -> list[Path]:
    """Every `*.feature` under `root/features`, in path order."""
    return sorted((root / "features").rglob("*.feature"))


def compile_features(root: Path) -> list[Example]:
    """Every scenario example of every feature file under `root/features`, in file and line order."""
    return [e for path in feature_files(root) for e in compile_feature(path, root=root)]


def name_collisions(path: Path, *, root: Path) -> list[str]:
    """Scenarios of one feature file that share a name with an earlier one, as `file:line: ...` messages.

    pytest-bdd binds a feature's scenarios by name, so of two scenarios (or outlines) with one name only
    one becomes a test: the other would silently never run."""
    relative = path.relative_to(root).as_posix()
    first: dict[str, int] = {}
    problems = []
    for node in _scenario_nodes(_parse(path)):
        line = node["location"]["line"]
        if node["name"] in first:
            problems.append(
                f"{relative}:{line}: scenario {node['name']!r} has the name of the scenario at line "
                f"{first[node['name']]}; pytest-bdd would run only one of them (rename one)"
            )
        else:
            first[node["name"]] = line
    return problems
