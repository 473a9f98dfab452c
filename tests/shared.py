"""Where the source pages (shared/spec) are, when they are beside the project: tests that read them
skip otherwise. Set AKS_SHARED to the shared folder to run them from elsewhere."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def shared_spec() -> Path | None:
    """The shared/spec folder: $AKS_SHARED/spec, ../shared/spec (a clone beside it) or ../../shared/spec
    (a worktree of one); None when none of them holds the pages."""
    candidates = [os.environ.get("AKS_SHARED"), ROOT.parent / "shared", ROOT.parent.parent / "shared"]
    for candidate in candidates:
        if candidate and (Path(candidate) / "spec" / "aks-backup-support-matrix.md").exists():
            return Path(candidate) / "spec"
    return None
