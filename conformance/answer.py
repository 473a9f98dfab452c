"""The answer document of an outcome, which `check --format json` prints and command oracles write.

It lives apart from the wire format's schemas (`oracles.wire`, which builds pydantic models of every
request and answer when imported) so that `check --format json` does not pay for them at start-up.
"""

from __future__ import annotations

from typing import Any

from aks_backup_model.outcome import Outcome

SCHEMA_VERSION = "1.0"
"""The version of the request and answer documents. A reader accepts any `1.x`: minor versions only
add optional keys."""


def outcome_document(outcome: Outcome) -> dict[str, Any]:
    """The answer document of an outcome (without the optional keys `check` adds)."""
    return {"schema_version": SCHEMA_VERSION, "question": "evaluate", **outcome.to_dict()}
