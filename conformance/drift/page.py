"""A copy of the support-matrix page split into its blocks: each paragraph, list item and table row,
with the heading (section) it sits under.

Markdown (as published in the docs repository, front matter included) is rendered to HTML by
markdown-it; HTML (the page saved from a browser) is read as is. Both are then read by the standard
library's HTML parser, so the two forms of one page give the same blocks. Only the article counts:
`<main>` when the page has one, and never navigation, headers, footers, scripts or forms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from markdown_it import MarkdownIt

_FRONT_MATTER = re.compile(r"\A---\s*\n.*?\n---\s*\n", re.DOTALL)
_ALERT_MARKER = re.compile(r"^\s*\[!\w+\]\s*", re.IGNORECASE)
_SKIPPED_TAGS = frozenset(
    {"script", "style", "nav", "header", "footer", "aside", "form", "button", "template"}
)
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_VOID = frozenset({"br", "img", "hr", "input", "meta", "link", "wbr", "source", "col", "area", "base"})


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph, list item or table row of the page."""

    anchor: str
    """The anchor of the heading it sits under ('' before the first heading below the title)."""
    heading: str
    text: str
    """Its text, whitespace collapsed (links keep their text, lose their target)."""


def slug(title: str) -> str:
    """The anchor a docs page gives a heading: lower case, punctuation dropped, spaces to hyphens."""
    kept = re.sub(r"[^\w\- ]", "", title.strip().lower())
    return kept.replace(" ", "-")


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:500].lower()
    return head.startswith(("<!doctype html", "<html")) or "<body" in head or "<main" in head


def markdown_to_html(text: str) -> str:
    body = _FRONT_MATTER.sub("", text, count=1)
    return str(MarkdownIt("commonmark").enable("table").render(body))


def read_blocks(text: str) -> tuple[Block, ...]:
    """The blocks of a page given as Markdown or HTML, in reading order."""
    html = text if looks_like_html(text) else markdown_to_html(text)
    has_main = re.search(r"<main[\s>]", html, re.IGNORECASE) is not None
    parser = _BlockParser(only_main=has_main)
    parser.feed(html)
    parser.close()
    return tuple(parser.blocks())


class _Buffer:
    __slots__ = ("anchor", "heading", "order", "parts", "tag")

    def __init__(self, tag: str, order: int, anchor: str, heading: str) -> None:
        self.tag = tag
        self.order = order
        self.anchor = anchor
        self.heading = heading
        self.parts: list[str] = []


class _BlockParser(HTMLParser):
    def __init__(self, *, only_main: bool) -> None:
        super().__init__(convert_charrefs=True)
        self._only_main = only_main
        self._in_main = 0
        self._skipping = 0
        self._open: list[_Buffer] = []
        self._done: list[tuple[int, Block]] = []
        self._count = 0
        self._anchor = ""
        self._heading = ""
        self._heading_id: str | None = None
        self._cell = False

    # -- where we are ------------------------------------------------------------------------------
    def _reading(self) -> bool:
        return self._skipping == 0 and (not self._only_main or self._in_main > 0)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "main":
            self._in_main += 1
        if tag in _SKIPPED_TAGS or (tag == "div" and self._skipping):
            self._skipping += 1
            return
        if tag in _VOID or not self._reading():
            if tag == "br" and self._open:
                self._open[-1].parts.append(" ")
            return
        if tag in _HEADINGS:
            self._heading_id = dict(attrs).get("id")
            self._push(tag)
        elif tag in ("li", "tr", "dt", "dd"):
            self._push(tag)
        elif tag == "p":
            if not self._open or self._open[-1].tag in _HEADINGS:
                self._push(tag)
        elif tag in ("td", "th"):
            if self._open and self._open[-1].tag == "tr" and self._open[-1].parts:
                self._open[-1].parts.append(" | ")
        elif tag in ("ul", "ol", "table") and self._open:
            # A nested list or table starts blocks of its own; close the text of the item so far.
            self._open[-1].parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "main":
            self._in_main = max(0, self._in_main - 1)
        if tag in _SKIPPED_TAGS or (tag == "div" and self._skipping):
            self._skipping = max(0, self._skipping - 1)
            return
        if not self._open or self._open[-1].tag != tag:
            return
        buffer = self._open.pop()
        text = " ".join("".join(buffer.parts).split())
        if tag in _HEADINGS:
            if tag != "h1":
                self._heading = text
                self._anchor = self._heading_id or slug(text)
            return
        text = _ALERT_MARKER.sub("", text)
        if text:
            self._done.append((buffer.order, Block(buffer.anchor, buffer.heading, text)))

    def handle_data(self, data: str) -> None:
        if self._reading() and self._open:
            self._open[-1].parts.append(data)

    def _push(self, tag: str) -> None:
        self._count += 1
        self._open.append(_Buffer(tag, self._count, self._anchor, self._heading))

    def blocks(self) -> list[Block]:
        return [block for _, block in sorted(self._done, key=lambda pair: pair[0])]
