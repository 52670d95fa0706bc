"""Checks for ex04: `sigmoid_range`, the three dot-product models, and `create_params`.

The models are compared through the state-dict contract: the grader builds the learner's module,
copies drawn weights into its named attributes (`user_factors`, ...), and compares its output and
gradients with the reference module holding the same weights.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import torch
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import reference.ex04_dot_model as ref
from grader import as_python, expect
from grader.from_scratch.check import expect_from_scratch
from grader.plain import TensorValue, tensor
from grader.probes import ex04_dot_model as probes
from grader.probes.ex04_dot_model import EMBEDDING_MODELS, attribute_shapes, load_weights
from grader.specs import Exercise
from grader.strategies import grid_arrays

EXERCISE = Exercise("ex04_dot_model",
                    names=["sigmoid_range", "DotProduct", "DotProductBias", "create_params", "DotProductBiasScratch"])
MODELS = ("DotProduct", "DotProductBias", "DotProductBiasScratch")
DEFAULT_Y_RANGE = (0.0, 5.5)
GRID = (0.0, 0.5, -0.5, 1.0, -1.0, 1.5, -1.5, 2.0, -2.0)  # weights short enough to read in a failure
LARGE = (0.0, 10.0, -10.0, 30.0, -30.0)  # dot products far into sigmoid's flat ends

# Ranges with low != 0 catch a missing `+ low`; drawn ones also have negative and non-round ends.
y_ranges = st.one_of(
    st.sampled_from([DEFAULT_Y_RANGE, (1.0, 5.0), (-1.0, 1.0), (0.5, 5.5), (-3.0, -1.0), (10.0, 12.5)]),
    st.tuples(st.integers(-8, 8), st.integers(1, 12)).map(lambda t: (t[0] / 4, (t[0] + t[1]) / 4)))


# -- sigmoid_range -----------------------------------------------------------------------------------

def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (1 + np.tanh(np.asarray(x, np.float64) / 2))  # = 1 / (1 + exp(-x)), without overflow


def _range_misreadings(x: np.ndarray, low: float, high: float) -> list:
    def close(got, other) -> bool:
        return got.shape == np.shape(other) and bool(np.allclose(got.array, other, rtol=1e-4, atol=1e-4))

    s = _sigmoid(x)
    return [
        ("unstable_sigmoid", lambda got: bool(np.isnan(got.array).any())),
        ("no_plus_low", lambda got: low != 0 and close(got, s * (high - low))),
        ("high_not_width", lambda got: low != 0 and close(got, s * high + low)),
        ("no_sigmoid", lambda got: close(got, x * (high - low) + low)),
        ("tanh_not_sigmoid", lambda got: close(got, np.tanh(x.astype(np.float64)) * (high - low) + low)),
    ]


def _inputs(shape: tuple, seed: int) -> np.ndarray:
    """x for sigmoid_range: quarters in [-10, 10], picked by a seeded generator (hypothesis draws the
    shape and the seed, a tenth of the cost of drawing every number)."""
    return np.asarray(np.random.default_rng(seed).integers(-40, 41, size=shape) / 4, dtype=np.float32)


@EXERCISE.check("sigmoid_range.matches_reference", points=2, max_examples=12,
                given=st.tuples(st.builds(_inputs, hnp.array_shapes(min_dims=0, max_dims=2, min_side=1, max_side=4),
                                          st.integers(0, 2**16)), y_ranges),
                examples=[(np.array([-1.0, 0.0, 2.0], np.float32), (1.0, 5.0))],
                says="sigmoid_range(x, low, high) must be sigmoid(x) * (high - low) + low, elementwise, "
                     "with the shape of x.")
def range_values(learner, case):
    x, (low, high) = case
    answer = learner.call("sigmoid_range", tensor(x), low, high, expect_error=True)
    expected = ref.sigmoid_range(torch.from_numpy(x), low, high).numpy()
    expect.tensor(answer, expected, dtype="float", rtol=1e-5, atol=1e-5, misconceptions=_range_misreadings(x, low, high))




# x up to +-1e4 in steps of 250, beside moderate quarters: both flat ends of sigmoid and its middle. The one example
# (x = -4 in (1, 5)) tells a missing sigmoid, tanh and a missing + low apart.
@EXERCISE.check("sigmoid_range.within_bounds", points=1, max_examples=15,
                examples=[(np.array([-4.0], np.float32), (1.0, 5.0))],
                given=st.tuples(st.integers(1, 6).flatmap(lambda n: grid_arrays((n,), 1e4, fine=st.integers(-16, 16).map(
                    lambda k: k / 4))), y_ranges),
                says="sigmoid_range(x, low, high) must stay between low and high for every finite x, however "
                     "large: strictly inside for moderate x, at most touching the ends where sigmoid saturates.")
def range_bounds(learner, case):
    x, (low, high) = case
    answer = learner.call("sigmoid_range", tensor(x), low, high, expect_error=True)
    expect.no_error(answer)
    got = answer.value
    misreadings = _range_misreadings(x, low, high)
    if not isinstance(got, TensorValue) or got.shape != x.shape:
        expect.fail(answer, as_python.value(got), f"a tensor of shape {list(x.shape)}",
                    misconception=expect.diagnose(got, misreadings))
    values = got.array.astype(np.float64)
    slack = 1e-6 * (1 + abs(low) + abs(high))  # float32 rounding at the ends
    moderate = np.abs(x) <= 4
    outside = ~((values >= low - slack) & (values <= high + slack)) | (moderate & ~((values > low) & (values < high)))
    if outside.any():
        i = tuple(int(k) for k in np.argwhere(outside)[0])
        expect.fail(answer, as_python.value(got), f"every value in ({as_python.code(low)}, {as_python.code(high)})",
                    detail=f"x = {as_python.code(float(x[i]))} gave {as_python.code(float(values[i]))}",
                    misconception=lambda: expect.diagnose(got, misreadings))


# -- the models: cases, reference, what the usual wrong versions return --------------------------------

@dataclass(frozen=True)
class ModelCase:
    model: str
    n_users: int
    n_movies: int
    n_factors: int | None  # None: left at the default, 5
    y_range: tuple | None  # None: left at the default, (0, 5.5)
    weights: dict  # attribute name -> float32 array of the contract's shape
    batch: np.ndarray  # int64 [N, 2]: users, movies

    @property
    def factors(self) -> int:
        return self.n_factors or 5

    @property
    def bounds(self) -> tuple:
        return self.y_range or DEFAULT_Y_RANGE


def _make_case(model: str, values: tuple, n_users: int, n_movies: int, n_factors: int | None, bounds: tuple | None,
               n_rows: int, seed: int) -> ModelCase:
    rng = np.random.default_rng(seed)
    shapes = attribute_shapes(model, n_users, n_movies, n_factors or 5)
    weights = {name: rng.choice(np.array(values, np.float32), size=shape) for name, shape in shapes.items()}
    batch = np.stack([rng.integers(0, n_users, n_rows), rng.integers(0, n_movies, n_rows)], axis=1).astype(np.int64)
    return ModelCase(model, n_users, n_movies, n_factors, bounds, weights, batch)


def model_cases(model: str, values: tuple = GRID, y_range: st.SearchStrategy | None = None) -> st.SearchStrategy:
    """Sizes, y_range and batch length drawn (and shrunk) by hypothesis; the weights and ids picked from
    `values` and the ranges by a seeded generator, which costs a tenth of drawing each number."""
    return st.builds(_make_case, st.just(model), st.just(values), st.integers(1, 5), st.integers(1, 5),
                     st.one_of(st.none(), st.integers(1, 4)),
                     y_range if y_range is not None else st.one_of(st.none(), y_ranges),
                     st.integers(2, 6), st.integers(0, 2**16))


def _example(model: str) -> ModelCase:
    shapes = attribute_shapes(model, 3, 4, 2)
    weights = {name: (np.arange(np.prod(shape), dtype=np.float32).reshape(shape) % 5 - 2) / 2
               for name, shape in shapes.items()}
    return ModelCase(model, 3, 4, 2, (1.0, 5.0), weights, np.array([[0, 1], [2, 3], [1, 0]], dtype=np.int64))


def _saturating_example(model: str) -> ModelCase:
    """Dot products of +-1800 and 0, inside y_range (1, 5): both of sigmoid's flat ends, and a low end that is not 0."""
    shapes = attribute_shapes(model, 3, 4, 2)
    factors = {"user_factors": [[30, 30], [30, -30], [-30, 30]], "movie_factors": [[30, 30], [-30, -30], [30, -30], [0, 0]]}
    weights = {name: np.array(factors[name], np.float32) if name in factors else np.zeros(shape, np.float32)
               for name, shape in shapes.items()}
    return ModelCase(model, 3, 4, 2, (1.0, 5.0), weights, np.array([[0, 0], [0, 1], [1, 2], [2, 3]], dtype=np.int64))


def _reference_module(case: ModelCase) -> torch.nn.Module:
    module = getattr(ref, case.model)(case.n_users, case.n_movies, case.factors, case.bounds)
    problem = load_weights(module, case.model, {k: torch.from_numpy(v) for k, v in case.weights.items()})
    assert problem is None, problem
    return module


def _variant(case: ModelCase, *, bounds: tuple | None = None, plus_low: bool = True, squash: bool = True,
             bias: bool = True, swap: bool = False) -> np.ndarray:
    """What the model gives with one thing changed, in float64: the usual wrong versions' outputs."""
    w = {k: v.astype(np.float64) for k, v in case.weights.items()}
    users, movies = (case.batch[:, 1], case.batch[:, 0]) if swap else (case.batch[:, 0], case.batch[:, 1])
    score = (w["user_factors"][users] * w["movie_factors"][movies]).sum(1)
    if bias and "user_bias" in w:
        score = score + w["user_bias"].reshape(-1)[users] + w["movie_bias"].reshape(-1)[movies]
    if not squash:
        return score
    low, high = bounds or case.bounds
    return _sigmoid(score) * (high - low) + (low if plus_low else 0)


def _model_misreadings(case: ModelCase) -> list:
    n = len(case.batch)

    def close(got, other) -> bool:
        """`got` is the wrong version's output, and on this case that differs from the right output."""
        near = lambda a, b: np.shape(a) == np.shape(b) and bool(np.allclose(a, b, rtol=1e-4, atol=1e-4))  # noqa: E731
        return near(got.array, other) and not near(other, _variant(case))

    return [
        ("forgot_super_init", lambda error: "__init__() call" in error.message),
        ("columns_swapped", lambda error: error.type == "IndexError" and "out of" in error.message),
        ("bias_broadcast", lambda got: "user_bias" in case.weights and got.shape == (n, n)),
        ("outer_product", lambda got: "user_bias" not in case.weights and got.shape == (n, n)),
        ("keepdim_output", lambda got: got.shape == (n, 1)),
        ("unstable_sigmoid", lambda got: bool(np.isnan(got.array).any())),
        ("y_range_ignored", lambda got: close(got, _variant(case, bounds=DEFAULT_Y_RANGE))),
        ("no_plus_low", lambda got: close(got, _variant(case, plus_low=False))),
        ("no_sigmoid_range", lambda got: close(got, _variant(case, squash=False))),
        ("bias_missing", lambda got: close(got, _variant(case, bias=False))),
        ("columns_swapped", lambda got: close(got, _variant(case, swap=True))),
    ]


def _call_text(case: ModelCase, then: str = "") -> str:
    options = "".join(f", {k}={as_python.code(v)}" for k, v in (("n_factors", case.n_factors), ("y_range", case.y_range))
                      if v is not None)
    lines = [f"model = {case.model}({case.n_users}, {case.n_movies}{options})", "with torch.no_grad():"]
    suffix = ".weight" if case.model in EMBEDDING_MODELS else ""
    lines += [f"    model.{name}{suffix}.copy_({as_python.code(tensor(w))})" for name, w in case.weights.items()]
    lines.append(f"out = model({as_python.code(tensor(case.batch))}){then}")
    return "\n".join(lines)


def _run_model(learner, case: ModelCase, backward: bool = False):
    weights = {name: tensor(w) for name, w in case.weights.items()}
    call = (lambda: _call_text(case, "; out.sum().backward()")) if backward else (lambda: _call_text(case))
    answer = learner.probe(probes.model_output, case.model, case.n_users, case.n_movies, case.n_factors,
                           case.y_range, weights, tensor(case.batch), backward=backward, call=call, expect_error=True)
    expect.no_error(answer, _model_misreadings(case))
    if answer.value["problem"]:
        expect.fail(answer, answer.value["problem"], "the attributes of DESIGN.md 2.1, with the shapes it gives")
    return answer


def _output(answer):
    """The answer with just the model's output as its value, for `expect.tensor`."""
    return replace(answer, value=answer.value["out"])


def _matches(learner, case: ModelCase) -> None:
    answer = _run_model(learner, case)
    expected = _reference_module(case)(torch.from_numpy(case.batch)).detach().numpy()
    expect.tensor(_output(answer), expected, dtype="float", rtol=1e-4, atol=1e-5,
                  misconceptions=_model_misreadings(case))


def _only_match(got, misconceptions) -> str | None:
    """The misconception whose test holds, when exactly one does. Huge weights saturate the sigmoid, so
    several wrong versions can give the same outputs; then naming one would be a guess."""
    keys = [key for key, test in misconceptions if expect.diagnose(got, [(key, test)])]
    return keys[0] if len(keys) == 1 else None


def _in_y_range(learner, case: ModelCase) -> None:
    answer = _output(_run_model(learner, case))
    got, (low, high) = answer.value, case.bounds
    misreadings = _model_misreadings(case)
    if not isinstance(got, TensorValue) or not got.is_floating:
        expect.fail(answer, as_python.value(got), "a float tensor", misconception=expect.diagnose(got, misreadings))
    slack = 1e-5 * (1 + abs(low) + abs(high))
    inside = (got.array >= low - slack) & (got.array <= high + slack)
    if not inside.all():
        bad = got.array[~inside][0]
        expect.fail(answer, as_python.value(got), f"every value in [{as_python.code(low)}, {as_python.code(high)}] (y_range)",
                    detail=f"{as_python.code(float(bad))} lies outside y_range",
                    misconception=lambda: _only_match(got, misreadings))


def _gradients(learner, case: ModelCase) -> None:
    answer = _run_model(learner, case, backward=True)
    module = _reference_module(case)
    module(torch.from_numpy(case.batch)).sum().backward()
    suffix = ".weight" if case.model in EMBEDDING_MODELS else ""
    # A wrong output explains wrong gradients: name what is wrong with it first.
    out_misreadings, out = _model_misreadings(case), answer.value["out"]
    wanted = {}
    for name in case.weights:  # first: does a gradient reach every attribute, through model.parameters()?
        reference_tensor = getattr(module, name).weight if suffix else getattr(module, name)
        wanted[name] = want = TensorValue(reference_tensor.grad.numpy(), "float32")
        got, where = answer.value["grads"][name], f"model.{name}{suffix}.grad"
        if not isinstance(got, TensorValue):
            expect.fail(answer, f"{where} is {as_python.code(got)}", f"{where} = {as_python.value(want)}",
                        misconception=lambda: expect.diagnose(out, out_misreadings) or "no_gradient")
        if not answer.value["registered"][name]:
            expect.fail(answer, f"model.{name} is not in model.parameters()", f"{where} = {as_python.value(want)}",
                        misconception="not_registered")
    by_output = [(key, lambda _, test=test: test(out)) for key, test in out_misreadings]
    for name, want in wanted.items():  # then: the same values as the reference's
        got, where = answer.value["grads"][name], f"model.{name}{suffix}.grad"
        if got.shape != want.shape:
            expect.fail(answer, f"{where} = {as_python.value(got)}", f"{where} = {as_python.value(want)}")
        expect.compare_arrays(answer, got.array, want.array, got_shown=f"{where} = {as_python.value(got)}",
                              expected_shown=f"{where} = {as_python.value(want)}", rtol=1e-4, atol=1e-5,
                              misconceptions=[*by_output, ("no_gradient", lambda g: not g.any() and want.array.any())])


def _model_checks(model: str, matches_says: str) -> None:
    """The three checks every model gets: same output, values inside y_range, same gradients."""

    @EXERCISE.check(f"{model}.matches_reference", points=2, given=model_cases(model), max_examples=12,
                    examples=[_example(model)], says=matches_says)
    def matches(learner, case):
        _matches(learner, case)

    @EXERCISE.check(f"{model}.in_y_range", points=1, given=model_cases(model, LARGE, y_ranges), max_examples=5,
                    examples=[_saturating_example(model)],
                    says=f"{model}'s outputs must lie inside y_range, even when the dot products are huge.")
    def in_range(learner, case):
        _in_y_range(learner, case)

    @EXERCISE.check(f"{model}.gradients", points=1, given=model_cases(model), max_examples=5,
                    says=f"after {model}(...)(x).sum().backward(), every weight attribute must hold the same "
                         "gradient as the reference: each parameter trained, nothing detached.")
    def gradients(learner, case):
        _gradients(learner, case)


_model_checks("DotProduct", "DotProduct(n_users, n_movies, n_factors, y_range)(x) must be "
              "sigmoid_range((user_factors(x[:, 0]) * movie_factors(x[:, 1])).sum(1), *y_range), shape [N].")
_model_checks("DotProductBias", "DotProductBias(...)(x) must be sigmoid_range(dot + user_bias + movie_bias, "
              "*y_range), one value per row: shape [N].")


# -- create_params -----------------------------------------------------------------------------------

sizes = st.builds(lambda size, as_tuple: tuple(size) if as_tuple else size,
                  st.lists(st.integers(1, 5), min_size=1, max_size=3), st.booleans())  # fastbook passes lists


@EXERCISE.check("create_params.parameter", points=1, given=sizes, max_examples=8, examples=[[3, 2], (4,)],
                says="create_params(size) must return an nn.Parameter of shape size, a float tensor that requires grad.")
def params_type(learner, size):
    answer = learner.probe(probes.new_parameter, size, call=lambda: as_python.call_text("create_params", [size]),
                           expect_error=True)
    expect.no_error(answer, [("size_as_two_numbers", lambda error: error.type == "IndexError")])
    got, want = answer.value, f"an nn.Parameter of shape {list(size)}"
    if not got["tensor"]:
        expect.fail(answer, f"a {got['type']}: {as_python.code(got['value'])}", want)
    if got["shape"] != tuple(size):
        expect.fail(answer, f"shape {list(got['shape'])}", want)
    if not got["parameter"]:
        misconception = "scaled_after_wrapping" if got["type"] == "Tensor" and got["requires_grad"] else "plain_tensor"
        expect.fail(answer, f"a {got['type']} (requires_grad={got['requires_grad']})", want, misconception=misconception)
    if not got["requires_grad"] or not got["dtype"].startswith(("float", "bfloat")):
        expect.fail(answer, f"an nn.Parameter of dtype {got['dtype']}, requires_grad={got['requires_grad']}",
                    f"{want}, floating point, requires_grad=True")


def _init_misreadings() -> list:
    return [
        ("all_zeros", lambda s: s["std"] == 0),
        ("unit_std", lambda s: abs(s["std"] - 1) < 0.05),
        ("variance_not_std", lambda s: abs(s["std"] - 0.1) < 0.01),
        ("uniform_not_normal", lambda s: abs(s["kurtosis"] - 1.8) < 0.3),
    ]


# At least 10,000 values, as a list or a tuple of one to three sides: enough for tight bounds on the spread.
big_sizes = st.one_of(st.tuples(st.integers(100, 160), st.integers(100, 160)).map(list),
                      st.integers(10_000, 25_000).map(lambda n: (n,)),
                      st.tuples(st.integers(22, 30), st.integers(22, 30), st.integers(22, 30)))


@EXERCISE.check("create_params.normal_init", points=1, given=big_sizes, max_examples=3,
                examples=[[100, 100], (10000,), [20, 25, 20]],
                says="create_params(size) must draw its values from normal(0, 0.01): mean 0, standard deviation "
                     "0.01, bell-shaped.")
def params_init(learner, size):
    answer = learner.probe(probes.new_parameter, size, call=lambda: as_python.call_text("create_params", [size]))
    got = answer.value
    if not got["tensor"]:
        expect.fail(answer, f"a {got['type']}", f"an nn.Parameter of shape {list(size)}")
    # 10,000 draws: the standard errors are 1e-4 (mean), 7e-5 (std) and 0.05 (kurtosis), so these
    # bounds sit 10 or more standard errors away from what normal(0, 0.01) gives.
    stats = {k: got[k] for k in ("mean", "std", "kurtosis")}
    if not (abs(stats["mean"]) <= 1e-3 and 0.009 <= stats["std"] <= 0.011 and 2.5 <= stats["kurtosis"] <= 3.5):
        expect.fail(answer, _stats_text(stats),
                    "mean 0 ± 0.001, std 0.01 ± 0.001, kurtosis 3 ± 0.5 (a normal distribution)",
                    misconception=expect.diagnose(stats, _init_misreadings()))


def _stats_text(stats: dict) -> str:
    return ", ".join(f"{k} {v:.4g}" for k, v in stats.items())


# -- DotProductBiasScratch ---------------------------------------------------------------------------

_model_checks("DotProductBiasScratch", "DotProductBiasScratch(...)(x) must give the same output as "
              "DotProductBias with the same weights in user_factors, user_bias, movie_factors, movie_bias: shape [N].")

SCRATCH_SIZES = (2000, 1500, 4)  # enough values per attribute for a tight bound on their spread


@EXERCISE.check("DotProductBiasScratch.parameters", points=1, max_examples=2, examples=[SCRATCH_SIZES],
                given=st.tuples(st.integers(1500, 2500), st.integers(1500, 2500), st.integers(2, 6)),
                says="DotProductBiasScratch's user_factors [n_users, n_factors], user_bias [n_users], movie_factors "
                     "[n_movies, n_factors] and movie_bias [n_movies] must be Parameters made by create_params: "
                     "registered with the model, drawn from normal(0, 0.01).")
def scratch_parameters(learner, sizes):
    n_users, n_movies, n_factors = sizes
    answer = learner.probe(probes.scratch_parameters, n_users, n_movies, n_factors,
                           call=f"model = DotProductBiasScratch({n_users}, {n_movies}, n_factors={n_factors})")
    if answer.value["problem"]:
        expect.fail(answer, answer.value["problem"], "the attributes of DESIGN.md 2.1")
    shapes = attribute_shapes("DotProductBiasScratch", n_users, n_movies, n_factors)
    for name, facts in answer.value["attributes"].items():
        want = f"model.{name}: a registered nn.Parameter of shape {list(shapes[name])} from create_params"
        if facts["shape"] != shapes[name]:
            expect.fail(answer, f"model.{name} has shape {list(facts['shape'])}", want,
                        misconception="bias_two_dimensional" if facts["shape"] == shapes[name] + (1,) else None)
        if not (facts["parameter"] and facts["registered"] and facts["requires_grad"]):
            expect.fail(answer, f"model.{name}: parameter={facts['parameter']}, in model.parameters()="
                                f"{facts['registered']}, requires_grad={facts['requires_grad']}", want,
                        misconception="not_registered")
        if not (abs(facts["mean"]) <= 2e-3 and 0.008 <= facts["std"] <= 0.012):
            expect.fail(answer, f"model.{name}: mean {facts['mean']:.4g}, std {facts['std']:.4g}",
                        f"{want}: mean about 0, std about 0.01", misconception="not_create_params")


def _scratch_batch(n_users: int, n_movies: int, rows: int, seed: int) -> tuple:
    rng = np.random.default_rng(seed)
    batch = np.stack([rng.integers(0, n_users, rows), rng.integers(0, n_movies, rows)], axis=1).astype(np.int64)
    return n_users, n_movies, batch


@EXERCISE.check("DotProductBiasScratch.from_scratch", points=1, max_examples=2,
                given=st.builds(_scratch_batch, st.integers(1, 6), st.integers(1, 6), st.integers(1, 4),
                                st.integers(0, 2**16)),
                examples=[(3, 4, np.array([[0, 1], [2, 3]], np.int64))],
                says="DotProductBiasScratch must pick rows by indexing its own parameters: no nn.Embedding or "
                     "F.embedding, in the source, at run time, or held by the model.")
def scratch_rule(learner, case):
    n_users, n_movies, batch = case
    call = f"model = DotProductBiasScratch({n_users}, {n_movies}); model({as_python.code(tensor(batch))}).sum().backward()"
    answer = learner.probe(probes.scratch_forward, n_users, n_movies, tensor(batch),
                           watch="DotProductBiasScratch", call=call)
    if answer.value["problem"]:
        expect.fail(answer, answer.value["problem"], "an nn.Module")
    expect_from_scratch(learner, answer, "DotProductBiasScratch", misconception="embedding_in_scratch")
    if answer.value["embeddings"]:
        expect.fail(answer, "the model holds " + ", ".join(answer.value["embeddings"]),
                    "DotProductBiasScratch written without nn.Embedding", misconception="embedding_in_scratch")
