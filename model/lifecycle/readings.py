"""The readings the time model takes where the matrix leaves a question open (`READINGS`).

Each reading is pinned by an example of features/lifecycle.feature; the package docstring sums them up.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True, slots=True)
class Reading:
    """One reading the model takes where the matrix leaves a question open."""

    statement_ids: tuple[str, ...]
    question: str
    reading: str
    why: str


READINGS: Final[tuple[Reading, ...]] = (  # pragma: no mutate (prose for people; nothing reads it)
    Reading(
        ("SM-SUP-10", "SM-VLT-05"),
        "What is the 24-hour period in which only the first successful backup goes to the Vault tier?",
        "The UTC calendar day (00:00 to 24:00 UTC) of the backup's timestamp; it is neither a rolling "
        "window nor a day counted from the policy's start time. The default policy (every 4 hours from "
        "09:00) therefore sends the 01:00 point of each day.",
        "Azure tags that copy with the absolute criterion FirstOfDay, of the same family as the week that "
        "starts on Sunday and the month that starts on the 1st, and its FAQ says the selection does not "
        "depend on when the policy was created (domain.md §2.5). The daily limits (SM-LIM-03, SM-LIM-05) "
        "already count UTC days.",
    ),
    Reading(
        ("SM-SUP-09", "SM-SUP-10"),
        "Does a backup that overruns the 2-hour window count, and for which day?",
        "It counts: it makes a recovery point timestamped at its scheduled start, belonging to that day, "
        "and it can be the day's Vault point; the overrun is reported as SM-SUP-09 exceeded. 'First "
        "successful' follows the order of completion: a backup becomes eligible when it completes and no "
        "other scheduled backup of its day completed successfully before it.",
        "The matrix says backups are expected to finish in 2 hours, not that late ones fail. The service "
        "cannot wait to learn whether an earlier backup that is still running will succeed.",
    ),
    Reading(
        ("SM-SUP-11", "SM-VLT-06"),
        "From when is the 4-hour tiering delay measured, and what does it bound?",
        "From the moment the Operational point is complete, which is also when it becomes eligible. "
        "SM-VLT-06 bounds the start of the tiering job (4 hours), SM-SUP-11 the moment the copy is in the "
        "Vault tier (4 hours). Without reported jobs the model takes the worst case both allow: the job "
        "starts and ends 4 hours after the backup completed.",
        "The two sentences disagree on what the 4 hours bound (the move, or the start of the move); "
        "keeping both is the only reading that breaks neither.",
    ),
    Reading(
        ("SM-VLT-05",),
        "How are the 24-hour primary and 36-hour secondary RPO computed?",
        "From recovery point timestamps: the primary RPO is the longest gap between the timestamps of "
        "consecutive Vault points, the time line's first and last backup attempt closing the two ends; "
        "the paired region's RPO adds the 12 hours replication can take, and exists only for a "
        "GeoRedundant vault with Cross Region Restore. A failed first backup of the day shows as an "
        "exceeded bound (the next point comes later than 24 hours after the previous one).",
        "The matrix derives 24 hours from one point a day and adds only replication for 36 hours: its "
        "figures leave the tiering delay out, which SM-VLT-06 bounds on its own.",
    ),
    Reading(
        ("SM-VLT-07",),
        "Which two Operational points does pruning keep?",
        "The newest live Operational point (by timestamp) and the Operational point that the newest Vault "
        "point in the Vault tier (tiered, not deleted) was copied from. A point past its retention is "
        "pruned as soon as it is neither; a point whose tiering job has not finished is also kept. "
        "Retention counts from the point's timestamp. A policy without the Vault tier keeps nothing "
        "past its retention.",
        "These are the two the matrix names. A point waiting for its tiering job is kept because a pruned "
        "snapshot cannot be copied; once the job ends, only the two named points remain held. The matrix "
        "gives tiering as the reason for keeping them, so without tiering there is none.",
    ),
    Reading(
        ("SM-SUP-21",),
        "What does an unhealthy cluster or extension hold back over time?",
        "Scheduled and on-demand backups and restores are refused while it lasts, and pruning of expired "
        "Operational points waits until both are healthy again. Vault points expire inside the vault and "
        "tiering is the vault's job: neither waits.",
        "The extension takes the snapshots and deletes them; the Vault tier is outside the cluster.",
    ),
    Reading(
        ("SM-LIM-03", "SM-LIM-05"),
        "Which requests count towards the daily limits?",
        "Requests accepted on the UTC calendar day of the request, whether the backup then succeeds or "
        "fails; refused requests do not count.",
        "The limits count requests the service took; a refused request never ran.",
    ),
    Reading(
        ("SM-SUP-10", "SM-VLT-05"),
        "Do on-demand backups take the day's Vault point?",
        "No: the one-a-day rule is about scheduled points. An on-demand backup asked for the Vault tier "
        "goes there besides the scheduled one, with the same tiering bounds.",
        "The matrix speaks of one scheduled recovery point a day; the AKS backup overview lets any "
        "number of on-demand backups go to the Vault tier (domain.md §2.5).",
    ),
    Reading(
        ("SM-SUP-24", "SM-SUP-26", "SM-VLT-07"),
        "How do user deletions meet soft delete, immutability and pruning?",
        "An immutable vault (Unlocked or Locked) refuses deleting a point of either tier before it expires; "
        "a point kept past its retention by SM-VLT-07 has expired and can be deleted. Vault points are "
        "soft deleted when soft delete is On or AlwaysOn; Operational points are always deleted for good. "
        "SM-VLT-07 limits pruning only, not deletions a user asks for.",
        "As the rules of SM-SUP-24 and SM-SUP-26 read a single deletion (rules/vault.py).",
    ),
    Reading(
        ("SM-SUP-08",),
        "When do scheduled backups run?",
        "At the policy's start time plus whole multiples of its period, every day (each allowed period "
        "divides 24 hours). A scheduled backup at any other time is refused citing SM-SUP-08. The policy "
        "shape has one Operational retention and one Vault retention for the first point of each day, so "
        "of the retention rule priorities (year > month > week > day > default) only day over default is "
        "in play, and both keep the Operational copy the same number of days.",
        "The policy's repeating interval is R/<start>/PT<n>H (domain.md §2.5 and §4).",
    ),
)
