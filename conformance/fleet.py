"""Judge the clusters of `check --from`: one folder of artifacts per cluster, one row per cluster.

A row is the cluster's outcome, or the located problem that kept its artifacts from being read.
Rows come worst first (bad input, unsupported, unknown, not covered or with warnings, supported), and
the fleet's exit code is that of its worst row.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from aks_backup_model.errors import InvalidInput
from aks_backup_model.evaluate import evaluate
from aks_backup_model.operations import Operation
from aks_backup_model.outcome import EXIT_BAD_INPUT, Outcome, exit_code

from .commands import as_of_date, judged_as_of
from .io.importers import Imported, cluster_folders, import_cluster

__all__ = ["SEVERITY", "Row", "judge", "worst_exit"]

SEVERITY: tuple[int, ...] = (EXIT_BAD_INPUT, 3, 5, 4, 0)
"""Exit codes from worst to best: bad input, unsupported, unknown, not covered or warnings, supported."""


@dataclass(frozen=True)
class Row:
    """One cluster of the fleet."""

    label: str
    """The folder, as found from what the user named."""
    imported: Imported | None = None
    outcome: Outcome | None = None
    error: InvalidInput | None = None

    @property
    def cluster(self) -> str:
        return self.imported.name if self.imported is not None else Path(self.label).name

    @property
    def exit_code(self) -> int:
        return exit_code(self.outcome) if self.outcome is not None else EXIT_BAD_INPUT

    @property
    def rank(self) -> int:
        code = self.exit_code
        return SEVERITY.index(code) if code in SEVERITY else -1


@contextlib.contextmanager
def _fewer_collections() -> Iterator[None]:
    """Run the cyclic garbage collector less often while artifacts are read.

    Reading a cluster allocates hundreds of thousands of small dicts, lists and models that live
    until the cluster is done and hold no cycles; with Python's default threshold (700 allocations)
    the collector runs thousands of times for nothing, about a third of a fleet's time.
    """
    before = gc.get_threshold()
    gc.set_threshold(max(before[0], 100_000), *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


def judge(
    paths: Sequence[Path],
    operation: Operation | None = None,
    *,
    as_of: str | None = None,
    edition: str | None = None,
) -> list[Row]:
    """Each cluster folder under `paths` imported and evaluated, worst first (then by name), as of
    `as_of` (YYYY-MM-DD), else the environment's own date, else today (`commands.judged_as_of`); by
    `edition` when given (the caller has checked the model judges by it), else the environment's.

    Raises:
        InvalidInput: `as_of` is not a date.
    """
    as_of_date(as_of)  # a bad --as-of is refused before any folder is read
    with _fewer_collections():
        return _judge(paths, operation, as_of, edition)


def _judge(
    paths: Sequence[Path], operation: Operation | None, as_of: str | None, edition: str | None
) -> list[Row]:
    rows: list[Row] = []
    for folder in cluster_folders(paths):
        label = str(folder)
        try:
            imported = import_cluster(folder, label)
        except InvalidInput as error:
            rows.append(Row(label, error=error))
            continue
        env = judged_as_of(imported.environment, as_of)
        if edition is not None:
            env = env.model_copy(update={"edition": edition})
        rows.append(Row(label, imported, evaluate(env, operation)))
    return sorted(rows, key=lambda row: (row.rank, row.cluster, row.label))


def worst_exit(rows: Sequence[Row]) -> int:
    """The exit code of the worst row (0 for no rows)."""
    return rows[0].exit_code if rows else 0
