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


def _ids(tags: list[dict[str, Any]]) -> list[str]:
    return [m.group(1) for t in tags if (m := STATEMENT_TAG.match(t["name"]))]


def _scenario(feature: str, rule: str | None, rule_ids: list[str], node: dict[str, Any]) -> Scenario:
    own = _ids(node["tags"])
    rows = sum(len(e.get("tableBody") or []) for e in node.get("examples") or []) or 1
    ids = tuple(dict.fromkeys(own + rule_ids))
    return Scenario(feature, rule, node["name"], node["location"]["line"], ids, rows)


def read_feature(path: Path, *, root: Path) -> Iterator[Scenario]:
    """Every scenario of one feature file."""
    from gherkin.parser import Parser
    from gherkin.token_scanner import TokenScanner

    document: Any = Parser().parse(TokenScanner(path.read_text(encoding="utf-8")))
    feature: dict[str, Any] = document.get("feature") or {}
    relative = path.relative_to(root).as_posix()
    feature_ids = _ids(feature.get("tags", []))
    for child in feature.get("children", []):
        if "scenario" in child:
            yield _scenario(relative, None, feature_ids, child["scenario"])
        elif "rule" in child:
            rule = child["rule"]
            rule_ids = _ids(rule["tags"]) + feature_ids
            for grandchild in rule.get("children", []):
                if "scenario" in grandchild:
                    yield _scenario(relative, rule["name"], rule_ids, grandchild["scenario"])


def read_features(root: Path) -> list[Scenario]:
    """Every scenario of `root/features/*.feature`, in file and line order."""
    scenarios: list[Scenario] = []
    for path in sorted((root / "features").glob("*.feature")):
        scenarios.extend(read_feature(path, root=root))
    return scenarios


def rule_tags(root: Path) -> dict[str, list[str]]:
    """Every feature rule's tags by the (file, line) of its scenarios (for Cucumber JSON)."""
    return {f"{s.feature}:{s.line}": list(s.statement_ids) for s in read_features(root)}
