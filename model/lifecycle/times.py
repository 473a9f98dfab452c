"""The durations of the matrix's time bounds, and times written as the feature tables write them.

The durations come from `tables` (no magic numbers); `stamp`, `hours` and `utc` are shared by the
features, the report and the rest of the time model.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from ..tables import (
    BACKUP_WINDOW_HOURS,
    SECONDARY_REPLICATION_MAX_HOURS,
    TIERING_MAX_HOURS,
    TIERING_START_MAX_HOURS,
    VAULT_RPO_PRIMARY_HOURS,
    VAULT_RPO_SECONDARY_HOURS,
)

ZERO: Final = dt.timedelta(0)
BACKUP_WINDOW: Final = dt.timedelta(hours=BACKUP_WINDOW_HOURS)
TIERING_START_MAX: Final = dt.timedelta(hours=TIERING_START_MAX_HOURS)
TIERING_MAX: Final = dt.timedelta(hours=TIERING_MAX_HOURS)
REPLICATION_MAX: Final = dt.timedelta(hours=SECONDARY_REPLICATION_MAX_HOURS)
RPO_PRIMARY: Final = dt.timedelta(hours=VAULT_RPO_PRIMARY_HOURS)
RPO_SECONDARY: Final = dt.timedelta(hours=VAULT_RPO_SECONDARY_HOURS)


# --- Formatting shared by the features and the report -------------------------------------------------


def stamp(moment: dt.datetime) -> str:
    """'2025-06-02 01:00' (UTC), the form the feature tables use."""
    return utc(moment).strftime("%Y-%m-%d %H:%M")


def hours(delta: dt.timedelta) -> str:
    """'24 hours', '1 hour', '2 hours 30 minutes'."""
    minutes = int(delta.total_seconds() // 60)
    whole, rest = divmod(minutes, 60)
    text = f"{whole} hour{'' if whole == 1 else 's'}"
    return f"{text} {rest} minute{'' if rest == 1 else 's'}" if rest else text


def utc(moment: dt.datetime) -> dt.datetime:
    """`moment` in UTC; a naive datetime is read as UTC."""
    if moment.tzinfo is dt.UTC:
        return moment
    if moment.tzinfo is None:
        return moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC)
