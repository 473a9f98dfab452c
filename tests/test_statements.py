"""The statement catalog: the 59 ids of the project catalog, unchanged, in our own words; the ids a
later edition adds, changes and retires."""

from __future__ import annotations

import re
import typing
from pathlib import Path

import pytest

from aks_backup_model import STATEMENTS, DuplicateRegistration, UnknownStatement, statement
from aks_backup_model.editions import EDITIONS, JUDGED, NEWEST, change_in, changes
from aks_backup_model.environment import Edition
from aks_backup_model.rules import RULES, cluster, rule
from aks_backup_model.statements import Kind
from aks_backup_model.tables import TABLES
from tests.shared import shared_spec

SHARED = shared_spec() or Path("/nonexistent")


def _shared_catalog() -> list[tuple[str, str, str]]:
    text = (SHARED / "statements.yaml").read_text(encoding="utf-8")
    return re.findall(r"- id: (SM-[A-Z]+-\d+)\n\s+section: (.+)\n\s+kind: (\w+)", text)


@pytest.mark.skipif(not (SHARED / "statements.yaml").exists(), reason="../shared is not beside the project")
def test_catalog_matches_the_shared_catalog_in_order_section_and_kind() -> None:
    seed = [STATEMENTS[i] for i in EDITIONS["2025-06-10"].statement_ids]
    assert [(s.id, s.section, s.kind.value) for s in seed] == _shared_catalog()


def test_the_seed_edition_has_the_59_statements_with_well_formed_ids() -> None:
    assert len(EDITIONS["2025-06-10"].statement_ids) == 59
    assert all(s.edition == "2025-06-10" for s in STATEMENTS.values() if s.holds_in("2025-06-10"))
    assert all(re.fullmatch(r"SM-(REG|SUP|UNS|LIM|VLT|AFS)-\d\d", i) for i in STATEMENTS)


def test_every_statement_has_text_a_source_link_and_an_edition() -> None:
    for s in STATEMENTS.values():
        for name in EDITIONS:
            worded = s.in_edition(name)
            assert worded.text and worded.text[0].isupper() and worded.text.endswith(".")
            assert worded.source.startswith("https://learn.microsoft.com/") and "#" in worded.source
        assert s.edition in EDITIONS and (s.retired_in is None or s.retired_in in EDITIONS)
        assert isinstance(s.kind, Kind)


def test_ids_an_edition_adds_continue_the_numbering_of_their_area() -> None:
    for name in list(EDITIONS)[1:]:
        earlier = [s.id for s in STATEMENTS.values() if s.edition < name]
        for added in (s.id for s in STATEMENTS.values() if s.edition == name):
            area, number = added.rsplit("-", 1)
            highest = max((int(i.rsplit("-", 1)[1]) for i in earlier if i.startswith(area + "-")), default=0)
            assert int(number) > highest, f"{added} reuses or goes below {area}-{highest:02d}"


def test_the_2026_edition_adds_changes_and_retires_what_the_page_changed() -> None:
    c = changes("2025-06-10", "2026-01-06")
    assert [s.id for s in c.retired] == ["SM-UNS-01"]
    assert {"SM-SUP-29", "SM-SUP-30", "SM-SUP-31", "SM-UNS-10", "SM-UNS-11", "SM-UNS-12"} <= {
        s.id for s in c.added
    }
    assert {s.id for s in c.added if s.id.startswith("SM-AFS-")} == {f"SM-AFS-{n:02d}" for n in range(1, 12)}
    changed = {before.id for before, _ in c.changed}
    assert {"SM-SUP-02", "SM-SUP-03", "SM-SUP-06", "SM-UNS-02", "SM-UNS-07", "SM-VLT-03"} <= changed
    assert "SM-SUP-01" not in changed  # only reworded ("are not" -> "aren't"): not a change of the statement
    for before, after in c.changed:
        assert before.text != after.text and before.id == after.id
    assert [(old.anchor, new.anchor) for old, new in c.renamed_sections] == [
        (
            "limitations-specific-for-vaulted-backup-and-cross-region-restore",
            "supported-scenarios-and-limitations-specific-for-vaulted-backup-and-cross-region-restore",
        )
    ]
    assert STATEMENTS["SM-VLT-01"].in_edition("2026-01-06").anchor.startswith("supported-scenarios-and-")
    assert STATEMENTS["SM-VLT-01"].in_edition("2025-06-10").anchor.startswith("limitations-specific")


def test_going_back_an_edition_swaps_added_and_retired() -> None:
    forward, backward = changes("2025-06-10", "2026-01-06"), changes("2026-01-06", "2025-06-10")
    assert [s.id for s in forward.added] == [s.id for s in backward.retired]
    assert [s.id for s in forward.retired] == [s.id for s in backward.added]
    assert [a.id for a, _ in forward.changed] == [a.id for a, _ in backward.changed]


def test_a_retired_statement_stays_in_the_catalog_and_says_where_it_was_retired() -> None:
    entry = statement("SM-UNS-01")
    assert entry.retired_in == "2026-01-06"
    assert entry.holds_in("2025-06-10") and not entry.holds_in("2026-01-06")
    assert change_in("SM-UNS-01", "2026-01-06") == "retired"
    assert change_in("SM-SUP-29", "2026-01-06") == "added"
    assert change_in("SM-SUP-29", "2025-06-10") == "absent"
    assert change_in("SM-SUP-03", "2026-01-06") == "changed"
    assert change_in("SM-SUP-01", "2026-01-06") == "unchanged"
    assert change_in("SM-SUP-01", "2025-06-10") == "seed"


def test_every_edition_has_its_tables_and_the_newest_is_last() -> None:
    assert list(TABLES) == list(EDITIONS)
    assert NEWEST == list(EDITIONS)[-1] == "2026-01-06"
    assert set(JUDGED) <= set(EDITIONS)
    assert "PremiumV2_LRS" in TABLES["2026-01-06"].supported_disk_skus
    assert "PremiumV2_LRS" in TABLES["2025-06-10"].unsupported_disk_skus
    assert "file.csi.azure.com" in TABLES["2026-01-06"].supported_volume_drivers
    assert "file.csi.azure.com" in TABLES["2025-06-10"].unsupported_volume_drivers


@pytest.mark.skipif(not SHARED.exists(), reason="../shared is not beside the project")
def test_no_sentence_of_the_source_is_copied_into_the_statements() -> None:
    def grams(text: str) -> set[str]:
        words = re.findall(r"[a-z0-9]+", text.lower())
        return {" ".join(words[i : i + 12]) for i in range(len(words) - 11)}

    pages = ("aks-backup-support-matrix.md", "aks-backup-support-matrix-2026-01-06.md")
    source = "\n".join((SHARED / page).read_text(encoding="utf-8") for page in pages)
    prose = "\n".join(line for line in source.splitlines() if line.count(",") < 6)
    texts = {
        f"{s.id}@{r.edition}": f"{r.text} {r.interpretation or ''} {r.summary}"
        for s in STATEMENTS.values()
        for r in s.revisions
    }
    texts |= {s.id: f"{s.text} {s.interpretation or ''}" for s in STATEMENTS.values()}
    copied = [key for key, text in texts.items() if grams(text) & grams(prose)]
    assert copied == []


def test_unknown_ids_are_refused_with_a_suggestion() -> None:
    with pytest.raises(UnknownStatement, match="Did you mean 'SM-SUP-05'"):
        statement("SM-SUB-05")


def test_the_environment_accepts_exactly_the_editions_the_model_judges_by() -> None:
    assert set(typing.get_args(Edition)) == set(JUDGED)


def test_a_rule_is_registered_once_under_a_known_statement_and_stays_the_same_function() -> None:
    """The registry behind every rule: a rule for an id the catalog lacks is refused when it is declared,
    a second rule for an id names the rule already there, and the decorator gives the function back."""
    with pytest.raises(UnknownStatement, match="SM-SUP-99"):
        rule("SM-SUP-99", on=("configure_backup",))
    existing = RULES["SM-SUP-05"]
    assert existing.name == "aks_backup_model.rules.cluster.managed_identity"
    with pytest.raises(
        DuplicateRegistration, match=r"SM-SUP-05 already has the rule .*cluster\.managed_identity"
    ):
        rule("SM-SUP-05", on=("configure_backup",))(lambda ctx: iter(()))
    assert RULES["SM-SUP-05"] is existing
    assert cluster.managed_identity is existing.function and callable(cluster.managed_identity)
