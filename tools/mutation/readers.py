"""Which code can observe a module-level mutant: the names it changes and the functions that read them.

A mutant in code that runs at import (a table in `tables.py`, a decorator, a class body) changes the
value of the names its top-level statement defines. Those values reach a test only through module-level
code that derives other names from them (followed, across modules, to a fixed point: names are matched
by their text, so a same-named variable elsewhere only makes the selection larger) and through functions
whose body mentions one of the names. The tests that ran a line of such a function are the ones that can
tell the mutant apart; when any other module-level statement (a loop, a call, a decorator, a
`parametrize`) mentions a changed name, every test is taken.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Readers:
    names: frozenset[str]
    lines: dict[str, frozenset[int]]
    """Per file, the lines of the functions that mention a changed name."""


def _defined(statement: ast.stmt) -> set[str]:
    if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return {statement.name}
    targets: list[ast.expr] = []
    if isinstance(statement, ast.Assign):
        targets = statement.targets
    elif isinstance(statement, ast.AnnAssign | ast.AugAssign):
        targets = [statement.target]
    elif isinstance(statement, ast.Import | ast.ImportFrom):
        return {(a.asname or a.name).split(".")[0] for a in statement.names}
    names = set()
    for target in targets:
        for node in ast.walk(target):
            if isinstance(node, ast.Name):
                names.add(node.id)
    return names


def _mentioned(node: ast.AST) -> set[str]:
    found = set()
    for child in ast.walk(node):
        if isinstance(child, ast.Name):
            found.add(child.id)
        elif isinstance(child, ast.Attribute):
            found.add(child.attr)
        elif isinstance(child, ast.alias):
            found.add((child.asname or child.name).split(".")[0])
    return found


def _module_statements(body: Iterable[ast.stmt]) -> Iterator[ast.stmt]:
    """Top-level statements, looking inside top-level `if`/`try` (they run at import too)."""
    for statement in body:
        if isinstance(statement, ast.If | ast.Try):
            yield from _module_statements(statement.body)
            yield from _module_statements(statement.orelse)
            if isinstance(statement, ast.Try):
                for handler in statement.handlers:
                    yield from _module_statements(handler.body)
                yield from _module_statements(statement.finalbody)
        else:
            yield statement


def _functions(tree: ast.AST) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef]:
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield node


def _top_statement(tree: ast.Module, line: int) -> ast.stmt | None:
    for statement in _module_statements(tree.body):
        end = statement.end_lineno or statement.lineno
        first = min([statement.lineno, *(d.lineno for d in getattr(statement, "decorator_list", []))])
        if first <= line <= end:
            return statement
    return None


def readers(trees: dict[str, ast.Module], path: str, line: int) -> Readers | None:
    """The code that can observe a change on `line` of `path` made at import; None means all of it."""
    statement = _top_statement(trees[path], line)
    if statement is None:
        return None
    if line < statement.lineno:
        return None  # a decorator: what it registers is global (the rule registry)
    changed = _defined(statement)
    if not changed or isinstance(statement, ast.Import | ast.ImportFrom):
        return None
    while True:
        grown = set(changed)
        for tree in trees.values():
            for top in _module_statements(tree.body):
                if isinstance(top, ast.FunctionDef | ast.AsyncFunctionDef):
                    around = [*top.decorator_list, *top.args.defaults, *top.args.kw_defaults]
                    if any(n is not None and _mentioned(n) & changed for n in around):
                        return None
                    continue
                if isinstance(top, ast.ClassDef):
                    body = [s for s in top.body if not isinstance(s, ast.FunctionDef | ast.AsyncFunctionDef)]
                    parts: list[ast.AST] = [*top.decorator_list, *top.bases, *body]
                    methods = [s for s in top.body if isinstance(s, ast.FunctionDef | ast.AsyncFunctionDef)]
                    for method in methods:
                        parts += [*method.decorator_list, *method.args.defaults]
                    if any(_mentioned(p) & changed for p in parts):
                        grown.add(top.name)
                    continue
                if not (_mentioned(top) & changed):
                    continue
                defined = _defined(top)
                if not defined or isinstance(top, ast.Expr | ast.For | ast.While | ast.With):
                    return None
                grown |= defined
        if grown == changed:
            break
        changed = grown
    lines: dict[str, frozenset[int]] = {}
    for file, tree in trees.items():
        found: set[int] = set()
        for function in _functions(tree):
            if any(_mentioned(s) & changed for s in function.body):
                found.update(range(function.lineno, (function.end_lineno or function.lineno) + 1))
        if found:
            lines[file] = frozenset(found)
    return Readers(frozenset(changed), lines)
