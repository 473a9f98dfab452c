"""`python -m tools.mutation`: mutate the model, run the features, then the tests on the survivors.

    python -m tools.mutation                      # everything (what `nox -s mutation` runs)
    python -m tools.mutation model/tables.py      # only these files (or folders)
    python -m tools.mutation --match 'PAIRED'     # only mutants whose id contains the text
    python -m tools.mutation --features-only      # skip the second phase

Writes `reports/mutation.json` (one record per module and per group of modules: killed, total, score,
the surviving mutants) and `reports/mutation.md` (the same for people), and prints the summary.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from .operators import Mutant, mutants
from .report import Equivalent, load_equivalents, records, summary

ROOT = Path(__file__).resolve().parents[2]
TARGETS = ("model/rules", "model/tables.py", "model/evaluate.py", "model/lifecycle")
GROUPS = ("model/rules/", "model/tables.py", "model/evaluate.py", "model/lifecycle/")
EQUIVALENTS = ROOT / "mutation-equivalents.yaml"
NICENESS = 10
"""The niceness of the run and its children: it yields to interactive work, no further (19 would starve it
on a busy machine)."""
WORK = ROOT / "build" / "mutation"


def files(targets: list[str]) -> list[str]:
    found: list[str] = []
    for target in targets:
        path = ROOT / target
        if path.is_dir():
            found += [str(p.relative_to(ROOT)) for p in sorted(path.glob("*.py"))]
        else:
            found.append(str(path.relative_to(ROOT)))
    return found


def import_time_lines(paths: list[str], work: Path) -> dict[str, set[int]]:
    """The lines of `paths` that run while the suite is imported and collected (no test run)."""
    import coverage

    digest = hashlib.sha256(" ".join(paths).encode())
    for folder in ("model", "steps", "tests"):
        for source in sorted((ROOT / folder).rglob("*.py")):
            digest.update(str(source.relative_to(ROOT)).encode() + source.read_bytes())
    cache = work / f"import-lines-{digest.hexdigest()[:16]}.json"
    if cache.exists():
        return {path: set(lines) for path, lines in json.loads(cache.read_text()).items()}
    data_file = work / "import.coverage"
    subprocess.run(
        [
            sys.executable, "-m", "coverage", "run", f"--data-file={data_file}",
            f"--include={','.join(str(ROOT / p) for p in paths)}",
            "-m", "pytest", "--collect-only", "-q", "-p", "no:randomly", "steps", "tests",
        ],
        cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    data = coverage.CoverageData(basename=str(data_file))
    data.read()
    lines: dict[str, set[int]] = {}
    for filename in data.measured_files():
        relative = str(Path(filename).resolve().relative_to(ROOT))
        lines[relative] = set(data.lines(filename) or ())
    cache.write_text(json.dumps({path: sorted(found) for path, found in lines.items()}))
    return lines


LEFT_OUT_OF_THE_TESTS_PHASE = {
    "tests/test_crosscheck.py": "compares the model with itself and with command oracles run as new processes "
    "(which import the unmutated model from disk), under time budgets",
    "tests/test_oracles.py": "runs the features against command oracles in new processes, which never see the mutant",
}
"""Test files the second phase does not run, and why (they can only cost time, or cannot see a mutant)."""

TESTS_BUDGET_SECONDS = 20.0
"""How much of the tests (in seconds of baseline time) the second phase runs on one surviving mutant: its
module's own tests first, then the quickest. Property and stateful tests are slow, and a survivor runs
every test it selects to the end; the budget bounds the phase. Tests left out can only leave a mutant
alive (its note says how many ran), never kill one."""

MUTATION_PROFILE = "mutation"
"""The Hypothesis profile of the second phase (conftest.py): fewer examples than `ci`, derandomized. A
property test that would have needed more examples to kill a mutant leaves it alive: the score is a lower
bound, never an overstatement."""


def run_phase(
    name: str,
    folder: str,
    plan: list[tuple[Mutant, bool]],
    paths: list[str],
    work: Path,
    budget: float = 0.0,
    options: tuple[str, ...] = (),
) -> dict[str, Any]:
    plan_file = work / f"{name}.plan.json"
    results_file = work / f"{name}.results.json"
    entries = [{**vars_of(m), "reload": reload} for m, reload in plan]
    plan_file.write_text(json.dumps({"paths": paths, "mutants": entries}))
    print(f"{name}: {len(plan)} mutants against {folder}/", flush=True)
    subprocess.run(
        [
            sys.executable, "-m", "pytest", folder, "-q", "-p", "no:randomly", "-p", "tools.mutation.plugin",
            f"--mutation-plan={plan_file}", f"--mutation-results={results_file}", f"--mutation-test-budget={budget}",
            *(f"--ignore={path}" for path in (LEFT_OUT_OF_THE_TESTS_PHASE if folder == "tests" else ())),
            *options,
        ],
        cwd=ROOT, check=True, env={**os.environ, "HYPOTHESIS_PROFILE": MUTATION_PROFILE if folder == "tests" else "ci"},
    )  # fmt: skip
    return json.loads(results_file.read_text())  # type: ignore[no-any-return]


def other_editions() -> list[str]:
    """The editions the features judge by besides the default one (`nox -s tests` runs their feature sets
    too): the tables hold per-edition facts, which only that edition's scenarios read."""
    from aks_backup_model.editions import DEFAULT_EDITION, JUDGED

    return [edition for edition in JUDGED if edition != DEFAULT_EDITION]


def phases() -> list[str]:
    """The phases in the order they run: the features (default edition), the features of each other
    edition on the survivors, then the rest of the suite on the survivors."""
    return ["features", *(f"features@{edition}" for edition in other_editions()), "tests"]


def phase_setup(phase: str) -> tuple[str, tuple[str, ...]]:
    """The folder a phase runs and its pytest options."""
    if phase == "tests":
        return "tests", ()
    _, _, edition = phase.partition("@")
    return "steps", (f"--edition={edition}",) if edition else ()


def phase_results(work: Path, phase: str) -> dict[str, Any]:
    """What a phase of an earlier run in `work` measured (empty if it did not run)."""
    results = work / f"{phase}.results.json"
    return json.loads(results.read_text()) if results.exists() else {}  # type: ignore[no-any-return]


def measured(work: Path) -> dict[str, dict[str, Any]]:
    """What the last run in `work` measured: each phase's results so far (a stopped run wrote them every
    25 mutants); a mutant a later phase measured has that verdict, else the earlier phase's."""
    status: dict[str, dict[str, Any]] = {}
    for phase in phases():
        results = work / f"{phase}.results.json"
        if results.exists():
            for mutant_id, r in json.loads(results.read_text()).items():
                status[mutant_id] = {**r, "phase": phase}
    return status


def vars_of(m: Mutant) -> dict[str, Any]:
    return {name: getattr(m, name) for name in Mutant.__slots__}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.mutation", description=__doc__.split("\n")[0])
    parser.add_argument("targets", nargs="*", default=list(TARGETS))
    parser.add_argument("--match", default=None, help="only mutants whose id contains this text")
    parser.add_argument("--ids", default=None, help="only the mutants whose ids this file lists, one a line")
    parser.add_argument("--features-only", action="store_true")
    parser.add_argument(
        "--tests-budget", type=float, default=TESTS_BUDGET_SECONDS,
        help="seconds of baseline time of tests/ per surviving mutant in the second phase (0: no limit)",
    )  # fmt: skip
    parser.add_argument(
        "--resume", action="store_true",
        help="keep what the last run in --work measured; measure only what it had not (a stopped run, a phase "
        "it skipped, mutants it did not plan)",
    )  # fmt: skip
    parser.add_argument("--output", default="reports/mutation.json")
    parser.add_argument("--work", default=str(WORK), help="folder for plans and partial results")
    parser.add_argument(
        "--report-only", action="store_true",
        help="run nothing: report what the last run in --work measured (also a run that was stopped)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    os.nice(max(0, NICENESS - os.nice(0)))  # nice 10, also when started under `nice -n 10`
    os.environ.setdefault("HYPOTHESIS_PROFILE", "ci")
    work = Path(args.work).resolve()
    work.mkdir(parents=True, exist_ok=True)

    paths = files(args.targets)
    everything = [m for p in paths for m in mutants((ROOT / p).read_text(), p)]
    equivalents: dict[str, Equivalent] = load_equivalents(EQUIVALENTS)
    known = {m.id for m in everything}
    stale = sorted(i for i in equivalents if i not in known and any(i.startswith(p + "::") for p in paths))
    for mutant_id in stale:
        print(f"warning: {EQUIVALENTS.name} lists a mutant that no longer exists: {mutant_id}")
    chosen = [m for m in everything if m.id not in equivalents]
    if args.match:
        chosen = [m for m in chosen if args.match in m.id]
    if args.ids:
        wanted = set(Path(args.ids).read_text().splitlines())
        chosen = [m for m in chosen if m.id in wanted]
    if args.report_only:
        status = measured(work)
        tests_phase = (work / "tests.results.json").exists()
    else:
        at_import = import_time_lines(paths, work)
        plan = [(m, m.function is None or bool(m.lines & at_import.get(m.path, set()))) for m in chosen]
        status: dict[str, dict[str, Any]] = {}
        survivors = plan
        tests_phase = not args.features_only
        for phase in phases():
            if phase == "tests" and not tests_phase:
                break
            known_here = phase_results(work, phase) if args.resume else {}
            pending = [(m, reload) for m, reload in survivors if m.id not in known_here]
            found = dict(known_here)
            if pending:
                folder, options = phase_setup(phase)
                budget = args.tests_budget if phase == "tests" else 0.0
                found.update(run_phase(phase, folder, pending, paths, work, budget, options))
                (work / f"{phase}.results.json").write_text(json.dumps(found, indent=1))
            status.update({m.id: {**found[m.id], "phase": phase} for m, _ in survivors if m.id in found})
            survivors = [(m, reload) for m, reload in survivors if status[m.id]["status"] == "survived"]
    output = ROOT / args.output
    output.parent.mkdir(parents=True, exist_ok=True)
    recs = records(chosen, status, equivalents, GROUPS, tests_phase=tests_phase)
    output.write_text(json.dumps(recs, indent=1) + "\n")
    text = summary(recs)
    output.with_suffix(".md").write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
