"""Checks for ex10: `emb_sz_rule` and `CollabNN`."""
from __future__ import annotations

import numpy as np
import torch
from hypothesis import strategies as st

import reference.ex10_neural as ref
from grader import as_python, expect
from grader.plain import TensorValue, tensor
from grader.probes import ex10_neural as probes
from grader.specs import Exercise

EXERCISE = Exercise("ex10_neural", names=["emb_sz_rule", "CollabNN"])


# -- emb_sz_rule -------------------------------------------------------------------------------------

def _size_misreadings(n: int) -> list:
    raw = 1.6 * n ** 0.56
    return [
        ("float_size", lambda got: isinstance(got, float)),
        ("no_cap", lambda got: raw > 600 and got == round(raw)),
        ("truncates", lambda got: got == int(raw) != round(raw) or got == min(600, int(raw)) != min(600, round(raw))),
    ]


def _expect_size(learner, n: int) -> None:
    answer = learner.call("emb_sz_rule", n, expect_error=True)
    expected = ref.emb_sz_rule(n)
    misreadings = _size_misreadings(n)
    got = expect.number(answer, expected, rtol=0, atol=0, misconceptions=misreadings)
    if not isinstance(answer.value, int):
        expect.fail(answer, f"{as_python.code(answer.value)} (a {type(answer.value).__name__})", f"{expected} (an int)",
                    misconception="float_size")
    assert got == expected


@EXERCISE.check("emb_sz_rule.matches_reference", points=2, given=st.integers(1, 200_000),
                examples=[944, 1665, 10],
                says="emb_sz_rule(n) must be min(600, round(1.6 * n ** 0.56)), as an int.")
def size_matches(learner, n):
    _expect_size(learner, n)


@EXERCISE.check("emb_sz_rule.capped", points=1, given=st.integers(100_000, 10**9), max_examples=10,
                examples=[10**6],
                says="emb_sz_rule must never give more than 600 factors, however many values the category has.")
def size_capped(learner, n):
    _expect_size(learner, n)


# -- CollabNN ----------------------------------------------------------------------------------------

# (user_sz, item_sz, options): factor sizes that differ, as the rule gives them.
SHAPES = [((5, 3), (7, 4), {}), ((4, 6), (3, 2), {"n_act": 8}), ((6, 2), (5, 5), {"y_range": (1.0, 5.0), "n_act": 5})]


def _call_text(user_sz, item_sz, options) -> str:
    extra = "".join(f", {k}={as_python.code(v)}" for k, v in options.items())
    return f"CollabNN({user_sz}, {item_sz}{extra})"


# Drawn shapes: numbers of users and items, factor sizes that differ or not, n_act and y_range given or left out.
drawn_shapes = st.tuples(st.tuples(st.integers(1, 8), st.integers(1, 6)), st.tuples(st.integers(1, 8), st.integers(1, 6)),
                         st.fixed_dictionaries({}, optional={"n_act": st.integers(1, 12),
                                                             "y_range": st.sampled_from([(1.0, 5.0), (0.0, 1.0),
                                                                                         (-2.0, 2.5)])}))
shapes = st.one_of(st.sampled_from(SHAPES), drawn_shapes)


@EXERCISE.check("CollabNN.sizes", points=2, given=shapes, max_examples=6, examples=SHAPES,
                says="CollabNN(user_sz, item_sz, n_act=...) must hold user_factors and item_factors of their own sizes "
                     "and layers = nn.Sequential(Linear(user + item factors, n_act), ReLU(), Linear(n_act, 1)).")
def collab_sizes(learner, case):
    user_sz, item_sz, options = case
    n_act = options.get("n_act", 100)
    call = _call_text(user_sz, item_sz, options)
    answer = learner.probe(probes.describe, list(user_sz), list(item_sz), options, call=call)
    got = answer.value
    for name, size in (("user_factors", user_sz), ("item_factors", item_sz)):
        if got[name] != tuple(size):
            same = got["item_factors"] == (item_sz[0], user_sz[1]) or got["user_factors"] == (user_sz[0], item_sz[1])
            expect.fail(answer, f"{name}.weight of shape {got[name]}", f"{name}.weight of shape {tuple(size)}",
                        misconception="same_factor_size" if same else None)
    if not got["sequential"]:
        expect.fail(answer, f"layers is {got['layers']}", "layers is an nn.Sequential", misconception="no_sequential")
    wanted = [(user_sz[1] + item_sz[1], n_act), (n_act, 1)]
    if got["linears"] != wanted:
        same = got["linears"][:1] in ([(2 * user_sz[1], n_act)], [(2 * item_sz[1], n_act)])
        expect.fail(answer, f"the Linear layers in layers, as (in, out): {got['linears']}", f"{wanted}",
                    misconception="same_factor_size" if same else "hard_coded_n_act" if got["linears"][:1] == [
                        (user_sz[1] + item_sz[1], 100)] else None)


def _weights(user_sz, item_sz, n_act: int, seed: int) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    sizes = {"user_factors": user_sz, "item_factors": item_sz, "hidden_weight": (n_act, user_sz[1] + item_sz[1]),
             "hidden_bias": (n_act,), "out_weight": (1, n_act), "out_bias": (1,)}
    return {name: rng.normal(0, 0.8, size).astype(np.float32) for name, size in sizes.items()}


def load_test_weights(model: torch.nn.Module, seed: int) -> None:
    """Put the weights a CollabNN check used into `model`, to reproduce a failure by hand."""
    linears = [m for m in model.layers.modules() if isinstance(m, torch.nn.Linear)]
    weights = _weights(tuple(model.user_factors.weight.shape), tuple(model.item_factors.weight.shape),
                       linears[0].out_features, seed)
    params = [model.user_factors.weight, model.item_factors.weight, linears[0].weight, linears[0].bias,
              linears[1].weight, linears[1].bias]
    with torch.no_grad():
        for param, name in zip(params, ref.WEIGHT_NAMES):
            param.copy_(torch.from_numpy(weights[name]))


forward_cases = st.tuples(shapes, st.integers(0, 10**6), st.integers(1, 6)).map(
    lambda c: (*c[0], c[1], np.stack([np.random.default_rng(c[1]).integers(0, c[0][0][0], c[2]),
                                      np.random.default_rng(c[1] + 1).integers(0, c[0][1][0], c[2])], axis=1)))


def _expected(weights, x, y_range) -> np.ndarray:
    return ref.forward_from_weights({k: torch.from_numpy(v) for k, v in weights.items()}, torch.from_numpy(x),
                                    y_range).numpy()


def _forward_misreadings(weights, x, y_range) -> list:
    w = {k: v.astype(np.float64) for k, v in weights.items()}
    low, high = y_range

    def raw(order=("user", "item"), relu=True):
        parts = {"user": w["user_factors"][x[:, 0]], "item": w["item_factors"][x[:, 1]]}
        hidden = np.concatenate([parts[o] for o in order], axis=1) @ w["hidden_weight"].T + w["hidden_bias"]
        return ((np.maximum(hidden, 0) if relu else hidden) @ w["out_weight"].T + w["out_bias"]).reshape(-1)

    squash = lambda v: low + (high - low) / (1 + np.exp(-v))  # noqa: E731
    near = lambda got, v: np.allclose(got.array.reshape(-1), v, rtol=1e-4, atol=1e-5)  # noqa: E731
    return [
        ("stack_not_cat", lambda error: "stack" in error.message or "equal size" in error.message),
        ("no_y_range", lambda got: near(got, raw())),
        ("no_relu", lambda got: near(got, squash(raw(relu=False)))),
        ("hard_coded_y_range", lambda got: y_range != (0, 5.5) and near(got, 5.5 / (1 + np.exp(-raw())))),
    ]


def _expect_forward(learner, case, backward=False):
    user_sz, item_sz, options, seed, x = case
    weights = _weights(user_sz, item_sz, options.get("n_act", 100), seed)
    y_range = tuple(options.get("y_range", (0, 5.5)))
    call = (f"model = {_call_text(user_sz, item_sz, options)}\n"
            f"load_test_weights(model, seed={seed})  # from grader.specs.ex10_neural import load_test_weights\n"
            f"model({as_python.code(tensor(x))})" + (".sum().backward()" if backward else ""))
    answer = learner.probe(probes.forward, list(user_sz), list(item_sz), options,
                           {k: tensor(v) for k, v in weights.items()}, tensor(x), backward=backward,
                           call=call, expect_error=True)
    misreadings = _forward_misreadings(weights, x, y_range)
    expect.no_error(answer, misreadings)
    if answer.value["loaded"] is not True:
        expect.fail(answer, answer.value["loaded"], "the parts the contract names, with their sizes",
                    detail="run the CollabNN.sizes check first")
    expected = _expected(weights, x, y_range)
    out = answer.value["out"]
    if not isinstance(out, TensorValue) or out.shape not in ((len(x),), (len(x), 1)):
        expect.fail(answer, as_python.value(out), f"a tensor of shape [{len(x)}, 1] or [{len(x)}]")
    flat = TensorValue(out.array.reshape(-1), out.dtype)
    from dataclasses import replace

    expect.tensor(replace(answer, value=flat), expected, rtol=1e-4, atol=1e-5, misconceptions=misreadings)
    return answer


FORWARD_EXAMPLE = (*SHAPES[0], 0, np.array([[0, 1], [4, 6], [2, 3]]))  # factor sizes 3 and 4; every part has a gradient


@EXERCISE.check("CollabNN.matches_reference", points=2, given=forward_cases, max_examples=10,
                # Always one case with a y_range of its own: the verdict must not depend on the draws.
                examples=[FORWARD_EXAMPLE, (*SHAPES[2], 3, np.array([[0, 1], [5, 4]]))],
                says="CollabNN's forward must concatenate the user's and the item's factors (user first), run them "
                     "through layers, and squash the result with sigmoid_range(..., *y_range).")
def collab_forward(learner, case):
    _expect_forward(learner, case)


@EXERCISE.check("CollabNN.y_range", points=1, given=forward_cases.filter(lambda c: "y_range" in c[2]), max_examples=5,
                says="CollabNN must squash its output into the y_range it is given.")
def collab_y_range(learner, case):
    _expect_forward(learner, case)


PART_NAMES = {"user_factors": "user_factors.weight", "item_factors": "item_factors.weight",
              "hidden_weight": "the first Linear's weight", "hidden_bias": "the first Linear's bias",
              "out_weight": "the last Linear's weight", "out_bias": "the last Linear's bias"}


def _reference_reached(case) -> dict[str, bool]:
    """Which parts the reference's gradient reaches (a ReLU dead on every row stops it, rightly)."""
    user_sz, item_sz, options, seed, x = case
    weights = {k: torch.from_numpy(v).requires_grad_(True)
               for k, v in _weights(user_sz, item_sz, options.get("n_act", 100), seed).items()}
    ref.forward_from_weights(weights, torch.from_numpy(x), tuple(options.get("y_range", (0, 5.5)))).sum().backward()
    return {name: bool(w.grad.any()) for name, w in weights.items()}


# The default y_range only: a hard-coded y_range is CollabNN.y_range's to catch, not this check's by chance.
@EXERCISE.check("CollabNN.gradients", points=1, given=forward_cases.filter(lambda c: "y_range" not in c[2]),
                max_examples=3, examples=[FORWARD_EXAMPLE],
                says="CollabNN must be trainable end to end: the gradient of its output reaches both embeddings and "
                     "every layer.")
def collab_gradients(learner, case):
    answer = _expect_forward(learner, case, backward=True)
    reached = answer.value.get("reached")
    if reached is None:
        expect.fail(answer, "an output that does not require grad", "an output autograd can differentiate",
                    misconception="detached_embeddings")
    missing = [name for name, wanted in _reference_reached(case).items() if wanted and not reached[name]]
    if missing:
        expect.fail(answer, f"no gradient reached {', '.join(PART_NAMES[m] for m in missing)}",
                    "a gradient for every parameter",
                    misconception="detached_embeddings" if any("factors" in m for m in missing) else None)
