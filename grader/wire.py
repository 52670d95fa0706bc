"""The format plain values travel in between the grader and a worker: JSON with tagged arrays.

Reading it executes nothing (no pickle): decoding builds only None, bool, int, float, str, lists,
tuples, dicts, numeric numpy arrays, pandas frames and series of such values, and the grader's own
`TensorArg`, `TensorValue`, `Opaque`, `ErrorInfo` and `Outcome`. Anything else is refused.
"""
from __future__ import annotations

import base64
import json
from typing import Any

import numpy as np

from grader.plain import Opaque, TensorArg, TensorValue
from grader.probes import ErrorInfo, Outcome

ARRAY_DTYPES = {"bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
                "float16", "float32", "float64"}


class WireError(ValueError):
    """A message that is not well-formed plain data."""


def dumps(value: Any) -> bytes:
    return json.dumps(_encode(value), separators=(",", ":")).encode("utf-8")


def loads(data: bytes) -> Any:
    try:
        return _decode(json.loads(data.decode("utf-8")))
    except WireError:
        raise
    except (ValueError, TypeError, KeyError, IndexError, RecursionError) as e:
        raise WireError(f"malformed message: {type(e).__name__}: {e}") from None


def _encode(x: Any) -> Any:
    if x is None or isinstance(x, (bool, int, float, str)):
        return x
    if isinstance(x, list):
        return [_encode(v) for v in x]
    if isinstance(x, tuple):
        return {"$t": [_encode(v) for v in x]}
    if isinstance(x, dict):
        return {"$d": [[_encode(k), _encode(v)] for k, v in x.items()]}
    if isinstance(x, np.ndarray):
        return {"$a": _array(x)}
    if isinstance(x, np.generic):
        return _encode(x.item())
    if isinstance(x, TensorArg):
        return {"$ta": [_array(x.array), x.dtype, x.requires_grad]}
    if isinstance(x, TensorValue):
        return {"$tv": [_array(x.array), x.dtype, x.requires_grad, x.has_grad_fn, x.device]}
    if isinstance(x, Opaque):
        return {"$o": [x.type_name, x.note]}
    if isinstance(x, ErrorInfo):
        return {"$e": [x.kind, x.type, x.message, x.where, list(x.bases)]}
    if isinstance(x, Outcome):
        return {"$out": [_encode(x.value), _encode(x.error), x.printed, list(x.violations)]}
    module = type(x).__module__
    if module.startswith("pandas"):
        import pandas as pd

        if isinstance(x, pd.DataFrame):
            return {"$df": [[_encode(_scalar(c)) for c in x.columns], _index(x.index), _encode(x.columns.name),
                            [_column(x.iloc[:, i]) for i in range(x.shape[1])]]}
        if isinstance(x, pd.Series):
            return {"$s": [_index(x.index), _column(x), _encode(x.name)]}
        if isinstance(x, pd.Index) and not isinstance(x, pd.MultiIndex):
            return {"$ix": [_column(x.to_series()), _encode(x.name)]}
    raise WireError(f"cannot send a {type(x).__module__}.{type(x).__qualname__}")


def _array(a: np.ndarray) -> list:
    if a.dtype.name not in ARRAY_DTYPES:
        raise WireError(f"cannot send an array of dtype {a.dtype}")
    a = np.asarray(a, order="C")  # (ascontiguousarray would turn a 0-d array into 1-d)
    return [a.dtype.name, list(a.shape), base64.b64encode(a.tobytes()).decode("ascii")]


def _scalar(v: Any) -> Any:
    return v.item() if isinstance(v, np.generic) else v


def _index(index: Any) -> list:
    return [[_encode(_scalar(v)) for v in index], _encode(index.name)]


def _column(series: Any) -> Any:
    if series.dtype.kind in "biuf":
        return {"$a": _array(series.to_numpy())}
    return [_encode(_cell(v)) for v in series.tolist()]


def _cell(v: Any) -> Any:
    """A value of an object column: a plain scalar, or only its type name (a tensor in a frame, say)."""
    v = _scalar(v)
    if isinstance(v, float) and v != v:
        return None
    if v is None or isinstance(v, (bool, int, float, str)):
        return v
    return Opaque(f"{type(v).__module__}.{type(v).__qualname__}")


def _decode(x: Any) -> Any:
    if x is None or isinstance(x, (bool, int, float, str)):
        return x
    if isinstance(x, list):
        return [_decode(v) for v in x]
    if not isinstance(x, dict) or len(x) != 1:
        raise WireError("unexpected object")
    (tag, body), = x.items()
    if tag == "$t":
        return tuple(_decode(v) for v in body)
    if tag == "$d":
        return {_hashable(_decode(k)): _decode(v) for k, v in body}
    if tag == "$a":
        return _unarray(body)
    if tag == "$ta":
        return TensorArg(_unarray(body[0]), _opt_str(body[1]), bool(body[2]))
    if tag == "$tv":
        return TensorValue(_unarray(body[0]), str(body[1]), bool(body[2]), bool(body[3]), str(body[4]))
    if tag == "$o":
        return Opaque(str(body[0]), str(body[1]))
    if tag == "$e":
        return ErrorInfo(str(body[0]), str(body[1]), str(body[2]), str(body[3]), tuple(str(b) for b in body[4]))
    if tag == "$out":
        error = _decode(body[1])
        if error is not None and not isinstance(error, ErrorInfo):
            raise WireError("bad error field")
        return Outcome(_decode(body[0]), error, str(body[2]), tuple(str(v) for v in body[3]))
    if tag == "$df":
        import pandas as pd

        columns, (labels, index_name), columns_name, data = body
        index = pd.Index([_decode(v) for v in labels], name=_decode(index_name))
        frame = pd.DataFrame({i: _uncolumn(c) for i, c in enumerate(data)}, index=index)
        frame.columns = pd.Index([_decode(c) for c in columns], name=_decode(columns_name))
        return frame
    if tag == "$ix":
        import pandas as pd

        data, name = body
        return pd.Index(_uncolumn(data), name=_hashable(_decode(name)))
    if tag == "$s":
        import pandas as pd

        (labels, index_name), data, name = body
        return pd.Series(_uncolumn(data), index=pd.Index([_decode(v) for v in labels], name=_decode(index_name)),
                         name=_hashable(_decode(name)))
    raise WireError(f"unknown tag {tag!r}")


def _unarray(body: list) -> np.ndarray:
    dtype, shape, data = body
    if dtype not in ARRAY_DTYPES or not all(isinstance(n, int) and n >= 0 for n in shape):
        raise WireError(f"bad array header {dtype} {shape}")
    raw = base64.b64decode(data.encode("ascii"), validate=True)
    count = int(np.prod(shape, dtype=np.int64))
    if len(raw) != count * np.dtype(dtype).itemsize:
        raise WireError("array data does not match its shape")
    return np.frombuffer(raw, dtype=dtype).reshape(shape).copy()


def _uncolumn(data: Any) -> Any:
    return _decode(data) if isinstance(data, dict) else [_decode(v) for v in data]


def _opt_str(v: Any) -> str | None:
    return None if v is None else str(v)


def _hashable(v: Any) -> Any:
    if isinstance(v, list):
        return tuple(_hashable(x) for x in v)
    return v
