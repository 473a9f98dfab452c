"""What changes between two editions of the matrix: in the catalog, and for given environments.

Without an environment, `catalog_document` lists the statements the newer edition adds, retires and
words differently, each with its section. With environments, `environment_document` judges each one
under both editions and lists, finding by finding and volume by volume, what changes: the status, the
findings that appear, disappear or change effect, and each volume's destination.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from aks_backup_model.editions import changes
from aks_backup_model.environment import Environment
from aks_backup_model.evaluate import evaluate
from aks_backup_model.operations import Operation
from aks_backup_model.outcome import Finding, Outcome
from aks_backup_model.statements import STATEMENTS, Statement


def _entry(statement: Statement) -> dict[str, Any]:
    return {
        "id": statement.id,
        "section": statement.section,
        "anchor": statement.anchor,
        "text": statement.text,
    }


def catalog_document(old: str, new: str) -> dict[str, Any]:
    """The statements `new` adds, retires and changes against `old`, with their sections."""
    c = changes(old, new)
    changed = []
    for before, after in c.changed:
        revisions = [r for r in STATEMENTS[after.id].revisions if c.between(r.edition)]
        changed.append(
            {
                "id": after.id,
                "section": after.section,
                "anchor": after.anchor,
                "behavioural": any(r.behavioural for r in revisions),
                "summary": "; ".join(r.summary for r in revisions),
                "before": before.text,
                "after": after.text,
            }
        )
    return {
        "from": old,
        "to": new,
        "added": [_entry(s) for s in c.added],
        "retired": [_entry(s) for s in c.retired],
        "changed": changed,
        "renamed_sections": [
            {"from": {"title": a.title, "anchor": a.anchor}, "to": {"title": b.title, "anchor": b.anchor}}
            for a, b in c.renamed_sections
        ],
    }


@dataclass(frozen=True, slots=True)
class OutcomeChange:
    """One environment judged under two editions."""

    source: str
    before: Outcome
    after: Outcome

    @property
    def findings(self) -> list[dict[str, Any]]:
        """Findings that appear, disappear or change effect, keyed by statement and subject."""

        def keyed(outcome: Outcome) -> dict[tuple[str, str, str | None], Finding]:
            return {(f.statement_id, f.subject, f.tier): f for f in outcome.findings}

        old, new = keyed(self.before), keyed(self.after)
        rows = []
        for key in [*old, *(k for k in new if k not in old)]:
            was, now = old.get(key), new.get(key)
            if was is not None and now is not None and was.effect is now.effect:
                continue
            rows.append(
                {
                    "statement": key[0],
                    "subject": key[1],
                    "tier": key[2],
                    "change": "appears" if was is None else "disappears" if now is None else "effect",
                    "before": None if was is None else {"effect": was.effect.value, "message": was.message},
                    "after": None if now is None else {"effect": now.effect.value, "message": now.message},
                }
            )
        return rows

    @property
    def volumes(self) -> list[dict[str, Any]]:
        """Volumes whose destination or deciding statement changes."""
        old = {v.subject: v for v in self.before.volumes}
        rows = []
        for plan in self.after.volumes:
            was = old.get(plan.subject)
            if was is not None and (was.destination, was.statement_id) == (
                plan.destination,
                plan.statement_id,
            ):
                continue
            rows.append(
                {
                    "subject": plan.subject,
                    "claim": plan.claim,
                    "before": None
                    if was is None
                    else {"destination": was.destination.value, "statement": was.statement_id},
                    "after": {"destination": plan.destination.value, "statement": plan.statement_id},
                }
            )
        return rows

    @property
    def statements(self) -> list[str]:
        """Every statement whose findings or volume decisions differ, each once."""
        ids = [row["statement"] for row in self.findings]
        for row in self.volumes:
            for side in (row["before"], row["after"]):
                if side is not None and side["statement"]:
                    ids.append(side["statement"])
        return list(dict.fromkeys(ids))

    @property
    def changed(self) -> bool:
        return self.before.status is not self.after.status or bool(self.findings) or bool(self.volumes)

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "operation": self.after.operation,
            "status": {"before": self.before.status.value, "after": self.after.status.value},
            "changed": self.changed,
            "statements": self.statements,
            "findings": self.findings,
            "volumes": self.volumes,
        }


def compare_outcomes(
    env: Environment, old: str, new: str, op: Operation | None, source: str
) -> OutcomeChange:
    """`env` judged under edition `old` and under edition `new` (its own `edition` is set aside)."""
    before = evaluate(env.model_copy(update={"edition": old}), op)
    after = evaluate(env.model_copy(update={"edition": new}), op)
    return OutcomeChange(source, before, after)
