"""The harness as an oracle: the cluster is the second implementation.

For each question the harness renders the environment's Kubernetes side, creates it on its target, lists
it back as `kubectl get -o json` prints it, and imports that listing with the same kubectl importer that
`check --from` uses. The environment rebuilt from what the API server returned (the Azure side, which a
cluster cannot hold, kept from the original) is then judged by the model. The cross-check compares that
answer with the model's answer on the original: any difference is a fact lost or changed on the way
through a real API (a default it fills, a field it drops) or through the importer.
"""

from __future__ import annotations

import itertools
import json
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aks_backup_model.environment import Environment
from aks_backup_model.errors import ConformanceError
from aks_backup_model.operations import Operation
from aks_backup_model.outcome import Outcome
from aks_backup_model.statements import STATEMENTS

from ..io.importers import Imported, import_files
from ..oracles import get as get_oracle
from .materialise import materialised
from .render import render, representable
from .targets import EmulatorTarget, GuardedApiClient, KindTarget, Target, TargetUnavailable
from .validate import validate_manifest

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

__all__ = ["COVERED", "HarnessError", "HarnessOracle", "harness_oracle", "read_back_environment"]

COVERED: tuple[str, ...] = (
    "SM-SUP-02",  # which driver serves a volume (CSI or in-tree)
    "SM-SUP-03",  # disk SKU, through the storage class's skuName
    "SM-SUP-04",  # static or dynamic, and a static volume that names no class
    "SM-SUP-20",  # node pools' OS and architecture (node labels)
    "SM-UNS-01",  # Premium SSD v2 and Ultra disks
    "SM-UNS-02",  # Azure Files, Blob, Container Storage volumes
    "SM-UNS-03",  # unsupported volumes are skipped, the rest goes on
    "SM-UNS-04",  # no extension on Windows or Arm64 pools
    "SM-UNS-06",  # Velero present; velero.io labels and annotations
    "SM-UNS-08",  # the system namespaces
    "SM-VLT-01",  # volume sizes
)
"""The statements whose facts live in Kubernetes objects, which the harness materialises. The namespace
and disk limits (SM-LIM-04: 800, SM-VLT-02: 100) live there too, but a case that large costs thousands
of requests, so the harness's cases stay far below them and do not claim them."""

MAX_NAMESPACES = 24
MAX_VOLUMES = 16


class HarnessError(ConformanceError):
    """Raised when the harness cannot answer: a manifest is invalid, the target refused or failed, or
    the listing it read back could not be imported."""


def _cluster_key(item: dict[str, Any]) -> str | None:
    for key in ("claim", "name"):
        if isinstance(item.get(key), str):
            return str(item[key])
    return None


def _read(prefix: str, provenance: Any) -> bool:
    return any(path == prefix or path.startswith((prefix + ".", prefix + "[")) for path in provenance)


def _overlay(original: Any, imported: Any, provenance: Any, path: str) -> Any:
    """`imported` where the import read a fact at `path` (or below it), `original` elsewhere; lists are
    the imported ones, each item overlaid on the original item of the same name or claim."""
    if isinstance(imported, dict):
        base = dict(original) if isinstance(original, dict) else {}
        for key, value in imported.items():
            sub = f"{path}.{key}" if path else key
            if _read(sub, provenance):
                base[key] = _overlay(base.get(key), value, provenance, sub)
        return base
    if isinstance(imported, list) and all(isinstance(i, dict) for i in imported):
        by_key = {_cluster_key(o): o for o in original or [] if isinstance(o, dict)}
        # a cluster keeps no order among its objects: list them in the original's order (unmatched last)
        order = {key: position for position, key in enumerate(by_key)}
        ranked = sorted(
            enumerate(imported), key=lambda pair: order.get(_cluster_key(pair[1]), len(order) + pair[0])
        )
        return [
            _overlay(by_key.get(_cluster_key(item), {}), item, provenance, f"{path}[{index}]")
            for index, item in ranked
        ]
    return imported


KUBERNETES_SIDE = ("cluster.namespaces", "cluster.volumes", "cluster.node_pools", "cluster.velero_installed")
"""The parts of an environment a cluster holds: the read-back replaces them whole (an object the import
lost is a difference to find), overlaying facts only the Azure side knows (a disk's network access)."""


LISTED_NONE: dict[str, Any] = {
    "cluster.namespaces": [],
    "cluster.volumes": [],
    "cluster.velero_installed": False,
}
"""What the harness's listing means when it holds no object of a kind. The harness lists every kind it
can create, so no namespace, no volume and no Velero deployment in its listing are facts ("none"); a
listing a user gives may be of some kinds only, which is why the importer cannot say so itself."""


def read_back_environment(original: Environment, imported: Imported) -> Environment:
    """`original` with its Kubernetes side as the import of the cluster's listing describes it."""
    data = original.model_dump(mode="json", exclude_none=False)
    back = imported.environment.model_dump(mode="json", exclude_none=False)
    for dotted in KUBERNETES_SIDE:
        section, field = dotted.split(".")
        found = back[section].get(field)
        if found is None and dotted in LISTED_NONE:
            data[section][field] = LISTED_NONE[dotted]
        else:
            data[section][field] = _overlay(data[section].get(field), found, imported.provenance, dotted)
    return Environment.model_validate(data)


class HarnessOracle:
    """Answers with the model's judgement of the environment as a cluster holds it."""

    answers_timelines = False

    def __init__(self, target: Target) -> None:
        self.name = f"harness:{target.name}"
        self._target = target
        self._api: GuardedApiClient | None = None
        self._runs = itertools.count(1)

    def covers(self) -> frozenset[str]:
        return frozenset(i for i in COVERED if i in STATEMENTS)

    @staticmethod
    def environments(*, edition: str | None = None) -> SearchStrategy[Environment]:
        """What the cross-check draws for the harness: environments that state every fact (a cluster
        cannot be made of unknowns), of up to 24 namespaces and 16 volumes (each case creates and deletes
        every object, twice), with names a cluster accepts (`representable`)."""
        from hypothesis import strategies as st

        from aks_backup_model.strategies import environments

        sizes: dict[str, Any] = {"max_namespaces": MAX_NAMESPACES, "max_volumes": MAX_VOLUMES}
        if edition is not None:
            sizes["edition"] = edition
        drawn = environments(operations=st.none(), unknowns=False, **sizes)
        return drawn.map(representable)

    @staticmethod
    def evidence(env: Environment) -> list[str]:
        """The objects the harness makes of `env`, for a report of a disagreement."""
        try:
            manifests = render(env, run="evidence")
        except Exception as failure:
            return [f"the harness cannot materialise it: {failure}"]
        return [
            "objects made in the cluster: "
            + ", ".join(f"{m['kind']}/{m['metadata']['name']}" for m in manifests)
        ]

    def _client(self) -> GuardedApiClient:
        if self._api is None:
            self._api = self._target.__enter__()
        return self._api

    def close(self) -> None:
        if self._api is not None:
            self._api = None
            self._target.__exit__(None, None, None)

    def evaluate(self, env: Environment, op: Operation | None = None) -> Outcome:
        return get_oracle("reference").evaluate(self.materialise(env), op)

    def can_hold(self, env: Environment) -> bool:
        """Whether the environment can be made in a cluster (its manifests render and validate); the
        cross-check asks only such environments while it cuts a mistake down."""
        try:
            for manifest in render(env, run="check"):
                validate_manifest(manifest, env.cluster.kubernetes_version)
        except Exception:
            return False
        return True

    def materialise(self, env: Environment) -> Environment:
        """The environment as the cluster gives it back."""
        run = f"run{next(self._runs)}"
        try:
            manifests = render(env, run=run)
            for manifest in manifests:
                validate_manifest(manifest, env.cluster.kubernetes_version)
        except Exception as failure:
            raise HarnessError(f"cannot materialise the environment: {failure}") from failure
        forget = getattr(self._target, "forget_requests", None)
        if callable(forget):
            forget()
        with materialised(self._client(), manifests, run) as listing, tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "kubectl.json"
            path.write_text(json.dumps(listing), encoding="utf-8")
            try:
                imported = import_files([path], label=f"{self.name} {run}")
            except ConformanceError as failure:
                raise HarnessError(
                    f"the listing read back from the cluster does not import: {failure}"
                ) from failure
        return read_back_environment(env, imported)


def harness_oracle(spec: str) -> HarnessOracle:
    """`emulator` or `kind` (optionally `kind:<cluster name>`)."""
    kind, _, name = spec.partition(":")
    if kind == "emulator" and not name:
        return HarnessOracle(EmulatorTarget())
    if kind == "kind":
        reason = KindTarget.unavailable()
        if reason:
            raise TargetUnavailable(f"harness:kind cannot run here: {reason}")
        return HarnessOracle(KindTarget(name or "aks-backup-conformance"))
    raise ValueError(f"harness:{spec} is not a harness target; use harness:emulator or harness:kind[:NAME]")
