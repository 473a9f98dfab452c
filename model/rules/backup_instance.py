"""The backup instance: what it selects and what can change.

Source: matrix #unsupported-scenarios-and-limitations.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..operations import BACKUP_KINDS
from ..outcome import Effect, Finding
from ..tables import EXCLUDED_NAMESPACES
from . import Context, finding, rule


@rule("SM-UNS-07", on=("modify_backup_instance",))
def no_changes_to_backup_instances(ctx: Context) -> Iterator[Finding]:
    """The backup configuration and the snapshot resource group of an instance cannot be changed."""
    change = ctx.op.change  # type: ignore[union-attr]
    if change == "include_azure_files" and ctx.tables.files_protocols:
        yield finding(
            "SM-UNS-07", Effect.BLOCKS, "operation.change",
            "an existing backup instance cannot be extended to Azure Files volumes; create a new backup "
            "instance for them.",
        )  # fmt: skip
        return
    what = "snapshot resource group" if change == "snapshot_resource_group" else "backup configuration"
    yield finding(
        "SM-UNS-07", Effect.BLOCKS, "operation.change",
        f"the {what} of an existing backup instance cannot be changed; create a new backup instance.",
    )  # fmt: skip


@rule("SM-UNS-08", on=BACKUP_KINDS)
def system_namespaces_skipped(ctx: Context) -> Iterator[Finding]:
    """kube-system, kube-node-lease and kube-public are never backed up, even when named."""
    for index, name in enumerate(ctx.env.backup_instance.namespaces or ()):
        if name in EXCLUDED_NAMESPACES:
            yield finding(
                "SM-UNS-08", Effect.SKIPS, f"backup_instance.namespaces[{index}]",
                f"namespace {name!r} is never backed up; it is skipped.",
            )  # fmt: skip
