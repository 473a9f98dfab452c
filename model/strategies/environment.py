"""The strategy for whole environments, `environments()`: a cluster and everything around it."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from ..editions import DEFAULT_EDITION
from ..environment import EDITIONS, Cluster, Environment, Tooling
from ..operations import Operation
from ..tables import AKS_VERSION_CALENDAR, MIN_AZURE_CLI_VERSION, MIN_TERRAFORM_AZURERM_VERSION
from ._values import (
    _POOL_NAMES,
    _REGIONS,
    _check_strategy,
    _check_type,
    _mostly,
    _names,
    _replace,
    _subscriptions,
    _tenants,
)
from .azure import backup_instances, extensions, policies, vaults
from .cluster import clusters
from .operation import _ALL_OPERATIONS
from .unknowns import forgetting


def _dotted(version: tuple[int, ...]) -> str:
    return ".".join(map(str, version))


def _versions_around(minimum: tuple[int, int, int]) -> st.SearchStrategy[str]:
    """Versions at a minimum, just below and above it, in the short and the `v` forms, and random ones."""
    major, minor, patch = minimum
    near = [
        minimum,
        (major, minor, patch + 1),
        (major, minor + 1, 0),
        (major, minor - 1, 99) if minor else (major - 1, 99, 0),
        (major, max(minor - 1, 0), 0),
        (major + 1, 0, 0),
        (max(major - 1, 0), 0, 0),
    ]
    forms = [_dotted(v) for v in near] + [f"{major}.{minor}", f"v{_dotted(minimum)}"]
    random = st.builds("{}.{}.{}".format, st.integers(0, major + 2), st.integers(0, 120), st.integers(0, 30))
    return st.sampled_from(forms) | random


def _toolings() -> st.SearchStrategy[Tooling]:
    return st.builds(
        Tooling,
        deployed_with=st.sampled_from(("portal", "azure-cli", "terraform", "powershell", "arm", "bicep")),
        azure_cli=_versions_around(MIN_AZURE_CLI_VERSION),
        terraform_azurerm=_versions_around(MIN_TERRAFORM_AZURERM_VERSION),
    )


def _calendar_dates() -> st.SearchStrategy[dt.date | None]:
    """None (the edition's date) or a date around a GA or end-of-life date of the AKS calendar."""
    edges: set[dt.date] = set()
    for entry in AKS_VERSION_CALENDAR:
        for day in (entry.ga, entry.end_of_life, entry.lts_end_of_life):
            if day is not None:
                edges.update((day - dt.timedelta(days=1), day, day + dt.timedelta(days=1)))
    return st.none() | st.sampled_from(sorted(edges)) | st.dates(min(edges), max(edges))


_BESIDE = _mostly(True, (False,), weight=4)
"""Whether a dependent resource sits where the cluster is (region, subscription, tenant)."""
_PINNED_FREE, _PINNED_POOL, _PINNED_OTHER = "free", "pool", "other"

_EXTENSIONS = extensions(node_pools=st.none())
_VAULTS = vaults()
_POLICIES = policies()
_BACKUP_INSTANCES = backup_instances()
_TOOLINGS = _toolings()
_AS_OF = _calendar_dates()
_PIN = st.sampled_from((_PINNED_FREE, _PINNED_POOL, _PINNED_POOL, _PINNED_OTHER))
_SELECTION = st.sampled_from(("as drawn", "cluster's", "cluster's", "every one named"))


@st.composite
def _environments(
    draw: st.DrawFn,
    edition: str,
    ops: st.SearchStrategy[Operation | None],
    cluster_strategy: st.SearchStrategy[Cluster],
) -> Environment:
    """An environment around a drawn cluster: its vault and storage account usually beside it (same
    region, subscription, tenant; else SM-SUP-12/18 refuse everything), the extension free or pinned to
    one of its pools (or to a pool it does not have), the backup instance selecting its namespaces."""
    cluster = draw(cluster_strategy)

    def beside(value: str | None, other: st.SearchStrategy[str]) -> str:
        return value if value is not None and draw(_BESIDE) else draw(other)

    extension = draw(_EXTENSIONS)
    pool_names = [p.name for p in cluster.node_pools or ()]
    pin = draw(_PIN)
    pinned = (
        None
        if pin == _PINNED_FREE
        else draw(st.sampled_from(pool_names))
        if pin == _PINNED_POOL and pool_names
        else draw(_names(_POOL_NAMES))
    )
    account = _replace(extension.storage_account, region=beside(cluster.region, _REGIONS))
    extension = _replace(extension, node_pool=pinned, storage_account=account)

    vault = _replace(
        draw(_VAULTS),
        region=beside(cluster.region, _REGIONS),
        subscription=beside(cluster.subscription, _subscriptions()),
        tenant=beside(cluster.tenant, _tenants()),
    )

    instance = draw(_BACKUP_INSTANCES)
    names = [n.name for n in cluster.namespaces or ()]
    selection = draw(_SELECTION)
    if names and selection == "cluster's":
        chosen = draw(
            st.none() | st.lists(st.sampled_from(names), unique=True, min_size=1, max_size=5).map(tuple)
        )
        instance = _replace(instance, namespaces=chosen)
    elif names and selection == "every one named":  # SM-LIM-04 on the instance's own list
        instance = _replace(instance, namespaces=tuple(names))

    return Environment(
        edition=edition,  # checked against EDITIONS by environments()
        as_of=draw(_AS_OF),
        cluster=cluster,
        extension=extension,
        vault=vault,
        policy=draw(_POLICIES),
        backup_instance=instance,
        tooling=draw(_TOOLINGS),
        operation=draw(ops),
    )


def environments(
    *,
    edition: str = DEFAULT_EDITION,
    unknowns: bool = True,
    operations: st.SearchStrategy[Operation | None] | None = None,
    min_node_pools: int = 1,
    max_node_pools: int = 4,
    min_namespaces: int = 0,
    max_namespaces: int | None = None,
    min_volumes: int = 0,
    max_volumes: int | None = None,
) -> st.SearchStrategy[Environment]:
    """Whole environments: a cluster (see `clusters()` for the size options), its backup extension and
    storage account, the vault, the policy, the backup instance, the tooling, a date around the AKS
    calendar, and the environment's own operation.

    `edition`: the matrix edition the environments are judged by (one of `EDITIONS`).
    `unknowns`: whether some environments (about half) leave facts out, as a user's file may: a few
    fields, or whole parts such as the policy or the volumes, are `None`, which the model reads as
    unknown (see `forgetting()`). With `unknowns=False` every fact is given.
    `operations`: the strategy for `Environment.operation` (default: None or any operation; pass
    `st.none()` to leave it unset). Raises `InvalidArgument` for an unknown edition, a value that is not
    a strategy, or contradictory sizes.
    """
    if edition not in EDITIONS:
        raise InvalidArgument(
            f"edition={edition!r} is not an edition of the matrix; known: {', '.join(EDITIONS)}"
        )
    _check_strategy("operations", operations)
    _check_type("unknowns", unknowns, bool)
    cluster_strategy = clusters(
        min_node_pools=min_node_pools,
        max_node_pools=max_node_pools,
        min_namespaces=min_namespaces,
        max_namespaces=max_namespaces,
        min_volumes=min_volumes,
        max_volumes=max_volumes,
    )
    known = _environments(
        edition, operations if operations is not None else _ALL_OPERATIONS, cluster_strategy
    )
    if not unknowns:
        return known
    return st.tuples(known, _FORGET).flatmap(
        lambda pair: forgetting(environment=pair[0], min_facts=0) if pair[1] else st.just(pair[0])
    )


_FORGET = st.booleans()
"""Whether an environment of `environments(unknowns=True)` leaves facts out (about half do)."""
