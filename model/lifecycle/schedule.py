"""The policy's schedule: when scheduled backups run, the backups a planner expects, and the refusals
of the policy itself (SM-SUP-06, SM-SUP-08).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Final

from ..environment import Environment, Policy
from ..operations import CreatePolicy
from ..outcome import Effect
from ..rules import RULES, Context
from ..tables import (
    BACKUP_FREQUENCIES_HOURS,
    DEFAULT_POLICY_EVERY_HOURS,
    DEFAULT_POLICY_START,
    VAULT_ELIGIBILITY_PERIOD_HOURS,
)
from .events import Event, ScheduledBackup, TimePasses
from .results import Refusal
from .times import BACKUP_WINDOW, TIERING_MAX, TIERING_START_MAX, utc

_DAY_MINUTES: Final = VAULT_ELIGIBILITY_PERIOD_HOURS * 60


def schedule_times(policy: Policy) -> tuple[dt.time, ...]:
    """The times of day (UTC) of the policy's scheduled backups, earliest first; () if SM-SUP-08 refuses
    the frequency. A policy that omits its period or start time is planned as Azure's default AKS
    policy has them (every 4 hours from 09:00 UTC, `tables.DEFAULT_POLICY_*`)."""
    hours_ = policy.every_hours or DEFAULT_POLICY_EVERY_HOURS
    if hours_ not in BACKUP_FREQUENCIES_HOURS:
        return ()
    start = policy.start or DEFAULT_POLICY_START
    first = start.hour * 60 + start.minute
    minutes = sorted((first + k * hours_ * 60) % _DAY_MINUTES for k in range(_DAY_MINUTES // (hours_ * 60)))
    return tuple(dt.time(m // 60, m % 60) for m in minutes)


def is_scheduled(policy: Policy, moment: dt.datetime) -> bool:
    """Whether the policy schedules a backup at `moment` (UTC, to the minute)."""
    return _on_schedule(_schedule_minutes(policy), utc(moment))


def _schedule_minutes(policy: Policy) -> frozenset[int]:
    return frozenset(t.hour * 60 + t.minute for t in schedule_times(policy))


def _on_schedule(minutes: frozenset[int], moment: dt.datetime) -> bool:
    return not (moment.second or moment.microsecond) and moment.hour * 60 + moment.minute in minutes


def scheduled_starts(policy: Policy, start: dt.datetime, end: dt.datetime) -> Iterator[dt.datetime]:
    """The policy's scheduled backup times in [start, end), in order."""
    start, end = utc(start), utc(end)
    times = schedule_times(policy)
    day = dt.datetime.combine(start.date(), dt.time(), dt.UTC)
    while day < end:
        for time in times:
            moment = day.replace(hour=time.hour, minute=time.minute)
            if start <= moment < end:
                yield moment
        day += dt.timedelta(days=1)


def planned_backups(
    policy: Policy, start: dt.datetime, days: int, *, duration: dt.timedelta = BACKUP_WINDOW
) -> list[Event]:
    """Every scheduled backup of `days` days from `start`, all succeeding in `duration`, then enough time
    for the last ones to reach the Vault tier (the time line a planner reads)."""
    start = utc(start)
    end = start + dt.timedelta(days=days)
    events: list[Event] = [ScheduledBackup(at, duration) for at in scheduled_starts(policy, start, end)]
    settle = max(end, (events[-1].at + duration) if events else end) + max(TIERING_MAX, TIERING_START_MAX)
    events.append(TimePasses(settle))
    return events


def policy_refusals(policy: Policy) -> tuple[Refusal, ...]:
    """The refusals of the policy itself: its tiers (SM-SUP-06) and its frequency (SM-SUP-08).

    Reuses the rules that judge a single operation, so the time line and `evaluate` never disagree.
    """
    ctx = Context(Environment(policy=policy), CreatePolicy())
    return tuple(
        Refusal(None, None, f.statement_id, f.message, f.subject)
        for statement_id in ("SM-SUP-06", "SM-SUP-08")
        for f in RULES[statement_id].function(ctx)
        if f.effect is Effect.BLOCKS
    )
