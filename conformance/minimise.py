"""Cut a counterexample down to the facts that matter, against the known-good baseline.

An omitted fact is unknown, and a statement that needs it cannot tell: so a fact is not "left out" of a
counterexample by deleting it but by giving it the baseline's value, which meets the matrix. A
counterexample is then the baseline with a few facts changed; those facts are what a reader needs, and
the whole environment (every other fact at its baseline value) is what `check` reads back.

The facts of a case are the leaves where it differs from the baseline (a field's value), and for the
lists of objects (node pools, namespaces, volumes) an item the case adds or one of the baseline's it
removes. `minimise` keeps the smallest set of them that still shows the disagreement: delta debugging
(ddmin: drop halves, quarters, ... then single facts), so the result is 1-minimal — putting any one of
its facts back to the baseline's value makes the disagreement go away. Then each whole number left is
moved towards its baseline value by bisection while the disagreement holds, so that it shows where the
two answers part (a disk of 932 GiB, not of 1023).
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from aks_backup_model.environment import Environment

ITEM_KEYS: dict[tuple[str, ...], str] = {
    ("cluster", "node_pools"): "name",
    ("cluster", "namespaces"): "name",
    ("cluster", "volumes"): "claim",
}
"""The lists whose items are facts of their own, with the field that names an item."""

Path = tuple[str | int, ...]


class _Absent:
    """A key a mapping (labels, annotations) does not have."""

    def __repr__(self) -> str:
        return "absent"


ABSENT: Any = _Absent()


@dataclass(frozen=True)
class Fact:
    """One way a case differs from the baseline: `set` a field to `value`, `add` the case's item at
    index `path[-1]` of a list (built on the baseline's last item, named like the case's), or `remove`
    the baseline's item there."""

    path: Path
    kind: str  # "set" | "add" | "remove"
    value: Any = None

    @property
    def where(self) -> str:
        """The dotted path: `cluster.volumes[1].storage_class`."""
        out = ""
        for part in self.path:
            out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
        return out

    def to_dict(self) -> dict[str, Any]:
        if self.value is ABSENT:
            return {"path": self.where, "change": "remove"}
        return {"path": self.where, "change": self.kind, "value": self.value}


def _named(path: Path) -> str | None:
    return ITEM_KEYS.get(tuple(p for p in path if isinstance(p, str)))


def _template(base: list[Any], item: dict[str, Any], key: str) -> dict[str, Any]:
    """A new item: the baseline's last item (every fact stated and good) under the case item's name; a
    volume's claim in the baseline volume's namespace (the case's namespace is a fact of its own)."""
    out = copy.deepcopy(base[-1]) if base else {}
    name = item[key]
    if key == "claim" and base and isinstance(name, str) and "/" in name:
        name = base[-1][key].split("/", 1)[0] + "/" + name.split("/", 1)[1]
    out[key] = name
    return out


def facts(base: Any, case: Any, path: Path = ()) -> list[Fact]:
    """How `case` differs from `base` (both plain data, as `model_dump(mode="json")` gives them)."""
    if isinstance(base, dict) and isinstance(case, dict):
        out: list[Fact] = []
        for key in [*base, *(k for k in case if k not in base)]:
            out += facts(base.get(key, ABSENT), case.get(key, ABSENT), (*path, key))
        return out
    key = _named(path)
    if key is not None and isinstance(base, list) and isinstance(case, list):
        out = []
        for i in range(max(len(base), len(case))):
            if i >= len(case):
                out.append(Fact((*path, i), "remove", base[i].get(key)))
            elif i >= len(base):
                template = _template(base, case[i], key)
                out.append(Fact((*path, i), "add", template.get(key)))
                out += facts(template, case[i], (*path, i))
            else:
                out += facts(base[i], case[i], (*path, i))
        return out
    return [] if base == case else [Fact(path, "set", case if case is ABSENT else copy.deepcopy(case))]


def apply(base: Any, kept: Sequence[Fact], case: Any) -> Any:
    """`base` with the facts in `kept` (facts of `case` against `base`, a value possibly moved) made true."""
    chosen = {(f.path, f.kind): f for f in kept}
    return _apply(base, case, (), chosen)


def _apply(base: Any, case: Any, path: Path, chosen: dict[tuple[Path, str], Fact]) -> Any:
    fact = chosen.get((path, "set"))
    if fact is not None:
        return fact.value if fact.value is ABSENT else copy.deepcopy(fact.value)
    if isinstance(base, dict) and isinstance(case, dict):
        keys = [*base, *(k for k in case if k not in base)]
        made = {k: _apply(base.get(k, ABSENT), case.get(k, ABSENT), (*path, k), chosen) for k in keys}
        return {k: v for k, v in made.items() if v is not ABSENT}
    key = _named(path)
    if key is not None and isinstance(base, list) and isinstance(case, list):
        out = []
        for i in range(max(len(base), len(case))):
            where = (*path, i)
            if i >= len(case):
                if (where, "remove") not in chosen:
                    out.append(copy.deepcopy(base[i]))
            elif i >= len(base):
                if (where, "add") in chosen:
                    out.append(_apply(_template(base, case[i], key), case[i], where, chosen))
            else:
                out.append(_apply(base[i], case[i], where, chosen))
        return out
    return base if base is ABSENT else copy.deepcopy(base)


@dataclass(frozen=True)
class Minimised:
    environment: Environment
    """The baseline with `changes` made: every fact stated."""
    changes: tuple[Fact, ...]
    """The facts that matter, with the indexes `environment` has: each one put back to the baseline's
    value loses the disagreement (unless `complete` is False: the time ran out first, and some may not
    matter)."""
    facts: tuple[Fact, ...]
    """The same facts as `apply` takes them (indexes into the case's lists)."""
    complete: bool
    tries: int
    """How many candidate environments were judged."""


class _OutOfTime(Exception):
    pass


def minimise(
    baseline: Environment,
    case: Environment,
    shows: Callable[[Environment], bool],
    *,
    out_of_time: Callable[[], bool] = lambda: False,
) -> Minimised | None:
    """The smallest set of `case`'s facts (against `baseline`) with which `shows(environment)` still
    holds, or None when even all of them do not show it (the case does not read back through the
    baseline: then the caller keeps the case as it is).

    `shows` judges a candidate (the oracle and the model asked); `out_of_time()` stops the search,
    keeping the smallest set found so far.
    """
    base = baseline.model_dump(mode="json")
    drawn = case.model_dump(mode="json")
    every = facts(base, drawn)
    tries = 0

    def holds(kept: Sequence[Fact]) -> bool:
        nonlocal tries
        if out_of_time():
            raise _OutOfTime
        tries += 1
        try:
            env = Environment.model_validate(apply(base, kept, drawn))
        except ValidationError:  # e.g. two volumes with one claim once a name is put back
            return False
        return shows(env)

    try:
        if not holds(every):
            return None
    except _OutOfTime:
        return None
    search = _Ddmin(_units(every, holds), holds)
    complete = True
    try:
        search.run()
        search.best = [(f,) for f in _closer(base, drawn, _onto_baseline(base, search.kept(), holds), holds)]
    except _OutOfTime:
        complete = False
    kept = search.kept()
    env = Environment.model_validate(apply(base, kept, drawn))
    return Minimised(env, _renumber(base, drawn, kept), tuple(kept), complete, tries)


BUNDLE = 8
"""A list gaining more items than this has them bundled: how many are needed is found by bisection,
and they stay or go together (800 namespaces added for a limit of 800 cost ten tries, not thousands)."""


def _units(every: list[Fact], holds: Callable[[Sequence[Fact]], bool]) -> list[tuple[Fact, ...]]:
    """The facts in the units ddmin takes or drops: single facts, and for each list gaining more than
    `BUNDLE` items, its added items as one unit of as few as show the disagreement."""
    adds: dict[Path, list[Fact]] = {}
    for fact in every:
        if fact.kind == "add":
            adds.setdefault(fact.path[:-1], []).append(fact)
    units: list[tuple[Fact, ...]] = []
    done: set[Path] = set()
    for fact in every:
        run = adds.get(fact.path[:-1], []) if fact.kind == "add" else []
        if len(run) <= BUNDLE:
            units.append((fact,))
            continue
        where = fact.path[:-1]
        if where in done:
            continue
        done.add(where)
        others = [f for f in every if not (f.kind == "add" and f.path[:-1] == where)]
        low, high = 0, len(run)  # holds with `high` items (all), maybe not with `low`
        while high - low > 1:
            middle = (low + high) // 2
            if holds([*others, *run[:middle]]):
                high = middle
            else:
                low = middle
        units.append(tuple(run[:high]))
    return units


def _renumber(base: Any, drawn: Any, kept: Sequence[Fact]) -> tuple[Fact, ...]:
    """`kept` with each list index as the minimised environment has it (items the case adds after
    items left out move up)."""
    chosen = {(f.path, f.kind) for f in kept}
    moves: dict[Path, dict[int, int]] = {}
    for names in ITEM_KEYS:
        b, c = _at(base, names), _at(drawn, names)
        if not isinstance(b, list) or not isinstance(c, list):
            continue
        index, mapping = 0, {}
        for i in range(max(len(b), len(c))):
            here = (*names, i)
            present = (
                (i < len(c) and i < len(b))
                or (i >= len(c) and (here, "remove") not in chosen)
                or (i >= len(b) and i < len(c) and (here, "add") in chosen)
            )
            if present:
                mapping[i] = index
                index += 1
        moves[names] = mapping
    out = []
    for fact in kept:
        moved: Path = fact.path
        for listed, mapping in moves.items():
            n = len(listed)
            position = moved[n] if moved[:n] == listed and len(moved) > n else None
            if isinstance(position, int) and position in mapping:
                moved = (*moved[:n], mapping[position], *moved[n + 1 :])
        out.append(Fact(moved, fact.kind, fact.value))
    # in the order of the environment's parts (cluster before policy), items by index
    return tuple(
        sorted(
            out, key=lambda f: [(isinstance(p, int), p if isinstance(p, int) else 0, str(p)) for p in f.path]
        )
    )


def _onto_baseline(base: Any, kept: list[Fact], holds: Callable[[Sequence[Fact]], bool]) -> list[Fact]:
    """Each item the case adds, tried instead as changes to one of the baseline's items (the last one
    first): a static volume is then the baseline's volume made static, not a third volume."""
    out = list(kept)
    adds = [f for f in kept if f.kind == "add"]
    for add in adds:
        where = add.path[:-1]
        if sum(f.path[:-1] == where for f in adds) > BUNDLE:
            continue  # a bundle (800 namespaces): the count is what matters
        items = _at(base, where)
        if not isinstance(items, list):
            continue
        own = [f for f in out if f.path[: len(add.path)] == add.path and f is not add]
        rest = [f for f in out if f is not add and f not in own]
        for j in reversed(range(len(items))):
            moved = [Fact((*where, j, *f.path[len(add.path) :]), f.kind, f.value) for f in own]
            taken = {(f.path, f.kind) for f in rest}
            if any((f.path, f.kind) in taken for f in moved):
                continue  # that item is changed already
            if holds([*rest, *moved]):
                out = [*rest, *moved]
                break
    return out


def _at(data: Any, path: Path) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return ABSENT
    return data


def _closer(base: Any, drawn: Any, kept: list[Fact], holds: Callable[[Sequence[Fact]], bool]) -> list[Fact]:
    """Each whole number among the kept facts moved as close to its baseline value as it can go while
    the disagreement holds (bisection): a disk of 1023 GiB becomes the smallest size that still shows
    it, which is where the two answers part."""
    out = list(kept)
    for i, fact in enumerate(out):
        value = fact.value
        if fact.kind != "set" or isinstance(value, bool) or not isinstance(value, int):
            continue
        rest = out[:i] + out[i + 1 :]
        good = _at(apply(base, rest, drawn), fact.path)  # the value without this fact
        if isinstance(good, bool) or not isinstance(good, int) or good == value:
            continue
        bad = value  # shows the disagreement; `good` does not (the fact is needed)
        while abs(bad - good) > 1:
            middle = (bad + good) // 2
            if holds([*rest[:i], Fact(fact.path, "set", middle), *rest[i:]]):
                bad = middle
            else:
                good = middle
        out[i] = Fact(fact.path, "set", bad)
    return out


class _Ddmin:
    """Zeller's ddmin on complements: drop chunks of units (halves, quarters, ... single units) while
    the disagreement holds. `best` is the smallest set found so far, kept when the search is stopped."""

    def __init__(self, units: list[tuple[Fact, ...]], holds: Callable[[Sequence[Fact]], bool]) -> None:
        self.best = list(units)
        self.holds = holds

    def kept(self) -> list[Fact]:
        return [f for unit in self.best for f in unit]

    def run(self) -> None:
        if self.holds([]):
            self.best = []
            return
        n, start = 2, 0
        while len(self.best) >= 2:
            current = self.best
            size = -(-len(current) // n)
            chunks = [current[i : i + size] for i in range(0, len(current), size)]
            # go on from the chunk after the last one removed (not from the first again): the chunks
            # before it were tried at this size already
            for k in [*range(start, len(chunks)), *range(start)]:
                dropped = {id(u) for u in chunks[k]}
                rest = [u for u in current if id(u) not in dropped]
                if self.holds([f for unit in rest for f in unit]):
                    self.best = rest
                    n, start = max(n - 1, 2), k % max(n - 1, 2)
                    break
            else:
                if n >= len(current):
                    return
                n, start = min(len(current), 2 * n), 0
