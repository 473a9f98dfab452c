"""Kubernetes quantities (`10Gi`, `500M`, `1.5Ti`) read with the official client's own parser.

`kubernetes.utils.quantity.parse_quantity` is the parser the Kubernetes Python client ships; importing
it the usual way first imports the whole client (`kubernetes/__init__` loads every API model, about 3 s
on this machine), so the module, which needs nothing but `decimal`, is loaded on its own from the
installed package, and through the package import only if that fails. Loaded on first use only.
"""

from __future__ import annotations

import importlib.util
import math
from collections.abc import Callable
from decimal import Decimal
from functools import cache
from pathlib import Path

__all__ = ["gib_of_quantity"]

_GIB = Decimal(2**30)


@cache
def _parser() -> Callable[[object], Decimal]:
    package = importlib.util.find_spec("kubernetes")
    if package is not None and package.origin is not None:
        path = Path(package.origin).parent / "utils" / "quantity.py"
        spec = importlib.util.spec_from_file_location("_aks_backup_k8s_quantity", path)
        if spec is not None and spec.loader is not None and path.is_file():
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            parser: Callable[[object], Decimal] = module.parse_quantity
            return parser
    from kubernetes.utils.quantity import parse_quantity  # pragma: no cover - the slow way

    return parse_quantity  # type: ignore[no-any-return,unused-ignore]  # pragma: no cover


def gib_of_quantity(text: str) -> int:
    """The whole number of GiB a quantity with a unit asks for, rounded up as the Azure Disk CSI driver
    rounds a claim's request up to whole GiB (`10Gi` -> 10, `10G` -> 10, `1.5Ti` -> 1536).

    Raises:
        ValueError: `text` is not a Kubernetes quantity, has no unit (a bare number would be bytes,
            which a field in GiB never means), or is not positive.
    """
    stripped = text.strip()
    if not stripped or stripped[-1].isdigit():
        raise ValueError("expected a whole number of GiB, or a Kubernetes quantity with a unit such as 10Gi")
    try:
        size = _parser()(stripped)
    except ValueError:
        raise ValueError(
            "expected a whole number of GiB, or a Kubernetes quantity with a unit such as 10Gi"
        ) from None
    if size <= 0:
        raise ValueError("expected a positive size")
    return math.ceil(size / _GIB)
