"""The pytest plugin that runs mutants: `pytest steps -p tools.mutation.plugin --mutation-plan=PLAN`.

The tests are collected once. Instead of running them, the plugin

1. runs them all once in a forked child under coverage, one coverage context per test, to learn their
   durations and which lines each one runs (and stops if any fails: mutants of a red suite mean nothing);
2. forks one child per mutant. A mutant in a function body that no import runs is made in place: the
   function's code object is swapped for the mutated one, so every reference to the function (the rule
   registry included) sees it, and only the tests that ran the mutated lines are run, in the child, until
   one fails. Any other mutant (module level, class bodies, decorators, default values, code run at import)
   changes values that other modules copied when they imported it: the child forgets every module of the
   project and of the suite, serves the mutated module through an import hook, and runs a fresh
   `pytest.main` over the whole phase, quickest tests first, until one fails.

Each child has a timeout (a mutant that hangs counts as killed, as `timeout`); the parent, which never ran
a test, stays clean. The results are written to `--mutation-results` as JSON.
"""

from __future__ import annotations

import ast
import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import re
import select
import signal
import sys
import time
import types
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from _pytest.runner import runtestprotocol

from .operators import Mutant, apply
from .readers import Readers, readers

PROJECT_MODULES = ("aks_backup_model", "aks_backup_conformance", "steps", "tests", "conftest")
PACKAGE_DIRS = {"model": "aks_backup_model", "conformance": "aks_backup_conformance"}
PROJECT_FOLDERS = ("model", "conformance", "steps", "tests")
RELOAD_OVERHEAD_SECONDS = 4.0


def module_name(path: str) -> str:
    """`model/rules/volumes.py` -> `aks_backup_model.rules.volumes`."""
    parts = list(Path(path).with_suffix("").parts)
    parts[0] = PACKAGE_DIRS[parts[0]]
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("mutation")
    group.addoption("--mutation-plan", default=None, help="JSON file: the mutants to run")
    group.addoption("--mutation-results", default=None, help="JSON file the results are written to")
    group.addoption("--mutation-timeout-factor", type=float, default=4.0)
    group.addoption(
        "--mutation-test-budget", type=float, default=0.0,
        help="seconds of baseline time a mutant's tests may take; the rest are not run (0: no limit)",
    )  # fmt: skip


# -- in the children -------------------------------------------------------------------------------------


def _silence() -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)


def _code_named(code: types.CodeType, qualname: str) -> types.CodeType | None:
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            if const.co_qualname == qualname:
                return const
            found = _code_named(const, qualname)
            if found is not None:
                return found
    return None


def _live_function(module: types.ModuleType, qualname: str) -> types.FunctionType | None:
    """The function object `qualname` of `module`, through classes, properties and decorators."""
    obj: Any = module
    for part in qualname.split("."):
        namespace = vars(obj) if isinstance(obj, types.ModuleType | type) else None
        if namespace is None or part not in namespace:
            return None
        obj = namespace[part]
        if isinstance(obj, property):
            obj = obj.fget
        elif isinstance(obj, staticmethod | classmethod):
            obj = obj.__func__
        elif hasattr(obj, "func") and type(obj).__name__ == "cached_property":
            obj = obj.func
        while hasattr(obj, "__wrapped__"):
            obj = obj.__wrapped__
    return obj if isinstance(obj, types.FunctionType) else None


def patch_in_place(mutant: Mutant, source: str) -> bool:
    """Swap the code of the function around `mutant` for the mutated code; False if that is not sound."""
    assert mutant.function is not None
    module = sys.modules.get(module_name(mutant.path))
    if module is None or module.__file__ is None:
        return False
    code = compile(apply(source, mutant.path, mutant), module.__file__, "exec", dont_inherit=True)
    new = _code_named(code, mutant.function)
    live = _live_function(module, mutant.function)
    if new is None or live is None or live.__code__.co_freevars != new.co_freevars:
        return False
    live.__code__ = new
    return True


class _MutatedModule(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Serves the mutated module under its import name; every other import goes on as usual."""

    def __init__(self, name: str, filename: str, code: types.CodeType) -> None:
        self.name, self.filename, self.code = name, filename, code

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: types.ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname != self.name:
            return None
        package = Path(self.filename).name == "__init__.py"
        return importlib.util.spec_from_file_location(
            fullname, self.filename, loader=self,
            submodule_search_locations=[str(Path(self.filename).parent)] if package else None,
        )  # fmt: skip

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType | None:
        return None

    def exec_module(self, module: types.ModuleType) -> None:
        exec(self.code, module.__dict__)


def run_reloaded(
    mutant: Mutant, source: str, root: Path, nodeids: list[str], report: int, options: Sequence[str] = ()
) -> int:
    """In a child: forget the project, import it again with `mutant`, run `nodeids` (with the phase's
    `options`, such as its `--edition`) until one fails."""
    name = module_name(mutant.path)
    filename = str(root / mutant.path)
    code = compile(apply(source, mutant.path, mutant), filename, "exec", dont_inherit=True)
    for loaded in list(sys.modules):
        if loaded.split(".")[0] in PROJECT_MODULES:
            del sys.modules[loaded]
    sys.meta_path.insert(0, _MutatedModule(name, filename, code))

    class Watch:
        @pytest.hookimpl
        def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
            if report.failed:
                os.write(report_fd, report.nodeid.encode() + b"\n")

    report_fd = report
    code_ = pytest.main(
        ["-x", "-q", "-p", "no:randomly", "-p", "no:cacheprovider", "-W", "ignore", *options, *nodeids],
        plugins=[Watch()],
    )
    return 0 if code_ in (0, 5) else 1


def run_patched(items: list[pytest.Item], report: int) -> int:
    """In a child: run `items` (the mutated code is in place) until one fails."""
    for position, item in enumerate(items):
        following = items[position + 1] if position + 1 < len(items) else None
        reports = runtestprotocol(item, log=False, nextitem=following)
        if any(r.failed for r in reports):
            os.write(report, item.nodeid.encode() + b"\n")
            return 1
    return 0


# -- in the parent -------------------------------------------------------------------------------------


def _fork_and_wait(child: Any, timeout: float) -> tuple[str, str | None, float]:
    """Run `child(report_fd)` in a forked process; (status, failing test, seconds)."""
    reader, writer = os.pipe()
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        os.close(reader)
        os.setpgid(0, 0)
        _silence()
        code = 3
        try:
            code = child(writer)
        except BaseException:  # a mutant may break anything; that kills it
            code = 1
        finally:
            os._exit(code)
    os.close(writer)
    deadline = started + timeout
    output = b""
    status = None
    while True:
        remaining = deadline - time.monotonic()
        ready, _, _ = select.select([reader], [], [], max(0.0, min(remaining, 0.5)))
        if ready:
            chunk = os.read(reader, 4096)
            output += chunk
        done, wait_status = os.waitpid(pid, os.WNOHANG)
        if done:
            exit_code = os.waitstatus_to_exitcode(wait_status)
            status = "survived" if exit_code == 0 else "killed"
            break
        if remaining <= 0:
            os.killpg(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            status = "timeout"
            break
    while True:
        ready, _, _ = select.select([reader], [], [], 0)
        if not ready:
            break
        chunk = os.read(reader, 4096)
        if not chunk:
            break
        output += chunk
    os.close(reader)
    failing = output.decode(errors="replace").splitlines()
    return status, (failing[0] if failing else None), time.monotonic() - started


def _patient(child: Any, timeout: float) -> tuple[str, str | None, float]:
    """`_fork_and_wait`, and once more with three times the time when it times out: a busy machine can
    slow a child past its timeout, and a timeout counts as a kill, so only a mutant that hangs twice is
    killed by it."""
    status, failing, seconds = _fork_and_wait(child, timeout)
    if status == "timeout":
        status, failing, again = _fork_and_wait(child, 3 * timeout)
        seconds += again
    return status, failing, seconds


def _baseline(items: list[pytest.Item], targets: list[str], out: Path, digest: str) -> None:
    """In a child: every test once under coverage; durations, failures and lines per test to `out`."""
    import coverage

    cov = coverage.Coverage(data_file=None, include=targets, config_file=False)
    cov.start()
    durations: dict[str, float] = {}
    failed: list[str] = []
    for position, item in enumerate(items):
        cov.switch_context(item.nodeid)
        started = time.monotonic()
        following = items[position + 1] if position + 1 < len(items) else None
        reports = runtestprotocol(item, log=False, nextitem=following)
        durations[item.nodeid] = time.monotonic() - started
        if any(r.failed for r in reports):
            failed.append(item.nodeid)
    cov.stop()
    data = cov.get_data()
    lines: dict[str, dict[str, list[str]]] = {}
    for filename in data.measured_files():
        by_line = data.contexts_by_lineno(filename)
        lines[filename] = {str(k): sorted(c for c in v if c) for k, v in by_line.items()}
    out.write_text(json.dumps({"digest": digest, "durations": durations, "failed": failed, "lines": lines}))


_QUOTED = re.compile(r"""(["'])([^"'\n]{2,}?)\1""")


def hints(source: str, mutant: Mutant) -> set[str]:
    """The words quoted on the mutated lines (`'Australia Central'`, `"1.27"`): a test whose id names one
    is the likeliest to notice the change (outline examples carry them in their ids)."""
    lines = source.splitlines()[mutant.line - 1 : mutant.end_line]
    return {m.group(2) for line in lines for m in _QUOTED.finditer(line) if m.group(2).strip()}


def named_first(nodeids: list[str], words: set[str]) -> list[str]:
    """`nodeids` with the tests whose id names one of `words` first, each part in its own order. A
    reloaded mutant pays a fresh collection, then runs its tests until one fails: the first one tried
    should be the one most likely to fail."""
    if not words:
        return nodeids
    named = [n for n in nodeids if any(w in n for w in words)]
    chosen = set(named)
    return named + [n for n in nodeids if n not in chosen]


def _mutants_from(plan: dict[str, Any]) -> Iterator[tuple[Mutant, bool]]:
    for entry in plan["mutants"]:
        fields = {k: v for k, v in entry.items() if k != "reload"}
        yield Mutant(**fields), bool(entry["reload"])


@pytest.hookimpl(tryfirst=True)
def pytest_runtestloop(session: pytest.Session) -> bool | None:
    config = session.config
    plan_path = config.getoption("--mutation-plan")
    if plan_path is None:
        return None
    plan = json.loads(Path(plan_path).read_text())
    results_path = Path(config.getoption("--mutation-results"))
    factor = float(config.getoption("--mutation-timeout-factor"))
    root = Path(config.rootpath)
    items = list(session.items)
    by_id = {item.nodeid: item for item in items}
    sources = {path: (root / path).read_text() for path in plan["paths"]}
    project = [
        *sorted(
            str(p.relative_to(root)) for folder in PROJECT_FOLDERS for p in (root / folder).rglob("*.py")
        ),
        "conftest.py",
    ]
    trees = {path: ast.parse((root / path).read_text(), path) for path in project}
    targets = [str(root / path) for path in project]
    readers_of: dict[tuple[str, int], Readers | None] = {}

    baseline_file = results_path.with_suffix(".baseline.json")
    # the sources, and the features the steps compile (a changed table keeps its test ids)
    inputs = [*(root / p for p in project), *sorted((root / "features").rglob("*.*"))]
    digest = hashlib.sha256(b"".join(bytes(path) + path.read_bytes() for path in inputs)).hexdigest()
    baseline = json.loads(baseline_file.read_text()) if baseline_file.exists() else None
    if baseline is not None and (baseline.get("digest"), sorted(baseline["durations"])) == (
        digest,
        sorted(by_id),
    ):
        status, seconds = "survived", 0.0  # the same sources and tests as the last baseline: reuse it
    else:
        baseline_file.unlink(missing_ok=True)
        status, failing, seconds = _fork_and_wait(
            lambda _fd: _baseline(items, targets, baseline_file, digest) or 0, timeout=3600
        )
        baseline = json.loads(baseline_file.read_text()) if baseline_file.exists() else None
    if status != "survived" or baseline is None or baseline["failed"]:
        failed = baseline["failed"] if baseline else ["(no baseline written)"]
        raise pytest.UsageError(f"the suite is not green before mutation ({status}): {failed}")
    durations: dict[str, float] = baseline["durations"]
    covered: dict[str, dict[int, list[str]]] = {
        str(Path(f).resolve().relative_to(root.resolve())): {int(k): v for k, v in lines.items()}
        for f, lines in baseline["lines"].items()
    }
    everything = sorted(by_id, key=lambda n: durations.get(n, 0.0))

    def order(mutant: Mutant, nodeid: str) -> tuple[bool, float]:
        """The tests of the mutated module first (`rules/volumes.py` ~ `steps/test_volumes.py`,
        `lifecycle/state.py` ~ `tests/test_lifecycle*.py`), then the quickest: a mutant is most often killed
        by its own module's tests, and a killed mutant stops at once."""
        names = (f"test_{Path(mutant.path).stem}", f"test_{Path(mutant.path).parent.name}")
        own = any(name in nodeid.split("::")[0] for name in names)
        return (not own, durations.get(nodeid, 0.0))

    test_budget = float(config.getoption("--mutation-test-budget"))
    # what a reloaded child's fresh pytest must be told again: the edition whose features the phase runs
    edition = config.getoption("--edition", default=None)
    phase_options = [f"--edition={edition}"] if edition else []

    def within_budget(nodeids: list[str]) -> list[str]:
        """The first of `nodeids` whose baseline time fits the budget (at least one)."""
        if not test_budget:
            return nodeids
        kept: list[str] = []
        spent = 0.0
        for nodeid in nodeids:
            spent += durations.get(nodeid, 0.0)
            if kept and spent > test_budget:
                break
            kept.append(nodeid)
        return kept

    total_seconds = sum(durations.values())
    print(f"\nbaseline: {len(items)} tests, {total_seconds:.1f}s, {seconds:.1f}s with coverage", flush=True)

    results: dict[str, dict[str, Any]] = {}
    mutants = list(_mutants_from(plan))
    started = time.monotonic()
    for count, (mutant, reload) in enumerate(mutants, 1):
        source = sources[mutant.path]
        how = "reload"
        if not reload:
            lines = covered.get(mutant.path, {})
            covering = sorted(
                {n for line in mutant.lines for n in lines.get(line, ())}, key=lambda n: order(mutant, n)
            )
            nodeids = within_budget(covering)
            selected = [by_id[n] for n in nodeids if n in by_id]
            if not selected:
                results[mutant.id] = {"status": "survived", "how": "no test runs it", "seconds": 0.0}
                continue
            budget = factor * sum(durations.get(n, 0.0) for n in nodeids) + 5.0

            def child(
                fd: int, mutant: Mutant = mutant, source: str = source, selected: list[pytest.Item] = selected
            ) -> int:
                if not patch_in_place(mutant, source):
                    return 42
                return run_patched(selected, fd)

            status, failing, seconds = _patient(child, budget)
            how = "in place"
            if status == "killed" and failing is None:
                # exit 42: not patchable in place after all (or it died before any test): run it reloaded
                reload = True
        if reload:
            key = (mutant.path, mutant.line)
            if key not in readers_of:
                readers_of[key] = readers(trees, mutant.path, mutant.line)
            seen = readers_of[key]
            if seen is None:
                nodeids = everything
            else:
                nodeids = sorted(
                    {
                        n
                        for path, lines in seen.lines.items()
                        for line in lines
                        for n in covered.get(path, {}).get(line, ())
                    },
                    key=lambda n: durations.get(n, 0.0),
                )
            covering = named_first(nodeids, hints(source, mutant))
            nodeids = within_budget(covering)
            if not nodeids:
                results[mutant.id] = {
                    "status": "survived",
                    "how": "no test reads what it changes",
                    "seconds": 0.0,
                }
                continue
            budget = factor * sum(durations.get(n, 0.0) for n in nodeids) + RELOAD_OVERHEAD_SECONDS + 5.0

            def child(
                fd: int, mutant: Mutant = mutant, source: str = source, nodeids: list[str] = nodeids
            ) -> int:
                return run_reloaded(mutant, source, root, nodeids, fd, phase_options)

            status, failing, seconds = _patient(child, budget)
            how = "reload"
        results[mutant.id] = {"status": status, "by": failing, "how": how, "seconds": round(seconds, 2)}
        if len(nodeids) < len(covering):
            # a survivor that the budget kept from some tests says so: the score is a lower bound
            results[mutant.id]["how"] = f"{how}, {len(nodeids)} of {len(covering)} tests (budget)"
        if count % 25 == 0 or count == len(mutants):
            results_path.write_text(json.dumps(results, indent=1))
            killed = sum(1 for r in results.values() if r["status"] != "survived")
            elapsed = time.monotonic() - started
            print(f"  {count}/{len(mutants)} mutants, {killed} killed, {elapsed:.0f}s", flush=True)
    results_path.write_text(json.dumps(results, indent=1))
    return True


__all__ = ["hints", "module_name", "named_first", "patch_in_place", "pytest_addoption", "pytest_runtestloop"]
