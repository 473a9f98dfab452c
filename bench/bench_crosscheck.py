"""Throughput of `crosscheck`: examples per second, and the model's share of an example's time.

The requirement (issue 9): with the reference oracle, the model (the expected answer every case is
compared with, and the weighing of drawn cases) takes under 10 % of a cross-check example's time; the
rest is drawing the case (Hypothesis), asking the oracle and comparing. Examples per second are
reported for the reference oracle in process and for command oracles (a process per question).

    .venv/bin/python bench/bench_crosscheck.py                    # 200 reference, 20 per command oracle
    .venv/bin/python bench/bench_crosscheck.py --examples 500 --command-examples 40

Exit 1 when the model's share is 10 % or more. A benchmark, not a timed test.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path
from typing import Any

import aks_backup_conformance.crosscheck as cc
from aks_backup_conformance.oracles import get
from aks_backup_model.environment import Environment
from aks_backup_model.operations import Operation
from aks_backup_model.outcome import Outcome

ROOT = Path(__file__).resolve().parents[1]
SHELL_EXAMPLE = ROOT / "examples" / "oracles" / "preflight-sh" / "preflight.sh"
SHELL_COVERS = "SM-REG-02,SM-REG-03,SM-SUP-05,SM-SUP-08,SM-SUP-12,SM-UNS-05,SM-LIM-03,SM-LIM-04"


class Timed:
    """An oracle wrapper that adds up the time its oracle takes."""

    def __init__(self, oracle: Any) -> None:
        self.oracle = oracle
        self.name = oracle.name
        self.seconds = 0.0
        self.calls = 0

    def covers(self) -> frozenset[str]:
        return frozenset(self.oracle.covers())

    def evaluate(self, env: Environment, op: Operation | None = None) -> Outcome:
        start = time.perf_counter()
        try:
            return self.oracle.evaluate(env, op)  # type: ignore[no-any-return]
        finally:
            self.seconds += time.perf_counter() - start
            self.calls += 1


def run(oracle: Any, examples: int, seed: int, **options: Any) -> dict[str, Any]:
    """One cross-check (no mistakes expected: shrinking would not be an example's time), timed."""
    model = [0.0, 0]
    evaluate = cc.evaluate

    def timed(env: Environment, op: Operation | None = None) -> Outcome:
        start = time.perf_counter()
        try:
            return evaluate(env, op)
        finally:
            model[0] += time.perf_counter() - start
            model[1] += 1

    wrapped = Timed(oracle)
    cc.evaluate = timed  # type: ignore[assignment]
    try:
        start = time.perf_counter()
        report = cc.crosscheck(wrapped, max_examples=examples, seed=seed, shrink_seconds=0, **options)
        total = time.perf_counter() - start
    finally:
        cc.evaluate = evaluate
    return {
        "verdict": report.verdict.value,
        "cases": report.cases,
        "total": total,
        "model": model[0],
        "model_calls": model[1],
        "oracle": wrapped.seconds,
        "oracle_calls": wrapped.calls,
    }


def show(label: str, r: dict[str, Any]) -> None:
    per = r["total"] / max(r["cases"], 1)
    print(
        f"{label:<34} {r['cases']:>4} cases {r['total']:7.2f}s  {r['cases'] / r['total']:7.1f} examples/s  "
        f"{per * 1000:7.1f} ms/example  model {r['model'] / r['total']:5.1%} ({r['model_calls']} calls)  "
        f"oracle {r['oracle'] / r['total']:5.1%} ({r['oracle_calls']} calls)  [{r['verdict']}]"
    )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--examples", type=int, default=200, help="cases for the reference oracle")
    parser.add_argument("--command-examples", type=int, default=20, help="cases for each command oracle")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    reference = run(get("reference"), args.examples, args.seed)
    show("reference (in process)", reference)
    command = run(
        get(f"command:{sys.executable} -m aks_backup_conformance answer"), args.command_examples, args.seed
    )
    show("reference as a command (answer)", command)
    if shutil.which("jq"):
        from aks_backup_conformance.oracles import Restricted

        shell = Restricted(get(f"command:sh {SHELL_EXAMPLE}"), frozenset(SHELL_COVERS.split(",")))
        show(
            "examples/oracles/preflight-sh",
            run(shell, args.command_examples, args.seed, unknowns=False, plans=False),
        )
    else:
        print("examples/oracles/preflight-sh: skipped (jq is not installed)")

    share = reference["model"] / reference["total"]
    verdict = "OK" if share < 0.10 else "TOO HIGH"
    print(f"model's share of a reference example's time: {share:.1%} (required < 10%): {verdict}")
    return 0 if share < 0.10 else 1


if __name__ == "__main__":
    raise SystemExit(main())
