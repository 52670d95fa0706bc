"""Source half of the from-scratch rules: read the learner's code (never run it) for forbidden names.

The scan covers the public name's own definition and every module-level function or class it
refers to, so a helper that calls `F.cross_entropy` counts against the name that calls the helper.
What a name reaches only at run time (`getattr(F, "cross_" + "entropy")`) is `grader.guards`'s job.
"""
from __future__ import annotations

import ast

from grader.rules import Rule

_DEFS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
_ROW_ROUTINES = {"index_select", "gather", "take", "take_along_dim"}
_NOT_TENSORS = {"shape", "size", "stride", "dtype", "device", "ndim", "names"}


def scan(source: str, name: str, rule: Rule) -> list[str]:
    """Lines of `source` where `name` (or a helper it uses) reaches what `rule` forbids."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []  # the import error is reported elsewhere
    top = _top_level_definitions(tree)
    if name not in top:
        return []
    aliases = _import_aliases(tree)
    closure = _closure(name, top)
    found: list[str] = []

    lines_seen: set[object] = set()

    def note(node: ast.AST, what: str) -> None:
        line = getattr(node, "lineno", "?")
        if line not in lines_seen:  # one finding a line: `torch.optim.SGD` also holds `torch.optim`
            lines_seen.add(line)
            found.append(f"line {line}: {what}")

    banned = rule.torch_routines | rule.classes
    for definition in closure:
        for node in ast.walk(definition):
            if isinstance(node, ast.Attribute) and node.attr in banned:
                note(node, f"uses {ast.unparse(node)}")
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id in aliases:
                qualified = aliases[node.id]
                if qualified.rsplit(".", 1)[-1] in banned or _in_modules(qualified, rule.modules):
                    note(node, f"uses {node.id} (imported from {qualified})")
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                for qualified in _imported(node):
                    if _in_modules(qualified, rule.modules) or qualified.rsplit(".", 1)[-1] in banned:
                        note(node, f"imports {qualified}")
            elif isinstance(node, ast.Attribute) and rule.modules and _in_modules(_dotted(node), rule.modules):
                note(node, f"uses {ast.unparse(node)}")
    if rule.any_import:
        for node in tree.body:
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                for qualified in _imported(node):
                    if _in_modules(qualified, rule.modules):
                        note(node, f"imports {qualified}")
    if rule.rows_of is not None:
        _scan_row_picks(top[name], note)
    return found


def _scan_row_picks(definition: ast.AST, note) -> None:
    """Indexing the first argument (`weight[...]`), or the row routines, in the function itself."""
    if not isinstance(definition, (ast.FunctionDef, ast.AsyncFunctionDef)) or not definition.args.args:
        return
    weight = definition.args.args[0].arg
    for node in ast.walk(definition):
        if isinstance(node, ast.Subscript) and _root_name(node.value) == weight and _subscript_picks(node.slice):
            note(node, f"indexes {weight} directly: {ast.unparse(node)}")
        elif isinstance(node, ast.Attribute) and node.attr in _ROW_ROUTINES:
            note(node, f"uses {ast.unparse(node)}")


def _subscript_picks(key: ast.AST) -> bool:
    keys = key.elts if isinstance(key, ast.Tuple) else [key]
    return any(not isinstance(k, ast.Slice) and not (isinstance(k, ast.Constant) and k.value in (None, Ellipsis))
               for k in keys)


def _root_name(node: ast.AST) -> str | None:
    """The name a tensor expression starts from (`weight` in `weight.data.T`); None for `weight.shape[0]`,
    whose subscript picks from a size, not from the tensor."""
    while isinstance(node, (ast.Attribute, ast.Subscript, ast.Call)):
        if isinstance(node, ast.Attribute) and node.attr in _NOT_TENSORS:
            return None
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None


def _top_level_definitions(tree: ast.Module) -> dict[str, ast.AST]:
    top: dict[str, ast.AST] = {}
    for node in tree.body:
        if isinstance(node, _DEFS):
            top[node.name] = node
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    top[target.id] = node
    return top


def _closure(name: str, top: dict[str, ast.AST]) -> list[ast.AST]:
    seen, todo, out = {name}, [name], []
    while todo:
        definition = top[todo.pop()]
        out.append(definition)
        for node in ast.walk(definition):
            if isinstance(node, ast.Name) and node.id in top and node.id not in seen:
                seen.add(node.id)
                todo.append(node.id)
    return out


def _import_aliases(tree: ast.Module) -> dict[str, str]:
    aliases: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                aliases[a.asname or a.name.split(".")[0]] = a.name if a.asname else a.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.module:
            for a in node.names:
                aliases[a.asname or a.name] = f"{node.module}.{a.name}"
    return aliases


def _imported(node: ast.Import | ast.ImportFrom) -> list[str]:
    if isinstance(node, ast.Import):
        return [a.name for a in node.names]
    return [f"{node.module}.{a.name}" for a in node.names] if node.module else []


def _dotted(node: ast.AST) -> str:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
    return ".".join(reversed(parts))


def _in_modules(qualified: str, modules: tuple[str, ...]) -> bool:
    return any(qualified == m or qualified.startswith(m + ".") for m in modules)
