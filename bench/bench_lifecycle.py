"""Benchmark: one year of a 4-hourly policy with daily Vault copies must simulate in under 200 ms.

    python bench/bench_lifecycle.py [--runs N] [--limit-ms MS]

Measures building the year's events (2,190 scheduled backups) and simulating them, best of N runs, and
prints the figure. Exits 1 when the best run is above the limit, so CI can run it as a check.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time

from aks_backup_model.environment import OperationalTier, Policy, Vault, VaultTier
from aks_backup_model.lifecycle import Tier, planned_backups, simulate

LIMIT_MS = 200.0
START = dt.datetime(2025, 6, 10, tzinfo=dt.UTC)
POLICY = Policy(
    every_hours=4,
    start=dt.time(9, 0),
    operational=OperationalTier(retention_days=7),
    vault=VaultTier(retention_days=30),
)
VAULT = Vault(redundancy="GeoRedundant", cross_region_restore=True)


def one_year() -> tuple[int, int, float]:
    """(backups, Vault points, seconds) of one simulated year."""
    began = time.perf_counter()
    events = planned_backups(POLICY, START, 365, duration=dt.timedelta(minutes=30))
    timeline = simulate(POLICY, events, vault=VAULT)
    elapsed = time.perf_counter() - began
    backups = sum(1 for p in timeline.points if p.tier is Tier.OPERATIONAL)
    vault_points = sum(1 for p in timeline.points if p.tier is Tier.VAULT)
    return backups, vault_points, elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs to take the best of (default 7)")
    parser.add_argument("--limit-ms", type=float, default=LIMIT_MS, help="the bound (default 200 ms)")
    args = parser.parse_args(argv)
    results = [one_year() for _ in range(max(1, args.runs))]
    backups, vault_points, _ = results[0]
    best_ms = min(seconds for _, _, seconds in results) * 1000
    verdict = "ok" if best_ms <= args.limit_ms else "TOO SLOW"
    print(
        f"lifecycle: 1 year, every 4 h, daily Vault copies: {backups} backups, {vault_points} Vault points; "
        f"best of {len(results)}: {best_ms:.1f} ms (limit {args.limit_ms:.0f} ms) {verdict}"
    )
    return 0 if best_ms <= args.limit_ms else 1


if __name__ == "__main__":
    sys.exit(main())
