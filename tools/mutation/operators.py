"""The mutation operators: small, single changes to a module's syntax tree, each with a stable id.

`mutants(source, path)` lists every mutant of a module, in a deterministic order; `apply(source, path,
mutant)` returns the syntax tree with that one change made, ready to `compile`. Nothing is written to
disk and no line moves, so a mutant's line is the line of the code it changes.

The operators (the `operator` of a mutant):

- `compare`: one comparison operator swapped: `<` <-> `<=`, `>` <-> `>=`, `==` <-> `!=`, `is` <-> `is not`,
  `in` <-> `not in`.
- `boolean`: `and` <-> `or`.
- `not`: a `not` removed.
- `arithmetic`: `+` <-> `-`, `*` -> `//`, `/` and `//` -> `*`, `%` -> `//`, `**` -> `*`, `|` <-> `&`, also in
  augmented assignments; a unary minus removed.
- `number`: an integer `n` -> `n + 1` and `n - 1` (a float `x` -> `x + 1`).
- `true-false`: `True` <-> `False`.
- `string`: a string or f-string -> `""` (and `""` -> `"XX"`): a finding's message, subject or id left
  empty, which a check of its value notices, where a check that it *contains* some words would not
  notice `"XX" + s + "XX"`.
- `remove-element`: one element left out of a list, tuple or set display, or one item out of a dict.
- `drop-yield`: a `yield` (or `yield from`) statement removed.
- `drop-call`: a statement that is only a call removed (an `append`, a `setdefault`, ...).
- `return-none`: `return x` -> `return None`.
- `negate-condition`: the condition of an `if`, `while`, conditional expression, comprehension filter or
  `assert` negated, when it is a plain name, attribute or call (comparisons and `and`/`or` have their own
  operators).

Not mutated: docstrings (also the strings that document an attribute or a constant), annotations, `__all__` and `__slots__`, the arguments of `@dataclass(...)`,
`TypeVar(...)` and `cast(...)`, `if TYPE_CHECKING:` blocks, and any line marked `# pragma: no mutate`.

A mutant's id is `path::scope::operator::detail#n`: the scope is the dotted name of the enclosing
functions and classes (`<module>` at the top), the detail shows the code changed (shortened), and `n`
counts earlier mutants with the same prefix. It does not contain a line number, so it survives edits
elsewhere in the file; it changes when the code it names changes, which is what an equivalent-mutant
entry should follow.
"""

from __future__ import annotations

import ast
import copy
from collections.abc import Callable
from dataclasses import dataclass

NO_MUTATE = "pragma: no mutate"
DETAIL_WIDTH = 70

COMPARE_SWAPS: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
}
ARITHMETIC_SWAPS: dict[type[ast.operator], type[ast.operator]] = {
    ast.Add: ast.Sub,
    ast.Sub: ast.Add,
    ast.Mult: ast.FloorDiv,
    ast.Div: ast.Mult,
    ast.FloorDiv: ast.Mult,
    ast.Mod: ast.FloorDiv,
    ast.Pow: ast.Mult,
    ast.BitOr: ast.BitAnd,
    ast.BitAnd: ast.BitOr,
}
SYMBOLS: dict[type[ast.AST], str] = {
    ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!=", ast.Is: "is",
    ast.IsNot: "is not", ast.In: "in", ast.NotIn: "not in", ast.Add: "+", ast.Sub: "-", ast.Mult: "*",
    ast.Div: "/", ast.FloorDiv: "//", ast.Mod: "%", ast.Pow: "**", ast.BitOr: "|", ast.BitAnd: "&",
    ast.And: "and", ast.Or: "or",
}  # fmt: skip
UNMUTATED_CALLS = frozenset({"dataclass", "TypeVar", "cast"})
UNMUTATED_NAMES = frozenset({"__all__", "__slots__"})
PLAIN_CONDITIONS = (ast.Name, ast.Attribute, ast.Call, ast.Subscript)


@dataclass(frozen=True, slots=True)
class Mutant:
    """One change to one module."""

    id: str
    path: str
    operator: str
    scope: str
    """Dotted name of the enclosing functions and classes, `<module>` at the top level."""
    function: str | None
    """The `__qualname__` of the outermost function around the change (None when the change is in code
    that runs when the module is imported: module level, class bodies, decorators, default values)."""
    line: int
    end_line: int
    statement_line: int
    """The first line of the statement that holds the change."""
    detail: str
    index: int
    """Position in `mutants()`' order, used to make the change again."""

    @property
    def lines(self) -> frozenset[int]:
        """The lines on which the changed code runs (for selecting the tests that run it)."""
        return frozenset({self.statement_line, *range(self.line, self.end_line + 1)})

    def to_dict(self) -> dict[str, object]:
        return {"id": self.id, "line": self.line, "operator": self.operator, "detail": self.detail}


Change = Callable[[], None]


@dataclass(slots=True)
class _Found:
    operator: str
    scope: str
    function: str | None
    node: ast.AST
    statement: ast.stmt
    detail: str
    change: Change


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= DETAIL_WIDTH else text[: DETAIL_WIDTH - 3] + "..."


def _src(node: ast.AST) -> str:
    return _short(ast.unparse(node))


def _is_docstring(statement: ast.stmt, parent: ast.AST) -> bool:
    body = getattr(parent, "body", None)
    return (
        isinstance(parent, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and isinstance(body, list)
        and bool(body)
        and body[0] is statement
        and isinstance(statement, ast.Expr)
        and isinstance(statement.value, ast.Constant)
        and isinstance(statement.value.value, str)
    )


def _is_prose(statement: ast.stmt) -> bool:
    """A string on its own (an attribute's docstring, a comment block): it does nothing."""
    return (
        isinstance(statement, ast.Expr)
        and isinstance(statement.value, ast.Constant)
        and isinstance(statement.value.value, str)
    )


def _call_name(node: ast.expr) -> str | None:
    func = node.func if isinstance(node, ast.Call) else node
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


class _Finder:
    """Walks a module and records every possible change, with the closure that makes it."""

    def __init__(self, source: str) -> None:
        self.lines = source.splitlines()
        self.found: list[_Found] = []
        self.scope: list[str] = []
        self.function: str | None = None
        self.qualname: list[str] = []
        self.statement: ast.stmt | None = None

    # -- helpers ---------------------------------------------------------------------------------------

    def skipped(self, node: ast.AST) -> bool:
        line = getattr(node, "lineno", None)
        return line is not None and NO_MUTATE in self.lines[line - 1]

    def add(self, operator: str, node: ast.AST, detail: str, change: Change) -> None:
        if self.skipped(node) or self.statement is None:
            return
        scope = ".".join(self.scope) or "<module>"
        self.found.append(_Found(operator, scope, self.function, node, self.statement, detail, change))

    # -- statements ------------------------------------------------------------------------------------

    def body(self, statements: list[ast.stmt], parent: ast.AST) -> None:
        for index, statement in enumerate(statements):
            if _is_docstring(statement, parent) or _is_prose(statement) or self.skipped(statement):
                continue
            self.stmt(statements, index, statement)

    def stmt(self, container: list[ast.stmt], index: int, node: ast.stmt) -> None:
        outer = self.statement
        self.statement = node
        try:
            self._stmt(container, index, node)
        finally:
            self.statement = outer

    def _stmt(self, container: list[ast.stmt], index: int, node: ast.stmt) -> None:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            self.function_def(node)
        elif isinstance(node, ast.ClassDef):
            self.class_def(node)
        elif isinstance(node, ast.If) and _call_name(node.test) == "TYPE_CHECKING":
            self.body(node.orelse, node)
        elif isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id in UNMUTATED_NAMES for t in targets):
                return
            for target in targets:
                self.expr_in_target(target)
            if isinstance(node, ast.AugAssign):
                self.arithmetic_aug(node)
            if node.value is not None:
                self.expr(node.value)
        elif isinstance(node, ast.Expr):
            self.expression_statement(container, index, node)
        elif isinstance(node, ast.Return):
            if node.value is not None and not (
                isinstance(node.value, ast.Constant) and node.value.value is None
            ):
                self.add("return-none", node, _src(node), _setter(node, "value", ast.Constant(None)))
                self.expr(node.value)
        elif isinstance(node, ast.If | ast.While):
            self.condition(node, "test")
            self.body(node.body, node)
            self.body(node.orelse, node)
        elif isinstance(node, ast.Assert):
            self.condition(node, "test")
            if node.msg is not None:
                self.expr(node.msg)
        elif isinstance(node, ast.For | ast.AsyncFor):
            self.expr(node.iter)
            self.body(node.body, node)
            self.body(node.orelse, node)
        elif isinstance(node, ast.With | ast.AsyncWith):
            for item in node.items:
                self.expr(item.context_expr)
            self.body(node.body, node)
        elif isinstance(node, ast.Try):
            self.body(node.body, node)
            for handler in node.handlers:
                self.body(handler.body, handler)
            self.body(node.orelse, node)
            self.body(node.finalbody, node)
        elif isinstance(node, ast.Match):
            self.expr(node.subject)
            for case in node.cases:
                if case.guard is not None:
                    self.expr(case.guard)
                self.body(case.body, case)
        elif isinstance(node, ast.Raise):
            if node.exc is not None:
                self.expr(node.exc)
        elif isinstance(node, ast.Delete):
            return
        # import, pass, break, continue, global, nonlocal: nothing to change

    def function_def(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        # Decorators and default values run in the enclosing scope, when the `def` runs.
        for decorator in node.decorator_list:
            if _call_name(decorator) not in UNMUTATED_CALLS:
                self.expr(decorator)
        for default in [*node.args.defaults, *(d for d in node.args.kw_defaults if d is not None)]:
            self.expr(default)
        outer_function, outer_statement = self.function, self.statement
        self.scope.append(node.name)
        self.qualname.append(node.name)
        if self.function is None:
            self.function = ".".join(self.qualname)
        self.qualname.append("<locals>")
        try:
            self.body(node.body, node)
        finally:
            self.scope.pop()
            self.qualname.pop()
            self.qualname.pop()
            self.function, self.statement = outer_function, outer_statement

    def class_def(self, node: ast.ClassDef) -> None:
        for decorator in node.decorator_list:
            if _call_name(decorator) not in UNMUTATED_CALLS:
                self.expr(decorator)
        for base in node.bases:
            self.expr(base)
        self.scope.append(node.name)
        self.qualname.append(node.name)
        try:
            self.body(node.body, node)
        finally:
            self.scope.pop()
            self.qualname.pop()

    def expression_statement(self, container: list[ast.stmt], index: int, node: ast.Expr) -> None:
        value = node.value
        if isinstance(value, ast.Yield | ast.YieldFrom):
            self.add("drop-yield", node, _src(node), _replace_statement(container, index, node))
            if value.value is not None:
                self.expr(value.value)
            return
        if isinstance(value, ast.Call):
            if _call_name(value) in UNMUTATED_CALLS:
                return
            self.add("drop-call", node, _src(node), _replace_statement(container, index, node))
        self.expr(value)

    def expr_in_target(self, target: ast.expr) -> None:
        """Subscripts and attributes of an assignment target hold expressions (`a[i + 1] = x`)."""
        if isinstance(target, ast.Subscript):
            self.expr(target.value)
            self.expr(target.slice)
        elif isinstance(target, ast.Attribute):
            self.expr(target.value)
        elif isinstance(target, ast.Tuple | ast.List):
            for element in target.elts:
                self.expr_in_target(element)

    def arithmetic_aug(self, node: ast.AugAssign) -> None:
        swap = ARITHMETIC_SWAPS.get(type(node.op))
        if swap is not None:
            new = swap()
            detail = f"{_src(node)}: {SYMBOLS[type(node.op)]}= -> {SYMBOLS[swap]}="
            self.add("arithmetic", node, detail, _setter(node, "op", new))

    def condition(self, node: ast.AST, field: str) -> None:
        test = getattr(node, field)
        if isinstance(test, PLAIN_CONDITIONS):
            negated = ast.UnaryOp(ast.Not(), test)
            self.add("negate-condition", test, f"not {_src(test)}", _setter(node, field, negated))
        self.expr(test)

    # -- expressions -----------------------------------------------------------------------------------

    def expr(self, node: ast.AST | None) -> None:
        if node is None or self.skipped(node):
            return
        if isinstance(node, ast.Compare):
            for position, op in enumerate(node.ops):
                swap = COMPARE_SWAPS.get(type(op))
                if swap is not None:
                    detail = f"{_src(node)}: {SYMBOLS[type(op)]} -> {SYMBOLS[swap]}"
                    self.add("compare", node, detail, _list_setter(node.ops, position, swap()))
            self.expr(node.left)
            for comparator in node.comparators:
                self.expr(comparator)
            return
        if isinstance(node, ast.BoolOp):
            other: ast.boolop = ast.Or() if isinstance(node.op, ast.And) else ast.And()
            detail = f"{_src(node)}: {SYMBOLS[type(node.op)]} -> {SYMBOLS[type(other)]}"
            self.add("boolean", node, detail, _setter(node, "op", other))
            for value in node.values:
                self.expr(value)
            return
        if isinstance(node, ast.UnaryOp):
            if isinstance(node.op, ast.Not):
                self.add("not", node, _src(node), _become(node, node.operand))
            elif isinstance(node.op, ast.USub):
                self.add("arithmetic", node, f"{_src(node)}: drop -", _become(node, node.operand))
            self.expr(node.operand)
            return
        if isinstance(node, ast.BinOp):
            swap = ARITHMETIC_SWAPS.get(type(node.op))
            if swap is not None:
                detail = f"{_src(node)}: {SYMBOLS[type(node.op)]} -> {SYMBOLS[swap]}"
                self.add("arithmetic", node, detail, _setter(node, "op", swap()))
            self.expr(node.left)
            self.expr(node.right)
            return
        if isinstance(node, ast.Constant):
            self.constant(node)
            return
        if isinstance(node, ast.JoinedStr):
            self.add("string", node, _src(node), _become(node, ast.Constant("")))
            for value in node.values:
                if isinstance(value, ast.FormattedValue):
                    self.expr(value.value)
            return
        if isinstance(node, ast.List | ast.Tuple | ast.Set):
            if isinstance(node, ast.List | ast.Tuple) and not isinstance(node.ctx, ast.Load):
                return
            for position, element in enumerate(node.elts):
                self.add("remove-element", element, _src(element), _list_remover(node.elts, position))
            for element in node.elts:
                self.expr(element)
            return
        if isinstance(node, ast.Dict):
            for position, (key, value) in enumerate(zip(node.keys, node.values, strict=True)):
                shown = f"**{_src(value)}" if key is None else f"{_src(key)}: {_src(value)}"
                self.add("remove-element", key or value, _short(shown), _dict_remover(node, position))
            for key, value in zip(node.keys, node.values, strict=True):
                self.expr(key)
                self.expr(value)
            return
        if isinstance(node, ast.IfExp):
            if isinstance(node.test, PLAIN_CONDITIONS):
                negated = ast.UnaryOp(ast.Not(), node.test)
                self.add(
                    "negate-condition", node.test, f"not {_src(node.test)}", _setter(node, "test", negated)
                )
            self.expr(node.test)
            self.expr(node.body)
            self.expr(node.orelse)
            return
        if isinstance(node, ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp):
            for generator in node.generators:
                self.expr(generator.iter)
                for position, test in enumerate(generator.ifs):
                    if isinstance(test, PLAIN_CONDITIONS):
                        negated = ast.UnaryOp(ast.Not(), test)
                        self.add(
                            "negate-condition", test, f"not {_src(test)}",
                            _list_setter(generator.ifs, position, negated),
                        )  # fmt: skip
                    self.expr(test)
            if isinstance(node, ast.DictComp):
                self.expr(node.key)
                self.expr(node.value)
            else:
                self.expr(node.elt)
            return
        if isinstance(node, ast.Lambda):
            for default in [*node.args.defaults, *(d for d in node.args.kw_defaults if d is not None)]:
                self.expr(default)
            self.expr(node.body)
            return
        if isinstance(node, ast.Call):
            name = _call_name(node)
            if name in UNMUTATED_CALLS:
                return
            self.expr(node.func)
            for argument in node.args:
                self.expr(argument)
            for keyword in node.keywords:
                self.expr(keyword.value)
            return
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.expr):
                self.expr(child)

    def constant(self, node: ast.Constant) -> None:
        value = node.value
        if isinstance(value, bool):
            self.add("true-false", node, f"{value} -> {not value}", _set_constant(node, not value))
        elif isinstance(value, int):
            self.add("number", node, f"{value} -> {value + 1}", _set_constant(node, value + 1))
            self.add("number", node, f"{value} -> {value - 1}", _set_constant(node, value - 1))
        elif isinstance(value, float):
            self.add("number", node, f"{value} -> {value + 1}", _set_constant(node, value + 1))
        elif isinstance(value, str):
            self.add("string", node, _short(repr(value)), _set_constant(node, "" if value else "XX"))


# -- the changes ---------------------------------------------------------------------------------------


def _setter(node: ast.AST, field: str, value: object) -> Change:
    def change() -> None:
        setattr(node, field, value)

    return change


def _list_setter(items: list[ast.AST], position: int, value: ast.AST) -> Change:
    def change() -> None:
        items[position] = value

    return change


def _list_remover(items: list[ast.expr], position: int) -> Change:
    def change() -> None:
        del items[position]

    return change


def _dict_remover(node: ast.Dict, position: int) -> Change:
    def change() -> None:
        del node.keys[position]
        del node.values[position]

    return change


def _set_constant(node: ast.Constant, value: object) -> Change:
    def change() -> None:
        node.value = value

    return change


def _become(node: ast.AST, replacement: ast.AST) -> Change:
    """Turn `node` into a copy of `replacement`, in place (its parent keeps pointing at it)."""

    def change() -> None:
        copied = copy.copy(replacement)
        node.__class__ = copied.__class__
        node.__dict__.clear()
        node.__dict__.update(copied.__dict__)

    return change


def _replace_statement(container: list[ast.stmt], index: int, node: ast.stmt) -> Change:
    def change() -> None:
        container[index] = ast.copy_location(ast.Pass(), node)

    return change


# -- the interface -------------------------------------------------------------------------------------


def _find(source: str, path: str) -> tuple[ast.Module, list[_Found]]:
    tree = ast.parse(source, filename=path)
    finder = _Finder(source)
    finder.statement = None
    finder.body(tree.body, tree)
    return tree, finder.found


def mutants(source: str, path: str) -> list[Mutant]:
    """Every mutant of the module `source` (its repository-relative `path` is part of the ids)."""
    _, found = _find(source, path)
    seen: dict[str, int] = {}
    result = []
    for index, f in enumerate(found):
        prefix = f"{path}::{f.scope}::{f.operator}::{f.detail}"
        n = seen.get(prefix, 0)
        seen[prefix] = n + 1
        line = getattr(f.node, "lineno", f.statement.lineno)
        end = getattr(f.node, "end_lineno", None) or line
        result.append(
            Mutant(
                id=f"{prefix}#{n}", path=path, operator=f.operator, scope=f.scope, function=f.function,
                line=line, end_line=end, statement_line=f.statement.lineno, detail=f.detail, index=index,
            )
        )  # fmt: skip
    return result


def apply(source: str, path: str, mutant: Mutant) -> ast.Module:
    """The syntax tree of `source` with `mutant`'s change made (line numbers kept)."""
    tree, found = _find(source, path)
    f = found[mutant.index]
    if f.operator != mutant.operator or f.detail != mutant.detail:
        raise ValueError(f"{path} changed since its mutants were listed: {mutant.id}")
    f.change()
    ast.fix_missing_locations(tree)
    return tree


def mutated_source(source: str, path: str, mutant: Mutant) -> str:
    """The mutated module as text (for showing a mutant; the runner compiles the tree itself)."""
    return ast.unparse(apply(source, path, mutant))
