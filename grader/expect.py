"""Comparisons that properties use. Each takes an `Answer` (plain values only) and what the
reference gives, and raises `Failure` with the call, expected and got, and the first misconception
whose test matches what came back."""
from __future__ import annotations

from typing import Any, Callable, Sequence

import numpy as np

from grader import as_python
from grader.feedback import Failure
from grader.learner import Answer
from grader.plain import Opaque, TensorValue

Misconceptions = Sequence[tuple[str, Callable[[Any], bool]]]


Text = str | Callable[[], str]  # a callable is rendered only for the failure that is finally reported


def fail(answer: Answer, got: Text, expected: Text | None = None, *,
         misconception: str | Callable[[], str | None] | None = None, detail: str | None = None) -> None:
    """Raise the Failure. `misconception` may be a callable: it is worked out only for the failure
    that is finally reported, not for every input tried while shrinking."""
    raise Failure(got, expected, call=answer.call, misconception=misconception, detail=detail, printed=answer.printed)


def diagnose(got: Any, misconceptions: Misconceptions) -> str | None:
    """The key of the first misconception whose test holds for what came back."""
    for key, test in misconceptions:
        try:
            if test(got):
                return key
        except Exception:  # noqa: BLE001 - a test that cannot apply simply does not match
            continue
    return None


def no_error(answer: Answer, misconceptions: Misconceptions = ()) -> None:
    """For a call made with `expect_error=True`: fail if it raised, naming a misconception that matches
    the error (the tests then receive the `ErrorInfo`, with `.type` and `.message`)."""
    if answer.error is not None:
        fail(answer, f"raised {answer.error.type}: {answer.error.message}", None,
             misconception=lambda: diagnose(answer.error, misconceptions), detail=answer.error.where or None)


def number(answer: Answer, expected: float, *, rtol: float = 1e-6, atol: float = 1e-9,
           misconceptions: Misconceptions = (), tensor_ok: bool = False) -> float:
    """A real number close to `expected` (an int or float; a 0-dim tensor only with `tensor_ok`)."""
    no_error(answer, misconceptions)
    got, dtype = answer.value, None
    if tensor_ok and isinstance(got, TensorValue) and got.array.size == 1 and got.shape == ():
        got, dtype = float(got.array), got.dtype  # shown in the tensor's own precision
    if isinstance(got, bool) or not isinstance(got, (int, float)):
        fail(answer, _described(got), f"a number: {as_python.code(expected)}", misconception=lambda: diagnose(got, misconceptions))
    if not _close(np.float64(got), np.float64(expected), rtol, atol):
        fail(answer, as_python.number(got, dtype), as_python.code(expected), misconception=lambda: diagnose(got, misconceptions))
    return float(got)


def raises(answer: Answer, *names: str, misconceptions: Misconceptions = ()) -> None:
    """The call raised one of the exception classes `names` (or a subclass)."""
    wanted = " or ".join(names)
    if answer.error is None:
        fail(answer, f"returned {as_python.code(answer.value)}", f"raises {wanted}",
             misconception=lambda: diagnose(answer.value, misconceptions))
    elif not answer.error.is_a(*names):
        fail(answer, f"raised {answer.error.type}: {answer.error.message}", f"raises {wanted}",
             misconception=lambda: diagnose(answer.error, misconceptions))


def tensor(answer: Answer, expected: np.ndarray, *, dtype: str | None = None, rtol: float = 1e-5, atol: float = 1e-6,
           misconceptions: Misconceptions = ()) -> TensorValue:
    """A torch tensor of `expected`'s shape and values; `dtype` "float" accepts any floating dtype."""
    no_error(answer, misconceptions)
    got, expected = answer.value, np.asarray(expected)
    shown = _expected_tensor(expected, dtype)
    if not isinstance(got, TensorValue):
        fail(answer, _described(got), f"a torch.Tensor: {as_python.value(shown)}", misconception=lambda: diagnose(got, misconceptions))
    if dtype is not None and not (got.is_floating if dtype == "float" else got.dtype == dtype):
        fail(answer, lambda: as_python.value(got), lambda: as_python.value(shown), misconception=lambda: diagnose(got, misconceptions),
             detail=f"dtype is {got.dtype}, expected {'a floating dtype' if dtype == 'float' else dtype}")
    if got.shape != expected.shape:
        fail(answer, lambda: as_python.value(got), lambda: as_python.value(shown), misconception=lambda: diagnose(got, misconceptions),
             detail=f"shape is {list(got.shape)}, expected {list(expected.shape)}")
    compare_arrays(answer, got.array, expected, got_shown=as_python.value(got), expected_shown=as_python.value(shown),
                   rtol=rtol, atol=atol, misconceptions=misconceptions, got_value=got)
    return got


def compare_arrays(answer: Answer, got: np.ndarray, expected: np.ndarray, *, got_shown: str, expected_shown: str,
                   rtol: float, atol: float, misconceptions: Misconceptions = (), got_value: Any = None) -> None:
    got_f, exp_f = np.asarray(got, dtype=np.float64), np.asarray(expected, dtype=np.float64)
    bad = ~_close(got_f, exp_f, rtol, atol)
    if bad.any():
        where = tuple(int(i) for i in np.argwhere(bad)[0])
        # Each number in its own precision; the reference's float64 is shown as float32 beside a float32 answer.
        got_type = np.asarray(got).dtype
        exp_type = got_type if got_type == np.float32 else np.asarray(expected).dtype
        detail = (f"first difference at index {list(where)}: expected {as_python.number(exp_f[where], exp_type)}, "
                  f"got {as_python.number(got_f[where], got_type)}") if got_f.ndim else None
        fail(answer, got_shown, expected_shown, detail=detail,
             misconception=lambda: diagnose(got_value if got_value is not None else got, misconceptions))


def a_frame(answer: Answer, expected: Any, misconceptions: Misconceptions = ()) -> Any:
    """The answer as a DataFrame, or a failure saying what came back instead."""
    import pandas as pd

    no_error(answer, misconceptions)
    if not isinstance(answer.value, pd.DataFrame):
        fail(answer, _described(answer.value), "a pandas DataFrame:\n" + as_python.value(expected),
             misconception=lambda: diagnose(answer.value, misconceptions))
    return answer.value


def frame(answer: Answer, expected: Any, *, misconceptions: Misconceptions = (), rtol: float = 1e-9) -> Any:
    """A pandas DataFrame with `expected`'s index, columns, axis names and values (NaN where NaN)."""
    got = a_frame(answer, expected, misconceptions)
    miss = lambda: diagnose(got, misconceptions)  # noqa: E731 - worked out only when something fails
    for axis, g, e in (("index (rows)", got.index, expected.index), ("columns", got.columns, expected.columns)):
        if not _same_labels(g, e):
            fail(answer, lambda: as_python.value(got), lambda: as_python.value(expected), misconception=miss,
                 detail=f"the {axis} are {_labels(g)}, expected {_labels(e)}")
        if g.name != e.name:
            fail(answer, lambda: as_python.value(got), lambda: as_python.value(expected), misconception=miss,
                 detail=f"the {axis} are named {g.name!r}, expected {e.name!r}")
    try:
        got_values = got.to_numpy(dtype=np.float64, na_value=np.nan)
    except (TypeError, ValueError):
        fail(answer, lambda: as_python.value(got), lambda: as_python.value(expected), misconception=miss, detail="its values are not all numbers")
    exp_values = expected.to_numpy(dtype=np.float64, na_value=np.nan)
    bad = ~_close(got_values, exp_values, rtol, 1e-9)
    if bad.any():
        r, c = (int(i) for i in np.argwhere(bad)[0])
        detail = (f"at {got.index.name}={as_python.code(expected.index[r])}, {got.columns.name}={as_python.code(expected.columns[c])}: "
                  f"expected {as_python.code(float(exp_values[r, c]))}, got {as_python.code(float(got_values[r, c]))}")
        fail(answer, lambda: as_python.value(got), lambda: as_python.value(expected), misconception=miss, detail=detail)
    return got


def _close(got: Any, expected: Any, rtol: float, atol: float) -> Any:
    """Elementwise closeness where NaN matches NaN and infinities must match exactly."""
    with np.errstate(invalid="ignore", over="ignore"):
        return np.isclose(got, expected, rtol=rtol, atol=atol, equal_nan=True)


def _same_labels(got: Any, expected: Any) -> bool:
    return len(got) == len(expected) and all(_label_eq(g, e) for g, e in zip(got, expected))


def _label_eq(g: Any, e: Any) -> bool:
    try:
        return bool(g == e) and type(g) is not bool
    except (TypeError, ValueError):
        return False


def _labels(index: Any) -> str:
    items = [as_python.code(x.item() if isinstance(x, np.generic) else x) for x in list(index)[:8]]
    return "[" + ", ".join(items) + (", ...]" if len(index) > 8 else "]")


def _expected_tensor(expected: np.ndarray, dtype: str | None) -> TensorValue:
    """The expected values as the tensor they stand for: labelled float32, they are shown as float32 values."""
    name = dtype if dtype not in (None, "float") else ("float32" if expected.dtype.kind == "f" else str(expected.dtype))
    return TensorValue(expected, name)


def _described(got: Any) -> str:
    if isinstance(got, Opaque):
        return f"an object of type {got.type_name}" + (f" ({got.note})" if got.note else "")
    if isinstance(got, TensorValue):
        return as_python.value(got)
    if isinstance(got, np.ndarray):
        return f"a numpy array {as_python.code(got)} (a torch.Tensor was expected)"
    return f"{type(got).__name__} {as_python.code(got)}"
