"""aks-backup-conformance, the tool around the reference model.

`aks_backup_model` is the pure model and its vocabulary (what an oracle author imports); this package
is everything built on it: the command line, the readers of environment files, the reports, the
oracles and the cross-checker.
"""

from __future__ import annotations

from aks_backup_model import __version__

__all__ = ["__version__"]
