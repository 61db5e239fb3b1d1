"""Translations that follow the reader: gettext is only ever given literal strings (else
makemessages never extracts them), and no lazy string is formatted eagerly (which freezes it in
the language active at that moment, e.g. at start-up)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = ("catalog", "chat", "hurtrock", "inventory", "orders", "payments", "shipping")
GETTEXT_NAMES = {
    "_",
    "gettext",
    "gettext_lazy",
    "pgettext",
    "pgettext_lazy",
    "ngettext",
    "ngettext_lazy",
    "npgettext",
    "npgettext_lazy",
}
# How many leading arguments must be literals: context and message(s).
LITERAL_ARGS = {
    "pgettext": 2,
    "pgettext_lazy": 2,
    "ngettext": 2,
    "ngettext_lazy": 2,
    "npgettext": 3,
    "npgettext_lazy": 3,
}
LAZY_NAMES = {"gettext_lazy", "pgettext_lazy", "ngettext_lazy", "npgettext_lazy"}


def _sources():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts and "tests" not in path.parts:
                yield path


def _name(node) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def _is_literal(node) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _lazy_aliases(tree) -> set[str]:
    """Names a module binds to a lazy gettext (`from ... import gettext_lazy as _`)."""
    aliases = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation":
            aliases |= {alias.asname or alias.name for alias in node.names if alias.name in LAZY_NAMES}
    return aliases


def test_gettext_is_only_called_with_literal_strings():
    problems = []
    for path in _sources():
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _name(node.func) in GETTEXT_NAMES and node.args:
                count = LITERAL_ARGS.get(_name(node.func), 1)
                if not all(_is_literal(arg) for arg in node.args[:count]):
                    problems.append(f"{path.relative_to(ROOT)}:{node.lineno} {_name(node.func)}() with a non-literal")
    assert problems == [], problems


def test_no_lazy_string_is_formatted_eagerly():
    """`gettext_lazy(...) % x` makes a plain str in the language active at that moment: at import
    (module level, or a factory called from a class body) that freezes it. Anywhere, use
    `format_lazy` for a lazy result or `gettext` for an immediate one."""
    problems = []
    for path in _sources():
        tree = ast.parse(path.read_text(), filename=str(path))
        lazy = _lazy_aliases(tree)
        for node in ast.walk(tree):
            is_format = isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod)
            if is_format and isinstance(node.left, ast.Call) and _name(node.left.func) in lazy:
                problems.append(f"{path.relative_to(ROOT)}:{node.lineno} lazy string %-formatted")
            if (
                isinstance(node, ast.Call)
                and _name(node.func) == "format"
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Call)
                and _name(node.func.value.func) in lazy
            ):
                problems.append(f"{path.relative_to(ROOT)}:{node.lineno} lazy string .format()ed")
    assert problems == [], problems
