"""The from-scratch rules of DESIGN.md 2.1, as data.

A rule names what a public name must not reach: torch routines (matched by name wherever they live:
`F.softmax`, `torch.softmax`, `Tensor.softmax` and `getattr(F, "soft" + "max")` all count), whole
modules (numpy for `dot`, `torch.optim` for `sgd_step`), and, for `embedding_lookup`, picking rows
out of `weight` by any route. Both the source scan (`grader.scratch_source`) and the runtime guard
(`grader.guards`) read these rules, so the two can never disagree about what is forbidden.
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

_losses = CROSS_ENTROPY | SOFTMAX
RULES: dict[str, Rule] = {
    rule.name: rule
    for rule in [
        Rule("dot", "a numeric library (pure Python only)", modules=NUMERIC_LIBRARIES, any_import=True),
        Rule("embedding_lookup", "indexing weight with the indices (use one_hot(...) @ weight)",
             torch_routines=EMBEDDING, classes=EMBEDDING_CLASSES, rows_of="weight"),
        Rule("DotProductBiasScratch", "nn.Embedding / F.embedding", torch_routines=EMBEDDING, classes=EMBEDDING_CLASSES),
        Rule("softmax", "torch's softmax routines", torch_routines=SOFTMAX, classes=SOFTMAX_CLASSES),
        Rule("log_softmax", "torch's softmax routines", torch_routines=SOFTMAX, classes=SOFTMAX_CLASSES),
        Rule("cross_entropy", "torch's cross-entropy / NLL / softmax routines", torch_routines=_losses,
             classes=CROSS_ENTROPY_CLASSES | SOFTMAX_CLASSES),
        Rule("multi_target_loss", "torch's cross-entropy / NLL / softmax routines", torch_routines=_losses,
             classes=CROSS_ENTROPY_CLASSES | SOFTMAX_CLASSES),
        Rule("binary_cross_entropy", "torch's binary cross-entropy routines", torch_routines=BCE, classes=BCE_CLASSES),
        Rule("l2_penalty", "torch.optim", modules=("torch.optim",)),
        Rule("sgd_step", "torch.optim", modules=("torch.optim",)),
        Rule("gini", "a statistics package's Gini function", modules=GINI_PACKAGES),
    ]
}
