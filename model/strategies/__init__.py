"""Hypothesis strategies for environments and operations: property tests for the model and for your tool.

    >>> from hypothesis import given
    >>> from aks_backup_model.strategies import environments, operations
    >>> @given(env=environments(), op=operations())
    ... def test_my_tool_agrees(env, op): ...

The style is Hypothesis' own (api-style.rst): plural names, keyword-only options, and defaults that
generate *everything* the model accepts, the unsupported included: unlisted regions, Premium SSD v2 and
Ultra disks, Azure Files volumes, in-tree plugins, Windows and ARM64 pools, frequencies the matrix does
not offer, disks around 1 TiB, counts around the limits, Kubernetes versions around the AKS calendar,
velero.io labels, and (unless `unknowns=False`) facts left out, which the model reads as unknown.
Values are biased towards the tables in `tables.py` and just outside them, and the
fields whose bad value refuses the operation (tenants, regions, health...) usually take the good value,
so that the other facts get a chance to matter. Every value drawn is a valid `Environment` (or
`Operation`); contradictory options raise `hypothesis.errors.InvalidArgument` at call time.

This module is not part of the pure core: it is the one place of the package that imports Hypothesis.
"""

from __future__ import annotations

from ._values import kubernetes_versions, regions
from .azure import backup_instances, extensions, policies, storage_accounts, vaults
from .cluster import clusters, namespaces, node_pools, volumes
from .environment import environments
from .operation import operations
from .unknowns import forgetting

__all__ = [
    "backup_instances",
    "clusters",
    "environments",
    "extensions",
    "forgetting",
    "kubernetes_versions",
    "namespaces",
    "node_pools",
    "operations",
    "policies",
    "regions",
    "storage_accounts",
    "vaults",
    "volumes",
]
