"""The value pools the strategies draw from, and the helpers they share.

Biasing combinators (`_mostly`, `_usually`, `_good`, `_around`), argument checks that raise
`InvalidArgument`, identifiers and vocabulary, and the strategies for the values the matrix lists by
name: regions (`regions()`) and Kubernetes versions (`kubernetes_versions()`), biased towards the tables
in `tables.py` and just outside them.
"""

from __future__ import annotations

import string
from collections.abc import Sequence
from typing import TypeVar

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from pydantic import BaseModel

from ..tables import (
    AKS_VERSION_CALENDAR,
    EXCLUDED_NAMESPACES,
    OPERATIONAL_ONLY_REGIONS,
    PAIRED_REGION,
    REGION_DISPLAY_NAMES,
    VAULT_AND_OPERATIONAL_REGIONS,
    VELERO_PREFIX,
)

T = TypeVar("T")
M = TypeVar("M", bound=BaseModel)


# --- helpers ------------------------------------------------------------------------------------------


def _mostly(value: T, others: Sequence[T], *, weight: int = 3) -> st.SearchStrategy[T]:
    """`value` about `weight` times in `weight + 1`, else one of `others`; shrinks to `value`."""
    return st.sampled_from((value,) * (weight * len(others)) + tuple(others))


def _usually(
    common: st.SearchStrategy[T], rare: st.SearchStrategy[T], *, weight: int = 3
) -> st.SearchStrategy[T]:
    """`common` about `weight` times in `weight + 1`, else `rare`; shrinks towards `common`.

    (`st.one_of` would not do: it drops repeated branches, so it cannot weight them.)
    """
    return st.integers(0, weight).flatmap(lambda i: rare if i == weight else common)


def _good(value: bool = True, *, weight: int = 9) -> st.SearchStrategy[bool]:
    """A flag that usually has the value that meets the matrix (else many environments would be refused
    for the same few reasons and the other facts would never matter); shrinks to that value."""
    return _mostly(value, (not value,), weight=weight)


def _around(limit: int) -> st.SearchStrategy[int]:
    """Counts: usually under the limit, else at it, just either side of it, or anywhere up to twice it."""
    edges = st.sampled_from((limit - 1, limit, limit + 1, 0, 1))
    return _usually(st.integers(0, limit - 1), edges | st.integers(0, 2 * limit), weight=2)


def _check_type(name: str, value: object, expected: type) -> None:
    if isinstance(value, bool) is not (expected is bool) or not isinstance(value, expected):
        raise InvalidArgument(f"{name}={value!r} must be of type {expected.__name__}")


def _check_bounds(what: str, lo: int, hi: int | None) -> None:
    """InvalidArgument unless `0 <= min_<what> <= max_<what>`, integers (max_<what> may be None)."""
    _check_type(f"min_{what}", lo, int)
    if hi is not None:
        _check_type(f"max_{what}", hi, int)
    if lo < 0:
        raise InvalidArgument(f"min_{what}={lo!r} must be at least 0")
    if hi is not None and hi < lo:
        raise InvalidArgument(f"max_{what}={hi!r} is less than min_{what}={lo!r}")


def _check_strategy(name: str, value: object) -> None:
    if value is not None and not isinstance(value, st.SearchStrategy):
        raise InvalidArgument(f"{name}={value!r} must be a Hypothesis strategy or None")


def _replace(model: M, **changes: object) -> M:
    """`model` with `changes`, validated (unlike `model_copy(update=...)`, which would keep a region in
    display form, say, where the model stores the ARM form)."""
    return type(model).model_validate({**dict(model), **changes})


# --- identifiers and vocabulary -----------------------------------------------------------------------

_NAME_ALPHABET = string.ascii_lowercase + string.digits + "-"
_GUID_SUBSCRIPTION = "00000000-0000-0000-0000-000000000001"
_GUID_TENANT = "00000000-0000-0000-0000-0000000000aa"
_OTHER_SUBSCRIPTIONS = ("5c0d4a4e-1b0f-4c3e-9e59-3f1a2b3c4d5e", "11111111-2222-3333-4444-555555555555")
_OTHER_TENANTS = ("72f988bf-86f1-41af-91ab-2d7cd011db47", "ffffffff-0000-0000-0000-0000000000bb")

_POOL_NAMES = ("system", "user", "nodepool1", "win1", "arm64", "gpu")
_NAMESPACE_NAMES = (
    "payments",
    "orders",
    "default",
    *EXCLUDED_NAMESPACES,
    "velero",
    "dataprotection-microsoft",
)
_CLAIM_NAMES = ("data", "db", "logs", "cache", "ledger")
_LABEL_KEYS = (
    "app",
    "team",
    "app.kubernetes.io/name",
    f"{VELERO_PREFIX}/exclude-from-backup",
    f"backup.{VELERO_PREFIX}/backup-volumes",
    f"{VELERO_PREFIX}/restore-name",
    "veleroio/almost",
    f"example.com/{VELERO_PREFIX}",
)
_OTHER_DRIVERS = ("ebs.csi.aws.com", "nfs.csi.k8s.io", "kubernetes.io/gce-pd", "driver.longhorn.io")
_OTHER_OS_SKUS = ("RHEL", "Ubuntu1804", "windows")
_VM_SIZES = ("Standard_D4ds_v5", "Standard_D4pds_v5", "Standard_B2s", "Standard_NC6s_v3")
_STORAGE_CLASSES = ("managed-csi", "managed-csi-premium", "default", "managed-premium", "")
_STANDARD_STORAGE_SKUS = (
    *("Standard_LRS", "Standard_ZRS", "Standard_GRS", "Standard_GZRS", "Standard_RAGRS", "Standard_RAGZRS"),
)
_PREMIUM_STORAGE_SKUS = ("Premium_LRS", "Premium_ZRS")
_OFF_FREQUENCIES = (1, 2, 3, 5, 7, 9, 11, 13, 18, 23, 25, 48, 168, 8760)


def _names(known: Sequence[str], *, max_size: int = 12) -> st.SearchStrategy[str]:
    """A name from `known`, or any short DNS-ish name."""
    return st.sampled_from(known) | st.text(_NAME_ALPHABET, min_size=1, max_size=max_size)


def _namespace_names() -> st.SearchStrategy[str]:
    return _names(_NAMESPACE_NAMES)


def _subscriptions(usual: str = _GUID_SUBSCRIPTION) -> st.SearchStrategy[str]:
    return _mostly(usual, (_GUID_SUBSCRIPTION, *_OTHER_SUBSCRIPTIONS))


def _tenants(usual: str = _GUID_TENANT) -> st.SearchStrategy[str]:
    return _mostly(usual, (_GUID_TENANT, *_OTHER_TENANTS), weight=6)


def _labels() -> st.SearchStrategy[dict[str, str]]:
    keys = st.sampled_from(_LABEL_KEYS) | st.text(_NAME_ALPHABET, min_size=1, max_size=8)
    return _usually(
        st.just({}), st.dictionaries(keys, st.text(_NAME_ALPHABET, max_size=8), min_size=1, max_size=3)
    )


# --- regions, versions, dates -------------------------------------------------------------------------

_LISTED_REGIONS = ("westeurope", *sorted(VAULT_AND_OPERATIONAL_REGIONS - {"westeurope"}))
_OPERATIONAL_ONLY = tuple(sorted(OPERATIONAL_ONLY_REGIONS))
# Just outside the lists: real regions of the pair table that the matrix does not name, and near-misses.
_UNLISTED_REGIONS = (
    *sorted(set(PAIRED_REGION) - VAULT_AND_OPERATIONAL_REGIONS - OPERATIONAL_ONLY_REGIONS),
    "qatarcentral",
    "mexicocentral",
    "westeurope2",
    "west-europe",
    "eastus3",
)


def regions(*, unlisted: bool = True) -> st.SearchStrategy[str]:
    """Azure regions: both lists of the matrix (ARM and display forms) and, unless `unlisted=False`,
    regions in neither list (real ones the matrix does not name, near-misses and arbitrary names)."""
    _check_type("unlisted", unlisted, bool)
    listed = (
        st.sampled_from(_LISTED_REGIONS)
        | st.sampled_from(_OPERATIONAL_ONLY)
        | st.sampled_from(sorted(REGION_DISPLAY_NAMES.values()))
    )
    if not unlisted:
        return listed
    other = st.sampled_from(_UNLISTED_REGIONS) | st.text(
        string.ascii_lowercase + string.digits, min_size=1, max_size=14
    )
    return _usually(listed, other, weight=4)


_REGIONS = regions()

_MINORS = tuple(entry.minor for entry in AKS_VERSION_CALENDAR)


def _minor_after(minor: str, step: int) -> str:
    major, number = minor.split(".")
    return f"{major}.{int(number) + step}"


def _version(minor: str, patch: int | None, prefix: str) -> str:
    return f"{prefix}{minor}" if patch is None else f"{prefix}{minor}.{patch}"


def kubernetes_versions() -> st.SearchStrategy[str]:
    """Kubernetes versions of every minor of the AKS calendar, one minor either side, and older ones;
    with or without a patch number, sometimes with a leading `v`."""
    outside = (_minor_after(_MINORS[0], -1), _minor_after(_MINORS[-1], 1), "1.20", "2.0")
    minors = st.sampled_from((*reversed(_MINORS), *outside))
    patch = st.integers(0, 20) | st.none()
    return st.builds(_version, minors, patch, _mostly("", ("v",), weight=5))
