"""The rich consoles every command prints through, set up for people and for pipes alike.

- No markup and no emoji codes are read from any string: user text (a region or volume name such as
  `[bold]x[/]` or `:smile:`) prints as written; styles come only from `rich.text.Text` spans.
- Output that is not a terminal (a pipe, a file, a CI log) is as wide as its longest line, so that no
  name is cut short with an ellipsis or folded over two lines, whatever `COLUMNS` says.
"""

from __future__ import annotations

import sys

from rich.console import Console

PIPE_WIDTH = 100_000
"""The width of output that is not a terminal: wide enough that tables never wrap or truncate."""


def console(*, stderr: bool = False) -> Console:
    """A console on the current `sys.stdout` (or `sys.stderr`), built per call so a swapped stream is used."""
    stream = sys.stderr if stderr else sys.stdout
    try:
        terminal = stream.isatty()
    except (AttributeError, ValueError):
        terminal = False
    return Console(
        file=stream,
        stderr=stderr,
        markup=False,
        emoji=False,
        highlight=False,
        width=None if terminal else PIPE_WIDTH,
    )
