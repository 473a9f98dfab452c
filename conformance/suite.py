"""Run the conformance suite (the features and their steps) against an oracle, from wherever it is installed.

    aks-backup-conformance conform --oracle SPEC [--edition E] [--statement ID] [--strict]
        [--junit-xml F] [--cucumber-json F] [--results F] [--summary F] [-- PYTEST_ARGUMENTS]

The suite is the package's own: `aks_backup_conformance.steps` (the repository's `steps/`) and the
features `docs.sources.features_dir(own=True)` finds (the wheel's package data, or the repository's
`features/` in a checkout). pytest runs in a fresh interpreter, in the current folder, with only
pytest-bdd and the suite's plugin loaded (plugin autoloading off, an empty configuration file, no
cache, no conftest.py but the suite's own), so neither the folder's nor the venv's pytest set-up
changes what runs. pytest's own short summary is off (`-rN`): each failure is already one line, and
the summary would repeat it, in full where `CI` is set and shortened elsewhere. The Cucumber JSON is tagged with each scenario's statement ids and stamped with the
edition (`judged-by-<edition>`, for the docs site), as `nox -s conformance` does. Then the per-statement
summary of `report.conformance` is printed from the results file; its verdict is the exit status: 0 every judged statement is ok, 1 not, 2 the suite could not run.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console

from aks_backup_model.editions import DEFAULT_EDITION, EDITIONS

from .docs.sources import features_dir
from .report.conformance import render, tag_elements
from .report.features import compile_features
from .report.results import Summary, comparison_note, summarise

EXIT_OK, EXIT_NOT_OK, EXIT_CANNOT_RUN = 0, 1, 2


def suite_root() -> Path:
    """The folder that holds the suite's `features/` (feature paths in reports are relative to it)."""
    return features_dir(own=True).parent


def steps_dir() -> Path:
    """The suite's step modules (`aks_backup_conformance.steps`; in a checkout, the repository's `steps/`)."""
    spec = importlib.util.find_spec(f"{__package__}.steps")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(f"the package {__package__} has no steps subpackage")
    return Path(next(iter(spec.submodule_search_locations))).resolve()


@dataclass(frozen=True, slots=True)
class Run:
    """What to run and where to write the reports."""

    oracle: str = "reference"
    edition: str = DEFAULT_EDITION
    statements: Sequence[str] = ()
    covers: str = ""
    strict: bool = False
    no_plans: bool = False
    timeout: float | None = None
    timelines: bool = False
    max_errors: int | None = None
    junit_xml: Path | None = None
    cucumber_json: Path | None = None
    results: Path | None = None
    summary: Path | None = None
    extra: Sequence[str] = field(default_factory=tuple)
    """More pytest arguments (`-x`, `-k TEXT`, `-v`...)."""

    def pytest_arguments(self, ini: Path, results: Path) -> list[str]:
        steps, root = steps_dir(), suite_root()
        arguments = [
            str(steps), "-c", str(ini), f"--rootdir={root}", f"--confcutdir={steps}",
            "-p", "pytest_bdd.plugin", "-p", "aks_backup_conformance.pytest_plugin", "-p", "no:cacheprovider",
            "--strict-markers", "-q", "--no-header", "-rN",
            f"--oracle={self.oracle}", f"--edition={self.edition}", f"--results={results}",
        ]  # fmt: skip
        arguments += [f"--statement={s}" for s in self.statements]
        if self.covers:
            arguments.append(f"--oracle-covers={self.covers}")
        if self.strict:
            arguments.append("--oracle-strict")
        if self.no_plans:
            arguments.append("--oracle-no-plans")
        if self.timeout is not None:
            arguments.append(f"--oracle-timeout={self.timeout}")
        if self.timelines:
            arguments.append("--oracle-timelines")
        if self.max_errors is not None:
            arguments.append(f"--oracle-max-errors={self.max_errors}")
        if self.junit_xml is not None:
            arguments.append(f"--junitxml={self.junit_xml}")
        if self.cucumber_json is not None:
            arguments.append(f"--cucumberjson={self.cucumber_json}")
        return [*arguments, *self.extra]


def run(settings: Run, console: Console) -> int:
    """Run the suite as `settings` say, print the per-statement summary; the exit status (see module)."""
    if settings.edition not in EDITIONS:
        console.print(f"error: no edition {settings.edition!r}; known: {', '.join(EDITIONS)}")
        return EXIT_CANNOT_RUN
    root = suite_root()
    with tempfile.TemporaryDirectory(prefix="aks-backup-conformance-") as folder:
        ini = Path(folder) / "pytest.ini"
        ini.write_text("[pytest]\nxfail_strict = true\n", encoding="utf-8")
        results = settings.results or Path(folder) / "results.json"
        for target in (results, settings.junit_xml, settings.cucumber_json, settings.summary):
            if target is not None:
                target.parent.mkdir(parents=True, exist_ok=True)
        results.unlink(missing_ok=True)
        env = {**os.environ, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}
        command = [sys.executable, "-m", "pytest", *settings.pytest_arguments(ini, results)]
        sys.stdout.flush()
        done = subprocess.run(command, env=env, check=False)
        if done.returncode not in (0, 1, 5) or not results.is_file():
            console.print(
                f"error: the conformance suite could not run (pytest exit status {done.returncode}); "
                "see its messages above"
            )
            return EXIT_CANNOT_RUN
        document = json.loads(results.read_text(encoding="utf-8"))
    summary = summarise(compile_features(root), document, EDITIONS[settings.edition].statement_ids)
    if settings.cucumber_json is not None and settings.cucumber_json.is_file():
        report = json.loads(settings.cucumber_json.read_text(encoding="utf-8"))
        tag_elements(report, root)
        settings.cucumber_json.write_text(json.dumps(report, indent=1), encoding="utf-8")
        from .docs.results import stamp

        stamp(settings.cucumber_json, settings.edition)  # `judged-by-<edition>`, as nox -s conformance does
    if settings.summary is not None:
        settings.summary.write_text(json.dumps(summary.to_dict(), indent=1), encoding="utf-8")
    render(summary, console)
    if note := comparison_note(document):
        console.print(note)
    return verdict(summary)


def verdict(summary: Summary) -> int:
    return EXIT_OK if summary.ok else EXIT_NOT_OK
