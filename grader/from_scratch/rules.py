"""The from-scratch rules of DESIGN.md 2.1, as data.

A rule names what a public name must not reach: torch routines (matched by name wherever they live:
`F.softmax`, `torch.softmax`, `Tensor.softmax` and `getattr(F, "soft" + "max")` all count), the same
routines as aten operators (what torch runs underneath, however it was reached: `torch.ops.aten`,
`torch._C._nn`, a wrapper such as `F.gumbel_softmax`), whole modules (numpy for `dot`, `torch.optim` for
`sgd_step`), and, for `embedding_lookup`, picking rows out of `weight` by any route. Both the source scan
(`grader.from_scratch.source`) and the runtime guard (`grader.from_scratch.runtime`) read these rules, so the two can never
disagree about what is forbidden.

Beside the rules, the escape hatches: ways for code to get out of the runtime guard's sight (switching
torch's function or dispatch handling off, calling torch's internals, names computed at run time, other
threads). In a from-scratch function each is a violation by itself, whatever it then runs.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    name: str
    replaces: str  # in words, for messages
    torch_routines: frozenset[str] = frozenset()  # torch callables banned by name
    classes: frozenset[str] = frozenset()  # nn classes banned by name
    modules: tuple[str, ...] = ()  # module prefixes whose code must not run
    rows_of: str | None = None  # argument whose rows must not be picked out directly
    any_import: bool = False  # an import of `modules` anywhere in the file counts, used or not (`dot`)
    aten_ops: frozenset[str] = frozenset()  # the banned routines as aten operators (TorchDispatchMode's view)

    @property
    def any_torch_op(self) -> bool:
        """Whether every torch operator counts (`dot`, where torch itself is the forbidden library)."""
        return "torch" in self.modules

    @property
    def watches_torch(self) -> bool:
        return bool(self.torch_routines or self.classes or self.rows_of or self.aten_ops or self.any_torch_op)


NUMERIC_LIBRARIES = ("numpy", "torch", "scipy", "pandas", "jax", "jaxlib", "tensorflow", "cupy", "numba", "sympy", "mpmath", "numexpr")

SOFTMAX = frozenset({"softmax", "log_softmax", "_softmax", "_log_softmax", "special_softmax", "special_log_softmax"})
SOFTMAX_CLASSES = frozenset({"Softmax", "LogSoftmax", "Softmax2d"})
CROSS_ENTROPY = frozenset({"cross_entropy", "nll_loss", "cross_entropy_loss", "nll_loss_nd", "nll_loss2d"})
CROSS_ENTROPY_CLASSES = frozenset({"CrossEntropyLoss", "NLLLoss", "NLLLoss2d"})
# Statistics packages that ship a Gini coefficient (ex14's gini must compute its own).
GINI_PACKAGES = ("inequality", "quantecon", "skbio", "ineqpy", "pygini", "pysal")
BCE = frozenset({"binary_cross_entropy", "binary_cross_entropy_with_logits"})
BCE_CLASSES = frozenset({"BCELoss", "BCEWithLogitsLoss"})
EMBEDDING = frozenset({"embedding", "embedding_bag", "_embedding_bag"})
EMBEDDING_CLASSES = frozenset({"Embedding", "EmbeddingBag"})
# Ways to pick rows out of a tensor, for embedding_lookup's "no indexing weight with the indices".
ROW_PICKS = frozenset({"__getitem__", "index_select", "gather", "take", "take_along_dim", "select", "narrow", "unbind",
                       "split", "chunk", "tolist", "numpy", "item", "__iter__", "index", "masked_select"})

# The aten operators those routines run as, in words a learner knows. (Composite routines reach torch's
# dispatcher as their parts: F.cross_entropy runs as _log_softmax and nll_loss_forward.)
ATEN_OPERATORS = {
    "_softmax": "torch's softmax", "softmax": "torch's softmax", "_log_softmax": "torch's log_softmax",
    "log_softmax": "torch's log_softmax", "special_softmax": "torch's softmax",
    "special_log_softmax": "torch's log_softmax",
    "nll_loss": "torch's NLL loss", "nll_loss_forward": "torch's NLL loss", "nll_loss2d_forward": "torch's NLL loss",
    "nll_loss_nd": "torch's NLL loss", "cross_entropy_loss": "torch's cross-entropy",
    "binary_cross_entropy": "torch's binary cross-entropy",
    "binary_cross_entropy_with_logits": "torch's binary cross-entropy with logits",
    "embedding": "torch's embedding lookup", "_embedding_bag": "torch's embedding bag",
    "_embedding_bag_forward_only": "torch's embedding bag", "embedding_bag": "torch's embedding bag",
}
_SOFTMAX_OPS = frozenset({"_softmax", "softmax", "_log_softmax", "log_softmax", "special_softmax", "special_log_softmax"})
_CROSS_ENTROPY_OPS = _SOFTMAX_OPS | {"nll_loss", "nll_loss_forward", "nll_loss2d_forward", "nll_loss_nd",
                                    "cross_entropy_loss"}
_BCE_OPS = frozenset({"binary_cross_entropy", "binary_cross_entropy_with_logits"})
_EMBEDDING_OPS = frozenset({"embedding", "_embedding_bag", "_embedding_bag_forward_only", "embedding_bag"})
# Row picks as aten operators: what `weight[idx]`, `index_select`, `for row in weight`, ... run as.
ATEN_ROW_PICKS = frozenset({"index", "index_select", "gather", "take", "select", "unbind", "masked_select", "split",
                            "split_with_sizes", "unsafe_split", "chunk", "unsafe_chunk", "tensor_split",
                            "_local_scalar_dense", "embedding"})

_losses = CROSS_ENTROPY | SOFTMAX
RULES: dict[str, Rule] = {
    rule.name: rule
    for rule in [
        Rule("dot", "a numeric library (pure Python only)", modules=NUMERIC_LIBRARIES, any_import=True),
        Rule("embedding_lookup", "indexing weight with the indices (use one_hot(...) @ weight)",
             torch_routines=EMBEDDING, classes=EMBEDDING_CLASSES, rows_of="weight", aten_ops=_EMBEDDING_OPS),
        Rule("DotProductBiasScratch", "nn.Embedding / F.embedding", torch_routines=EMBEDDING, classes=EMBEDDING_CLASSES,
             aten_ops=_EMBEDDING_OPS),
        Rule("softmax", "torch's softmax routines", torch_routines=SOFTMAX, classes=SOFTMAX_CLASSES,
             aten_ops=_SOFTMAX_OPS),
        Rule("log_softmax", "torch's softmax routines", torch_routines=SOFTMAX, classes=SOFTMAX_CLASSES,
             aten_ops=_SOFTMAX_OPS),
        Rule("cross_entropy", "torch's cross-entropy / NLL / softmax routines", torch_routines=_losses,
             classes=CROSS_ENTROPY_CLASSES | SOFTMAX_CLASSES, aten_ops=_CROSS_ENTROPY_OPS),
        Rule("multi_target_loss", "torch's cross-entropy / NLL / softmax routines", torch_routines=_losses,
             classes=CROSS_ENTROPY_CLASSES | SOFTMAX_CLASSES, aten_ops=_CROSS_ENTROPY_OPS),
        Rule("binary_cross_entropy", "torch's binary cross-entropy routines", torch_routines=BCE, classes=BCE_CLASSES,
             aten_ops=_BCE_OPS),
        Rule("l2_penalty", "torch.optim", modules=("torch.optim",)),
        Rule("sgd_step", "torch.optim", modules=("torch.optim",)),
        Rule("gini", "a statistics package's Gini function", modules=GINI_PACKAGES),
    ]
}

# -- escape hatches --------------------------------------------------------------------------------------
# What switches off the runtime guard's instruments: torch's function handling, its dispatch modes, the
# mode stacks, the profiler. Matched as attribute or imported names in the source, and (the callables) as
# calls at run time.
WATCH_SWITCHES = frozenset({
    "DisableTorchFunction", "DisableTorchFunctionSubclass", "_disabled_torch_function_impl", "_DisableTorchDispatch",
    "_disable_current_modes", "_pop_mode", "_pop_mode_temporarily", "_pop_torch_function_stack",
    "_pop_torch_dispatch_stack", "_push_on_torch_function_stack", "_push_on_torch_dispatch_stack",
    "_set_dispatch_mode", "_unset_dispatch_mode", "_set_torch_function_mode", "_ExcludeDispatchKeyGuard",
    "_DisableFuncTorch", "_DisablePythonDispatcher", "_python_dispatch", "TorchFunctionMode", "TorchDispatchMode",
    "setprofile", "settrace", "setprofile_all_threads", "settrace_all_threads",
})
# The same, as the C callables and context managers the runtime guard sees being called.
RUNTIME_SWITCHES = frozenset({
    "_pop_torch_function_stack", "_pop_torch_dispatch_stack", "_set_dispatch_mode", "_unset_dispatch_mode",
    "_set_torch_function_mode", "_push_on_torch_function_stack", "_push_on_torch_dispatch_stack",
})
RUNTIME_SWITCH_CONTEXTS = frozenset({"DisableTorchFunction", "_DisableTorchDispatch", "_ExcludeDispatchKeyGuard",
                                     "_DisableFuncTorch"})
RUNTIME_SWITCH_FUNCTIONS = frozenset({"_disable_current_modes", "_pop_mode_temporarily", "_pop_mode"})
# torch's public modules that hand code to machinery the guard cannot follow (compiled kernels, TorchScript,
# custom operators, the override protocol itself).
TORCH_HATCHES = frozenset({"ops", "compile", "jit", "library", "overrides"})
# Private torch modules, recognised whatever name they are reached through (`t = torch; t._C`); any other
# private attribute of a torch module counts too.
TORCH_PRIVATE = frozenset({"_C", "_VF", "_refs", "_prims", "_prims_common", "_decomp", "_ops", "_dynamo", "_inductor",
                           "_python_dispatch", "_tensor", "_jit_internal", "_higher_order_ops", "_functorch",
                           "_subclasses", "_library"})
# Names computed at run time, so that reading the source cannot tell what they reach: builtins, modules,
# imported helpers and attributes (another namespace, another frame's or function's globals).
DYNAMIC_BUILTINS = frozenset({"__import__", "eval", "exec", "compile", "vars", "globals", "breakpoint",
                              "__builtins__"})
DYNAMIC_MODULES = frozenset({"importlib", "builtins", "runpy", "pkgutil", "inspect", "gc"})
DYNAMIC_HELPERS = frozenset({"import_module", "attrgetter", "methodcaller", "__import__"})
DYNAMIC_ATTRIBUTES = frozenset({"__dict__", "__getattribute__", "__getattr__", "__builtins__", "__globals__", "__subclasses__",
                                "f_globals", "f_locals", "f_builtins", "f_back", "__loader__", "__spec__",
                                "__closure__", "cell_contents", "__wrapped__",
                                "import_module", "attrgetter", "methodcaller"})
# What starts a thread, a process or an interpreter: the guard's instruments live in the thread a call runs in.
THREAD_MODULES = frozenset({"threading", "_thread", "concurrent", "multiprocessing", "joblib", "asyncio", "subprocess",
                            "_xxsubinterpreters", "_interpreters", "interpreters"})
THREAD_STARTERS = frozenset({"Thread", "Timer", "start_new_thread", "start_new", "start_joinable_thread", "ThreadPool",
                             "ThreadPoolExecutor", "ProcessPoolExecutor", "Process", "Pool", "to_thread",
                             "run_in_executor", "Parallel", "thread_map", "process_map", "fork", "forkpty",
                             "posix_spawn", "Popen"})
# Native calls; and the grader's own internals (its guard included: calling the grader's public helpers, as a
# notebook's `check("ex01")` does, is fine).
FOREIGN_MODULES = frozenset({"ctypes", "cffi"})
