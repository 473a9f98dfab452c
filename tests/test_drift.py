"""The drift check: a copy of the page against an edition's fingerprints, in both directions.

The two pages are read from ../shared at test time (never copied into the project); the tests skip
when it is not beside the project (set AKS_SHARED to its folder to run them from elsewhere).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from aks_backup_conformance.cli import app
from aks_backup_conformance.drift import Change, drift
from aks_backup_conformance.drift.blocks import BLOCK_IDS
from aks_backup_conformance.drift.fingerprint import fingerprint_page, load, normalise, stored_editions
from aks_backup_conformance.drift.page import read_blocks
from aks_backup_model.editions import EDITIONS, NEWEST, changes
from aks_backup_model.statements import STATEMENTS
from tests.shared import ROOT, shared_spec

SHARED = shared_spec()
PAGES = {
    "2025-06-10": "aks-backup-support-matrix.md",
    "2026-01-06": "aks-backup-support-matrix-2026-01-06.md",
}
needs_pages = pytest.mark.skipif(
    SHARED is None, reason="../shared (the source pages) is not beside the project"
)

EDITORIAL_ONLY = {
    # Paragraphs 2026-01-06 only reworded (contractions, "additional" -> "another", "will be" -> "is").
    "SM-SUP-01", "SM-SUP-04", "SM-SUP-05", "SM-SUP-07", "SM-SUP-15", "SM-SUP-17", "SM-SUP-18",
    "SM-SUP-24", "SM-SUP-25", "SM-SUP-26", "SM-UNS-06", "SM-UNS-09",
}  # fmt: skip
CHANGED_IN_B = {
    # shared/research/domain.md §1.3, the rows in B: S2, S3/U1, U2, U3, S6, S8, S25, U7, V3, V5.
    "SM-SUP-02", "SM-SUP-03", "SM-UNS-01", "SM-UNS-02", "SM-UNS-03", "SM-SUP-06", "SM-SUP-10",
    "SM-SUP-28", "SM-UNS-07", "SM-VLT-03", "SM-VLT-05",
}  # fmt: skip
VAULT_HEADINGS = (
    "limitations-specific-for-vaulted-backup-and-cross-region-restore",
    "supported-scenarios-and-limitations-specific-for-vaulted-backup-and-cross-region-restore",
)


def page(edition: str) -> str:
    assert SHARED is not None
    return (SHARED / PAGES[edition]).read_text(encoding="utf-8")


def as_saved_html(markdown: str) -> str:
    """The page as a browser would save it: the article in <main>, site chrome around it."""
    body = (
        MarkdownIt("commonmark")
        .enable("table")
        .render(re.sub(r"\A---\n.*?\n---\n", "", markdown, flags=re.S))
    )
    return (
        "<!DOCTYPE html><html><head><title>t</title><script>var x = '<p>not text</p>';</script></head><body>"
        "<header><p>Skip to main content</p></header><nav><ul><li>Azure Backup</li><li>Learn</li></ul></nav>"
        f"<main id='main'><div class='content'>{body}</div></main>"
        "<footer><p>Feedback</p><p>Was this page helpful?</p></footer></body></html>"
    )


# --- the two editions, both directions ------------------------------------------------------------


@needs_pages
def test_the_2026_page_against_the_2025_fingerprints_finds_the_changed_statements() -> None:
    report = drift(page("2026-01-06"), "2025-06-10")
    assert set(report.to_revisit) >= CHANGED_IN_B
    catalog = changes("2025-06-10", "2026-01-06")
    assert {s.id for s in catalog.retired} | {b.id for b, _ in catalog.changed} <= set(report.to_revisit)
    # Beyond them, only statements sharing a paragraph with one (the frequency paragraph: SUP-08..11).
    assert set(report.to_revisit) - CHANGED_IN_B == {"SM-SUP-08", "SM-SUP-09", "SM-SUP-11"}
    assert report.drifted


@needs_pages
def test_the_2026_page_against_the_2025_fingerprints_reports_rewordings_as_editorial() -> None:
    report = drift(page("2026-01-06"), "2025-06-10")
    assert set(report.ids(Change.EDITORIAL)) == EDITORIAL_ONLY
    assert not EDITORIAL_ONLY & set(report.to_revisit)


@needs_pages
def test_the_2026_page_against_the_2025_fingerprints_finds_the_new_paragraphs_and_the_renamed_heading() -> (
    None
):
    report = drift(page("2026-01-06"), "2025-06-10")
    new = report.of(Change.NEW)
    files_section = "azure-files-based-persistent-volumes---additional-considerations"
    assert sum(1 for e in new if e.anchor == files_section) == 11
    assert {e.anchor for e in new} == {
        "supported-scenarios",
        "unsupported-scenarios-and-limitations",
        files_section,
    }
    assert [e.after for e in new if e.anchor == "supported-scenarios"] == [("SM-SUP-03",), ("SM-SUP-03",)]
    assert report.renamed_sections == (VAULT_HEADINGS,)


@needs_pages
def test_the_2025_page_against_the_2026_fingerprints_finds_the_same_changes_backwards() -> None:
    report = drift(page("2025-06-10"), "2026-01-06")
    catalog = changes("2026-01-06", "2025-06-10")
    revisit = set(report.to_revisit)
    assert {s.id for s in catalog.retired} <= revisit  # what 2026 added is not on the 2025 page
    assert {b.id for b, _ in catalog.changed} <= revisit
    assert set(report.ids(Change.EDITORIAL)) == EDITORIAL_ONLY
    assert not EDITORIAL_ONLY & revisit
    assert report.renamed_sections == (tuple(reversed(VAULT_HEADINGS)),)
    assert [e.after for e in report.of(Change.NEW)] == [("SM-SUP-28",)]  # the Premium v2/Ultra paragraph


@needs_pages
@pytest.mark.parametrize("edition", list(PAGES))
def test_a_page_against_its_own_fingerprints_has_no_drift(edition: str) -> None:
    report = drift(page(edition), edition)
    assert not report.drifted
    assert {e.change for e in report.entries} == {Change.UNCHANGED}


@needs_pages
@pytest.mark.parametrize("edition", list(PAGES))
def test_the_html_page_saved_from_a_browser_reads_like_the_markdown(edition: str) -> None:
    html = as_saved_html(page(edition))
    assert [b.text for b in read_blocks(html)] == [b.text for b in read_blocks(page(edition))]
    assert not drift(html, edition).drifted
    other = "2025-06-10" if edition != "2025-06-10" else "2026-01-06"
    assert drift(html, other).to_revisit == drift(page(edition), other).to_revisit


# --- made-up next editions -------------------------------------------------------------------------


@needs_pages
def test_a_changed_limit_is_found_and_only_that_statement() -> None:
    text = page("2026-01-06")
    changed = text.replace("| 5,000 |", "| 6,000 |", 1)
    assert changed != text
    report = drift(changed, "2026-01-06")
    assert report.to_revisit == ("SM-LIM-01",)


@needs_pages
def test_contractions_everywhere_are_editorial_only() -> None:
    text = page("2025-06-10")
    reworded = (
        text.replace(" are not ", " aren't ").replace(" does not ", " doesn't ").replace("Do not ", "Don't ")
    )
    assert reworded != text
    report = drift(reworded, "2025-06-10")
    assert not report.drifted
    assert report.of(Change.EDITORIAL)


@needs_pages
def test_a_dropped_paragraph_is_removed_and_an_added_one_is_new() -> None:
    blocks = page("2025-06-10").split("\n\n")
    victim = next(i for i, b in enumerate(blocks) if "Terraform" in b and "3.99.0" in b)
    text = "\n\n".join(
        [*blocks[:victim], "- A sentence no edition ever said about quantum backups.", *blocks[victim + 1 :]]
    )
    report = drift(text, "2025-06-10")
    assert report.ids(Change.REMOVED) == ("SM-SUP-16",)
    assert [e.after for e in report.of(Change.NEW)] == [("SM-SUP-15",)]


def test_normalising_takes_out_editorial_differences_only() -> None:
    assert normalise("Failures aren't covered; don't.") == normalise("failures are NOT covered, do not")
    assert normalise("the volume will be skipped") == normalise("the volume is skipped")
    assert normalise("with additional options") == normalise("with another options")
    assert normalise("RPO of 24 hours") != normalise("RPO of up to 24 hours")
    assert normalise("Premium SSD") != normalise("Premium SSD v2")


# --- what is stored --------------------------------------------------------------------------------


def test_fingerprints_are_stored_for_every_edition_and_hold_no_sentence() -> None:
    assert stored_editions() == tuple(EDITIONS)
    for edition in EDITIONS:
        raw = (ROOT / "conformance" / "drift" / "fingerprints" / f"{edition}.json").read_text(
            encoding="utf-8"
        )
        strings = re.findall(r'"((?:[^"\\]|\\.)*)"', raw)
        assert all(" " not in s for s in strings), "a fingerprint file holds text with spaces"
        assert len(load(edition)) == len(BLOCK_IDS[edition])


def test_fingerprints_match_the_catalog_anchors_and_cover_every_statement() -> None:
    for edition in EDITIONS:
        prints = load(edition)
        for block in prints:
            for statement_id in block.ids:
                assert STATEMENTS[statement_id].in_edition(edition).anchor == block.anchor, (
                    edition,
                    statement_id,
                )
        covered = {i for block in prints for i in block.ids}
        assert covered == set(EDITIONS[edition].statement_ids), edition


@needs_pages
@pytest.mark.parametrize("edition", list(PAGES))
def test_stored_fingerprints_are_current(edition: str) -> None:
    fresh = fingerprint_page(page(edition), edition)
    assert fresh == load(edition), (
        f"run python -m aks_backup_conformance.drift.fingerprint {PAGES[edition]} --edition {edition} --write"
    )


# --- the command -----------------------------------------------------------------------------------

runner = CliRunner()


@needs_pages
def test_drift_command_exit_codes_and_json(tmp_path: Path) -> None:
    assert SHARED is not None
    newer, older = str(SHARED / PAGES["2026-01-06"]), str(SHARED / PAGES["2025-06-10"])
    same = runner.invoke(app, ["drift", newer])
    assert same.exit_code == 0 and f"edition {NEWEST}" in same.stdout
    result = runner.invoke(app, ["drift", newer, "--edition", "2025-06-10", "--format", "json"])
    assert result.exit_code == 4
    document = json.loads(result.stdout)
    assert document["edition"] == "2025-06-10" and document["drifted"] is True
    assert set(document["to_revisit"]) >= CHANGED_IN_B
    assert set(document["editorial"]) == EDITORIAL_ONLY
    text = runner.invoke(app, ["drift", older])
    assert text.exit_code == 4 and "statements to revisit" in text.stdout


def test_drift_command_refuses_bad_input(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["drift", str(tmp_path / "nope.md")])
    assert missing.exit_code == 2 and "no such file" in missing.stderr
    empty = tmp_path / "empty.md"
    empty.write_text("", encoding="utf-8")
    nothing = runner.invoke(app, ["drift", str(empty)])
    assert nothing.exit_code == 2 and "Traceback" not in nothing.output
    unknown = runner.invoke(app, ["drift", str(empty), "--edition", "2030-01-01"])
    assert unknown.exit_code == 2 and "2030-01-01" in unknown.stderr
