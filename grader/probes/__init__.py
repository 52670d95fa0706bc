"""Probes: the learner-side half of a check.

A probe takes plain inputs, calls learner code, and returns plain values (`grader.plain.to_plain`).
It runs wherever the learner's code runs: in this process for self-checks, in an isolated worker
for grading. So this package imports only torch, numpy, pandas and grader's plain-data modules:
never hypothesis, `reference/` or the specs, which stay with the grader.
"""
from __future__ import annotations

import importlib
import inspect
import io
import linecache
import pkgutil
import random
from contextlib import nullcontext, redirect_stderr, redirect_stdout
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any, Callable

import numpy as np

from grader.from_scratch.runtime import Watch
from grader.loading import LoadFailed
from grader.plain import TensorArg
from grader.from_scratch.rules import RULES
from grader.timelimit import TimeLimit

PROBES: dict[str, Callable[..., Any]] = {}
PRINT_LIMIT = 4000  # characters of printed output kept per call


def probe(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Register a probe under its id (`probe_id`): specs hand the function itself to `Learner.probe`, so a
    renamed probe fails at import, not while grading; only its id crosses to a worker."""
    PROBES[probe_id(fn)] = fn
    return fn


def probe_id(fn: Callable[..., Any]) -> str:
    """`<module>.<function>`, e.g. `common.call`."""
    return f"{fn.__module__.rsplit('.', 1)[-1]}.{fn.__name__}"


def load_all() -> dict[str, Callable[..., Any]]:
    for info in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{info.name}")
    return PROBES


@dataclass(frozen=True)
class ErrorInfo:
    kind: str  # raised | exit | missing | load | probe | timeout | crash
    type: str
    message: str
    where: str = ""  # "line 7: return u[i] * v[i]"
    bases: tuple[str, ...] = ()  # the exception's class names up its MRO, so a ValueError subclass counts

    def is_a(self, *names: str) -> bool:
        return self.kind == "raised" and any(n in (self.type, *self.bases) for n in names)


@dataclass(frozen=True)
class Outcome:
    value: Any = None
    error: ErrorInfo | None = None
    printed: str = ""
    violations: tuple[str, ...] = field(default_factory=tuple)


class Missing(Exception):
    pass


class LearnerRaised(Exception):
    def __init__(self, error: BaseException) -> None:
        super().__init__(str(error))
        self.error = error


class Context:
    """What a probe may do with the learner's module: look names up, and run learner code."""

    def __init__(self, module: ModuleType, watch: str | None, device: str = "cpu") -> None:
        self.module = module
        self.device = device  # where probes build models and put tensors: "cpu" or "cuda"
        self.rule = RULES.get(watch) if watch else None
        self.violations: list[str] = []

    def get(self, name: str) -> Any:
        try:
            return getattr(self.module, name)
        except AttributeError:
            raise Missing(name) from None

    def run(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Call learner code: watched for the from-scratch rule, its exceptions marked as the learner's."""
        watch = Watch(self.rule, _rows_of(self.rule.rows_of, fn, args, kwargs) if self.rule.rows_of else None,
                      self.module) if self.rule else nullcontext()
        try:
            with watch:
                return fn(*args, **kwargs)
        except (TimeLimit, KeyboardInterrupt):
            raise
        except BaseException as e:  # noqa: BLE001 - SystemExit too: it is the learner's doing
            raise LearnerRaised(e) from e
        finally:
            if isinstance(watch, Watch):
                self.violations += [v for v in watch.violations if v not in self.violations]


def run_probe(module: ModuleType | LoadFailed, name: str, args: tuple, kwargs: dict, watch: str | None,
              device: str = "cpu") -> Outcome:
    """Run probe `name` against a loaded learner module and return its plain outcome.

    Arguments are plain values (see `grader.plain`); TensorArgs arrive as fresh tensors on `device`."""
    if isinstance(module, LoadFailed):
        return Outcome(error=ErrorInfo("load", "ImportError", str(module)))
    fn = PROBES[name] if name in PROBES else load_all()[name]  # an unknown probe is the grader's bug: raise
    ctx = Context(module, watch, device)
    printed = _CappedText()
    try:
        with redirect_stdout(printed), redirect_stderr(printed):
            _seed()
            value = fn(ctx, *materialize(args, device), **materialize(kwargs, device))
        return Outcome(value, None, printed.text(), tuple(ctx.violations))
    except Missing as e:
        notes = getattr(module, "__load_errors__", [])  # a notebook cell that failed may be why
        undefined = getattr(module, "__undefined__", "`{name}` is not defined in {where}")  # a notebook says more
        error = ErrorInfo("missing", "NameError", undefined.format(name=e, where=_display(module))
                          + "".join(f"\n{note}" for note in notes[:3]))
    except LearnerRaised as e:
        error = _learner_error(e.error, module)
    except (TimeLimit, KeyboardInterrupt):
        raise
    except Exception as e:  # noqa: BLE001 - a probe that cannot use the learner's result reports why
        error = ErrorInfo("probe", type(e).__name__, str(e))
    return Outcome(None, error, printed.text(), tuple(ctx.violations))


def materialize(x: Any, device: str = "cpu") -> Any:
    """Fresh learner-side objects for every call: tensors for TensorArgs, copies of frames and lists."""
    if isinstance(x, TensorArg):
        import torch

        t = torch.tensor(x.array, dtype=getattr(torch, x.dtype) if x.dtype else None, device=device)
        return t.requires_grad_(True) if x.requires_grad else t
    if isinstance(x, list):
        return [materialize(v, device) for v in x]
    if isinstance(x, tuple):
        return tuple(materialize(v, device) for v in x)
    if isinstance(x, dict):
        return {k: materialize(v, device) for k, v in x.items()}
    if isinstance(x, np.ndarray):
        return x.copy()
    if type(x).__module__.startswith("pandas"):
        return x.copy(deep=True)
    return x


def _rows_of(param: str, fn: Callable[..., Any], args: tuple, kwargs: dict) -> Any:
    try:
        return inspect.signature(fn).bind(*args, **kwargs).arguments.get(param, args[0] if args else None)
    except (TypeError, ValueError):
        return args[0] if args else None


def _learner_error(error: BaseException, module: ModuleType) -> ErrorInfo:
    if isinstance(error, SystemExit):
        return ErrorInfo("exit", "SystemExit", f"called sys.exit({error.code!r})", _where(error, module))
    message = str(error) if not isinstance(error, KeyError) else repr(error.args[0]) if error.args else ""
    bases = tuple(c.__name__ for c in type(error).__mro__[1:] if c not in (BaseException, object))
    return ErrorInfo("raised", type(error).__name__, message[:500], _where(error, module), bases)


def _where(error: BaseException, module: ModuleType) -> str:
    """`line 7 in dot: return u[i] * v[i]`: the last line of the learner's file in the traceback."""
    filename, tb, where = getattr(module, "__file__", None), error.__traceback__, ""
    while tb is not None:
        code = tb.tb_frame.f_code
        if code.co_filename == filename:
            function = getattr(code, "co_qualname", code.co_name)
            where = f"line {tb.tb_lineno} in {function}: {linecache.getline(filename, tb.tb_lineno).strip()}"
        tb = tb.tb_next
    return where


def _display(module: ModuleType) -> str:
    return getattr(module, "__display__", None) or getattr(module, "__file__", "the learner's file")


def _seed() -> None:
    """Learner code that draws random numbers gets the same ones on every call."""
    import torch

    random.seed(0)
    np.random.seed(0)
    # The CPU generator only: torch.manual_seed also queues CUDA seeding, at 1.5 ms a call (measured).
    torch.default_generator.manual_seed(0)


class _CappedText(io.TextIOBase):
    """Keeps the first PRINT_LIMIT characters a call prints and drops the rest (a print flood costs nothing)."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._kept = 0

    def writable(self) -> bool:
        return True

    def write(self, s: str) -> int:
        if self._kept < PRINT_LIMIT:
            piece = str(s)[: PRINT_LIMIT - self._kept]
            self._parts.append(piece)
            self._kept += len(piece)
        return len(s)

    def text(self) -> str:
        return "".join(self._parts)
