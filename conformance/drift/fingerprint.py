"""Fingerprints of an edition's page: per block, its section, the statements it makes and hashes of
its text, never the text.

Three hashes per block: `exact` (the text as shown, whitespace collapsed), `normal` (after the
editorial normalisation below) and `shingles` (short hashes of every run of three words of the
normalised text, to tell a reworded block from a new one). Two blocks with the same `normal` hash
differ only editorially.

Editorial normalisation (what the docs team changes without changing a fact): case; punctuation and
typographic quotes; contractions ("aren't" = "are not", "don't" = "do not", ...); future "will be" =
"is"; "additional" = "another" (the 2026-01-06 page swapped them throughout); note markers.

    python -m aks_backup_conformance.drift.fingerprint PAGE.md --edition E          # print
    python -m aks_backup_conformance.drift.fingerprint PAGE.md --edition E --write  # store in the package
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from .blocks import BLOCK_IDS
from .page import Block, read_blocks

FORMAT = 1
SHINGLE_WORDS = 3

_CONTRACTIONS = {
    "aren't": "are not", "isn't": "is not", "don't": "do not", "doesn't": "does not",
    "didn't": "did not", "can't": "cannot", "can not": "cannot", "won't": "will not",
    "wouldn't": "would not", "shouldn't": "should not", "couldn't": "could not", "haven't": "have not",
    "hasn't": "has not", "wasn't": "was not", "weren't": "were not", "you're": "you are",
    "they're": "they are", "we're": "we are", "it's": "it is", "that's": "that is",
    "here's": "here is", "there's": "there is", "let's": "let us", "you'll": "you will",
}  # fmt: skip
_EDITORIAL_WORDS = {"additional": "another", "upto": "up to"}
_CONTRACTION = re.compile(r"\b(" + "|".join(re.escape(k) for k in _CONTRACTIONS) + r")\b")
_EDITORIAL = re.compile(r"\b(" + "|".join(_EDITORIAL_WORDS) + r")\b")
_ALERT_WORDS = frozenset({"note", "tip", "important", "warning", "caution"})


def normalise(text: str) -> str:
    """The text with editorial differences taken out (see the module's docstring)."""
    text = (
        text.lower()
        .replace("\u2019", "'")
        .replace("\u2018", "'")
        .replace("\u201c", '"')
        .replace("\u201d", '"')
    )
    text = _CONTRACTION.sub(lambda m: _CONTRACTIONS[m.group(1)], text)
    text = _EDITORIAL.sub(lambda m: _EDITORIAL_WORDS[m.group(1)], text)
    text = re.sub(r"\bwill be\b", "is", text)
    words = re.findall(r"[a-z0-9]+", text)
    text = " ".join(words)
    return re.sub(r"\ban another\b", "another", text)


def _digest(text: str, size: int = 16) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=size // 2).hexdigest()


def shingles(normal: str) -> frozenset[str]:
    words = normal.split()
    if len(words) < SHINGLE_WORDS:
        return frozenset({_digest(normal, 8)}) if words else frozenset()
    return frozenset(
        _digest(" ".join(words[i : i + SHINGLE_WORDS]), 8) for i in range(len(words) - SHINGLE_WORDS + 1)
    )


def is_alert_title(block: Block) -> bool:
    """A lone 'Note' or 'Important' line (how a saved HTML page shows a note's title)."""
    return normalise(block.text) in _ALERT_WORDS


@dataclass(frozen=True, slots=True)
class Print:
    """The fingerprint of one block."""

    index: int
    anchor: str
    ids: tuple[str, ...]
    exact: str
    normal: str
    shingles: frozenset[str]

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "anchor": self.anchor,
            "ids": list(self.ids),
            "exact": self.exact,
            "normal": self.normal,
            "shingles": sorted(self.shingles),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Print:
        return cls(
            index=int(data["index"]),
            anchor=str(data["anchor"]),
            ids=tuple(str(i) for i in data["ids"]),
            exact=str(data["exact"]),
            normal=str(data["normal"]),
            shingles=frozenset(str(s) for s in data["shingles"]),
        )


def print_block(index: int, block: Block, ids: tuple[str, ...] = ()) -> Print:
    normal = normalise(block.text)
    return Print(
        index=index,
        anchor=block.anchor,
        ids=ids,
        exact=_digest(" ".join(block.text.split())),
        normal=_digest(normal),
        shingles=shingles(normal),
    )


def page_blocks(text: str) -> tuple[Block, ...]:
    """The blocks of a page that can carry a statement (a note's lone title line is dropped)."""
    return tuple(b for b in read_blocks(text) if not is_alert_title(b))


def fingerprint_page(text: str, edition: str) -> tuple[Print, ...]:
    """Fingerprints of an edition's page, each block with the statements `blocks.BLOCK_IDS` gives it.

    Raises:
        ValueError: the page does not split into as many blocks as the edition's map has.
    """
    blocks = page_blocks(text)
    ids = BLOCK_IDS[edition]
    if len(blocks) != len(ids):
        raise ValueError(
            f"the page has {len(blocks)} blocks but blocks.BLOCK_IDS[{edition!r}] maps {len(ids)}; "
            "update the map to the page"
        )
    return tuple(
        print_block(i, b, block_ids) for i, (b, block_ids) in enumerate(zip(blocks, ids, strict=True))
    )


def fingerprints_document(edition: str, prints: tuple[Print, ...]) -> dict[str, Any]:
    return {"format": FORMAT, "edition": edition, "blocks": [p.to_dict() for p in prints]}


def stored_editions() -> tuple[str, ...]:
    folder = resources.files(__package__).joinpath("fingerprints")
    return tuple(sorted(p.name.removesuffix(".json") for p in folder.iterdir() if p.name.endswith(".json")))


def load(edition: str) -> tuple[Print, ...]:
    """The fingerprints stored in the package for `edition` (a KeyError when there are none)."""
    if edition not in stored_editions():
        raise KeyError(edition)
    path = resources.files(__package__).joinpath("fingerprints", f"{edition}.json")
    document = json.loads(path.read_text(encoding="utf-8"))
    return tuple(Print.from_dict(block) for block in document["blocks"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m aks_backup_conformance.drift.fingerprint")
    parser.add_argument("page", type=Path, help="the edition's page, Markdown or HTML")
    parser.add_argument("--edition", required=True, choices=sorted(BLOCK_IDS))
    parser.add_argument("--write", action="store_true", help="store the fingerprints in the package")
    args = parser.parse_args(argv)
    document = fingerprints_document(
        args.edition, fingerprint_page(args.page.read_text("utf-8"), args.edition)
    )
    head = json.dumps({k: v for k, v in document.items() if k != "blocks"})[:-1]
    rows = ",\n".join("  " + json.dumps(block, separators=(",", ":")) for block in document["blocks"])
    text = f'{head}, "blocks": [\n{rows}\n]}}\n'  # one block per line: diffs stay readable
    if args.write:
        target = Path(__file__).with_name("fingerprints") / f"{args.edition}.json"
        target.parent.mkdir(exist_ok=True)
        target.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
