"""Values and calls as Python text: plain values rendered as text a learner can read, calls they can paste into Python.

Numbers appear as Python writes them (`0`, not `np.int64(0)`), and floats in their own precision:
a float32 value as the shortest text that reads back as the same float32 (`0.2`, not
`0.20000000298023224`)."""
from __future__ import annotations

from typing import Any

import numpy as np

from grader.plain import Opaque, TensorArg, TensorValue

LIMIT = 300  # characters of one rendered value before it is cut (never in a call: it must paste)
SINGLE = {"float32", "float16", "bfloat16"}  # shown through float32 (bfloat16 and float16 values are float32 values)


def call_text(name: str, args: tuple | list = (), kwargs: dict | None = None) -> str:
    """`dot([0], [0, 0])`: the call as Python source, whole, so that it can be pasted."""
    parts = [code(a, None) for a in args] + [f"{k}={code(v, None)}" for k, v in (kwargs or {}).items()]
    return f"{name}({', '.join(parts)})"


def code(x: Any, limit: int | None = LIMIT) -> str:
    """Python source that rebuilds `x` (inputs: lists, tensors, frames); cut past `limit` characters."""
    if isinstance(x, np.generic):
        x = x.item()
    if isinstance(x, (TensorArg, TensorValue)):
        return _tensor_code(x.array, x.dtype, x.requires_grad, limit)
    if isinstance(x, np.ndarray):
        dtype = "" if x.dtype.kind in "biu" or x.dtype == np.float64 else f", dtype=np.{x.dtype}"
        return f"np.array({_cut(_list_code(x), limit)}{dtype})"
    if _is_frame(x):
        return _frame_code(x)
    if isinstance(x, float):
        return _float_code(x)
    if isinstance(x, list):
        return "[" + ", ".join(code(v, limit) for v in x) + "]"
    if isinstance(x, tuple):
        return "(" + ", ".join(code(v, limit) for v in x) + ("," if len(x) == 1 else "") + ")"
    if isinstance(x, dict):
        return "{" + ", ".join(f"{code(k, limit)}: {code(v, limit)}" for k, v in x.items()) + "}"
    if isinstance(x, Opaque):
        return f"<{x.type_name}{': ' + x.note if x.note else ''}>"
    return _cut(repr(x), limit)


def number(x: float, dtype: Any = None) -> str:
    """One number in the precision of `dtype` (a numpy dtype or torch's name for one; None: float64)."""
    if isinstance(x, (bool, np.bool_)) or not isinstance(x, (float, np.floating)):
        return code(x)
    return _float_code(float(x), _is_single(dtype))


def value(x: Any) -> str:
    """A value for "expected"/"got" lines; frames as tables, tensors with their dtype."""
    if _is_frame(x):
        return x.to_string(max_rows=8, max_cols=8) if x.size else f"empty DataFrame, index {list(x.index)[:8]}, columns {list(x.columns)[:8]}"
    if isinstance(x, TensorValue):
        grad = ", requires_grad=True" if x.requires_grad else ""
        return f"tensor of shape {list(x.shape)}, dtype {x.dtype}{grad}: {_cut(_list_code(x.array, x.dtype))}"
    return code(x)


def _tensor_code(array: np.ndarray, dtype: str | None, requires_grad: bool, limit: int | None = LIMIT) -> str:
    dtype = dtype or _torch_dtype_name(array)
    default = "int64" if np.asarray(array).dtype.kind in "iu" else "bool" if array.dtype.kind == "b" else "float32"
    extra = "" if dtype == default else f", dtype=torch.{dtype}"
    extra += ", requires_grad=True" if requires_grad else ""
    return f"torch.tensor({_cut(_list_code(array, dtype), limit)}{extra})"


def _torch_dtype_name(array: np.ndarray) -> str:
    return {"f": "float32" if array.dtype == np.float32 else "float64", "b": "bool"}.get(array.dtype.kind, "int64")


def _list_code(array: np.ndarray, dtype: Any = None) -> str:
    """Nested lists of plain Python numbers; floats in the precision of `dtype` (default: the array's)."""
    array = np.asarray(array)
    if array.dtype.kind == "f":
        single = _is_single(dtype if dtype is not None else array.dtype)
        return _nested(array.tolist(), lambda v: _float_code(v, single))
    return repr(array.tolist())


def _is_single(dtype: Any) -> bool:
    """Whether values of `dtype` are float32 (or narrower): numpy dtypes and torch's names alike."""
    return dtype is not None and str(np.dtype(dtype) if not isinstance(dtype, str) else dtype) in SINGLE


def _nested(x: Any, fmt) -> str:
    if isinstance(x, list):
        return "[" + ", ".join(_nested(v, fmt) for v in x) + "]"
    return fmt(x)


def _float_code(x: float, single: bool = False) -> str:
    """A float as Python source; `single`: the shortest text that reads back as the same float32."""
    if x != x:
        return "float('nan')"
    if x in (float("inf"), float("-inf")):
        return "float('inf')" if x > 0 else "-float('inf')"
    return str(np.float32(x)) if single else repr(x)


def _frame_code(frame: Any) -> str:
    columns = ", ".join(f"{code(c)}: {code(_column_values(frame[c]))}" for c in frame.columns)
    return f"pd.DataFrame({{{columns}}})"


def _column_values(column: Any) -> list:
    return [None if v is None else (float(v) if isinstance(v, (float, np.floating)) else v.item() if isinstance(v, np.generic) else v)
            for v in column.tolist()]


def _is_frame(x: Any) -> bool:
    return type(x).__name__ == "DataFrame" and type(x).__module__.startswith("pandas")


def _cut(text: str, limit: int | None = LIMIT) -> str:
    return text if limit is None or len(text) <= limit else text[: limit - 5] + " ...]"
