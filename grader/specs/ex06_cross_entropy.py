"""Checks for ex06: `softmax`, `log_softmax`, `cross_entropy`, `binary_cross_entropy`, `multi_target_loss`.

The reference runs in float64 on the same float32 numbers the learner gets, so it is exact to well
within the tolerances. The misconceptions are recognised by recomputing, in float32 as a learner's
code would, what each usual wrong version returns for the failing input, and comparing.
"""
from __future__ import annotations

import warnings

import numpy as np
import torch
import torch.nn.functional as F
from hypothesis import strategies as st

import reference.ex06_cross_entropy as ref
from grader import as_python, expect
from grader.from_scratch.check import expect_from_scratch
from grader.plain import TensorValue, tensor
from grader.probes import ex06_cross_entropy as probes
from grader.specs import Exercise
from grader.strategies import grid_arrays

EXERCISE = Exercise("ex06_cross_entropy",
                    names=["softmax", "log_softmax", "cross_entropy", "binary_cross_entropy", "multi_target_loss"])

RTOL, ATOL = 1e-4, 1e-5
ROUNDING = 16 * float(np.finfo(np.float32).eps)  # float32 rounds x - logsumexp(x) to within a few ulp of max|x|
LARGE = 1e4  # "logits of any size": exp() overflows float32 beyond 88, and underflows below -103


# -- inputs ---------------------------------------------------------------------------------------------

def logits(shape: tuple[int, ...], bound: float) -> st.SearchStrategy[np.ndarray]:
    """float32 logits in [-bound, bound] on a grid of bound/40: coarse enough that rows often hold ties."""
    return grid_arrays(shape, bound)


def matrices(bound: float, rows: tuple[int, int] = (1, 4), cols: tuple[int, int] = (1, 5)) -> st.SearchStrategy:
    return st.tuples(st.integers(*rows), st.integers(*cols)).flatmap(lambda s: logits(s, bound))


def other_ranks(bound: float) -> st.SearchStrategy:
    """1-D and 3-D logits, where a hard-coded dim=1 (right for [N, C]) is wrong: out of range for 1-D, the middle
    axis for 3-D."""
    shapes = st.one_of(st.tuples(st.integers(1, 5)), st.tuples(st.integers(1, 3), st.integers(1, 3), st.integers(1, 4)))
    return shapes.flatmap(lambda s: logits(s, bound))


def _targets(n: int, classes: int) -> st.SearchStrategy[np.ndarray]:
    return st.lists(st.integers(0, classes - 1), min_size=n, max_size=n).map(lambda t: np.array(t, np.int64))


def classified(bound: float, classes: tuple[int, int] = (2, 5), rows: tuple[int, int] = (2, 5)) -> st.SearchStrategy:
    """(logits [N, C], targets [N]), by default with N >= 2, so a sum and a mean differ."""
    return st.tuples(st.integers(*rows), st.integers(*classes)).flatmap(
        lambda s: st.tuples(logits(s, bound), _targets(*s)))


def binary(bound: float, min_size: int = 2) -> st.SearchStrategy:
    """(logits [N], targets [N]) with targets 0, 1 or anything between (soft labels, in eighths), by default N >= 2."""
    soft = st.lists(st.integers(0, 8), min_size=min_size, max_size=6).map(lambda t: np.array(t, np.float32) / 8)
    return soft.flatmap(lambda y: st.tuples(logits(y.shape, bound), st.just(y)))


def _two_headed(n: int, seed: int) -> st.SearchStrategy:
    """The [N, 20] output comes from a seeded generator (80 drawn numbers would cost more than the check);
    the targets, which the check is about, are drawn and shrunk: disease and variety independently."""
    output = (np.random.default_rng(seed).integers(-20, 21, size=(n, 20)) / 4).astype(np.float32)
    return st.tuples(st.just(output), _targets(n, 10), _targets(n, 10))


two_headed = st.tuples(st.integers(2, 4), st.integers(0, 2**16)).flatmap(lambda s: _two_headed(*s))


# -- the reference, and what the usual wrong versions give --------------------------------------------------

def _ref(name: str, *arrays: np.ndarray) -> np.ndarray:
    args = [torch.from_numpy(a).double() if a.dtype.kind == "f" else torch.from_numpy(a) for a in arrays]
    return getattr(ref, name)(*args).numpy()


def _t(a: np.ndarray) -> torch.Tensor:
    return torch.from_numpy(a)


def _atol(*arrays: np.ndarray) -> float:
    """The absolute tolerance for an answer computed in float32 from `arrays`: with logits of 1e4, a correct
    x - logsumexp(x) is off by ~1e-3 (an ulp of 1e4), so the tolerance grows with the largest input."""
    return ATOL + ROUNDING * max(float(np.abs(a).max(initial=0)) for a in arrays if a.dtype.kind == "f")


def _same(got, variant, atol: float) -> bool:
    """`got` is what `variant()` computes (NaN matching NaN, infinities exactly)."""
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")  # a wrong version may warn (deprecated broadcasting, log of 0)
        want = variant()
    want = np.asarray(want.detach().numpy() if isinstance(want, torch.Tensor) else want, np.float64)
    array = got.array if isinstance(got, TensorValue) else np.asarray(got, np.float64) if isinstance(got, float) else None
    return array is not None and array.shape == want.shape and \
        bool(np.isclose(array, want, rtol=RTOL, atol=atol, equal_nan=True).all())


def _not_finite(got) -> bool:
    return isinstance(got, TensorValue) and not np.isfinite(got.array).all()


def _softmax_by(x: torch.Tensor, shift: torch.Tensor | float, dim: int = -1, keepdim: bool = True) -> torch.Tensor:
    e = (x - shift).exp()
    return e / e.sum(dim, keepdim=keepdim)


def _log_softmax_by(x: torch.Tensor, shift: torch.Tensor | float, dim: int = -1, keepdim: bool = True) -> torch.Tensor:
    return x - shift - (x - shift).exp().sum(dim, keepdim=keepdim).log()


def _row_max(x: torch.Tensor) -> torch.Tensor:
    return x.amax(-1, keepdim=True)


def _other_dims(x: torch.Tensor) -> range:
    return range(x.ndim - 1)


def _dim_mistakes(error) -> bool:
    return "Dimension out of range" in error.message


def _softmax_misreadings(x: np.ndarray) -> list:
    same = lambda got, variant: _same(got, variant, _atol(x))  # noqa: E731
    t = _t(x)
    return [
        ("no_max_subtraction", lambda got: same(got, lambda: _softmax_by(t, 0.0))),
        ("global_max", lambda got: same(got, lambda: _softmax_by(t, t.max()))),
        ("wrong_dim", lambda got: any(same(got, lambda d=d: _softmax_by(t, t.amax(d, keepdim=True), d))
                                      for d in _other_dims(t))),
        ("wrong_dim", _dim_mistakes),
        ("no_keepdim", lambda got: same(got, lambda: _softmax_by(t, _row_max(t), keepdim=False))),
        ("no_keepdim", lambda error: "must match the size" in error.message),
        ("not_normalised", lambda got: same(got, lambda: (t - _row_max(t)).exp())),
        ("no_max_subtraction", _not_finite),
    ]


def _log_softmax_misreadings(x: np.ndarray) -> list:
    same = lambda got, variant: _same(got, variant, _atol(x))  # noqa: E731
    t = _t(x)
    return [
        ("log_of_softmax", lambda got: same(got, lambda: _softmax_by(t, _row_max(t)).log())),
        ("no_max_subtraction", lambda got: same(got, lambda: _log_softmax_by(t, 0.0))),
        ("global_max", lambda got: same(got, lambda: _log_softmax_by(t, t.max()))),
        ("wrong_dim", lambda got: any(same(got, lambda d=d: _log_softmax_by(t, t.amax(d, keepdim=True), d))
                                      for d in _other_dims(t))),
        ("wrong_dim", _dim_mistakes),
        ("no_keepdim", lambda got: same(got, lambda: _log_softmax_by(t, _row_max(t), keepdim=False))),
        ("no_keepdim", lambda error: "must match the size" in error.message),
    ]


def _picked(values: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    return values[torch.arange(len(targets)), targets]


def _cross_entropy_misreadings(x: np.ndarray, y: np.ndarray) -> list:
    same = lambda got, variant: _same(got, variant, _atol(x))  # noqa: E731
    t, targets = _t(x), _t(y)
    log_probs = lambda: _log_softmax_by(t, _row_max(t))  # noqa: E731
    expected = _ref("cross_entropy", x, y)
    return [
        ("returned_a_number", lambda got: isinstance(got, float)),
        # The unstable versions next: with moderate logits they equal the right answer, so they cannot match a
        # wrong one there, while with huge logits several wrong versions end in the same inf or nan.
        ("log_of_softmax", lambda got: same(got, lambda: -_picked(_softmax_by(t, _row_max(t)).log(), targets).mean())),
        ("no_max_subtraction", lambda got: same(got, lambda: -_picked(_log_softmax_by(t, 0.0), targets).mean())),
        ("sum_not_mean", lambda got: same(got, lambda: -_picked(log_probs(), targets).sum())),
        ("column_slice", lambda got: same(got, lambda: -log_probs()[:, targets].mean())
         or same(got, lambda: -log_probs()[:, targets].sum())),
        ("probabilities_not_log", lambda got: same(got, lambda: -_picked(log_probs().exp(), targets).mean())),
        ("no_log_softmax", lambda got: same(got, lambda: -_picked(t, targets).mean())),
        ("missing_minus", lambda got: same(got, lambda: -np.asarray(expected))),
        ("no_max_subtraction", _not_finite),
    ]


def _bce_misreadings(x: np.ndarray, y: np.ndarray) -> list:
    same = lambda got, variant: _same(got, variant, _atol(x))  # noqa: E731
    t, targets = _t(x), _t(y)
    expected = float(_ref("binary_cross_entropy", x, y))

    def naive(p: torch.Tensor) -> torch.Tensor:
        return -(targets * p.log() + (1 - targets) * (1 - p).log())

    return [
        ("returned_a_number", lambda got: isinstance(got, float)),
        # The unstable versions next (see _cross_entropy_misreadings).
        ("log_sigmoid_underflow", lambda got: same(got, lambda: naive(t.sigmoid()).mean())),
        ("exp_overflow", lambda got: same(got, lambda: (torch.log1p(t.exp()) - t * targets).mean())
         or same(got, lambda: (t - t * targets + torch.log1p((-t).exp())).mean())),
        ("sum_not_mean", lambda got: same(got, lambda: np.asarray(expected * len(x)))),
        ("swapped_terms", lambda got: same(got, lambda: naive(1 - t.sigmoid()).mean())),
        ("no_sigmoid", lambda got: same(got, lambda: naive(t).mean())),
        ("hard_labels_only", lambda got: any(same(got, lambda hard=hard: F.softplus(torch.where(hard, -t, t)).mean())
                                             for hard in (targets == 1, targets > 0.5, targets >= 0.5))),
        ("missing_minus", lambda got: same(got, lambda: np.asarray(-expected))),
        ("log_sigmoid_underflow", _not_finite),
        ("clamped_probabilities", lambda got: np.isfinite(got.array).all() and float(got.array) < expected),
    ]


def _ce(z: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    """Cross-entropy computed the stable way, in z's own dtype (float32, like the learner's)."""
    return -_picked(_log_softmax_by(z, _row_max(z)), target).mean()


def _multi_target_misreadings(out: np.ndarray, disease: np.ndarray, variety: np.ndarray) -> list:
    same = lambda got, variant: _same(got, variant, _atol(out))  # noqa: E731
    t, d, v = _t(out), _t(disease), _t(variety)
    expected = _ref("multi_target_loss", out, disease, variety)
    return [
        ("swapped_heads", lambda got: same(got, lambda: _ce(t[:, 10:], d) + _ce(t[:, :10], v))),
        ("no_slicing", lambda got: same(got, lambda: _ce(t, d) + _ce(t, v))),
        ("averaged_heads", lambda got: same(got, lambda: np.asarray(expected / 2))),
        ("one_head_only", lambda got: same(got, lambda: _ce(t[:, :10], d)) or same(got, lambda: _ce(t[:, 10:], v))),
        # output[10:] has no rows when N <= 10: an empty batch, which raises or averages to nan
        ("rows_not_columns", lambda error: "[0, " in error.message or "batch_size (0)" in error.message),
        ("rows_not_columns", lambda got: bool(np.isnan(got.array).all())),
    ]


# -- softmax and log_softmax ------------------------------------------------------------------------------

def _compare_rows(learner, name: str, x: np.ndarray, misreadings) -> None:
    """The reference is finite for every finite input, so an inf or nan in the answer fails here too."""
    answer = learner.call(name, tensor(x), expect_error=True)
    expect.tensor(answer, _ref(name, x), rtol=RTOL, atol=_atol(x), misconceptions=misreadings(x))


SOFTMAX_EXAMPLES = [np.array([[1.0, 2.0, 3.0], [3.0, 0.0, 0.0]], np.float32)]
RANK_EXAMPLES = [np.array([1.0, 2.0, 3.0], np.float32), np.arange(12, dtype=np.float32).reshape(2, 2, 3) % 5]


@EXERCISE.check("softmax.matches_reference", points=2, given=matrices(10.0), examples=SOFTMAX_EXAMPLES,
                max_examples=12,
                says="softmax(logits) must be exp(logits) divided by its sum along the last dimension: each row "
                     "of a [N, C] input becomes probabilities that add up to 1.")
def softmax_values(learner, x):
    _compare_rows(learner, "softmax", x, _softmax_misreadings)


@EXERCISE.check("softmax.last_dimension", points=1, given=other_ranks(10.0), examples=RANK_EXAMPLES, max_examples=8,
                says="softmax must work along the last dimension for inputs of any rank: a 1-D vector becomes one "
                     "set of probabilities, a [A, B, C] tensor A*B sets of C.")
def softmax_ranks(learner, x):
    _compare_rows(learner, "softmax", x, _softmax_misreadings)


# The stability checks have no fixed examples: drawn logits of up to 1e4 break an unstable version at once, and
# hypothesis then shrinks the failure to the smallest input that shows it (often a single logit).
@EXERCISE.check("softmax.stable_for_large_logits", points=1, given=matrices(LARGE), max_examples=16,
                says="softmax must stay finite and exact for logits of any size (here up to +-1e4, with ties): "
                     "no inf, no nan.")
def softmax_stable(learner, x):
    _compare_rows(learner, "softmax", x, _softmax_misreadings)


@EXERCISE.check("softmax.from_scratch", points=1, given=matrices(10.0), max_examples=3,
                says="softmax must be built from exp, sums and max: not torch.softmax, F.softmax, Tensor.softmax or "
                     "nn.Softmax.")
def softmax_scratch(learner, x):
    answer = learner.call("softmax", tensor(x), watch=True)
    expect_from_scratch(learner, answer, "softmax", misconception="library_softmax")
    expect.tensor(answer, _ref("softmax", x), rtol=RTOL, atol=_atol(x))


@EXERCISE.check("log_softmax.matches_reference", points=2, given=matrices(10.0), examples=SOFTMAX_EXAMPLES,
                max_examples=12,
                says="log_softmax(logits) must be log(softmax(logits)) along the last dimension: "
                     "logits - log(sum(exp(logits))) row by row.")
def log_softmax_values(learner, x):
    _compare_rows(learner, "log_softmax", x, _log_softmax_misreadings)


@EXERCISE.check("log_softmax.last_dimension", points=1, given=other_ranks(10.0), examples=RANK_EXAMPLES,
                max_examples=8,
                says="log_softmax must work along the last dimension for inputs of any rank (1-D, 3-D, ...).")
def log_softmax_ranks(learner, x):
    _compare_rows(learner, "log_softmax", x, _log_softmax_misreadings)


@EXERCISE.check("log_softmax.stable_for_large_logits", points=1, given=matrices(LARGE), max_examples=16,
                says="log_softmax must stay finite and exact for logits of any size (here up to +-1e4, with ties): "
                     "no inf, no nan, and no log(0) for a tiny probability.")
def log_softmax_stable(learner, x):
    _compare_rows(learner, "log_softmax", x, _log_softmax_misreadings)


@EXERCISE.check("log_softmax.from_scratch", points=1, given=matrices(10.0), max_examples=3,
                says="log_softmax must be built from exp, log, max or torch.logsumexp: not F.log_softmax, "
                     "torch.log_softmax, Tensor.log_softmax or nn.LogSoftmax (nor their softmax forms).")
def log_softmax_scratch(learner, x):
    answer = learner.call("log_softmax", tensor(x), watch=True)
    expect_from_scratch(learner, answer, "log_softmax", misconception="library_softmax")
    expect.tensor(answer, _ref("log_softmax", x), rtol=RTOL, atol=_atol(x))


# -- cross_entropy --------------------------------------------------------------------------------------

def _scalar(value: np.ndarray) -> np.ndarray:
    return np.asarray(value, np.float64).reshape(())


CE_EXAMPLES = [(np.array([[2.0, 1.0, 0.0], [0.0, 3.0, 1.0], [1.0, 0.0, 2.0]], np.float32), np.array([2, 0, 1]))]


def _loss(learner, name: str, *arrays: np.ndarray, misreadings) -> None:
    answer = learner.call(name, *(tensor(a) for a in arrays), expect_error=True)
    expect.tensor(answer, _scalar(_ref(name, *arrays)), rtol=RTOL, atol=_atol(*arrays),
                  misconceptions=misreadings(*arrays))


@EXERCISE.check("cross_entropy.matches_reference", points=2, given=classified(10.0), examples=CE_EXAMPLES,
                max_examples=12,
                says="cross_entropy(logits, targets) must be F.cross_entropy: the mean over the N rows of "
                     "-log_softmax(logits)[i, targets[i]], a 0-dim tensor.")
def cross_entropy_values(learner, case):
    _loss(learner, "cross_entropy", *case, misreadings=_cross_entropy_misreadings)


@EXERCISE.check("cross_entropy.stable_for_large_logits", points=1, given=classified(LARGE, rows=(1, 5)),
                max_examples=10,
                says="cross_entropy must stay finite and exact for logits of any size (here up to +-1e4): a "
                     "confident wrong answer has a large loss, never inf or nan.")
def cross_entropy_stable(learner, case):
    _loss(learner, "cross_entropy", *case, misreadings=_cross_entropy_misreadings)


@EXERCISE.check("cross_entropy.gradient", points=1, given=classified(10.0), examples=CE_EXAMPLES, max_examples=6,
                says="cross_entropy must keep autograd's graph: its gradient with respect to the logits is "
                     "(softmax(logits) - one_hot(targets)) / N, the same as F.cross_entropy's.")
def cross_entropy_gradient(learner, case):
    x, y = case
    call = (f"x = {as_python.code(tensor(x, requires_grad=True))}; "
            f"cross_entropy(x, {as_python.code(tensor(y))}).backward(); x.grad")
    answer = learner.probe(probes.gradient, "cross_entropy", tensor(x, requires_grad=True), tensor(y),
                           call=call)
    xd = torch.from_numpy(x).double().requires_grad_(True)
    ref.cross_entropy(xd, torch.from_numpy(y)).backward()
    expected = xd.grad.numpy()
    shown = f"x.grad = {as_python.value(TensorValue(expected.astype(np.float32), 'float32'))}"
    result = answer.value
    if result["grad"] is None:
        why = f" ({result['why']})" if result["why"] else ""
        expect.fail(answer, f"no gradient reached x{why}", shown, misconception="no_gradient")
    expect.compare_arrays(answer, result["grad"].array, expected, got_shown=f"x.grad = {as_python.value(result['grad'])}",
                          expected_shown=shown, rtol=RTOL, atol=_atol(x), misconceptions=[
                              ("sum_not_mean", lambda got: np.allclose(got, expected * len(y), RTOL, _atol(x)))])


@EXERCISE.check("cross_entropy.from_scratch", points=1, given=classified(10.0), max_examples=3,
                says="cross_entropy must be built from your log_softmax and a pick per row (gather, or indexing): "
                     "not F.cross_entropy, F.nll_loss, nn.CrossEntropyLoss, nn.NLLLoss or torch's softmax routines.")
def cross_entropy_scratch(learner, case):
    x, y = case
    answer = learner.call("cross_entropy", tensor(x), tensor(y), watch=True)
    expect_from_scratch(learner, answer, "cross_entropy", misconception="library_loss")
    expect.tensor(answer, _scalar(_ref("cross_entropy", x, y)), rtol=RTOL, atol=_atol(x))


# -- binary_cross_entropy -----------------------------------------------------------------------------------

@EXERCISE.check("binary_cross_entropy.matches_reference", points=2, given=binary(10.0),
                examples=[(np.array([2.0, -1.0, 0.5], np.float32), np.array([1.0, 0.0, 0.25], np.float32))],
                max_examples=12,
                says="binary_cross_entropy(logits, targets) must be F.binary_cross_entropy_with_logits: the mean of "
                     "-[y log(sigmoid(x)) + (1 - y) log(1 - sigmoid(x))], targets anywhere in [0, 1].")
def bce_values(learner, case):
    _loss(learner, "binary_cross_entropy", *case, misreadings=_bce_misreadings)


# One single-logit example first: there the textbook formula gives nan (0 * log(0)) and log1p(exp(x)) gives inf,
# so each is named for what it is; the drawn ones shrink like the other stability checks.
@EXERCISE.check("binary_cross_entropy.stable_for_large_logits", points=1, given=binary(LARGE, min_size=1),
                examples=[(np.array([250.0], np.float32), np.array([1.0], np.float32))], max_examples=12,
                says="binary_cross_entropy must stay finite and exact for logits of any size, at both extremes "
                     "(here up to +-1e4): a confident wrong answer costs about |x|, never inf or nan.")
def bce_stable(learner, case):
    _loss(learner, "binary_cross_entropy", *case, misreadings=_bce_misreadings)


@EXERCISE.check("binary_cross_entropy.from_scratch", points=1, given=binary(10.0), max_examples=3,
                says="binary_cross_entropy must be built from exp, log1p, softplus, clamp or sigmoid: not "
                     "F.binary_cross_entropy(_with_logits), nn.BCELoss or nn.BCEWithLogitsLoss.")
def bce_scratch(learner, case):
    x, y = case
    answer = learner.call("binary_cross_entropy", tensor(x), tensor(y), watch=True)
    expect_from_scratch(learner, answer, "binary_cross_entropy", misconception="library_loss")
    expect.tensor(answer, _scalar(_ref("binary_cross_entropy", x, y)), rtol=RTOL, atol=_atol(x))


# -- multi_target_loss ------------------------------------------------------------------------------------

MULTI_EXAMPLES = [(np.tile(np.arange(20, dtype=np.float32) % 7, (2, 1)), np.array([0, 9]), np.array([3, 3]))]


@EXERCISE.check("multi_target_loss.matches_reference", points=2, given=two_headed, examples=MULTI_EXAMPLES,
                max_examples=12,
                says="multi_target_loss(output, disease, variety) must be cross_entropy(output[:, :10], disease) + "
                     "cross_entropy(output[:, 10:], variety): the first 10 columns score the diseases, the last 10 "
                     "the varieties.")
def multi_target_values(learner, case):
    _loss(learner, "multi_target_loss", *case, misreadings=_multi_target_misreadings)


@EXERCISE.check("multi_target_loss.from_scratch", points=1, given=two_headed, max_examples=3,
                says="multi_target_loss must use your own cross_entropy (or log_softmax): not F.cross_entropy, "
                     "F.nll_loss, nn.CrossEntropyLoss, nn.NLLLoss or torch's softmax routines.")
def multi_target_scratch(learner, case):
    answer = learner.call("multi_target_loss", *(tensor(a) for a in case), watch=True)
    expect_from_scratch(learner, answer, "multi_target_loss", misconception="library_loss")
    expect.tensor(answer, _scalar(_ref("multi_target_loss", *case)), rtol=RTOL, atol=_atol(case[0]))
