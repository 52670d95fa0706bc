"""Runtime half of the from-scratch rules: watch what learner code reaches while it runs.

Three instruments, each seeing what another may miss:
- a `TorchFunctionMode` sees every torch call by its Python name, however it was reached (`F.cross_entropy`,
  `x.softmax`, `getattr(F, "cross_" + "entropy")`), and follows the tensors derived from `weight` for
  `embedding_lookup` (`weight[idx]`, `weight.data.index_select(...)`, `for row in weight`);
- a `TorchDispatchMode` sees the aten operators torch runs underneath, whatever the Python route
  (`torch.ops.aten`, `torch._C._nn`, `torch._C._VariableFunctions`, a wrapper such as `F.gumbel_softmax`),
  and `torch._C.DisableTorchFunction` does not switch it off;
- `sys.setprofile` sees calls into whole modules (numpy for `dot`, `torch.optim`) and C routines called
  by name.
Switching an instrument off is itself a violation, and each instrument notices the others being switched
off: torch function handling disabled (seen by the dispatch mode), dispatch modes disabled or a mode
popped (seen by the function mode, and as calls by the profiler), the profiler replaced (an audit hook).

A thread started during a watched call carries the watch: the thread-starting functions of `_thread` and
`threading` are wrapped once, when this module is imported (before any learner code), so a target started
while a watch is active runs watched, whatever route started it (`threading.Thread`, `concurrent.futures`,
`_thread.start_new_thread`, a reference taken at import). A thread that learner code started earlier is
out of sight, so one still running when a watched call begins is a violation.

A watch only records; the learner's code runs on unchanged, so other checks are unaffected.
"""
from __future__ import annotations

import _thread
import os
import sys
import threading
import types
from functools import cache
from typing import Any, Callable, Iterator

from grader.from_scratch.rules import (ATEN_OPERATORS, ATEN_ROW_PICKS, ROW_PICKS, RUNTIME_SWITCH_CONTEXTS, RUNTIME_SWITCH_FUNCTIONS,
                          RUNTIME_SWITCHES, Rule)

SWITCHED_FUNCTION = "switched off torch's function handling (torch._C.DisableTorchFunction)"
SWITCHED_DISPATCH = "switched off torch's dispatch modes (torch._C._DisableTorchDispatch)"
CHANGED_MODES = "changed the stack of torch modes the grader watches through"
REPLACED_PROFILER = "replaced the grader's profiler (sys.setprofile)"
_MAX_VIOLATIONS = 10

_local = threading.local()  # per thread: watch (the active Watch), busy (the grader's own bookkeeping), depths


class Watch:
    """Context manager recording what code run inside it (and in threads it starts) reaches that `rule` forbids."""

    def __init__(self, rule: Rule, rows_of: Any = None, learner: Any = None) -> None:
        self.rule = rule
        self.rows_of = rows_of
        self.learner = learner  # the learner's module: its earlier threads count (None: every learner thread)
        self.violations: list[str] = []
        self._lock = threading.Lock()
        self._tainted: dict[int, Any] = {}  # id -> tensor derived from weight (kept alive, so ids are not reused)
        self._tainted_storage: dict[int, Any] = {}  # storage address -> a tensor holding it (views, .data, .detach())
        if rows_of is not None:
            self._taint(rows_of)
        self._here: _Instruments | None = None

    def record(self, what: str) -> None:
        with self._lock:
            if what not in self.violations and len(self.violations) < _MAX_VIOLATIONS:
                self.violations.append(what)

    def __enter__(self) -> "Watch":
        mine = _namespaces(self.learner)
        for filename, line, namespace in list(_learner_threads.values()):
            if mine is None or namespace in mine:
                where = f" (at line {line} of {os.path.basename(filename)})" if line else ""
                self.record(f"ran while a thread started earlier{where} was still going: work done in another thread "
                            "cannot be watched")
        self._here = _Instruments(self).enter()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._here is not None:
            self._here.exit()

    # -- the function mode's view: torch calls by name -------------------------------------------------

    def _on_function(self, func: Any, args: tuple, kwargs: dict) -> Any:
        if self._dispatch_switched_off():
            self.record(SWITCHED_DISPATCH)
        name = getattr(func, "__name__", "")
        flagged = name in self.rule.torch_routines
        if flagged:
            self.record(f"reached {_routine_name(func)}")
        from_weight = self.rows_of is not None and any(self._is_tainted(t) for t in _tensors(args, kwargs))
        if from_weight and name in ROW_PICKS and args and self._is_tainted(args[0]):
            if name != "__getitem__" or _picks(args[1] if len(args) > 1 else None):
                self.record(f"picks rows of weight directly ({_routine_name(func)})")
                flagged = True
        _local.functions = getattr(_local, "functions", 0) + 1
        _local.flagged = getattr(_local, "flagged", 0) + flagged
        try:
            out = func(*args, **kwargs)
        finally:
            _local.functions -= 1
            _local.flagged -= flagged
        if from_weight:
            for t in _tensors((out,), {}):
                self._taint(t)
        return out

    # -- the dispatch mode's view: aten operators, whatever the route --------------------------------------

    def _on_operator(self, func: Any, args: tuple, kwargs: dict) -> Any:
        import torch

        inside_function = getattr(_local, "functions", 0) > 0
        here = getattr(_local, "here", None)
        if torch._C._is_torch_function_all_disabled():
            self.record(SWITCHED_FUNCTION)
        elif not inside_function and here is not None and here.function_mode is not None \
                and not _on_stack(here.function_mode, torch._C._len_torch_function_stack,
                                  torch._C._get_function_stack_at):
            self.record(CHANGED_MODES)
        packet = getattr(func, "overloadpacket", None)
        name = getattr(packet, "__name__", None) or getattr(func, "__name__", "")
        if not getattr(_local, "flagged", 0):  # what the function mode or the profiler named already counts once
            if name in self.rule.aten_ops:
                self.record(f"reached {ATEN_OPERATORS.get(name, 'torch')} (the aten.{name} operator)")
            elif self.rule.any_torch_op:
                self.record(f"reached torch (the aten.{name} operator)")
        from_weight = self.rows_of is not None and any(self._is_tainted(t) for t in _tensors(args, kwargs))
        # Inside a torch call the function mode saw, the operators are torch's own (printing weight indexes it).
        if from_weight and not inside_function and name in ATEN_ROW_PICKS and args and self._is_tainted(args[0]):
            self.record(f"picks rows of weight directly (the aten.{name} operator)")
        out = func(*args, **kwargs)
        if from_weight:
            for t in _tensors((out,), {}):
                self._taint(t)
        return out

    def _dispatch_switched_off(self) -> bool:
        import torch

        here = getattr(_local, "here", None)
        if here is None or here.dispatch_mode is None:
            return False
        return torch._C._dispatch_tls_is_dispatch_key_excluded(torch._C.DispatchKey.Python) or not _on_stack(
            here.dispatch_mode, torch._C._len_torch_dispatch_stack, torch._C._get_dispatch_stack_at)

    # -- the profiler's view: Python and C calls -------------------------------------------------------------

    def _profile(self, frame: Any, event: str, arg: Any) -> None:
        if event == "c_call":
            self._on_c_call(frame, arg)
        elif event == "call":
            self._on_call(frame)
        elif event in ("c_return", "c_exception"):
            named = getattr(_local, "named", None)
            if named and named[-1] is arg:
                named.pop()
                _local.flagged -= 1

    def _on_c_call(self, frame: Any, arg: Any) -> None:
        name = getattr(arg, "__name__", None) or "?"
        owner = getattr(arg, "__self__", None)
        module = getattr(arg, "__module__", None) or type(owner).__module__ or ""
        if self.rule.modules and _in_modules(module, self.rule.modules):
            self.record(f"reached {module}.{name}")
            self._named(arg)
        elif name in self.rule.torch_routines and (module.startswith("torch") or _is_tensor(owner)) \
                and _learner_caller(frame):
            self.record(f"reached {_routine_name(arg)}")
            self._named(arg)
        if name in RUNTIME_SWITCHES and module.startswith("torch") and _learner_caller(frame):
            self.record(f"changed torch's mode stack (torch._C.{name})")
        elif name in ("__enter__", "__exit__") and type(owner).__name__ in RUNTIME_SWITCH_CONTEXTS \
                and _learner_caller(frame):
            kind = type(owner).__name__
            self.record(SWITCHED_FUNCTION if kind == "DisableTorchFunction" else
                        SWITCHED_DISPATCH if kind == "_DisableTorchDispatch" else
                        f"switched off part of torch's dispatcher (torch._C.{kind})")

    def _on_call(self, frame: Any) -> None:
        module = frame.f_globals.get("__name__") or ""
        if self.rule.modules and _in_modules(module, self.rule.modules):
            self.record(f"reached {module}.{frame.f_code.co_name}")
        elif module.startswith("torch"):
            function = frame.f_code.co_name
            if function in self.rule.torch_routines and _learner_caller(frame.f_back):
                self.record(f"reached {_short(module)}.{function}")
            elif function in RUNTIME_SWITCH_FUNCTIONS and _learner_caller(frame.f_back):
                self.record(f"changed the stack of torch modes ({module}.{function})")

    def _named(self, arg: Any) -> None:
        """A C routine the profiler named: the operators it runs count as it, not again."""
        _local.named.append(arg)
        _local.flagged += 1

    # -- tensors derived from weight ---------------------------------------------------------------------

    def _taint(self, t: Any) -> None:
        self._tainted[id(t)] = t
        key = _storage(t)
        if key:
            self._tainted_storage[key] = t

    def _is_tainted(self, t: Any) -> bool:
        if not self._tainted:
            return False
        if id(t) in self._tainted:
            return True
        key = _storage(t)
        return bool(key) and key in self._tainted_storage

    # -- threads ---------------------------------------------------------------------------------------------

    def carry(self, function: Callable[..., Any]) -> Callable[..., Any]:
        """`function`, to run in a new thread under this watch."""
        def watched(*args: Any, **kwargs: Any) -> Any:
            here = _Instruments(self).enter()
            try:
                return function(*args, **kwargs)
            finally:
                here.exit()

        return watched


class _Instruments:
    """The watch's instruments in one thread: the torch modes and the profiler, set up and taken down."""

    def __init__(self, watch: Watch) -> None:
        self.watch = watch
        self.function_mode: Any = None
        self.dispatch_mode: Any = None

    def enter(self) -> "_Instruments":
        rule = self.watch.rule
        self.saved = {key: getattr(_local, key, None) for key in ("watch", "here", "functions", "flagged", "named")}
        _local.watch, _local.here, _local.functions, _local.flagged, _local.named = self.watch, self, 0, 0, []
        self.switched = _switched_off()
        if rule.watches_torch and "torch" in sys.modules:  # (dot: no torch yet means the profiler sees its import)
            function_watch, dispatch_watch = _mode_classes()
            if rule.torch_routines or rule.classes or rule.rows_of:
                self.function_mode = function_watch(self.watch)
                self.function_mode.__enter__()
            self.dispatch_mode = dispatch_watch(self.watch)
            self.dispatch_mode.__enter__()
        self.previous_profile = sys.getprofile()
        self.profile = self.watch._profile
        with _busy():
            sys.setprofile(self.profile)
        return self

    def exit(self) -> None:
        if sys.getprofile() != self.profile:
            self.watch.record(REPLACED_PROFILER)
        with _busy():
            sys.setprofile(self.previous_profile)
        for what in _switched_off() - self.switched:  # switched off through C, and left off
            self.watch.record(what)
        if self.dispatch_mode is not None or self.function_mode is not None:
            import torch

            for mode, length, at in ((self.dispatch_mode, torch._C._len_torch_dispatch_stack,
                                      torch._C._get_dispatch_stack_at),
                                     (self.function_mode, torch._C._len_torch_function_stack,
                                      torch._C._get_function_stack_at)):
                if mode is not None:
                    self._leave(mode, length, at)
        for key, value in self.saved.items():
            setattr(_local, key, value)

    def _leave(self, mode: Any, length: Callable[[], int], at: Callable[[int], Any]) -> None:
        """Exit `mode`; if learner code left the stack otherwise, say so, and drop what it left above ours."""
        import torch

        stack = [at(i) for i in range(length())]
        if stack and stack[-1] is mode:
            mode.__exit__(None, None, None)
            return
        self.watch.record(CHANGED_MODES)
        if any(m is mode for m in stack):
            pop = torch._C._pop_torch_dispatch_stack if at is torch._C._get_dispatch_stack_at \
                else torch._C._pop_torch_function_stack
            while at(length() - 1) is not mode:
                pop()
            mode.__exit__(None, None, None)


@cache
def _mode_classes() -> tuple[type, type]:
    from torch.overrides import TorchFunctionMode
    from torch.utils._python_dispatch import TorchDispatchMode

    class FunctionWatch(TorchFunctionMode):
        def __init__(self, watch: Watch) -> None:
            super().__init__()
            self.watch = watch

        def __torch_function__(self, func, types, args=(), kwargs=None):  # type: ignore[override]
            return self.watch._on_function(func, args, kwargs or {})

    class DispatchWatch(TorchDispatchMode):
        @classmethod
        def _should_skip_dynamo(cls) -> bool:
            """No torch._dynamo wrapper around __torch_dispatch__: importing dynamo costs a second, and nothing here
            is compiled."""
            return False

        def __init__(self, watch: Watch) -> None:
            super().__init__()
            self.watch = watch

        def __torch_dispatch__(self, func, types, args=(), kwargs=None):  # type: ignore[override]
            return self.watch._on_operator(func, args, kwargs or {})

    return FunctionWatch, DispatchWatch


class _busy:
    """The grader's own calls that the audit hook must not count (setting the profiler)."""

    def __enter__(self) -> None:
        self.before = getattr(_local, "busy", False)
        _local.busy = True

    def __exit__(self, *exc: object) -> None:
        _local.busy = self.before


def _audit(event: str, args: tuple) -> None:
    if event == "sys.setprofile":
        watch = getattr(_local, "watch", None)
        if watch is not None and not getattr(_local, "busy", False):
            watch.record(REPLACED_PROFILER)


# -- threads: carried while a watch is active, remembered when learner code started them ----------------------

# token -> (file, line, id of the globals) where learner code started a thread that is still running
_learner_threads: dict[object, tuple[str, int, int]] = {}


def _tracked(function: Callable[..., Any], caller: Any) -> tuple[Callable[..., Any], object | None]:
    """`function` made to run watched (if a watch is active here) and registered while it runs (if learner
    code or a watched call starts it); the registry token, or None when there is nothing to do."""
    watch = getattr(_local, "watch", None)
    origin = _thread_origin(caller)
    if watch is None and origin is None:
        return function, None
    token = object()
    _learner_threads[token] = origin or ("", 0, id(getattr(watch.learner, "__dict__", None)))  # type: ignore[union-attr]
    inner = watch.carry(function) if watch is not None else function

    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return inner(*args, **kwargs)
        finally:
            _learner_threads.pop(token, None)

    return run, token


def _starters(start_new: Callable[..., Any], start_joinable: Callable[..., Any] | None) -> tuple[Callable, Callable]:
    """Wrappers of `_thread`'s thread starters that carry an active watch into the new thread (the originals
    live on only in these closures)."""
    def start_new_thread(function: Callable[..., Any], args: tuple, kwargs: dict | None = None) -> int:
        run, token = _tracked(function, sys._getframe(1))
        try:
            return start_new(run, args) if kwargs is None else start_new(run, args, kwargs)
        except BaseException:
            _learner_threads.pop(token, None)
            raise

    def start_joinable_thread(function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:  # Python 3.13+
        run, token = _tracked(function, sys._getframe(1))
        try:
            return start_joinable(run, *args, **kwargs)  # type: ignore[misc]
        except BaseException:
            _learner_threads.pop(token, None)
            raise

    start_new_thread.carries_watch = start_joinable_thread.carries_watch = True  # type: ignore[attr-defined]
    return start_new_thread, start_joinable_thread


def _thread_origin(frame: Any) -> tuple[str, int, int] | None:
    """(file, line, id of its globals) when the code that started a thread is the learner's (the first caller
    outside the standard library: threading, concurrent.futures, ...), else None."""
    while frame is not None and _top_module(frame) in sys.stdlib_module_names:
        frame = frame.f_back
    if frame is None or not _is_learner(frame):
        return None
    return frame.f_code.co_filename, frame.f_lineno, id(frame.f_globals)


def _install() -> None:
    """Wrap the thread starters once, before any learner code runs."""
    if getattr(_thread.start_new_thread, "carries_watch", False):
        return
    joinable = getattr(_thread, "start_joinable_thread", None)
    start_new_thread, start_joinable_thread = _starters(_thread.start_new_thread, joinable)
    _thread.start_new_thread = start_new_thread
    if hasattr(_thread, "start_new"):
        _thread.start_new = start_new_thread
    if hasattr(threading, "_start_new_thread"):
        threading._start_new_thread = start_new_thread  # type: ignore[attr-defined]
    if joinable is not None:
        _thread.start_joinable_thread = start_joinable_thread
        if hasattr(threading, "_start_joinable_thread"):
            threading._start_joinable_thread = start_joinable_thread  # type: ignore[attr-defined]
    try:
        sys.addaudithook(_audit)
    except RuntimeError:  # pragma: no cover - a host that refuses new audit hooks
        pass


# -- helpers ----------------------------------------------------------------------------------------------

def _top_module(frame: Any) -> str:
    return (frame.f_globals.get("__name__") or "").split(".")[0]


def _is_learner(frame: Any) -> bool:
    """Code that is neither the standard library, torch, the grader, nor an installed package."""
    top = _top_module(frame)
    if top in sys.stdlib_module_names or top in ("torch", "grader", "numpy", "pandas"):
        return False
    filename = frame.f_code.co_filename
    return "site-packages" not in filename and "dist-packages" not in filename


def _learner_caller(frame: Any) -> bool:
    """Whether the first caller outside the standard library (contextlib, functools, ...) is learner code."""
    while frame is not None and _top_module(frame) in sys.stdlib_module_names:
        frame = frame.f_back
    return frame is not None and _is_learner(frame)


def _namespaces(module: Any) -> set[int] | None:
    """The ids of the globals the learner's code runs in: the module's own, and those of the functions it holds (a
    notebook's module is a copy of the kernel's namespace, in which its cells ran)."""
    if module is None:
        return None
    names = getattr(module, "__dict__", {})
    found = {id(names)}
    for value in list(names.values()):
        for function in [value, *vars(value).values()] if isinstance(value, type) else [value]:
            globals_ = getattr(function, "__globals__", None)
            if isinstance(globals_, dict):
                found.add(id(globals_))
    return found


def _switched_off() -> set[str]:
    """Which of torch's handling is off in this thread right now."""
    torch = sys.modules.get("torch")
    if torch is None:
        return set()
    off = set()
    if torch._C._is_torch_function_all_disabled():
        off.add(SWITCHED_FUNCTION)
    if torch._C._dispatch_tls_is_dispatch_key_excluded(torch._C.DispatchKey.Python):
        off.add(SWITCHED_DISPATCH)
    return off


def _on_stack(mode: Any, length: Callable[[], int], at: Callable[[int], Any]) -> bool:
    return any(at(i) is mode for i in range(length()))


def _in_modules(module: str, modules: tuple[str, ...]) -> bool:
    return any(module == m or module.startswith(m + ".") for m in modules)


def _is_tensor(x: Any) -> bool:
    torch = sys.modules.get("torch")
    return torch is not None and isinstance(x, torch.Tensor)


def _short(module: str) -> str:
    return {"torch.nn.functional": "F", "torch._ops.aten": "torch.ops.aten", "torch._C._VariableFunctions": "torch"}.get(
        module, module)


def _routine_name(func: Any) -> str:
    """How a learner would write the routine: `F.softmax`, `Tensor.softmax`, `torch._C._nn.log_softmax`."""
    name = getattr(func, "__name__", None) or "?"
    owner = getattr(func, "__objclass__", None) or getattr(func, "__self__", None)
    if isinstance(owner, type):
        return f"Tensor.{name}" if "Tensor" in owner.__name__ else f"torch.{name}"
    if _is_tensor(owner):
        return f"Tensor.{name}"
    module = owner.__name__ if isinstance(owner, types.ModuleType) else getattr(func, "__module__", None)
    return f"{_short(module or 'torch')}.{name}"


def _storage(t: Any) -> int:
    """The address of a tensor's storage (0 when it has none): views, .data and .detach() share it."""
    try:
        return t.untyped_storage().data_ptr()
    except Exception:  # noqa: BLE001 - sparse, meta or other storage-less tensors
        return 0


def _tensors(args: Any, kwargs: dict) -> Iterator[Any]:
    torch = sys.modules.get("torch")
    if torch is None:
        return
    stack = [*args, *kwargs.values()]
    while stack:
        item = stack.pop()
        if isinstance(item, torch.Tensor):
            yield item
        elif isinstance(item, (list, tuple)):
            stack.extend(item)


def _picks(key: Any) -> bool:
    """Whether an indexing key selects entries (ints, index tensors, lists), not just slices."""
    keys = key if isinstance(key, tuple) else (key,)
    return any(k is not None and k is not Ellipsis and not isinstance(k, slice) for k in keys)


_install()
