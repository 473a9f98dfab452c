"""From real artifacts to an environment: `az`/ARM JSON and `kubectl get -o json` output, any subset.

`import_cluster(folder)` reads every JSON/YAML file of a folder (or `import_files(paths)` a list of
files), tells each one's kind by its content, and builds the environment of one cluster with the
source of every fact (`Imported.provenance`, keyed by field path such as `cluster.volumes[2].sku`).
What no artifact says stays unknown. `cluster_folders(paths)` finds the clusters of a fleet: a folder
of artifact folders is a fleet, any other folder one cluster.

Bad artifacts raise `InvalidInput` naming the file, the JSON pointer, the value and what was expected.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from aks_backup_model.environment import Environment
from aks_backup_model.errors import InvalidInput

from ..load import provenance
from ..problems import problems_from_validation_error
from ..sources import Provenance, lookup
from . import azure, kube
from .documents import ARTIFACT_LIMITS, Artifact, Kind, Node, read_artifact
from .facts import Facts, LocatedProvenance
from .files import ShareArtifacts

__all__ = [
    "ARTIFACT_SUFFIXES",
    "Imported",
    "Kind",
    "cluster_folders",
    "import_cluster",
    "import_files",
]

ARTIFACT_SUFFIXES = (".json", ".yaml", ".yml")
"""The files a folder's artifacts are read from (any name; what each is comes from its content)."""


@dataclass(frozen=True)
class Imported:
    """One cluster's environment as its artifacts describe it."""

    label: str
    """The folder (or first file) it was read from, as the user named it."""
    environment: Environment
    provenance: Provenance
    """Environment field path -> the file, JSON pointer and line the value came from."""
    artifacts: tuple[tuple[str, str], ...]
    """(file, kind) of each file read; kind `unrecognised` for files that said nothing known."""
    notes: tuple[str, ...]
    """What the import noticed and could not put into the environment (files ignored, ...)."""

    @property
    def name(self) -> str:
        """The cluster's name when an artifact gave it, else the folder's name."""
        if "cluster.name" in self.provenance:
            return self.environment.cluster.name or self.label
        return Path(self.label).name or self.label


def cluster_folders(paths: Sequence[Path]) -> list[Path]:
    """The cluster folders among `paths`: a folder whose subfolders hold artifact files is a fleet (each
    such subfolder one cluster; files beside them are not read), any other folder is one cluster."""
    found: list[Path] = []
    for path in paths:
        if not path.is_dir():
            found.append(path)
            continue
        children = sorted(p for p in path.iterdir() if p.is_dir() and _artifact_files(p))
        found.extend(children or [path])
    return found


def _artifact_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in ARTIFACT_SUFFIXES)


def import_cluster(folder: Path, label: str | None = None) -> Imported:
    """The environment of the cluster whose artifacts are the JSON/YAML files of `folder`.

    Raises:
        InvalidInput: the folder does not exist or holds no artifact, or an artifact is bad.
    """
    shown = label or str(folder)
    if not folder.exists():
        raise InvalidInput(shown, [("", shown, "expected a folder of artifacts; there is no such folder")])
    if not folder.is_dir():
        return import_files([folder], label=shown)
    files = _artifact_files(folder)
    if not files:
        raise InvalidInput(
            shown,
            [("", shown, "expected a folder with .json or .yaml artifacts (az, ARM or kubectl output)")],
        )
    return import_files(files, label=shown)


def import_files(paths: Iterable[Path], label: str | None = None) -> Imported:
    """The environment of one cluster described by the artifact files `paths` (any subset)."""
    artifacts = [read_artifact(path) for path in paths]
    if not artifacts:
        raise InvalidInput(label or "<none>", [("", "", "expected at least one artifact file")])
    _kinds_from_manifest(artifacts)
    facts = Facts()
    by_kind: dict[Kind, list[Artifact]] = {}
    for artifact in artifacts:
        if artifact.kind is None:
            facts.note(
                f"{artifact.file}: not an artifact this tool knows (no ARM type, Kubernetes kind or az shape); ignored"
            )
        else:
            by_kind.setdefault(artifact.kind, []).append(artifact)
    _build(by_kind, facts)
    for stated in by_kind.get(Kind.ENVIRONMENT, []):
        _state(stated, facts)
    _name_aliases(facts)
    environment = _validate(facts)
    texts = {artifact.file: artifact.text for artifact in artifacts}
    return Imported(
        label=label or artifacts[0].file,
        environment=environment,
        provenance=LocatedProvenance(facts.sources, texts),
        artifacts=tuple((a.file, a.kind.value if a.kind else "unrecognised") for a in artifacts),
        notes=tuple(facts.notes),
    )


def _kinds_from_manifest(artifacts: list[Artifact]) -> None:
    """An empty answer (`[]`) says nothing by its content; `collect`'s manifest says which command gave it."""
    manifests = [a for a in artifacts if a.kind is Kind.COLLECTION]
    if not manifests:
        return
    told: dict[str, Kind] = {}
    for manifest in manifests:
        for entry in (manifest.root.get("files") or Node([], manifest.file)).items():
            name = entry.get("file")
            kind = entry.get("artifact")
            if name is not None and kind is not None and kind.text() in Kind._value2member_map_:
                told[name.text()] = Kind(kind.text())
    for index, artifact in enumerate(artifacts):
        if artifact.kind is None and Path(artifact.file).name in told:
            artifacts[index] = Artifact(told[Path(artifact.file).name], artifact.root, artifact.text)


def _single(by_kind: dict[Kind, list[Artifact]], kind: Kind, facts: Facts) -> Artifact | None:
    """The one artifact of `kind`; several copies of the same resource are fine (the first counts)."""
    found = by_kind.get(kind, [])
    if len(found) > 1:
        names = ", ".join(a.file for a in found)
        ids = [a.root.get("id") for a in found]
        distinct = {str(node.value).lower() for node in ids if node is not None}
        if kind is Kind.MANAGED_CLUSTER and len(distinct) > 1:
            other = next(node for node in ids[1:] if node is not None)
            raise InvalidInput(
                other.file,
                [
                    (
                        other.pointer,
                        other.value,
                        f"expected one cluster per folder; {names} describe different clusters "
                        "(put each cluster's files in a folder of its own)",
                    )
                ],
            )
        facts.note(f"{kind.value}: {names} all describe it; the first is used")
    return found[0] if found else None


def _build(by_kind: dict[Kind, list[Artifact]], facts: Facts) -> None:
    ids = azure.AzureIds()
    cluster = _single(by_kind, Kind.MANAGED_CLUSTER, facts)
    pools = _single(by_kind, Kind.AGENT_POOLS, facts)
    if cluster is not None:
        azure.managed_cluster(cluster.root, facts, ids, pools_elsewhere=pools is not None)
    if pools is not None:
        azure.agent_pools(pools.root, facts)
    for artifact in by_kind.get(Kind.EXTENSIONS, []):
        azure.extension(artifact.root, facts, ids)
    vault = _single(by_kind, Kind.BACKUP_VAULT, facts)
    if vault is not None:
        azure.backup_vault(vault.root, facts, ids)
    shares = ShareArtifacts()
    for artifact in by_kind.get(Kind.STORAGE_ACCOUNT, []):
        for account in artifact.root.items() if isinstance(artifact.root.value, list) else [artifact.root]:
            shares.add_account(account)
            azure.storage_account(account, facts, ids)
    for artifact in by_kind.get(Kind.FILE_SHARES, []):
        shares.add_shares(artifact.root)
    for artifact in by_kind.get(Kind.METRICS, []):
        shares.add_metrics(artifact.root, facts.notes)
    instance: Node | None = None
    for artifact in by_kind.get(Kind.BACKUP_INSTANCES, []):
        instance = azure.backup_instances(artifact.root, facts, ids) or instance
    if instance is not None:
        azure.backup_instance(instance, facts, ids)
    for artifact in by_kind.get(Kind.BACKUP_POLICIES, []):
        policy = azure.backup_policies(artifact.root, facts, ids)
        if policy is not None:
            azure.backup_policy(policy, facts)
    roles = [artifact.root for artifact in by_kind.get(Kind.ROLE_ASSIGNMENTS, [])]
    if roles:
        azure.role_assignments(roles, facts, ids)
    version = _single(by_kind, Kind.AZ_VERSION, facts)
    if version is not None:
        azure.az_version(version.root, facts)
    disks: dict[str, Node] = {}
    for artifact in by_kind.get(Kind.DISKS, []):
        for disk in artifact.root.items() if isinstance(artifact.root.value, list) else [artifact.root]:
            identifier = disk.get("id")
            if identifier is not None:
                disks[identifier.text().lower()] = disk
    objects = kube.KubeObjects()
    for artifact in by_kind.get(Kind.KUBERNETES, []):
        kube.read_objects(artifact.root, objects)
    if objects:
        kube.apply(objects, facts, disks, shares)
    for name in sorted(set(shares.accounts) - shares.used):
        if ids.storage_account and name != ids.storage_account.lower():
            facts.note(
                f"{shares.accounts[name].file}: storage account {name!r} is neither the extension's "
                f"({ids.storage_account!r}) nor one an Azure Files volume's share is on; ignored"
            )


def _state(artifact: Artifact, facts: Facts) -> None:
    """An environment file among the artifacts states facts no command shows; what it says wins."""
    if not isinstance(artifact.root.value, dict):
        return
    _merge(facts.data, artifact.root.value)
    facts.sources.update(provenance(artifact.text, artifact.file, limits=ARTIFACT_LIMITS))


def _merge(into: dict[str, Any], stated: dict[str, Any]) -> None:
    for key, value in stated.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = value


_NAMED = (("cluster.node_pools", "name"), ("cluster.namespaces", "name"))


def _name_aliases(facts: Facts) -> None:
    """Findings name pools and namespaces by name (`cluster.node_pools["win"]`): key their sources so too."""
    names: dict[str, dict[int, str]] = {}
    for field, key in _NAMED:
        items = facts.get(field) or []
        names[field] = {
            index: item[key]
            for index, item in enumerate(items)
            if isinstance(item, dict) and isinstance(item.get(key), str)
        }
    for path in list(facts.sources):
        for field, _ in _NAMED:
            if not path.startswith(field + "["):
                continue
            close = path.find("]", len(field))
            index = path[len(field) + 1 : close]
            name = names[field].get(int(index)) if index.isdigit() else None
            if name is not None:
                facts.sources.setdefault(
                    f"{field}[{json.dumps(name)}]{path[close + 1 :]}", facts.sources[path]
                )


def _validate(facts: Facts) -> Environment:
    """The environment, or the problems pointed back at the artifacts the wrong values came from."""
    try:
        return Environment.model_validate(facts.data)
    except ValidationError as error:
        problems = problems_from_validation_error(error, Environment)
    located: list[tuple[str, tuple[str, object, str]]] = []
    for path, value, expected in problems:
        source = lookup(facts.sources, path)
        if source is None:
            located.append(("", (path, value, expected)))
        else:
            located.append((source.file, (source.pointer or "/", value, f"{expected} (for {path})")))
    files = {file for file, _ in located}
    if len(files) == 1:
        raise InvalidInput(files.pop() or "<artifacts>", [problem for _, problem in located])
    raise InvalidInput(
        "<artifacts>",
        [
            (f"{file}#{where}" if file else where, value, expected)
            for file, (where, value, expected) in located
        ],
    )
