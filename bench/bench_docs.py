"""Speed requirement: building the docs site takes less than 5 x parsing every feature file.

In the same run, on the same machine, this script measures (best of several repeats, interleaved)
reading and parsing every `features/*.feature` with the official Gherkin parser (the baseline), and
building the whole site into a temporary folder from one results file per edition, each covering
that edition's scenarios (reading the results and the features, joining them, rendering every page,
the tables, the time lines, the examples and the schemas, and writing the files). It prints both, in
wall-clock and in CPU time, and their ratios, and exits 1 when the CPU-time ratio is 5 or more (0
otherwise): on a shared machine the wall clock follows the other processes' load (the same choice as
bench_fleet.py); both are printed.

    python bench/bench_docs.py [--repeat 5] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from aks_backup_conformance.docs import build_site, features_dir, read_all
from aks_backup_conformance.docs.gherkin_doc import feature_files, parse_feature, read_documents
from aks_backup_model.editions import EDITIONS

REQUIRED_RATIO = 5.0


def results_file(folder: Path, edition: str) -> Path:
    """The Cucumber JSON of a run of `edition` in which every scenario example of its feature set passed."""
    report = []
    for feature in read_documents(features_dir()):
        elements = []
        for scenario in feature.scenarios:
            if not scenario.in_edition(edition):
                continue
            names = [name for _, name in scenario.example_names(edition)] or [scenario.name]
            steps = [
                {"keyword": s.keyword, "name": s.text, "line": s.line, "result": {"status": "passed"}}
                for s in (*scenario.background, *scenario.steps)
            ]
            elements += [
                {"name": n, "line": scenario.line, "type": "scenario", "steps": steps} for n in names
            ]
        tags = [{"name": f"judged-by-{edition}", "line": 1}]
        report.append({"uri": feature.uri, "tags": tags, "elements": elements})
    path = folder / f"cucumber-{edition}.json"
    path.write_text(json.dumps(report), encoding="utf-8")
    return path


def best_of(
    functions: dict[str, Callable[[], object]], repeat: int
) -> tuple[dict[str, float], dict[str, float]]:
    """The best wall time and the best CPU time of one call of each function, the repeats interleaved."""
    wall = dict.fromkeys(functions, float("inf"))
    cpu = dict.fromkeys(functions, float("inf"))
    for _ in range(repeat):
        for name, function in functions.items():
            start, start_cpu = time.perf_counter(), time.process_time()
            function()
            cpu[name] = min(cpu[name], time.process_time() - start_cpu)
            wall[name] = min(wall[name], time.perf_counter() - start)
    return wall, cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=5, help="repeats; the best one counts (default 5)")
    parser.add_argument("--profile", action="store_true", help="also print a cProfile of one build")
    args = parser.parse_args(argv)

    files = feature_files(features_dir())
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        results = [results_file(folder, name) for name in EDITIONS]

        def parse() -> None:
            for path in files:
                parse_feature(path.read_text(encoding="utf-8"))

        def build() -> None:
            build_site(folder / "site", read_all(results))

        build()  # warm: imports, compiled templates
        best, cpu = best_of({"parse": parse, "build": build}, args.repeat)
        pages = sum(1 for _ in (folder / "site").rglob("*.html"))
        if args.profile:
            profiler = cProfile.Profile()
            profiler.runcall(build)
            pstats.Stats(profiler).sort_stats("cumtime").print_stats(25)
    ratio = cpu["build"] / cpu["parse"]
    print(
        f"features: {len(files)} files, {sum(p.stat().st_size for p in files):,} bytes; site: {pages} pages"
        f" from {len(EDITIONS)} runs (one per edition)"
    )
    print("                                    wall       CPU")
    print(f"parse every feature (gherkin)  {best['parse'] * 1e3:7.1f} ms {cpu['parse'] * 1e3:7.1f} ms")
    print(f"build the site                 {best['build'] * 1e3:7.1f} ms {cpu['build'] * 1e3:7.1f} ms")
    verdict = "OK" if ratio < REQUIRED_RATIO else "TOO SLOW"
    print(
        f"ratio                          {best['build'] / best['parse']:7.2f}    {ratio:7.2f}"
        f"  (CPU; required < {REQUIRED_RATIO:g}): {verdict}"
    )
    return 0 if ratio < REQUIRED_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
