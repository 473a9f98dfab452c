"""Speed requirement: evaluating a large environment takes less than 3 x parsing its JSON, under each edition.

The environment is the largest the matrix supports: 800 namespaces, all selected by the backup
instance, and 100 volumes of every kind a real cluster has (mostly supported Azure Disk CSI volumes, a
few Premium SSD v2, Azure Files and in-tree ones, disks over 1 TiB, private disks, velero.io labels),
with the Vault tier on. In the same run, on the same machine, this script measures (timeit, best of
several repeats) `evaluate(env)` and `json.loads(text)` where `text` is the environment's JSON, prints
both and their ratio, and exits 1 when the ratio is 3 or more (0 otherwise; issue 8 asks that evaluate
stays under 3 x under either edition, the first requirement was 5 x). It does so for each edition
of the matrix the model judges by (`--edition E` for one): evaluate must be as fast under either.

    python bench/bench_evaluate.py [--repeat 30] [--operation configure_backup] [--edition E] [--profile]

`--profile` also prints where `evaluate` spends its time (cProfile, top functions by own time).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import sys
import timeit
from collections.abc import Callable

from pydantic import TypeAdapter

from aks_backup_model import Environment, evaluate
from aks_backup_model.editions import JUDGED
from aks_backup_model.operations import OPERATION_KINDS, Operation

REQUIRED_RATIO = 3.0
NAMESPACES = 800
VOLUMES = 100


def large_environment() -> Environment:
    """800 namespaces (a few with velero.io labels, the three system ones among them) and 100 volumes."""
    names = ["kube-system", "kube-public", "kube-node-lease"] + [
        f"team-{i:03d}" for i in range(NAMESPACES - 3)
    ]
    namespaces = [
        {
            "name": name,
            "labels": {
                "team": f"t{i % 40}",
                **({"velero.io/exclude-from-backup": "true"} if i % 97 == 0 else {}),
            },
        }
        for i, name in enumerate(names)
    ]
    volumes = []
    for i in range(VOLUMES):
        namespace = names[3 + (i * 7) % (NAMESPACES - 3)]
        volume: dict[str, object] = {
            "claim": f"{namespace}/data-{i}",
            "sku": ("Premium_LRS", "StandardSSD_LRS", "Standard_LRS", "Premium_ZRS")[i % 4],
            "size_gib": (32, 128, 512, 1024, 2048)[i % 5],
            "storage_class": "managed-csi-premium",
        }
        if i % 10 == 1:
            volume["sku"] = "PremiumV2_LRS"
        elif i % 10 == 2:
            volume.update(driver="file.csi.azure.com", sku=None, storage_class="azurefile-csi")
        elif i % 25 == 3:
            volume["driver"] = "kubernetes.io/azure-disk"
        elif i % 20 == 4:
            volume.update(provisioning="static", storage_class=None)
        elif i % 15 == 5:
            volume["network_access"] = "AllowPrivate"
        if i % 33 == 6:
            volume["labels"] = {"velero.io/backup-name": "nightly"}
        volumes.append(volume)
    return Environment.model_validate(
        {
            "cluster": {
                "name": "aks-bench",
                "region": "westeurope",
                "kubernetes_version": "1.31.5",
                "node_pools": [
                    {"name": "system", "mode": "System"},
                    {"name": "user1"},
                    {"name": "win1", "os_sku": "Windows2022"},
                ],
                "namespaces": namespaces,
                "volumes": volumes,
            },
            "extension": {"node_pool": "system"},
            "vault": {
                "redundancy": "GeoRedundant",
                "cross_region_restore": True,
                "policies": 12,
                "backup_instances": 40,
            },
            "policy": {
                "every_hours": 4,
                "operational": {"retention_days": 7},
                "vault": {"retention_days": 30},
            },
            "backup_instance": {"namespaces": None},
        }
    )


def best_of(functions: dict[str, Callable[[], object]], *, repeat: int) -> dict[str, float]:
    """The best time of one call of each function, in seconds.

    Each function runs in short chunks (about 50 ms: timeit's autorange count, divided by 4) and the
    chunks of the functions are interleaved, many times: on a shared machine a burst of load then
    slows a chunk of either function alike, and each function gets its share of quiet moments.
    """
    timers = {name: timeit.Timer(function) for name, function in functions.items()}
    loops = {name: max(1, timer.autorange()[0] // 4) for name, timer in timers.items()}
    best = dict.fromkeys(timers, float("inf"))
    for _ in range(repeat):
        for name, timer in timers.items():
            best[name] = min(best[name], timer.timeit(number=loops[name]) / loops[name])
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--repeat", type=int, default=7, help="timeit repeats; the best one counts (default 7)"
    )
    parser.add_argument("--operation", choices=OPERATION_KINDS, default="configure_backup")
    parser.add_argument("--profile", action="store_true", help="also print a cProfile of evaluate")
    parser.add_argument("--edition", choices=JUDGED, help="one edition (default: each the model judges by)")
    args = parser.parse_args(argv)
    worst = 0
    for edition in [args.edition] if args.edition else list(JUDGED):
        worst = max(worst, measure(args, edition))
    return worst


def measure(args: argparse.Namespace, edition: str) -> int:
    """Measure one edition; 0 when fast enough, 1 otherwise."""
    env = large_environment().model_copy(update={"edition": edition})
    op: Operation = TypeAdapter(Operation).validate_python({"kind": args.operation})
    text = env.model_dump_json()
    assert Environment.model_validate_json(text) == env
    outcome = evaluate(env, op)

    best = best_of(
        {"evaluate": lambda: evaluate(env, op), "loads": lambda: json.loads(text)}, repeat=args.repeat
    )
    evaluate_s, loads_s = best["evaluate"], best["loads"]
    ratio = evaluate_s / loads_s

    print(f"edition {edition}: {len(env.cluster.namespaces)} namespaces, {len(env.cluster.volumes)} volumes, "
          f"{len(text):,} bytes of JSON; operation {args.operation} -> {outcome.status.value}, "
          f"{len(outcome.findings)} findings")  # fmt: skip
    print(f"evaluate(env)    {evaluate_s * 1e3:9.3f} ms")
    print(f"json.loads(text) {loads_s * 1e3:9.3f} ms")
    verdict = "OK" if ratio < REQUIRED_RATIO else "TOO SLOW"
    print(f"ratio            {ratio:9.2f}  (required < {REQUIRED_RATIO:g}): {verdict}")

    if args.profile:
        profiler = cProfile.Profile()
        profiler.runcall(lambda: [evaluate(env, op) for _ in range(50)])
        pstats.Stats(profiler).sort_stats("tottime").print_stats(15)
    return 0 if ratio < REQUIRED_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
