"""The equivalent-mutant list and the report: records per module and per group, and a summary."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .operators import Mutant


@dataclass(frozen=True, slots=True)
class Equivalent:
    id: str
    reason: str


def load_equivalents(path: Path) -> dict[str, Equivalent]:
    """`mutation-equivalents.yaml`: a list of `{id, reason}`; a missing reason is an error."""
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text()) or []
    if not isinstance(data, list):
        raise SystemExit(f"{path}: expected a list of {{id, reason}} entries, got {type(data).__name__}")
    found: dict[str, Equivalent] = {}
    for position, entry in enumerate(data):
        if not isinstance(entry, dict) or not entry.get("id") or not str(entry.get("reason", "")).strip():
            raise SystemExit(f"{path}: entry [{position}] needs an `id` and a non-empty `reason`: {entry!r}")
        found[str(entry["id"])] = Equivalent(str(entry["id"]), str(entry["reason"]).strip())
    return found


def _record(
    module: str, mutants: list[Mutant], status: Mapping[str, Mapping[str, Any]], equivalent: int, planned: int
) -> dict[str, Any]:
    killed = [m for m in mutants if status[m.id]["status"] != "survived"]
    survivors = [m for m in mutants if status[m.id]["status"] == "survived"]
    total = len(mutants)
    return {
        "module": module,
        "killed": len(killed),
        "total": total,
        "score": round(len(killed) / total, 4) if total else None,
        "killed_by_features": sum(1 for m in killed if status[m.id]["phase"].startswith("features")),
        "killed_by_tests": sum(1 for m in killed if status[m.id]["phase"] == "tests"),
        "timeouts": sum(1 for m in killed if status[m.id]["status"] == "timeout"),
        "equivalent": equivalent,
        "planned": planned,
        "survivors": [
            {**m.to_dict(), "note": status[m.id].get("how")} for m in sorted(survivors, key=lambda m: m.line)
        ],
    }


def records(
    mutants: Iterable[Mutant],
    status: Mapping[str, Mapping[str, Any]],
    equivalents: Mapping[str, Equivalent],
    groups: Iterable[str],
    *,
    tests_phase: bool,
) -> list[dict[str, Any]]:
    """One record per group (`model/rules/`, ...) then one per module, in path order."""
    everything = list(mutants)
    measured = [m for m in everything if m.id in status]

    def planned(group: str) -> int:
        return sum(
            1 for m in everything if m.path == group or (group.endswith("/") and m.path.startswith(group))
        )

    by_path: dict[str, list[Mutant]] = {}
    for m in measured:
        by_path.setdefault(m.path, []).append(m)
    equivalent_by_path: dict[str, int] = {}
    for mutant_id in equivalents:
        path = mutant_id.split("::", 1)[0]
        equivalent_by_path[path] = equivalent_by_path.get(path, 0) + 1
    result = []
    for group in groups:
        members = [
            m for m in measured if m.path == group or (group.endswith("/") and m.path.startswith(group))
        ]
        if members:
            eq = sum(
                n
                for p, n in equivalent_by_path.items()
                if p == group or (group.endswith("/") and p.startswith(group))
            )
            record = _record(group, members, status, eq, planned(group))
            record["kind"] = "group"
            result.append(record)
    for path in sorted(by_path):
        record = _record(path, by_path[path], status, equivalent_by_path.get(path, 0), planned(path))
        record["kind"] = "module"
        result.append(record)
    for record in result:
        record["phases"] = ["features", "tests"] if tests_phase else ["features"]
    return result


def summary(recs: list[dict[str, Any]]) -> str:
    """The records as a Markdown table, then the survivors of each module."""
    lines = [
        "# Mutation score",
        "",
        "Killed by the features (`steps/`, each edition's feature set) or, for their survivors, by the rest of",
        "the suite (`tests/`);",
        "equivalent mutants (`mutation-equivalents.yaml`) are left out of the totals.",
        "",
        "`total` counts the mutants measured; `planned` those the run set out to measure (a run stopped",
        "early measures fewer: its score is the score of what it measured, nothing more).",
        "",
        "| module | killed | total | score | by features | by tests | equivalent | planned |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in recs:
        name = f"**{r['module']}**" if r["kind"] == "group" else r["module"]
        score = "-" if r["score"] is None else f"{100 * r['score']:.1f}%"
        lines.append(
            f"| {name} | {r['killed']} | {r['total']} | {score} | {r['killed_by_features']} | "
            f"{r['killed_by_tests']} | {r['equivalent']} | {r['planned']} |"
        )
    for r in recs:
        if r["kind"] != "module" or not r["survivors"]:
            continue
        lines += ["", f"## Survivors in {r['module']}", ""]
        lines += [f"- line {s['line']}: `{s['id']}`" for s in r["survivors"]]
    return "\n".join(lines) + "\n"
