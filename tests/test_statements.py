"""The statement catalog: the 59 ids of the project catalog, unchanged, in our own words."""

from __future__ import annotations

import re
import typing
from pathlib import Path

import pytest

from aks_backup_model import STATEMENTS, UnknownStatement, statement
from aks_backup_model.editions import EDITIONS
from aks_backup_model.environment import Edition
from aks_backup_model.statements import Kind

SHARED = Path(__file__).resolve().parents[2] / "shared" / "spec"


def _shared_catalog() -> list[tuple[str, str, str]]:
    text = (SHARED / "statements.yaml").read_text(encoding="utf-8")
    return re.findall(r"- id: (SM-[A-Z]+-\d+)\n\s+section: (.+)\n\s+kind: (\w+)", text)


@pytest.mark.skipif(not (SHARED / "statements.yaml").exists(), reason="../shared is not beside the project")
def test_catalog_matches_the_shared_catalog_in_order_section_and_kind() -> None:
    assert [(s.id, s.section, s.kind.value) for s in STATEMENTS.values()] == _shared_catalog()


def test_there_are_59_statements_with_well_formed_ids() -> None:
    assert len(STATEMENTS) == 59
    assert all(re.fullmatch(r"SM-(REG|SUP|UNS|LIM|VLT)-\d\d", i) for i in STATEMENTS)


def test_every_statement_has_text_a_source_link_and_the_seed_edition() -> None:
    for s in STATEMENTS.values():
        assert s.text and s.text[0].isupper() and s.text.endswith(".")
        assert s.source.startswith("https://learn.microsoft.com/") and "#" in s.source
        assert s.edition == "2025-06-10" and s.retired_in is None
        assert isinstance(s.kind, Kind)


@pytest.mark.skipif(not SHARED.exists(), reason="../shared is not beside the project")
def test_no_sentence_of_the_source_is_copied_into_the_statements() -> None:
    def grams(text: str) -> set[str]:
        words = re.findall(r"[a-z0-9]+", text.lower())
        return {" ".join(words[i : i + 12]) for i in range(len(words) - 11)}

    source = (SHARED / "aks-backup-support-matrix.md").read_text(encoding="utf-8")
    prose = "\n".join(line for line in source.splitlines() if line.count(",") < 6)
    copied = [s.id for s in STATEMENTS.values() if grams(f"{s.text} {s.interpretation or ''}") & grams(prose)]
    assert copied == []


def test_unknown_ids_are_refused_with_a_suggestion() -> None:
    with pytest.raises(UnknownStatement, match="Did you mean 'SM-SUP-05'"):
        statement("SM-SUB-05")


def test_the_environment_accepts_exactly_the_known_editions() -> None:
    assert set(typing.get_args(Edition)) == set(EDITIONS)
