"""Speed requirement: a fleet of 100 collected clusters is checked in under 10x (json.loads of all
their files + the start-up of `python -c "import pydantic, yaml"`).

Each cluster is a folder as `collect` writes it: the Azure answers of the `supported` sample of
`tests/data/` (its cluster renamed) and a `kubectl get ... -o json` List of 20 namespaces and 50
persistent volumes with their claims, the pods that mount them, deployments, nodes and storage
classes. In the same run this script measures, best of `--repeat`:

- `check`: one process, `aks-backup-conformance check --from FLEET --format json`, start-up included;
- `loads`: `json.loads` of every file of the fleet, in this process;
- `startup`: a process running `python -c "import pydantic, yaml"`.

It prints the three times, wall clock and CPU (user + system, the child processes' included), and the
ratio check / (loads + startup) of each; it exits 1 when the CPU ratio is 10 or more, else 0. On a
shared machine the wall clock moves with the neighbours' load; CPU time does much less.

    python bench/bench_fleet.py [--clusters 100] [--repeat 3] [--keep DIR]
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REQUIRED_RATIO = 10.0
SAMPLE = Path(__file__).resolve().parents[1] / "tests" / "data" / "supported"
NAMESPACES = 20
VOLUMES = 50


def kubectl_list(cluster: str) -> dict[str, Any]:
    """20 namespaces, 50 PVs and claims with their pods, cloned from the sample's objects."""
    base = json.loads((SAMPLE / "kubectl.json").read_text())
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for item in base["items"]:
        by_kind.setdefault(item["kind"], []).append(item)
    items: list[dict[str, Any]] = [i for i in base["items"] if i["kind"] in ("Node", "StorageClass")]
    system = [
        ns
        for ns in by_kind["Namespace"]
        if ns["metadata"]["name"]
        in ("default", "kube-system", "kube-public", "kube-node-lease", "dataprotection-microsoft")
    ]
    items += system
    names = [f"team-{i:02d}" for i in range(NAMESPACES - len(system))]
    for name in names:
        ns = copy.deepcopy(by_kind["Namespace"][0])
        ns["metadata"]["name"] = name
        ns["metadata"]["labels"] = {"kubernetes.io/metadata.name": name, "team": name}
        items.append(ns)
    items += [p for p in by_kind["Pod"] if p["metadata"]["namespace"] != "shop"]
    items += by_kind["Deployment"]
    for index in range(VOLUMES):
        namespace = names[index % len(names)]
        claim = f"data-{index:02d}"
        pv_name = f"pvc-{cluster}-{index:04d}"
        pv = copy.deepcopy(by_kind["PersistentVolume"][0])
        pv["metadata"]["name"] = pv_name
        pv["spec"]["claimRef"].update(name=claim, namespace=namespace)
        pv["spec"]["csi"]["volumeHandle"] = (
            pv["spec"]["csi"]["volumeHandle"].rsplit("/", 1)[0] + "/" + pv_name
        )
        pvc = copy.deepcopy(by_kind["PersistentVolumeClaim"][0])
        pvc["metadata"].update(name=claim, namespace=namespace)
        pvc["spec"]["volumeName"] = pv_name
        pod = copy.deepcopy(next(p for p in by_kind["Pod"] if p["metadata"]["namespace"] == "shop"))
        pod["metadata"].update(name=f"app-{index:02d}-7d9f8c6b5-abcde", namespace=namespace)
        pod["spec"]["volumes"] = [{"name": "data", "persistentVolumeClaim": {"claimName": claim}}]
        deployment = copy.deepcopy(by_kind["Deployment"][1])
        deployment["metadata"].update(name=f"app-{index:02d}", namespace=namespace)
        items += [pv, pvc, pod, deployment]
    return {"apiVersion": "v1", "items": items, "kind": "List", "metadata": {"resourceVersion": ""}}


def build_fleet(root: Path, clusters: int) -> list[Path]:
    """`clusters` folders of artifacts under `root`; returns every file written."""
    files: list[Path] = []
    for number in range(clusters):
        name = f"aks-fleet-{number:03d}"
        folder = root / name
        folder.mkdir(parents=True)
        for path in SAMPLE.glob("*.json"):
            if path.name == "kubectl.json":
                continue
            text = path.read_text().replace("aks-shop-weu", name)
            (folder / path.name).write_text(text)
            files.append(folder / path.name)
        (folder / "kubectl.json").write_text(json.dumps(kubectl_list(name), indent=2))
        files.append(folder / "kubectl.json")
    return files


def timed(function: Any) -> tuple[float, float]:
    """(wall, CPU) seconds of one call; CPU counts this process and the processes it waited for."""
    wall, own = time.perf_counter(), time.process_time()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    function()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (
        time.process_time()
        - own
        + (after.ru_utime - children.ru_utime)
        + (after.ru_stime - children.ru_stime)
    )
    return time.perf_counter() - wall, cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--clusters", type=int, default=100)
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs of each measure; the best counts (default 3)"
    )
    parser.add_argument("--keep", type=Path, help="write the fleet here and keep it")
    args = parser.parse_args(argv)

    root = args.keep or Path(tempfile.mkdtemp(prefix="fleet-"))
    if args.keep and root.exists():
        shutil.rmtree(root)
    try:
        files = build_fleet(root, args.clusters)
        texts = [path.read_text() for path in files]
        size = sum(len(t) for t in texts)
        check_argv = [
            sys.executable, "-c", "from aks_backup_conformance.cli import main; main()",
            "check", "--from", str(root), "--format", "json",
        ]  # fmt: skip
        result = subprocess.run(check_argv, capture_output=True, text=True, check=False)
        document = json.loads(result.stdout)
        rows = document["fleet"]
        statuses = sorted({row["status"] for row in rows})
        if len(rows) != args.clusters or any("volumes" not in r.get("outcome", {}) for r in rows):
            print(f"the check did not judge every cluster: {result.stderr[-500:]}")
            return 1
        volumes = len(rows[0]["outcome"]["volumes"])

        def check() -> None:
            subprocess.run(check_argv, capture_output=True, check=False)

        def loads() -> None:
            for text in texts:
                json.loads(text)

        def startup() -> None:
            subprocess.run([sys.executable, "-c", "import pydantic, yaml"], check=True)

        # One run of each first: with bytecode writing on (Python's default), the imports of both
        # processes then come from their caches, as they do after `pip install`.
        check()
        startup()
        if os.environ.get("PYTHONDONTWRITEBYTECODE"):
            print("note: PYTHONDONTWRITEBYTECODE is set, so modules without a bytecode cache are "
                  "compiled at every start (both sides); unset it for the figures of an installed tool")  # fmt: skip
        measures = {"check": check, "loads": loads, "startup": startup}
        wall: dict[str, list[float]] = {name: [] for name in measures}
        cpu: dict[str, list[float]] = {name: [] for name in measures}
        for _ in range(args.repeat):  # interleaved, so that load on a shared machine hits all alike
            for name, function in measures.items():
                took, used = timed(function)
                wall[name].append(took)
                cpu[name].append(used)
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)

    print(f"fleet: {args.clusters} clusters, {len(files)} files, {size / 1e6:.1f} MB of JSON; "
          f"{volumes} volumes per cluster; statuses {statuses}, exit {result.returncode}")  # fmt: skip
    print(f"{'best of ' + str(args.repeat):27s} {'wall':>8s} {'CPU':>8s}")
    labels = {
        "check": "check --from (one process)",
        "loads": "json.loads of all files",
        "startup": "start-up (pydantic, yaml)",
    }
    for name, label in labels.items():
        print(f"{label:27s} {min(wall[name]):7.3f}s {min(cpu[name]):7.3f}s")
    ratios = {
        kind: min(times["check"]) / (min(times["loads"]) + min(times["startup"]))
        for kind, times in (("wall", wall), ("CPU", cpu))
    }
    ratio = ratios["CPU"]
    verdict = "OK" if ratio < REQUIRED_RATIO else "TOO SLOW"
    print(
        f"{'ratio':27s} {ratios['wall']:8.2f} {ratios['CPU']:8.2f}  (required < {REQUIRED_RATIO:g}, on CPU time): {verdict}"
    )
    return 0 if ratio < REQUIRED_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
