"""Source half of the from-scratch rules: read the learner's code (never run it) for forbidden names.

A public name's code is its own definition and every module-level binding it refers to (a helper
function or class, a name assigned at module level, also inside `if` or `try`), followed transitively:
a helper that calls `F.cross_entropy` counts against the name that calls the helper. That code is read
for two kinds of finding:
- what the rule forbids, named in the source (`F.softmax`, `import numpy`, `getattr(F, "softmax")`);
- escape hatches, which take code out of the runtime guard's sight whatever they then run (see
  `grader.from_scratch.rules`): torch's internals (`torch._C`, `torch.ops`, `torch._refs`, ...), switches for torch's
  function or dispatch handling, names computed at run time (`getattr(F, name)`, `__import__`,
  `importlib`, `sys.modules`, `eval`, ...), patches of a library, and threads.
The code a file runs when it is imported (module-level statements, class bodies, decorators and default
values, and what they refer to; not `if __name__ == "__main__":`) is read for escape hatches too: a
thread started on import, or torch patched there, would act out of sight of the guard.
What a name reaches only at run time (`getattr(logits, "soft" + "max")`) is `grader.from_scratch.runtime`'s job.
"""
from __future__ import annotations

import ast
from typing import Callable, Iterable

from grader.from_scratch.rules import (DYNAMIC_ATTRIBUTES, DYNAMIC_BUILTINS, DYNAMIC_HELPERS, DYNAMIC_MODULES, FOREIGN_MODULES,
                          THREAD_MODULES, THREAD_STARTERS, TORCH_HATCHES, TORCH_PRIVATE, WATCH_SWITCHES, Rule)

_DEFS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
_ROW_ROUTINES = {"index_select", "gather", "take", "take_along_dim"}
_NOT_TENSORS = {"shape", "size", "stride", "dtype", "device", "ndim", "names"}
_ON_IMPORT = " (on import)"
# Libraries' settings, which a notebook sets at the top (`pd.options.display.max_rows = 20`): no patch of a routine.
_SETTINGS = {"backends", "options", "config", "rcParams", "display", "mode", "printoptions", "defaults"}


def scan(source: str, name: str, rule: Rule) -> list[str]:
    """Lines of `source` where `name` (or a helper it uses, or code run on import) reaches what `rule` forbids
    or an escape hatch."""
    tree = _parse(source)
    if tree is None:
        return []  # the import error is reported elsewhere
    module = _Module(tree)
    if name not in module.bindings:
        return []
    found: dict[int, str] = {}  # line -> the first finding on it (`torch.optim.SGD` also holds `torch.optim`)

    def note(node: ast.AST, what: str) -> None:
        found.setdefault(getattr(node, "lineno", 0), what)

    closure = module.closure([name])
    _Reader(rule, module.aliases, note, banned=True).read(closure)
    on_import = [n for n in module.closure_of_nodes(module.import_time()) if n not in closure]
    _Reader(rule, module.aliases, lambda node, what: note(node, what + _ON_IMPORT), banned=False).read(on_import)
    if rule.any_import:
        for node in tree.body:
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                for qualified in _imported(node):
                    if _in_modules(qualified, rule.modules):
                        note(node, f"imports {qualified}")
    if rule.rows_of is not None:
        _scan_row_picks(module.bindings[name][0], note)
    return [f"line {line}: {what}" for line, what in found.items()]


def _parse(source: str) -> ast.Module | None:
    """The module; a line that does not parse is replaced by `pass` and the rest read (a notebook cell with a
    syntax error never ran, but must not hide the cells that did)."""
    lines = source.splitlines()
    for _ in range(200):
        try:
            return ast.parse("\n".join(lines))
        except SyntaxError as e:
            line = (e.lineno or 0) - 1
            if not 0 <= line < len(lines) or not lines[line].strip() or lines[line].strip() == "pass":
                return None
            indent = lines[line][: len(lines[line]) - len(lines[line].lstrip())]
            lines[line] = indent + "pass"
    return None


class _Module:
    """A module's top-level bindings (name -> the statements that bind it) and import aliases."""

    def __init__(self, tree: ast.Module) -> None:
        self.tree = tree
        self.aliases = _import_aliases(tree)
        self.bindings: dict[str, list[ast.stmt]] = {}
        for stmt in tree.body:
            if _is_main_block(stmt) or isinstance(stmt, (ast.Import, ast.ImportFrom)):
                continue
            for bound in _bound_names(stmt):
                self.bindings.setdefault(bound, []).append(stmt)

    def closure(self, names: Iterable[str]) -> list[ast.AST]:
        return self.closure_of_nodes([stmt for n in names for stmt in self.bindings.get(n, [])])

    def closure_of_nodes(self, start: list[ast.AST]) -> list[ast.AST]:
        """`start` and the top-level statements binding every module-level name they refer to, transitively."""
        out: list[ast.AST] = []
        seen_nodes: set[int] = set()
        todo = list(start)
        while todo:
            node = todo.pop(0)
            if id(node) in seen_nodes:
                continue
            seen_nodes.add(id(node))
            out.append(node)
            for sub in ast.walk(node):
                if isinstance(sub, ast.Name) and isinstance(sub.ctx, ast.Load) and sub.id in self.bindings:
                    todo.extend(s for s in self.bindings[sub.id] if id(s) not in seen_nodes)
        return out

    def import_time(self) -> list[ast.AST]:
        """What runs when the module is imported: statements, class bodies, decorators and default values."""
        nodes: list[ast.AST] = []
        for stmt in self.tree.body:
            if _is_main_block(stmt) or isinstance(stmt, (ast.Import, ast.ImportFrom)):
                continue
            nodes.extend(_run_on_definition(stmt) if isinstance(stmt, _DEFS) else [stmt])
        return nodes


def _run_on_definition(node: ast.AST) -> list[ast.AST]:
    """The parts of a def or class statement that run when it is executed (not a function's body)."""
    parts: list[ast.AST] = list(getattr(node, "decorator_list", []))
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        parts += [d for d in [*node.args.defaults, *node.args.kw_defaults] if d is not None]
    elif isinstance(node, ast.ClassDef):
        parts += [*node.bases, *(k.value for k in node.keywords)]
        for stmt in node.body:
            parts.extend(_run_on_definition(stmt) if isinstance(stmt, _DEFS) else [stmt])
    return parts


def _bound_names(stmt: ast.stmt) -> list[str]:
    """Module-level names a top-level statement binds (not names local to functions it defines)."""
    if isinstance(stmt, _DEFS):
        return [stmt.name]
    names, todo = [], [stmt]
    while todo:
        node = todo.pop()
        if isinstance(node, _DEFS):
            names.append(node.name)
            continue  # its body's names are its own
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.append(node.id)
        todo.extend(ast.iter_child_nodes(node))
    return names


def _is_main_block(stmt: ast.stmt) -> bool:
    test = getattr(stmt, "test", None)
    return isinstance(stmt, ast.If) and isinstance(test, ast.Compare) and \
        isinstance(test.left, ast.Name) and test.left.id == "__name__"


class _Reader:
    """Walks nodes and notes what is forbidden (`banned`: the rule's routines and modules) and escape hatches."""

    def __init__(self, rule: Rule, aliases: dict[str, str], note: Callable[[ast.AST, str], None],
                 banned: bool) -> None:
        self.rule, self.aliases, self.note, self.banned = rule, aliases, note, banned
        self.forbidden = rule.torch_routines | rule.classes

    def read(self, nodes: list[ast.AST]) -> None:
        for definition in nodes:
            called = {id(n.func) for n in ast.walk(definition) if isinstance(n, ast.Call)}
            for node in ast.walk(definition):
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and \
                        node.func.id in ("getattr", "setattr", "delattr") and node.func.id not in self.aliases:
                    self._attribute_call(node)
                elif isinstance(node, ast.Attribute):
                    self._attribute(node, node.value, node.attr, node)
                elif isinstance(node, ast.Name):
                    self._name(node, called)
                elif isinstance(node, (ast.Import, ast.ImportFrom)):
                    for qualified in _imported(node):
                        self._imported(node, qualified)

    def _qualified(self, node: ast.AST) -> str | None:
        """`torch.nn.functional.softmax` for `F.softmax` (F imported as torch.nn.functional); None when the
        expression does not start at an imported name."""
        dotted = _dotted(node)
        if not dotted:
            return None
        root, _, rest = dotted.partition(".")
        if root not in self.aliases:
            return None
        return self.aliases[root] + ("." + rest if rest else "")

    def _attribute(self, node: ast.AST, value: ast.AST, attr: str, shown: ast.AST) -> None:
        text = ast.unparse(shown)
        owner = self._qualified(value)
        if self.banned and attr in self.forbidden:
            self.note(node, f"uses {text}")
            return
        if self.banned and self.rule.modules and _in_modules(_dotted(node), self.rule.modules):
            self.note(node, f"uses {text}")
            return
        if isinstance(getattr(node, "ctx", None), (ast.Store, ast.Del)) and owner is not None:
            if self.banned or not _SETTINGS & set(owner.split(".")):
                self.note(node, f"changes a library ({text})")
        elif owner is not None and owner.split(".")[0] in FOREIGN_MODULES:
            self.note(node, f"reaches native code ({text})")
        elif owner is not None and owner.split(".")[0] == "grader" and _private(attr):
            self.note(node, f"reaches the grader's internals ({text})")
        elif attr in WATCH_SWITCHES:
            self.note(node, f"switches off the grader's watch ({text})")
        elif attr in TORCH_PRIVATE or (owner is not None and owner.startswith("torch") and _private(attr)) \
                or (owner == "torch" and attr in TORCH_HATCHES):
            self.note(node, f"reaches torch's internals ({text})")
        elif attr in DYNAMIC_ATTRIBUTES or (owner == "sys" and attr == "modules"):
            self.note(node, f"looks a name up at run time ({text})")
        elif attr in THREAD_STARTERS:
            self.note(node, f"runs code in another thread ({text})")

    def _attribute_call(self, node: ast.Call) -> None:
        """`getattr(obj, "name")` reads as `obj.name`; a computed name on a module cannot be read at all."""
        if len(node.args) < 2:
            return
        obj, key = node.args[0], node.args[1]
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            fake = ast.Attribute(value=obj, attr=key.value,
                                 ctx=ast.Load() if node.func.id == "getattr" else ast.Store())  # type: ignore[attr-defined]
            ast.copy_location(fake, node)
            self._attribute(fake, obj, key.value, node)
        elif self._module_like(obj):
            self.note(node, f"looks a name up at run time ({ast.unparse(node)})")

    def _module_like(self, node: ast.AST) -> bool:
        """An imported name (a module, or something in one), or what a dynamic lookup returns."""
        root = node
        while isinstance(root, (ast.Attribute, ast.Subscript, ast.Call)):
            if isinstance(root, ast.Call):
                func = root.func
                if isinstance(func, ast.Name) and func.id in ("getattr", "__import__", "vars", "globals"):
                    return True
                root = func
            else:
                root = root.value
        return isinstance(root, ast.Name) and root.id in self.aliases

    def _name(self, node: ast.Name, called: set[int]) -> None:
        if not isinstance(node.ctx, ast.Load):
            return
        if node.id in self.aliases:
            qualified = self.aliases[node.id]
            last = qualified.rsplit(".", 1)[-1]
            if self.banned and (last in self.forbidden or _in_modules(qualified, self.rule.modules)):
                self.note(node, f"uses {node.id} (imported from {qualified})")
            else:
                self._imported(node, qualified, f"{node.id} (imported from {qualified})")
        elif node.id in DYNAMIC_BUILTINS:
            self.note(node, f"looks a name up at run time ({node.id})")
        elif node.id == "getattr" and id(node) not in called:
            self.note(node, "passes getattr around, to look names up at run time")

    def _imported(self, node: ast.AST, qualified: str, shown: str | None = None) -> None:
        """Escape hatches among imported names: `from torch._C import _nn`, `import importlib`, ..."""
        shown = shown or qualified
        parts = qualified.split(".")
        if self.banned and isinstance(node, (ast.Import, ast.ImportFrom)) and (
                _in_modules(qualified, self.rule.modules) or parts[-1] in self.forbidden):
            self.note(node, f"imports {qualified}")
        elif parts[-1] in WATCH_SWITCHES:
            self.note(node, f"switches off the grader's watch ({shown})")
        elif parts[0] in FOREIGN_MODULES:
            self.note(node, f"reaches native code ({shown})")
        elif parts[0] == "grader" and any(_private(p) for p in parts[1:]):
            self.note(node, f"reaches the grader's internals ({shown})")
        elif parts[0] == "torch" and (any(_private(p) for p in parts[1:]) or (len(parts) > 1 and parts[1] in TORCH_HATCHES)):
            self.note(node, f"reaches torch's internals ({shown})")
        elif parts[0] in DYNAMIC_MODULES or parts[-1] in DYNAMIC_HELPERS or qualified == "sys.modules":
            self.note(node, f"looks a name up at run time ({shown})")
        elif parts[-1] in THREAD_STARTERS or (self.banned and parts[0] in THREAD_MODULES):
            self.note(node, f"runs code in another thread ({shown})")


def _private(attr: str) -> bool:
    return attr.startswith("_") and not (attr.startswith("__") and attr.endswith("__"))


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
    else:
        return ""
    return ".".join(reversed(parts))


def _in_modules(qualified: str, modules: tuple[str, ...]) -> bool:
    return any(qualified == m or qualified.startswith(m + ".") for m in modules)
