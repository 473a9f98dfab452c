"""Machine-readable documents for the command line's `--format json`.

Every function returns plain data (dicts, lists, strings, numbers, None) that `json.dumps` accepts
as is; the shapes are part of the command line's contract with the tools that script around it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

from aks_backup_model.editions import DEFAULT_EDITION, EDITIONS, change_in
from aks_backup_model.errors import MISSING, InvalidInput
from aks_backup_model.outcome import Outcome, exit_code
from aks_backup_model.statements import STATEMENTS, Statement
from aks_backup_model.unknowns import where_to_find

from ..answer import outcome_document as wire_outcome_document


def statement_document(entry: Statement, edition: str = DEFAULT_EDITION) -> dict[str, Any]:
    """One catalog entry as `edition` words it: id, section, kind, area, text, interpretation (or
    None), source (a URL), the edition, how that edition treats it against the one before (`change`:
    seed, added, changed, unchanged or retired), the editions it holds in, and those that changed it."""
    worded = entry.in_edition(edition)
    return {
        "id": entry.id,
        "section": worded.section,
        "kind": entry.kind.value,
        "area": entry.area,
        "text": worded.text,
        "interpretation": worded.interpretation,
        "source": worded.source,
        "edition": edition,
        "change": change_in(entry.id, edition),
        "editions": [name for name in EDITIONS if entry.holds_in(name)],
        "changed_in": list(entry.editions_changed),
        "retired_in": entry.retired_in,
    }


def statements_document(
    statements: Iterable[Statement] | None = None, *, edition: str = DEFAULT_EDITION
) -> list[dict[str, Any]]:
    """The statements of `edition` in document order, then those it retires (`change: retired`).

    `statements` restricts the list (default: the whole catalog)."""
    entries = list(STATEMENTS.values() if statements is None else statements)
    held = [e for e in entries if e.holds_in(edition)]
    retired = [e for e in entries if e.retired_in == edition]
    return [statement_document(entry, edition) for entry in held + retired]


def cited_ids(outcome: Outcome) -> list[str]:
    """The statement ids the outcome cites (findings, then volume and namespace plans), each once."""
    ids = [f.statement_id for f in outcome.findings]
    ids += [v.statement_id for v in outcome.volumes if v.statement_id]
    ids += [n.statement_id for n in outcome.namespaces if n.statement_id]
    return list(dict.fromkeys(ids))


def outcome_document(
    outcome: Outcome, *, source: str | None = None, statements: Mapping[str, Statement] = STATEMENTS
) -> dict[str, Any]:
    """The answer document of the wire format (`schema_version`, `question`, `Outcome.to_dict()` with
    the edition and the date judged, `as_of`, and the missing facts) plus the exit code, the file
    judged, where each missing fact comes from, and the text of every cited statement (`schema --answer`)."""
    document = wire_outcome_document(outcome)
    document["exit_code"] = exit_code(outcome)
    for entry in document["missing"]:
        entry["source"] = where_to_find(entry["field"])
    if source is not None:
        document["source"] = source
    document["statements"] = {
        statement_id: {"section": statements[statement_id].section, "text": statements[statement_id].text}
        for statement_id in cited_ids(outcome)
        if statement_id in statements
    }
    return document


def invalid_input_document(error: InvalidInput) -> dict[str, Any]:
    """A bad input file: `{"error": "invalid_input", "source", "problems": [{path, value?, expected}]}`.

    `value` is absent when the problem is a missing field; values that JSON cannot carry are given as
    their repr.
    """
    problems = []
    for path, value, expected in error.problems:
        problem: dict[str, Any] = {"path": path, "expected": expected}
        if value is not MISSING:
            problem["value"] = value if _plain(value) else repr(value)
        problems.append(problem)
    return {"error": "invalid_input", "source": error.source, "problems": problems}


def _plain(value: object) -> bool:
    if isinstance(value, float):
        return math.isfinite(value)
    if value is None or isinstance(value, str | int | bool):
        return True
    if isinstance(value, list | tuple):
        return all(_plain(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    return False
