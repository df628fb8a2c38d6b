"""Conditions written in program files, parsed once and evaluated against facts.

The grammar is a safe subset of Python expressions, walked by hand and never
eval'd: names (facts, constants, lists), `fact.attribute` on enum facts,
literals and lists of literals, `and` / `or` / `not`, comparisons and `in`.
"""

from __future__ import annotations

import ast
import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

Scope = Mapping[str, Any]
Evaluator = Callable[[Scope], Any]

_COMPARE: dict[type[ast.cmpop], Callable[[Any, Any], bool]] = {
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
    ast.In: lambda a, b: a in b,
    ast.NotIn: lambda a, b: a not in b,
}


class ConditionError(ValueError):
    """A condition that does not parse or names something unknown."""


@dataclass(frozen=True)
class Reference:
    """A name a condition reads: `fact` or `fact.attribute`."""

    name: str
    attribute: str | None = None


@dataclass(frozen=True)
class Literal:
    """A constant a condition compares a reference with."""

    reference: Reference
    values: tuple[object, ...]


@dataclass(frozen=True)
class Named:
    """A reference compared with a named constant or list, e.g. `nationality in vwp`."""

    reference: Reference
    name: str


class Condition:
    """A parsed condition: `evaluate(scope)` gives a bool."""

    def __init__(self, text: str) -> None:
        self.text = text
        try:
            tree = ast.parse(text, mode="eval")
        except SyntaxError as exc:
            raise ConditionError(f"cannot parse {text!r}: {exc.msg}") from None
        self.references: list[Reference] = []
        self.literals: list[Literal] = []
        self.named: list[Named] = []
        self._run = self._compile(tree.body)

    def evaluate(self, scope: Scope) -> bool:
        return bool(self._run(scope))

    def __repr__(self) -> str:
        return f"Condition({self.text!r})"

    def _compile(self, node: ast.expr) -> Evaluator:
        if isinstance(node, ast.BoolOp):
            return self._bool_op(node)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            inner = self._compile(node.operand)
            return lambda s: not inner(s)
        if isinstance(node, ast.Compare):
            return self._compare(node)
        if isinstance(node, ast.Name | ast.Attribute):
            ref = self._reference(node)
            return lambda s: _lookup(s, ref)
        if isinstance(node, ast.Constant) and isinstance(node.value, str | int | float | bool):
            value = node.value
            return lambda s: value
        if isinstance(node, ast.List | ast.Tuple):
            values = tuple(_constant(e, self.text) for e in node.elts)
            return lambda s: values
        raise ConditionError(f"{self.text!r}: {type(node).__name__} is not allowed in a condition")

    def _bool_op(self, node: ast.BoolOp) -> Evaluator:
        parts = [self._compile(v) for v in node.values]
        if isinstance(node.op, ast.And):
            return lambda s: all(p(s) for p in parts)
        return lambda s: any(p(s) for p in parts)

    def _compare(self, node: ast.Compare) -> Evaluator:
        left = self._compile(node.left)
        steps = [
            (_COMPARE[type(op)], self._compile(c))
            for op, c in zip(node.ops, node.comparators, strict=True)
        ]
        self._note_literals(node)

        def run(s: Scope) -> bool:
            current = left(s)
            for compare, right in steps:
                value = right(s)
                if current is None or value is None or not compare(current, value):
                    return False
                current = value
            return True

        return run

    def _note_literals(self, node: ast.Compare) -> None:
        if not isinstance(node.left, ast.Name | ast.Attribute):
            return
        ref = self._reference(node.left)
        for comparator in node.comparators:
            if isinstance(comparator, ast.Constant):
                self.literals.append(Literal(ref, (comparator.value,)))
            elif isinstance(comparator, ast.List | ast.Tuple):
                values = tuple(_constant(e, self.text) for e in comparator.elts)
                self.literals.append(Literal(ref, values))
            elif isinstance(comparator, ast.Name):
                self.named.append(Named(ref, comparator.id))

    def _reference(self, node: ast.expr) -> Reference:
        if isinstance(node, ast.Name):
            ref = Reference(node.id)
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            ref = Reference(node.value.id, node.attr)
        else:
            raise ConditionError(f"{self.text!r}: only `name` or `name.attribute` may be read")
        self.references.append(ref)
        return ref


def _constant(node: ast.expr, text: str) -> object:
    if isinstance(node, ast.Constant) and isinstance(node.value, str | int | float | bool):
        return node.value
    raise ConditionError(f"{text!r}: lists may hold only literal values")


def _lookup(scope: Scope, ref: Reference) -> Any:
    key = ref.name if ref.attribute is None else f"{ref.name}.{ref.attribute}"
    return scope.get(key)
