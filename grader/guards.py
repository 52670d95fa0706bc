"""Runtime half of the from-scratch rules: watch what learner code reaches while it runs.

Torch routines are seen through a `TorchFunctionMode`, which torch consults for every torch call,
however it was reached (`F.cross_entropy`, `x.softmax`, `getattr(F, "cross_" + "entropy")`).
Whole modules (numpy for `dot`, `torch.optim` for `sgd_step`) are seen through `sys.setprofile`.
For `embedding_lookup`, every tensor derived from `weight` is tracked, and picking its rows
(`weight[idx]`, `weight.data.index_select(...)`, `for row in weight`) is recorded.

A watch only records; the learner's code runs on unchanged, so other checks are unaffected.
"""
from __future__ import annotations

import sys
from typing import Any, Iterator

from grader.rules import ROW_PICKS, Rule


class Watch:
    """Context manager recording what code run inside it reaches that `rule` forbids."""

    def __init__(self, rule: Rule, rows_of: Any = None) -> None:
        self.rule = rule
        self.rows_of = rows_of
        self.violations: list[str] = []
        self._mode = None
        self._previous_profile = None

    def record(self, what: str) -> None:
        if what not in self.violations and len(self.violations) < 10:
            self.violations.append(what)

    def __enter__(self) -> "Watch":
        if self.rule.torch_routines or self.rule.classes or self.rows_of is not None:
            self._mode = _torch_watch(self)
            self._mode.__enter__()
        if self.rule.modules:
            self._previous_profile = sys.getprofile()
            sys.setprofile(self._profile)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.rule.modules:
            sys.setprofile(self._previous_profile)
        if self._mode is not None:
            self._mode.__exit__(*exc)

    def _profile(self, frame: Any, event: str, arg: Any) -> None:
        if event == "call":
            module = frame.f_globals.get("__name__") or ""
            what = f"{module}.{frame.f_code.co_name}"
        elif event == "c_call":
            module = getattr(arg, "__module__", None) or type(getattr(arg, "__self__", None)).__module__ or ""
            what = f"{module}.{getattr(arg, '__name__', '?')}"
        else:
            return
        if any(module == m or module.startswith(m + ".") for m in self.rule.modules):
            self.record(what)


def _torch_watch(watch: Watch) -> Any:
    from torch.overrides import TorchFunctionMode

    banned = watch.rule.torch_routines
    tainted: dict[int, Any] = {}  # id -> tensor, kept alive so ids are not reused mid-call
    if watch.rows_of is not None:
        tainted[id(watch.rows_of)] = watch.rows_of

    class TorchWatch(TorchFunctionMode):
        def __torch_function__(self, func, types, args=(), kwargs=None):  # type: ignore[override]
            kwargs = kwargs or {}
            name = getattr(func, "__name__", "")
            if name in banned:
                watch.record(_routine_name(func))
            from_weight = bool(tainted) and any(id(t) in tainted for t in _tensors(args, kwargs))
            if from_weight and name in ROW_PICKS and args and id(args[0]) in tainted:
                if name != "__getitem__" or _picks(args[1] if len(args) > 1 else None):
                    watch.record(f"picks rows of weight directly ({_routine_name(func)})")
            out = func(*args, **kwargs)
            if from_weight:
                for t in _tensors((out,), {}):
                    tainted[id(t)] = t
            return out

    return TorchWatch()


def _routine_name(func: Any) -> str:
    owner = getattr(func, "__objclass__", None) or getattr(func, "__self__", None)
    if owner is not None and isinstance(owner, type):
        return f"Tensor.{func.__name__}" if "Tensor" in owner.__name__ else f"torch.{func.__name__}"
    module = getattr(func, "__module__", None) or "torch"
    module = {"torch.nn.functional": "F"}.get(module, module)
    return f"{module}.{getattr(func, '__name__', func)}"


def _tensors(args: Any, kwargs: dict) -> Iterator[Any]:
    import torch

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
