"""Render plain values as text a learner can read, and calls they can paste into Python."""
from __future__ import annotations

from typing import Any

import numpy as np

from grader.plain import Opaque, TensorArg, TensorValue

LIMIT = 300  # characters of one rendered value before it is cut


def call_text(name: str, args: tuple | list = (), kwargs: dict | None = None) -> str:
    """`dot([0], [0, 0])`: the call as Python source."""
    parts = [code(a) for a in args] + [f"{k}={code(v)}" for k, v in (kwargs or {}).items()]
    return f"{name}({', '.join(parts)})"


def code(x: Any) -> str:
    """Python source that rebuilds `x` (inputs: lists, tensors, frames)."""
    if isinstance(x, TensorArg):
        return _tensor_code(x.array, x.dtype, x.requires_grad)
    if isinstance(x, TensorValue):
        return _tensor_code(x.array, x.dtype, x.requires_grad)
    if isinstance(x, np.ndarray):
        return f"np.array({_cut(_list_code(x))})"
    if _is_frame(x):
        return _frame_code(x)
    if isinstance(x, float):
        return _float_code(x)
    if isinstance(x, list):
        return "[" + ", ".join(code(v) for v in x) + "]"
    if isinstance(x, tuple):
        return "(" + ", ".join(code(v) for v in x) + ("," if len(x) == 1 else "") + ")"
    if isinstance(x, dict):
        return "{" + ", ".join(f"{code(k)}: {code(v)}" for k, v in x.items()) + "}"
    if isinstance(x, Opaque):
        return f"<{x.type_name}{': ' + x.note if x.note else ''}>"
    return _cut(repr(x))


def value(x: Any) -> str:
    """A value for "expected"/"got" lines; frames as tables, tensors with their dtype."""
    if _is_frame(x):
        return x.to_string(max_rows=8, max_cols=8) if x.size else f"empty DataFrame, index {list(x.index)[:8]}, columns {list(x.columns)[:8]}"
    if isinstance(x, TensorValue):
        grad = ", requires_grad=True" if x.requires_grad else ""
        return f"tensor of shape {list(x.shape)}, dtype {x.dtype}{grad}: {_cut(_list_code(x.array))}"
    return code(x)


def _tensor_code(array: np.ndarray, dtype: str | None, requires_grad: bool) -> str:
    dtype = dtype or _torch_dtype_name(array)
    default = "int64" if np.asarray(array).dtype.kind in "iu" else "bool" if array.dtype.kind == "b" else "float32"
    extra = "" if dtype == default else f", dtype=torch.{dtype}"
    extra += ", requires_grad=True" if requires_grad else ""
    return f"torch.tensor({_cut(_list_code(array))}{extra})"


def _torch_dtype_name(array: np.ndarray) -> str:
    return {"f": "float32" if array.dtype == np.float32 else "float64", "b": "bool"}.get(array.dtype.kind, "int64")


def _list_code(array: np.ndarray) -> str:
    array = np.asarray(array)
    if array.dtype.kind == "f":
        return _nested(array.tolist(), _float_code)
    return repr(array.tolist())


def _nested(x: Any, fmt) -> str:
    if isinstance(x, list):
        return "[" + ", ".join(_nested(v, fmt) for v in x) + "]"
    return fmt(x)


def _float_code(x: float) -> str:
    if x != x:
        return "float('nan')"
    if x in (float("inf"), float("-inf")):
        return "float('inf')" if x > 0 else "-float('inf')"
    text = repr(x)
    return text


def _frame_code(frame: Any) -> str:
    columns = ", ".join(f"{code(c)}: {code(_column_values(frame[c]))}" for c in frame.columns)
    return f"pd.DataFrame({{{columns}}})"


def _column_values(column: Any) -> list:
    return [None if v is None else (float(v) if isinstance(v, (float, np.floating)) else v.item() if isinstance(v, np.generic) else v)
            for v in column.tolist()]


def _is_frame(x: Any) -> bool:
    return type(x).__name__ == "DataFrame" and type(x).__module__.startswith("pandas")


def _cut(text: str) -> str:
    return text if len(text) <= LIMIT else text[: LIMIT - 5] + " ...]"
