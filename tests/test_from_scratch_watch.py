"""The from-scratch rules hold across threads and torch's escapes (issue 9, item 6), and the building blocks
DESIGN.md 2.1 allows stay allowed: the runtime watch (`grader.from_scratch.runtime`) and the source scan
(`grader.from_scratch.source`), each on its own. The corpus and tests/attacks check the two together, in process and
in isolated workers."""
from __future__ import annotations

import concurrent.futures
import sys
import textwrap
import threading
import time

import pytest
import torch
import torch.nn.functional as F

from grader.from_scratch.runtime import Watch
from grader.from_scratch.rules import RULES
from grader.from_scratch.source import scan

X = torch.tensor([[1.0, 2.0, 3.0], [3.0, 0.0, -1.0]])
Y = torch.tensor([2, 0])
W = torch.arange(8, dtype=torch.float32).reshape(4, 2)
IDX = torch.tensor([3, 1])


def watched(name: str, run, rows_of=None) -> list[str]:
    with Watch(RULES[name], rows_of, sys.modules[__name__]) as watch:  # this module, the learner
        run()
    return watch.violations


ALLOWED = {  # DESIGN.md 2.1's building blocks, as each rule's name would use them
    "softmax": lambda: (X - X.amax(-1, keepdim=True)).exp() / (X - X.amax(-1, keepdim=True)).exp().sum(-1, keepdim=True),
    "log_softmax": lambda: X - torch.logsumexp(X, -1, keepdim=True),
    "cross_entropy": lambda: -(X - torch.logsumexp(X, 1, keepdim=True)).gather(1, Y[:, None]).mean(),
    "multi_target_loss": lambda: -((X - X.logsumexp(1, keepdim=True)) * F.one_hot(Y, 3)).sum(1).mean(),
    "binary_cross_entropy": lambda: (F.softplus(X[:, 0]) - X[:, 0] * 0.5 + torch.log1p(torch.exp(-X.abs())).sum()
                                     + X.clamp(min=0).sum() + torch.sigmoid(X).sum() + F.logsigmoid(X).sum()).mean(),
    "embedding_lookup": lambda: (F.one_hot(IDX, 4).float() @ W, torch.matmul(F.one_hot(IDX, 4).float(), W),
                                 torch.einsum("nc,cf->nf", F.one_hot(IDX, 4).float(), W), str(W)),
    "dot": lambda: sum(a * b for a, b in zip([1, 2], [3, 4])),
    "l2_penalty": lambda: 0.1 * sum(((p ** 2).sum() for p in [W]), torch.zeros(())),
}


@pytest.mark.parametrize("name", sorted(ALLOWED))
def test_allowed_building_blocks_reach_nothing(name):
    assert watched(name, ALLOWED[name], W if name == "embedding_lookup" else None) == []


def _disabled_softmax():
    with getattr(torch, "_" + "C").DisableTorchFunction():
        return getattr(X, "soft" + "max")(-1)


def _both_off():
    internals = getattr(torch, "_C")
    with internals.DisableTorchFunction(), internals._DisableTorchDispatch():
        return list(map(torch.softmax, [X], [-1]))


def _thread(fn):
    out = []
    worker = threading.Thread(target=lambda: out.append(fn()))
    worker.start()
    worker.join()
    return out


def _raw_thread(fn, start=sys.modules["_thread"].start_new_thread):  # a reference taken before any watch
    out = []
    start(lambda: out.append(fn()), ())
    while not out:
        time.sleep(0.001)


def _executor(fn):
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(fn).result()


def _popped_modes():
    modes = [torch._C._pop_torch_function_stack() for _ in range(torch._C._len_torch_function_stack())]
    try:
        return X.softmax(-1)
    finally:
        for mode in reversed(modes):
            torch._C._push_on_torch_function_stack(mode)


def _no_profiler():
    previous = sys.getprofile()
    list(map(sys.setprofile, [None]))  # called from C: no profile event of its own
    try:
        return torch.ops.aten._softmax(X, -1, False)
    finally:
        sys.setprofile(previous)


ESCAPES = {  # route -> (rule, code, a part of what the watch must record)
    "by name": ("softmax", lambda: X.softmax(-1), "reached Tensor.softmax"),
    "computed getattr": ("softmax", lambda: getattr(X, "soft" + "max")(-1), "reached Tensor.softmax"),
    "DisableTorchFunction": ("softmax", _disabled_softmax, "switched off torch's function handling"),
    "both switches, called from C": ("softmax", _both_off, "switched off torch's function handling"),
    "torch.ops.aten": ("log_softmax", lambda: torch.ops.aten._log_softmax(X, -1, False), "_log_softmax"),
    "torch._C._nn": ("cross_entropy", lambda: torch._C._nn.cross_entropy_loss(X, Y), "cross_entropy_loss"),
    "_VariableFunctions": ("softmax", lambda: torch._C._VariableFunctions.softmax(X, -1), "reached torch.softmax"),
    "a wrapper": ("softmax", lambda: F.softmin(-X, -1), "torch's softmax (the aten._softmax operator)"),
    "_disabled_torch_function_impl": ("softmax", lambda: torch._C._disabled_torch_function_impl(
        torch.softmax, (), (X, -1), {}), "softmax"),
    "modes popped": ("softmax", _popped_modes, "changed torch's mode stack"),
    "profiler replaced": ("log_softmax", _no_profiler, "replaced the grader's profiler"),
    "thread": ("softmax", lambda: _thread(lambda: X.softmax(-1)), "reached Tensor.softmax"),
    "raw thread": ("binary_cross_entropy", lambda: _raw_thread(
        lambda: F.binary_cross_entropy_with_logits(X, X.sigmoid())), "binary_cross_entropy_with_logits"),
    "executor": ("cross_entropy", lambda: _executor(lambda: F.nll_loss(X, Y)), "reached F.nll_loss"),
    "numpy in a thread": ("dot", lambda: _thread(lambda: __import__("numpy").dot([1, 2], [3, 4])), "reached numpy"),
    "torch in dot": ("dot", lambda: torch.tensor([1.0]) @ torch.tensor([2.0]), "reached torch"),
}


@pytest.mark.parametrize("route", sorted(ESCAPES))
def test_escape_routes_are_recorded(route):
    name, run, what = ESCAPES[route]
    violations = watched(name, run)
    assert any(what in v for v in violations), violations


def test_optim_in_a_thread_is_recorded():
    def step():
        from torch.optim import sgd

        p = torch.nn.Parameter(torch.ones(2))
        p.grad = torch.ones(2)
        with torch.no_grad():
            sgd.sgd([p], [p.grad], [None], foreach=False, weight_decay=0.0, momentum=0.0, lr=0.1, dampening=0.0,
                    nesterov=False, maximize=False)

    assert any("torch.optim" in v for v in watched("sgd_step", lambda: _thread(step)))


def test_rows_picked_with_function_handling_off_are_recorded():
    def picks():
        with torch._C.DisableTorchFunction():
            return W.data[IDX]

    assert any("picks rows of weight directly (the aten." in v for v in watched("embedding_lookup", picks, W))


def test_a_thread_started_earlier_counts_against_later_calls():
    release = threading.Event()
    worker = threading.Thread(target=release.wait)
    worker.start()  # started here, by this test: learner code as far as the guard can tell
    try:
        assert any("a thread started earlier" in v for v in watched("softmax", lambda: None))
    finally:
        release.set()
        worker.join()
    assert watched("softmax", lambda: None) == []


def test_a_watch_leaves_the_modes_and_the_profiler_as_it_found_them():
    profile = sys.getprofile()
    functions, dispatches = torch._C._len_torch_function_stack(), torch._C._len_torch_dispatch_stack()

    def mess():
        torch._C._pop_torch_function_stack()  # the watch's own function mode, gone for good
        sys.setprofile(None)

    watched("softmax", mess)
    assert (torch._C._len_torch_function_stack(), torch._C._len_torch_dispatch_stack()) == (functions, dispatches)
    assert sys.getprofile() is profile


def scanned(name: str, source: str) -> list[str]:
    return scan(textwrap.dedent(source), name, RULES[name])


HATCHES = {  # source -> the finding it must give (the rule: softmax)
    "import torch\ndef softmax(x):\n    with torch._C.DisableTorchFunction():\n        return x": "switches off",
    "import torch\ndef softmax(x):\n    return torch.ops.aten.exp(x)": "internals (torch.ops",
    "import torch\ndef softmax(x):\n    return torch._C._nn.foo(x)": "reaches torch's internals (torch._C",
    "import torch\ndef softmax(x):\n    return getattr(torch, '_' + 'C')": "looks a name up at run time",
    "import torch\ndef softmax(x):\n    return getattr(torch, '_C')": "reaches torch's internals",
    "def softmax(x):\n    return __import__('torch').exp(x)": "looks a name up at run time (__import__)",
    "import importlib\ndef softmax(x):\n    return importlib.import_module('torch').exp(x)": "importlib",
    "import sys\ndef softmax(x):\n    return sys.modules['torch'].exp(x)": "sys.modules",
    "def softmax(x):\n    return eval('x.exp()')": "(eval)",
    "import functools, torch\ndef softmax(x):\n    return functools.reduce(getattr, ['_C'], torch)": "passes getattr",
    "import threading\ndef softmax(x):\n    threading.Thread(target=print).start()\n    return x": "another thread",
    "from concurrent.futures import ThreadPoolExecutor as P\ndef softmax(x):\n    return P().submit(abs, x)": "thread",
    "import torch\ndef softmax(x):\n    return torch.compile(lambda t: t)(x)": "internals (torch.compile)",
    "import torch\ndef softmax(x):\n    torch.exp = abs\n    return x": "changes a library",
    "import grader.from_scratch.runtime as g\ndef softmax(x):\n    g.Watch.record = print\n    return x": "changes a library",
    "import sys\ndef softmax(x):\n    sys.setprofile(None)\n    return x": "switches off",
    # reached through a module-level name (also inside an `if`), and on import
    "import torch\nif True:\n    hidden = torch._C\ndef softmax(x):\n    return hidden": "internals",
    "import threading\nthreading.Thread(target=print).start()\ndef softmax(x):\n    return x": "(on import)",
    "import torch\ntorch.exp = abs\ndef softmax(x):\n    return x": "changes a library (torch.exp) (on import)",
}


@pytest.mark.parametrize("source", sorted(HATCHES))
def test_escape_hatches_in_the_source_are_findings(source):
    found = scanned("softmax", source)
    assert any(HATCHES[source] in f for f in found), found


CLEAN = [
    # allowed building blocks, computed names on learner objects, a main block, a cell that does not parse
    """
    import torch
    def softmax(x):
        shifted = x - x.amax(-1, keepdim=True)
        return shifted.exp() / shifted.exp().sum(-1, keepdim=True)
    def log_softmax(x):
        return x - torch.logsumexp(x, -1, keepdim=True)
    """,
    """
    import torch
    from torch import nn
    class Model(nn.Module):
        def __init__(self):
            super().__init__()
            for name in ("a", "b"):
                setattr(self, name, nn.Parameter(torch.zeros(2)))
        def forward(self, x):
            return sum(getattr(self, name) for name in ("a", "b")) * x
    def softmax(x):
        return Model()(x).exp() / Model()(x).exp().sum()
    if __name__ == "__main__":
        import threading
        threading.Thread(target=print).start()
    """,
    """
    import pandas as pd
    import torch
    pd.options.display.max_rows = 20
    torch.backends.cudnn.deterministic = True
    def softmax(x):
        return x.exp() / x.exp().sum(-1, keepdim=True)
    """,
]


@pytest.mark.parametrize("source", CLEAN)
def test_honest_code_gives_no_findings(source):
    assert scanned("softmax", source) == []


def test_a_line_that_does_not_parse_hides_nothing():
    source = "import torch\nx = (\ndef softmax(x):\n    return torch._C._nn.softmax(x)\n"
    assert any("torch._C" in f for f in scanned("softmax", source))
