"""`python -m aks_backup_conformance`: the same as the `aks-backup-conformance` command."""

from __future__ import annotations

from .entry import main

if __name__ == "__main__":
    main()
