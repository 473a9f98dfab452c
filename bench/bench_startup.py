"""Speed requirement: `check` of one example file costs at most 2 x the start-up of Python with pydantic and PyYAML.

In the same run, interleaved so that load on a shared machine hits every command alike, this script
starts each command `--repeat` times as a fresh process and keeps the best (lowest) CPU time (user +
system, from `getrusage` of the children) and the best wall time of each:

- baseline: `python -c "import pydantic, yaml"`;
- `check FILE` (text), `check FILE --format json`, `check FILE --format sarif`, as a user runs them
  (the console script);
- for reference, not judged: `check FILE` through the typer application (the path any option the
  quick path does not know takes), the floor any pydantic program pays (importing pydantic and PyYAML
  and defining one model: about 2x already), and importing the model package alone (defining its
  input models, statements and tables, running nothing).

It prints each figure and the ratios to the baseline, and exits 0 when the CPU ratio of `check FILE`
(text) is at most 2, else 1. CPU time is the judged figure: on a machine shared with other work the
wall time of a 0.2 s process wobbles by more than the differences measured.

    python bench/bench_startup.py [--repeat 10] [--example examples/fully-supported.yaml]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

REQUIRED_RATIO = 2.0
ROOT = Path(__file__).resolve().parents[1]
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
"""The children may write bytecode caches (the warm-up run does), as an installed package has them:
without, every start compiles every module imported from source, and the figures measure the compiler."""


@dataclass
class Command:
    label: str
    argv: list[str]
    judged: bool = False
    cpu: list[float] = field(default_factory=list)
    wall: list[float] = field(default_factory=list)

    def run(self) -> None:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(
            self.argv,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
            cwd=ROOT,
            env=CHILD_ENV,
        )
        self.wall.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        self.cpu.append((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))


def _tool() -> list[str]:
    script = Path(sys.executable).parent / "aks-backup-conformance"
    if script.exists():
        return [str(script)]
    found = shutil.which("aks-backup-conformance")
    return [found] if found else [sys.executable, "-m", "aks_backup_conformance"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10, help="Runs of each command (best counts).")
    parser.add_argument("--example", default="examples/fully-supported.yaml", help="The file to check.")
    args = parser.parse_args()
    python, tool, example = sys.executable, _tool(), args.example
    typer_path = (
        "import sys; from aks_backup_conformance.cli import app; "
        f"app(args=['check', {example!r}], prog_name='aks-backup-conformance')"
    )
    floor = "import pydantic, yaml\nclass A(pydantic.BaseModel):\n    x: int"
    commands = [
        baseline := Command('python -c "import pydantic, yaml"', [python, "-c", "import pydantic, yaml"]),
        judged := Command(f"check {example}", [*tool, "check", example], judged=True),
        Command(f"check {example} --format json", [*tool, "check", example, "--format", "json"]),
        Command(f"check {example} --format sarif", [*tool, "check", example, "--format", "sarif"]),
        Command("  (reference) check through typer", [python, "-c", typer_path]),
        Command("  (reference) pydantic + yaml + one model", [python, "-c", floor]),
        Command(
            "  (reference) import aks_backup_model (its ~40 models)",
            [python, "-c", "import aks_backup_model"],
        ),
    ]
    for command in commands:  # warm the file cache and the bytecode caches
        command.run()
        command.cpu.clear()
        command.wall.clear()
    for _ in range(args.repeat):
        for command in commands:
            command.run()
    base_cpu, base_wall = min(baseline.cpu), min(baseline.wall)
    print(f"best of {args.repeat} runs each, interleaved, with bytecode caches")
    print(f"{'command':58} {'cpu ms':>8} {'x base':>7} {'wall ms':>8} {'x base':>7}")
    for command in commands:
        cpu, wall = min(command.cpu), min(command.wall)
        print(
            f"{command.label:58} {cpu * 1000:8.0f} {cpu / base_cpu:7.2f} {wall * 1000:8.0f} {wall / base_wall:7.2f}"
        )
    ratio = min(judged.cpu) / base_cpu
    verdict = "OK" if ratio <= REQUIRED_RATIO else "TOO SLOW"
    print(f"check / baseline (cpu): {ratio:.2f}  (required <= {REQUIRED_RATIO}): {verdict}")
    return 0 if ratio <= REQUIRED_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
