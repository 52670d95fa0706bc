"""Plain values: what travels between the grader and learner code.

Inputs go to learner code as plain values with `TensorArg` markers, and are turned into fresh
torch tensors for every call (so a learner who edits an input in place cannot change what the
reference sees). Whatever learner code returns is copied into trusted types by `to_plain` before
anything compares it: Python scalars, numpy arrays, `TensorValue`, pandas frames, or `Opaque`.
An object whose `__eq__` or `__float__` lies is never asked anything: its type decides.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

MAX_ITEMS = 100_000  # longest list/tuple copied; a longer one is opaque


@dataclass(frozen=True)
class TensorArg:
    """An input that learner code receives as a fresh `torch.Tensor`."""

    array: np.ndarray
    dtype: str | None = None  # torch dtype name ("float32", "int64"); None keeps numpy's
    requires_grad: bool = False


@dataclass(frozen=True, eq=False)
class TensorValue:
    """A tensor that learner code returned, copied out of torch."""

    array: np.ndarray
    dtype: str  # torch's name, e.g. "float32", "int64", "bool"
    requires_grad: bool = False
    has_grad_fn: bool = False
    device: str = "cpu"

    @property
    def shape(self) -> tuple[int, ...]:
        return tuple(self.array.shape)

    @property
    def is_floating(self) -> bool:
        return self.dtype in FLOAT_DTYPES


@dataclass(frozen=True)
class Opaque:
    """A value of a type the grader does not read (only its type name is kept)."""

    type_name: str
    note: str = field(default="")


FLOAT_DTYPES = {"float16", "bfloat16", "float32", "float64"}


def tensor(array: Any, dtype: str | None = None, requires_grad: bool = False) -> TensorArg:
    """Mark `array` to be delivered to learner code as a torch tensor."""
    return TensorArg(np.asarray(array), dtype, requires_grad)


def type_name(x: Any) -> str:
    t = type(x)
    return t.__qualname__ if t.__module__ == "builtins" else f"{t.__module__}.{t.__qualname__}"


def to_plain(x: Any, _depth: int = 0) -> Any:
    """Copy a learner's value into trusted types, calling none of the value's own methods."""
    if _depth > 20:
        return Opaque(type_name(x), "nested too deeply")
    if x is None or type(x) in (bool, int, float, str):
        return x
    # Subclasses of builtins are read through the base type, so overridden dunders never run.
    if isinstance(x, bool):
        return bool(int.__int__(x))
    if isinstance(x, int):
        return int.__int__(x)
    if isinstance(x, float):
        return float.__float__(x)
    if isinstance(x, str):
        return str.__str__(x)
    if isinstance(x, np.generic):
        return _numpy_scalar(x)
    if isinstance(x, np.ndarray):
        return _numpy_array(x)
    if isinstance(x, (list, tuple)):
        if len(x) > MAX_ITEMS:
            return Opaque(type_name(x), f"{len(x)} items")
        items = [to_plain(v, _depth + 1) for v in (list.__iter__(x) if isinstance(x, list) else tuple.__iter__(x))]
        return items if isinstance(x, list) else tuple(items)
    if isinstance(x, dict):
        return {to_plain(k, _depth + 1): to_plain(v, _depth + 1) for k, v in dict.items(x)}
    module = type(x).__module__.split(".")[0]
    if module == "torch":
        return _torch_value(x)
    if module == "pandas":
        return _pandas_value(x)
    return Opaque(type_name(x))


def _numpy_scalar(x: np.generic) -> Any:
    if x.dtype.kind == "b":
        return bool(x)
    if x.dtype.kind in "iu":
        return int(x)
    if x.dtype.kind == "f":
        return float(x)
    return Opaque(type_name(x))


def _numpy_array(x: np.ndarray) -> Any:
    arr = np.ndarray.view(x, np.ndarray)
    if arr.dtype.kind not in "biuf":
        return Opaque("numpy.ndarray", f"dtype {arr.dtype}")
    return arr.copy()


def _torch_value(x: Any) -> Any:
    import torch

    if not isinstance(x, torch.Tensor):
        if isinstance(x, torch.Size):
            return tuple(int(v) for v in tuple.__iter__(x))
        if isinstance(x, torch.dtype):
            return str(x).removeprefix("torch.")
        return Opaque(type_name(x))
    # A Tensor subclass could intercept detach/cpu/numpy through __torch_function__: switch that off.
    with torch._C.DisableTorchFunctionSubclass():
        base = torch.Tensor.detach(x)
        dtype = str(base.dtype).removeprefix("torch.")
        device = str(base.device)
        if base.is_sparse or base.device.type == "meta":
            return Opaque("torch.Tensor", f"{base.layout} on {device}")
        if base.dtype in (torch.bfloat16, torch.float16):
            base = base.float()
        base = base.cpu()
        if base.is_complex():
            return Opaque("torch.Tensor", f"dtype {dtype}")
        array = base.resolve_conj().resolve_neg().numpy().copy()
        return TensorValue(array, dtype, bool(x.requires_grad), x.grad_fn is not None, device)


def _pandas_value(x: Any) -> Any:
    import pandas as pd

    if isinstance(x, pd.DataFrame):
        frame = pd.DataFrame(x).copy(deep=True)
        frame.index = _plain_index(frame.index)
        frame.columns = _plain_index(frame.columns)
        return frame
    if isinstance(x, pd.Series):
        series = pd.Series(x).copy(deep=True)
        series.index = _plain_index(series.index)
        return series
    if isinstance(x, pd.Index):
        return _plain_index(x)
    return Opaque(type_name(x))


def _plain_index(index: Any) -> Any:
    import pandas as pd

    if isinstance(index, pd.MultiIndex):
        return pd.MultiIndex.from_tuples(list(index), names=list(index.names))
    return pd.Index(list(index), name=index.name, dtype=index.dtype if index.dtype.kind in "biuf" else None)
