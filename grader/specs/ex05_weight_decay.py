"""Checks for ex05: `l2_penalty`, `l2_penalty_grad` and `sgd_step`, against torch.optim.SGD."""
from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import torch
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import reference.ex05_weight_decay as ref
from grader import as_python, expect
from grader.from_scratch.check import expect_from_scratch
from grader.plain import TensorValue, tensor
from grader.probes import ex05_weight_decay as probes
from grader.probes.ex05_weight_decay import parameters
from grader.specs import Exercise

EXERCISE = Exercise("ex05_weight_decay", names=["l2_penalty", "l2_penalty_grad", "sgd_step"])
GRID = (0.0, 0.5, -0.5, 1.0, -1.0, 1.5, -1.5, 2.0, -2.0, 3.0)  # short numbers in a failure's call

rates = st.one_of(st.sampled_from([0.1, 0.5, 1.0, 0.01]), st.integers(1, 100).map(lambda k: k / 100))
decays = st.one_of(st.sampled_from([0.1, 0.01, 0.5]), st.integers(1, 100).map(lambda k: k / 100))
shapes = hnp.array_shapes(min_dims=1, max_dims=2, max_side=3)  # 1-D and 2-D parameters


def _grid_array(shape: tuple, seed: int) -> np.ndarray:
    """Numbers from GRID, picked by a seeded generator: hypothesis draws (and shrinks) the shape and the
    seed, which costs a tenth of drawing every number."""
    return np.asarray(np.random.default_rng(seed).choice(np.array(GRID, np.float32), size=shape), dtype=np.float32)


# A value and a gradient of one shape, made together as a [2, *shape] array.
pairs = st.builds(lambda shape, seed: _grid_array((2, *shape), seed), shapes, st.integers(0, 2**16))
tensor_lists = st.builds(lambda shape_list, seed: [_grid_array((2, *s), seed + i) for i, s in enumerate(shape_list)],
                         st.lists(shapes, min_size=1, max_size=4), st.integers(0, 2**16))
SHAPES_EXAMPLE = [np.array([[1.0, -2.0, 0.5], [0.5, 1.0, -1.0]], np.float32),
                  np.arange(8, dtype=np.float32).reshape(2, 2, 2) / 2 - 1,
                  np.array([[3.0], [-1.0]], np.float32)]  # shapes [3], [2, 2] and [1]


def _number(x) -> float | None:
    """A returned value as a float, if it is a number or a one-element tensor."""
    if isinstance(x, TensorValue) and x.array.size == 1:
        return float(x.array)
    return float(x) if isinstance(x, (int, float)) and not isinstance(x, bool) else None


def _sq(values: list[np.ndarray]) -> list[float]:
    return [float((v.astype(np.float64) ** 2).sum()) for v in values]


def _close(a, b, rtol: float = 1e-4, atol: float = 1e-5) -> bool:
    return np.shape(a) == np.shape(b) and bool(np.allclose(a, b, rtol=rtol, atol=atol))


# -- l2_penalty --------------------------------------------------------------------------------------

def _penalty_misreadings(values: list[np.ndarray], wd: float) -> list:
    sq, right = _sq(values), wd * sum(_sq(values))

    def is_value(got, other) -> bool:
        number = _number(got)
        return number is not None and not np.isclose(other, right) and bool(np.isclose(number, other, rtol=1e-4, atol=1e-6))

    return [
        ("number_not_tensor", lambda got: isinstance(got, (int, float))),
        ("half_wd", lambda got: is_value(got, right / 2)),
        ("no_wd", lambda got: is_value(got, sum(sq))),
        ("norm_not_squared", lambda got: is_value(got, wd * sum(np.sqrt(sq)))),
        ("mean_not_sum", lambda got: is_value(got, wd * sum(s / v.size for s, v in zip(sq, values)))),
        ("last_param_only", lambda got: is_value(got, wd * sq[-1])),
    ]


def _expected_penalty(values: list[np.ndarray], wd: float) -> np.ndarray:
    return ref.l2_penalty([torch.from_numpy(v) for v in values], wd).numpy()


@EXERCISE.check("l2_penalty.matches_reference", points=2, given=st.tuples(tensor_lists, decays), max_examples=15,
                examples=[(list(SHAPES_EXAMPLE), 0.1)],
                says="l2_penalty(params, wd) must be wd times the sum, over every tensor p, of (p ** 2).sum(): "
                     "a 0-dim tensor.")
def penalty_value(learner, case):
    arrays, wd = case
    values = [a[0] for a in arrays]
    answer = learner.call("l2_penalty", [tensor(v) for v in values], wd, expect_error=True)
    expect.tensor(answer, _expected_penalty(values, wd), dtype="float", rtol=1e-5, atol=1e-6,
                  misconceptions=_penalty_misreadings(values, wd))


def _penalty_call(values: list[np.ndarray], upstream: list[np.ndarray], wd: float) -> str:
    lines = ["params = [" + ", ".join(f"nn.Parameter({as_python.code(tensor(v))})" for v in values) + "]",
             "upstream = [" + ", ".join(as_python.code(tensor(u)) for u in upstream) + "]",
             "model = nn.ParameterList(params)",
             "loss = sum((p * u).sum() for p, u in zip(params, upstream))",
             f"loss = loss + l2_penalty(model.parameters(), {as_python.code(wd)})",
             "loss.backward(); [p.grad for p in params]"]
    return "\n".join(lines)


@EXERCISE.check("l2_penalty.gradient", points=2, given=st.tuples(tensor_lists, decays), max_examples=12,
                examples=[(list(SHAPES_EXAMPLE), 0.1)],
                says="l2_penalty(model.parameters(), wd) added to a loss must add 2 * wd * p to each p.grad when the "
                     "loss is back-propagated: the penalty must be built from the parameters inside autograd.")
def penalty_gradient(learner, case):
    arrays, wd = case
    values, upstream = [a[0] for a in arrays], [a[1] for a in arrays]
    answer = learner.probe(probes.penalty_backward, [tensor(v) for v in values],
                           [tensor(u) for u in upstream], wd, call=lambda: _penalty_call(values, upstream, wd),
                           expect_error=True)
    expect.no_error(answer, [("params_used_as_list", lambda error: "generator" in error.message)])
    got, right = answer.value, wd * sum(_sq(values))

    def same_grads(extra: float) -> bool:
        return all(isinstance(g, TensorValue) and _close(g.array, u + extra * v)
                   for g, u, v in zip(got["grads"], upstream, values))

    def walked_past_some() -> bool:
        """The penalty counts only the parameters after the first k: a first walk used those up."""
        sq, penalty = _sq(values), _number(got["penalty"])
        return penalty is not None and not np.isclose(penalty, right) and any(
            np.isclose(penalty, wd * sum(sq[k:]), rtol=1e-4, atol=1e-6) for k in range(1, len(sq) + 1))

    misreadings = [
        ("params_walked_twice", lambda _: walked_past_some()),
        ("penalty_on_data", lambda _: same_grads(0)),
        ("half_wd", lambda _: same_grads(wd)),
    ]
    for i, (g, u, v) in enumerate(zip(got["grads"], upstream, values)):
        want = TensorValue((u + 2 * wd * v).astype(np.float32), "float32")
        expect.compare_arrays(answer, g.array if isinstance(g, TensorValue) else np.full(u.shape, np.nan), want.array,
                              got_shown=f"params[{i}].grad = {as_python.value(g)}",
                              expected_shown=f"params[{i}].grad = upstream[{i}] + 2 * wd * params[{i}] = {as_python.value(want)}",
                              rtol=1e-4, atol=1e-5, misconceptions=misreadings)


EMPTY = {"list": "[]", "tuple": "()", "generator": "nn.ParameterList().parameters()"}


@EXERCISE.check("l2_penalty.empty", points=1, given=st.tuples(st.sampled_from(sorted(EMPTY)), decays), max_examples=4,
                examples=[("list", 0.1), ("generator", 0.5)],
                says="l2_penalty of no parameters (an empty list, or a model without any) must be a 0-dim tensor 0, "
                     "which a loss can add like any other penalty.")
def penalty_empty(learner, case):
    container, wd = case
    answer = learner.probe(probes.penalty_of_nothing, container, wd,
                           call=f"l2_penalty({EMPTY[container]}, {as_python.code(wd)})", expect_error=True)
    expect.no_error(answer, [("stack_of_nothing", lambda error: "non-empty" in error.message),
                             ("sum_from_nothing", lambda error: "NoneType" in error.message)])
    got = answer.value
    zero = "a 0-dim tensor 0, such as tensor(0.)"
    if not isinstance(got, TensorValue) or got.shape != () or got.dtype == "bool":
        expect.fail(answer, as_python.value(got) if isinstance(got, TensorValue) else f"{type(got).__name__} {as_python.code(got)}",
                    zero, misconception="sum_from_nothing" if got is None else
                    "number_for_no_parameters" if isinstance(got, (int, float)) else None)
    if float(got.array) != 0:
        expect.fail(answer, as_python.value(got), zero)


@EXERCISE.check("l2_penalty.from_scratch", points=1, given=st.tuples(tensor_lists, decays), max_examples=3,
                examples=[(list(SHAPES_EXAMPLE), 0.1)],
                says="l2_penalty must be tensor arithmetic: nothing from torch.optim.")
def penalty_scratch(learner, case):
    arrays, wd = case
    values = [a[0] for a in arrays]
    answer = learner.call("l2_penalty", [tensor(v) for v in values], wd, watch=True)
    expect_from_scratch(learner, answer, "l2_penalty")
    expect.tensor(answer, _expected_penalty(values, wd), dtype="float", rtol=1e-5, atol=1e-6)


# -- l2_penalty_grad ---------------------------------------------------------------------------------

grad_cases = st.tuples(  # param (0-, 1- or 2-D), wd, and whether param requires grad
    st.builds(_grid_array, hnp.array_shapes(min_dims=0, max_dims=2, max_side=3), st.integers(0, 2**16)),
    decays, st.booleans())


@EXERCISE.check("l2_penalty_grad.matches_reference", points=2, given=grad_cases, max_examples=15,
                examples=[(np.array([1.0, -2.0, 0.5], np.float32), 0.1, False)],
                says="l2_penalty_grad(param, wd) must return the gradient of wd * (param ** 2).sum(): 2 * wd * param, "
                     "a new tensor of param's shape, leaving param as it was.")
def penalty_grad_values(learner, case):
    param, wd, requires_grad = case
    call = as_python.call_text("l2_penalty_grad", [tensor(param, requires_grad=requires_grad), wd])
    answer = learner.probe(probes.penalty_grad, tensor(param, requires_grad=requires_grad), wd,
                           call=call, expect_error=True)
    expect.no_error(answer)
    if answer.value["param_changed"]:
        expect.fail(answer, "param was changed in place", "param left as it was", misconception="changed_param")
    p = param.astype(np.float64)
    expected = ref.l2_penalty_grad(torch.from_numpy(param), wd).numpy()

    def is_value(got, other) -> bool:
        return _close(got.array, other) and not _close(other, expected)

    expect.tensor(replace(answer, value=answer.value["out"]), expected, dtype="float", rtol=1e-5, atol=1e-6,
                  misconceptions=[
                      ("penalty_not_gradient", lambda got: is_value(got, wd * p ** 2) or is_value(got, wd * (p ** 2).sum())),
                      ("missing_two", lambda got: is_value(got, wd * p)),
                      ("missing_wd", lambda got: is_value(got, 2 * p)),
                      ("gradient_summed", lambda got: is_value(got, 2 * wd * p.sum())),
                  ])


# -- sgd_step ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class StepCase:
    values: list  # float32 arrays, one per parameter
    grads: list  # float32 arrays, or None for a parameter without a gradient
    lr: float
    wd: float | None  # None: left at the default, 0.0
    container: str = "list"  # how params are handed over: list, tuple or generator (model.parameters())


def _step_case(arrays: list, lr: float, wd: float | None, container: str, missing: np.ndarray | None = None,
               where: int = 0) -> StepCase:
    values, grads = [a[0] for a in arrays], [a[1] for a in arrays]
    if missing is not None:  # one more parameter, somewhere in the list, that got no gradient
        where %= len(values) + 1
        values.insert(where, missing[0])
        grads.insert(where, None)
    return StepCase(values, grads, lr, wd, container)


def step_cases(*, missing: bool = False, containers: tuple = ("list",), wd_default: bool = True) -> st.SearchStrategy:
    """Cases for sgd_step; with `missing`, one parameter has no gradient (and at least one has one)."""
    wd = st.one_of(st.none(), decays) if wd_default else decays
    extra = (pairs, st.integers(0, 4)) if missing else ()
    return st.builds(_step_case, tensor_lists, rates, wd, st.sampled_from(containers), *extra)


STEP_EXAMPLE = StepCase([a[0] for a in SHAPES_EXAMPLE], [a[1] for a in SHAPES_EXAMPLE], 0.1, 0.5)


def _step_call(case: StepCase) -> str:
    lines = ["params = [" + ", ".join(f"nn.Parameter({as_python.code(tensor(v))})" for v in case.values) + "]"]
    lines += [f"params[{i}].grad = {as_python.code(tensor(g))}" for i, g in enumerate(case.grads) if g is not None]
    handed = {"list": "params", "tuple": "tuple(params)",
              "generator": "nn.ParameterList(params).parameters()"}[case.container]
    wd = "" if case.wd is None else f", wd={as_python.code(case.wd)}"
    lines.append(f"sgd_step({handed}, {as_python.code(case.lr)}{wd}); [p.data for p in params]")
    return "\n".join(lines)


def _run_step(learner, case: StepCase, watch: str | None = None):
    answer = learner.probe(probes.step, [tensor(v) for v in case.values],
                           [None if g is None else tensor(g) for g in case.grads], case.lr, case.wd, case.container,
                           call=lambda: _step_call(case), watch=watch, expect_error=True)
    expect.no_error(answer, [
        ("grad_none_not_skipped", lambda error: "NoneType" in error.message),
        ("in_place_outside_no_grad", lambda error: "leaf Variable that requires grad" in error.message),
        ("params_used_as_list", lambda error: "generator" in error.message),
    ])
    return answer


def _expected_step(case: StepCase) -> list[np.ndarray]:
    params = parameters([torch.from_numpy(v) for v in case.values],
                        [None if g is None else torch.from_numpy(g) for g in case.grads])
    ref.sgd_step(params, case.lr, case.wd or 0.0)
    return [p.detach().numpy() for p in params]


def _step_misreadings(case: StepCase, expected: list[np.ndarray]) -> list:
    lr, wd = case.lr, case.wd or 0.0
    before = [(v.astype(np.float64), g) for v, g in zip(case.values, case.grads)]

    def all_are(got: list, rule) -> bool:
        """Every parameter came out as `rule(p, grad)` says (a parameter without a gradient as it was),
        and that differs from what torch.optim.SGD does."""
        other = [v if g is None else rule(v, g.astype(np.float64)) for v, g in before]
        return all(isinstance(x, TensorValue) and _close(x.array, o) for x, o in zip(got, other)) \
            and not all(_close(o, e) for o, e in zip(other, expected))

    return [
        ("params_walked_twice", lambda got: case.container == "generator" and all_are(got, lambda p, g: p)),
        ("not_in_place", lambda got: all_are(got, lambda p, g: p)),
        ("wd_ignored", lambda got: all_are(got, lambda p, g: p - lr * g)),
        ("fastbook_two_wd", lambda got: all_are(got, lambda p, g: p - lr * (g + 2 * wd * p))),
        ("decay_not_times_lr", lambda got: all_are(got, lambda p, g: p - lr * g - wd * p)),
        ("gradient_ascent", lambda got: all_are(got, lambda p, g: p + lr * (g + wd * p))),
        ("decayed_without_grad", lambda got: any(g is None and not _close(x.array, v)
                                                 for x, (v, g) in zip(got, before))),
    ]


def _expect_params(answer, case: StepCase) -> None:
    expected = _expected_step(case)
    got = answer.value["params"]
    misreadings = _step_misreadings(case, expected)
    for i, (g, e) in enumerate(zip(got, expected)):
        shown = f"params[{i}] = " + as_python.value(TensorValue(e, "float32"))
        if not isinstance(g, TensorValue) or g.shape != e.shape:
            expect.fail(answer, f"params[{i}] = {as_python.value(g)}", shown, misconception=expect.diagnose(got, misreadings))
        expect.compare_arrays(answer, g.array, e, got_shown=f"params[{i}] = {as_python.value(g)}", expected_shown=shown,
                              rtol=1e-5, atol=1e-6, misconceptions=[(k, lambda _, t=t: t(got)) for k, t in misreadings])


@EXERCISE.check("sgd_step.matches_torch", points=2, given=step_cases(), max_examples=15, examples=[STEP_EXAMPLE],
                says="sgd_step(params, lr, wd) must change every parameter in place exactly as "
                     "torch.optim.SGD(params, lr=lr, weight_decay=wd).step() does: p -= lr * (p.grad + wd * p).")
def step_values(learner, case):
    _expect_params(_run_step(learner, case), case)


@EXERCISE.check("sgd_step.skips_missing_grads", points=1, given=step_cases(missing=True), max_examples=10,
                examples=[StepCase([STEP_EXAMPLE.values[0], np.array([2.0, -1.0], np.float32)],
                                   [STEP_EXAMPLE.grads[0], None], 0.1, 0.5)],  # decay would move the gradless one
                says="sgd_step must leave a parameter whose .grad is None untouched (no step, no decay), as "
                     "torch.optim.SGD does, and step all the others.")
def step_skips(learner, case):
    _expect_params(_run_step(learner, case), case)


@EXERCISE.check("sgd_step.keeps_gradients", points=1, given=step_cases(wd_default=False), max_examples=10,
                says="sgd_step must leave every p.grad as it found it, as torch.optim.SGD's step does: not zeroed "
                     "(that is zero_grad's job, the caller's) and not changed by the weight decay.")
def step_keeps_grads(learner, case):
    answer = _run_step(learner, case)
    for i, (got, g, v) in enumerate(zip(answer.value["grads"], case.grads, case.values)):
        want = TensorValue(g, "float32")
        misreadings = [
            ("zeroed_gradients", lambda x: x is None or not x.array.any()),
            ("decay_into_grad", lambda x: any(_close(x.array, g + k * case.wd * v) for k in (1, 2))),
        ]
        if not isinstance(got, TensorValue) or got.shape != g.shape:
            expect.fail(answer, f"params[{i}].grad = {as_python.value(got)}", f"params[{i}].grad = {as_python.value(want)}",
                        misconception=expect.diagnose(got, misreadings))
        expect.compare_arrays(answer, got.array, g, got_shown=f"params[{i}].grad = {as_python.value(got)}",
                              expected_shown=f"params[{i}].grad = {as_python.value(want)} (as before the step)",
                              rtol=1e-6, atol=1e-7, misconceptions=misreadings, got_value=got)


@EXERCISE.check("sgd_step.any_iterable", points=1, given=step_cases(containers=("generator", "tuple")),
                max_examples=10, examples=[StepCase(STEP_EXAMPLE.values, STEP_EXAMPLE.grads, 0.1, 0.5, "generator")],
                says="sgd_step must take params as any iterable, as torch.optim.SGD does: a tuple, or a generator "
                     "such as model.parameters(), which can be walked through only once.")
def step_iterables(learner, case):
    _expect_params(_run_step(learner, case), case)


@EXERCISE.check("sgd_step.from_scratch", points=1, given=step_cases(), max_examples=3, examples=[STEP_EXAMPLE],
                says="sgd_step must update the parameters with tensor arithmetic: nothing from torch.optim.")
def step_scratch(learner, case):
    answer = _run_step(learner, case, watch="sgd_step")
    expect_from_scratch(learner, answer, "sgd_step", misconception="optimizer_inside")
    _expect_params(answer, case)
